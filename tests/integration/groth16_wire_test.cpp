// groth16_prove bodies: the example bytes of proto/ops-groth16.md, round trips,
// and every malformed body the decoder must refuse.
#include <gtest/gtest.h>

#include "../unit/hex.hpp"
#include "pipelines/groth16_wire.hpp"
#include "zkgpu/error.hpp"
#include "zkgpu/protocol.hpp"

namespace zkgpu {
namespace {

using test::hex;
using test::unhex;
namespace wire = groth16_wire;

wire::Sha256 counting_sha() {
  wire::Sha256 s{};
  for (size_t i = 0; i < s.size(); ++i) s[i] = static_cast<uint8_t>(i);
  return s;
}

const std::vector<uint8_t> kWitness = test::bytes_of("wtns");

ErrorCode decode_error_code(const std::vector<uint8_t>& body) {
  try {
    wire::decode_request(body);
  } catch (const Error& e) {
    return e.code();
  }
  return ErrorCode::ok;
}

TEST(Groth16Wire, RequestByPathFrameMatchesSpec) {
  wire::ProveRequest r;
  r.key_kind = wire::KeyKind::path;
  r.key_path = "/tmp/c.zkey";
  r.witness = kWitness;
  proto::Request req{proto::Op::groth16_prove, 7, proto::kFlagProgress, "", wire::encode_request(r)};
  EXPECT_EQ(hex(proto::frame(proto::encode_request(req))),
            hex(unhex("33000000 5a4b4750 0100 0102 0700000000000000 01000000 0000 0000"
                      "01 00 0b00 2f746d702f632e7a6b6579 0400000000000000 77746e73")));
}

TEST(Groth16Wire, RequestBySha256MatchesSpec) {
  wire::ProveRequest r;
  r.key_kind = wire::KeyKind::sha256;
  r.key_sha256 = counting_sha();
  r.witness = kWitness;
  const auto expected = unhex(
      "02 00 2000 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
      "0400000000000000 77746e73");
  EXPECT_EQ(hex(wire::encode_request(r)), hex(expected));

  const auto back = wire::decode_request(expected);
  EXPECT_EQ(back.key_kind, wire::KeyKind::sha256);
  EXPECT_EQ(back.key_sha256, counting_sha());
  EXPECT_EQ(std::vector<uint8_t>(back.witness.begin(), back.witness.end()), kWitness);
}

TEST(Groth16Wire, ResultMatchesSpec) {
  wire::ProveResult r;
  r.key_sha256 = counting_sha();
  r.key_source = wire::KeySource::resident;
  r.self_verified = true;
  r.proof_json = "{}";
  r.public_json = "[]";
  r.stages = {{"load", 1000}, {"verify", 2500000}};
  const auto expected = unhex(
      "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f 01 01 0000"
      "02000000 7b7d 02000000 5b5d 02000000"
      "04000000 6c6f6164 e803000000000000 06000000 766572696679 a025260000000000");
  EXPECT_EQ(hex(wire::encode_result(r)), hex(expected));

  const auto back = wire::decode_result(expected);
  EXPECT_EQ(back.key_sha256, counting_sha());
  EXPECT_EQ(back.key_source, wire::KeySource::resident);
  EXPECT_TRUE(back.self_verified);
  EXPECT_EQ(back.proof_json, "{}");
  EXPECT_EQ(back.public_json, "[]");
  ASSERT_EQ(back.stages.size(), 2u);
  EXPECT_EQ(back.stages[1].stage, "verify");
  EXPECT_EQ(back.stages[1].nanoseconds, 2500000u);
}

TEST(Groth16Wire, PathRoundTripKeepsEveryByte) {
  wire::ProveRequest r;
  r.key_path = "/data/keys/circuit final (v2)/ü.zkey";
  r.witness = kWitness;
  const auto back = wire::decode_request(wire::encode_request(r));
  EXPECT_EQ(back.key_kind, wire::KeyKind::path);
  EXPECT_EQ(back.key_path, r.key_path);
}

TEST(Groth16Wire, MalformedRequestsAreBadRequests) {
  const auto good = unhex("01 00 0100 2f 0000000000000000");  // path "/", empty witness
  EXPECT_EQ(decode_error_code(good), ErrorCode::ok);
  EXPECT_EQ(decode_error_code({}), ErrorCode::bad_request);                                  // empty body
  EXPECT_EQ(decode_error_code(unhex("03 00 0100 2f 0000000000000000")), ErrorCode::bad_request);  // key_kind 3
  EXPECT_EQ(decode_error_code(unhex("00 00 0100 2f 0000000000000000")), ErrorCode::bad_request);  // key_kind 0
  EXPECT_EQ(decode_error_code(unhex("01 01 0100 2f 0000000000000000")), ErrorCode::bad_request);  // reserved
  EXPECT_EQ(decode_error_code(unhex("01 00 0000 0000000000000000")), ErrorCode::bad_request);     // empty path
  EXPECT_EQ(decode_error_code(unhex("01 00 0200 2f00 0000000000000000")), ErrorCode::bad_request);  // NUL
  EXPECT_EQ(decode_error_code(unhex("01 00 0500 2f")), ErrorCode::bad_request);                // key past end
  EXPECT_EQ(decode_error_code(unhex("02 00 1f00" + std::string(62, '0') + "0000000000000000")),
            ErrorCode::bad_request);                                                          // 31-byte sha
  EXPECT_EQ(decode_error_code(unhex("01 00 0100 2f 0500000000000000 77746e73")),
            ErrorCode::bad_request);  // witness_len 5, 4 bytes follow
  EXPECT_EQ(decode_error_code(unhex("01 00 0100 2f 0300000000000000 77746e73")),
            ErrorCode::bad_request);  // witness_len 3, 4 bytes follow
  EXPECT_EQ(decode_error_code(unhex("01 00 0100 2f ffffffffffffffff 77746e73")), ErrorCode::bad_request);
  EXPECT_EQ(decode_error_code(unhex("01 00 0100 2f 000000")), ErrorCode::bad_request);  // truncated length
}

TEST(Groth16Wire, EncoderRefusesWhatTheDecoderRefuses) {
  wire::ProveRequest r;
  r.key_path = "";
  EXPECT_THROW(wire::encode_request(r), Error);
  r.key_path = std::string(wire::kMaxPathBytes + 1, 'a');
  EXPECT_THROW(wire::encode_request(r), Error);
  r.key_path = std::string(wire::kMaxPathBytes, 'a');
  EXPECT_NO_THROW(wire::encode_request(r));
  r.key_path = std::string("/a\0b", 4);
  EXPECT_THROW(wire::encode_request(r), Error);
}

TEST(Groth16Wire, MalformedResultsAreRefused) {
  wire::ProveResult r;
  r.stages = {{"load", 1}};
  auto body = wire::encode_result(r);
  EXPECT_NO_THROW(wire::decode_result(body));
  auto bad = body;
  bad[32] = 3;  // key_source
  EXPECT_THROW(wire::decode_result(bad), Error);
  bad = body;
  bad[33] = 2;  // self_verified
  EXPECT_THROW(wire::decode_result(bad), Error);
  bad = body;
  bad.push_back(0);  // trailing byte
  EXPECT_THROW(wire::decode_result(bad), Error);
  bad = body;
  bad.pop_back();
  EXPECT_THROW(wire::decode_result(bad), Error);
  // A stage count that cannot fit is refused before anything is allocated.
  bad = body;
  bad[36 + 4 + 4] = 0xff;  // stage_count low byte (proof and public texts are empty)
  bad[36 + 4 + 4 + 3] = 0xff;
  EXPECT_THROW(wire::decode_result(bad), Error);
}

TEST(Groth16Wire, Sha256Hex) {
  const auto s = counting_sha();
  const std::string h = wire::to_hex(s);
  EXPECT_EQ(h, "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  EXPECT_EQ(wire::sha256_from_hex(h), s);
  std::string upper = h;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(wire::sha256_from_hex(upper), s);
  EXPECT_THROW(wire::sha256_from_hex(h.substr(1)), Error);
  EXPECT_THROW(wire::sha256_from_hex(h + "0"), Error);
  EXPECT_THROW(wire::sha256_from_hex("g" + h.substr(1)), Error);
}

}  // namespace
}  // namespace zkgpu
