// The initial global cumulative sum of a program (MachineProgram::
// initial_global_cumulative_sum for SP1's Program, crates/core/executor/src/
// program.rs): every word of the initial memory image, and for a program with an
// untrusted-memory region every page's initial permission, enters as a global
// interaction sent by the setup: its message lifted to the septic curve
// (sp1/air/septic_curve.hpp) and negated. The points and SepticDigest::zero() are
// summed with the complete group law.
#pragma once

#include <array>
#include <cstdint>

#include "sp1/air/septic_curve.hpp"
#include "zkvm/memory_image.hpp"
#include "zkvm/program.hpp"

namespace zkgpu::sp1::setup {

// The message of a memory word (kind Memory, added by global_interaction_point):
// [0, 0, addr limbs 0..15, 16..31, 32..47, value bits 0..15 + 2^16 (bits 32..39),
// bits 16..31 + 2^16 (bits 40..47), bits 48..63].
std::array<uint32_t, 8> memory_word_message(uint64_t addr, uint64_t value);
// The message of a page's permission (kind PageProtAccess): [0, 0, page index bits
// 0..3, 4..19, 20..35 (split_page_idx), prot, 0, 0].
std::array<uint32_t, 8> page_prot_message(uint64_t page, uint8_t prot);

// The sum for `program`, on `threads` host threads (the result does not depend on
// them: the group is commutative).
air::septic::Point initial_global_cumulative_sum(const zkvm::Program& program, unsigned threads);

}  // namespace zkgpu::sp1::setup
