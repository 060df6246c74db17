#include "sp1/prover_cuda/device_shard.hpp"

namespace zkgpu::sp1::prover::gpu {

OwnedStream::OwnedStream() { cuda::check(cudaStreamCreateWithFlags(&stream_, cudaStreamNonBlocking), "stream"); }
OwnedStream::~OwnedStream() {
  if (stream_) {
    (void)cudaStreamSynchronize(stream_);
    (void)cudaStreamDestroy(stream_);
  }
}

DeviceRowProgram::DeviceRowProgram(air::RowProgram program, cudaStream_t stream)
    : host(std::move(program)),
      code(upload<air::RowInstr>(host.code, stream)),
      interactions(upload<air::RowInteraction>(host.interactions, stream)),
      value_slots(upload<uint32_t>(host.value_slots, stream)) {}

cuda::sp1::ChipCode DeviceRowProgram::view() const {
  return {code.data(), uint32_t(host.code.size()), interactions.data(), uint32_t(host.interactions.size()),
          value_slots.data()};
}

namespace {

DeviceBuffer<Fe> staged(std::span<const F> host, cuda::PinnedStaging& staging, cudaStream_t stream) {
  DeviceBuffer<Fe> d(host.size(), stream);
  if (!host.empty()) staging.upload(d.data(), host.data(), host.size_bytes(), stream);
  return d;
}

}  // namespace

DeviceShard::DeviceShard(std::span<const ChipTrace> traces, size_t max_log_rows, std::span<const F> public_values_,
                         cuda::PinnedStaging& staging)
    : max_log_row_count(max_log_rows),
      public_values(public_values_),
      pv(upload<Fe>(public_values_, stream.get())) {
  check_chip_traces(traces, max_log_rows);
  for (const ChipTrace& c : traces) {
    const air::ConstraintProgram& p = c.chip->program();
    chips.push_back(DeviceChip{c.chip, c.trace.rows, c.chip->width(), c.chip->preprocessed_width(),
                               staged(c.trace.main, staging, s()), staged(c.trace.preprocessed, staging, s()),
                               DeviceRowProgram(air::compile_rows(air::interactions_only(p)), s()),
                               DeviceRowProgram(air::compile_rows(air::constraints_only(p)), s())});
  }
}

DeviceBuffer<Ef> device_eq(std::span<const EF> point, uint64_t len, cudaStream_t stream) {
  const DeviceBuffer<Ef> p = upload<Ef>(point, stream);
  DeviceBuffer<Ef> out(len, stream);
  cuda::sp1::eq_table(p.data(), unsigned(point.size()), out.data(), len, stream);
  return out;
}

std::vector<EF> sum_partials(const DeviceBuffer<Ef>& partials, uint32_t groups, uint32_t n, cudaStream_t stream) {
  DeviceBuffer<Ef> out(n, stream);
  cuda::sp1::reduce_partials(partials.data(), groups, n, out.data(), stream);
  return download(out, n);
}

}  // namespace zkgpu::sp1::prover::gpu
