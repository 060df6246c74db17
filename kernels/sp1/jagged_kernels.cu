// The jagged sumcheck's kernels: its tables, then the product sumcheck's rounds
// (grid-stride loops, block sums in shared memory).
#include "kernels/common/cuda_error.hpp"
#include "kernels/sp1/block_sum.cuh"
#include "kernels/sp1/jagged_kernels.hpp"

namespace zkgpu::cuda::sp1 {

namespace row = zkgpu::sp1::air::row;

namespace {

__device__ Ef lift(Fe x) { return row::embed<Ef>(x); }
__device__ Ef lift(const Ef& x) { return x; }
__device__ Ef times(Fe x, const Ef& y) { return y.scale(x); }
__device__ Ef times(const Ef& x, const Ef& y) { return x * y; }

__global__ void canonical_to_field_kernel(const uint32_t* in, uint64_t n, Fe* out) {
  for (uint64_t i = blockIdx.x * uint64_t(blockDim.x) + threadIdx.x; i < n; i += uint64_t(gridDim.x) * blockDim.x)
    out[i] = Fe::from_canonical(in[i]);
}

__global__ void dense_from_stacked_kernel(const uint32_t* m, uint64_t height, uint32_t width, Fe* dense) {
  const uint64_t total = height * width;
  for (uint64_t o = blockIdx.x * uint64_t(blockDim.x) + threadIdx.x; o < total; o += uint64_t(gridDim.x) * blockDim.x) {
    const uint64_t k = o / height, i = o % height;
    dense[o] = Fe::from_canonical(m[i * width + k]);
  }
}

// One thread per table value, in the table's order (coalesced reads; the writes
// go down one stacked column for consecutive rows).
__global__ void stack_table_kernel(const Fe* table, uint64_t rows, uint32_t cols, uint64_t base, unsigned log_stack,
                                   uint32_t width, uint32_t* message) {
  const uint64_t total = rows * cols, mask = (uint64_t(1) << log_stack) - 1;
  for (uint64_t o = blockIdx.x * uint64_t(blockDim.x) + threadIdx.x; o < total; o += uint64_t(gridDim.x) * blockDim.x) {
    const uint64_t r = o / cols, c = o % cols;
    const uint64_t p = base + c * rows + r;
    message[(p & mask) * width + (p >> log_stack)] = table[o].to_canonical();
  }
}

__global__ void jagged_table_kernel(const uint64_t* prefix, uint32_t columns, const Ef* col_eq, const Ef* row_eq,
                                    Ef* out, uint64_t len) {
  const uint64_t end = prefix[columns];
  for (uint64_t i = blockIdx.x * uint64_t(blockDim.x) + threadIdx.x; i < len; i += uint64_t(gridDim.x) * blockDim.x) {
    if (i >= end) {
      out[i] = Ef::zero();
      continue;
    }
    // The last column starting at or before i: prefix[c] <= i < prefix[c + 1]
    // (empty columns start where their successor does, so they are skipped).
    uint32_t lo = 0, hi = columns;  // prefix[lo] <= i < prefix[hi]
    while (hi - lo > 1) {
      const uint32_t mid = lo + (hi - lo) / 2;
      if (prefix[mid] <= i) lo = mid; else hi = mid;
    }
    out[i] = col_eq[lo] * row_eq[i - prefix[lo]];
  }
}

template <class A>
__global__ void product_round_kernel(const A* a, const Ef* b, uint64_t half, Ef* partials) {
  Ef acc[3] = {Ef::zero(), Ef::zero(), Ef::zero()};
  for (uint64_t i = blockIdx.x * uint64_t(blockDim.x) + threadIdx.x; i < half; i += uint64_t(gridDim.x) * blockDim.x) {
    const A a0 = a[2 * i], da = a[2 * i + 1] - a[2 * i];
    const Ef b0 = b[2 * i], db = b[2 * i + 1] - b[2 * i];
    acc[0] = acc[0] + times(a0, b0);
    acc[1] = acc[1] + times(a0, db) + times(da, b0);
    acc[2] = acc[2] + times(da, db);
  }
  block_sum<3>(acc, partials + 3 * blockIdx.x);
}

template <class A>
__global__ void product_bind_kernel(const A* v, uint64_t half, Ef alpha, Ef* out) {
  for (uint64_t i = blockIdx.x * uint64_t(blockDim.x) + threadIdx.x; i < half; i += uint64_t(gridDim.x) * blockDim.x)
    out[i] = lift(v[2 * i]) + times(v[2 * i + 1] - v[2 * i], alpha);
}

}  // namespace

void canonical_to_field(const uint32_t* in, uint64_t n, Fe* out, cudaStream_t stream) {
  if (n == 0) return;
  canonical_to_field_kernel<<<blocks_to_cover(n), kThreads, 0, stream>>>(in, n, out);
  check_launch("canonical_to_field");
}

void dense_from_stacked(const uint32_t* m, uint64_t height, uint32_t width, Fe* dense, cudaStream_t stream) {
  if (height == 0 || width == 0) return;
  dense_from_stacked_kernel<<<blocks_to_cover(height * width), kThreads, 0, stream>>>(m, height, width, dense);
  check_launch("dense_from_stacked");
}

void stack_table(const Fe* table, uint64_t rows, uint32_t cols, uint64_t base, unsigned log_stack, uint32_t width,
                 uint32_t* message, cudaStream_t stream) {
  if (rows == 0 || cols == 0) return;
  stack_table_kernel<<<blocks_to_cover(rows * cols), kThreads, 0, stream>>>(table, rows, cols, base, log_stack, width,
                                                                          message);
  check_launch("stack_table");
}

void jagged_table(const uint64_t* prefix, uint32_t columns, const Ef* col_eq, const Ef* row_eq, Ef* out, uint64_t len,
                  cudaStream_t stream) {
  if (len == 0) return;
  jagged_table_kernel<<<blocks_to_cover(len), kThreads, 0, stream>>>(prefix, columns, col_eq, row_eq, out, len);
  check_launch("jagged_table");
}

template <class A>
uint32_t product_round(const A* a, const Ef* b, uint64_t half, Ef* partials, cudaStream_t stream) {
  const uint32_t blocks = blocks_for(half);
  product_round_kernel<A><<<blocks, kThreads, 0, stream>>>(a, b, half, partials);
  check_launch("product_round");
  return blocks;
}

template <class A>
void product_bind(const A* v, uint64_t half, const Ef& alpha, Ef* out, cudaStream_t stream) {
  if (half == 0) return;
  product_bind_kernel<A><<<blocks_to_cover(half), kThreads, 0, stream>>>(v, half, alpha, out);
  check_launch("product_bind");
}

template uint32_t product_round<Fe>(const Fe*, const Ef*, uint64_t, Ef*, cudaStream_t);
template uint32_t product_round<Ef>(const Ef*, const Ef*, uint64_t, Ef*, cudaStream_t);
template void product_bind<Fe>(const Fe*, uint64_t, const Ef&, Ef*, cudaStream_t);
template void product_bind<Ef>(const Ef*, uint64_t, const Ef&, Ef*, cudaStream_t);

}  // namespace zkgpu::cuda::sp1
