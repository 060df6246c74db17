// The daemon's sp1_execute op (proto/ops-sp1.md) in-process: body decoding, the
// JSON report, and each failure class as the daemon answers it.
#include <gtest/gtest.h>

#include <cstring>
#include <nlohmann/json.hpp>

#include "guest_asm.hpp"
#include "pipeline_test_util.hpp"
#include "zkvm/stdin.hpp"

namespace zkgpu::zkvm::test {
namespace {

std::vector<uint8_t> body(std::span<const uint8_t> elf, const std::vector<std::vector<uint8_t>>& input,
                          uint64_t max_cycles = 0) {
  const uint64_t len = elf.size();
  std::vector<uint8_t> b(16 + len);
  std::memcpy(b.data(), &max_cycles, 8);
  std::memcpy(b.data() + 8, &len, 8);
  if (len) std::memcpy(b.data() + 16, elf.data(), len);
  const auto s = encode_sp1_stdin(input);
  b.insert(b.end(), s.begin(), s.end());
  return b;
}

nlohmann::json execute_op(const std::string& asm_body, const std::vector<std::vector<uint8_t>>& input = {},
                          uint64_t max_cycles = 0) {
  const auto elf = assemble(asm_body);
  if (!elf) return {};
  zkgpu::test::HandlerRunner h;
  const auto reply = h.run(proto::Op::sp1_execute, body(*elf, input, max_cycles));
  return nlohmann::json::parse(reply.begin(), reply.end());
}

void expect_failed(const nlohmann::json& j, const std::string& what) {
  ASSERT_EQ(j.value("status", ""), "failed") << j.dump();
  EXPECT_NE(j["error"].get<std::string>().find(what), std::string::npos) << j["error"];
  EXPECT_NE(j["error"].get<std::string>().find(" at pc 0x"), std::string::npos) << j["error"];
}

TEST(ZkvmExecuteOp, ReportsAHaltedRun) {
  const auto j = execute_op("  li a0, 0x1234\n  OUT a0\n");
  EXPECT_EQ(j["status"], "halted");
  EXPECT_EQ(j["exit_code"], 0);
  EXPECT_EQ(j["public_values"], "3412000000000000");
  EXPECT_EQ(j["syscalls"]["HALT"], 1);
  EXPECT_GT(j["instructions"].get<uint64_t>(), 0u);
}

TEST(ZkvmExecuteOp, EachGuestFailureIsAReport) {
  expect_failed(execute_op("  .word 0xffffffff\n"), "illegal instruction");
  expect_failed(execute_op("  la a0, scratch\n  lw a1, 2(a0)\n"), "misaligned");
  expect_failed(execute_op("  li a0, -8\n  ld a1, 0(a0)\n"), "outside the 2^40-byte address space");
  expect_failed(execute_op("  li t0, 0x1234\n  ecall\n"), "unknown syscall 0x00001234");
  expect_failed(execute_op("  li t0, 0xF1\n  la a0, scratch\n  li a1, 8\n  ecall\n"), "read past the end");
  expect_failed(execute_op("1:\n  j 1b\n", {}, 500), "exceeded the limit of 500 cycles");
  const auto exit1 = execute_op("  li a0, 1\n  li t0, 0\n  ecall\n");
  EXPECT_EQ(exit1["status"], "halted");
  EXPECT_EQ(exit1["exit_code"], 1);
}

TEST(ZkvmExecuteOp, BadBodiesAreErrors) {
  zkgpu::test::HandlerRunner h;
  const std::vector<uint8_t> junk_elf = {0x7f, 'E', 'L', 'F'};
  EXPECT_EQ(zkgpu::test::error_of([&] { h.run(proto::Op::sp1_execute, body(junk_elf, {})); }, "invalid ELF"),
            ErrorCode::invalid_argument);
  EXPECT_EQ(zkgpu::test::error_of([&] { h.run(proto::Op::sp1_execute, std::vector<uint8_t>(10)); }, "16-byte header"),
            ErrorCode::bad_request);
  auto b = body(junk_elf, {});
  b[8] = 0xff;  // ELF length past the end
  EXPECT_EQ(zkgpu::test::error_of([&] { h.run(proto::Op::sp1_execute, b); }, "exceeds the body"),
            ErrorCode::bad_request);
  const auto elf = assemble("");
  ASSERT_TRUE(elf);
  auto bad_stdin = body(*elf, {{1, 2, 3}});
  bad_stdin.push_back(0);  // trailing byte after the SP1Stdin
  EXPECT_EQ(zkgpu::test::error_of([&] { h.run(proto::Op::sp1_execute, bad_stdin); }, "SP1Stdin"),
            ErrorCode::bad_request);
}

}  // namespace
}  // namespace zkgpu::zkvm::test
