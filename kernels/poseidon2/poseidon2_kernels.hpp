#pragma once
// Batched Poseidon2 on the device (plain C++ interface; kernels in poseidon2_kernels.cu).
// One thread permutes one state held in registers; round constants live in
// __constant__ memory. Every function only enqueues work on `stream`.
#include <cuda_runtime_api.h>

#include <cstddef>
#include <cstdint>

#include "math/field_id.hpp"

namespace zkgpu::cuda {

// Permutes n states of 16 canonical values in place with the field's instance
// (poseidon2::with_instance: SP1's KoalaBear16, Plonky3's BabyBear16); `states` is a device pointer
// aligned to 16 bytes. Values must be canonical (< p); the caller checks them.
void poseidon2_31_permute(Field31 f, uint32_t* states, size_t n, cudaStream_t stream);

// Permutes n BN254 width-3 states in place: 3 Fr elements per state, each four
// little-endian 64-bit limbs in Montgomery form (bn254::Fr's layout).
void poseidon2_bn254x3_permute(uint64_t* states, size_t n, cudaStream_t stream);

}  // namespace zkgpu::cuda
