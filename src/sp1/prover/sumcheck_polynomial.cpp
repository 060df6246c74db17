#include "sp1/prover/sumcheck_polynomial.hpp"

#include <stdexcept>

namespace zkgpu::sp1::prover {

std::vector<EF> interpolate_at_integers(std::span<const EF> values) {
  const size_t n = values.size();
  if (n == 0) throw std::invalid_argument("interpolate_at_integers: no values");
  std::vector<EF> out(n, EF::zero());
  for (size_t i = 0; i < n; ++i) {
    // L_i(t) = prod_{j != i} (t - j) / (i - j), built up by coefficients in F.
    std::vector<F> basis{F::one()};
    F denominator = F::one();
    for (size_t j = 0; j < n; ++j) {
      if (j == i) continue;
      const F fj = F::from_canonical(uint32_t(j));
      std::vector<F> next(basis.size() + 1, F::zero());
      for (size_t k = 0; k < basis.size(); ++k) {
        next[k + 1] = next[k + 1] + basis[k];
        next[k] = next[k] - basis[k] * fj;
      }
      basis.swap(next);
      denominator = denominator * (F::from_canonical(uint32_t(i)) - fj);
    }
    const EF scaled = values[i].scale(denominator.inverse());
    for (size_t k = 0; k < n; ++k) out[k] = out[k] + scaled.scale(basis[k]);
  }
  return out;
}

std::vector<EF> times_linear(std::span<const EF> p, const EF& a, const EF& b) {
  std::vector<EF> out(p.size() + 1, EF::zero());
  for (size_t k = 0; k < p.size(); ++k) {
    out[k] = out[k] + p[k] * a;
    out[k + 1] = out[k + 1] + p[k] * b;
  }
  return out;
}

}  // namespace zkgpu::sp1::prover
