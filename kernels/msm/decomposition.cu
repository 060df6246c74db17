// The scalar side of the MSM: signed digits, the bucket sort (CUB) and the
// layout of the reduction levels (msm.hpp).
#include <cub/device/device_radix_sort.cuh>
#include <cub/device/device_reduce.cuh>
#include <cub/device/device_run_length_encode.cuh>
#include <cub/device/device_scan.cuh>

#include <algorithm>

#include "kernels/msm/msm_internal.hpp"
#include "math/bn254/msm_digits.hpp"

namespace zkgpu::cuda::msm {

using namespace bn254;

namespace {

unsigned ceil_log2(uint64_t x) {
  unsigned b = 0;
  while ((uint64_t(1) << b) < x) ++b;
  return b;
}

// For every scalar and window: key = window * 2^(c-1) + |digit| - 1 (or the
// sentinel for digit 0, sorting last), value = point index | sign bit.
__global__ void make_pairs_kernel(const FrRaw* __restrict__ scalars, uint32_t n, unsigned c, unsigned windows,
                                  uint32_t sentinel, uint32_t* __restrict__ keys, uint32_t* __restrict__ vals) {
  const uint32_t i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  const FrRaw s = scalars[i];
  const uint32_t half = 1u << (c - 1);
  uint32_t carry = 0;
  for (unsigned w = 0; w < windows; ++w) {
    const uint32_t raw = msm_window_bits(s, w * c, c) + carry;
    carry = raw > half;
    const int32_t d = carry ? int32_t(raw) - int32_t(1u << c) : int32_t(raw);
    const size_t at = size_t(w) * n + i;
    keys[at] = d == 0 ? sentinel : w * half + uint32_t(d > 0 ? d : -d) - 1;
    vals[at] = i | (d < 0 ? kSignBit : 0u);
  }
}

// chunk_count[s] = ceil(count[s] / kChunk); entry num_segs is 0 so that the
// exclusive scan's last entry is the total.
__global__ void chunk_count_kernel(const uint32_t* __restrict__ count, uint32_t num_segs,
                                   uint32_t* __restrict__ chunk_count) {
  const uint32_t s = blockIdx.x * blockDim.x + threadIdx.x;
  if (s < num_segs) chunk_count[s] = (count[s] + kChunk - 1) / kChunk;
  if (s == num_segs) chunk_count[s] = 0;
}

template <class T>
T read_back(const T* d, cudaStream_t stream) {
  T h;
  check(cudaMemcpyAsync(&h, d, sizeof(T), cudaMemcpyDeviceToHost, stream), "msm read-back");
  check(cudaStreamSynchronize(stream), "msm sync");
  return h;
}

Decomposition::Pass make_pass(const FrRaw* d_scalars, size_t offset, uint32_t n, unsigned c, cudaStream_t stream) {
  Decomposition::Pass pass;
  pass.offset = offset;
  pass.c = c;
  pass.windows = msm_window_count(c);
  const uint32_t half = 1u << (c - 1);
  const uint32_t sentinel = pass.windows * half;
  const uint32_t items = n * pass.windows;
  const int end_bit = int(ceil_log2(uint64_t(sentinel) + 1));

  DeviceBuffer<uint32_t> keys(items, stream), keys_alt(items, stream), vals(items, stream), vals_alt(items, stream);
  make_pairs_kernel<<<blocks_for(n), kThreads, 0, stream>>>(d_scalars + offset, n, c, pass.windows, sentinel,
                                                             keys.data(), vals.data());
  check_launch("msm make_pairs");

  cub::DoubleBuffer<uint32_t> dkeys(keys.data(), keys_alt.data()), dvals(vals.data(), vals_alt.data());
  size_t sort_bytes = 0;
  check(cub::DeviceRadixSort::SortPairs(nullptr, sort_bytes, dkeys, dvals, int(items), 0, end_bit, stream),
        "msm sort size");
  // Run-length encoding of the sorted keys: one run per non-empty bucket.
  DeviceBuffer<uint32_t> run_keys(size_t(sentinel) + 1, stream), run_count(size_t(sentinel) + 2, stream),
      num_runs(1, stream);
  size_t rle_bytes = 0;
  check(cub::DeviceRunLengthEncode::Encode(nullptr, rle_bytes, keys.data(), run_keys.data(), run_count.data(),
                                           num_runs.data(), int(items), stream),
        "msm rle size");
  size_t scan_bytes = 0;
  check(cub::DeviceScan::ExclusiveSum(nullptr, scan_bytes, run_count.data(), run_count.data(), int(sentinel) + 2,
                                      stream),
        "msm scan size");
  size_t max_bytes = 0;
  check(cub::DeviceReduce::Max(nullptr, max_bytes, run_count.data(), num_runs.data(), int(sentinel) + 1, stream),
        "msm max size");
  DeviceBuffer<unsigned char> temp(std::max({sort_bytes, rle_bytes, scan_bytes, max_bytes}), stream);

  size_t bytes = temp.size();
  check(cub::DeviceRadixSort::SortPairs(temp.data(), bytes, dkeys, dvals, int(items), 0, end_bit, stream),
        "msm sort");
  const uint32_t* sorted_keys = dkeys.Current();
  pass.vals = dvals.Current() == vals.data() ? std::move(vals) : std::move(vals_alt);
  bytes = temp.size();
  check(cub::DeviceRunLengthEncode::Encode(temp.data(), bytes, sorted_keys, run_keys.data(), run_count.data(),
                                           num_runs.data(), int(items), stream),
        "msm rle");
  const uint32_t runs = read_back(num_runs.data(), stream);
  const uint32_t last_key = runs ? read_back(run_keys.data() + runs - 1, stream) : sentinel;
  const uint32_t num_segs = last_key == sentinel ? runs - 1 : runs;
  if (runs == 0 || num_segs == 0) {
    pass.vals = {};
    return pass;
  }
  pass.num_segs = num_segs;
  pass.bucket = std::move(run_keys);

  // Level 0 segments: the runs (the sentinel run, if any, is last and dropped).
  DeviceBuffer<uint32_t> seg_count(num_segs + 1, stream), seg_start(num_segs + 1, stream);
  check(cudaMemcpyAsync(seg_count.data(), run_count.data(), num_segs * sizeof(uint32_t), cudaMemcpyDeviceToDevice,
                        stream),
        "msm copy counts");
  check(cudaMemsetAsync(seg_count.data() + num_segs, 0, sizeof(uint32_t), stream), "msm memset");
  bytes = temp.size();
  check(cub::DeviceScan::ExclusiveSum(temp.data(), bytes, seg_count.data(), seg_start.data(), int(num_segs) + 1,
                                      stream),
        "msm scan");
  bytes = temp.size();
  check(cub::DeviceReduce::Max(temp.data(), bytes, seg_count.data(), num_runs.data(), int(num_segs), stream),
        "msm max");
  uint32_t max_count = read_back(num_runs.data(), stream);
  pass.start.push_back(std::move(seg_start));
  pass.count.push_back(std::move(seg_count));

  // Levels: each turns every segment of k entries into ceil(k / kChunk) sums.
  do {
    DeviceBuffer<uint32_t> chunk_count(num_segs + 1, stream), chunk_start(num_segs + 1, stream);
    chunk_count_kernel<<<blocks_for(num_segs + 1), kThreads, 0, stream>>>(pass.count.back().data(), num_segs,
                                                                          chunk_count.data());
    check_launch("msm chunk_count");
    bytes = temp.size();
    check(cub::DeviceScan::ExclusiveSum(temp.data(), bytes, chunk_count.data(), chunk_start.data(),
                                        int(num_segs) + 1, stream),
          "msm chunk scan");
    pass.chunks.push_back(read_back(chunk_start.data() + num_segs, stream));
    pass.start.push_back(std::move(chunk_start));
    pass.count.push_back(std::move(chunk_count));
    max_count = (max_count + kChunk - 1) / kChunk;
  } while (max_count > 1);
  return pass;
}

}  // namespace

Decomposition::Decomposition(const FrRaw* d_scalars, size_t n, cudaStream_t stream, unsigned c) : n_(n) {
  for (size_t off = 0; off < n; off += kMaxPass) {
    const uint32_t len = uint32_t(std::min(kMaxPass, n - off));
    passes_.push_back(make_pass(d_scalars, off, len, c ? c : window_bits(len), stream));
  }
}
Decomposition::~Decomposition() = default;
Decomposition::Decomposition(Decomposition&&) noexcept = default;
Decomposition& Decomposition::operator=(Decomposition&&) noexcept = default;

}  // namespace zkgpu::cuda::msm
