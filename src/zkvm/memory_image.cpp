#include "zkvm/memory_image.hpp"

#include <map>

namespace zkgpu::zkvm {

std::vector<ImageWord> sp1_memory_image(const Program& program) {
  std::map<uint64_t, uint64_t> image;
  for (const LoadSegment& s : program.segments) {
    const uint64_t file_size = s.file_bytes.size(), end = s.vaddr + s.mem_size;
    for (uint64_t addr = s.vaddr; addr < end; addr += 4) {
      const uint64_t word_addr = addr & ~uint64_t(7);
      const uint64_t off = addr - s.vaddr;
      if (off >= file_size) {
        image[word_addr] = 0;
        continue;
      }
      uint64_t half = 0;
      for (uint64_t i = 0; i < 4 && off + i < file_size; ++i) half |= uint64_t(s.file_bytes[off + i]) << (8 * i);
      image[word_addr] += addr % 8 == 0 ? half : half << 32;  // SP1 adds into an existing word
    }
  }
  std::vector<ImageWord> out;
  out.reserve(image.size());
  for (const auto& [addr, value] : image) out.push_back({addr, value});
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
