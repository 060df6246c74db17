#pragma once
// Device memory each StarkOps operation holds at its peak, in one place: the CUDA
// backend checks and allocates by these numbers and the request pipelines give
// them to the scheduler as their estimates. (The CPU backend's host buffers are
// no larger.) All sizes are in u32 words of canonical values times 4 bytes.
#include <cstdint>

namespace zkgpu::stark_workspace {

// Operands and result (inv reads no b).
constexpr uint64_t arith(uint64_t values, bool unary) { return values * 4 * (unary ? 2 : 3); }

// The matrix, its transformed copy, and the cached twiddle tables (about one word per row).
constexpr uint64_t ntt_buffers(uint64_t rows, uint64_t cols) { return 2 * rows * cols * 4; }
constexpr uint64_t ntt(uint64_t rows, uint64_t cols) { return ntt_buffers(rows, cols) + rows * 4; }

constexpr uint64_t bit_reverse_rows(uint64_t rows, uint64_t cols) { return 2 * rows * cols * 4; }

// Input, scratch and output of the extension, and the twiddles of the big size.
constexpr uint64_t lde_buffers(uint64_t rows, uint64_t cols, unsigned log_blowup) {
  return (rows * cols + 2 * (rows << log_blowup) * cols) * 4;
}
constexpr uint64_t lde(uint64_t rows, uint64_t cols, unsigned log_blowup) {
  return lde_buffers(rows, cols, log_blowup) + (rows << log_blowup) * 4;
}

constexpr uint64_t poseidon2(uint64_t values) { return values * 4; }

// The 2h - 1 digests of a tree (all a commitment over one resident matrix adds:
// it borrows the matrix).
constexpr uint64_t merkle_nodes(uint64_t height) { return (2 * height - 1) * 32; }

// The tensor rows and the tree.
constexpr uint64_t merkle_commit(uint64_t height, uint64_t width) {
  return height * width * 4 + merkle_nodes(height);
}

// The padded matrix (the result), the transform's output before the bit
// reversal, and the twiddles of the big size.
constexpr uint64_t rs_encode(uint64_t rows, uint64_t cols, unsigned log_blowup) {
  return 2 * (rows << log_blowup) * cols * 4 + (rows << log_blowup) * 4;
}

}  // namespace zkgpu::stark_workspace
