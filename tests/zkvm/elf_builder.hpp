// Writes RV64 ELF files byte by byte, for layouts no toolchain emits (hostile
// sizes, overlapping or shared ranges) and for guests that need no assembler.
// Header-only: used by the executor's tests and by the daemon's.
#pragma once

#include <elf.h>

#include <cstdint>
#include <cstring>
#include <vector>

namespace zkgpu::zkvm::test {

struct ElfSegment {
  uint64_t vaddr = 0;
  uint64_t mem_size = 0;  // 0: the data's size
  uint32_t flags = PF_R;
  std::vector<uint8_t> data;  // the file bytes, placed after the headers in order
};

// An ET_EXEC RISC-V ELF: header, one PT_LOAD per segment, then each segment's data.
inline std::vector<uint8_t> make_elf(uint64_t entry, const std::vector<ElfSegment>& segments) {
  Elf64_Ehdr eh{};
  std::memcpy(eh.e_ident, ELFMAG, SELFMAG);
  eh.e_ident[EI_CLASS] = ELFCLASS64;
  eh.e_ident[EI_DATA] = ELFDATA2LSB;
  eh.e_ident[EI_VERSION] = EV_CURRENT;
  eh.e_type = ET_EXEC;
  eh.e_machine = EM_RISCV;
  eh.e_version = EV_CURRENT;
  eh.e_entry = entry;
  eh.e_phoff = sizeof(Elf64_Ehdr);
  eh.e_ehsize = sizeof(Elf64_Ehdr);
  eh.e_phentsize = sizeof(Elf64_Phdr);
  eh.e_phnum = uint16_t(segments.size());

  std::vector<uint8_t> out(sizeof eh + segments.size() * sizeof(Elf64_Phdr));
  std::memcpy(out.data(), &eh, sizeof eh);
  for (size_t i = 0; i < segments.size(); ++i) {
    const ElfSegment& s = segments[i];
    Elf64_Phdr ph{};
    ph.p_type = PT_LOAD;
    ph.p_flags = s.flags;
    ph.p_offset = out.size();
    ph.p_vaddr = ph.p_paddr = s.vaddr;
    ph.p_filesz = s.data.size();
    ph.p_memsz = s.mem_size ? s.mem_size : s.data.size();
    ph.p_align = 4;
    std::memcpy(out.data() + sizeof eh + i * sizeof ph, &ph, sizeof ph);
    out.insert(out.end(), s.data.begin(), s.data.end());
  }
  return out;
}

// The i-th program header of an ELF make_elf wrote (to bend it after the fact).
inline Elf64_Phdr& elf_phdr(std::vector<uint8_t>& elf, size_t i) {
  return reinterpret_cast<Elf64_Phdr*>(elf.data() + sizeof(Elf64_Ehdr))[i];
}

// Instruction words as little-endian bytes.
inline std::vector<uint8_t> code_bytes(const std::vector<uint32_t>& words) {
  std::vector<uint8_t> b(4 * words.size());
  std::memcpy(b.data(), words.data(), b.size());
  return b;
}

// A few RV64I encodings the tests' guests need.
inline constexpr uint32_t kSpinForever = 0x0000006f;  // jal x0, 0
inline constexpr uint32_t kHaltT0 = 0x00000293;       // addi t0, x0, 0 (HALT's syscall code)
inline constexpr uint32_t kExitCode0 = 0x00000513;    // addi a0, x0, 0
inline constexpr uint32_t kEcall = 0x00000073;

inline constexpr uint64_t kCodeBase = 0x7800'0000;  // SP1's stack top: the lowest address a segment may use

// A guest whose only instruction jumps to itself: it runs until stopped.
inline std::vector<uint8_t> spinning_elf() {
  return make_elf(kCodeBase, {{kCodeBase, 0, PF_R | PF_X, code_bytes({kSpinForever})}});
}

}  // namespace zkgpu::zkvm::test
