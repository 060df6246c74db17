#pragma once
// GPU Pippenger MSM over BN254 G1 (F = Fq) and G2 (F = Fq2), on device-resident
// inputs. Plain C++ interface for src/backends/cuda.
//
// Method: every scalar is split into signed c-bit digits (math/bn254/msm_digits.hpp);
// the (window, |digit|) bucket keys of all windows are radix-sorted together with
// the point indices (CUB); each bucket's points are summed by threads that each
// take at most a fixed number of points (mixed XYZZ additions), then those partial
// sums are reduced level by level until one sum per bucket is left, so a bucket
// holding most points (e.g. many scalars equal to 1) cannot serialise the run.
// Buckets are combined per window with segmented running sums, the windows by
// Horner's rule on the host.
#include <cuda_runtime_api.h>

#include <cstddef>

#include "math/bn254/types.hpp"

namespace zkgpu::cuda::msm {

// sum scalars[i] * bases[i] for i < n; both pointers are device memory.
// Scalars must be canonical (< r). c = 0 picks the window size from n. Inputs
// larger than the per-pass limit are processed in chunks.
template <class F>
bn254::Jacobian<F> msm(const bn254::Affine<F>* d_bases, const bn254::FrRaw* d_scalars, size_t n,
                       cudaStream_t stream, unsigned c = 0);

// The window size msm() uses for n points.
unsigned window_bits(size_t n);

}  // namespace zkgpu::cuda::msm
