// One shard on the device: its stream, each chip's traces (base field, row-major,
// as ChipTrace holds them) and its two compiled row programs (interactions for the
// GKR leaves, constraints for the zerocheck), and the public values. Uploaded once
// when the shard is opened; the GKR circuit and the zerocheck oracle share it.
#pragma once

#include <cuda_runtime_api.h>

#include <span>
#include <vector>

#include "backends/cuda/pinned_staging.hpp"
#include "kernels/common/device_buffer.hpp"
#include "kernels/sp1/sumcheck_kernels.hpp"
#include "sp1/air/row_program_compile.hpp"
#include "sp1/prover/chip_traces.hpp"

namespace zkgpu::sp1::prover::gpu {

using cuda::DeviceBuffer;
using Ef = cuda::sp1::Ef;
using Fe = cuda::sp1::Fe;

// A stream created for one shard and destroyed with it.
class OwnedStream {
 public:
  OwnedStream();
  ~OwnedStream();
  OwnedStream(const OwnedStream&) = delete;
  OwnedStream& operator=(const OwnedStream&) = delete;
  cudaStream_t get() const { return stream_; }

 private:
  cudaStream_t stream_ = nullptr;
};

template <class T>
DeviceBuffer<T> upload(std::span<const T> host, cudaStream_t stream) {
  DeviceBuffer<T> d(host.size(), stream);
  if (!host.empty()) d.upload(host);
  return d;
}

// The first `count` values of a device buffer (synchronizes the stream).
template <class T>
std::vector<T> download(const DeviceBuffer<T>& d, size_t count, size_t offset = 0) {
  std::vector<T> host(count);
  if (count == 0) return host;
  cuda::check(cudaMemcpyAsync(host.data(), d.data() + offset, count * sizeof(T), cudaMemcpyDeviceToHost, d.stream()),
              "download");
  cuda::check(cudaStreamSynchronize(d.stream()), "download sync");
  return host;
}

// A row program on the device.
struct DeviceRowProgram {
  air::RowProgram host;
  DeviceBuffer<air::RowInstr> code;
  DeviceBuffer<air::RowInteraction> interactions;
  DeviceBuffer<uint32_t> value_slots;

  DeviceRowProgram(air::RowProgram program, cudaStream_t stream);
  cuda::sp1::ChipCode view() const;
};

struct DeviceChip {
  const air::MachineChip* chip;
  size_t rows, width, prep_width;
  DeviceBuffer<Fe> main, prep;
  DeviceRowProgram interactions;  // interactions_only(program)
  DeviceRowProgram constraints;   // constraints_only(program)
};

struct DeviceShard {
  OwnedStream stream;  // first: destroyed after every buffer that frees on it
  size_t max_log_row_count;
  std::span<const F> public_values;  // the host's, for the CPU-side constants
  DeviceBuffer<Fe> pv;
  std::vector<DeviceChip> chips;

  // The traces go up through `staging`'s pinned buffers.
  DeviceShard(std::span<const ChipTrace> chips, size_t max_log_row_count, std::span<const F> public_values,
              cuda::PinnedStaging& staging);
  cudaStream_t s() const { return stream.get(); }
  uint32_t num_pv() const { return uint32_t(public_values.size()); }
};

// eq(point, b) for b < len on the device (the point uploaded).
DeviceBuffer<Ef> device_eq(std::span<const EF> point, uint64_t len, cudaStream_t stream);

// out[0..n) = the sum of `groups` groups of n partials, downloaded.
std::vector<EF> sum_partials(const DeviceBuffer<Ef>& partials, uint32_t groups, uint32_t n, cudaStream_t stream);

}  // namespace zkgpu::sp1::prover::gpu
