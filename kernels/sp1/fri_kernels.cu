// BaseFold's commit-phase kernels: grid-stride loops around the per-element code
// of sp1/prover/fri_fold_terms.hpp.
#include "kernels/common/cuda_error.hpp"
#include "kernels/sp1/block_sum.cuh"
#include "kernels/sp1/fri_kernels.hpp"
#include "sp1/prover/fri_fold_terms.hpp"

namespace zkgpu::cuda::sp1 {

namespace fri = zkgpu::sp1::prover::fri;

namespace {

__device__ Ef load_ext(const uint32_t* words) {
  Ef e;
  for (int k = 0; k < 4; ++k) e.c[k] = Fe::from_canonical(words[k]);
  return e;
}

__device__ void store_ext(const Ef& e, uint32_t* words) {
  for (int k = 0; k < 4; ++k) words[k] = e.c[k].to_canonical();
}

__global__ void batch_columns_kernel(const uint32_t* m, uint64_t rows, uint32_t width, const Ef* coeffs, Ef* acc,
                                     bool first) {
  for (uint64_t i = blockIdx.x * uint64_t(blockDim.x) + threadIdx.x; i < rows; i += uint64_t(gridDim.x) * blockDim.x) {
    Ef sum = first ? Ef::zero() : acc[i];
    const uint32_t* row = m + i * width;
    for (uint32_t c = 0; c < width; ++c) sum = sum + coeffs[c].scale(Fe::from_canonical(row[c]));
    acc[i] = sum;
  }
}

__global__ void ext_to_canonical_kernel(const Ef* v, uint64_t n, uint32_t* out) {
  for (uint64_t i = blockIdx.x * uint64_t(blockDim.x) + threadIdx.x; i < n; i += uint64_t(gridDim.x) * blockDim.x)
    store_ext(v[i], out + 4 * i);
}

__global__ void pair_dots_kernel(const Ef* eq, const Ef* v, uint64_t half, Ef* partials) {
  Ef acc[2] = {Ef::zero(), Ef::zero()};
  for (uint64_t i = blockIdx.x * uint64_t(blockDim.x) + threadIdx.x; i < half; i += uint64_t(gridDim.x) * blockDim.x) {
    acc[0] = acc[0] + eq[i] * v[2 * i];
    acc[1] = acc[1] + eq[i] * v[2 * i + 1];
  }
  block_sum<2>(acc, partials + 2 * blockIdx.x);
}

__global__ void fold_multilinear_kernel(const Ef* v, uint64_t half, Ef beta, Ef* out) {
  for (uint64_t i = blockIdx.x * uint64_t(blockDim.x) + threadIdx.x; i < half; i += uint64_t(gridDim.x) * blockDim.x)
    out[i] = fri::fold_multilinear_pair(v[2 * i], v[2 * i + 1], beta);
}

__global__ void fold_codeword_kernel(const uint32_t* code, unsigned log_half, Ef beta, Fe half_f, Fe w_inv,
                                     uint32_t* out) {
  const uint64_t half = uint64_t(1) << log_half;
  for (uint64_t j = blockIdx.x * uint64_t(blockDim.x) + threadIdx.x; j < half; j += uint64_t(gridDim.x) * blockDim.x) {
    const Ef e0 = load_ext(code + 8 * j), e1 = load_ext(code + 8 * j + 4);
    store_ext(fri::fold_codeword_pair(e0, e1, beta, half_f, fri::half_inverse_point(j, log_half, half_f, w_inv)),
              out + 4 * j);
  }
}

}  // namespace

void batch_columns(const uint32_t* m, uint64_t rows, uint32_t width, const Ef* coeffs, Ef* acc, bool first,
                   cudaStream_t stream) {
  if (rows == 0) return;
  batch_columns_kernel<<<blocks_to_cover(rows), kThreads, 0, stream>>>(m, rows, width, coeffs, acc, first);
  check_launch("batch_columns");
}

void ext_to_canonical(const Ef* v, uint64_t n, uint32_t* out, cudaStream_t stream) {
  if (n == 0) return;
  ext_to_canonical_kernel<<<blocks_to_cover(n), kThreads, 0, stream>>>(v, n, out);
  check_launch("ext_to_canonical");
}

uint32_t pair_dots(const Ef* eq, const Ef* v, uint64_t half, Ef* partials, cudaStream_t stream) {
  const uint32_t blocks = blocks_for(half);
  pair_dots_kernel<<<blocks, kThreads, 0, stream>>>(eq, v, half, partials);
  check_launch("pair_dots");
  return blocks;
}

void fold_multilinear(const Ef* v, uint64_t half, const Ef& beta, Ef* out, cudaStream_t stream) {
  if (half == 0) return;
  fold_multilinear_kernel<<<blocks_to_cover(half), kThreads, 0, stream>>>(v, half, beta, out);
  check_launch("fold_multilinear");
}

void fold_codeword(const uint32_t* code, unsigned log_half, const Ef& beta, uint32_t* out, cudaStream_t stream) {
  const Fe half_f = Fe::from_canonical(2).inverse();
  const Fe w_inv = Fe::two_adic_generator(log_half + 1).inverse();
  fold_codeword_kernel<<<blocks_to_cover(uint64_t(1) << log_half), kThreads, 0, stream>>>(code, log_half, beta,
                                                                                          half_f, w_inv, out);
  check_launch("fold_codeword");
}

}  // namespace zkgpu::cuda::sp1
