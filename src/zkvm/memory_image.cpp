#include "zkvm/memory_image.hpp"

#include <map>
#include <string>

namespace zkgpu::zkvm {

std::vector<ImageWord> sp1_memory_image(const Program& program) {
  uint64_t words = 0;
  for (const LoadSegment& s : program.segments) words += s.mem_size / 8 + 2;
  if (words > kMaxImageWords)
    throw ElfError("the segments cover " + std::to_string(words) + " memory words, more than the " +
                   std::to_string(kMaxImageWords) + " a setup commits to");
  // The loader keeps segments in address order, disjoint (elf.cpp), so words come in
  // increasing order; only a word two segments share is met twice, one after the other.
  std::vector<ImageWord> out;
  out.reserve(words);
  for (const LoadSegment& s : program.segments) {
    const uint64_t file_size = s.file_bytes.size(), end = s.vaddr + s.mem_size;
    for (uint64_t addr = s.vaddr; addr < end; addr += 4) {
      const uint64_t word_addr = addr & ~uint64_t(7);
      if (out.empty() || out.back().addr != word_addr) out.push_back({word_addr, 0});
      uint64_t& word = out.back().value;
      const uint64_t off = addr - s.vaddr;
      if (off >= file_size) {
        word = 0;
        continue;
      }
      uint64_t half = 0;
      for (uint64_t i = 0; i < 4 && off + i < file_size; ++i) half |= uint64_t(s.file_bytes[off + i]) << (8 * i);
      word += addr % 8 == 0 ? half : half << 32;  // SP1 adds into an existing word
    }
  }
  return out;
}

std::vector<ImagePage> sp1_page_prot_image(const Program& program) {
  std::map<uint64_t, uint8_t> pages;
  for (const LoadSegment& s : program.segments) {
    const uint64_t end = s.vaddr + s.mem_size;
    for (uint64_t page = s.first_page(); (page << kLogPageSize) < end; ++page) pages[page] = s.flags;
  }
  std::vector<ImagePage> out;
  out.reserve(pages.size());
  for (const auto& [page, prot] : pages) out.push_back({page, prot});
  return out;
}

}  // namespace zkgpu::zkvm
