#include "sp1/air/trace_check.hpp"

#include <stdexcept>
#include <string>

namespace zkgpu::sp1::air {

namespace {

void check_shape(const MachineChip& chip, const TraceView& t) {
  if (t.main.size() != t.rows * chip.width() || t.preprocessed.size() != t.rows * chip.preprocessed_width())
    throw std::invalid_argument(std::string(chip.name()) + ": trace matrices do not have the chip's widths");
}

RowEvaluation<Felt> eval_row(const MachineChip& chip, const TraceView& t, size_t row,
                             std::span<const Felt> public_values) {
  const size_t w = chip.width(), pw = chip.preprocessed_width();
  return chip.eval(t.main.subspan(row * w, w), t.preprocessed.subspan(row * pw, pw), public_values);
}

}  // namespace

std::optional<Violation> first_violation(const MachineChip& chip, const TraceView& trace,
                                         std::span<const Felt> public_values) {
  check_shape(chip, trace);
  for (size_t row = 0; row < trace.rows; ++row) {
    const RowEvaluation<Felt> e = eval_row(chip, trace, row, public_values);
    for (size_t c = 0; c < e.constraints.size(); ++c)
      if (!e.constraints[c].is_zero()) return Violation{row, c};
  }
  return std::nullopt;
}

Ext interaction_sum(const MachineChip& chip, const TraceView& trace, std::span<const Felt> public_values,
                    const Ext& alpha, std::span<const Ext> betas) {
  check_shape(chip, trace);
  if (betas.size() < chip.max_interaction_arity())
    throw std::invalid_argument(std::string(chip.name()) + ": fewer betas than an interaction's arity");
  Ext sum = Ext::zero();
  for (size_t row = 0; row < trace.rows; ++row) {
    const RowEvaluation<Felt> e = eval_row(chip, trace, row, public_values);
    for (const auto* list : {&e.sends, &e.receives})
      for (const Interaction<Felt>& i : *list) {
        const Ext fp = fingerprint(i, alpha, betas);
        if (fp.is_zero()) throw std::invalid_argument("interaction fingerprint is zero");
        const Ext term = as_ext(i.multiplicity) * fp.inverse();
        sum = list == &e.sends ? sum + term : sum - term;
      }
  }
  return sum;
}

}  // namespace zkgpu::sp1::air
