// SP1's own guest programs (tests/data/sp1/, built by SP1's toolchain) run to
// completion with checked reports. A missing fixture fails the test.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>

#include "math/sha256/sha256.hpp"
#include "zkvm/executor.hpp"
#include "zkvm/stdin.hpp"

namespace zkgpu::zkvm {
namespace {

namespace fs = std::filesystem;

// A missing fixture throws, which fails the test that reads it.
std::vector<uint8_t> read_fixture(const std::string& rel) {
  const fs::path p = fs::path(ZKGPU_SP1_FIXTURES_DIR) / rel;
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("SP1 fixture missing: " + p.string() + " (tests/data/sp1, see its README.md)");
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

class ZkvmFixtures : public ::testing::Test {
 protected:
  Report run(const std::string& elf, std::vector<std::vector<uint8_t>> input) {
    return execute(load_elf(read_fixture(elf)), std::move(input));
  }

  // A run that halted with 0, and whose COMMIT words are the SHA-256 of the
  // public values (the guest hashes them itself, through SHA_EXTEND/COMPRESS).
  static void expect_ok(const Report& r) {
    ASSERT_TRUE(r.ok()) << r.error << " exit " << r.exit_code;
    uint8_t committed[32];
    std::memcpy(committed, r.committed_digest.data(), 32);
    EXPECT_EQ(0, std::memcmp(committed, r.public_values_sha256.data(), 32));
  }
};

std::vector<uint8_t> random_bytes(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> v(n);
  for (auto& b : v) b = uint8_t(rng());
  return v;
}

TEST_F(ZkvmFixtures, Fibonacci) {
  uint64_t previous = 0;
  for (uint64_t n : {1, 10, 100, 1000}) {
    const Report r = run("elf/fibonacci.elf", {u64_entry(n)});
    expect_ok(r);
    EXPECT_NE(r.guest_stdout.find("result: "), std::string::npos);
    EXPECT_GT(r.instructions, previous);
    previous = r.instructions;
  }
}

TEST_F(ZkvmFixtures, Loop) {
  uint64_t previous = 0;
  for (uint64_t n : {10, 1000, 100000}) {
    const Report r = run("elf/loop.elf", {u64_entry(n)});
    expect_ok(r);
    EXPECT_GT(r.instructions, previous);
    previous = r.instructions;
  }
}

TEST_F(ZkvmFixtures, Poseidon2) {
  for (uint64_t n : {1, 10, 100}) {
    const Report r = run("elf/poseidon2.elf", {u64_entry(n)});
    expect_ok(r);
    EXPECT_EQ(r.syscalls.at("POSEIDON2"), n);
    EXPECT_NE(r.guest_stdout.find("successfully evaluated poseidon2"), std::string::npos);
  }
}

// sha2 commits the SHA-256 of its input as a bincode Vec<u8> (u64 length 32, then the digest).
TEST_F(ZkvmFixtures, Sha2DigestsItsInput) {
  for (size_t n : {0, 1, 55, 64, 1000, 20000}) {
    const auto data = random_bytes(n, uint32_t(n));
    const Report r = run("elf/sha2.elf", {data});
    expect_ok(r);
    std::vector<uint8_t> want = u64_entry(32);
    const auto digest = crypto::sha256(data);
    want.insert(want.end(), digest.begin(), digest.end());
    EXPECT_EQ(r.public_values, want) << n;
    EXPECT_GE(r.syscalls.at("SHA_COMPRESS"), (n + 8) / 64 + 1) << n;  // at least the input blocks
  }
}

// keccak absorbs its input into one hasher, then (as its code shows) finalizes a
// fresh one: it commits Keccak-256("") after n/136 + 1 permutations.
TEST_F(ZkvmFixtures, KeccakPermutesItsInput) {
  const std::vector<uint8_t> empty_digest = {0xc5, 0xd2, 0x46, 0x01, 0x86, 0xf7, 0x23, 0x3c, 0x92, 0x7e, 0x7d,
                                             0xb2, 0xdc, 0xc7, 0x03, 0xc0, 0xe5, 0x00, 0xb6, 0x53, 0xca, 0x82,
                                             0x27, 0x3b, 0x7b, 0xfa, 0xd8, 0x04, 0x5d, 0x85, 0xa4, 0x70};
  for (size_t n : {0, 135, 136, 1000, 20000}) {
    const Report r = run("elf/keccak.elf", {random_bytes(n, 7)});
    expect_ok(r);
    EXPECT_EQ(r.public_values, empty_digest);
    EXPECT_EQ(r.syscalls.at("KECCAK_PERMUTE"), n / 136 + 1) << n;
  }
}

// trap.elf violates page permissions (loads, stores, execution, precompile
// operands) with a handler installed; SP1 runs every trap through the handler and
// the program checks each trap code, then halts with 0.
TEST_F(ZkvmFixtures, TrapHandlerSeesEveryViolation) {
  const Report r = run("elf/trap.elf", {});
  expect_ok(r);
  EXPECT_NE(r.guest_stdout.find("Terminating! We have handled all traps!"), std::string::npos) << r.guest_stdout;
}

TEST_F(ZkvmFixtures, DeterministicReports) {
  const auto a = run("elf/poseidon2.elf", {u64_entry(5)}), b = run("elf/poseidon2.elf", {u64_entry(5)});
  EXPECT_EQ(a.to_json(false), b.to_json(false));
}

TEST_F(ZkvmFixtures, RspExecutesMainnetBlock21000001) {
  const auto block = read_fixture("rsp/21000001.bin");
  ASSERT_FALSE(block.empty());
  const Report r = run("rsp/rsp-client.elf", {block});
  expect_ok(r);
  EXPECT_FALSE(r.public_values.empty());
  EXPECT_GT(r.instructions, 100'000'000u);

  // One byte flipped in the middle: the guest must fail (a panic or a refused
  // input), and the host must report it.
  auto flipped = block;
  flipped[flipped.size() / 2] ^= 0x01;
  const Report bad = run("rsp/rsp-client.elf", {flipped});
  EXPECT_FALSE(bad.ok());
}

}  // namespace
}  // namespace zkgpu::zkvm
