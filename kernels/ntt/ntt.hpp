#pragma once
// Device NTT and coset LDE over row-major matrices of canonical 31-bit values
// (KoalaBear, BabyBear). Plain C++ interface for src/backends/cuda.
//
// Design: radix-2 decimation-in-frequency split into passes of up to 2^11 (or a
// tuned maximum) butterfly levels. A pass loads a tile of 8 or 32 "lines" (the
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
#include <cuda_runtime_api.h>

#include <cstdint>
#include <map>
#include <tuple>

#include "kernels/common/device_buffer.hpp"
#include "math/field_id.hpp"
#include "math/op_kinds.hpp"

namespace zkgpu::cuda {

// Twiddle tables, built on the host and uploaded once per (field, size,
// direction) on this device, then reused by every later call.
class NttTwiddleCache {
 public:
  struct Roots {
    const uint32_t* lo;  // omega^e = lo[e & (2^h - 1)] * hi[e >> h], omega of order 2^log_n
    const uint32_t* hi;
    unsigned h;
    // In-pass twiddles: pairs (w, floor(w * 2^32 / p)) at index 2^k + j for
    // w = omega_{2^(k+1)}^j canonical, k < min(log_n, 12).
    const uint32_t* level;
  };
  struct Coset {
    const uint32_t* lo;  // g^j / n = lo[j & (2^h - 1)] * hi[j >> h] for j < n = 2^log_n
    const uint32_t* hi;
    unsigned h;
  };
  Roots roots(Field31 f, unsigned log_n, bool inverse, cudaStream_t stream);
  Coset coset(Field31 f, unsigned log_n, cudaStream_t stream);
  size_t bytes() const noexcept;

 private:
  std::map<std::tuple<int, unsigned, int>, DeviceBuffer<uint32_t>> tables_;  // (field, log_n, kind)
};

// Largest number of butterfly levels one pass handles (shared-memory tile of
// 2^m rows x lines; capped at 12 with 8 lines, 10 with 32). 0 = the default.
void set_ntt_max_pass_log(unsigned m);
unsigned ntt_max_pass_log();
// Lines per tile: 8 or 32, or 0 to choose by shape (the default). Throws
// Error(invalid_argument) otherwise.
void set_ntt_tile_lines(unsigned lines);
// The line count and the number of passes a transform of 2^log_n rows x cols uses.
unsigned ntt_tile_lines(unsigned log_n, uint64_t cols);
unsigned ntt_pass_count(unsigned log_n, uint64_t cols);

// NTT of the rows x cols matrix in `data` (device memory, clobbered), natural
// order in, result in natural order in `out` (same size, must not alias data).
void ntt_device(NttTwiddleCache& cache, Field31 f, NttDirection dir, uint32_t* data, uint32_t* out, uint64_t rows,
                uint64_t cols, cudaStream_t stream);

// How lde_device runs a shape. Fused: the interpolation's passes above the
// bridge kernel (which does its last pass and the evaluation's first), then the
// evaluation's passes below it. Otherwise two whole transforms, the evaluation's
// first pass reading only the `rows` nonzero rows.
struct LdePlan {
  bool fused;
  unsigned interp_passes;  // passes over the input (the bridge not counted)
  unsigned eval_passes;    // passes over the output (the bridge not counted)
};
LdePlan lde_plan(uint64_t rows, uint64_t cols, unsigned log_blowup);

// Coset LDE: `in` (rows x cols evaluations on H, clobbered) -> `out` ((rows <<
// log_blowup) x cols evaluations on g * H'). `scratch` has as many elements as out.
void lde_device(NttTwiddleCache& cache, Field31 f, uint32_t* in, uint64_t rows, uint64_t cols, unsigned log_blowup,
                uint32_t* scratch, uint32_t* out, cudaStream_t stream);

}  // namespace zkgpu::cuda
