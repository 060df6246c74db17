// UINT256_MUL, UINT256_ADD_CARRY, UINT256_MUL_CARRY: the expected values come from
// a schoolbook 64-bit-limb product written here (independent of GMP) and, for the
// reduction, GMP's mpz_tdiv_r; plus fixed edge cases.
#include <gtest/gtest.h>

#include <array>
#include <random>

#include "fake_guest_memory.hpp"

namespace zkgpu::zkvm {
namespace {

using test::FakeGuestMemory;
__extension__ typedef unsigned __int128 u128;
using Limbs4 = std::array<uint64_t, 4>;
using Limbs8 = std::array<uint64_t, 8>;
constexpr uint64_t A = FakeGuestMemory::kBase, B = A + 64, C = A + 128, D = A + 192, E = A + 256;

Limbs8 schoolbook_mul_add(const Limbs4& a, const Limbs4& b, const Limbs4& c) {
  Limbs8 r{};
  for (int i = 0; i < 4; ++i) r[i] = c[i];
  for (int i = 0; i < 4; ++i) {
    u128 carry = 0;
    for (int j = 0; j < 4; ++j) {
      carry += static_cast<u128>(a[i]) * b[j] + r[i + j];
      r[i + j] = static_cast<uint64_t>(carry);
      carry >>= 64;
    }
    for (int k = i + 4; carry != 0 && k < 8; ++k) {
      carry += r[k];
      r[k] = static_cast<uint64_t>(carry);
      carry >>= 64;
    }
  }
  return r;
}

Limbs8 schoolbook_add3(const Limbs4& a, const Limbs4& b, const Limbs4& c) {
  Limbs8 r{};
  u128 carry = 0;
  for (int i = 0; i < 4; ++i) {
    carry += static_cast<u128>(a[i]) + b[i] + c[i];
    r[i] = static_cast<uint64_t>(carry);
    carry >>= 64;
  }
  r[4] = static_cast<uint64_t>(carry);
  return r;
}

mpz_class to_mpz(std::span<const uint64_t> limbs) {
  mpz_class x;
  for (size_t i = limbs.size(); i-- > 0;) x = (x << 64) + mpz_class(std::to_string(limbs[i]));
  return x;
}

Limbs4 random_limbs(std::mt19937_64& rng, int kind) {
  Limbs4 v;
  for (auto& l : v) l = rng();
  if (kind == 1) v = {~0ull, ~0ull, ~0ull, ~0ull};
  if (kind == 2) v = {0, 0, 0, 0};
  if (kind == 3) v[3] = v[2] = 0;
  return v;
}

TEST(Uint256Ops, AddAndMulWithCarryMatchASchoolbookReference) {
  std::mt19937_64 rng(7);
  for (int iter = 0; iter < 200; ++iter) {
    const Limbs4 a = random_limbs(rng, iter % 5), b = random_limbs(rng, (iter / 5) % 5),
                 c = random_limbs(rng, (iter / 25) % 5);
    for (bool mul : {false, true}) {
      FakeGuestMemory mem;
      mem.put(A, to_mpz(a), 32);
      mem.put(B, to_mpz(b), 32);
      mem.put(C, to_mpz(c), 32);
      test::run(mul ? "UINT256_MUL_CARRY" : "UINT256_ADD_CARRY", mem, {A, B, C, D, E});
      const Limbs8 want = mul ? schoolbook_mul_add(a, b, c) : schoolbook_add3(a, b, c);
      EXPECT_EQ(mem.get(D, 32), to_mpz(std::span(want).first(4))) << iter;
      EXPECT_EQ(mem.get(E, 32), to_mpz(std::span(want).subspan(4))) << iter;
      EXPECT_EQ(mem.get(A, 32), to_mpz(a));  // inputs untouched
    }
  }
}

TEST(Uint256Ops, MaximalOperandsFillTheHighWord) {
  FakeGuestMemory mem;
  const mpz_class max = (mpz_class(1) << 256) - 1;
  for (uint64_t at : {A, B, C}) mem.put(at, max, 32);
  test::run("UINT256_MUL_CARRY", mem, {A, B, C, D, E});
  // (2^256 - 1)^2 + 2^256 - 1 = 2^512 - 2^256: low 0, high 2^256 - 1.
  EXPECT_EQ(mem.get(D, 32), 0);
  EXPECT_EQ(mem.get(E, 32), max);
  test::run("UINT256_ADD_CARRY", mem, {A, B, C, D, E});
  EXPECT_EQ(mem.get(D, 32), max - 2);  // 3 (2^256 - 1) = 2 * 2^256 + (2^256 - 3)
  EXPECT_EQ(mem.get(E, 32), 2);
}

TEST(Uint256Mul, ReducesByTheModulusAndTreatsZeroAs2To256) {
  std::mt19937_64 rng(11);
  for (int iter = 0; iter < 200; ++iter) {
    const Limbs4 x = random_limbs(rng, iter % 4), y = random_limbs(rng, (iter / 4) % 4);
    Limbs4 m = random_limbs(rng, 0);
    if (iter % 7 == 0) m = {0, 0, 0, 0};
    if (iter % 7 == 1) m = {1, 0, 0, 0};
    if (iter % 7 == 2) m = {rng() | 1, 0, 0, 0};
    FakeGuestMemory mem;
    mem.put(A, to_mpz(x), 32);
    mem.put(B, to_mpz(y), 32);
    mem.put(B + 32, to_mpz(m), 32);
    test::run("UINT256_MUL", mem, {A, B});
    const Limbs8 product = schoolbook_mul_add(x, y, {0, 0, 0, 0});
    mpz_class want;
    if (to_mpz(m) == 0) {
      want = to_mpz(std::span(product).first(4));
    } else {
      mpz_tdiv_r(want.get_mpz_t(), to_mpz(product).get_mpz_t(), to_mpz(m).get_mpz_t());
    }
    EXPECT_EQ(mem.get(A, 32), want) << iter;
    EXPECT_EQ(mem.get(B, 32), to_mpz(y));
  }
}

TEST(Uint256Mul, FixedValues) {
  FakeGuestMemory mem;
  mem.put(A, 7, 32);
  mem.put(B, 9, 32);
  mem.put(B + 32, 10, 32);
  test::run("UINT256_MUL", mem, {A, B});
  EXPECT_EQ(mem.get(A, 32), 3);
  mem.put(A, mpz_class(1) << 255, 32);
  mem.put(B, 2, 32);
  mem.put(B + 32, 0, 32);
  test::run("UINT256_MUL", mem, {A, B});
  EXPECT_EQ(mem.get(A, 32), 0);
}

TEST(Uint256Mul, RejectsMisalignedPointersAndUnmappedMemory) {
  FakeGuestMemory mem;
  EXPECT_THROW(test::run("UINT256_MUL", mem, {A + 4, B}), precompiles::PrecompileError);
  EXPECT_THROW(test::run("UINT256_MUL", mem, {A, B + 1}), precompiles::PrecompileError);
  EXPECT_THROW(test::run("UINT256_MUL", mem, {A, 8}), std::out_of_range);
  EXPECT_THROW(test::run("UINT256_ADD_CARRY", mem, {A, B, C, D, E + 2}),
               precompiles::PrecompileError);
  EXPECT_EQ(mem.writes(), 0u);
  EXPECT_THROW(test::run("UINT256_MUL_CARRY", mem, {A, B, C, D, 1 << 30}), std::out_of_range);
}

}  // namespace
}  // namespace zkgpu::zkvm
