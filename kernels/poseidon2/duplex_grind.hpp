#pragma once
// Device proof-of-work search for a duplex challenger (plain C++ interface; kernel
// in duplex_grind.cu). One thread tests one candidate with the shared per-candidate
// function of math/poseidon2/duplex_grinding.hpp. Only enqueues work.
#include <cuda_runtime_api.h>

#include <cstdint>

#include "math/field_id.hpp"

namespace zkgpu::cuda {

// Tests the witnesses first .. first + count - 1 (first + count <= p) against the
// state `start` (16 values in MONTGOMERY form, host memory) with the witness at
// `position` and the sample's low bits `mask`; every passing witness lowers
// *best (device memory) with atomicMin, so after the launch *best holds the
// smallest hit if it was larger before.
void duplex_grind_range(Field31 f, const uint32_t (&start)[16], unsigned position, uint32_t mask, uint32_t first,
                        uint32_t count, uint32_t* best, cudaStream_t stream);

}  // namespace zkgpu::cuda
