// snarkjs JSON files: byte-exact round trips of snarkjs's own output, and the
// layout / range errors.
#include <gtest/gtest.h>

#include "groth16/decimal.hpp"
#include "groth16/snarkjs_json.hpp"
#include "groth16_test_util.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu {
namespace {

using namespace bn254;
using namespace groth16;
using namespace groth16_test;

template <class Fn>
void expect_error(ErrorCode code, Fn&& fn, const std::string& expect_in_message = {}) {
  try {
    fn();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), code) << e.what();
    EXPECT_NE(std::string(e.what()).find(expect_in_message), std::string::npos) << e.what();
    return;
  }
  ADD_FAILURE() << "no error thrown";
}

using SnarkjsJson = CircuitTest;

// Our writers reproduce snarkjs's files byte for byte (this also checks
// vk_alphabeta_12, recomputed with this library's pairing).
TEST_P(SnarkjsJson, RoundTripsExactly) {
  const std::string proof = read_text(file("proof_snarkjs.json"));
  const std::string pub = read_text(file("public_snarkjs.json"));
  const std::string vk = read_text(file("verification_key.json"));
  EXPECT_EQ(proof_to_json(parse_proof(proof)), proof);
  EXPECT_EQ(public_to_json(parse_public(pub)), pub);
  EXPECT_EQ(verification_key_to_json(parse_verification_key(vk)), vk);
}

// Truncated files are layout errors, never anything else.
TEST_P(SnarkjsJson, TruncationsAreErrors) {
  const std::string proof = read_text(file("proof_snarkjs.json"));
  const std::string pub = read_text(file("public_snarkjs.json"));
  const std::string vk = read_text(file("verification_key.json"));
  for (size_t len = 0; len < proof.size(); ++len)
    expect_error(ErrorCode::bad_request, [&] { parse_proof(std::string_view(proof).substr(0, len)); });
  for (size_t len = 0; len < pub.size(); ++len)
    expect_error(ErrorCode::bad_request, [&] { parse_public(std::string_view(pub).substr(0, len)); });
  for (size_t len = 0; len < vk.size(); len += 7)
    expect_error(ErrorCode::bad_request, [&] { parse_verification_key(std::string_view(vk).substr(0, len)); });
}

INSTANTIATE_TEST_SUITE_P(Circuits, SnarkjsJson, ::testing::ValuesIn(circuit_names()),
                         [](const auto& info) { return info.param; });

const std::string kG1 = R"(["1", "2", "1"])";
const std::string kG2 =
    R"([["10857046999023057135944570762232829481370756359578518086990519993285655852781",
         "11559732032986387107991004021392285783925812861821192530917403151452391805634"],
        ["8495653923123431417604973247489272438418190587263600148770280649306958101930",
         "4082367875863433681332203403145435568316851327593401208105741076214120093531"],
        ["1", "0"]])";

std::string proof_with(const std::string& a, const std::string& b = kG2, const std::string& extra = "") {
  return R"({"pi_a": )" + a + R"(, "pi_b": )" + b + R"(, "pi_c": )" + kG1 + extra + "}";
}

TEST(SnarkjsJson, ParsesGenerators) {
  const Proof p = parse_proof(proof_with(kG1, kG2, R"(, "protocol": "groth16", "curve": "bn128")"));
  EXPECT_EQ(p.a, g1_generator());
  EXPECT_EQ(p.b, g2_generator());
  // Two coordinates (z = 1 implied) and a Jacobian z other than 1: the same point.
  EXPECT_EQ(parse_proof(proof_with(R"(["1", "2"])")).a, g1_generator());
  const G1Jacobian j = G1Jacobian::from_affine(g1_generator());
  const Fq z = Fq::from_u64(7), z2 = z.sqr();
  const G1Jacobian scaled{j.x * z2, j.y * z2 * z, z};
  const std::string jac = "[\"" + to_decimal(scaled.x.to_canonical()) + "\", \"" +
                          to_decimal(scaled.y.to_canonical()) + "\", \"7\"]";
  EXPECT_EQ(parse_proof(proof_with(jac)).a, g1_generator());
}

TEST(SnarkjsJson, InfinityRoundTrips) {
  const Proof p{G1Affine::infinity(), G2Affine::infinity(), g1_generator()};
  const std::string text = proof_to_json(p);
  EXPECT_NE(text.find("\"pi_a\": [\n  \"0\",\n  \"1\",\n  \"0\"\n ]"), std::string::npos) << text;
  const Proof back = parse_proof(text);
  EXPECT_TRUE(back.a.is_infinity());
  EXPECT_TRUE(back.b.is_infinity());
  EXPECT_EQ(back.c, g1_generator());
}

TEST(SnarkjsJson, LayoutErrors) {
  expect_error(ErrorCode::bad_request, [] { parse_proof("{"); }, "not valid JSON");
  expect_error(ErrorCode::bad_request, [] { parse_proof("[]"); });
  expect_error(ErrorCode::bad_request, [] { parse_proof(R"({"pi_a": ["1", "2", "1"]})"); }, "pi_b");
  expect_error(ErrorCode::bad_request, [] { parse_proof(proof_with(R"(["1"])")); }, "pi_a");
  expect_error(ErrorCode::bad_request, [] { parse_proof(proof_with(R"([1, 2, 1])")); }, "decimal string");
  expect_error(ErrorCode::bad_request, [] { parse_proof(proof_with(R"(["0x1", "2", "1"])")); });
  expect_error(ErrorCode::bad_request, [] { parse_proof(proof_with(R"(["-1", "2", "1"])")); });
  expect_error(ErrorCode::bad_request, [] { parse_public(R"({"a": "1"})"); });
  expect_error(ErrorCode::bad_request, [] { parse_public(R"([1])"); });
  expect_error(ErrorCode::bad_request, [] { parse_verification_key(R"({"protocol": "groth16"})"); });
}

TEST(SnarkjsJson, ValueErrors) {
  const std::string p = "21888242871839275222246405745257275088696311157297823662689037894645226208583";
  const std::string r = "21888242871839275222246405745257275088548364400416034343698204186575808495617";
  expect_error(ErrorCode::invalid_argument, [&] { parse_proof(proof_with("[\"" + p + "\", \"2\", \"1\"]")); },
               "not below the base field prime");
  expect_error(ErrorCode::invalid_argument, [] { parse_proof(proof_with(R"(["1", "3", "1"])")); }, "not on the curve");
  expect_error(ErrorCode::invalid_argument, [] { parse_proof(proof_with(kG1, kG2, R"(, "protocol": "plonk")")); },
               "groth16");
  expect_error(ErrorCode::invalid_argument, [] { parse_proof(proof_with(kG1, kG2, R"(, "curve": "bls12381")")); },
               "not BN254");
  expect_error(ErrorCode::invalid_argument, [&] { parse_public("[\"1\", \"" + r + "\"]"); }, "[1]");
  // r - 1 is fine.
  std::string r1 = r;
  r1.back() = '6';
  EXPECT_EQ(parse_public("[\"" + r1 + "\"]")[0], (FrRaw{{0x43e1f593f0000000, 0x2833e84879b97091,
                                                           0xb85045b68181585d, 0x30644e72e131a029}}));
}

TEST(SnarkjsJson, PublicLayout) {
  EXPECT_EQ(public_to_json({}), "[]");
  EXPECT_EQ(public_to_json({FrRaw{{33, 0, 0, 0}}, FrRaw{{0, 1, 0, 0}}}), "[\n \"33\",\n \"18446744073709551616\"\n]");
  EXPECT_TRUE(parse_public("[]").empty());
}

}  // namespace
}  // namespace zkgpu
