#pragma once
// What the MSM's translation units share (decomposition.cu, msm_g1.cu,
// msm_g2.cu): launch shapes and the layout of a decomposed pass.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "kernels/common/cuda_error.hpp"
#include "kernels/common/device_buffer.hpp"
#include "kernels/msm/msm.hpp"

namespace zkgpu::cuda::msm {

inline constexpr uint32_t kSignBit = 0x80000000u;
// Points (level 0) or partial sums (later levels) one thread adds up.
inline constexpr uint32_t kChunk = 32;
// Points per pass: bounds the sort buffers (4 x windows x n x 4 bytes).
inline constexpr size_t kMaxPass = size_t(1) << 24;
inline constexpr unsigned kThreads = 256;

inline unsigned blocks_for(uint64_t n) { return unsigned((n + kThreads - 1) / kThreads); }

// The sorted digits of at most kMaxPass points and the segment layout of every
// reduction level. Level l turns segments described by (start[l], count[l])
// over its input (the sorted points, then the previous level's sums) into
// chunks[l] sums, segment s's sums starting at start[l + 1][s]; after the last
// level each segment (non-empty bucket) has one sum, at start[levels][s].
struct Decomposition::Pass {
  size_t offset = 0;  // first point
  unsigned c = 0, windows = 0;
  uint32_t num_segs = 0;                // non-empty buckets (0: the pass sums to infinity)
  DeviceBuffer<uint32_t> vals;          // point index | sign bit, bucket by bucket
  DeviceBuffer<uint32_t> bucket;        // the bucket key of every segment
  std::vector<DeviceBuffer<uint32_t>> start, count;
  std::vector<uint32_t> chunks;
};

}  // namespace zkgpu::cuda::msm
