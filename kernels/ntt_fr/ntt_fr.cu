#include "kernels/ntt_fr/ntt_fr.hpp"

#include <algorithm>
#include <vector>

#include "kernels/common/cuda_error.hpp"
#include "kernels/common/device_buffer.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu::cuda::ntt_fr {

using bn254::Fr;

namespace {

constexpr unsigned kThreads = 256;
constexpr unsigned kTileLog = 10;  // 1024 values = 32 KiB of shared memory
// Powers x^i are looked up as lo[i mod 2^kSplit] * hi[i >> kSplit].
constexpr unsigned kSplit = 12;

unsigned blocks_for(uint64_t n) { return unsigned((n + kThreads - 1) / kThreads); }

// {s * x^0, s * x^1, ..., s * x^(count-1)} on the host.
std::vector<Fr> powers(const Fr& x, size_t count, const Fr& s = Fr::one()) {
  std::vector<Fr> out(count);
  Fr v = s;
  for (auto& o : out) {
    o = v;
    v *= x;
  }
  return out;
}

// Device copy of a split power table: lo then hi, contiguous.
struct PowerTable {
  DeviceBuffer<Fr> data;
  uint32_t hi_offset = 0;

  PowerTable() = default;
  PowerTable(const Fr& x, size_t count, const Fr& s, cudaStream_t stream) {
    const size_t lo_n = std::min<size_t>(count, size_t(1) << kSplit);
    const size_t hi_n = std::max<size_t>(1, (count + (size_t(1) << kSplit) - 1) >> kSplit);
    std::vector<Fr> host = powers(x, lo_n, s);
    const std::vector<Fr> hi = powers(x.pow(uint64_t(1) << kSplit), hi_n);
    host.insert(host.end(), hi.begin(), hi.end());
    hi_offset = uint32_t(lo_n);
    data = DeviceBuffer<Fr>(host.size(), stream);
    data.upload(host);
  }
};

__device__ __forceinline__ Fr power_at(const Fr* table, uint32_t hi_offset, uint32_t i) {
  return table[i & ((1u << kSplit) - 1)] * table[hi_offset + (i >> kSplit)];
}

class TablesImpl final : public Tables {
 public:
  TablesImpl(unsigned log_n, cudaStream_t stream);
  unsigned log_n() const noexcept override { return log_n_; }
  size_t bytes() const noexcept override {
    return twiddles.bytes() + coset.data.bytes() + coset_inv.data.bytes();
  }

  unsigned log_n_;
  DeviceBuffer<Fr> twiddles;  // w^j, j < n/2
  PowerTable coset;           // g^i
  PowerTable coset_inv;       // g^-i / n
  Fr n_inv;
};

__global__ void expand_powers_kernel(const Fr* __restrict__ table, uint32_t hi_offset, uint32_t count,
                                     Fr* __restrict__ out) {
  const uint32_t i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < count) out[i] = power_at(table, hi_offset, i);
}

TablesImpl::TablesImpl(unsigned log_n, cudaStream_t stream) : log_n_(log_n) {
  const size_t n = size_t(1) << log_n;
  const Fr w = bn254::root_of_unity(log_n);
  const Fr g = bn254::coset_shift(log_n);
  n_inv = Fr::from_u64(n).inverse();
  coset = PowerTable(g, n, Fr::one(), stream);
  coset_inv = PowerTable(g.inverse(), n, n_inv, stream);
  if (n >= 2) {
    const PowerTable tw(w, n / 2, Fr::one(), stream);
    twiddles = DeviceBuffer<Fr>(n / 2, stream);
    expand_powers_kernel<<<blocks_for(n / 2), kThreads, 0, stream>>>(tw.data.data(), tw.hi_offset, uint32_t(n / 2),
                                                                     twiddles.data());
    check_launch("ntt_fr twiddles");
    check(cudaStreamSynchronize(stream), "ntt_fr tables");  // `tw` is freed on return
  }
}

// out[bitrev(i)] = in[i] (* g^i for the forward coset transform).
__global__ void permute_kernel(const Fr* __restrict__ in, Fr* __restrict__ out, unsigned log_n,
                               const Fr* __restrict__ scale, uint32_t hi_offset) {
  const uint32_t i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >> log_n) return;
  Fr v = in[i];
  if (scale) v *= power_at(scale, hi_offset, i);
  out[__brev(i) >> (32 - log_n)] = v;
}

// The first `tile_log` stages on tiles of 2^tile_log consecutive values.
__global__ void tile_kernel(Fr* __restrict__ data, const Fr* __restrict__ tw, unsigned log_n, unsigned tile_log) {
  __shared__ Fr s[1u << kTileLog];
  const uint32_t size = 1u << tile_log;
  Fr* tile = data + size_t(blockIdx.x) * size;
  for (uint32_t i = threadIdx.x; i < size; i += blockDim.x) s[i] = tile[i];
  __syncthreads();
  for (unsigned lm = 0; lm < tile_log; ++lm) {
    const uint32_t m = 1u << lm;
    const unsigned stride_log = log_n - lm - 1;  // twiddle w_(2m)^j = w_n^(j n / 2m)
    for (uint32_t k = threadIdx.x; k < size / 2; k += blockDim.x) {
      const uint32_t j = k & (m - 1);
      const uint32_t i0 = ((k - j) << 1) + j;
      const Fr t = s[i0 + m] * tw[size_t(j) << stride_log];
      const Fr u = s[i0];
      s[i0] = u + t;
      s[i0 + m] = u - t;
    }
    __syncthreads();
  }
  for (uint32_t i = threadIdx.x; i < size; i += blockDim.x) tile[i] = s[i];
}

// One radix-2 stage with half-size 2^lm over all n values.
__global__ void stage_kernel(Fr* __restrict__ data, const Fr* __restrict__ tw, unsigned log_n, unsigned lm) {
  const uint32_t k = blockIdx.x * blockDim.x + threadIdx.x;
  if (k >> (log_n - 1)) return;
  const uint32_t m = 1u << lm;
  const uint32_t j = k & (m - 1);
  const uint32_t i0 = ((k - j) << 1) + j;
  const Fr t = data[i0 + m] * tw[size_t(j) << (log_n - lm - 1)];
  const Fr u = data[i0];
  data[i0] = u + t;
  data[i0 + m] = u - t;
}

// out[k] = in[-k mod n] * (g^-k / n  or  1 / n).
__global__ void finish_inverse_kernel(const Fr* __restrict__ in, Fr* __restrict__ out, unsigned log_n,
                                      const Fr* __restrict__ scale, uint32_t hi_offset, Fr n_inv) {
  const uint32_t k = blockIdx.x * blockDim.x + threadIdx.x;
  if (k >> log_n) return;
  const uint32_t src = (0u - k) & ((1u << log_n) - 1);
  out[k] = in[src] * (scale ? power_at(scale, hi_offset, k) : n_inv);
}

}  // namespace

std::unique_ptr<Tables> make_tables(unsigned log_n, cudaStream_t stream) {
  if (log_n > bn254::FrParams::two_adicity) throw Error(ErrorCode::invalid_argument, "ntt_fr: size above 2^28");
  return std::make_unique<TablesImpl>(log_n, stream);
}

void ntt(const Tables& tables, const Fr* d_in, Fr* d_out, Fr* d_scratch, bool inverse, bool coset,
         cudaStream_t stream) {
  const auto& t = static_cast<const TablesImpl&>(tables);
  const unsigned log_n = t.log_n_;
  const size_t n = size_t(1) << log_n;
  if (log_n == 0) {  // identity (the coset factor is g^0 = 1, 1/n = 1)
    if (d_in != d_out) check(cudaMemcpyAsync(d_out, d_in, sizeof(Fr), cudaMemcpyDeviceToDevice, stream), "ntt_fr copy");
    return;
  }
  Fr* work = (!inverse && d_in != d_out) ? d_out : d_scratch;
  const bool scale_in = coset && !inverse;
  permute_kernel<<<blocks_for(n), kThreads, 0, stream>>>(d_in, work, log_n, scale_in ? t.coset.data.data() : nullptr,
                                                         t.coset.hi_offset);
  check_launch("ntt_fr permute");
  const unsigned tile_log = std::min(log_n, kTileLog);
  const unsigned tile_threads = std::min(512u, 1u << (tile_log - 1));
  tile_kernel<<<unsigned(n >> tile_log), tile_threads, 0, stream>>>(work, t.twiddles.data(), log_n, tile_log);
  check_launch("ntt_fr tile");
  for (unsigned lm = tile_log; lm < log_n; ++lm) {
    stage_kernel<<<blocks_for(n / 2), kThreads, 0, stream>>>(work, t.twiddles.data(), log_n, lm);
    check_launch("ntt_fr stage");
  }
  if (inverse) {
    finish_inverse_kernel<<<blocks_for(n), kThreads, 0, stream>>>(
        work, d_out, log_n, coset ? t.coset_inv.data.data() : nullptr, t.coset_inv.hi_offset, t.n_inv);
    check_launch("ntt_fr finish");
  } else if (work != d_out) {
    check(cudaMemcpyAsync(d_out, work, n * sizeof(Fr), cudaMemcpyDeviceToDevice, stream), "ntt_fr copy");
  }
}

}  // namespace zkgpu::cuda::ntt_fr
