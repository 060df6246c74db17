#pragma once
// Random BN254 benchmark inputs, made fast on all host cores: distinct points
// P0 + i Q (one Jacobian addition each, normalised to affine with one inversion
// per block by Montgomery's batch-inversion trick) and uniform scalars < r.
#include <algorithm>
#include <random>
#include <thread>
#include <vector>

#include "math/bn254/types.hpp"

namespace zkgpu::bench {

template <class F>
std::vector<bn254::Affine<F>> random_points(const bn254::Affine<F>& g, size_t n, uint64_t seed) {
  using namespace bn254;
  std::mt19937_64 rng(seed);
  auto rand_scalar = [&] { return U256{{rng(), rng(), rng(), rng() & 0x0fffffffffffffffULL}}; };
  const Jacobian<F> p0 = scalar_mul(Jacobian<F>::from_affine(g), rand_scalar());
  const Jacobian<F> q = scalar_mul(Jacobian<F>::from_affine(g), rand_scalar());
  std::vector<Affine<F>> out(n);
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      const size_t b = n * t / threads, e = n * (t + 1) / threads;
      if (b == e) return;
      Jacobian<F> p = p0 + scalar_mul(q, U256{{uint64_t(b), 0, 0, 0}});
      std::vector<Jacobian<F>> jac(e - b);
      std::vector<F> prefix(e - b);
      F acc = F::one();
      for (size_t i = b; i < e; ++i) {
        jac[i - b] = p;
        prefix[i - b] = acc;
        acc = acc * p.z;
        p += q;
      }
      F inv = acc.inverse();  // 1 / (z_b ... z_(e-1))
      for (size_t i = e; i-- > b;) {
        const F zi = inv * prefix[i - b];
        inv = inv * jac[i - b].z;
        const F zi2 = zi.sqr();
        out[i] = Affine<F>{jac[i - b].x * zi2, jac[i - b].y * zi2 * zi};
      }
    });
  }
  for (auto& th : pool) th.join();
  return out;
}

inline std::vector<bn254::FrRaw> random_scalars(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<bn254::FrRaw> out(n);
  for (auto& s : out) {
    do {
      s = bn254::U256{{rng(), rng(), rng(), rng() & 0x3fffffffffffffffULL}};
    } while (!bn254::Fr::is_canonical(s));
  }
  return out;
}

}  // namespace zkgpu::bench
