#include "sp1/prover/basefold_prover.hpp"

#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "sp1/multilinear/eq.hpp"
#include "sp1/prover/fri_folder.hpp"
#include "sp1/prover/pcs_device.hpp"
#include "sp1/prover/pcs_grinding.hpp"

namespace zkgpu::sp1::prover {

template <class C>
wire::BasefoldProof<C> prove_basefold(const PcsProverContext& ctx, const pcs::FriConfig& fri,
                                      std::span<const BasefoldCommitted<C>* const> rounds, std::span<const EF> point,
                                      std::span<const std::vector<EF>> claims,
                                      typename pcs::Iop<C>::Challenger& challenger) {
  const size_t d = point.size();
  const size_t height = size_t(1) << d;
  if (rounds.empty() || claims.size() != rounds.size() || d == 0 || d + fri.log_blowup > pcs::kTwoAdicity)
    throw std::invalid_argument("basefold prover: rounds, claims and point do not fit");
  size_t total = 0;
  for (size_t r = 0; r < rounds.size(); ++r) {
    if (rounds[r]->height != height || claims[r].size() != rounds[r]->width)
      throw std::invalid_argument("basefold prover: round " + std::to_string(r) + " does not match the point or claims");
    total += rounds[r]->width;
  }

  wire::BasefoldProof<C> proof;
  {
    const PhaseTimer timer(ctx, &PcsPhaseTimes::grinding_ms);
    proof.batch_grinding_witness = grind_pcs(ctx, challenger, pcs::kBatchGrindingBits);
  }
  std::optional<PhaseTimer> fold_timer(std::in_place, ctx, &PcsPhaseTimes::basefold_fold_ms);
  const std::vector<EF> coeffs =
      multilinear::partial_lagrange<EF>(challenger.sample_point(multilinear::log2_ceil(total)));
  std::unique_ptr<FriFolder<C>> folder;
  if constexpr (std::is_same_v<C, wire::InnerConfig>)
    if (ctx.device) folder = ctx.device->fri_folder(rounds, coeffs, unsigned(fri.log_blowup));
  if (!folder) folder = host_fri_folder<C>(ctx, rounds, coeffs, unsigned(fri.log_blowup));

  challenger.observe_length(d);
  std::vector<CommittedTensor<C>> fri_trees;
  fri_trees.reserve(d);
  for (size_t j = 0; j < d; ++j) {
    // g(rest, 0) and g(rest, 1) at the point's remaining leading coordinates.
    const auto [at_zero, at_one] = folder->message(point.first(d - 1 - j));
    proof.univariate_messages.push_back({at_zero, at_one});
    challenger.observe_ext(at_zero);
    challenger.observe_ext(at_one);

    fri_trees.push_back(folder->commit());
    proof.fri_commitments.push_back(fri_trees.back().commitment());
    challenger.observe_digest(fri_trees.back().commitment());
    folder->fold(challenger.sample_ext());
  }

  proof.final_poly = folder->first_value();
  folder.reset();
  challenger.observe_ext(proof.final_poly);
  fold_timer.reset();
  {
    const PhaseTimer timer(ctx, &PcsPhaseTimes::grinding_ms);
    proof.pow_witness = grind_pcs(ctx, challenger, unsigned(fri.proof_of_work_bits));
  }

  const PhaseTimer query_timer(ctx, &PcsPhaseTimes::queries_ms);
  std::vector<size_t> indices(fri.num_queries);
  for (size_t& i : indices) i = challenger.sample_bits(unsigned(d + fri.log_blowup));
  for (const BasefoldCommitted<C>* round : rounds)
    proof.component_polynomials_query_openings_and_proofs.push_back(round->codeword.open(indices));
  for (const CommittedTensor<C>& tree : fri_trees) {
    for (size_t& i : indices) i >>= 1;
    proof.query_phase_openings_and_proofs.push_back(tree.open(indices));
  }
  return proof;
}

template wire::BasefoldProof<wire::InnerConfig> prove_basefold<wire::InnerConfig>(
    const PcsProverContext&, const pcs::FriConfig&, std::span<const BasefoldCommitted<wire::InnerConfig>* const>,
    std::span<const EF>, std::span<const std::vector<EF>>, transcript::DuplexChallenger&);
template wire::BasefoldProof<wire::OuterConfig> prove_basefold<wire::OuterConfig>(
    const PcsProverContext&, const pcs::FriConfig&, std::span<const BasefoldCommitted<wire::OuterConfig>* const>,
    std::span<const EF>, std::span<const std::vector<EF>>, transcript::MultiFieldChallenger&);

}  // namespace zkgpu::sp1::prover
