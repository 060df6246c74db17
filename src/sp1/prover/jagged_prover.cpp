#include "sp1/prover/jagged_prover.hpp"

#include <optional>
#include <stdexcept>
#include <string>

#include "common/parallel_ranges.hpp"
#include "sp1/multilinear/eq.hpp"
#include "sp1/prover/jagged_eval_prover.hpp"
#include "sp1/prover/jagged_sumcheck.hpp"
#include "sp1/prover/pcs_device.hpp"
#include "sp1/prover/stacked_prover.hpp"

namespace zkgpu::sp1::prover {

std::vector<EF> jagged_column_evaluations(std::span<const TraceTable> tables, std::span<const EF> z_row,
                                          unsigned threads) {
  const std::vector<EF> eq = multilinear::partial_lagrange<EF>(z_row);
  std::vector<EF> out;
  for (const TraceTable& t : tables) {
    if (t.rows > eq.size() || t.values.size() != t.rows * t.cols)
      throw std::invalid_argument("jagged column evaluations: table taller than z_row addresses or not filled");
    const size_t first = out.size();
    out.resize(first + t.cols, EF::zero());
    parallel_ranges(t.cols, threads, 1, [&](size_t c0, size_t c1) {
      for (size_t c = c0; c < c1; ++c) {
        EF acc = EF::zero();
        for (size_t r = 0; r < t.rows; ++r) acc = acc + eq[r].scale(t.values[r * t.cols + c]);
        out[first + c] = acc;
      }
    });
  }
  return out;
}

template <class C>
wire::JaggedPcsProof<C> prove_jagged(const PcsProverContext& ctx, const pcs::JaggedParams& params,
                                     std::span<const JaggedCommitted<C>* const> rounds, std::span<const EF> z_row,
                                     std::span<const std::vector<EF>> evaluation_claims,
                                     typename pcs::Iop<C>::Challenger& challenger) {
  if (rounds.empty() || evaluation_claims.size() != rounds.size() || z_row.size() != params.max_log_row_count)
    throw std::invalid_argument("jagged prover: rounds, claims and row point do not fit the parameters");

  // Columns, their prefix sums and claims, across rounds (padding columns claim zero).
  std::vector<uint64_t> prefix_sums{0};
  std::vector<EF> column_claims;
  for (size_t r = 0; r < rounds.size(); ++r) {
    const auto& table = rounds[r]->row_and_column_counts;
    size_t real_columns = 0;
    for (size_t i = 0; i + 2 < table.size(); ++i) real_columns += table[i].second;
    if (evaluation_claims[r].size() != real_columns)
      throw std::invalid_argument("jagged prover: round " + std::to_string(r) + " has " +
                                  std::to_string(evaluation_claims[r].size()) + " claims for " +
                                  std::to_string(real_columns) + " columns");
    for (const auto& [rows, cols] : table)
      for (size_t c = 0; c < cols; ++c) prefix_sums.push_back(prefix_sums.back() + rows);
    column_claims.insert(column_claims.end(), evaluation_claims[r].begin(), evaluation_claims[r].end());
    column_claims.insert(column_claims.end(), rounds[r]->padding_columns, EF::zero());
  }
  const size_t num_columns = prefix_sums.size() - 1;
  const std::vector<EF> z_col = challenger.sample_point(multilinear::log2_ceil(num_columns));
  const uint64_t total = prefix_sums.back();
  const size_t log_m = multilinear::log2_ceil(total);
  column_claims.resize(size_t(1) << z_col.size(), EF::zero());
  const EF sumcheck_claim = multilinear::mle_eval<EF>(column_claims, z_col);

  std::optional<PhaseTimer> timer(std::in_place, ctx, &PcsPhaseTimes::jagged_sumcheck_ms);
  std::vector<StackedMessage> messages;
  std::vector<std::vector<uint32_t>> copies(rounds.size());  // resident messages brought to the host
  for (size_t r = 0; r < rounds.size(); ++r) {
    const BasefoldCommitted<C>& m = rounds[r]->stacked;
    messages.push_back(ctx.device && m.resident_message
                           ? StackedMessage{{}, m.height, m.width, m.resident_message.get()}
                           : StackedMessage{host_message(m, copies[r]), m.height, m.width});
  }
  const std::unique_ptr<multilinear::ProductSumcheckOracle> tables =
      ctx.device ? ctx.device->jagged_sumcheck(messages, prefix_sums, z_row, z_col, log_m)
                 : host_jagged_sumcheck(messages, prefix_sums, z_row, z_col, log_m, ctx.threads);

  wire::JaggedPcsProof<C> proof;
  multilinear::ProductSumcheckResult sc = multilinear::prove_product_sumcheck(*tables, log_m, sumcheck_claim, challenger);
  proof.sumcheck_proof = std::move(sc.proof);
  const std::vector<EF>& z_trace = proof.sumcheck_proof.point;
  timer.emplace(ctx, &PcsPhaseTimes::jagged_eval_ms);
  proof.jagged_eval_proof =
      prove_jagged_evaluation(prefix_sums, log_m + 1, z_row, z_col, z_trace, challenger, ctx.threads);
  timer.reset();

  proof.expected_eval = sc.a_eval;
  challenger.observe_ext(proof.expected_eval);
  std::vector<const BasefoldCommitted<C>*> stacked;
  for (const JaggedCommitted<C>* round : rounds) stacked.push_back(&round->stacked);
  proof.pcs_proof = prove_stacked<C>(ctx, params.stacked, stacked, z_trace, challenger);

  for (const JaggedCommitted<C>* round : rounds) {
    proof.row_counts_and_column_counts.push_back(round->row_and_column_counts);
    proof.merkle_tree_commitments.push_back(round->stacked.codeword.commitment());
  }
  proof.max_log_row_count = params.max_log_row_count;
  proof.log_m = log_m;
  return proof;
}

template wire::JaggedPcsProof<wire::InnerConfig> prove_jagged<wire::InnerConfig>(
    const PcsProverContext&, const pcs::JaggedParams&, std::span<const JaggedCommitted<wire::InnerConfig>* const>,
    std::span<const EF>, std::span<const std::vector<EF>>, transcript::DuplexChallenger&);
template wire::JaggedPcsProof<wire::OuterConfig> prove_jagged<wire::OuterConfig>(
    const PcsProverContext&, const pcs::JaggedParams&, std::span<const JaggedCommitted<wire::OuterConfig>* const>,
    std::span<const EF>, std::span<const std::vector<EF>>, transcript::MultiFieldChallenger&);

}  // namespace zkgpu::sp1::prover
