#include "zkvm/phased_recording_memory.hpp"

#include <vector>

namespace zkgpu::zkvm {

void PhasedRecordingMemory::read(uint64_t addr, std::span<std::byte> out) {
  inner_.read(addr, out);  // checks range and permission first
  for (uint64_t w = addr & ~uint64_t(7); w < addr + out.size(); w += 8) observer_.read(w, memory_.read_u64(w), phase_);
  ++phase_;
}

void PhasedRecordingMemory::write(uint64_t addr, std::span<const std::byte> in) {
  const uint64_t first = addr & ~uint64_t(7), end = addr + in.size();
  if (in.empty() || !Memory::in_range(first, end - first)) return inner_.write(addr, in);  // which refuses it
  std::vector<uint64_t> before;
  for (uint64_t w = first; w < end; w += 8) before.push_back(memory_.read_u64(w));
  inner_.write(addr, in);
  for (uint64_t w = first, i = 0; w < end; w += 8, ++i) observer_.write(w, before[i], memory_.read_u64(w), phase_);
  ++phase_;
}

}  // namespace zkgpu::zkvm
