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
//
// Everything that depends only on the scalars (digits, sort, the layout of the
// reduction levels) is a Decomposition: MSMs over the same scalars with
// different bases (Groth16's A, B1 and B2) build it once, and an MSM on a
// Decomposition queues its kernels without waiting for the device until its
// final read-back, so MSMs on different streams run concurrently.
#include <cuda_runtime_api.h>

#include <cstddef>
#include <memory>
#include <vector>

#include "math/bn254/types.hpp"

namespace zkgpu::cuda::msm {

class Decomposition {
 public:
  // d_scalars: n canonical (< r) scalars in device memory, read during the
  // constructor only. c = 0 picks the window size from n. Inputs larger than
  // the per-pass limit are split into passes. The buffers are allocated on
  // `stream`; MSMs on other streams must be ordered after it (an event).
  Decomposition(const bn254::FrRaw* d_scalars, size_t n, cudaStream_t stream, unsigned c = 0);
  ~Decomposition();
  Decomposition(Decomposition&&) noexcept;
  Decomposition& operator=(Decomposition&&) noexcept;

  size_t size() const noexcept { return n_; }

  struct Pass;  // one chunk of at most the per-pass limit of points (msm.cu)
  const std::vector<Pass>& passes() const noexcept { return passes_; }

 private:
  size_t n_ = 0;
  std::vector<Pass> passes_;
};

// sum scalars[i] * bases[i] over the decomposition's scalars; d_bases holds at
// least digits.size() points (device memory). Kernels run on `stream`.
template <class F>
bn254::Jacobian<F> msm(const bn254::Affine<F>* d_bases, const Decomposition& digits, cudaStream_t stream);

// The same in one call: decomposition and MSM on `stream`.
template <class F>
bn254::Jacobian<F> msm(const bn254::Affine<F>* d_bases, const bn254::FrRaw* d_scalars, size_t n,
                       cudaStream_t stream, unsigned c = 0);

// The window size msm() uses for n points.
unsigned window_bits(size_t n);

}  // namespace zkgpu::cuda::msm
