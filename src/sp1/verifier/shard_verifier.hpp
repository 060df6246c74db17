// SP1 v6's shard verifier for the recursion machine (crates/hypercube/src/verifier/
// shard.rs verify_shard, preceded by MachineVerifyingKey::observe_into as
// crates/prover/src/verify.rs does), in SP1's transcript order:
//   1. observe the vk; check and observe the public values, the main commitment,
//      each chip's row count and name;
//   2. check the proof's shape against the machine (chips, widths);
//   3. LogUp-GKR;
//   4. zerocheck with the chips' constraints folded at the sumcheck point;
//   5. the jagged PCS opening of the preprocessed and main traces at that point;
//   6. the jagged proof's row and column counts against the chips'.
// Every failure throws Rejected naming the check (e.g. "zerocheck: sumcheck round 7
// sum mismatch"); nothing else is thrown for a well-formed proof.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sp1/air/machine.hpp"
#include "sp1/pcs/params.hpp"
#include "sp1/verifier/shard_chips.hpp"
#include "sp1/wire/types.hpp"

namespace zkgpu::sp1::verifier {

// The PCS parameters of the stage whose proofs use configuration C: compress for
// InnerConfig, wrap for OuterConfig.
template <class C>
pcs::JaggedParams stage_params();

struct ChipRows {
  std::string name;
  uint64_t rows;
};

struct PhaseTime {
  std::string name;  // "observe", "shape", "logup_gkr", "zerocheck", "pcs"
  double ms;
};

struct ShardReport {
  std::string machine;          // "compress" or "wrap"
  std::vector<ChipRows> chips;  // in the shard's (name) order
  std::vector<PhaseTime> phases;
};

// Verifies one shard proof of `machine` under configuration C (InnerConfig for
// compress and shrink proofs, OuterConfig for the wrap proof).
template <class C>
ShardReport verify_shard(const wire::MachineVerifyingKey<C>& vk, const wire::ShardProof<C>& proof,
                         air::MachineKind machine);

// The steps, for callers that run them one by one (tests, benchmarks).

// Step 1: the transcript up to the GKR proof.
template <class C, class Challenger>
void observe_shard(const wire::MachineVerifyingKey<C>& vk, const wire::ShardProof<C>& proof,
                   const air::Machine& machine, size_t max_log_row_count, Challenger& challenger);

// Step 2: the proof's chips must be exactly the machine's (its one chip cluster), in
// name order in both opening maps, with the chips' widths.
template <class C>
ShardChips shard_chips(const air::Machine& machine, const wire::ShardProof<C>& proof);

// The row count a chip's big-endian bits encode.
uint64_t row_count(const std::vector<wire::F>& bits);

}  // namespace zkgpu::sp1::verifier
