#include "sp1/pcs/stacked.hpp"

#include <string>

#include "sp1/errors.hpp"
#include "sp1/multilinear/eq.hpp"
#include "sp1/pcs/tensor.hpp"

namespace zkgpu::sp1::pcs {

template <class C>
void verify_stacked(const StackedParams& params, std::span<const typename Iop<C>::Digest> commitments,
                    std::span<const size_t> round_areas, std::span<const EF> point,
                    const wire::StackedBasefoldProof<C>& proof, const EF& evaluation_claim,
                    typename Iop<C>::Challenger& challenger) {
  const size_t lsh = params.log_stacking_height;
  if (point.size() < lsh) throw Rejected("stacked: point has fewer coordinates than the stacking height");
  const std::span<const EF> batch_point = point.first(point.size() - lsh);
  const std::span<const EF> stack_point = point.last(lsh);
  const auto& batch_evals = proof.batch_evaluations;
  if (batch_evals.size() != round_areas.size() || commitments.size() != round_areas.size())
    throw Rejected("stacked: rounds, commitments and batch evaluations differ in number");
  std::vector<EF> flat;
  for (size_t r = 0; r < round_areas.size(); ++r) {
    if (round_areas[r] % (size_t(1) << lsh) != 0 || (round_areas[r] >> lsh) != num_values(batch_evals[r]))
      throw Rejected("stacked: round " + std::to_string(r) + " has " + std::to_string(num_values(batch_evals[r])) +
                     " batch evaluations for an area of " + std::to_string(round_areas[r]));
    flat.insert(flat.end(), batch_evals[r].values.begin(), batch_evals[r].values.end());
  }
  if (batch_point.size() >= 63 || flat.size() > (uint64_t(1) << batch_point.size()))
    throw Rejected("stacked: more batch evaluations than the batch point addresses");
  if (!(multilinear::mle_eval<EF>(flat, batch_point) == evaluation_claim))
    throw Rejected("stacked: batch evaluations do not match the claimed evaluation");

  for (const auto& round : batch_evals) challenger.observe_ext_slice(round.values);
  verify_basefold<C>(params.fri, params.num_expected_commitments, commitments,
                     std::vector<EF>(stack_point.begin(), stack_point.end()), batch_evals, proof.basefold_proof,
                     challenger);
}

template void verify_stacked<wire::InnerConfig>(const StackedParams&, std::span<const wire::InnerDigest>,
                                                std::span<const size_t>, std::span<const EF>,
                                                const wire::StackedBasefoldProof<wire::InnerConfig>&, const EF&,
                                                transcript::DuplexChallenger&);
template void verify_stacked<wire::OuterConfig>(const StackedParams&, std::span<const wire::OuterDigest>,
                                                std::span<const size_t>, std::span<const EF>,
                                                const wire::StackedBasefoldProof<wire::OuterConfig>&, const EF&,
                                                transcript::MultiFieldChallenger&);

}  // namespace zkgpu::sp1::pcs
