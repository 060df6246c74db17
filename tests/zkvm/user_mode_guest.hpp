// A user-mode guest for the event recorder's and the RISC-V traces' tests: a
// trusted program run as SP1 runs a program with an untrusted-memory note (page
// permissions enforced, traps to the handler in its trap context). Each of its
// `iterations` loads from its read+execute code page, stores to a data page, and
// stores to the code page, which traps (code 7); the handler counts the trap and
// resumes after the store. Public values: the trap count, then the last trap code.
#pragma once

#include <optional>
#include <string>

#include "guest_asm.hpp"
#include "zkvm/program.hpp"

namespace zkgpu::zkvm::test {

// The trap context: a page no segment describes (read-write).
inline constexpr uint64_t kUserModeTrapContext = 0x2000'0000;

inline std::optional<Program> user_mode_guest(unsigned iterations) {
  const auto elf = assemble(R"(
  li s1, 0x20000000
  la t0, handler
  sd t0, 0(s1)
  la s2, _start
  la s3, scratch
  li s4, )" + std::to_string(iterations) + R"(
  li s5, 0
loop:
  ld t1, 0(s2)
  sd t1, 8(s3)
  sd t1, 0(s2)
  addi s4, s4, -1
  bnez s4, loop
  OUT s5
  ld t2, 8(s1)
  OUT t2
  j done
handler:
  addi s5, s5, 1
  ld t2, 16(s1)
  addi t2, t2, 4
  jr t2
done:
)");
  if (!elf) return std::nullopt;
  Program p = load_elf(*elf);
  // The trusted code starts at the entry: the segment's first words are the ELF
  // header, which SP1's transpiler (the Program table) refuses.
  p.code.erase(p.code.begin(), p.code.begin() + long((p.entry - p.pc_base) / 4));
  p.pc_base = p.entry;
  p.trap_context = kUserModeTrapContext;
  p.untrusted_memory = std::pair<uint64_t, uint64_t>{0x3000'0000, 0x3001'0000};
  return p;
}

}  // namespace zkgpu::zkvm::test
