// RV64IM semantics instruction by instruction: programs assembled at test time,
// results written to the public values and compared with values computed here
// from the ISA specification's definitions.
#include <gtest/gtest.h>

#include <climits>
#include <cstdio>
#include <functional>
#include <map>
#include <sstream>

#include "guest_asm.hpp"

namespace zkgpu::zkvm::test {
namespace {

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

uint64_t sx(uint32_t v) { return uint64_t(int64_t(int32_t(v))); }

const std::vector<uint64_t> kEdges = {0,
                                      1,
                                      2,
                                      3,
                                      7,
                                      31,
                                      32,
                                      63,
                                      64,
                                      ~uint64_t(0),
                                      ~uint64_t(6),
                                      uint64_t(INT64_MIN),
                                      uint64_t(INT64_MAX),
                                      0x7fffffff,
                                      0x80000000,
                                      0xffffffff,
                                      0xffffffff80000000,
                                      0x123456789abcdef0,
                                      0xfedcba9876543210};

// RV64IM register-register ops, as the ISA manual defines them.
const std::map<std::string, std::function<uint64_t(uint64_t, uint64_t)>> kRegOps = {
    {"add", [](uint64_t a, uint64_t b) { return a + b; }},
    {"sub", [](uint64_t a, uint64_t b) { return a - b; }},
    {"sll", [](uint64_t a, uint64_t b) { return a << (b % 64); }},
    {"slt", [](uint64_t a, uint64_t b) { return uint64_t(int64_t(a) < int64_t(b)); }},
    {"sltu", [](uint64_t a, uint64_t b) { return uint64_t(a < b); }},
    {"xor", [](uint64_t a, uint64_t b) { return a ^ b; }},
    {"srl", [](uint64_t a, uint64_t b) { return a >> (b % 64); }},
    {"sra", [](uint64_t a, uint64_t b) { return uint64_t(int64_t(a) >> (b % 64)); }},
    {"or", [](uint64_t a, uint64_t b) { return a | b; }},
    {"and", [](uint64_t a, uint64_t b) { return a & b; }},
    {"mul", [](uint64_t a, uint64_t b) { return a * b; }},
    {"mulh", [](uint64_t a, uint64_t b) { return uint64_t((i128(int64_t(a)) * i128(int64_t(b))) >> 64); }},
    {"mulhsu", [](uint64_t a, uint64_t b) { return uint64_t((i128(int64_t(a)) * i128(u128(b))) >> 64); }},
    {"mulhu", [](uint64_t a, uint64_t b) { return uint64_t((u128(a) * u128(b)) >> 64); }},
    {"div",
     [](uint64_t a, uint64_t b) {
       if (b == 0) return ~uint64_t(0);  // division by zero: all ones
       if (a == uint64_t(INT64_MIN) && b == ~uint64_t(0)) return a;  // overflow: the dividend
       return uint64_t(int64_t(a) / int64_t(b));
     }},
    {"divu", [](uint64_t a, uint64_t b) { return b == 0 ? ~uint64_t(0) : a / b; }},
    {"rem",
     [](uint64_t a, uint64_t b) {
       if (b == 0) return a;
       if (a == uint64_t(INT64_MIN) && b == ~uint64_t(0)) return uint64_t(0);
       return uint64_t(int64_t(a) % int64_t(b));
     }},
    {"remu", [](uint64_t a, uint64_t b) { return b == 0 ? a : a % b; }},
    {"addw", [](uint64_t a, uint64_t b) { return sx(uint32_t(a + b)); }},
    {"subw", [](uint64_t a, uint64_t b) { return sx(uint32_t(a - b)); }},
    {"sllw", [](uint64_t a, uint64_t b) { return sx(uint32_t(a) << (b % 32)); }},
    {"srlw", [](uint64_t a, uint64_t b) { return sx(uint32_t(a) >> (b % 32)); }},
    {"sraw", [](uint64_t a, uint64_t b) { return sx(uint32_t(int32_t(a) >> (b % 32))); }},
    {"mulw", [](uint64_t a, uint64_t b) { return sx(uint32_t(a) * uint32_t(b)); }},
    {"divw",
     [](uint64_t a, uint64_t b) {
       const int32_t x = int32_t(a), y = int32_t(b);
       if (y == 0) return ~uint64_t(0);
       if (x == INT32_MIN && y == -1) return sx(uint32_t(x));
       return sx(uint32_t(x / y));
     }},
    {"divuw", [](uint64_t a, uint64_t b) { return uint32_t(b) == 0 ? ~uint64_t(0) : sx(uint32_t(a) / uint32_t(b)); }},
    {"remw",
     [](uint64_t a, uint64_t b) {
       const int32_t x = int32_t(a), y = int32_t(b);
       if (y == 0) return sx(uint32_t(x));
       if (x == INT32_MIN && y == -1) return uint64_t(0);
       return sx(uint32_t(x % y));
     }},
    {"remuw", [](uint64_t a, uint64_t b) { return uint32_t(b) == 0 ? sx(uint32_t(a)) : sx(uint32_t(a) % uint32_t(b)); }},
};

std::string li(const char* reg, uint64_t v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "  li %s, 0x%llx\n", reg, static_cast<unsigned long long>(v));
  return buf;
}

TEST(ZkvmInstructions, RegisterOpsOnEdgeValues) {
  for (const auto& [name, ref] : kRegOps) {
    std::ostringstream body;
    std::vector<uint64_t> want;
    for (uint64_t a : kEdges)
      for (uint64_t b : kEdges) {
        body << li("a0", a) << li("a1", b) << "  " << name << " a2, a0, a1\n  OUT a2\n";
        want.push_back(ref(a, b));
      }
    const Report r = run_ok(body.str());
    EXPECT_EQ(words(r.public_values), want) << name;
  }
}

// The spec's named corner cases, spelled out (independent of the table above).
TEST(ZkvmInstructions, DivisionCornerCases) {
  const Report r = run_ok(li("a0", 42) + li("a1", 0) + li("a2", uint64_t(INT64_MIN)) + li("a3", ~uint64_t(0)) +
                          R"(
  div a4, a0, a1
  OUT a4
  divu a4, a0, a1
  OUT a4
  rem a4, a0, a1
  OUT a4
  remu a4, a0, a1
  OUT a4
  div a4, a2, a3
  OUT a4
  rem a4, a2, a3
  OUT a4
  divw a4, a0, a1
  OUT a4
  remw a4, a3, a1
  OUT a4
)");
  EXPECT_EQ(words(r.public_values),
            (std::vector<uint64_t>{~uint64_t(0), ~uint64_t(0), 42, 42, uint64_t(INT64_MIN), 0, ~uint64_t(0), ~uint64_t(0)}));
}

TEST(ZkvmInstructions, ImmediateOps) {
  std::ostringstream body;
  std::vector<uint64_t> want;
  const std::vector<int64_t> imms = {0, 1, -1, 2047, -2048, 0x555, -0x555};
  for (uint64_t a : kEdges) {
    for (int64_t i : imms) {
      const uint64_t u = uint64_t(i);
      body << li("a0", a) << "  addi a2, a0, " << i << "\n  OUT a2\n  slti a2, a0, " << i << "\n  OUT a2\n"
           << "  sltiu a2, a0, " << i << "\n  OUT a2\n  xori a2, a0, " << i << "\n  OUT a2\n"
           << "  ori a2, a0, " << i << "\n  OUT a2\n  andi a2, a0, " << i << "\n  OUT a2\n"
           << "  addiw a2, a0, " << i << "\n  OUT a2\n";
      want.insert(want.end(), {a + u, uint64_t(int64_t(a) < i), uint64_t(a < u), a ^ u, a | u, a & u, sx(uint32_t(a + u))});
    }
    for (unsigned s : {0u, 1u, 5u, 31u, 32u, 63u}) {
      body << "  slli a2, a0, " << s << "\n  OUT a2\n  srli a2, a0, " << s << "\n  OUT a2\n  srai a2, a0, " << s
           << "\n  OUT a2\n";
      want.insert(want.end(), {a << s, a >> s, uint64_t(int64_t(a) >> s)});
      if (s < 32) {
        body << "  slliw a2, a0, " << s << "\n  OUT a2\n  srliw a2, a0, " << s << "\n  OUT a2\n  sraiw a2, a0, " << s
             << "\n  OUT a2\n";
        want.insert(want.end(), {sx(uint32_t(a) << s), sx(uint32_t(a) >> s), sx(uint32_t(int32_t(a) >> s))});
      }
    }
  }
  EXPECT_EQ(words(run_ok(body.str()).public_values), want);
}

TEST(ZkvmInstructions, UpperImmediatesAndX0) {
  const Report r = run_ok(R"(
  lui a0, 0x80000
  OUT a0
  lui a0, 0x7ffff
  OUT a0
1:
  auipc a0, 0
  la a1, 1b
  sub a2, a0, a1
  OUT a2
2:
  auipc a0, 1
  la a1, 2b
  sub a2, a0, a1
  OUT a2
  addi x0, x0, 5
  OUT x0
  li a3, 9
  add x0, a3, a3
  OUT x0
)");
  EXPECT_EQ(words(r.public_values),
            (std::vector<uint64_t>{0xffffffff80000000, 0x7ffff000, 0, 4096, 0, 0}));
}

TEST(ZkvmInstructions, LoadsAndStoresOfEveryWidthAndAlignment) {
  const uint64_t pattern = 0x8877f65544b32291;
  std::ostringstream body;
  std::vector<uint64_t> want;
  body << "  la a0, scratch\n" << li("a1", pattern) << "  sd a1, 0(a0)\n";
  for (int o = 0; o < 8; ++o) {
    body << "  lb a2, " << o << "(a0)\n  OUT a2\n  lbu a2, " << o << "(a0)\n  OUT a2\n";
    const uint8_t b = uint8_t(pattern >> (8 * o));
    want.insert(want.end(), {uint64_t(int64_t(int8_t(b))), uint64_t(b)});
  }
  for (int o = 0; o < 8; o += 2) {
    body << "  lh a2, " << o << "(a0)\n  OUT a2\n  lhu a2, " << o << "(a0)\n  OUT a2\n";
    const uint16_t h = uint16_t(pattern >> (8 * o));
    want.insert(want.end(), {uint64_t(int64_t(int16_t(h))), uint64_t(h)});
  }
  for (int o = 0; o < 8; o += 4) {
    body << "  lw a2, " << o << "(a0)\n  OUT a2\n  lwu a2, " << o << "(a0)\n  OUT a2\n";
    const uint32_t w = uint32_t(pattern >> (8 * o));
    want.insert(want.end(), {sx(w), uint64_t(w)});
  }
  body << "  ld a2, 0(a0)\n  OUT a2\n";
  want.push_back(pattern);
  // Each store width at each aligned offset into a zeroed word; a negative offset too.
  const uint64_t v = 0xa1b2c3d4e5f60718;
  body << li("a1", v);
  auto store_case = [&](const char* op, int width, int o) {
    body << "  sd x0, 8(a0)\n  " << op << " a1, " << (8 + o) << "(a0)\n  ld a2, 8(a0)\n  OUT a2\n";
    const uint64_t mask = width == 8 ? ~uint64_t(0) : ((uint64_t(1) << (8 * width)) - 1);
    want.push_back((v & mask) << (8 * o));
  };
  for (int o = 0; o < 8; ++o) store_case("sb", 1, o);
  for (int o = 0; o < 8; o += 2) store_case("sh", 2, o);
  for (int o = 0; o < 8; o += 4) store_case("sw", 4, o);
  store_case("sd", 8, 0);
  body << "  addi a3, a0, 24\n  sd a1, -8(a3)\n  ld a2, 16(a0)\n  OUT a2\n";
  want.push_back(v);
  EXPECT_EQ(words(run_ok(body.str()).public_values), want);
}

TEST(ZkvmInstructions, BranchesAndJumps) {
  std::ostringstream body;
  std::vector<uint64_t> want;
  const std::vector<std::pair<uint64_t, uint64_t>> pairs = {
      {1, 1}, {1, 2}, {2, 1}, {~uint64_t(0), 1}, {1, ~uint64_t(0)}, {uint64_t(INT64_MIN), uint64_t(INT64_MAX)}};
  const std::map<std::string, std::function<bool(uint64_t, uint64_t)>> conds = {
      {"beq", [](uint64_t a, uint64_t b) { return a == b; }},
      {"bne", [](uint64_t a, uint64_t b) { return a != b; }},
      {"blt", [](uint64_t a, uint64_t b) { return int64_t(a) < int64_t(b); }},
      {"bge", [](uint64_t a, uint64_t b) { return int64_t(a) >= int64_t(b); }},
      {"bltu", [](uint64_t a, uint64_t b) { return a < b; }},
      {"bgeu", [](uint64_t a, uint64_t b) { return a >= b; }}};
  int label = 10;
  for (const auto& [op, cond] : conds)
    for (const auto& [a, b] : pairs) {
      body << li("a0", a) << li("a1", b) << "  li a2, 1\n  " << op << " a0, a1, " << label
           << "f\n  li a2, 0\n" << label << ":\n  OUT a2\n";
      want.push_back(cond(a, b));
      ++label;
    }
  // jal links pc + 4; jalr clears bit 0 of the target and links too; a backward loop.
  body << R"(
  jal ra, 1f
0:
  j 2f
1:
  la a3, 0b
  sub a4, ra, a3
  OUT a4
  ret
2:
  la a3, 3f
  addi a3, a3, 1
  jalr a5, 0(a3)
4:
3:
  la a6, 4b
  sub a4, a5, a6
  OUT a4
  li a0, 0
  li a1, 10
5:
  addi a0, a0, 3
  addi a1, a1, -1
  bnez a1, 5b
  OUT a0
)";
  want.insert(want.end(), {0, 0, 30});
  EXPECT_EQ(words(run_ok(body.str()).public_values), want);
}

TEST(ZkvmInstructions, CountsInstructionsAndClockLikeSp1) {
  // 2 (la) + 6 (write) + 3 (halt) instructions, 2 syscalls.
  const Report r = run_ok("");
  EXPECT_EQ(r.instructions, 11u);
  EXPECT_EQ(r.clk, 1 + 8 * 11 + 256 * 2u);
  EXPECT_EQ(r.syscalls.at("WRITE"), 1u);
  EXPECT_EQ(r.syscalls.at("HALT"), 1u);
}

}  // namespace
}  // namespace zkgpu::zkvm::test
