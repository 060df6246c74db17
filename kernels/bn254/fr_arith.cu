#include "kernels/bn254/fr_arith.hpp"

#include "kernels/common/cuda_error.hpp"

namespace zkgpu::cuda::fr_arith {

using bn254::Fr;
using bn254::FrRaw;

namespace {

__global__ void fr_arith_kernel(ArithOp op, const FrRaw* __restrict__ a, const FrRaw* __restrict__ b,
                                FrRaw* __restrict__ out, size_t n) {
  const size_t i = size_t(blockIdx.x) * blockDim.x + threadIdx.x;
  if (i >= n) return;
  const Fr x = Fr::from_canonical(a[i]);
  Fr r;
  switch (op) {
    case ArithOp::add: r = x + Fr::from_canonical(b[i]); break;
    case ArithOp::sub: r = x - Fr::from_canonical(b[i]); break;
    case ArithOp::mul: r = x * Fr::from_canonical(b[i]); break;
    default: r = x.inverse(); break;
  }
  out[i] = r.to_canonical();
}

}  // namespace

void run(ArithOp op, const FrRaw* d_a, const FrRaw* d_b, FrRaw* d_out, size_t n, cudaStream_t stream) {
  if (n == 0) return;
  constexpr unsigned threads = 256;
  fr_arith_kernel<<<unsigned((n + threads - 1) / threads), threads, 0, stream>>>(op, d_a, d_b, d_out, n);
  check_launch("fr_arith");
}

}  // namespace zkgpu::cuda::fr_arith
