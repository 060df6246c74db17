// Row bit-reversal: a grid-stride copy where every thread moves one 16-byte
// vector (column counts divisible by 4) or one word. Reads are coalesced along
// the source rows, writes along the destination rows.
#include <algorithm>
#include <cstdint>
#include <string>

#include "kernels/common/cuda_error.hpp"
#include "kernels/ntt/bitrev.hpp"

namespace zkgpu::cuda {

namespace {

constexpr unsigned kThreads = 256;

__device__ __forceinline__ uint64_t bitrev_row(uint64_t i, unsigned bits) {
  return bits ? __brevll(i) >> (64 - bits) : 0;
}

// T = uint4 (cols / 4 vectors per row) or uint32_t (cols words per row).
template <class T>
__global__ void __launch_bounds__(kThreads)
    bit_reverse_rows_kernel(const T* __restrict__ in, T* __restrict__ out, uint64_t rows, uint64_t per_row,
                            unsigned log_rows) {
  const uint64_t total = rows * per_row;
  for (uint64_t idx = blockIdx.x * uint64_t(kThreads) + threadIdx.x; idx < total;
       idx += uint64_t(gridDim.x) * kThreads) {
    const uint64_t i = idx / per_row, c = idx - i * per_row;
    out[bitrev_row(i, log_rows) * per_row + c] = in[idx];
  }
}

template <class T>
void launch(const T* in, T* out, uint64_t rows, uint64_t per_row, unsigned log_rows, cudaStream_t stream) {
  const uint64_t total = rows * per_row;
  const uint64_t blocks = std::min<uint64_t>((total + kThreads - 1) / kThreads, uint64_t(1) << 20);
  bit_reverse_rows_kernel<T><<<unsigned(blocks), kThreads, 0, stream>>>(in, out, rows, per_row, log_rows);
  check_launch("bit_reverse_rows_kernel");
}

}  // namespace

void bit_reverse_rows_device(const uint32_t* in, uint32_t* out, uint64_t rows, uint64_t cols, cudaStream_t stream) {
  if (rows == 0 || cols == 0) return;
  if (rows & (rows - 1))
    throw Error(ErrorCode::invalid_argument,
                "bit_reverse_rows: row count " + std::to_string(rows) + " is not a power of two");
  unsigned log_rows = 0;
  while ((uint64_t(1) << log_rows) < rows) ++log_rows;
  const bool vec = cols % 4 == 0 && reinterpret_cast<uintptr_t>(in) % 16 == 0 &&
                   reinterpret_cast<uintptr_t>(out) % 16 == 0;
  if (vec)
    launch(reinterpret_cast<const uint4*>(in), reinterpret_cast<uint4*>(out), rows, cols / 4, log_rows, stream);
  else
    launch(in, out, rows, cols, log_rows, stream);
}

}  // namespace zkgpu::cuda
