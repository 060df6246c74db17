#pragma once
// Independent plain-integer arithmetic mod p (no Montgomery form), used by the
// 31-bit field tests as the reference the real implementations must match.
#include <cstdint>
#include <random>
#include <vector>

namespace zkgpu::test31 {

inline uint64_t mulmod(uint64_t a, uint64_t b, uint64_t p) { return a * b % p; }
inline uint64_t powmod(uint64_t a, uint64_t e, uint64_t p) {
  uint64_t r = 1;
  for (a %= p; e; e >>= 1, a = a * a % p)
    if (e & 1) r = r * a % p;
  return r;
}
inline uint64_t invmod(uint64_t a, uint64_t p) { return powmod(a, p - 2, p); }

// out[k] = sum_j in[j] * w^(jk) mod p for one column.
inline std::vector<uint64_t> naive_dft(const std::vector<uint64_t>& in, uint64_t w, uint64_t p) {
  const size_t n = in.size();
  std::vector<uint64_t> out(n, 0);
  for (size_t k = 0; k < n; ++k) {
    const uint64_t wk = powmod(w, k, p);
    uint64_t x = 1, acc = 0;
    for (size_t j = 0; j < n; ++j, x = x * wk % p) acc = (acc + in[j] * x) % p;
    out[k] = acc;
  }
  return out;
}

// Random canonical values with the edge values 0, 1, p-1 mixed in.
inline std::vector<uint32_t> random_values(size_t n, uint32_t p, std::mt19937_64& rng) {
  std::uniform_int_distribution<uint32_t> d(0, p - 1);
  std::vector<uint32_t> v(n);
  for (size_t i = 0; i < n; ++i) {
    switch (rng() % 8) {
      case 0: v[i] = 0; break;
      case 1: v[i] = 1; break;
      case 2: v[i] = p - 1; break;
      default: v[i] = d(rng);
    }
  }
  return v;
}

}  // namespace zkgpu::test31
