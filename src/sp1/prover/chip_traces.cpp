#include "sp1/prover/chip_traces.hpp"

#include <stdexcept>
#include <string>

#include "sp1/prover/sumcheck_eq.hpp"

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

namespace {

void evaluate_matrix(std::span<const F> m, size_t width, std::span<const EF> eq, std::vector<EF>& out) {
  out.assign(width, EF::zero());
  for (size_t r = 0; r < eq.size(); ++r)
    for (size_t c = 0; c < width; ++c) out[c] = out[c] + eq[r].scale(m[r * width + c]);
}

}  // namespace

TraceEvaluations evaluate_trace(const ChipTrace& c, std::span<const EF> point) {
  const std::vector<EF> eq = eq_prefix(point, c.trace.rows);
  TraceEvaluations out;
  evaluate_matrix(c.trace.main, c.chip->width(), eq, out.main);
  evaluate_matrix(c.trace.preprocessed, c.chip->preprocessed_width(), eq, out.preprocessed);
  return out;
}

}  // namespace zkgpu::sp1::prover
