#pragma once
// Round constants of the 31-bit Poseidon2 instances in __constant__ memory, one
// copy per translation unit (the kernels are compiled without relocatable device
// code). Built at compile time from the same tables the host uses.
#include <type_traits>

#include "math/poseidon2/poseidon2_31.hpp"

namespace zkgpu::cuda::p2dev {

static __constant__ poseidon2::KoalaBear16::Constants kKoalaBear16 = poseidon2::KoalaBear16::constants();
static __constant__ poseidon2::BabyBear16::Constants kBabyBear16 = poseidon2::BabyBear16::constants();

template <class I>
__device__ __forceinline__ const typename I::Constants& constants() {
  if constexpr (std::is_same_v<I, poseidon2::KoalaBear16>) {
    return kKoalaBear16;
  } else {
    static_assert(std::is_same_v<I, poseidon2::BabyBear16>, "no device constants for this instance");
    return kBabyBear16;
  }
}

}  // namespace zkgpu::cuda::p2dev
