// A guest program as SP1 v6 loads it from an ELF (crates/core/executor/src/
// disassembler/elf.rs): the trusted instructions, the initial memory image, page
// permissions, and the optional trap context and untrusted-memory region.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace zkgpu::zkvm {

// SP1 v6 memory layout facts (crates/primitives/src/consts.rs, executor memory.rs).
inline constexpr uint64_t kStackTop = 0x7800'0000;         // segments must lie above
inline constexpr unsigned kLogMemorySize = 40;             // executor address space: 2^40 bytes
inline constexpr uint64_t kMemorySize = uint64_t(1) << kLogMemorySize;
inline constexpr unsigned kLogPageSize = 12;
inline constexpr uint64_t kPageSize = uint64_t(1) << kLogPageSize;
inline constexpr size_t kMaxInstructions = size_t(1) << 22;
inline constexpr size_t kMaxSegments = 256;
inline constexpr uint64_t kHaltPc = 1;  // the pc that marks a halted machine

// Page permission bits (ELF PF_* values).
inline constexpr uint8_t kProtExec = 1, kProtWrite = 2, kProtRead = 4;
inline constexpr uint8_t kDefaultProt = kProtRead | kProtWrite;
// SP1's trap codes for a missing permission (PROT_FAILURE_EXEC, _READ, _WRITE).
inline constexpr uint64_t kTrapExec = 1, kTrapRead = 5, kTrapWrite = 7;

// An ELF that SP1 would refuse (or that does not fit this executor).
class ElfError : public std::runtime_error {
 public:
  explicit ElfError(const std::string& what) : std::runtime_error("invalid ELF: " + what) {}
};

struct LoadSegment {
  uint64_t vaddr = 0;
  uint64_t mem_size = 0;
  uint8_t flags = 0;                // p_flags' low byte: the permission of every page it touches
  std::vector<uint8_t> file_bytes;  // the first file_bytes.size() bytes; the rest is zero
  uint64_t zeroed_from = 0;         // file bytes at and above this address are cleared (SP1 quirk, elf.cpp)

  // Pages [first_page, end_page) as SP1 marks them (disassembler/elf.rs: every page
  // from vaddr's page up to the segment's end).
  uint64_t first_page() const { return vaddr >> kLogPageSize; }
  uint64_t end_page() const { return (vaddr + mem_size + kPageSize - 1) >> kLogPageSize; }
};

struct Program {
  uint64_t entry = 0;
  uint64_t pc_base = 0;              // address of code[0]
  std::vector<uint32_t> code;        // trusted instructions, contiguous from pc_base
  std::vector<LoadSegment> segments; // in load order (a page two segments share takes the later one's flags)
  std::optional<uint64_t> trap_context;                  // address of __SUCCINCT_TRAP_CONTEXT
  std::optional<std::pair<uint64_t, uint64_t>> untrusted_memory;  // [start, end) from the SUCCINCT note

  uint64_t code_end() const { return pc_base + 4 * code.size(); }
  // SP1 runs a program with an untrusted-memory note in "user mode": page
  // permissions are enforced and violations go to the trap handler.
  bool user_mode() const { return untrusted_memory.has_value(); }
};

// Parses and validates an ELF the way SP1 v6 does; throws ElfError naming the problem.
Program load_elf(std::span<const uint8_t> elf);

}  // namespace zkgpu::zkvm
