#include "zkvm/recording_memory.hpp"

namespace zkgpu::zkvm {

RecordingGuestMemory::Word& RecordingGuestMemory::word(uint64_t aligned_addr) {
  for (Word& w : words_)
    if (w.addr == aligned_addr) return w;  // a precompile touches at most a few dozen words
  const uint64_t v = memory_.read_u64(aligned_addr);
  return words_.emplace_back(Word{aligned_addr, v, v, false});
}

void RecordingGuestMemory::read(uint64_t addr, std::span<std::byte> out) {
  inner_.read(addr, out);  // checks range and permission first
  for (uint64_t w = addr & ~uint64_t(7); w < addr + out.size(); w += 8) word(w);
}

void RecordingGuestMemory::write(uint64_t addr, std::span<const std::byte> in) {
  const uint64_t first = addr & ~uint64_t(7), end = addr + in.size();
  if (in.empty() || !Memory::in_range(first, end - first)) return inner_.write(addr, in);  // which refuses it
  for (uint64_t w = first; w < end; w += 8) word(w);  // the old values, before the write
  inner_.write(addr, in);
  for (uint64_t w = first; w < end; w += 8) {
    Word& rec = word(w);
    rec.last_value = memory_.read_u64(w);
    rec.written = true;
  }
}

void RecordingGuestMemory::finish() {
  for (const Word& w : words_)
    if (!w.written) observer_.read(w.addr, w.first_value, 0);
  for (const Word& w : words_)
    if (w.written) observer_.write(w.addr, w.first_value, w.last_value, write_clk_offset_);
  words_.clear();
}

}  // namespace zkgpu::zkvm
