// A shard's public values as the RISC-V machine's proofs carry them: SP1's
// PublicValues<u32, u64, u64, u32> turned into field elements (the From impl in
// crates/hypercube/src/air/public_values.rs: digest words as 4 bytes, addresses
// and pcs as three 16-bit limbs, page indices by split_page_idx, timestamps as
// bits 32..47, 24..31, 16..23, 0..15), in sp1/air/riscv/public_values.hpp's
// layout (the default build), padded with zeros to PROOF_MAX_NUM_PVS.
#pragma once

#include <vector>

#include "sp1/air/evaluator.hpp"
#include "zkvm/shard.hpp"

namespace zkgpu::sp1::riscv {

inline constexpr size_t kProofMaxNumPvs = 187;  // PROOF_MAX_NUM_PVS

std::vector<air::Felt> public_values_felts(const zkvm::PublicValues& pv);

}  // namespace zkgpu::sp1::riscv
