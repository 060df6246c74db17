#pragma once
// Random BN254 test inputs from a fixed-seed generator (reproducible runs).
#include <cstdint>
#include <random>
#include <vector>

#include "math/bn254/types.hpp"

namespace zkgpu::bn254_test {

using namespace bn254;

inline U256 random_below(std::mt19937_64& rng, const U256& bound) {
  for (;;) {
    U256 v{{rng(), rng(), rng(), rng() & 0x3fffffffffffffffULL}};
    if (detail::lt(v, bound)) return v;
  }
}
inline FrRaw random_scalar(std::mt19937_64& rng) { return random_below(rng, FrParams::modulus()); }
inline Fr random_fr(std::mt19937_64& rng) { return Fr::from_canonical(random_scalar(rng)); }
inline Fq random_fq(std::mt19937_64& rng) { return Fq::from_canonical(random_below(rng, FqParams::modulus())); }

// k * G for random k: points spread over the group.
template <class F>
Affine<F> random_point(std::mt19937_64& rng, const Affine<F>& g) {
  return scalar_mul(Jacobian<F>::from_affine(g), random_scalar(rng)).to_affine();
}

// n random points cheaply: a random start point, then repeated additions of a
// random step (each point costs one addition and one inversion).
template <class F>
std::vector<Affine<F>> random_points(std::mt19937_64& rng, const Affine<F>& g, size_t n) {
  std::vector<Affine<F>> out;
  out.reserve(n);
  Jacobian<F> p = Jacobian<F>::from_affine(random_point(rng, g));
  const Jacobian<F> step = Jacobian<F>::from_affine(random_point(rng, g));
  for (size_t i = 0; i < n; ++i) {
    out.push_back(p.to_affine());
    p += step;
  }
  return out;
}

inline std::vector<FrRaw> random_scalars(std::mt19937_64& rng, size_t n) {
  std::vector<FrRaw> out(n);
  for (auto& s : out) s = random_scalar(rng);
  return out;
}

inline FrRaw r_minus(uint64_t k) {
  U256 v = FrParams::modulus();
  v.limbs[0] -= k;
  return v;
}

}  // namespace zkgpu::bn254_test
