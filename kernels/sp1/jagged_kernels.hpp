#pragma once
// Device kernels of the jagged PCS's sumcheck (sp1/prover_cuda/cuda_jagged_sumcheck)
// and of the stacked messages it reads: its two tables (sp1/prover/jagged_sumcheck.hpp says what they are) and the
// product sumcheck's round sums and bindings (sp1/multilinear/
// sumcheck_prover_product.hpp's host oracle computes the same values).
#include <cuda_runtime_api.h>

#include <cstdint>

#include "kernels/sp1/sumcheck_kernels.hpp"

namespace zkgpu::cuda::sp1 {

// out[i] = the field element of canonical value in[i], i < n.
void canonical_to_field(const uint32_t* in, uint64_t n, Fe* out, cudaStream_t stream);

// dense[k * height + i] = m[i * width + k] for i < height, k < width (canonical in).
void dense_from_stacked(const uint32_t* m, uint64_t height, uint32_t width, Fe* dense, cudaStream_t stream);

// A table (rows x cols field elements, row-major) laid into a stacked message
// (sp1/prover/jagged_commit.hpp): its value (r, c) is dense position
// p = base + c * rows + r, which is message[(p mod 2^log_stack) * width + p / 2^log_stack],
// written canonical.
void stack_table(const Fe* table, uint64_t rows, uint32_t cols, uint64_t base, unsigned log_stack, uint32_t width,
                 uint32_t* message, cudaStream_t stream);

// out[i] = col_eq[c] * row_eq[i - prefix[c]] for prefix[c] <= i < prefix[c + 1],
// zero from prefix[columns] on; i < len. prefix: columns + 1 nondecreasing values.
void jagged_table(const uint64_t* prefix, uint32_t columns, const Ef* col_eq, const Ef* row_eq, Ef* out, uint64_t len,
                  cudaStream_t stream);

// The round sums over pairs (2i, 2i + 1), i < half, of (a0 + t da)(b0 + t db):
// partials of 3 values per block; returns the number of blocks.
template <class A>
uint32_t product_round(const A* a, const Ef* b, uint64_t half, Ef* partials, cudaStream_t stream);

// out[i] = v[2i] + alpha (v[2i + 1] - v[2i]) for i < half.
template <class A>
void product_bind(const A* v, uint64_t half, const Ef& alpha, Ef* out, cudaStream_t stream);

}  // namespace zkgpu::cuda::sp1
