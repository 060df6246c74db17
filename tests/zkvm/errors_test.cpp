// Each way a guest can fail stops the run with an error that names the pc, the
// instruction and the cycle; nothing escapes as a host crash.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "guest_asm.hpp"
#include "zkvm/instruction.hpp"
#include "zkvm/stdin.hpp"

namespace zkgpu::zkvm::test {
namespace {

void expect_failure(const Report& r, const std::string& what) {
  EXPECT_FALSE(r.halted);
  EXPECT_NE(r.error.find(what), std::string::npos) << r.error;
  EXPECT_NE(r.error.find(" at pc 0x"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("cycle "), std::string::npos) << r.error;
}

TEST(ZkvmErrors, IllegalInstruction) {
  expect_failure(run_any("  .word 0xffffffff\n"), "illegal instruction");
  expect_failure(run_any("  fence\n"), "illegal instruction");  // SP1 does not execute FENCE
  expect_failure(run_any("  ebreak\n"), "illegal instruction");
}

TEST(ZkvmErrors, MisalignedAccesses) {
  const Report r = run_any("  la a0, scratch\n  ld a1, 4(a0)\n");
  expect_failure(r, "misaligned memory access");
  EXPECT_NE(r.error.find("ld x11, 4(x10)"), std::string::npos) << r.error;
  expect_failure(run_any("  la a0, scratch\n  sw a1, 2(a0)\n"), "misaligned");
  expect_failure(run_any("  la a0, scratch\n  lh a1, 1(a0)\n"), "misaligned");
}

TEST(ZkvmErrors, OutOfRangeAccess) {
  expect_failure(run_any("  li a0, 1\n  slli a0, a0, 40\n  ld a1, 0(a0)\n"), "outside the 2^40-byte address space");
  expect_failure(run_any("  li a0, -8\n  sd a1, 0(a0)\n"), "outside");
}

TEST(ZkvmErrors, JumpOutsideTheProgram) {
  expect_failure(run_any("  li a0, 0x10000\n  jr a0\n"), "jump outside the program");
}

// A branch or jump to a pc that is 2 mod 4 (the ISA allows the offset; SP1 has
// no instruction there) stops the run instead of landing on a neighbour.
// Encoded by hand: beq x0, x0, +6 and jal x0, +6.
TEST(ZkvmErrors, JumpToAMisalignedTarget) {
  expect_failure(run_any("  .word 0x00000363\n  nop\n  nop\n"), "jump to a misaligned pc");
  expect_failure(run_any("  .word 0x0060006f\n  nop\n  nop\n"), "jump to a misaligned pc");
  expect_failure(run_any("  la a0, 1f\n  addi a0, a0, 2\n  jr a0\n  nop\n1:\n  nop\n"), "jump to a misaligned pc");
  // The decoder keeps such targets out of the near (in-range) forms.
  EXPECT_EQ(decode(0x00000363, 0x1000, 0x1000, 0x2000).op, Op::branch_far);
  EXPECT_EQ(decode(0x0060006f, 0x1000, 0x1000, 0x2000).op, Op::jal_far);
  EXPECT_EQ(decode(0x00000463, 0x1000, 0x1000, 0x2000).op, Op::beq);  // +8
}

TEST(ZkvmErrors, UnknownAndUnsupportedSyscalls) {
  expect_failure(run_any("  li t0, 0x1234\n  ecall\n"), "unknown syscall 0x00001234");
  expect_failure(run_any("  li t0, 0x1B\n  ecall\n"), "VERIFY_SP1_PROOF");
}

TEST(ZkvmErrors, HintReadPastTheEnd) {
  const std::string read = "  li t0, 0xF1\n  la a0, scratch\n  li a1, 8\n  ecall\n";
  expect_failure(run_any(read), "HINT_READ: read past the end");
  // With one entry of the asked length the same read works, and HINT_LEN says 8.
  const std::string ok = "  li t0, 0xF0\n  ecall\n  OUT t0\n" + read + "  ld a2, 0(a0)\n  OUT a2\n";
  const Report r = run_ok(ok, {u64_entry(0x1122334455667788)});
  EXPECT_EQ(words(r.public_values), (std::vector<uint64_t>{8, 0x1122334455667788}));
  // HINT_LEN on an empty stream is all ones (SP1's "no more input").
  EXPECT_EQ(words(run_ok("  li t0, 0xF0\n  ecall\n  OUT t0\n").public_values), (std::vector<uint64_t>{~uint64_t(0)}));
  expect_failure(run_any(read, {std::vector<uint8_t>(5)}), "asked for 8 bytes");
}

TEST(ZkvmErrors, GuestExitCodeIsReported) {
  const Report r = run_any("  li a0, 1\n  li t0, 0\n  ecall\n");
  EXPECT_TRUE(r.halted);
  EXPECT_EQ(r.exit_code, 1u);
  EXPECT_FALSE(r.ok());
}

TEST(ZkvmErrors, MaxCyclesStopsAnInfiniteLoop) {
  const Report r = run_any("1:\n  j 1b\n", {}, 1000);
  expect_failure(r, "exceeded the limit of 1000 cycles");
  EXPECT_GE(r.instructions, 1000u);
  EXPECT_LE(r.instructions, 1002u);
}

TEST(ZkvmErrors, SyscallsForbiddenInUnconstrainedBlocks) {
  expect_failure(run_any("  li t0, 3\n  ecall\n  li t0, 0xF0\n  ecall\n"), "not allowed inside an unconstrained block");
  expect_failure(run_any("  li t0, 4\n  ecall\n"), "EXIT_UNCONSTRAINED outside");
}

// SP1: memory and registers written in an unconstrained block are discarded on
// exit; ENTER returns 1, the resumed ENTER returns 0; hints written there stay.
TEST(ZkvmUnconstrained, RestoresStateAndKeepsHints) {
  const Report r = run_ok(R"(
  la a3, scratch
  li a4, 77
  sd a4, 0(a3)
  li t0, 3
  ecall
  beqz t0, 2f
  li a4, 99
  sd a4, 0(a3)
  sd a4, 8(a3)
  li a0, 14
  mv a1, a3
  li a2, 16
  li t0, 2
  ecall
  li t0, 4
  ecall
2:
  ld a5, 0(a3)
  OUT a5
  OUT a4
  li t0, 0xF0
  ecall
  OUT t0
)");
  EXPECT_EQ(words(r.public_values), (std::vector<uint64_t>{77, 77, 16}));
  EXPECT_GT(r.unconstrained_instructions, 0u);
}

// Guest output that is not UTF-8 is replaced the way SP1 prints it, so the JSON
// report (daemon reply, --json) stays valid.
TEST(ZkvmReport, InvalidUtf8OutputStaysValidJson) {
  const Report r = run_ok("  la a1, scratch\n  li a2, 0xff\n  sb a2, 0(a1)\n  li a0, 1\n  li a2, 1\n  li t0, 2\n  ecall\n");
  EXPECT_EQ(r.guest_stdout, "\xff");
  EXPECT_EQ(r.to_json()["stdout"], "\xEF\xBF\xBD");
  EXPECT_NO_THROW((void)r.to_json().dump());
}

TEST(ZkvmDeterminism, TwoRunsGiveIdenticalReports) {
  const std::string body = "  li a0, 1000\n1:\n  addi a0, a0, -1\n  bnez a0, 1b\n  OUT a0\n";
  EXPECT_EQ(run_ok(body).to_json(false), run_ok(body).to_json(false));
}

}  // namespace
}  // namespace zkgpu::zkvm::test
