#include "sp1/prover/jagged_sumcheck.hpp"

#include <stdexcept>
#include <vector>

#include "common/parallel_ranges.hpp"
#include "sp1/multilinear/eq.hpp"

namespace zkgpu::sp1::prover {

std::unique_ptr<multilinear::ProductSumcheckOracle> host_jagged_sumcheck(std::span<const StackedMessage> rounds,
                                                                         std::span<const uint64_t> prefix_sums,
                                                                         std::span<const EF> z_row,
                                                                         std::span<const EF> z_col, size_t log_m,
                                                                         unsigned threads) {
  const size_t len = size_t(1) << log_m;
  size_t stacked = 0;
  for (const StackedMessage& r : rounds) stacked += r.height * r.width;
  if (prefix_sums.size() < 2 || prefix_sums.back() > len || stacked > len)
    throw std::invalid_argument("jagged sumcheck: the columns do not fit 2^log_m points");

  std::vector<F> dense(len, F::zero());
  size_t base = 0;
  for (const StackedMessage& r : rounds) {
    parallel_ranges(r.width, threads, 1, [&](size_t k0, size_t k1) {
      for (size_t k = k0; k < k1; ++k)
        for (size_t i = 0; i < r.height; ++i) dense[base + k * r.height + i] = F::from_canonical(r.values[i * r.width + k]);
    });
    base += r.width * r.height;
  }

  std::vector<EF> jagged(len, EF::zero());
  const size_t columns = prefix_sums.size() - 1;
  const std::vector<EF> col_eq = multilinear::partial_lagrange<EF>(z_col);
  const std::vector<EF> row_eq = multilinear::partial_lagrange<EF>(z_row);
  if (columns > col_eq.size()) throw std::invalid_argument("jagged sumcheck: more columns than z_col addresses");
  for (size_t c = 0; c < columns; ++c)
    if (prefix_sums[c + 1] < prefix_sums[c] || prefix_sums[c + 1] - prefix_sums[c] > row_eq.size())
      throw std::invalid_argument("jagged sumcheck: a column taller than z_row addresses");
  parallel_ranges(columns, threads, 1, [&](size_t c0, size_t c1) {
    for (size_t c = c0; c < c1; ++c)
      for (uint64_t i = prefix_sums[c]; i < prefix_sums[c + 1]; ++i)
        jagged[size_t(i)] = col_eq[c] * row_eq[size_t(i - prefix_sums[c])];
  });
  return std::make_unique<multilinear::HostProductOracle<F>>(std::move(dense), std::move(jagged), threads);
}

}  // namespace zkgpu::sp1::prover
