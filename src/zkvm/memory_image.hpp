// A program's initial memory as SP1 records it for its proof (crates/core/executor/
// src/disassembler/elf.rs, Elf::decode / process_load_segment): every 8-byte-aligned
// word the loadable segments cover, file bytes and zero fill alike, and, for a
// program with an untrusted-memory region, each page's initial permission. SP1's
// vk commits to both through the initial global cumulative sum.
#pragma once

#include <cstdint>
#include <vector>

#include "zkvm/program.hpp"

namespace zkgpu::zkvm {

struct ImageWord {
  uint64_t addr = 0;  // 8-byte aligned
  uint64_t value = 0;
  bool operator==(const ImageWord&) const = default;
};

struct ImagePage {
  uint64_t page = 0;  // address >> kLogPageSize
  uint8_t prot = 0;   // the segment's p_flags, low byte
  bool operator==(const ImagePage&) const = default;
};

// The most words a setup takes (2^25: a 256 MiB image held as 512 MiB of address and
// value pairs, and at some 25 us per word on one core 14 core-minutes of curve lifts).
// SP1 has no such bound; a larger image is refused instead of exhausting memory.
inline constexpr uint64_t kMaxImageWords = uint64_t(1) << 25;

// The words in address order. SP1 walks each segment in 4-byte steps up to
// vaddr + p_memsz: a step inside the file adds its (up to 4) bytes into its word,
// a step past the file sets its whole word to zero (so a file ending at 4 mod 8
// loses its last 4 bytes: LoadSegment::zeroed_from). Throws ElfError for more than
// kMaxImageWords words.
std::vector<ImageWord> sp1_memory_image(const Program& program);

// The pages in index order: every page from a segment's first to the one holding
// its last byte, a later segment's flags replacing an earlier one's.
std::vector<ImagePage> sp1_page_prot_image(const Program& program);

}  // namespace zkgpu::zkvm
