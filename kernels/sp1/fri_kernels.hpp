#pragma once
// Device kernels of BaseFold's commit phase (sp1/prover_cuda/cuda_fri_folder):
// batching the committed columns, each round's message sums, and the folds of the
// multilinear and of its codeword. The per-element arithmetic is the host-tested
// code of sp1/prover/fri_fold_terms.hpp. Codewords stay as the commitment reads
// them: canonical words, element i's four coordinates at 4i.
#include <cuda_runtime_api.h>

#include <cstdint>

#include "kernels/sp1/sumcheck_kernels.hpp"

namespace zkgpu::cuda::sp1 {

// acc[i] (+)= sum_c coeffs[c] * m[i * width + c] for i < rows; m holds canonical
// values; `first` writes instead of adding.
void batch_columns(const uint32_t* m, uint64_t rows, uint32_t width, const Ef* coeffs, Ef* acc, bool first,
                   cudaStream_t stream);

// out[4i + k] = coordinate k of v[i], canonical, for i < n.
void ext_to_canonical(const Ef* v, uint64_t n, uint32_t* out, cudaStream_t stream);

// sum_i eq[i] v[2i] and sum_i eq[i] v[2i + 1] for i < half: partials of 2 values per
// block; returns the number of blocks.
uint32_t pair_dots(const Ef* eq, const Ef* v, uint64_t half, Ef* partials, cudaStream_t stream);

// out[i] = v[2i] + beta v[2i + 1] for i < half.
void fold_multilinear(const Ef* v, uint64_t half, const Ef& beta, Ef* out, cudaStream_t stream);

// One FRI fold of a bit-reversed codeword of 2 * half elements (canonical words)
// into `half` elements: element j from elements 2j and 2j + 1. half = 2^log_half.
void fold_codeword(const uint32_t* code, unsigned log_half, const Ef& beta, uint32_t* out, cudaStream_t stream);

}  // namespace zkgpu::cuda::sp1
