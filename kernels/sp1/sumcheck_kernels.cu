// The LogUp-GKR and zerocheck kernels: loops over rows around the host-tested
// per-row and per-entry code (sp1/prover/sumcheck_rows.hpp, gkr_columns.hpp),
// block sums in shared memory.
#include <stdexcept>
#include <string>

#include "kernels/common/cuda_error.hpp"
#include "kernels/sp1/block_sum.cuh"
#include "kernels/sp1/sumcheck_kernels.hpp"
#include "sp1/prover/gkr_columns.hpp"

namespace zkgpu::cuda::sp1 {

namespace terms = zkgpu::sp1::prover::terms;
namespace rows_ = zkgpu::sp1::prover::rows;
namespace columns_ = zkgpu::sp1::prover::columns;

namespace {

__global__ void eq_table_kernel(const Ef* point, unsigned n, Ef* out, uint64_t len) {
  for (uint64_t b = blockIdx.x * uint64_t(blockDim.x) + threadIdx.x; b < len; b += uint64_t(gridDim.x) * blockDim.x)
    out[b] = terms::eq_at(point, n, b);
}

__global__ void reduce_partials_kernel(const Ef* partials, uint32_t groups, uint32_t n, Ef* out) {
  for (uint32_t i = 0; i < n; ++i) {
    Ef acc[1] = {Ef::zero()};
    for (uint32_t g = threadIdx.x; g < groups; g += blockDim.x) acc[0] = acc[0] + partials[uint64_t(g) * n + i];
    block_sum<1>(acc, out + i);
    __syncthreads();
  }
}

template <uint32_t S>
__global__ void gkr_leaves_kernel(ChipCode code, const Fe* main, uint32_t width, const Fe* prep, uint32_t prep_width,
                                  uint64_t rows, const Fe* pv, uint32_t num_pv, Ef alpha, const Ef* betas, Ef* num,
                                  Ef* den) {
  Fe slots[S];
  for (uint64_t r = blockIdx.x * uint64_t(blockDim.x) + threadIdx.x; r < rows; r += uint64_t(gridDim.x) * blockDim.x)
    rows_::gkr_leaf_row(code, slots, main + r * width, prep + r * prep_width, pv, num_pv, alpha, betas, num + r,
                        den + r, rows);
}

__global__ void gkr_parent_kernel(const Ef* num, const Ef* den, const uint64_t* offsets, Ef* pnum, Ef* pden,
                                  const uint64_t* poffsets, uint32_t columns, uint64_t total) {
  for (uint64_t i = blockIdx.x * uint64_t(blockDim.x) + threadIdx.x; i < total; i += uint64_t(gridDim.x) * blockDim.x)
    columns_::parent_at(num, den, offsets, pnum, pden, poffsets, columns, i);
}

struct Four {
  Ef* v[4];
};
struct ConstFour {
  const Ef* v[4];
};

__global__ void gkr_split_kernel(const Ef* num, const Ef* den, const uint64_t* offsets, Four state,
                                 const uint64_t* half_offsets, uint32_t columns, uint64_t total) {
  for (uint64_t i = blockIdx.x * uint64_t(blockDim.x) + threadIdx.x; i < total; i += uint64_t(gridDim.x) * blockDim.x)
    columns_::split_at(num, den, offsets, state.v, half_offsets, columns, i);
}

__global__ void gkr_round_kernel(ConstFour state, const uint64_t* offsets, const uint64_t* pair_offsets,
                                 uint32_t columns, uint64_t total, const Ef* eq_int, const Ef* eq_row, Ef lambda,
                                 Ef* partials) {
  Ef acc[3] = {Ef::zero(), Ef::zero(), Ef::zero()};
  for (uint64_t i = blockIdx.x * uint64_t(blockDim.x) + threadIdx.x; i < total; i += uint64_t(gridDim.x) * blockDim.x)
    columns_::round_at(state.v, offsets, pair_offsets, columns, eq_int, eq_row, lambda, i, acc);
  block_sum<3>(acc, partials + 3 * blockIdx.x);
}

__global__ void gkr_fold_kernel(ConstFour state, const uint64_t* offsets, Four out, const uint64_t* out_offsets,
                                uint32_t columns, uint64_t total, Ef c) {
  for (uint64_t i = blockIdx.x * uint64_t(blockDim.x) + threadIdx.x; i < total; i += uint64_t(gridDim.x) * blockDim.x)
    columns_::fold_at(state.v, offsets, out.v, out_offsets, columns, c, i);
}

// Item i is pair i / 4 at t = i % 4: the four points of a pair run the same
// program side by side (no divergence) and read the same rows.
template <class E, uint32_t S>
__global__ void zerocheck_round_kernel(ChipCode code, ZerocheckChip chip, const E* main, const E* prep,
                                       const Ef* geq, uint64_t rows, const Fe* pv, uint32_t num_pv, const Ef* eq_row,
                                       Ef* partials) {
  E slots[S];
  Ef acc[4] = {Ef::zero(), Ef::zero(), Ef::zero(), Ef::zero()};
  const uint64_t items = (rows + 1) / 2 * 4;
  const uint32_t w = chip.width, pw = chip.prep_width;
  for (uint64_t i = blockIdx.x * uint64_t(blockDim.x) + threadIdx.x; i < items; i += uint64_t(gridDim.x) * blockDim.x) {
    const uint64_t j = i / 4;
    const uint32_t t = uint32_t(i % 4);
    const bool odd = 2 * j + 1 < rows;
    // The first round's geq is zero on every real row; past the rows it is one.
    const Ef ga = geq ? geq[2 * j] : Ef::zero();
    const Ef gb = !odd ? Ef::one() : geq ? geq[2 * j + 1] : Ef::zero();
    const Ef v = rows_::zerocheck_point<E>(code, chip, slots, main + 2 * j * w, odd ? main + (2 * j + 1) * w : nullptr,
                                           prep + 2 * j * pw, odd ? prep + (2 * j + 1) * pw : nullptr, ga, gb, pv,
                                           num_pv, eq_row[j], t);
    for (uint32_t k = 0; k < 4; ++k)
      if (k == t) acc[k] = acc[k] + v;
  }
  block_sum<4>(acc, partials + 4 * blockIdx.x);
}

template <class E>
__global__ void zerocheck_fold_kernel(const E* main, const E* prep, const Ef* geq, uint64_t rows, uint32_t w,
                                      uint32_t pw, Ef c, Ef* out_main, Ef* out_prep, Ef* out_geq) {
  const uint64_t total = (rows + 1) / 2 * (uint64_t(w) + pw + 1);
  for (uint64_t i = blockIdx.x * uint64_t(blockDim.x) + threadIdx.x; i < total; i += uint64_t(gridDim.x) * blockDim.x)
    rows_::zerocheck_fold_at<E>(main, prep, geq, rows, w, pw, c, out_main, out_prep, out_geq, i);
}

__global__ void column_evaluations_kernel(const Fe* m, uint64_t rows, uint32_t width, const Ef* eq, Ef* partials,
                                          uint64_t threads) {
  const uint64_t tid = blockIdx.x * uint64_t(blockDim.x) + threadIdx.x;
  if (tid >= threads) return;
  Ef acc = Ef::zero();
  const uint64_t total = rows * width;
  for (uint64_t i = tid; i < total; i += threads) acc = acc + eq[i / width].scale(m[i]);
  partials[tid] = acc;
}

template <uint32_t S>
void launch_leaves(const ChipCode& code, const Fe* main, uint32_t width, const Fe* prep, uint32_t prep_width,
                   uint64_t rows, const Fe* pv, uint32_t num_pv, const Ef& alpha, const Ef* betas, Ef* num, Ef* den,
                   cudaStream_t stream) {
  gkr_leaves_kernel<S><<<blocks_for(rows), kThreads, 0, stream>>>(code, main, width, prep, prep_width, rows, pv,
                                                                    num_pv, alpha, betas, num, den);
  check_launch("gkr_leaves");
}

template <class E, uint32_t S>
void launch_zerocheck(const ChipCode& code, const ZerocheckChip& chip, const E* main, const E* prep, const Ef* geq,
                      uint64_t rows, const Fe* pv, uint32_t num_pv, const Ef* eq_row, Ef* partials, uint32_t blocks,
                      cudaStream_t stream) {
  zerocheck_round_kernel<E, S>
      <<<blocks, kThreads, 0, stream>>>(code, chip, main, prep, geq, rows, pv, num_pv, eq_row, partials);
  check_launch("zerocheck_round_sums");
}

void check_slots(uint32_t slots) {
  if (slots > kMaxRowSlots)
    throw std::invalid_argument("row program needs " + std::to_string(slots) + " scratch slots, the kernels hold " +
                                std::to_string(kMaxRowSlots));
}

}  // namespace

void eq_table(const Ef* point, unsigned n, Ef* out, uint64_t len, cudaStream_t stream) {
  if (len == 0) return;
  eq_table_kernel<<<blocks_for(len), kThreads, 0, stream>>>(point, n, out, len);
  check_launch("eq_table");
}

void reduce_partials(const Ef* partials, uint32_t groups, uint32_t n, Ef* out, cudaStream_t stream) {
  if (n == 0) return;
  reduce_partials_kernel<<<1, kThreads, 0, stream>>>(partials, groups, n, out);
  check_launch("reduce_partials");
}

void gkr_leaves(const ChipCode& code, uint32_t slots, const Fe* main, uint32_t width, const Fe* prep,
                uint32_t prep_width, uint64_t rows, const Fe* pv, uint32_t num_pv, const Ef& alpha, const Ef* betas,
                Ef* num, Ef* den, cudaStream_t stream) {
  check_slots(slots);
  if (rows == 0 || code.num_interactions == 0) return;
  if (slots <= 32)
    launch_leaves<32>(code, main, width, prep, prep_width, rows, pv, num_pv, alpha, betas, num, den, stream);
  else if (slots <= 96)
    launch_leaves<96>(code, main, width, prep, prep_width, rows, pv, num_pv, alpha, betas, num, den, stream);
  else
    launch_leaves<kMaxRowSlots>(code, main, width, prep, prep_width, rows, pv, num_pv, alpha, betas, num, den, stream);
}

void gkr_parent_layer(const Ef* num, const Ef* den, const uint64_t* offsets, Ef* parent_num, Ef* parent_den,
                      const uint64_t* parent_offsets, uint32_t columns, uint64_t parent_total, cudaStream_t stream) {
  if (parent_total == 0) return;
  gkr_parent_kernel<<<blocks_for(parent_total), kThreads, 0, stream>>>(num, den, offsets, parent_num, parent_den,
                                                                       parent_offsets, columns, parent_total);
  check_launch("gkr_parent_layer");
}

void gkr_split(const Ef* num, const Ef* den, const uint64_t* offsets, Ef* const* state, const uint64_t* half_offsets,
               uint32_t columns, uint64_t half_total, cudaStream_t stream) {
  if (half_total == 0) return;
  gkr_split_kernel<<<blocks_for(half_total), kThreads, 0, stream>>>(
      num, den, offsets, Four{{state[0], state[1], state[2], state[3]}}, half_offsets, columns, half_total);
  check_launch("gkr_split");
}

uint32_t gkr_round_sums(const Ef* const* state, const uint64_t* offsets, const uint64_t* pair_offsets,
                        uint32_t columns, uint64_t pairs_total, const Ef* eq_int, const Ef* eq_row, const Ef& lambda,
                        Ef* partials, cudaStream_t stream) {
  const uint32_t blocks = blocks_for(pairs_total);
  gkr_round_kernel<<<blocks, kThreads, 0, stream>>>(ConstFour{{state[0], state[1], state[2], state[3]}}, offsets,
                                                   pair_offsets, columns, pairs_total, eq_int, eq_row, lambda,
                                                   partials);
  check_launch("gkr_round_sums");
  return blocks;
}

void gkr_fold(const Ef* const* state, const uint64_t* offsets, Ef* const* out, const uint64_t* out_offsets,
              uint32_t columns, uint64_t out_total, const Ef& c, cudaStream_t stream) {
  if (out_total == 0) return;
  gkr_fold_kernel<<<blocks_for(out_total), kThreads, 0, stream>>>(ConstFour{{state[0], state[1], state[2], state[3]}},
                                                                  offsets, Four{{out[0], out[1], out[2], out[3]}},
                                                                  out_offsets, columns, out_total, c);
  check_launch("gkr_fold");
}

template <class E>
uint32_t zerocheck_round_sums(const ChipCode& code, uint32_t slots, const ZerocheckChip& chip, const E* main,
                              const E* prep, const Ef* geq, uint64_t rows, const Fe* pv, uint32_t num_pv,
                              const Ef* eq_row, Ef* partials, cudaStream_t stream) {
  check_slots(slots);
  const uint32_t blocks = blocks_for((rows + 1) / 2 * 4);
  if (slots <= 32)
    launch_zerocheck<E, 32>(code, chip, main, prep, geq, rows, pv, num_pv, eq_row, partials, blocks, stream);
  else if (slots <= 96)
    launch_zerocheck<E, 96>(code, chip, main, prep, geq, rows, pv, num_pv, eq_row, partials, blocks, stream);
  else
    launch_zerocheck<E, kMaxRowSlots>(code, chip, main, prep, geq, rows, pv, num_pv, eq_row, partials, blocks, stream);
  return blocks;
}

template <class E>
void zerocheck_fold(const E* main, const E* prep, const Ef* geq, uint64_t rows, uint32_t width, uint32_t prep_width,
                    const Ef& c, Ef* out_main, Ef* out_prep, Ef* out_geq, cudaStream_t stream) {
  const uint64_t items = (rows + 1) / 2 * (uint64_t(width) + prep_width + 1);
  if (rows == 0) return;
  zerocheck_fold_kernel<E><<<blocks_for(items), kThreads, 0, stream>>>(main, prep, geq, rows, width, prep_width, c,
                                                                      out_main, out_prep, out_geq);
  check_launch("zerocheck_fold");
}

uint32_t column_evaluation_groups(uint32_t width) {
  const uint32_t target = kMaxBlocks * kThreads / 4;
  return width == 0 ? 1 : (target / width > 0 ? target / width : 1);
}

uint32_t column_evaluations(const Fe* m, uint64_t rows, uint32_t width, const Ef* eq, Ef* partials,
                            cudaStream_t stream) {
  const uint32_t groups = column_evaluation_groups(width);
  if (width == 0) return groups;
  const uint64_t threads = uint64_t(groups) * width;
  column_evaluations_kernel<<<uint32_t((threads + kThreads - 1) / kThreads), kThreads, 0, stream>>>(
      m, rows, width, eq, partials, threads);
  check_launch("column_evaluations");
  return groups;
}

template uint32_t zerocheck_round_sums<Fe>(const ChipCode&, uint32_t, const ZerocheckChip&, const Fe*, const Fe*,
                                           const Ef*, uint64_t, const Fe*, uint32_t, const Ef*, Ef*, cudaStream_t);
template uint32_t zerocheck_round_sums<Ef>(const ChipCode&, uint32_t, const ZerocheckChip&, const Ef*, const Ef*,
                                           const Ef*, uint64_t, const Fe*, uint32_t, const Ef*, Ef*, cudaStream_t);
template void zerocheck_fold<Fe>(const Fe*, const Fe*, const Ef*, uint64_t, uint32_t, uint32_t, const Ef&, Ef*, Ef*,
                                 Ef*, cudaStream_t);
template void zerocheck_fold<Ef>(const Ef*, const Ef*, const Ef*, uint64_t, uint32_t, uint32_t, const Ef&, Ef*, Ef*,
                                 Ef*, cudaStream_t);

}  // namespace zkgpu::cuda::sp1
