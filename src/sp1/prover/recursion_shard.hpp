// A recursion program as one shard for the shard prover: executed, its traces
// generated for a machine (compress or wrap), the chips in name order, and the
// constants SP1's RecursionProgram gives its vk (crates/recursion/executor/src/
// program.rs: pc_start zero, initial global cumulative sum SepticDigest::zero(),
// untrusted config zero).
#pragma once

#include <vector>

#include "sp1/prover/shard_prover.hpp"
#include "sp1/recursion/instruction.hpp"
#include "sp1/recursion/traces.hpp"

namespace zkgpu::sp1::prover {

struct RecursionShard {
  air::MachineKind machine;
  std::vector<recursion::ChipTrace> traces;  // owned; in the machine's order
  std::vector<F> public_values;

  // Views of `traces` in name order, as setup_shard and prove_shard take them
  // (valid while `traces` is neither resized nor destroyed).
  std::vector<ChipTrace> chips() const;
};

// Throws what execution and trace generation throw for a program the machine
// cannot run.
RecursionShard recursion_shard(const recursion::Program& program, air::MachineKind machine);

ProgramConstants recursion_program_constants();

}  // namespace zkgpu::sp1::prover
