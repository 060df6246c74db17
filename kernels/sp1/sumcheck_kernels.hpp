#pragma once
// Device kernels of SP1's LogUp-GKR and zerocheck provers (sp1/prover_cuda), as
// plain launch functions on device pointers and a stream. The per-row arithmetic
// is the host-tested code of sp1/prover/sumcheck_rows.hpp and sumcheck_terms.hpp.
// Sums over rows end in `partials` (one group of values per block) and are added up
// by reduce_partials: field addition is exact, so the order does not matter.
#include <cuda_runtime_api.h>

#include <cstdint>

#include "sp1/prover/sumcheck_rows.hpp"

namespace zkgpu::cuda::sp1 {

using Fe = zkgpu::sp1::prover::terms::Fe;
using Ef = zkgpu::sp1::prover::terms::Ef;
using ChipCode = zkgpu::sp1::prover::rows::ChipCode;
using ZerocheckChip = zkgpu::sp1::prover::rows::ZerocheckChip;

// The most scratch slots a row program may need (std::invalid_argument beyond).
inline constexpr uint32_t kMaxRowSlots = 512;

// Blocks a row loop launches at most (its partials: that many groups).
inline constexpr uint32_t kMaxBlocks = 1024;
inline constexpr uint32_t kThreads = 256;

// out[b] = eq(point, b) for b < len (point: n coordinates on the device).
void eq_table(const Ef* point, unsigned n, Ef* out, uint64_t len, cudaStream_t stream);

// out[0..n) = the sum over g < groups of partials[g * n .. g * n + n).
void reduce_partials(const Ef* partials, uint32_t groups, uint32_t n, Ef* out, cudaStream_t stream);

// The GKR leaves of one chip (rows_::gkr_leaf_row per row): column k of the
// chip's interactions at num + k * rows, den + k * rows.
void gkr_leaves(const ChipCode& code, uint32_t slots, const Fe* main, uint32_t width, const Fe* prep,
                uint32_t prep_width, uint64_t rows, const Fe* pv, uint32_t num_pv, const Ef& alpha, const Ef* betas,
                Ef* num, Ef* den, cudaStream_t stream);

// Columns of fractions, flat: column k at [offsets[k], offsets[k + 1]) (offsets on
// the device, k < columns); rows past a column's end are 0 / 1.
// One layer up: parent column k has ceil(child length / 2) rows at parent_offsets[k].
void gkr_parent_layer(const Ef* num, const Ef* den, const uint64_t* offsets, Ef* parent_num, Ef* parent_den,
                      const uint64_t* parent_offsets, uint32_t columns, uint64_t parent_total, cudaStream_t stream);

// A layer's columns split into N0, N1, D0, D1 (state[v], each flat at
// half_offsets: rows 2j and 2j + 1 of the child, the padding filled in).
void gkr_split(const Ef* num, const Ef* den, const uint64_t* offsets, Ef* const* state,
               const uint64_t* half_offsets, uint32_t columns, uint64_t half_total, cudaStream_t stream);

// The GKR round's sums over the stored pairs (terms::gkr_pair_sums weighted by
// eq_int[column] * eq_row[pair]): partials of 3 values per block, `blocks` of them
// (returned). pair_offsets: column k's pairs at [pair_offsets[k], pair_offsets[k+1]).
uint32_t gkr_round_sums(const Ef* const* state, const uint64_t* offsets, const uint64_t* pair_offsets,
                        uint32_t columns, uint64_t pairs_total, const Ef* eq_int, const Ef* eq_row, const Ef& lambda,
                        Ef* partials, cudaStream_t stream);

// Binds the last row coordinate: out[v] column k at out_offsets[k] (= pair_offsets).
void gkr_fold(const Ef* const* state, const uint64_t* offsets, Ef* const* out, const uint64_t* out_offsets,
              uint32_t columns, uint64_t out_total, const Ef& c, cudaStream_t stream);

// A zerocheck round's sums for one chip (rows::zerocheck_pair over its pairs):
// partials of 4 values per block; returns the number of blocks. E = Fe: the first
// round on the trace (geq null); E = Ef: the folded columns and geq.
template <class E>
uint32_t zerocheck_round_sums(const ChipCode& code, uint32_t slots, const ZerocheckChip& chip, const E* main,
                              const E* prep, const Ef* geq, uint64_t rows, const Fe* pv, uint32_t num_pv,
                              const Ef* eq_row, Ef* partials, cudaStream_t stream);

// Binds the last row coordinate of one chip's columns and geq (rows -> ceil(rows / 2)).
template <class E>
void zerocheck_fold(const E* main, const E* prep, const Ef* geq, uint64_t rows, uint32_t width,
                    uint32_t prep_width, const Ef& c, Ef* out_main, Ef* out_prep, Ef* out_geq, cudaStream_t stream);

// sum_r eq[r] * m[r * width + col] for every column: partials of `width` values
// per group (returned); threads of one group share a column.
uint32_t column_evaluations(const Fe* m, uint64_t rows, uint32_t width, const Ef* eq, Ef* partials,
                            cudaStream_t stream);
// The group count column_evaluations uses for a width (to size `partials`).
uint32_t column_evaluation_groups(uint32_t width);

}  // namespace zkgpu::cuda::sp1
