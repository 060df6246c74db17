// What an interaction contributes to the LogUp sum: multiplicity / fingerprint, with
// fingerprint = alpha + beta_0 kind + sum_k beta_{k+1} value_k (SP1's Interaction::eval
// and the GKR circuit's leaves). Sends count positive, receives negative; over a
// whole machine the contributions cancel.
#pragma once

#include <span>

#include "sp1/air/evaluator.hpp"

namespace zkgpu::sp1::air {

inline Ext as_ext(Felt x) { return Embed<Ext>::from(x); }
inline const Ext& as_ext(const Ext& x) { return x; }

// betas must have at least values.size() + 1 elements.
template <class E>
Ext fingerprint(const Interaction<E>& i, const Ext& alpha, std::span<const Ext> betas) {
  Ext acc = alpha + betas[0] * as_ext(Felt::from_canonical(uint32_t(i.kind)));
  for (size_t k = 0; k < i.values.size(); ++k) acc = acc + betas[k + 1] * as_ext(i.values[k]);
  return acc;
}

}  // namespace zkgpu::sp1::air
