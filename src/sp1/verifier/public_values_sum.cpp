#include "sp1/verifier/public_values_sum.hpp"

#include "sp1/air/interaction.hpp"
#include "sp1/errors.hpp"

namespace zkgpu::sp1::verifier {

using wire::EF;

EF public_values_cumulative_sum(const PublicValuesAir* air, std::span<const wire::F> public_values,
                                const EF& challenge, const EF& alpha, std::span<const EF> betas) {
  if (!air) return EF::zero();
  const air::RowEvaluation<air::Felt> e = air->eval(public_values);
  EF folded = EF::zero();  // VerifierPublicValuesConstraintFolder::assert_zero
  for (const air::Felt& c : e.constraints) folded = folded * challenge + air::as_ext(c);
  if (!folded.is_zero()) throw Rejected("logup_gkr: public values constraints do not hold");
  EF digest = EF::zero();  // local_interaction_digest
  for (const auto* list : {&e.sends, &e.receives}) {
    for (const air::Interaction<air::Felt>& i : *list) {
      if (betas.size() < i.values.size() + 1) throw Rejected("logup_gkr: public values interaction wider than beta");
      const EF fp = air::fingerprint(i, alpha, betas);
      if (fp.is_zero()) throw Rejected("logup_gkr: public values interaction has a zero fingerprint");
      const EF term = air::as_ext(i.multiplicity) * fp.inverse();
      digest = list == &e.sends ? digest + term : digest - term;
    }
  }
  return EF::zero() - digest;
}

}  // namespace zkgpu::sp1::verifier
