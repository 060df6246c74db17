#include "sp1/prover/zerocheck_round.hpp"

#include <algorithm>
#include <stdexcept>

#include "sp1/air/interaction.hpp"
#include "sp1/prover/sumcheck_eq.hpp"
#include "sp1/prover/sumcheck_parallel.hpp"
#include "sp1/prover/sumcheck_terms.hpp"

namespace zkgpu::sp1::prover {

namespace {

using terms::fold_pair;
using terms::lerp;
using terms::weigh;

template <class E>
EF constraint_fold(const air::MachineChip& chip, std::span<const E> main, std::span<const E> prep,
                   std::span<const F> public_values, const EF& alpha) {
  EF acc = EF::zero();
  for (const E& c : chip.eval(main, prep, public_values).constraints) acc = acc * alpha + air::as_ext(c);
  return acc;
}

}  // namespace

EF zerocheck_padding(const air::MachineChip& chip, std::span<const F> public_values, const EF& alpha) {
  const std::vector<F> zero_main(chip.width(), F::zero()), zero_prep(chip.preprocessed_width(), F::zero());
  return constraint_fold<F>(chip, zero_main, zero_prep, public_values, alpha);
}

std::vector<EF> zerocheck_batch_powers(const EF& batch_challenge, size_t columns) {
  std::vector<EF> powers;
  EF power = batch_challenge;
  for (size_t k = 0; k < columns; ++k) {
    powers.push_back(power);
    power = power * batch_challenge;
  }
  return powers;
}

ZerocheckOracle::ZerocheckOracle(std::span<const ChipTrace> chips, std::span<const F> public_values,
                                 const EF& alpha, const EF& batch_challenge, const EF& lambda, unsigned threads)
    : public_values_(public_values), alpha_(alpha), lambda_(lambda), threads_(threads) {
  for (const ChipTrace& c : chips)
    chips_.push_back({c.chip, c.trace, {}, {}, {}, c.trace.rows, zerocheck_padding(*c.chip, public_values, alpha),
                      zerocheck_batch_powers(batch_challenge, c.chip->width() + c.chip->preprocessed_width())});
}

template <class E>
void ZerocheckOracle::chip_round_sums(const ChipState& s, std::span<const E> main, std::span<const E> prep,
                                      std::span<const EF> eq_row, std::span<EF> q) const {
  const size_t w = s.chip->width(), pw = s.chip->preprocessed_width(), pairs = (s.rows + 1) / 2;
  sum_ranges(pairs, threads_, q, [&](size_t begin, size_t end, std::span<EF> acc) {
    std::vector<E> main_t(w), prep_t(pw);
    for (size_t j = begin; j < end; ++j) {
      const bool odd_real = 2 * j + 1 < s.rows;
      // The first round's geq is zero on every real row; beyond the rows it is one.
      const EF ga = extension_ ? s.geq[2 * j] : EF::zero();
      const EF gb = !odd_real ? EF::one() : extension_ ? s.geq[2 * j + 1] : EF::zero();
      for (uint32_t t = 0; t <= kDegree; ++t) {
        const F ft = F::from_canonical(t);
        EF batch = EF::zero();
        for (size_t col = 0; col < w; ++col) {
          main_t[col] = lerp(main[2 * j * w + col], odd_real ? main[(2 * j + 1) * w + col] : E::zero(), ft);
          batch = batch + weigh(s.batch_powers[col], main_t[col]);
        }
        for (size_t col = 0; col < pw; ++col) {
          prep_t[col] = lerp(prep[2 * j * pw + col], odd_real ? prep[(2 * j + 1) * pw + col] : E::zero(), ft);
          batch = batch + weigh(s.batch_powers[w + col], prep_t[col]);
        }
        const EF g = constraint_fold<E>(*s.chip, main_t, prep_t, public_values_, alpha_) -
                     s.padding * lerp(ga, gb, ft) + batch;
        acc[t] = acc[t] + eq_row[j] * g;
      }
    }
  });
}

void ZerocheckOracle::round_sums(std::span<const EF> high, std::span<EF> q) const {
  if (q.size() != kDegree + 1) throw std::invalid_argument("zerocheck round: wrong number of sums");
  size_t max_pairs = 0;
  for (const ChipState& s : chips_) max_pairs = std::max(max_pairs, (s.rows + 1) / 2);
  const std::vector<EF> eq_row = eq_prefix(high, max_pairs);
  std::fill(q.begin(), q.end(), EF::zero());
  std::vector<EF> chip_q(kDegree + 1);
  for (const ChipState& s : chips_) {
    std::fill(chip_q.begin(), chip_q.end(), EF::zero());
    if (extension_)
      chip_round_sums<EF>(s, s.main, s.prep, eq_row, chip_q);
    else
      chip_round_sums<F>(s, s.base.main, s.base.preprocessed, eq_row, chip_q);
    for (size_t t = 0; t <= kDegree; ++t) q[t] = q[t] * lambda_ + chip_q[t];
  }
}

template <class E>
void ZerocheckOracle::fold_chip(ChipState& s, std::span<const E> main, std::span<const E> prep, const EF& c) const {
  const size_t w = s.chip->width(), pw = s.chip->preprocessed_width(), pairs = (s.rows + 1) / 2;
  std::vector<EF> new_main(pairs * w), new_prep(pairs * pw), new_geq(pairs);
  for_ranges(pairs, threads_, [&](size_t begin, size_t end) {
    for (size_t j = begin; j < end; ++j) {
      const bool odd_real = 2 * j + 1 < s.rows;
      for (size_t col = 0; col < w; ++col)
        new_main[j * w + col] = fold_pair(main[2 * j * w + col], odd_real ? main[(2 * j + 1) * w + col] : E::zero(), c);
      for (size_t col = 0; col < pw; ++col)
        new_prep[j * pw + col] =
            fold_pair(prep[2 * j * pw + col], odd_real ? prep[(2 * j + 1) * pw + col] : E::zero(), c);
      const EF ga = extension_ ? s.geq[2 * j] : EF::zero();
      const EF gb = !odd_real ? EF::one() : extension_ ? s.geq[2 * j + 1] : EF::zero();
      new_geq[j] = fold_pair(ga, gb, c);
    }
  });
  s.main.swap(new_main);
  s.prep.swap(new_prep);
  s.geq.swap(new_geq);
  s.rows = pairs;
}

void ZerocheckOracle::fix_last_variable(const EF& c) {
  for (ChipState& s : chips_) {
    if (extension_) {
      const std::vector<EF> main = std::move(s.main), prep = std::move(s.prep);
      fold_chip<EF>(s, main, prep, c);
    } else {
      fold_chip<F>(s, s.base.main, s.base.preprocessed, c);
    }
  }
  extension_ = true;
}

TraceEvaluations ZerocheckOracle::openings(size_t chip) const {
  const ChipState& s = chips_.at(chip);
  if (!extension_ || s.rows > 1) throw std::logic_error("zerocheck: variables left unbound");
  TraceEvaluations out{std::vector<EF>(s.chip->width(), EF::zero()),
                       std::vector<EF>(s.chip->preprocessed_width(), EF::zero())};
  if (s.rows == 1) {
    std::copy(s.main.begin(), s.main.end(), out.main.begin());
    std::copy(s.prep.begin(), s.prep.end(), out.preprocessed.begin());
  }
  return out;
}

EF ZerocheckOracle::padding_indicator(size_t chip) const {
  const ChipState& s = chips_.at(chip);
  if (!extension_ || s.rows > 1) throw std::logic_error("zerocheck: variables left unbound");
  return s.rows == 1 ? s.geq[0] : EF::one();
}

}  // namespace zkgpu::sp1::prover
