// A shard's public values as the RISC-V machine's proofs carry them: SP1's
// PublicValues<u32, u64, u64, u32> turned into field elements (the From impl in
// crates/hypercube/src/air/public_values.rs: digest words as 4 bytes, addresses
// and pcs as three 16-bit limbs, page indices by split_page_idx, timestamps as
// bits 32..47, 24..31, 16..23, 0..15), in sp1/air/riscv/public_values.hpp's
// layout for the build, padded with zeros to PROOF_MAX_NUM_PVS. The `mprotect`
// build's trap-handler fields are the program's (SP1's PublicValues::initialize).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "sp1/air/evaluator.hpp"
#include "sp1/air/riscv/columns.hpp"
#include "zkvm/program.hpp"
#include "zkvm/shard.hpp"

namespace zkgpu::sp1::riscv {

inline constexpr size_t kProofMaxNumPvs = 187;  // PROOF_MAX_NUM_PVS

// The `mprotect` build's trap-handler fields of a program: a handler when the
// ELF names a trap context, its three slots addr, addr + 8, addr + 16, and the
// untrusted-memory region's start and end.
struct TrapHandlerValues {
  bool enabled = false;
  std::array<uint64_t, 3> trap_context{};
  std::array<uint64_t, 2> untrusted_memory{};
};
TrapHandlerValues trap_handler_values(const zkvm::Program& program);

std::vector<air::Felt> public_values_felts(const zkvm::PublicValues& pv, air::riscv::Features features,
                                           const TrapHandlerValues& trap);

}  // namespace zkgpu::sp1::riscv
