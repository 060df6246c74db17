// The PCS parameters SP1 v6.4 fixes for the core machine and each recursion stage (succinctlabs/sp1
// crates/primitives/src/fri_params.rs, crates/prover/src/components.rs,
// crates/verifier/src/compressed/config.rs). Two commitment rounds per shard:
// preprocessed, then main (NUM_SP1_COMMITMENTS).
#pragma once

#include <cmath>
#include <cstddef>

#include "sp1/pcs/jagged.hpp"

namespace zkgpu::sp1::pcs {

inline constexpr size_t kShardCommitmentRounds = 2;
inline constexpr size_t kTargetSecurityBits = 100;

// Queries for unique decoding at rate 2^-log_blowup with `grinding_bits` of
// proof of work: ceil((100 - grinding_bits) / -log2(1/2 + rate/2)), as SP1 computes it
// in double precision (unique_decoding_queries_with_custom_grinding).
inline size_t unique_decoding_queries(size_t log_blowup, size_t grinding_bits) {
  const double rate = 1.0 / double(size_t(1) << log_blowup);
  const double half_rate_plus_half = 0.5 + rate / 2.0;
  return size_t(std::ceil(-double(kTargetSecurityBits - grinding_bits) / std::log2(half_rate_plus_half)));
}

// The core (RISC-V) machine: core_fri_config (crates/primitives/src/fri_params.rs:
// log blowup 2, 16 bits of grinding), CORE_LOG_STACKING_HEIGHT 21 and
// CORE_MAX_LOG_ROW_COUNT 22 (crates/prover/src/components.rs).
inline JaggedParams core_params() {
  JaggedParams p;
  p.stacked.fri = {2, unique_decoding_queries(2, 16), 16};
  p.stacked.num_expected_commitments = kShardCommitmentRounds;
  p.stacked.log_stacking_height = 21;
  p.max_log_row_count = 22;
  return p;
}

// Compress (and the other recursion stages on the inner configuration):
// recursion_fri_config (log blowup 2, 16 bits of grinding), stacking height 2^20,
// rows up to 2^21.
inline JaggedParams compress_params() {
  JaggedParams p;
  p.stacked.fri = {2, unique_decoding_queries(2, 16), 16};
  p.stacked.num_expected_commitments = kShardCommitmentRounds;
  p.stacked.log_stacking_height = 20;
  p.max_log_row_count = 21;
  return p;
}

// Wrap (outer configuration): wrap_fri_config (log blowup 3, 22 bits of grinding),
// stacking height 2^21, rows up to 2^21.
inline JaggedParams wrap_params() {
  JaggedParams p;
  p.stacked.fri = {3, unique_decoding_queries(3, 22), 22};
  p.stacked.num_expected_commitments = kShardCommitmentRounds;
  p.stacked.log_stacking_height = 21;
  p.max_log_row_count = 21;
  return p;
}

}  // namespace zkgpu::sp1::pcs
