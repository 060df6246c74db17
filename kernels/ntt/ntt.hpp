#pragma once
// Device NTT and coset LDE over row-major matrices of canonical 31-bit values
// (KoalaBear, BabyBear). Plain C++ interface for src/backends/cuda.
//
// Design: radix-2 decimation-in-frequency split into passes of up to 2^11 (or the
// policy's maximum) butterfly levels. A pass loads a tile of 8 or 32 "lines" (the
// same column-chunk of 2^m rows at stride 2^s_lo; 32 lines = one 128-byte cache
// line per row chunk) into shared memory with coalesced 16-byte accesses, runs
// its levels as radix-16 register rounds, multiplies by the inter-pass twiddles
// (one per tile row, computed while the loads are in flight, when all lines of
// the tile share a row offset) and writes back in place. In-tile twiddle
// products use Shoup's method with a precomputed quotient per twiddle (3 integer
// multiplies instead of the 4 of a Montgomery product, and no reduction of
// u - d before it). The last pass writes its rows to bit-reversed positions in
// a second buffer, so the output is in natural
// order without a separate permutation pass. The coset LDE fuses the
// interpolation's last pass with the evaluation's first ("bridge" kernel): the
// coefficients go straight from one tile into the zero-padded evaluation tile, so
// they never make a round trip through DRAM. Values stay canonical throughout:
// the twiddles are kept in Montgomery form, and a Montgomery product of a
// canonical value with a Montgomery twiddle is the canonical product.
//
// Files: plan.hpp (host planner: pass sizes, tile lines, LDE fusion; no CUDA),
// twiddles.hpp (the device tables), tile_ops.cuh (shared device building
// blocks), pass_kernel.cuh (one pass), bridge_kernel.cuh (the LDE's fused
// middle pass), ntt.cu (dispatch).
#include <cuda_runtime_api.h>

#include <cstdint>

#include "kernels/ntt/plan.hpp"
#include "kernels/ntt/twiddles.hpp"
#include "math/field_id.hpp"
#include "math/op_kinds.hpp"

namespace zkgpu::cuda {

// Every entry point takes its tuning as an NttPolicy (plan.hpp); the default is
// the measured best. A policy outside its ranges throws Error(invalid_argument).

// NTT of the rows x cols matrix in `data` (device memory, clobbered), natural
// order in, result in natural order in `out` (same size, must not alias data).
void ntt_device(NttTwiddleCache& cache, Field31 f, NttDirection dir, uint32_t* data, uint32_t* out, uint64_t rows,
                uint64_t cols, cudaStream_t stream, const NttPolicy& policy = {});

// The plan lde_device follows for a shape on the current device.
LdePlan lde_plan(uint64_t rows, uint64_t cols, unsigned log_blowup, const NttPolicy& policy = {});

// Coset LDE: `in` (rows x cols evaluations on H, clobbered) -> `out` ((rows <<
// log_blowup) x cols evaluations on g * H'). `scratch` has as many elements as out.
void lde_device(NttTwiddleCache& cache, Field31 f, uint32_t* in, uint64_t rows, uint64_t cols, unsigned log_blowup,
                uint32_t* scratch, uint32_t* out, cudaStream_t stream, const NttPolicy& policy = {});

// Evaluation of zero-padded coefficients (a Reed-Solomon encoding): the first
// `rows` rows of `data` hold rows x cols coefficients and the buffer has room for
// (rows << log_blowup) x cols (the rest is never read: it counts as zero;
// clobbered); `out` (same size, not aliasing data) receives the evaluations on
// the subgroup of size rows << log_blowup, in natural order.
void evaluate_padded_device(NttTwiddleCache& cache, Field31 f, uint32_t* data, uint64_t rows, uint64_t cols,
                            unsigned log_blowup, uint32_t* out, cudaStream_t stream, const NttPolicy& policy = {});

}  // namespace zkgpu::cuda
