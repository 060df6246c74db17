// Native protocol v1 codec: the example bytes of proto/protocol-v1.md, every
// decode error path, and round trips.
#include <gtest/gtest.h>

#include <iterator>
#include <random>

#include "hex.hpp"
#include "zkgpu/protocol.hpp"

namespace zkgpu::proto {
namespace {

using test::bytes_of;
using test::hex;
using test::unhex;

// Frames from proto/protocol-v1.md, "Examples".
constexpr const char* kPingRequest =
    "1a000000 5a4b4750 0100 0100 0100000000000000 00000000 0000 0000 6869";
constexpr const char* kPingReply = "16000000 5a4b4750 0100 0100 0100000000000000 0000 0000 6869";
constexpr const char* kPingSelectorRequest =
    "1b000000 5a4b4750 0100 0100 0500000000000000 01000000 0300 0000 637075";
constexpr const char* kInfoRequest =
    "18000000 5a4b4750 0100 0200 0200000000000000 00000000 0000 0000";
constexpr const char* kDevicesRequest =
    "18000000 5a4b4750 0100 0300 0300000000000000 00000000 0000 0000";
constexpr const char* kStatsRequest =
    "18000000 5a4b4750 0100 0400 0400000000000000 00000000 0000 0000";
constexpr const char* kInfoReply = "16000000 5a4b4750 0100 0200 0200000000000000 0000 0000 7b7d";
constexpr const char* kUnknownOpRequest =
    "18000000 5a4b4750 0100 9909 0700000000000000 00000000 0000 0000";
constexpr const char* kUnknownOpReply =
    "2d000000 5a4b4750 0100 9909 0700000000000000 0200 0000 05000000 11000000 "
    "756e6b6e6f776e206f7020307830393939";
constexpr const char* kVersionRequest =
    "18000000 5a4b4750 0200 0100 0800000000000000 00000000 0000 0000";
constexpr const char* kVersionReply =
    "50000000 5a4b4750 0100 0100 0800000000000000 0200 0000 04000000 34000000 "
    "756e737570706f727465642070726f746f636f6c2076657273696f6e20323b2074686973206461656d6f6e20"
    "737065616b732031";
constexpr const char* kConnectionErrorReply =
    "1d000000 5a4b4750 0100 0000 0000000000000000 0200 0000 02000000 01000000 78";
constexpr const char* kProgressReply =
    "2d000000 5a4b4750 0100 0102 0900000000000000 0100 0000 0300000000000000 0a00000000000000 "
    "05000000 6d736d2d61";

// Removes the 4-byte length prefix after checking it.
std::vector<uint8_t> payload_of(const char* framed_hex) {
  auto framed = unhex(framed_hex);
  EXPECT_GE(framed.size(), 4u);
  EXPECT_EQ(frame_length(std::span<const uint8_t, 4>(framed.data(), 4)), framed.size() - 4);
  return {framed.begin() + 4, framed.end()};
}

ErrorCode decode_error_code(const std::vector<uint8_t>& payload, Request* partial = nullptr) {
  try {
    decode_request(payload, partial);
  } catch (const Error& e) {
    return e.code();
  }
  ADD_FAILURE() << "decode_request accepted " << hex(payload);
  return ErrorCode::ok;
}

std::string decode_error_message(const std::vector<uint8_t>& payload) {
  try {
    decode_request(payload);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

// ---- examples: encode ----

TEST(NativeExamples, PingRequestEncodes) {
  EXPECT_EQ(hex(frame(encode_request({Op::ping, 1, 0, "", bytes_of("hi")}))), hex(unhex(kPingRequest)));
}

TEST(NativeExamples, PingReplyEncodes) {
  EXPECT_EQ(hex(frame(encode_reply({Op::ping, 1, ReplyKind::result, bytes_of("hi")}))),
            hex(unhex(kPingReply)));
}

TEST(NativeExamples, SelectorAndProgressFlagEncode) {
  EXPECT_EQ(hex(frame(encode_request({Op::ping, 5, kFlagProgress, "cpu", {}}))),
            hex(unhex(kPingSelectorRequest)));
}

TEST(NativeExamples, MetadataRequestsEncode) {
  EXPECT_EQ(hex(frame(encode_request({Op::info, 2, 0, "", {}}))), hex(unhex(kInfoRequest)));
  EXPECT_EQ(hex(frame(encode_request({Op::devices, 3, 0, "", {}}))), hex(unhex(kDevicesRequest)));
  EXPECT_EQ(hex(frame(encode_request({Op::stats, 4, 0, "", {}}))), hex(unhex(kStatsRequest)));
  EXPECT_EQ(hex(frame(encode_reply({Op::info, 2, ReplyKind::result, bytes_of("{}")}))),
            hex(unhex(kInfoReply)));
}

TEST(NativeExamples, ErrorRepliesEncode) {
  EXPECT_EQ(hex(frame(error_reply(static_cast<Op>(0x0999), 7, ErrorCode::unknown_op,
                                  "unknown op 0x0999"))),
            hex(unhex(kUnknownOpReply)));
  EXPECT_EQ(hex(frame(error_reply(Op::ping, 8, ErrorCode::unsupported_version,
                                  "unsupported protocol version 2; this daemon speaks 1"))),
            hex(unhex(kVersionReply)));
  EXPECT_EQ(hex(frame(error_reply(static_cast<Op>(0), 0, ErrorCode::frame_too_large, "x"))),
            hex(unhex(kConnectionErrorReply)));
}

TEST(NativeExamples, ProgressEncodes) {
  EXPECT_EQ(hex(frame(progress_reply(Op::groth16_prove, 9, {3, 10, "msm-a"}))),
            hex(unhex(kProgressReply)));
}

// ---- examples: decode ----

TEST(NativeExamples, PingRequestDecodes) {
  const auto payload = payload_of(kPingRequest);
  EXPECT_EQ(classify(payload), PayloadKind::native);
  Request untouched;
  untouched.request_id = 99;
  const Request r = decode_request(payload, &untouched);
  EXPECT_EQ(untouched.request_id, 99u);  // `partial` is only filled on failure
  EXPECT_EQ(r.op, Op::ping);
  EXPECT_EQ(r.request_id, 1u);
  EXPECT_EQ(r.flags, 0u);
  EXPECT_EQ(r.selector, "");
  EXPECT_EQ(r.body, bytes_of("hi"));
}

TEST(NativeExamples, SelectorRequestDecodes) {
  const Request r = decode_request(payload_of(kPingSelectorRequest));
  EXPECT_EQ(r.op, Op::ping);
  EXPECT_EQ(r.request_id, 5u);
  EXPECT_EQ(r.flags, kFlagProgress);
  EXPECT_EQ(r.selector, "cpu");
  EXPECT_TRUE(r.body.empty());
}

TEST(NativeExamples, MetadataRequestsDecode) {
  EXPECT_EQ(decode_request(payload_of(kInfoRequest)).op, Op::info);
  EXPECT_EQ(decode_request(payload_of(kDevicesRequest)).op, Op::devices);
  const Request stats = decode_request(payload_of(kStatsRequest));
  EXPECT_EQ(stats.op, Op::stats);
  EXPECT_EQ(stats.request_id, 4u);
  const Reply info = decode_reply(payload_of(kInfoReply));
  EXPECT_EQ(info.op, Op::info);
  EXPECT_EQ(info.kind, ReplyKind::result);
  EXPECT_EQ(info.body, bytes_of("{}"));
}

TEST(NativeExamples, PingReplyDecodes) {
  const Reply r = decode_reply(payload_of(kPingReply));
  EXPECT_EQ(r.op, Op::ping);
  EXPECT_EQ(r.request_id, 1u);
  EXPECT_EQ(r.kind, ReplyKind::result);
  EXPECT_EQ(r.body, bytes_of("hi"));
}

TEST(NativeExamples, UnknownOpRequestAndReply) {
  Request partial;
  const auto payload = payload_of(kUnknownOpRequest);
  EXPECT_EQ(decode_error_code(payload, &partial), ErrorCode::unknown_op);
  EXPECT_EQ(decode_error_message(payload), "unknown op 0x0999");
  EXPECT_EQ(partial.request_id, 7u);
  EXPECT_EQ(static_cast<uint16_t>(partial.op), 0x0999);
  // The daemon's reply to it is exactly the documented one.
  EXPECT_EQ(hex(frame(error_reply(partial.op, partial.request_id, ErrorCode::unknown_op,
                                  decode_error_message(payload)))),
            hex(unhex(kUnknownOpReply)));

  const Reply reply = decode_reply(payload_of(kUnknownOpReply));
  EXPECT_EQ(static_cast<uint16_t>(reply.op), 0x0999);
  EXPECT_EQ(reply.kind, ReplyKind::error);
  const ErrorBody e = decode_error(reply.body);
  EXPECT_EQ(e.code, ErrorCode::unknown_op);
  EXPECT_EQ(e.message, "unknown op 0x0999");
}

TEST(NativeExamples, VersionRequestAndReply) {
  Request partial;
  const auto payload = payload_of(kVersionRequest);
  EXPECT_EQ(decode_error_code(payload, &partial), ErrorCode::unsupported_version);
  EXPECT_EQ(partial.request_id, 8u);
  EXPECT_EQ(partial.op, Op::ping);
  EXPECT_EQ(hex(frame(error_reply(partial.op, partial.request_id, ErrorCode::unsupported_version,
                                  decode_error_message(payload)))),
            hex(unhex(kVersionReply)));
  const Reply reply = decode_reply(payload_of(kVersionReply));
  EXPECT_EQ(reply.request_id, 8u);
  EXPECT_EQ(decode_error(reply.body).message,
            "unsupported protocol version 2; this daemon speaks 1");
}

TEST(NativeExamples, ConnectionErrorDecodes) {
  const Reply reply = decode_reply(payload_of(kConnectionErrorReply));
  EXPECT_EQ(static_cast<uint16_t>(reply.op), 0);
  EXPECT_EQ(reply.request_id, 0u);
  EXPECT_EQ(reply.kind, ReplyKind::error);
  const ErrorBody e = decode_error(reply.body);
  EXPECT_EQ(e.code, ErrorCode::frame_too_large);
  EXPECT_EQ(e.message, "x");
}

TEST(NativeExamples, ProgressDecodes) {
  const Reply reply = decode_reply(payload_of(kProgressReply));
  EXPECT_EQ(reply.op, Op::groth16_prove);
  EXPECT_EQ(reply.request_id, 9u);
  EXPECT_EQ(reply.kind, ReplyKind::progress);
  const Progress p = decode_progress(reply.body);
  EXPECT_EQ(p.done, 3u);
  EXPECT_EQ(p.total, 10u);
  EXPECT_EQ(p.stage, "msm-a");
}

// ---- request decode errors ----

std::vector<uint8_t> valid_request() { return payload_of(kPingSelectorRequest); }

TEST(NativeRequestErrors, TruncatedHeaderIsBadFrame) {
  const auto full = valid_request();
  for (size_t n = 0; n < kRequestHeaderBytes; ++n) {
    Request partial;
    partial.request_id = 99;
    const std::vector<uint8_t> cut(full.begin(), full.begin() + n);
    EXPECT_EQ(decode_error_code(cut, &partial), ErrorCode::bad_frame) << n;
    // The request id is recovered once the 16-byte prefix holding it is there.
    EXPECT_EQ(partial.request_id, n >= 16 ? 5u : 0u) << n;
  }
}

TEST(NativeRequestErrors, TruncatedSelectorIsBadFrame) {
  auto p = valid_request();
  p.pop_back();  // selector "cpu" loses its last byte
  Request partial;
  EXPECT_EQ(decode_error_code(p, &partial), ErrorCode::bad_frame);
  EXPECT_EQ(partial.request_id, 5u);
}

TEST(NativeRequestErrors, BadMagic) {
  auto p = valid_request();
  p[3] ^= 0x01;
  Request partial;
  EXPECT_EQ(decode_error_code(p, &partial), ErrorCode::bad_magic);
  EXPECT_EQ(partial.request_id, 0u);  // nothing after a wrong magic is trusted
  EXPECT_EQ(decode_error_message(p), "bad magic 0x51474b5a; expected 0x50474b5a (\"ZKGP\")");
}

TEST(NativeRequestErrors, UnsupportedVersions) {
  for (uint16_t version : {0, 2, 0xffff}) {
    auto p = valid_request();
    p[4] = static_cast<uint8_t>(version);
    p[5] = static_cast<uint8_t>(version >> 8);
    Request partial;
    EXPECT_EQ(decode_error_code(p, &partial), ErrorCode::unsupported_version);
    EXPECT_EQ(partial.request_id, 5u);
    EXPECT_EQ(decode_error_message(p), "unsupported protocol version " + std::to_string(version) +
                                           "; this daemon speaks 1");
  }
}

TEST(NativeRequestErrors, UnknownOpsKeepTheRequestId) {
  for (uint16_t op : {0x0000, 0x0005, 0x0100, 0x0106, 0x0200, 0x0202, 0xffff}) {
    auto p = valid_request();
    p[6] = static_cast<uint8_t>(op);
    p[7] = static_cast<uint8_t>(op >> 8);
    Request partial;
    EXPECT_EQ(decode_error_code(p, &partial), ErrorCode::unknown_op) << op;
    EXPECT_EQ(partial.request_id, 5u);
    EXPECT_EQ(static_cast<uint16_t>(partial.op), op);
    EXPECT_EQ(partial.selector, "cpu");
    EXPECT_TRUE(partial.body.empty());
  }
}

TEST(NativeRequestErrors, SelectorOverLimitIsBadRequest) {
  Request r{Op::ping, 11, 0, std::string(kMaxSelectorBytes, 'a'), {}};
  auto p = encode_request(r);
  EXPECT_EQ(decode_request(p).selector.size(), kMaxSelectorBytes);  // 256 is fine
  p.push_back('a');
  p[20] = static_cast<uint8_t>(kMaxSelectorBytes + 1);
  p[21] = static_cast<uint8_t>((kMaxSelectorBytes + 1) >> 8);
  Request partial;
  EXPECT_EQ(decode_error_code(p, &partial), ErrorCode::bad_request);
  EXPECT_EQ(partial.request_id, 11u);
  // A length far past the payload is still reported as over the limit.
  p[21] = 0xff;
  EXPECT_EQ(decode_error_code(p), ErrorCode::bad_request);
}

TEST(NativeRequestErrors, EncoderRejectsWhatTheDecoderRejects) {
  try {
    encode_request({Op::ping, 1, 0, std::string(kMaxSelectorBytes + 1, 'a'), {}});
    FAIL() << "257-byte selector encoded";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::bad_request);
  }
  EXPECT_THROW(encode_request({Op::ping, 1, 0, "gpu 0", {}}), Error);
}

TEST(NativeRequestErrors, ReservedFieldMustBeZero) {
  auto p = valid_request();
  p[22] = 1;
  EXPECT_EQ(decode_error_code(p), ErrorCode::bad_request);
}

TEST(NativeRequestErrors, UnknownFlagBits) {
  for (uint32_t bit = 1; bit < 32; ++bit) {
    auto p = valid_request();
    const uint32_t flags = 1u << bit;
    for (int i = 0; i < 4; ++i) p[16 + i] = static_cast<uint8_t>(flags >> (8 * i));
    EXPECT_EQ(decode_error_code(p), ErrorCode::bad_request) << bit;
  }
}

TEST(NativeRequestErrors, SelectorBytesMustBePrintable) {
  for (uint8_t bad : {0x00, 0x09, 0x20, 0x7f, 0x80, 0xff}) {
    auto p = valid_request();
    p[25] = bad;  // middle byte of "cpu"
    EXPECT_EQ(decode_error_code(p), ErrorCode::bad_request) << int(bad);
  }
}

// ---- reply / body decode errors ----

ErrorCode reply_error_code(const std::vector<uint8_t>& payload) {
  try {
    decode_reply(payload);
  } catch (const Error& e) {
    return e.code();
  }
  ADD_FAILURE() << "decode_reply accepted " << hex(payload);
  return ErrorCode::ok;
}

TEST(NativeReplyErrors, Truncated) {
  const auto full = payload_of(kPingReply);
  for (size_t n = 0; n < kReplyHeaderBytes; ++n)
    EXPECT_EQ(reply_error_code({full.begin(), full.begin() + n}), ErrorCode::bad_frame) << n;
}

TEST(NativeReplyErrors, MagicVersionKindReserved) {
  auto p = payload_of(kPingReply);
  p[0] = 0;
  EXPECT_EQ(reply_error_code(p), ErrorCode::bad_magic);
  p = payload_of(kPingReply);
  p[4] = 3;
  EXPECT_EQ(reply_error_code(p), ErrorCode::unsupported_version);
  p = payload_of(kPingReply);
  p[16] = 3;
  EXPECT_EQ(reply_error_code(p), ErrorCode::bad_frame);
  p = payload_of(kPingReply);
  p[19] = 1;
  EXPECT_EQ(reply_error_code(p), ErrorCode::bad_frame);
}

TEST(NativeBodies, ProgressTruncatedOrTrailing) {
  const auto body = encode_progress({1, 2, "stage"});
  for (size_t n = 0; n < body.size(); ++n)
    EXPECT_THROW(decode_progress(std::span(body).first(n)), Error) << n;
  auto longer = body;
  longer.push_back(0);
  EXPECT_THROW(decode_progress(longer), Error);
  // A stage length far beyond the body is refused, not allocated.
  auto huge = encode_progress({1, 2, ""});
  huge[16] = huge[17] = huge[18] = huge[19] = 0xff;
  EXPECT_THROW(decode_progress(huge), Error);
}

TEST(NativeBodies, ErrorTruncatedOrTrailing) {
  const auto body = encode_error({ErrorCode::no_such_device, "no device 'GPU-x'"});
  EXPECT_EQ(decode_error(body).code, ErrorCode::no_such_device);
  for (size_t n = 0; n < body.size(); ++n)
    EXPECT_THROW(decode_error(std::span(body).first(n)), Error) << n;
  auto longer = body;
  longer.push_back('!');
  EXPECT_THROW(decode_error(longer), Error);
}

// ---- classify, framing, op table ----

TEST(NativeClassify, FirstWordDecides) {
  EXPECT_EQ(classify(std::vector<uint8_t>{}), PayloadKind::unknown);
  EXPECT_EQ(classify(unhex("000000")), PayloadKind::unknown);
  EXPECT_EQ(classify(unhex("00000000")), PayloadKind::sp1);
  EXPECT_EQ(classify(unhex("01000000ff")), PayloadKind::sp1);
  EXPECT_EQ(classify(unhex("02000000")), PayloadKind::sp1);
  EXPECT_EQ(classify(unhex("03000000")), PayloadKind::unknown);
  EXPECT_EQ(classify(unhex("00000001")), PayloadKind::unknown);
  EXPECT_EQ(classify(unhex("5a4b4750")), PayloadKind::native);
  EXPECT_EQ(classify(unhex("504b475a")), PayloadKind::unknown);
}

TEST(NativeFraming, PrefixIsLittleEndianLength) {
  const std::vector<uint8_t> payload(0x0102, 7);
  const auto f = frame(payload);
  ASSERT_EQ(f.size(), payload.size() + 4);
  EXPECT_EQ(hex({f.begin(), f.begin() + 4}), "02010000");
  EXPECT_EQ(frame_length(std::span<const uint8_t, 4>(f.data(), 4)), 0x0102u);
  const std::array<uint8_t, 4> max{0xff, 0xff, 0xff, 0xff};
  EXPECT_EQ(frame_length(max), 0xffffffffu);
  EXPECT_EQ(hex(frame(std::vector<uint8_t>{})), "00000000");
}

TEST(NativeOps, TableIsConsistent) {
  const Op known[] = {Op::ping, Op::info, Op::devices, Op::stats, Op::field_arith,
                      Op::ntt, Op::lde, Op::poseidon2, Op::merkle_commit, Op::groth16_prove,
                      Op::sp1_execute, Op::sp1_prove_recursion};
  int count = 0;
  for (uint32_t v = 0; v <= 0xffff; ++v) count += is_known_op(static_cast<uint16_t>(v));
  EXPECT_EQ(count, static_cast<int>(std::size(known)));
  for (Op op : known) {
    EXPECT_TRUE(is_known_op(static_cast<uint16_t>(op)));
    EXPECT_STRNE(op_name(op), "unknown");
  }
  EXPECT_STREQ(op_name(Op::groth16_prove), "groth16_prove");
  EXPECT_STREQ(op_name(static_cast<Op>(0x7777)), "unknown");
}

// ---- round trips ----

TEST(NativeRoundTrip, RandomRequestsAndReplies) {
  std::mt19937_64 rng(12345);
  const Op ops[] = {Op::ping, Op::info, Op::devices, Op::stats, Op::field_arith,
                    Op::ntt, Op::lde, Op::poseidon2, Op::merkle_commit, Op::groth16_prove};
  for (int i = 0; i < 500; ++i) {
    Request r;
    r.op = ops[rng() % std::size(ops)];
    r.request_id = rng();
    r.flags = static_cast<uint32_t>(rng() & kFlagProgress);
    r.selector.resize(rng() % (kMaxSelectorBytes + 1));
    for (auto& c : r.selector) c = static_cast<char>(0x21 + rng() % (0x7f - 0x21));
    r.body.resize(rng() % 300);
    for (auto& b : r.body) b = static_cast<uint8_t>(rng());

    const auto encoded = encode_request(r);
    ASSERT_EQ(encoded.size(), kRequestHeaderBytes + r.selector.size() + r.body.size());
    const Request d = decode_request(encoded);
    EXPECT_EQ(d.op, r.op);
    EXPECT_EQ(d.request_id, r.request_id);
    EXPECT_EQ(d.flags, r.flags);
    EXPECT_EQ(d.selector, r.selector);
    EXPECT_EQ(d.body, r.body);

    Reply rep{r.op, r.request_id, static_cast<ReplyKind>(rng() % 3), r.body};
    const Reply back = decode_reply(encode_reply(rep));
    EXPECT_EQ(back.op, rep.op);
    EXPECT_EQ(back.request_id, rep.request_id);
    EXPECT_EQ(back.kind, rep.kind);
    EXPECT_EQ(back.body, rep.body);

    Progress p{rng(), rng(), std::string(rng() % 20, 'x')};
    const Progress pb = decode_progress(encode_progress(p));
    EXPECT_EQ(pb.done, p.done);
    EXPECT_EQ(pb.total, p.total);
    EXPECT_EQ(pb.stage, p.stage);
  }
}

TEST(NativeRoundTrip, EveryErrorCode) {
  for (uint32_t c = 0; c <= static_cast<uint32_t>(ErrorCode::internal); ++c) {
    const ErrorBody e{static_cast<ErrorCode>(c), "message " + std::to_string(c)};
    const ErrorBody back = decode_error(encode_error(e));
    EXPECT_EQ(back.code, e.code);
    EXPECT_EQ(back.message, e.message);
    EXPECT_NE(to_string(e.code), "unknown");
  }
}

}  // namespace
}  // namespace zkgpu::proto
