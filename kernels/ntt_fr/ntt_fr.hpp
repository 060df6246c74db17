#pragma once
// GPU NTT over BN254 Fr with the conventions of Bn254Ops::ntt_fr (natural order
// in and out, ffjavascript roots of unity, snarkjs odd coset). Plain C++
// interface for src/backends/cuda.
//
// Decimation in time: bit-reversal permutation (with the forward coset scaling
// folded in), the first 10 stages per 1024-element tile in shared memory, then
// one radix-2 pass per remaining stage. The inverse is the forward transform
// followed by k -> -k mod n and the 1/n (and coset) scaling, so one twiddle table
// w^j (j < n/2) per size serves both directions.
#include <cuda_runtime_api.h>

#include <memory>

#include "math/bn254/types.hpp"

namespace zkgpu::cuda::ntt_fr {

// Device tables for one size: twiddles and the powers of the coset shift, kept
// for repeated transforms of that size.
class Tables {
 public:
  virtual ~Tables() = default;
  virtual unsigned log_n() const noexcept = 0;
  virtual size_t bytes() const noexcept = 0;
};

std::unique_ptr<Tables> make_tables(unsigned log_n, cudaStream_t stream);

// d_in (n values, left unchanged unless d_in == d_out) -> d_out; d_scratch holds
// n values and must differ from both. log_n <= 28.
void ntt(const Tables& tables, const bn254::Fr* d_in, bn254::Fr* d_out, bn254::Fr* d_scratch, bool inverse,
         bool coset, cudaStream_t stream);

}  // namespace zkgpu::cuda::ntt_fr
