#include "sp1/prover/logup_gkr_round.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "sp1/multilinear/eq.hpp"
#include "sp1/prover/sumcheck_eq.hpp"
#include "sp1/prover/sumcheck_parallel.hpp"
#include "sp1/prover/sumcheck_terms.hpp"

namespace zkgpu::sp1::prover {

const std::array<EF, 4> GkrRoundOracle::kFill{terms::gkr_fill(0), terms::gkr_fill(1), terms::gkr_fill(2),
                                              terms::gkr_fill(3)};

EF gkr_padding_share(std::span<const EF> eq_int, std::span<const EF> row_point, std::span<const uint64_t> pairs) {
  // A chip's interactions all have its row count: their eq weights are summed
  // first, so the prefix sum over the rows is taken once per distinct count.
  std::map<uint64_t, EF> weight_by_pairs;
  EF share = EF::zero();
  for (size_t k = 0; k < eq_int.size(); ++k) {
    if (k < pairs.size()) {
      auto [it, fresh] = weight_by_pairs.try_emplace(pairs[k], eq_int[k]);
      if (!fresh) it->second = it->second + eq_int[k];
    } else {
      share = share + eq_int[k];
    }
  }
  for (const auto& [count, weight] : weight_by_pairs)
    share = share + weight * (EF::one() - eq_prefix_sum(row_point, count));
  return share;
}

GkrInteractionRounds::GkrInteractionRounds(Tables dense, const EF& lambda) : dense_(std::move(dense)), lambda_(lambda) {
  const size_t n = dense_[0].size();
  if (n == 0 || (n & (n - 1)) != 0) throw std::invalid_argument("GKR round: the dense tables need a power-of-two size");
  for (const auto& v : dense_)
    if (v.size() != n) throw std::invalid_argument("GKR round: the dense tables differ in size");
}

void GkrInteractionRounds::round_sums(std::span<const EF> high, std::span<EF> q) const {
  if (q.size() != 3) throw std::invalid_argument("GKR round: wrong number of sums");
  const std::vector<EF> eq = multilinear::partial_lagrange<EF>(high);
  if (2 * eq.size() != dense_[0].size()) throw std::logic_error("GKR round: point and tables disagree");
  EF acc[3] = {EF::zero(), EF::zero(), EF::zero()};
  for (size_t j = 0; j < eq.size(); ++j) {
    const EF lo[4] = {dense_[0][2 * j], dense_[1][2 * j], dense_[2][2 * j], dense_[3][2 * j]};
    const EF hi[4] = {dense_[0][2 * j + 1], dense_[1][2 * j + 1], dense_[2][2 * j + 1], dense_[3][2 * j + 1]};
    terms::gkr_pair_sums(lambda_, eq[j], lo, hi, acc);
  }
  std::copy(acc, acc + 3, q.begin());
}

void GkrInteractionRounds::fix_last_variable(const EF& c) {
  if (dense_[0].size() < 2) throw std::logic_error("GKR round: no variable left to bind");
  for (auto& v : dense_) {
    for (size_t j = 0; j < v.size() / 2; ++j) v[j] = terms::fold_pair(v[2 * j], v[2 * j + 1], c);
    v.resize(v.size() / 2);
  }
}

std::array<EF, 4> GkrInteractionRounds::final_values() const {
  if (dense_[0].size() != 1) throw std::logic_error("GKR round: variables left unbound");
  return {dense_[0][0], dense_[1][0], dense_[2][0], dense_[3][0]};
}

GkrRoundOracle::GkrRoundOracle(const GkrLayer& child, size_t interaction_vars, const EF& lambda, unsigned threads)
    : interaction_vars_(interaction_vars), row_vars_(child.row_vars - 1), lambda_(lambda), threads_(threads) {
  if (child.row_vars < 2) throw std::invalid_argument("GKR round: the child layer needs two row variables");
  if (child.columns.size() > (size_t(1) << interaction_vars))
    throw std::invalid_argument("GKR round: more interactions than the interaction variables hold");
  columns_.resize(child.columns.size());
  for (size_t k = 0; k < child.columns.size(); ++k) {
    const FractionColumn& c = child.columns[k];
    const size_t len = c.num.size(), half = (len + 1) / 2;
    Split& s = columns_[k];
    for (auto& v : s) v.resize(half);
    for_ranges(half, threads_, [&](size_t begin, size_t end) {
      for (size_t j = begin; j < end; ++j) {
        const bool odd_real = 2 * j + 1 < len;
        s[0][j] = c.num[2 * j];
        s[1][j] = odd_real ? c.num[2 * j + 1] : kFill[1];
        s[2][j] = c.den[2 * j];
        s[3][j] = odd_real ? c.den[2 * j + 1] : kFill[3];
      }
    });
  }
}

void GkrRoundOracle::round_sums(std::span<const EF> high, std::span<EF> q) const {
  if (q.size() != kDegree + 1) throw std::invalid_argument("GKR round: wrong number of sums");
  if (row_vars_ > 0)
    round_sums_rows(high, q);
  else
    dense_->round_sums(high, q);
}

void GkrRoundOracle::round_sums_rows(std::span<const EF> high, std::span<EF> q) const {
  const std::vector<EF> eq_int = multilinear::partial_lagrange<EF>(high.first(interaction_vars_));
  size_t max_pairs = 0;
  for (const Split& s : columns_) max_pairs = std::max(max_pairs, (s[0].size() + 1) / 2);
  const std::vector<EF> eq_row = eq_prefix(high.subspan(interaction_vars_), max_pairs);
  const std::vector<EF> eq_row_sums = prefix_sums(eq_row);

  std::fill(q.begin(), q.end(), EF::zero());
  for (size_t k = 0; k < eq_int.size(); ++k) {
    // Beyond the real interactions every row is padding: eq sums to one over them.
    std::array<EF, 3> acc{EF::one(), EF::one(), EF::one()};
    if (k < columns_.size()) {
      const Split& s = columns_[k];
      const size_t len = s[0].size(), pairs = (len + 1) / 2;
      const EF padding = EF::one() - eq_row_sums[pairs];
      acc = {padding, padding, padding};
      sum_ranges(pairs, threads_, acc, [&](size_t begin, size_t end, std::span<EF> part) {
        EF sums[3] = {part[0], part[1], part[2]};
        for (size_t j = begin; j < end; ++j) {
          EF lo[4], hi[4];
          for (size_t v = 0; v < 4; ++v) {
            lo[v] = s[v][2 * j];
            hi[v] = 2 * j + 1 < len ? s[v][2 * j + 1] : kFill[v];
          }
          terms::gkr_pair_sums(lambda_, eq_row[j], lo, hi, sums);
        }
        std::copy(sums, sums + 3, part.begin());
      });
    }
    for (size_t t = 0; t < 3; ++t) q[t] = q[t] + eq_int[k] * acc[t];
  }
}

void GkrRoundOracle::fix_last_variable(const EF& c) {
  if (row_vars_ == 0) {
    dense_->fix_last_variable(c);
    return;
  }
  for (Split& s : columns_) {
    const size_t len = s[0].size(), pairs = (len + 1) / 2;
    for (size_t v = 0; v < 4; ++v) {
      const std::vector<EF>& x = s[v];
      std::vector<EF> folded(pairs);  // not in place: parts would overwrite each other's inputs
      for_ranges(pairs, threads_, [&](size_t begin, size_t end) {
        for (size_t j = begin; j < end; ++j)
          folded[j] = terms::fold_pair(x[2 * j], 2 * j + 1 < len ? x[2 * j + 1] : kFill[v], c);
      });
      s[v].swap(folded);
    }
  }
  if (--row_vars_ > 0) return;
  // Every row bound: one value per interaction, the rest of the hypercube padding.
  GkrInteractionRounds::Tables dense;
  for (size_t v = 0; v < 4; ++v) {
    dense[v].assign(size_t(1) << interaction_vars_, kFill[v]);
    for (size_t k = 0; k < columns_.size(); ++k)
      if (!columns_[k][v].empty()) dense[v][k] = columns_[k][v][0];
  }
  columns_.clear();
  dense_.emplace(std::move(dense), lambda_);
}

std::array<EF, 4> GkrRoundOracle::final_values() const {
  if (row_vars_ != 0 || !dense_) throw std::logic_error("GKR round: variables left unbound");
  return dense_->final_values();
}

}  // namespace zkgpu::sp1::prover
