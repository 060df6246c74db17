// .zkey and .wtns parsing against the snarkjs-built test circuits, and the
// validation errors: wrong protocol, wrong curve, wrong prime, truncated and
// corrupted files.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>

#include "math/sha256/sha256.hpp"
#include "math/sha256/sha256_blocks.hpp"
#include "groth16/wtns.hpp"
#include "groth16/zkey.hpp"
#include "groth16_test_util.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu {
namespace {

using namespace bn254;
using namespace groth16;
using namespace crypto;
using namespace groth16_test;

uint32_t load32(const std::vector<uint8_t>& f, size_t at) {
  uint32_t v;
  std::memcpy(&v, f.data() + at, 4);
  return v;
}

// Offset of the payload of the first section of `type` in a binfileutils image.
size_t section_offset(const std::vector<uint8_t>& f, uint32_t type) {
  size_t pos = 12;
  for (uint32_t i = 0, n = load32(f, 8); i < n; ++i) {
    uint64_t size;
    std::memcpy(&size, f.data() + pos + 4, 8);
    if (load32(f, pos) == type) return pos + 12;
    pos += 12 + size;
  }
  ADD_FAILURE() << "no section " << type;
  return 0;
}


using ZkeyFile = CircuitTest;

TEST_P(ZkeyFile, ParsesConsistently) {
  const auto bytes = read_bytes(file("circuit.zkey"));
  const ProvingKey key = parse_zkey(bytes);
  EXPECT_GT(key.n_vars, key.n_public);
  EXPECT_EQ(key.domain_size, 1u << key.log_domain);
  EXPECT_EQ(key.ic.size(), key.n_public + 1);
  EXPECT_EQ(key.a.size(), key.n_vars);
  EXPECT_EQ(key.b1.size(), key.n_vars);
  EXPECT_EQ(key.b2.size(), key.n_vars);
  EXPECT_EQ(key.c.size(), key.n_vars - key.n_public - 1);
  EXPECT_EQ(key.h.size(), key.domain_size);
  EXPECT_FALSE(key.coefficients.empty());
  EXPECT_EQ(key.file_bytes, bytes.size());
  EXPECT_EQ(key.sha256, sha256(bytes));
  EXPECT_GE(key.host_bytes(), key.h.size() * sizeof(G1Affine) + key.b2.size() * sizeof(G2Affine));

  // snarkjs appends one A entry with coefficient 1 per public signal (and the
  // constant), at rows nConstraints .. nConstraints + nPublic: they must read as
  // exactly 1, which checks the R^2 scaling of stored coefficients is undone.
  size_t ones = 0;
  for (const auto& c : key.coefficients)
    if (c.matrix == 0 && c.value == Fr::one() && c.signal <= key.n_public) ++ones;
  EXPECT_GE(ones, key.n_public + 1);
  const Coefficient& last = key.coefficients.back();
  EXPECT_EQ(last.matrix, 0u);
  EXPECT_EQ(last.signal, key.n_public);
  EXPECT_EQ(last.value, Fr::one());
}

TEST_P(ZkeyFile, WitnessMatchesAndRoundTrips) {
  const auto bytes = read_bytes(file("witness.wtns"));
  const Witness w = parse_wtns(bytes);
  EXPECT_EQ(w.values.size(), parse_zkey(read_bytes(file("circuit.zkey"))).n_vars);
  EXPECT_EQ(w.values[0], (FrRaw{{1, 0, 0, 0}}));
  EXPECT_EQ(write_wtns(w), bytes);
  EXPECT_EQ(read_wtns(file("witness.wtns")).values, w.values);
}

INSTANTIATE_TEST_SUITE_P(Circuits, ZkeyFile, ::testing::ValuesIn(circuit_names()),
                         [](const auto& info) { return info.param; });

class SmallFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(require_circuit("multiplier"));
    zkey = read_bytes(circuit_file("multiplier", "circuit.zkey"));
    wtns = read_bytes(circuit_file("multiplier", "witness.wtns"));
  }
  std::vector<uint8_t> zkey, wtns;
};

TEST_F(SmallFiles, NotGroth16) {
  auto f = zkey;
  f[section_offset(f, 1)] = 2;  // PLONK
  const auto msg = expect_error(ErrorCode::invalid_argument, [&] { parse_zkey(f); });
  EXPECT_NE(msg.find("not Groth16"), std::string::npos) << msg;
}

TEST_F(SmallFiles, WrongCurve) {
  auto q = zkey;
  q[section_offset(q, 2) + 4] ^= 1;  // the low byte of q
  auto msg = expect_error(ErrorCode::invalid_argument, [&] { parse_zkey(q); });
  EXPECT_NE(msg.find("not BN254"), std::string::npos) << msg;
  auto r = zkey;
  r[section_offset(r, 2) + 4 + 32 + 4 + 31] ^= 0x80;  // the top byte of r
  msg = expect_error(ErrorCode::invalid_argument, [&] { parse_zkey(r); });
  EXPECT_NE(msg.find("not BN254"), std::string::npos) << msg;
  auto n8q = zkey;
  n8q[section_offset(n8q, 2)] = 48;  // BLS12-381's size
  expect_error(ErrorCode::invalid_argument, [&] { parse_zkey(n8q); });
}

TEST_F(SmallFiles, PointOffTheCurve) {
  auto f = zkey;
  f[section_offset(f, 5) + 64 + 1] ^= 1;  // A[1].x
  const auto msg = expect_error(ErrorCode::invalid_argument, [&] { parse_zkey(f); });
  EXPECT_NE(msg.find("section 5"), std::string::npos) << msg;
}

TEST_F(SmallFiles, CoefficientOutOfRange) {
  auto f = zkey;
  const size_t c0 = section_offset(f, 4) + 4;
  f[c0 + 8] = 0xff;  // signal of the first entry
  f[c0 + 9] = 0xff;
  const auto msg = expect_error(ErrorCode::invalid_argument, [&] { parse_zkey(f); });
  EXPECT_NE(msg.find("signal"), std::string::npos) << msg;
}

TEST_F(SmallFiles, RepeatedSection) {
  auto f = zkey;
  f[section_offset(f, 10) - 12] = 9;  // the contributions section becomes a second H section
  const auto msg = expect_error(ErrorCode::bad_request, [&] { parse_zkey(f); });
  EXPECT_NE(msg.find("repeated"), std::string::npos) << msg;
}

TEST_F(SmallFiles, WitnessOverAnotherPrime) {
  auto f = wtns;
  f[section_offset(f, 1) + 4] ^= 2;
  const auto msg = expect_error(ErrorCode::invalid_argument, [&] { parse_wtns(f); });
  EXPECT_NE(msg.find("prime"), std::string::npos) << msg;
}

TEST_F(SmallFiles, WitnessValueNotBelowR) {
  auto f = wtns;
  std::memcpy(f.data() + section_offset(f, 2) + 32, FrParams::modulus().limbs, 32);
  expect_error(ErrorCode::invalid_argument, [&] { parse_wtns(f); });
  Witness w = parse_wtns(wtns);
  w.values[0] = FrRaw{{2, 0, 0, 0}};
  expect_error(ErrorCode::invalid_argument, [&] { parse_wtns(write_wtns(w)); });
}

TEST_F(SmallFiles, WrongMagicAndVersion) {
  expect_error(ErrorCode::bad_request, [&] { parse_zkey(wtns); });
  expect_error(ErrorCode::bad_request, [&] { parse_wtns(zkey); });
  auto f = zkey;
  f[4] = 3;
  expect_error(ErrorCode::bad_request, [&] { parse_zkey(f); });
}

TEST_F(SmallFiles, EveryTruncationIsAnError) {
  for (size_t len = 0; len < zkey.size(); ++len)
    expect_error(ErrorCode::bad_request, [&] { parse_zkey(std::span(zkey).first(len)); });
  for (size_t len = 0; len < wtns.size(); ++len)
    expect_error(ErrorCode::bad_request, [&] { parse_wtns(std::span(wtns).first(len)); });
}

// A corrupted byte either still parses or gives a zkgpu::Error: never another
// exception, never a crash (the sanitizer build checks the reads). Every byte
// of the wtns and of the zkey's container and headers, every 5th byte of the
// rest (each zkey parse checks three G2 points for the subgroup: not free).
TEST_F(SmallFiles, CorruptBytesGiveErrorsOnly) {
  auto check = [](std::vector<uint8_t> f, size_t dense, auto parse) {
    for (size_t i = 0; i < f.size(); i += i < dense ? 1 : 5) {
      f[i] ^= 0xa5;
      try {
        parse(f);
      } catch (const Error&) {
      } catch (const std::exception& e) {
        ADD_FAILURE() << "byte " << i << ": " << e.what();
      }
      f[i] ^= 0xa5;
    }
  };
  check(zkey, section_offset(zkey, 3), [](const std::vector<uint8_t>& f) { parse_zkey(f); });
  check(wtns, wtns.size(), [](const std::vector<uint8_t>& f) { parse_wtns(f); });
}

TEST(Groth16Files, MissingFile) {
  expect_error(ErrorCode::not_found, [] { read_zkey("/nonexistent/circuit.zkey"); });
  expect_error(ErrorCode::not_found, [] { read_wtns("/nonexistent/witness.wtns"); });
  expect_error(ErrorCode::invalid_argument, [] { read_zkey("/"); });
}

// FIPS 180-4 examples and the one-million-'a' vector.
TEST(Groth16Sha256, KnownVectors) {
  auto hex = [](std::string_view s) {
    return to_hex(sha256(std::span(reinterpret_cast<const uint8_t*>(s.data()), s.size())));
  };
  EXPECT_EQ(hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  const std::string million(1000000, 'a');
  EXPECT_EQ(hex(million), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  // Fed in uneven pieces, the same digest.
  Sha256 h;
  const auto* p = reinterpret_cast<const uint8_t*>(million.data());
  for (size_t at = 0, step = 1; at < million.size(); at += step, step = step * 3 % 1000 + 1)
    h.update(std::span(p + at, std::min(step, million.size() - at)));
  EXPECT_EQ(to_hex(h.finish()), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

// The SHA-NI block function agrees with the portable one (where the CPU has it).
TEST(Groth16Sha256, ShaniMatchesPortable) {
  if (!crypto::detail::have_shani()) GTEST_SKIP() << "no SHA extensions on this CPU";
  std::mt19937_64 rng(3);
  std::vector<uint8_t> data(64 * 37);
  for (auto& b : data) b = uint8_t(rng());
  for (size_t blocks : {size_t(1), size_t(2), size_t(37)}) {
    uint32_t a[8], b[8];
    for (int i = 0; i < 8; ++i) a[i] = b[i] = uint32_t(rng());
    crypto::detail::sha256_blocks_portable(a, data.data(), blocks);
    crypto::detail::sha256_blocks_shani(b, data.data(), blocks);
    EXPECT_TRUE(std::equal(a, a + 8, b)) << blocks << " blocks";
  }
}

}  // namespace
}  // namespace zkgpu
