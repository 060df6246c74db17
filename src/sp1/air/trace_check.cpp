#include "sp1/air/trace_check.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "sp1/air/program_eval.hpp"

namespace zkgpu::sp1::air {

namespace {

// Rows per block of the constraint check (air_eval_bench: blocks of 16 to 64 rows
// run about twice as fast as single rows).
constexpr size_t kBlockRows = 64;

void check_shape(const MachineChip& chip, const TraceView& t) {
  if (t.main.size() != t.rows * chip.width() || t.preprocessed.size() != t.rows * chip.preprocessed_width())
    throw std::invalid_argument(std::string(chip.name()) + ": trace matrices do not have the chip's widths");
}

void run_row(ProgramRunner<Felt>& runner, const MachineChip& chip, const TraceView& t, size_t row,
             std::span<const Felt> public_values) {
  const size_t w = chip.width(), pw = chip.preprocessed_width();
  runner.run(t.main.subspan(row * w, w), t.preprocessed.subspan(row * pw, pw), public_values);
}

}  // namespace

std::optional<Violation> first_violation(const MachineChip& chip, const TraceView& trace,
                                         std::span<const Felt> public_values) {
  check_shape(chip, trace);
  const ConstraintProgram constraints = constraints_only(chip.program());
  BatchRunner<Felt> runner(constraints, kBlockRows);
  for (size_t first = 0; first < trace.rows; first += kBlockRows) {
    const size_t count = std::min(kBlockRows, trace.rows - first);
    runner.run(trace.main, trace.preprocessed, first, count, public_values);
    for (size_t j = 0; j < count; ++j)
      for (size_t c = 0; c < constraints.constraints.size(); ++c)
        if (!runner.constraint(c, j).is_zero()) return Violation{first + j, c};
  }
  return std::nullopt;
}

Ext interaction_sum(const MachineChip& chip, const TraceView& trace, std::span<const Felt> public_values,
                    const Ext& alpha, std::span<const Ext> betas) {
  check_shape(chip, trace);
  if (betas.size() < chip.max_interaction_arity())
    throw std::invalid_argument(std::string(chip.name()) + ": fewer betas than an interaction's arity");
  const ConstraintProgram& p = chip.program();
  ProgramRunner<Felt> runner(p);
  Ext sum = Ext::zero();
  for (size_t row = 0; row < trace.rows; ++row) {
    run_row(runner, chip, trace, row, public_values);
    for (const auto* list : {&p.sends, &p.receives})
      for (const ProgramInteraction& i : *list) {
        const Ext fp = runner.fingerprint(i, alpha, betas);
        if (fp.is_zero()) throw std::invalid_argument("interaction fingerprint is zero");
        const Ext term = as_ext(runner.multiplicity(i)) * fp.inverse();
        sum = list == &p.sends ? sum + term : sum - term;
      }
  }
  return sum;
}

namespace {

// Interaction terms waiting for one batch inversion of their fingerprints.
class PendingTerms {
 public:
  explicit PendingTerms(KindSums& sums) : sums_(sums) {}
  PendingTerms(const PendingTerms&) = delete;
  PendingTerms& operator=(const PendingTerms&) = delete;

  void add(InteractionKind kind, const Felt& multiplicity, const Ext& fingerprint, bool send) {
    if (fingerprint.is_zero()) throw std::invalid_argument("interaction fingerprint is zero");
    terms_.push_back({fingerprint, send ? multiplicity : Felt::zero() - multiplicity, size_t(kind)});
    if (terms_.size() == kBatch) flush();
  }

  // prefix[i] = fp_0 ... fp_{i-1}; one inversion of the product gives every 1 / fp_i.
  void flush() {
    prefix_.resize(terms_.size());
    Ext acc = Ext::one();
    for (size_t i = 0; i < terms_.size(); ++i) {
      prefix_[i] = acc;
      acc = acc * terms_[i].fingerprint;
    }
    Ext inv = acc.inverse();
    for (size_t i = terms_.size(); i-- > 0;) {
      const Ext one_over = prefix_[i] * inv;
      inv = inv * terms_[i].fingerprint;
      Ext& slot = sums_.at(terms_[i].kind);
      slot = slot + times(one_over, terms_[i].signed_multiplicity);
    }
    terms_.clear();
  }

 private:
  static constexpr size_t kBatch = 4096;
  struct Term {
    Ext fingerprint;
    Felt signed_multiplicity;
    size_t kind;
  };
  KindSums& sums_;
  std::vector<Term> terms_;
  std::vector<Ext> prefix_;
};

}  // namespace

void add_interaction_sums(const MachineChip& chip, const TraceView& trace, std::span<const Felt> public_values,
                          const Ext& alpha, std::span<const Ext> betas, KindSums& sums) {
  check_shape(chip, trace);
  if (betas.size() < chip.max_interaction_arity())
    throw std::invalid_argument(std::string(chip.name()) + ": fewer betas than an interaction's arity");
  if (chip.program().sends.empty() && chip.program().receives.empty()) return;
  const ConstraintProgram p = interactions_only(chip.program());
  ProgramRunner<Felt> runner(p);
  PendingTerms pending(sums);
  for (size_t row = 0; row < trace.rows; ++row) {
    run_row(runner, chip, trace, row, public_values);
    for (const auto* list : {&p.sends, &p.receives})
      for (const ProgramInteraction& i : *list) {
        const Felt m = runner.multiplicity(i);
        if (m.is_zero()) continue;
        pending.add(i.kind, m, runner.fingerprint(i, alpha, betas), list == &p.sends);
      }
  }
  pending.flush();
}

}  // namespace zkgpu::sp1::air
