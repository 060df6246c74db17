// ELF loading with SP1 v6's rules (crates/core/executor/src/disassembler/elf.rs):
// RISC-V ET_EXEC, segments above the stack top, readable, never writable and
// executable together, sorted and disjoint; trusted executable segments form one
// contiguous instruction range; an optional SUCCINCT note enables user mode.
#include <elf.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <string_view>
#include <vector>

#include "zkvm/hex.hpp"
#include "zkvm/program.hpp"

namespace zkgpu::zkvm {
namespace {

constexpr uint32_t kPfUntrusted = 0x0010'0000;
constexpr uint32_t kNoteUntrustedProgram = 1;
constexpr std::string_view kTrapContextSymbol = "__SUCCINCT_TRAP_CONTEXT";

// Bounds-checked views into the file.
class Bytes {
 public:
  explicit Bytes(std::span<const uint8_t> d) : d_(d) {}
  template <class T>
  T at(uint64_t off, const char* what) const {
    if (off > d_.size() || d_.size() - off < sizeof(T)) throw ElfError(std::string(what) + " lies outside the file");
    T v;
    std::memcpy(&v, d_.data() + off, sizeof(T));
    return v;
  }
  std::span<const uint8_t> range(uint64_t off, uint64_t len, const char* what) const {
    if (off > d_.size() || d_.size() - off < len) throw ElfError(std::string(what) + " lies outside the file");
    return d_.subspan(off, len);
  }
  size_t size() const { return d_.size(); }

 private:
  std::span<const uint8_t> d_;
};

// Looks in the first SHT_SYMTAB only, as SP1's ELF parser does (the `elf` crate's
// ElfBytes::symbol_table: the gABI allows one per file); that also keeps the search
// linear in the file size.
std::optional<uint64_t> find_symbol(const Bytes& f, const Elf64_Ehdr& eh, std::string_view name) {
  if (eh.e_shoff == 0 || eh.e_shnum == 0) return std::nullopt;
  if (eh.e_shentsize != sizeof(Elf64_Shdr)) throw ElfError("unexpected section header size");
  for (unsigned i = 0; i < eh.e_shnum; ++i) {
    const auto sh = f.at<Elf64_Shdr>(eh.e_shoff + uint64_t(i) * sizeof(Elf64_Shdr), "section header");
    if (sh.sh_type != SHT_SYMTAB) continue;
    if (sh.sh_link >= eh.e_shnum) throw ElfError("symbol table links to a missing string table");
    const auto strtab = f.at<Elf64_Shdr>(eh.e_shoff + uint64_t(sh.sh_link) * sizeof(Elf64_Shdr), "section header");
    const auto strings = f.range(strtab.sh_offset, strtab.sh_size, "string table");
    const auto syms = f.range(sh.sh_offset, sh.sh_size, "symbol table");
    for (size_t off = 0; off + sizeof(Elf64_Sym) <= syms.size(); off += sizeof(Elf64_Sym)) {
      Elf64_Sym s;
      std::memcpy(&s, syms.data() + off, sizeof s);
      if (s.st_name >= strings.size()) continue;
      // Compares name.size() + 1 bytes at most (not strnlen over the rest of the
      // table per symbol, which a hostile table would make quadratic).
      const std::string_view rest(reinterpret_cast<const char*>(strings.data()) + s.st_name,
                                  strings.size() - s.st_name);
      if (rest.starts_with(name) && (rest.size() == name.size() || rest[name.size()] == '\0')) return s.st_value;
    }
    return std::nullopt;
  }
  return std::nullopt;
}

// The SUCCINCT note: name "SUCCINCT", type 1, desc = "1\0\0\0" + heap start + heap end.
std::optional<std::pair<uint64_t, uint64_t>> parse_note(std::span<const uint8_t> note) {
  auto pad = [](uint64_t n) { return (4 - n % 4) % 4; };
  uint64_t off = 0;
  auto u32 = [&](uint64_t at) {
    if (at + 4 > note.size()) throw ElfError("truncated note segment");
    uint32_t v;
    std::memcpy(&v, note.data() + at, 4);
    return v;
  };
  while (off < note.size()) {
    const uint64_t name_size = u32(off), desc_size = u32(off + 4), type = u32(off + 8);
    off += 12;
    if (name_size > note.size() - off) throw ElfError("truncated note name");
    std::string_view name(reinterpret_cast<const char*>(note.data() + off), name_size);
    if (const auto nul = name.find('\0'); nul != std::string_view::npos) name = name.substr(0, nul);
    off += name_size + pad(name_size);
    if (off > note.size() || desc_size > note.size() - off) throw ElfError("truncated note descriptor");
    const uint8_t* desc = note.data() + off;
    off += desc_size + pad(desc_size);
    if (name == "SUCCINCT" && type == kNoteUntrustedProgram && desc_size == 20 && desc[0] == '1' &&
        desc[1] == 0 && desc[2] == 0 && desc[3] == 0) {
      uint64_t start, end;
      std::memcpy(&start, desc + 4, 8);
      std::memcpy(&end, desc + 12, 8);
      if (end <= start) throw ElfError("SUCCINCT note: heap end " + hex(end) + " is not above heap start " + hex(start));
      return std::pair{start, end};
    }
  }
  return std::nullopt;
}

// The PT_LOAD headers, checked as a whole before anything is built from them, so
// that what a refused ELF costs is bounded by its header count, and what an
// accepted one costs by its file size (README "What loading an ELF costs"): no
// memory or page metadata is allocated for a segment whose layout is wrong.
struct LoadHeader {
  unsigned index;
  Elf64_Phdr ph;
};

std::vector<LoadHeader> check_layout(const Bytes& f, const Elf64_Ehdr& eh) {
  std::vector<LoadHeader> loads;
  std::optional<uint64_t> prev_end, code_end;
  uint64_t instructions = 0;
  for (unsigned i = 0; i < eh.e_phnum; ++i) {
    const auto ph = f.at<Elf64_Phdr>(eh.e_phoff + uint64_t(i) * sizeof(Elf64_Phdr), "program header");
    if (ph.p_type != PT_LOAD) continue;
    const std::string seg = "segment " + std::to_string(i) + " at " + hex(ph.p_vaddr);
    const bool exec = ph.p_flags & PF_X;
    const bool trusted = exec && !(ph.p_flags & kPfUntrusted);
    if (ph.p_vaddr < kStackTop) throw ElfError(seg + " lies below the stack top " + hex(kStackTop));
    if (!(ph.p_flags & PF_R)) throw ElfError(seg + " is not readable");
    if (exec && (ph.p_flags & PF_W)) throw ElfError(seg + " is both writable and executable");
    if (prev_end && *prev_end > ph.p_vaddr) throw ElfError(seg + " overlaps or precedes the previous segment");
    if (ph.p_vaddr % 4 != 0) throw ElfError(seg + " is not 4-byte aligned");
    if (ph.p_filesz > ph.p_memsz) throw ElfError(seg + " has a file size above its memory size");
    // Overflow-safe: p_vaddr + p_memsz is only formed once both are known to fit.
    if (ph.p_memsz > kMemorySize || ph.p_vaddr > kMemorySize - ph.p_memsz)
      throw ElfError(seg + " ends beyond the 2^" + std::to_string(kLogMemorySize) + "-byte address space");
    f.range(ph.p_offset, ph.p_filesz, "segment data");
    if (trusted) {
      // SP1 takes one instruction per 4 file bytes (a short last word is zero-padded).
      const uint64_t words = ph.p_filesz / 4 + (ph.p_filesz % 4 != 0);
      if (!code_end) {
        if (ph.p_vaddr <= 0x20) throw ElfError("code base " + hex(ph.p_vaddr) + " must be above 0x20");
      } else if (ph.p_vaddr != *code_end) {
        throw ElfError(seg + ": executable segments must be contiguous");
      }
      instructions += words;
      if (instructions > kMaxInstructions) throw ElfError("too many instructions (more than 2^22)");
      code_end = ph.p_vaddr + 4 * words;
    }
    prev_end = ph.p_vaddr + ph.p_memsz;
    loads.push_back({i, ph});
  }
  if (!code_end) throw ElfError("no executable (PF_X) segment");
  if (instructions == 0) throw ElfError("no instructions");

  // Stricter than SP1, which reads file bytes per segment wherever they lie: no
  // toolchain makes two PT_LOAD segments share file bytes, and refusing that keeps
  // the loaded image no larger than the file (256 segments over one range would
  // otherwise cost 256 times its size).
  std::vector<const LoadHeader*> by_offset;
  for (const LoadHeader& l : loads)
    if (l.ph.p_filesz > 0) by_offset.push_back(&l);
  std::sort(by_offset.begin(), by_offset.end(),
            [](const LoadHeader* a, const LoadHeader* b) { return a->ph.p_offset < b->ph.p_offset; });
  for (size_t k = 1; k < by_offset.size(); ++k) {
    const LoadHeader& a = *by_offset[k - 1];
    const LoadHeader& b = *by_offset[k];
    if (a.ph.p_offset + a.ph.p_filesz > b.ph.p_offset)
      throw ElfError("segments " + std::to_string(a.index) + " and " + std::to_string(b.index) +
                     " share file bytes");
  }
  return loads;
}

}  // namespace

Program load_elf(std::span<const uint8_t> data) {
  const Bytes f(data);
  const auto eh = f.at<Elf64_Ehdr>(0, "ELF header");
  if (std::memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0) throw ElfError("not an ELF file (bad magic)");
  if (eh.e_ident[EI_CLASS] != ELFCLASS64) throw ElfError("must be a 64-bit ELF (RV64)");
  if (eh.e_ident[EI_DATA] != ELFDATA2LSB) throw ElfError("must be little-endian");
  if (eh.e_machine != EM_RISCV) throw ElfError("must be a RISC-V ELF (e_machine " + std::to_string(eh.e_machine) + ")");
  if (eh.e_type != ET_EXEC) throw ElfError("must be a static executable (ET_EXEC)");
  if (eh.e_entry % 4 != 0 || eh.e_entry >= kMemorySize) throw ElfError("invalid entry point " + hex(eh.e_entry));
  if (eh.e_phnum > kMaxSegments) throw ElfError("too many program headers (" + std::to_string(eh.e_phnum) + ")");
  if (eh.e_phnum > 0 && eh.e_phentsize != sizeof(Elf64_Phdr)) throw ElfError("unexpected program header size");

  const std::vector<LoadHeader> loads = check_layout(f, eh);
  Program p;
  p.entry = eh.e_entry;
  p.trap_context = find_symbol(f, eh, kTrapContextSymbol);
  for (unsigned i = 0; i < eh.e_phnum && !p.untrusted_memory; ++i) {
    const auto ph = f.at<Elf64_Phdr>(eh.e_phoff + uint64_t(i) * sizeof(Elf64_Phdr), "program header");
    if (ph.p_type == PT_NOTE) p.untrusted_memory = parse_note(f.range(ph.p_offset, ph.p_filesz, "note segment"));
  }

  bool have_base = false;
  for (const LoadHeader& load : loads) {
    const Elf64_Phdr& ph = load.ph;
    const auto bytes = f.range(ph.p_offset, ph.p_filesz, "segment data");
    if ((ph.p_flags & PF_X) && !(ph.p_flags & kPfUntrusted)) {
      if (!have_base) p.pc_base = ph.p_vaddr;
      have_base = true;
      for (uint64_t off = 0; off < bytes.size(); off += 4) {
        uint32_t w = 0;
        std::memcpy(&w, bytes.data() + off, std::min<uint64_t>(4, bytes.size() - off));
        p.code.push_back(w);
      }
    }

    LoadSegment s;
    s.vaddr = ph.p_vaddr;
    s.mem_size = ph.p_memsz;
    s.flags = uint8_t(ph.p_flags);
    s.file_bytes.assign(bytes.begin(), bytes.end());
    // SP1 builds its image from 8-byte words and, at the first zero-fill address,
    // inserts a zero word; when that address is 4 mod 8 the word's low half (the
    // last file bytes) is cleared too. Reproduced here so memory matches SP1's.
    const uint64_t end = ph.p_vaddr + ph.p_memsz;
    const uint64_t first_fill = ph.p_vaddr + (ph.p_filesz + 3) / 4 * 4;
    s.zeroed_from = (first_fill < end && first_fill % 8 == 4) ? first_fill - 4 : first_fill;
    p.segments.push_back(std::move(s));
  }
  return p;
}

}  // namespace zkgpu::zkvm
