#pragma once
// Batched Poseidon2 on the device (plain C++ interface; kernels in poseidon2_kernels.cu).
// One thread permutes one state held in registers; round constants live in
// __constant__ memory. Every function only enqueues work on `stream`.
#include <cuda_runtime_api.h>

#include <cstddef>
#include <cstdint>

namespace zkgpu::cuda {

// The 31-bit Poseidon2 instances (math/poseidon2/poseidon2_31.hpp).
enum class P2Instance : uint8_t {
  koalabear16,  // SP1 v6 (KoalaBear16)
  babybear16,   // Plonky3 (BabyBear16)
};

// Permutes n states of 16 canonical values in place; `states` is a device pointer
// aligned to 16 bytes. Values must be canonical (< p); the caller checks them.
void poseidon2_31_permute(P2Instance inst, uint32_t* states, size_t n, cudaStream_t stream);

// Permutes n BN254 width-3 states in place: 3 Fr elements per state, each four
// little-endian 64-bit limbs in Montgomery form (bn254::Fr's layout).
void poseidon2_bn254x3_permute(uint64_t* states, size_t n, cudaStream_t stream);

}  // namespace zkgpu::cuda
