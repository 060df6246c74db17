// SP1 bincode envelope: the example bytes of proto/sp1-envelope.md (the first
// three also appear in SP1's protocol notes), the three request variants, bad
// variant indices, truncations and trailing bytes.
#include <gtest/gtest.h>

#include "common/bytes.hpp"
#include "hex.hpp"
#include "zkgpu/protocol.hpp"
#include "zkgpu/sp1.hpp"

namespace zkgpu::sp1 {
namespace {

using test::hex;
using test::unhex;

constexpr const char* kDestroy =
    "24000000 02000000 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
constexpr const char* kOk = "04000000 00000000";
constexpr const char* kInternalErrorX = "0d000000 04000000 0100000000000000 78";
constexpr const char* kProverErrorX = "0d000000 03000000 0100000000000000 78";
constexpr const char* kProveWithMode =
    "5b000000 01000000 04000000 "
    "1111111111111111111111111111111111111111111111111111111111111111 "
    "0100000000000000 0300000000000000 010203 0000000000000000 0000000000000000 "
    "01000000 02000000 03000000 04000000";
constexpr const char* kSetup = "12000000 00000000 0400000000000000 7f454c46 aabb";
constexpr const char* kBadVariant =
    "24000000 03000000 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

std::array<uint8_t, 32> key_0_to_31() {
  std::array<uint8_t, 32> k{};
  for (size_t i = 0; i < k.size(); ++i) k[i] = static_cast<uint8_t>(i);
  return k;
}

std::vector<uint8_t> payload_of(const char* framed_hex) {
  const auto framed = unhex(framed_hex);
  EXPECT_EQ(proto::frame_length(std::span<const uint8_t, 4>(framed.data(), 4)), framed.size() - 4);
  return {framed.begin() + 4, framed.end()};
}

std::string framed_hex(const std::vector<uint8_t>& payload) { return hex(proto::frame(payload)); }

void expect_bad_request(const std::vector<uint8_t>& payload, const std::string& why) {
  try {
    decode_request(payload);
    ADD_FAILURE() << why << ": accepted " << hex(payload);
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::bad_request) << why;
  }
}

// ---- examples ----

TEST(Sp1Examples, DestroyEncodesAndDecodes) {
  EXPECT_EQ(framed_hex(encode_destroy(key_0_to_31())), hex(unhex(kDestroy)));
  const auto payload = payload_of(kDestroy);
  EXPECT_EQ(proto::classify(payload), proto::PayloadKind::sp1);
  const Request r = decode_request(payload);
  EXPECT_EQ(r.kind, RequestKind::destroy);
  EXPECT_EQ(r.key, key_0_to_31());
}

TEST(Sp1Examples, Responses) {
  EXPECT_EQ(framed_hex(encode_ok()), hex(unhex(kOk)));
  EXPECT_EQ(framed_hex(encode_internal_error("x")), hex(unhex(kInternalErrorX)));
  EXPECT_EQ(framed_hex(encode_prover_error("x")), hex(unhex(kProverErrorX)));

  EXPECT_EQ(decode_response(payload_of(kOk)).kind, ResponseKind::ok);
  const Response internal = decode_response(payload_of(kInternalErrorX));
  EXPECT_EQ(internal.kind, ResponseKind::internal_error);
  EXPECT_EQ(internal.message, "x");
  const Response prover = decode_response(payload_of(kProverErrorX));
  EXPECT_EQ(prover.kind, ResponseKind::prover_error);
  EXPECT_EQ(prover.message, "x");
}

TEST(Sp1Examples, ProveWithModeEncodesAndDecodes) {
  std::array<uint8_t, 32> key;
  key.fill(0x11);
  EXPECT_EQ(framed_hex(encode_prove_with_mode(ProofMode::groth16, key, {{1, 2, 3}}, {1, 2, 3, 4})),
            hex(unhex(kProveWithMode)));
  const Request r = decode_request(payload_of(kProveWithMode));
  EXPECT_EQ(r.kind, RequestKind::prove_with_mode);
  EXPECT_EQ(r.proof_mode, ProofMode::groth16);
  EXPECT_EQ(r.key, key);
  EXPECT_EQ(r.stdin_buffers, 1u);
  EXPECT_EQ(r.stdin_bytes, 3u);
}

TEST(Sp1Examples, SetupEncodesAndDecodes) {
  const std::vector<uint8_t> elf{0x7f, 'E', 'L', 'F'};
  const std::vector<uint8_t> machine{0xaa, 0xbb};
  EXPECT_EQ(framed_hex(encode_setup(elf, machine)), hex(unhex(kSetup)));
  const Request r = decode_request(payload_of(kSetup));
  EXPECT_EQ(r.kind, RequestKind::setup);
  EXPECT_EQ(r.elf_bytes, 4u);
}

TEST(Sp1Examples, BadVariantIndex) {
  const auto payload = payload_of(kBadVariant);
  try {
    decode_request(payload);
    FAIL() << "variant 3 accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::bad_request);
    EXPECT_STREQ(e.what(),
                 "variant index 3 is not Setup (0), ProveWithMode (1) or Destroy (2)");
  }
}

// ---- variants in detail ----

TEST(Sp1Request, OtherBadVariantIndices) {
  for (uint32_t v : {3u, 4u, 5u, 255u, 0x10000u, 0x50474b5au, 0xffffffffu}) {
    ByteWriter w;
    w.u32(v);
    w.bytes(key_0_to_31());
    expect_bad_request(w.take(), "variant " + std::to_string(v));
  }
}

TEST(Sp1Request, DestroyMustBeExactly36Bytes) {
  const auto payload = payload_of(kDestroy);
  for (size_t n = 0; n < payload.size(); ++n)
    expect_bad_request({payload.begin(), payload.begin() + n}, "Destroy cut to " + std::to_string(n));
  auto longer = payload;
  longer.push_back(0);
  expect_bad_request(longer, "Destroy with a trailing byte");
}

TEST(Sp1Request, ProveWithModeEveryTruncationFails) {
  const auto payload = payload_of(kProveWithMode);
  for (size_t n = 0; n < payload.size(); ++n)
    expect_bad_request({payload.begin(), payload.begin() + n}, "cut to " + std::to_string(n));
  auto longer = payload;
  longer.push_back(0);
  expect_bad_request(longer, "trailing byte after the nonce");
}

TEST(Sp1Request, ProveWithModeModes) {
  std::array<uint8_t, 32> key{};
  for (uint32_t m = 0; m <= 4; ++m) {
    const auto p = encode_prove_with_mode(static_cast<ProofMode>(m), key, {}, {0, 0, 0, 0});
    EXPECT_EQ(static_cast<uint32_t>(decode_request(p).proof_mode), m);
  }
  for (uint32_t m : {5u, 6u, 0xffffffffu}) {
    auto p = encode_prove_with_mode(ProofMode::core, key, {}, {0, 0, 0, 0});
    for (int i = 0; i < 4; ++i) p[4 + i] = static_cast<uint8_t>(m >> (8 * i));
    expect_bad_request(p, "mode " + std::to_string(m));
  }
}

TEST(Sp1Request, ProveWithModeManyBuffers) {
  std::vector<std::vector<uint8_t>> buffers;
  size_t total = 0;
  for (size_t i = 0; i < 20; ++i) {
    buffers.emplace_back(i * 7, static_cast<uint8_t>(i));
    total += i * 7;
  }
  const auto p = encode_prove_with_mode(ProofMode::compressed, {}, buffers, {9, 8, 7, 6});
  const Request r = decode_request(p);
  EXPECT_EQ(r.proof_mode, ProofMode::compressed);
  EXPECT_EQ(r.stdin_buffers, 20u);
  EXPECT_EQ(r.stdin_bytes, total);
}

TEST(Sp1Request, ProveWithModeHugeCountsAreRefusedNotAllocated) {
  // Buffer count of 2^64-1.
  auto p = payload_of(kProveWithMode);
  for (int i = 0; i < 8; ++i) p[40 + i] = 0xff;
  expect_bad_request(p, "huge buffer count");
  // First buffer claims 2^63 bytes.
  p = payload_of(kProveWithMode);
  for (int i = 0; i < 8; ++i) p[48 + i] = i == 7 ? 0x80 : 0;
  expect_bad_request(p, "huge buffer length");
}

TEST(Sp1Request, ProveWithModeWithProofsAcceptsOpaqueRest) {
  ByteWriter w;
  w.u32(1);                   // ProveWithMode
  w.u32(2);                   // Compressed
  w.bytes(key_0_to_31());
  w.u64(0);                   // stdin.buffer: none
  w.u64(0);                   // ptr
  w.u64(1);                   // one recursion proof: opaque to zkgpud
  for (int i = 0; i < 100; ++i) w.u8(static_cast<uint8_t>(i));
  const Request r = decode_request(w.take());
  EXPECT_EQ(r.kind, RequestKind::prove_with_mode);
  EXPECT_EQ(r.proof_mode, ProofMode::compressed);
  EXPECT_EQ(r.key, key_0_to_31());
}

TEST(Sp1Request, SetupTruncationsAndOpaqueMachine) {
  const auto payload = payload_of(kSetup);
  // Up to the end of the ELF every cut fails; the machine part is opaque.
  for (size_t n = 0; n < 4 + 8 + 4; ++n)
    expect_bad_request({payload.begin(), payload.begin() + n}, "cut to " + std::to_string(n));
  EXPECT_EQ(decode_request({payload.begin(), payload.begin() + 16}).elf_bytes, 4u);
  EXPECT_EQ(decode_request(encode_setup({}, {})).elf_bytes, 0u);
  auto huge = payload;
  huge[11] = 0x80;  // ELF claims 2^63 + 4 bytes
  expect_bad_request(huge, "huge ELF length");
}

// ---- responses ----

TEST(Sp1Response, OpaqueVariantsAndErrors) {
  const auto setup = decode_response(unhex("01000000 aabbcc"));
  EXPECT_EQ(setup.kind, ResponseKind::setup);
  EXPECT_EQ(setup.opaque, unhex("aabbcc"));
  EXPECT_EQ(decode_response(unhex("02000000")).kind, ResponseKind::proof);
  EXPECT_EQ(decode_response(unhex("05000000")).kind, ResponseKind::connection_closed);
  EXPECT_THROW(decode_response(unhex("06000000")), Error);
  EXPECT_THROW(decode_response(unhex("000000")), Error);
  EXPECT_THROW(decode_response(unhex("00000000 00")), Error);
  EXPECT_THROW(decode_response(unhex("04000000 0200000000000000 78")), Error);
  EXPECT_THROW(decode_response(unhex("04000000 0100000000000000 7878")), Error);
}

TEST(Sp1Response, LongMessageRoundTrips) {
  const std::string msg(70000, 'm');
  const Response r = decode_response(encode_internal_error(msg));
  EXPECT_EQ(r.kind, ResponseKind::internal_error);
  EXPECT_EQ(r.message, msg);
}

}  // namespace
}  // namespace zkgpu::sp1
