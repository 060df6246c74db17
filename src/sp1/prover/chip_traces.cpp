#include "sp1/prover/chip_traces.hpp"

#include <stdexcept>
#include <string>

#include "sp1/prover/sumcheck_eq.hpp"
#include "sp1/prover/sumcheck_parallel.hpp"

namespace zkgpu::sp1::prover {

void check_chip_traces(std::span<const ChipTrace> chips, size_t max_log_row_count) {
  if (max_log_row_count == 0 || max_log_row_count >= 32)
    throw std::invalid_argument("max_log_row_count must be in 1..31");
  for (size_t i = 0; i < chips.size(); ++i) {
    const ChipTrace& c = chips[i];
    if (c.chip == nullptr) throw std::invalid_argument("chip " + std::to_string(i) + " is null");
    const std::string name(c.chip->name());
    if (i > 0 && !(chips[i - 1].chip->name() < c.chip->name()))
      throw std::invalid_argument(name + ": chips must be ordered by name without repeats");
    if (c.trace.main.size() != c.trace.rows * c.chip->width() ||
        c.trace.preprocessed.size() != c.trace.rows * c.chip->preprocessed_width())
      throw std::invalid_argument(name + ": trace matrices do not have the chip's widths");
    if (c.trace.rows > (size_t(1) << max_log_row_count))
      throw std::invalid_argument(name + ": " + std::to_string(c.trace.rows) + " rows exceed 2^" +
                                  std::to_string(max_log_row_count));
  }
}

TraceEvaluations evaluate_trace(const ChipTrace& c, std::span<const EF> point, unsigned threads) {
  const std::vector<EF> eq = eq_prefix(point, c.trace.rows);
  const size_t w = c.chip->width(), pw = c.chip->preprocessed_width();
  std::vector<EF> sums(w + pw, EF::zero());
  sum_ranges(eq.size(), threads, sums, [&](size_t b, size_t e, std::span<EF> acc) {
    for (size_t r = b; r < e; ++r) {
      for (size_t col = 0; col < w; ++col) acc[col] = acc[col] + eq[r].scale(c.trace.main[r * w + col]);
      for (size_t col = 0; col < pw; ++col)
        acc[w + col] = acc[w + col] + eq[r].scale(c.trace.preprocessed[r * pw + col]);
    }
  });
  const auto split = sums.begin() + ptrdiff_t(w);
  return {std::vector<EF>(sums.begin(), split), std::vector<EF>(split, sums.end())};
}

}  // namespace zkgpu::sp1::prover
