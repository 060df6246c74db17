#pragma once
// Host-side planning of the device NTT (see ntt.hpp for the design): how a
// transform of 2^log_n rows is split into passes, how many lines a tile has,
// and whether a coset LDE fuses its two transforms with the bridge kernel.
// Plain C++ with no CUDA dependency, so it is tested on the CPU; the kernels'
// shared-memory limit of the device comes in as a parameter.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace zkgpu::cuda {

// Tallest tile (log2 rows) for a line count: the tile must fit in shared memory.
constexpr unsigned max_tile_log(unsigned lines) { return lines == 8 ? 12 : 10; }
// The tallest tile of any plan (8 lines).
constexpr unsigned kMaxPassLogLimit = 12;
constexpr unsigned kDefaultMaxPassLog = 11;

// Tuning of one call. The defaults are the measured best; the overrides exist
// for tests (forcing multi-pass plans on small sizes) and tuning sweeps.
struct NttPolicy {
  // Largest number of butterfly levels one pass handles, 1 .. 12 (further
  // capped by the tile: 12 with 8 lines, 10 with 32).
  unsigned max_pass_log = kDefaultMaxPassLog;
  // Lines per tile: 8 or 32, or 0 to choose by shape (tile_lines_for).
  unsigned tile_lines = 0;
};

// Throws Error(invalid_argument) for a policy outside the ranges above.
void validate(const NttPolicy& policy);

// Lines per tile for a transform of 2^log_n rows x cols. A row chunk of a tile
// is `lines` consecutive words: 32 bytes (one sector) for 8 lines, 128 bytes
// (one cache line) for 32. Wider chunks make the strided passes fetch whole
// cache lines; narrower ones allow taller tiles.
unsigned tile_lines_for(unsigned log_n, uint64_t cols, const NttPolicy& policy);

// The sizes (levels) of the passes of a transform of 2^log_n rows with tiles of
// `lines` lines, top pass first: as few passes as the tile allows, sizes as
// equal as possible.
std::vector<unsigned> plan_passes(unsigned log_n, unsigned lines, const NttPolicy& policy);

// One whole transform: its tile lines and pass sizes.
struct TransformPlan {
  unsigned log_n;
  unsigned lines;
  std::vector<unsigned> ms;  // top pass first
};
TransformPlan plan_transform(unsigned log_n, uint64_t cols, const NttPolicy& policy);

// Smallest l with 2^l >= rows.
unsigned log2_ceil(uint64_t rows);

// Dynamic shared memory of a pass kernel: the tile, its per-level twiddle
// pairs and a twiddle per row.
size_t pass_smem_bytes(unsigned lines, unsigned m);
// Dynamic shared memory of the LDE bridge kernel with an interpolation tile of
// 2^m rows and blowup 2^k (see bridge_kernel.cuh for the layout).
size_t bridge_smem_bytes(unsigned lines, unsigned m, unsigned k);

// How lde_device runs a shape. Fused: the interpolation's passes above the
// bridge kernel (which does its last pass, bridge_log levels, and the
// evaluation's first, bridge_log + log_blowup levels), then the evaluation's
// passes below it; both use the evaluation's tile lines. Otherwise two whole
// transforms, the evaluation's first pass reading only the nonzero rows.
struct LdePlan {
  bool fused;
  unsigned log_blowup;
  unsigned bridge_log;   // fused only
  TransformPlan interp;  // fused: the passes above the bridge (the bridge not counted)
  TransformPlan eval;    // fused: the passes below the bridge (the bridge not counted)
};
// The bridge needs the column count to be a multiple of the tile lines, at
// least two evaluation passes, a first pass covering the log_blowup trivial
// levels, and its two tiles within max_block_smem bytes of shared memory.
LdePlan plan_lde(uint64_t rows, uint64_t cols, unsigned log_blowup, size_t max_block_smem, const NttPolicy& policy);

}  // namespace zkgpu::cuda
