// The precompile and hook tables against SP1 v6's codes and fds, typed in from
// crates/core/executor/src/syscall_code.rs and crates/primitives/src/consts.rs.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "fake_guest_memory.hpp"

namespace zkgpu::zkvm {
namespace {

using precompiles::find;
using precompiles::find_hook;

const std::map<std::string, uint32_t> kSp1Precompiles = {
    {"ED_ADD", 0x00010107},           {"ED_DECOMPRESS", 0x00000108},
    {"SECP256K1_ADD", 0x0001010A},    {"SECP256K1_DOUBLE", 0x0000010B},
    {"SECP256K1_DECOMPRESS", 0x0000010C}, {"BN254_ADD", 0x0001010E},
    {"BN254_DOUBLE", 0x0000010F},     {"BLS12381_DECOMPRESS", 0x0000011C},
    {"UINT256_MUL", 0x0001011D},      {"U256XU2048_MUL", 0x0001012F},
    {"BLS12381_ADD", 0x0001011E},     {"BLS12381_DOUBLE", 0x0000011F},
    {"BLS12381_FP_ADD", 0x00010120},  {"BLS12381_FP_SUB", 0x00010121},
    {"BLS12381_FP_MUL", 0x00010122},  {"BLS12381_FP2_ADD", 0x00010123},
    {"BLS12381_FP2_SUB", 0x00010124}, {"BLS12381_FP2_MUL", 0x00010125},
    {"BN254_FP_ADD", 0x00010126},     {"BN254_FP_SUB", 0x00010127},
    {"BN254_FP_MUL", 0x00010128},     {"BN254_FP2_ADD", 0x00010129},
    {"BN254_FP2_SUB", 0x0001012A},    {"BN254_FP2_MUL", 0x0001012B},
    {"SECP256R1_ADD", 0x0001012C},    {"SECP256R1_DOUBLE", 0x0000012D},
    {"SECP256R1_DECOMPRESS", 0x0000012E}, {"UINT256_ADD_CARRY", 0x00010130},
    {"UINT256_MUL_CARRY", 0x00010131},
};

TEST(PrecompileTable, HoldsEverySp1PointerPrecompileOnceWithItsCode) {
  EXPECT_EQ(precompiles::table().size(), kSp1Precompiles.size());
  for (const auto& [name, code] : kSp1Precompiles) {
    const auto* p = find(code);
    ASSERT_NE(p, nullptr) << name;
    EXPECT_EQ(p->name, name);
    EXPECT_EQ(p->code, code);
    EXPECT_NE(p->run, nullptr);
  }
}

TEST(PrecompileTable, LeavesTheExecutorsOwnSyscallsAndUnknownCodesOut) {
  for (uint32_t code : {0x00000000u /*HALT*/, 0x00000002u /*WRITE*/, 0x00300105u /*SHA_EXTEND*/,
                        0x00010106u /*SHA_COMPRESS*/, 0x00010109u /*KECCAK_PERMUTE*/,
                        0x00000010u /*COMMIT*/, 0x000000F0u /*HINT_LEN*/, 0x00000132u /*MPROTECT*/,
                        0x00000133u /*POSEIDON2*/, 0x0001010Du, 0xFFFFFFFFu})
    EXPECT_EQ(find(code), nullptr) << std::hex << code;
}

TEST(PrecompileTable, CodesSp1V6NoLongerExecutesFailWithTheirName) {
  test::FakeGuestMemory mem;
  for (const char* name : {"SECP256K1_DECOMPRESS", "SECP256R1_DECOMPRESS", "BLS12381_DECOMPRESS",
                           "U256XU2048_MUL"}) {
    try {
      test::run(name, mem, {mem.kBase, 0});
      ADD_FAILURE() << name << " did not fail";
    } catch (const precompiles::PrecompileError& e) {
      EXPECT_NE(std::string(e.what()).find(name), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(mem.writes(), 0u);
}

TEST(HookTable, HoldsSp1sSevenHooksAtTheirFds) {
  const std::map<uint32_t, std::string> expected = {
      {15, "FD_ECRECOVER_HOOK"}, {16, "FD_EDDECOMPRESS"},       {17, "FD_RSA_MUL_MOD"},
      {18, "FD_BLS12_381_SQRT"}, {19, "FD_BLS12_381_INVERSE"}, {20, "FD_FP_SQRT"},
      {21, "FD_FP_INV"}};
  EXPECT_EQ(precompiles::hooks().size(), expected.size());
  for (const auto& [fd, name] : expected) {
    const auto* h = find_hook(fd);
    ASSERT_NE(h, nullptr) << name;
    EXPECT_EQ(h->name, name);
  }
  for (uint32_t fd : {0u, 1u, 2u, 3u, 4u, 5u, 11u, 13u, 14u, 22u, 1000u}) EXPECT_EQ(find_hook(fd), nullptr) << fd;
}

}  // namespace
}  // namespace zkgpu::zkvm
