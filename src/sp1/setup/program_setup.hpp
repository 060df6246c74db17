// Setup of an SP1 guest program (SP1's CpuShardProver::setup for the core machine,
// crates/hypercube/src/prover/shard.rs setup_from_vk, with crates/prover/src/
// components.rs's core parameters): the preprocessed traces of Byte, Program and
// Range committed, in name order, as one jagged round (pcs::core_params()), and
// the MachineVerifyingKey: pc_start, the initial global cumulative sum, the
// commitment and the untrusted-program config (MachineProgram for SP1's Program,
// crates/core/executor/src/program.rs). SP1's SP1VerifyingKey is this key; its
// bincode is the key's.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "sp1/air/machine.hpp"
#include "sp1/prover/shard_prover.hpp"
#include "sp1/setup/lookup_tables.hpp"
#include "zkvm/program.hpp"

namespace zkgpu::sp1::setup {

// The three chips, compiled once.
const air::MachineChip& program_chip();
const air::MachineChip& byte_chip();
const air::MachineChip& range_chip();

// The preprocessed traces of a program (row-major, the chips' preprocessed widths).
struct PreprocessedTraces {
  size_t program_rows = 0;
  std::vector<F> byte, program, range;
};
// Throws zkvm::TranspileError for a word SP1 cannot transpile.
PreprocessedTraces preprocessed_traces(const zkvm::Program& program);

// pc_start (entry as three 16-bit limbs), the initial global cumulative sum and the
// untrusted config of `variant` (untrusted programs on when the ELF names an
// untrusted-memory region; under mprotect also the trap handler flag, the trap
// context's three 8-byte slots and the region's bounds, as 16-bit limbs).
prover::ProgramConstants program_constants(const zkvm::Program& program, wire::Sp1Variant variant,
                                           unsigned threads);

struct SetupTimes {
  double traces_ms = 0, global_sum_ms = 0, commit_ms = 0;
};

struct ProgramSetup {
  prover::ShardProvingKey<wire::InnerConfig> pk;  // pk.vk: SP1's vk for the program
  std::vector<std::pair<std::string, size_t>> heights;  // preprocessed tables, name order
  SetupTimes times;
};

ProgramSetup setup_program(const zkvm::Program& program, wire::Sp1Variant variant,
                           const prover::PcsProverContext& ctx);

}  // namespace zkgpu::sp1::setup
