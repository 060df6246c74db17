#include "sp1/prover/stacked_prover.hpp"

#include <optional>
#include <stdexcept>

#include "sp1/multilinear/eq.hpp"
#include "sp1/prover/basefold_prover.hpp"
#include "sp1/prover/pcs_device.hpp"
#include "sp1/prover/sumcheck_parallel.hpp"

namespace zkgpu::sp1::prover {

template <class C>
std::vector<EF> column_evaluations(const BasefoldCommitted<C>& round, std::span<const EF> point, unsigned threads) {
  if (round.height != (size_t(1) << point.size()))
    throw std::invalid_argument("column evaluations: the point does not address the message's rows");
  std::vector<uint32_t> copy;
  const std::span<const uint32_t> message = host_message(round, copy);
  const std::vector<EF> eq = multilinear::partial_lagrange<EF>(point);
  std::vector<EF> out(round.width, EF::zero());
  sum_ranges(round.height, threads, out, [&](size_t begin, size_t end, std::span<EF> acc) {
    for (size_t i = begin; i < end; ++i) {
      const uint32_t* row = message.data() + i * round.width;
      for (size_t k = 0; k < round.width; ++k) acc[k] = acc[k] + eq[i].scale(F::from_canonical(row[k]));
    }
  });
  return out;
}

template <class C>
wire::StackedBasefoldProof<C> prove_stacked(const PcsProverContext& ctx, const pcs::StackedParams& params,
                                            std::span<const BasefoldCommitted<C>* const> rounds,
                                            std::span<const EF> point, typename pcs::Iop<C>::Challenger& challenger) {
  const size_t lsh = params.log_stacking_height;
  if (point.size() < lsh) throw std::invalid_argument("stacked prover: point shorter than the stacking height");
  const std::span<const EF> stack_point = point.last(lsh);
  wire::StackedBasefoldProof<C> proof;
  std::vector<std::vector<EF>> claims;
  std::optional<PhaseTimer> timer(std::in_place, ctx, &PcsPhaseTimes::stacked_ms);
  for (const BasefoldCommitted<C>* round : rounds) {
    claims.push_back(ctx.device ? ctx.device->stacked_evaluations(
                                      {round->message, round->height, round->width, round->resident_message.get()},
                                      stack_point)
                                : column_evaluations(*round, stack_point, ctx.threads));
    proof.batch_evaluations.push_back(wire::Tensor<EF>{claims.back(), {claims.back().size()}});
  }
  timer.reset();
  for (const auto& c : claims) challenger.observe_ext_slice(c);
  proof.basefold_proof = prove_basefold<C>(ctx, params.fri, rounds, stack_point, claims, challenger);
  return proof;
}

template std::vector<EF> column_evaluations<wire::InnerConfig>(const BasefoldCommitted<wire::InnerConfig>&,
                                                               std::span<const EF>, unsigned);
template std::vector<EF> column_evaluations<wire::OuterConfig>(const BasefoldCommitted<wire::OuterConfig>&,
                                                               std::span<const EF>, unsigned);
template wire::StackedBasefoldProof<wire::InnerConfig> prove_stacked<wire::InnerConfig>(
    const PcsProverContext&, const pcs::StackedParams&, std::span<const BasefoldCommitted<wire::InnerConfig>* const>,
    std::span<const EF>, transcript::DuplexChallenger&);
template wire::StackedBasefoldProof<wire::OuterConfig> prove_stacked<wire::OuterConfig>(
    const PcsProverContext&, const pcs::StackedParams&, std::span<const BasefoldCommitted<wire::OuterConfig>* const>,
    std::span<const EF>, transcript::MultiFieldChallenger&);

}  // namespace zkgpu::sp1::prover
