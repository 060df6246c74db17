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

// The jagged polynomial (sp1/prover/jagged_sumcheck.hpp) by its factors, read where
// its values are needed instead of from a table of them: J(p) = col_eq[c] *
// row_eq[p - prefix[c]] for prefix[c] <= p < prefix[c + 1], zero from
// prefix[columns] on (empty columns start where their successor does).
struct JaggedEq {
  const uint64_t* prefix;  // columns + 1 nondecreasing values
  uint32_t columns;
  const Ef* col_eq;  // one value per column
  const Ef* row_eq;  // one value per row of the tallest column
};

// The product sumcheck on tables of n values (n a power of two >= 2), a the dense
// trace and b = J until the first binding. Each returns its number of blocks, of
// partials per block as said.
//
// The first two rounds: 9 values per block, h[3j + k] = the sum over quads
// (4i .. 4i + 3, zero past n) of the coefficient of X^j Y^k in p(X, Y) q(X, Y), p
// and q the bilinear a and b on the quad (X picks its pair, Y the value in the
// pair). The first round is h(0, Y) + h(1, Y), the second (Y bound to alpha0)
// h(X, alpha0).
uint32_t jagged_two_rounds(const Fe* dense, const JaggedEq& j, uint64_t n, Ef* partials, cudaStream_t stream);

// Binding the last variable: v[2i] + alpha (v[2i + 1] - v[2i]) into n / 2 values
// a_out, b_out, and the next round's sums over the bound pairs in the same pass: 3
// values per block, [sum a0 b0, sum a1 b1, sum da db] (the round polynomial's
// linear coefficient is the middle one less the others; meaningless when nothing
// is left to sum). jagged_bind_round binds the first variable when it is the only
// one (n == 2); jagged_bind_two_round the first two at once (n / 4 values out);
// product_bind_round each later one, on the tables the last binding wrote.
uint32_t jagged_bind_round(const Fe* dense, const JaggedEq& j, uint64_t n, const Ef& alpha, Ef* a_out, Ef* b_out,
                           Ef* partials, cudaStream_t stream);
uint32_t jagged_bind_two_round(const Fe* dense, const JaggedEq& j, uint64_t n, const Ef& alpha0, const Ef& alpha1,
                               Ef* a_out, Ef* b_out, Ef* partials, cudaStream_t stream);
uint32_t product_bind_round(const Ef* a, const Ef* b, uint64_t n, const Ef& alpha, Ef* a_out, Ef* b_out,
                            Ef* partials, cudaStream_t stream);

// out[i] = v[2i] + alpha (v[2i + 1] - v[2i]) for i < half.
template <class A>
void product_bind(const A* v, uint64_t half, const Ef& alpha, Ef* out, cudaStream_t stream);

}  // namespace zkgpu::cuda::sp1
