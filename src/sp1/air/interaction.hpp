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

// beta * x: a base-field x scales beta's coefficients (4 products, not 16).
inline Ext times(const Ext& beta, Felt x) { return beta.scale(x); }
inline Ext times(const Ext& beta, const Ext& x) { return beta * x; }

// The fingerprint of an interaction of `kind` whose k-th value is value_at(k), for
// k < count; betas must have at least count + 1 elements.
template <class ValueAt>
Ext fingerprint(InteractionKind kind, size_t count, ValueAt&& value_at, const Ext& alpha,
                std::span<const Ext> betas) {
  Ext acc = alpha + times(betas[0], Felt::from_canonical(uint32_t(kind)));
  for (size_t k = 0; k < count; ++k) acc = acc + times(betas[k + 1], value_at(k));
  return acc;
}

template <class E>
Ext fingerprint(const Interaction<E>& i, const Ext& alpha, std::span<const Ext> betas) {
  return fingerprint(i.kind, i.values.size(), [&](size_t k) -> const E& { return i.values[k]; }, alpha, betas);
}

}  // namespace zkgpu::sp1::air
