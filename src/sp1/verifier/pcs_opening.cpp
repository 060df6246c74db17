#include "sp1/verifier/pcs_opening.hpp"

#include <array>

namespace zkgpu::sp1::verifier {

std::vector<std::vector<wire::EF>> flattened_openings(const ShardChips& chips) {
  std::vector<std::vector<wire::EF>> rounds(2);
  for (const ShardChip& c : chips) {
    rounds[0].insert(rounds[0].end(), c.opening->preprocessed.begin(), c.opening->preprocessed.end());
    rounds[1].insert(rounds[1].end(), c.opening->main.begin(), c.opening->main.end());
  }
  return rounds;
}

template <class C>
void verify_pcs_opening(const ShardChips& chips, const wire::MachineVerifyingKey<C>& vk,
                        const wire::ShardProof<C>& proof, const pcs::JaggedParams& params,
                        typename pcs::Iop<C>::Challenger& challenger) {
  const std::array<typename pcs::Iop<C>::Digest, 2> commitments{vk.preprocessed_commit, proof.main_commitment};
  const auto claims = flattened_openings(chips);
  pcs::verify_jagged<C>(params, commitments, proof.zerocheck_proof.point, claims, proof.evaluation_proof, challenger);
}

template void verify_pcs_opening<wire::InnerConfig>(const ShardChips&, const wire::MachineVerifyingKey<wire::InnerConfig>&,
                                                    const wire::ShardProof<wire::InnerConfig>&, const pcs::JaggedParams&,
                                                    transcript::DuplexChallenger&);
template void verify_pcs_opening<wire::OuterConfig>(const ShardChips&, const wire::MachineVerifyingKey<wire::OuterConfig>&,
                                                    const wire::ShardProof<wire::OuterConfig>&, const pcs::JaggedParams&,
                                                    transcript::MultiFieldChallenger&);

}  // namespace zkgpu::sp1::verifier
