// Framing and header errors against a real zkgpud: truncated frames, frames over
// the cap (and no allocation of what a length claims), garbage, unknown version,
// unknown op, unknown device selector. Exact bytes come from proto/protocol-v1.md.
#include <gtest/gtest.h>
#include <sys/socket.h>

#include <fstream>
#include <string>
#include <thread>

#include "daemon_process.hpp"
#include "ping_example.hpp"
#include "raw_conn.hpp"
#include "zkgpu/protocol.hpp"

namespace zkgpu::test {
namespace {

proto::ErrorBody expect_error_reply(const Bytes& payload, proto::Op op, uint64_t id, ErrorCode code) {
  const proto::Reply r = proto::decode_reply(payload);
  EXPECT_EQ(r.op, op);
  EXPECT_EQ(r.request_id, id);
  EXPECT_EQ(r.kind, proto::ReplyKind::error);
  const proto::ErrorBody e = proto::decode_error(r.body);
  EXPECT_EQ(e.code, code) << e.message;
  return e;
}

// A /proc/<pid>/status field in kB.
uint64_t proc_status_kb(pid_t pid, const std::string& field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind(field + ":", 0) == 0) return std::stoull(line.substr(field.size() + 1));
  ADD_FAILURE() << field << " not found in /proc/" << pid << "/status";
  return 0;
}

TEST(Framing, PingExampleBytes) {
  RunningDaemon d;
  expect_serving(d.socket());
}

TEST(Framing, TruncatedFrameThenDisconnectLeavesDaemonServing) {
  RunningDaemon d;
  {
    // Length 100, then 10 bytes, then end of stream: closed without a reply.
    RawConn c(d.socket());
    Bytes b;
    put_u32(b, 100);
    b.insert(b.end(), kPingRequest.begin() + 4, kPingRequest.begin() + 14);
    c.send(b);
    ASSERT_EQ(::shutdown(c.fd(), SHUT_WR), 0);
    EXPECT_FALSE(c.read_frame(std::chrono::seconds(5)).has_value()) << "a truncated frame got a reply";
  }
  {
    // Half a length prefix, then gone.
    RawConn c(d.socket());
    c.send(unhex("1a00"));
  }
  {
    // A whole header, the body missing, then gone.
    RawConn c(d.socket());
    c.send(Bytes(kPingRequest.begin(), kPingRequest.end() - 2));
  }
  expect_serving(d.socket());
  EXPECT_TRUE(d.process().running());
}

TEST(Framing, LengthOverCapGetsErrorReplyThenClose) {
  RunningDaemon d({"--max-frame-bytes", "1024"});
  for (uint32_t len : {1025u, 0xffffffffu}) {
    RawConn c(d.socket());
    Bytes b;
    put_u32(b, len);
    c.send(b);
    auto reply = c.read_frame();
    ASSERT_TRUE(reply.has_value()) << "no reply to an over-cap length " << len;
    const auto e = expect_error_reply(*reply, proto::Op{}, 0, ErrorCode::frame_too_large);
    EXPECT_NE(e.message.find(std::to_string(len)), std::string::npos) << e.message;
    EXPECT_NE(e.message.find("1024"), std::string::npos) << e.message;
    EXPECT_TRUE(c.closed_by_peer()) << "connection left open after frame_too_large";
  }
  // Exactly the cap is fine: a ping whose payload is 1024 bytes is echoed.
  proto::Request ping{proto::Op::ping, 9, 0, "", Bytes(1024 - proto::kRequestHeaderBytes, 0xab)};
  RawConn c(d.socket());
  c.send_frame(proto::encode_request(ping));
  auto reply = c.read_frame();
  ASSERT_TRUE(reply.has_value());
  const proto::Reply r = proto::decode_reply(*reply);
  EXPECT_EQ(r.kind, proto::ReplyKind::result);
  EXPECT_EQ(r.body, ping.body);
}

TEST(Framing, ClaimedLengthIsNotAllocatedUpFront) {
  // Under the default cap (4 GiB) a 4 GiB - 1 length is legal, so the daemon
  // reads on; it must grow its buffer with the bytes that arrive, not reserve
  // what the prefix claims.
  RunningDaemon d;
  expect_serving(d.socket());
  const pid_t pid = d.process().pid();
  const uint64_t peak_before = proc_status_kb(pid, "VmPeak");
  RawConn c(d.socket());
  Bytes b;
  put_u32(b, 0xffffffffu);
  b.resize(4 + 4096, 0x5a);
  c.send(b);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  expect_serving(d.socket());  // the reading connection blocks nobody
  const uint64_t peak_after = proc_status_kb(pid, "VmPeak");
  EXPECT_LT(peak_after - peak_before, 512u * 1024) << "VmPeak grew from " << peak_before << " kB to " << peak_after
                                                   << " kB after a 4 GiB length prefix";
  c.close();
  expect_serving(d.socket());
}

TEST(Framing, GarbageMagicGetsBadMagicThenClose) {
  RunningDaemon d;
  {
    RawConn c(d.socket());
    const std::string garbage = "GARBAGE! this is not a zkgpud request at all";
    c.send_frame(Bytes(garbage.begin(), garbage.end()));
    auto reply = c.read_frame();
    ASSERT_TRUE(reply.has_value());
    expect_error_reply(*reply, proto::Op{}, 0, ErrorCode::bad_magic);
    EXPECT_TRUE(c.closed_by_peer());
  }
  {
    // Too short to carry even a magic.
    RawConn c(d.socket());
    c.send_frame(unhex("5a4b47"));
    auto reply = c.read_frame();
    ASSERT_TRUE(reply.has_value());
    expect_error_reply(*reply, proto::Op{}, 0, ErrorCode::bad_frame);
    EXPECT_TRUE(c.closed_by_peer());
  }
  expect_serving(d.socket());
}

TEST(Framing, UnknownVersionExactReplyThenClose) {
  RunningDaemon d;
  RawConn c(d.socket());
  // proto/protocol-v1.md "Error reply: unsupported version".
  c.send(unhex("18000000 5a4b4750 0200 0100 0800000000000000 00000000 0000 0000"));
  EXPECT_EQ(c.read_wire_frame(),
            unhex("50000000 5a4b4750 0100 0100 0800000000000000 0200 0000 04000000 34000000"
                "756e737570706f727465642070726f746f636f6c2076657273696f6e20323b2074686973206461656d6f6e20737065616b732031"));
  EXPECT_TRUE(c.closed_by_peer());
  expect_serving(d.socket());
}

TEST(Framing, UnknownOpExactReplyAndConnectionStaysOpen) {
  RunningDaemon d;
  RawConn c(d.socket());
  // proto/protocol-v1.md "Error reply: unknown op".
  c.send(unhex("18000000 5a4b4750 0100 9909 0700000000000000 00000000 0000 0000"));
  EXPECT_EQ(c.read_wire_frame(), unhex("2d000000 5a4b4750 0100 9909 0700000000000000 0200 0000 05000000 11000000"
                                     "756e6b6e6f776e206f7020307830393939"));
  c.send(kPingRequest);
  EXPECT_EQ(c.read_wire_frame(), kPingReply);
}

TEST(Framing, UnknownDeviceSelectorIsAClearError) {
  RunningDaemon d;
  RawConn c(d.socket());
  for (const std::string sel : {"7", "GPU-ffffffff", "0000:ff:1f.7", "nonsense"}) {
    c.send_frame(proto::encode_request(proto::Request{proto::Op::ping, 3, 0, sel, {}}));
    auto reply = c.read_frame();
    ASSERT_TRUE(reply.has_value());
    const auto e = expect_error_reply(*reply, proto::Op::ping, 3, ErrorCode::no_such_device);
    EXPECT_NE(e.message.find("'" + sel + "'"), std::string::npos) << e.message;
    // The message lists what is served, so the operator can correct the selector.
    EXPECT_NE(e.message.find(test_backend() == "cpu" ? "cpu" : "cuda:0"), std::string::npos) << e.message;
  }
  c.send(kPingRequest);
  EXPECT_EQ(c.read_wire_frame(), kPingReply);
}

TEST(Framing, RepliesComeInRequestOrderWhenPipelined) {
  RunningDaemon d;
  RawConn c(d.socket());
  Bytes batch;
  for (uint64_t id = 1; id <= 50; ++id) {
    const Bytes p = proto::encode_request(proto::Request{proto::Op::ping, id, 0, "", Bytes(id, uint8_t(id))});
    const Bytes f = framed(p);
    batch.insert(batch.end(), f.begin(), f.end());
  }
  c.send(batch);
  for (uint64_t id = 1; id <= 50; ++id) {
    auto reply = c.read_frame();
    ASSERT_TRUE(reply.has_value());
    const proto::Reply r = proto::decode_reply(*reply);
    EXPECT_EQ(r.request_id, id);
    EXPECT_EQ(r.body, Bytes(id, uint8_t(id)));
  }
}

}  // namespace
}  // namespace zkgpu::test
