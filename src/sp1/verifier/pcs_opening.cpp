#include "sp1/verifier/pcs_opening.hpp"

#include <stdexcept>

#include "sp1/verifier/transcript_for.hpp"

namespace zkgpu::sp1::verifier {

std::vector<std::vector<wire::EF>> flattened_openings(const ShardChips& chips) {
  std::vector<std::vector<wire::EF>> rounds(2);
  for (const ShardChip& c : chips) {
    rounds[0].insert(rounds[0].end(), c.opening->preprocessed.begin(), c.opening->preprocessed.end());
    rounds[1].insert(rounds[1].end(), c.opening->main.begin(), c.opening->main.end());
  }
  return rounds;
}

template <class C, class Challenger>
void verify_pcs_opening(const ShardChips& chips, const wire::MachineVerifyingKey<C>&, const wire::ShardProof<C>&,
                        const StageParams&, Challenger&) {
  (void)flattened_openings(chips);
  throw std::runtime_error("pcs: the jagged PCS verifier is not part of this build yet");
}

template void verify_pcs_opening(const ShardChips&, const wire::MachineVerifyingKey<wire::InnerConfig>&,
                                 const wire::ShardProof<wire::InnerConfig>&, const StageParams&,
                                 transcript::DuplexChallenger&);
template void verify_pcs_opening(const ShardChips&, const wire::MachineVerifyingKey<wire::OuterConfig>&,
                                 const wire::ShardProof<wire::OuterConfig>&, const StageParams&,
                                 transcript::MultiFieldChallenger&);

}  // namespace zkgpu::sp1::verifier
