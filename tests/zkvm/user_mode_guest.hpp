// User-mode guests for the event recorder's and the RISC-V traces' tests:
// trusted programs run as SP1 runs a program with an untrusted-memory note (page
// permissions enforced, traps to the handler in its trap context).
//
// user_mode_guest: each of its `iterations` loads from its read+execute code
// page, stores to a data page, and stores to the code page, which traps (code
// 7); the handler counts the trap and resumes after the store. Public values:
// the trap count, then the last trap code.
#pragma once

#include <optional>
#include <string>

#include "guest_asm.hpp"
#include "zkvm/program.hpp"

namespace zkgpu::zkvm::test {

// The trap context: a page no segment describes (read-write).
inline constexpr uint64_t kUserModeTrapContext = 0x2000'0000;

// Runs `p` as SP1 runs a program with an untrusted-memory note (trap context at
// kUserModeTrapContext, MPROTECT allowed on [0x3000_0000, 0x3001_0000)).
inline Program as_user_mode(Program p) {
  // The trusted code starts at the entry: the segment's first words are the ELF
  // header, which SP1's transpiler (the Program table) refuses.
  p.code.erase(p.code.begin(), p.code.begin() + long((p.entry - p.pc_base) / 4));
  p.pc_base = p.entry;
  p.trap_context = kUserModeTrapContext;
  p.untrusted_memory = std::pair<uint64_t, uint64_t>{0x3000'0000, 0x3001'0000};
  return p;
}

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
  return as_user_mode(load_elf(*elf));
}

// A user-mode guest of syscalls: precompile calls whose page checks pass (one
// page and two; retained and deferred calls), MPROTECT calls that take a page's
// write and then all permissions away, calls that then trap on their first or a
// later slice (UINT256_ADD_CARRY on its fifth, after reading its pointers from
// x12..x14), and a handler that returns with SIG_RETURN. Public values: the
// trap count, then the last trap code.
inline constexpr uint64_t kUserModePageA = 0x3000'0000, kUserModePageB = 0x3000'1000;
inline constexpr unsigned kUserModeSyscallTraps = 6;

// The handler both syscall guests share: it counts the trap in s5 and returns
// with SIG_RETURN from a frame 32 words after the trap context (the resume pc,
// then x1..x31): after the trapping instruction, or to ra when an untrusted
// fetch trapped (code 1).
inline std::string sig_return_handler() {
  std::string h = "handler:\n  addi s5, s5, 1\n";
  for (int r = 1; r < 32; ++r) h += "  sd x" + std::to_string(r) + ", " + std::to_string(64 + 8 * r) + "(s1)\n";
  return h + R"(  ld t2, 16(s1)
  addi t2, t2, 4
  ld t3, 8(s1)
  li t4, 1
  bne t3, t4, 1f
  mv t2, ra
1:
  sd t2, 64(s1)
  addi a0, s1, 64
  li a1, 0
  li t0, 0x134
  ecall
)";
}

// What the syscall guests begin with: s1 the trap context, whose handler is
// `handler`; s5 the trap count; s6 and s7 pages A and B; s8 a 25-word state
// across them.
inline std::string syscall_guest_prologue() {
  return R"(
  li s1, 0x20000000
  la t0, handler
  sd t0, 0(s1)
  li s5, 0
  li s6, 0x30000000
  li s7, 0x30001000
  li s8, 0x30000fa0
)";
}

inline std::optional<Program> user_mode_syscall_guest() {
  const auto elf = assemble(syscall_guest_prologue() + R"(
  li s9, 0x300000c0
# SP1 finalizes only the words loads and stores touch (and the image's): store
# zeros over what the calls use, [0x3000_0000, 0x3000_1400)
  mv t1, s6
  li t2, 0x30001400
zero:
  sd x0, 0(t1)
  addi t1, t1, 8
  bltu t1, t2, zero
# page A read-write (not in the ELF): POSEIDON2 (retained), KECCAK across A and B (deferred)
  mv a0, s6
  li a1, 0
  li t0, 0x133
  ecall
  mv a0, s8
  li t0, 0x10109
  ecall
# SHA_EXTEND on B (retained; its words are u32s there), UINT256_MUL with x on A and y on B (deferred)
  li a0, 0x30001200
  li t0, 0x300105
  ecall
  mv a0, s9
  mv a1, s7
  li t0, 0x1011d
  ecall
# B read-only: UINT256_MUL passes, POSEIDON2 on B traps (write), KECCAK across A and B traps on its write slice
  mv a0, s7
  li a1, 4
  li t0, 0x132
  ecall
  mv a0, s9
  mv a1, s7
  li t0, 0x1011d
  ecall
  mv a0, s7
  li a1, 0
  li t0, 0x133
  ecall
  mv a0, s8
  li t0, 0x10109
  ecall
  li a0, 0x30000100
  li a1, 0x30000120
  li a2, 0x30000140
  li a3, 0x30000160
  li a4, 0x30001000
  li t0, 0x10130
  ecall
# B without permissions: SHA_EXTEND on B and BN254_ADD reading B trap (read)
  mv a0, s7
  li a1, 0
  li t0, 0x132
  ecall
  li a0, 0x30001200
  li a1, 0
  li t0, 0x300105
  ecall
  mv a0, s6
  mv a1, s7
  li t0, 0x1010e
  ecall
# B read-write again: KECCAK across A and B passes; then a trapping POSEIDON2 on A made read-only
  mv a0, s7
  li a1, 6
  li t0, 0x132
  ecall
  mv a0, s8
  li a1, 0
  li t0, 0x10109
  ecall
  mv a0, s6
  li a1, 4
  li t0, 0x132
  ecall
  mv a0, s6
  li a1, 0
  li t0, 0x133
  ecall
  OUT s5
  ld t2, 8(s1)
  OUT t2
  j done
)" + sig_return_handler() + R"(done:
)");
  if (!elf) return std::nullopt;
  return as_user_mode(load_elf(*elf));
}

// A user-mode guest with untrusted code: it copies a routine to page A, makes the
// page read+execute and calls the routine twice (an ALU step, a load and store
// on its data, a branch, a store to its own page that traps, a return), then
// takes the execute permission away and calls it once more (the fetch traps).
// Public values: the trap count, the routine's counter, the last trap code.
inline constexpr unsigned kUntrustedRoutineInstructions = 7, kUntrustedRoutineCalls = 2;

inline std::optional<Program> untrusted_code_guest() {
  const auto elf = assemble(syscall_guest_prologue() + R"(
  la s3, scratch
  la t1, routine
  la t2, routine_end
  mv t3, s6
copy:
  lw t4, 0(t1)
  sw t4, 0(t3)
  addi t1, t1, 4
  addi t3, t3, 4
  bltu t1, t2, copy
  mv a0, s6
  li a1, 5
  li t0, 0x132
  ecall
  li a2, 0
  jalr ra, 0(s6)
  jalr ra, 0(s6)
  mv a0, s6
  li a1, 4
  li t0, 0x132
  ecall
  jalr ra, 0(s6)
  OUT s5
  OUT a2
  ld t2, 8(s1)
  OUT t2
  j done
routine:
  addi a2, a2, 1
  ld a3, 0(s3)
  sd a3, 8(s3)
  bne a2, x0, 2f
  addi a2, a2, 5
2:
  sd a3, 64(s6)
  addi a2, a2, 1
  jalr x0, 0(ra)
routine_end:
)" + sig_return_handler() + R"(done:
)");
  if (!elf) return std::nullopt;
  return as_user_mode(load_elf(*elf));
}

}  // namespace zkgpu::zkvm::test
