// BN254 and BLS12-381 Fp / Fp2 precompiles. BN254 against the project's own
// Montgomery-form Fq and Fq2 (src/math/bn254); BLS12-381 against the definition
// (c0 + c1 u)(d0 + d1 u) = (c0 d0 - c1 d1) + (c0 d1 + c1 d0) u, u^2 = -1, evaluated
// with GMP; plus non-reduced inputs and the failures SP1 has.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "fake_guest_memory.hpp"
#include "math/bn254/fields.hpp"
#include "zkvm/precompiles/curve_params.hpp"

namespace zkgpu::zkvm {
namespace {

using precompiles::bls12_381_fp;
using precompiles::bn254_fp;
using test::FakeGuestMemory;
constexpr uint64_t X = FakeGuestMemory::kBase, Y = X + 128;

mpz_class random_below(gmp_randclass& rng, const mpz_class& bound) { return rng.get_z_range(bound); }

bn254::Fq to_fq(const mpz_class& v) {
  bn254::U256 u{};
  mpz_export(u.limbs, nullptr, -1, 8, 0, 0, v.get_mpz_t());
  return bn254::Fq::from_canonical(u);
}
mpz_class from_fq(const bn254::Fq& f) {
  const bn254::U256 u = f.to_canonical();
  mpz_class v;
  mpz_import(v.get_mpz_t(), 4, -1, 8, 0, 0, u.limbs);
  return v;
}

TEST(FieldOps, Bn254FpMatchesTheProjectsFq) {
  gmp_randclass rng(gmp_randinit_default);
  rng.seed(1);
  const mpz_class& p = bn254_fp().p;
  for (int iter = 0; iter < 300; ++iter) {
    const mpz_class a = iter % 10 == 0 ? p - 1 : random_below(rng, p);
    const mpz_class b = iter % 10 == 1 ? mpz_class(0) : random_below(rng, p);
    const char* names[] = {"BN254_FP_ADD", "BN254_FP_SUB", "BN254_FP_MUL"};
    const bn254::Fq want[] = {to_fq(a) + to_fq(b), to_fq(a) - to_fq(b), to_fq(a) * to_fq(b)};
    for (int op = 0; op < 3; ++op) {
      FakeGuestMemory mem;
      mem.put(X, a, 32);
      mem.put(Y, b, 32);
      test::run(names[op], mem, {X, Y});
      EXPECT_EQ(mem.get(X, 32), from_fq(want[op])) << names[op] << " " << iter;
      EXPECT_EQ(mem.get(Y, 32), b);
    }
  }
}

TEST(FieldOps, Bn254Fp2MatchesTheProjectsFq2) {
  gmp_randclass rng(gmp_randinit_default);
  rng.seed(2);
  const mpz_class& p = bn254_fp().p;
  for (int iter = 0; iter < 200; ++iter) {
    mpz_class v[4];
    for (auto& x : v) x = iter % 9 == 0 ? p - 1 : random_below(rng, p);
    const bn254::Fq2 a{to_fq(v[0]), to_fq(v[1])}, b{to_fq(v[2]), to_fq(v[3])};
    const char* names[] = {"BN254_FP2_ADD", "BN254_FP2_SUB", "BN254_FP2_MUL"};
    const bn254::Fq2 want[] = {a + b, a - b, a * b};
    for (int op = 0; op < 3; ++op) {
      FakeGuestMemory mem;
      mem.put(X, v[0], 32);
      mem.put(X + 32, v[1], 32);
      mem.put(Y, v[2], 32);
      mem.put(Y + 32, v[3], 32);
      test::run(names[op], mem, {X, Y});
      EXPECT_EQ(mem.get(X, 32), from_fq(want[op].c0)) << names[op] << " " << iter;
      EXPECT_EQ(mem.get(X + 32, 32), from_fq(want[op].c1)) << names[op] << " " << iter;
    }
  }
}

TEST(FieldOps, Bls12381FpAndFp2MatchTheirDefinitions) {
  gmp_randclass rng(gmp_randinit_default);
  rng.seed(3);
  const mpz_class& p = bls12_381_fp().p;
  const auto md = [&](const mpz_class& x) {
    mpz_class r;
    mpz_fdiv_r(r.get_mpz_t(), x.get_mpz_t(), p.get_mpz_t());
    return r;
  };
  for (int iter = 0; iter < 200; ++iter) {
    mpz_class c0 = random_below(rng, p), c1 = random_below(rng, p), d0 = random_below(rng, p),
              d1 = random_below(rng, p);
    if (iter == 0) c0 = c1 = d0 = d1 = p - 1;
    struct Case {
      const char* name;
      mpz_class r0, r1;
      bool fp2;
    };
    const Case cases[] = {
        {"BLS12381_FP_ADD", md(c0 + d0), 0, false},
        {"BLS12381_FP_SUB", md(c0 - d0), 0, false},
        {"BLS12381_FP_MUL", md(c0 * d0), 0, false},
        {"BLS12381_FP2_ADD", md(c0 + d0), md(c1 + d1), true},
        {"BLS12381_FP2_SUB", md(c0 - d0), md(c1 - d1), true},
        {"BLS12381_FP2_MUL", md(c0 * d0 - c1 * d1), md(c0 * d1 + c1 * d0), true},
    };
    for (const Case& c : cases) {
      FakeGuestMemory mem;
      mem.put(X, c0, 48);
      mem.put(X + 48, c1, 48);
      mem.put(Y, d0, 48);
      mem.put(Y + 48, d1, 48);
      test::run(c.name, mem, {X, Y});
      EXPECT_EQ(mem.get(X, 48), c.r0) << c.name;
      EXPECT_EQ(mem.get(X + 48, 48), c.fp2 ? c.r1 : c1) << c.name;  // Fp leaves c1's bytes alone
    }
  }
}

TEST(FieldOps, Fp2UTimesUIsMinusOne) {
  for (const auto* f : {&bn254_fp(), &bls12_381_fp()}) {
    FakeGuestMemory mem;
    mem.put(X + f->bytes, 1, f->bytes);
    mem.put(Y + f->bytes, 1, f->bytes);
    test::run(f == &bn254_fp() ? "BN254_FP2_MUL" : "BLS12381_FP2_MUL", mem, {X, Y});
    EXPECT_EQ(mem.get(X, f->bytes), f->p - 1);
    EXPECT_EQ(mem.get(X + f->bytes, f->bytes), 0);
  }
}

TEST(FieldOps, NonReducedInputsAreReducedAsSp1Does) {
  const mpz_class& p = bn254_fp().p;
  const mpz_class big = (mpz_class(1) << 256) - 1;  // 5p < big < 6p
  FakeGuestMemory mem;
  mem.put(X, big, 32);
  mem.put(Y, p + 5, 32);
  test::run("BN254_FP_SUB", mem, {X, Y});
  mpz_class want = big - 5;
  mpz_fdiv_r(want.get_mpz_t(), want.get_mpz_t(), p.get_mpz_t());
  EXPECT_EQ(mem.get(X, 32), want);

  // Fp2 add/sub take the coordinates as they are: y0 <= x0 + p is fine ...
  mem.put(X, 3, 32);
  mem.put(X + 32, 0, 32);
  mem.put(Y, p + 3, 32);
  mem.put(Y + 32, p, 32);
  test::run("BN254_FP2_SUB", mem, {X, Y});
  EXPECT_EQ(mem.get(X, 32), 0);
  EXPECT_EQ(mem.get(X + 32, 32), 0);
  // ... but SP1's unsigned x0 + p - y0 panics when y0 > x0 + p.
  mem.put(X, 3, 32);
  mem.put(Y, p + 4, 32);
  EXPECT_THROW(test::run("BN254_FP2_SUB", mem, {X, Y}), precompiles::PrecompileError);
  mem.put(Y, 1, 32);
  mem.put(Y + 32, big, 32);
  EXPECT_THROW(test::run("BN254_FP2_SUB", mem, {X, Y}), precompiles::PrecompileError);
}

TEST(FieldOps, MisalignedOrUnmappedOperandsFailNamingThePrecompile) {
  FakeGuestMemory mem;
  try {
    test::run("BLS12381_FP2_MUL", mem, {X + 3, Y});
    FAIL() << "no error";
  } catch (const precompiles::PrecompileError& e) {
    EXPECT_NE(std::string(e.what()).find("BLS12381_FP2_MUL"), std::string::npos) << e.what();
  }
  EXPECT_THROW(test::run("BN254_FP_MUL", mem, {X, Y + 12}), precompiles::PrecompileError);
  EXPECT_THROW(test::run("BN254_FP_ADD", mem, {X, 8}), std::out_of_range);
  EXPECT_EQ(mem.writes(), 0u);
}

}  // namespace
}  // namespace zkgpu::zkvm
