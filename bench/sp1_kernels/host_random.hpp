#pragma once
// Random host inputs for the families' parity checks: extension elements, points,
// and canonical values with 0, 1 and p - 1 mixed in.
#include <cstdint>
#include <random>
#include <vector>

#include "sp1/transcript/fields.hpp"

namespace zkgpu::bench::sp1k {

using sp1::EF;
using sp1::F;

inline uint32_t random_canonical(std::mt19937_64& rng) {
  const uint64_t k = rng() % 8;
  return k == 0 ? 0 : k == 1 ? 1 : k == 2 ? F::kP - 1 : uint32_t(rng() % F::kP);
}

inline std::vector<uint32_t> random_canonicals(size_t n, std::mt19937_64& rng) {
  std::vector<uint32_t> v(n);
  for (uint32_t& x : v) x = random_canonical(rng);
  return v;
}

inline EF random_ext(std::mt19937_64& rng) {
  EF e;
  for (auto& c : e.c) c = F::from_canonical(random_canonical(rng));
  return e;
}

inline std::vector<EF> random_exts(size_t n, std::mt19937_64& rng) {
  std::vector<EF> v(n);
  for (EF& e : v) e = random_ext(rng);
  return v;
}

}  // namespace zkgpu::bench::sp1k
