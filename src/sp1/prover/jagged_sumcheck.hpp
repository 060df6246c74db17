// The tables of the jagged PCS's sumcheck (JaggedSumcheckProver in succinctlabs/sp1
// slop/crates/jagged/src/prover.rs, over HadamardProduct), on 2^log_m points:
//   a = the dense trace: every round's stacked columns in order, each `height`
//       values, zero beyond the last;
//   b = the jagged polynomial: J(i) = eq(z_col, c) eq(z_row, i - p_c) for i in
//       column c's rows [p_c, p_{c+1}), zero beyond the last column.
// sum_i a(i) J(i) is the columns' claims batched by eq(z_col, .).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

#include "backends/stark_ops.hpp"
#include "sp1/multilinear/sumcheck_prover_product.hpp"
#include "sp1/transcript/fields.hpp"

namespace zkgpu::sp1::prover {

// One committed round's stacked message: height x width canonical values,
// row-major, in host memory (values) or resident on a device (resident, values
// empty), where only that device's tables read it.
struct StackedMessage {
  std::span<const uint32_t> values;
  size_t height = 0;
  size_t width = 0;
  const ResidentMatrix* resident = nullptr;
};

// The product sumcheck's oracle over both tables in host memory, built on
// `threads`. prefix_sums: the columns' (one more than the columns, the last
// within 2^log_m); z_col addresses the columns, z_row each column's rows.
std::unique_ptr<multilinear::ProductSumcheckOracle> host_jagged_sumcheck(std::span<const StackedMessage> rounds,
                                                                         std::span<const uint64_t> prefix_sums,
                                                                         std::span<const EF> z_row,
                                                                         std::span<const EF> z_col, size_t log_m,
                                                                         unsigned threads);

}  // namespace zkgpu::sp1::prover
