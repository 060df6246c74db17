#include "sp1/pcs/jagged.hpp"

#include <string>

#include "sp1/errors.hpp"
#include "sp1/multilinear/eq.hpp"
#include "sp1/multilinear/sumcheck.hpp"
#include "sp1/pcs/jagged_eval.hpp"

namespace zkgpu::sp1::pcs {

namespace {

[[noreturn]] void reject(const std::string& what) { throw Rejected("jagged: " + what); }

}  // namespace

template <class C>
void verify_jagged(const JaggedParams& params, std::span<const typename Iop<C>::Digest> commitments,
                   std::span<const EF> z_row, std::span<const std::vector<EF>> evaluation_claims,
                   const wire::JaggedPcsProof<C>& proof, typename Iop<C>::Challenger& challenger) {
  const auto& tables = proof.row_counts_and_column_counts;
  for (const auto& t : tables)
    if (t.empty()) reject("a round has an empty table of row and column counts");

  // Counts must be field elements (they are hashed below); with that, each table's
  // area is below 2^62 and the sums below cannot overflow before the bound on them.
  uint64_t num_columns = 0, total = 0;
  for (const auto& t : tables) {
    if (t.size() >= F::kP) reject("table longer than the field");
    for (const auto& [rows, cols] : t) {
      if (rows >= F::kP || cols >= F::kP) reject("row or column count not below the field's modulus");
      num_columns += cols;
      total += uint64_t(rows) * cols;
      if (total >= (uint64_t(1) << 62)) reject("total area out of bounds");
    }
  }
  if (num_columns == 0) reject("no columns");
  const size_t log_m = multilinear::log2_ceil(total);
  if (proof.max_log_row_count != params.max_log_row_count || proof.log_m != log_m)
    reject("max log row count or log_m does not match");

  const size_t num_col_vars = multilinear::log2_ceil(num_columns);
  const std::vector<EF> z_col = challenger.sample_point(num_col_vars);
  if (z_row.size() != params.max_log_row_count) reject("row point has the wrong dimension");

  const size_t rounds = params.stacked.num_expected_commitments;
  if (commitments.size() != rounds || evaluation_claims.size() != rounds || tables.size() != rounds ||
      proof.merkle_tree_commitments.size() != rounds)
    reject("wrong number of rounds");
  for (const auto& t : tables)
    if (t.size() < 2) reject("a round lacks its two padding tables");
  for (size_t r = 0; r < rounds; ++r) {
    uint64_t real_columns = 0;
    for (size_t i = 0; i + 2 < tables[r].size(); ++i) real_columns += tables[r][i].second;
    if (evaluation_claims[r].size() != real_columns)
      reject("round " + std::to_string(r) + " has " + std::to_string(evaluation_claims[r].size()) +
             " column claims for " + std::to_string(real_columns) + " columns");
  }

  // Each commitment binds its round's table: compress(original, hash(len, rows..., cols...)).
  for (size_t r = 0; r < rounds; ++r) {
    std::vector<F> shape;
    shape.reserve(1 + 2 * tables[r].size());
    shape.push_back(F::from_canonical(uint32_t(tables[r].size())));
    for (const auto& rc : tables[r]) shape.push_back(F::from_canonical(uint32_t(rc.first)));
    for (const auto& rc : tables[r]) shape.push_back(F::from_canonical(uint32_t(rc.second)));
    if (Iop<C>::compress(proof.merkle_tree_commitments[r], Iop<C>::hash(shape)) != commitments[r])
      reject("round " + std::to_string(r) + " table of sizes does not match its commitment");
  }

  // SP1's padding: the real area is padded to a multiple of the stacking height by
  // full columns of 2^max_log_row_count rows and one final partial column.
  const uint64_t max_rows = uint64_t(1) << params.max_log_row_count;
  const uint64_t stack = uint64_t(1) << params.stacked.log_stacking_height;
  std::vector<size_t> total_areas(rounds);
  std::vector<size_t> added_columns(rounds);
  for (size_t r = 0; r < rounds; ++r) {
    const auto& t = tables[r];
    uint64_t area = 0;  // below 2^62 per table (both counts are below 2^31); stops at 2^30
    for (size_t i = 0; i + 2 < t.size() && area < (uint64_t(1) << 30); ++i) area += uint64_t(t[i].first) * t[i].second;
    if (area == 0 || area >= (uint64_t(1) << 30)) reject("round " + std::to_string(r) + " area out of bounds");
    const uint64_t added_vals = (area + stack - 1) / stack * stack - area;
    const uint64_t added_cols = std::max<uint64_t>(1, (added_vals + max_rows - 1) / max_rows);
    const auto& uniform = t[t.size() - 2];
    const auto& final = t[t.size() - 1];
    if (uniform.second + 1 != added_cols || final.second != 1 || uniform.first != max_rows ||
        final.first != added_vals - (added_cols - 1) * max_rows)
      reject("round " + std::to_string(r) + " padding tables do not match the area");
    for (const auto& rc : t)
      if (rc.first > max_rows) reject("a row count exceeds 2^max_log_row_count");
    total_areas[r] = area + added_vals;
    added_columns[r] = added_cols;
  }
  if (log_m >= 30) reject("log_m out of bounds");

  // Column prefix sums, every column contributing its table's row count. The checks
  // above tie every column to a claim or a padding column, so this is proof-sized.
  std::vector<uint64_t> prefix_sums{0};
  prefix_sums.reserve(num_columns + 1);
  for (const auto& t : tables)
    for (const auto& [rows, cols] : t)
      for (size_t c = 0; c < cols; ++c) prefix_sums.push_back(prefix_sums.back() + rows);

  // Column claims with zeros for the padding columns, then to a power of two.
  std::vector<EF> column_claims;
  column_claims.reserve(size_t(1) << num_col_vars);
  for (size_t r = 0; r < rounds; ++r) {
    column_claims.insert(column_claims.end(), evaluation_claims[r].begin(), evaluation_claims[r].end());
    column_claims.insert(column_claims.end(), added_columns[r], EF::zero());
  }
  if (prefix_sums.size() != column_claims.size() + 1) reject("column claims do not match the tables");
  column_claims.resize(size_t(1) << num_col_vars, EF::zero());
  if (!(multilinear::mle_eval<EF>(column_claims, z_col) == proof.sumcheck_proof.claimed_sum))
    reject("sumcheck claim does not match the column claims");

  multilinear::verify_partial_sumcheck(proof.sumcheck_proof, challenger, log_m, 2, "jagged");
  // SP1 also checks here that consecutive prefix sums are monotone (full_geq = 1);
  // ours are built as running sums of counts, so they are monotone by construction.

  const std::vector<EF>& z_trace = proof.sumcheck_proof.point;
  const EF jagged_eval =
      verify_jagged_evaluation(prefix_sums, log_m + 1, z_row, z_col, z_trace, proof.jagged_eval_proof, challenger);
  if (!(proof.expected_eval * jagged_eval == proof.sumcheck_proof.eval))
    reject("dense evaluation times jagged evaluation does not match the sumcheck");

  // The dense trace's evaluation is not trusted: it enters the transcript first.
  challenger.observe_ext(proof.expected_eval);
  verify_stacked<C>(params.stacked, proof.merkle_tree_commitments, total_areas, z_trace, proof.pcs_proof,
                    proof.expected_eval, challenger);
}

template void verify_jagged<wire::InnerConfig>(const JaggedParams&, std::span<const wire::InnerDigest>,
                                               std::span<const EF>, std::span<const std::vector<EF>>,
                                               const wire::JaggedPcsProof<wire::InnerConfig>&,
                                               transcript::DuplexChallenger&);
template void verify_jagged<wire::OuterConfig>(const JaggedParams&, std::span<const wire::OuterDigest>,
                                               std::span<const EF>, std::span<const std::vector<EF>>,
                                               const wire::JaggedPcsProof<wire::OuterConfig>&,
                                               transcript::MultiFieldChallenger&);

}  // namespace zkgpu::sp1::pcs
