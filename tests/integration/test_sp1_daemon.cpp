// SP1's bincode envelope against a real zkgpud. Expected replies are spelled
// out byte by byte here (bincode 1.x: u32 variant index, String = u64 length +
// UTF-8), independently of the daemon's encoder; see proto/sp1-envelope.md.
#include <gtest/gtest.h>

#include <string>

#include "daemon_process.hpp"
#include "raw_conn.hpp"
#include "zkgpu/version.hpp"

namespace zkgpu::test {
namespace {

// A whole frame carrying SP1's Response::InternalError(message).
Bytes internal_error_frame(const std::string& message) {
  Bytes p;
  put_u32(p, 4);  // variant 4 InternalError
  put_u64(p, message.size());
  p.insert(p.end(), message.begin(), message.end());
  return framed(p);
}

const Bytes kOkFrame = unhex("04000000 00000000");
// proto/sp1-envelope.md "Destroy, key 00 01 .. 1f".
const Bytes kDestroy = unhex("24000000 02000000 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
const std::string kUnavailable = std::string("RISC-V proving is not available in zkgpud ") + kVersion +
                                 ": this version does not implement SP1 ProveWithMode";

TEST(Sp1Envelope, DestroyIsAnsweredOkAndTheConnectionStays) {
  RunningDaemon d;
  RawConn c(d.socket());
  for (int i = 0; i < 3; ++i) {
    c.send(kDestroy);
    EXPECT_EQ(c.read_wire_frame(), kOkFrame);
  }
}

// Setup validates its ELF first: this 4-byte "ELF" is refused, naming the problem.
TEST(Sp1Envelope, SetupWithABadElfGetsInternalErrorNamingIt) {
  RunningDaemon d;
  RawConn c(d.socket());
  // proto/sp1-envelope.md "Setup": ELF 7f454c46, machine aabb.
  c.send(unhex("12000000 00000000 0400000000000000 7f454c46 aabb"));
  EXPECT_EQ(c.read_wire_frame(), internal_error_frame("Setup: invalid ELF: ELF header lies outside the file"));
  c.send(kDestroy);  // still open
  EXPECT_EQ(c.read_wire_frame(), kOkFrame);
}

TEST(Sp1Envelope, ProveWithModeGetsTheUnavailableInternalError) {
  RunningDaemon d;
  RawConn c(d.socket());
  // proto/sp1-envelope.md "ProveWithMode": Groth16, key 11 x 32, stdin [[01 02 03]], nonce 1..4.
  c.send(unhex("5b000000 01000000 04000000"
             "1111111111111111111111111111111111111111111111111111111111111111"
             "0100000000000000 0300000000000000 010203 0000000000000000 0000000000000000"
             "01000000 02000000 03000000 04000000"));
  EXPECT_EQ(c.read_wire_frame(), internal_error_frame(kUnavailable));
  c.send(kDestroy);
  EXPECT_EQ(c.read_wire_frame(), kOkFrame);
}

TEST(Sp1Envelope, BadVariantIndexGetsInternalErrorThenClose) {
  RunningDaemon d;
  for (uint32_t variant : {3u, 0xffffu}) {
    RawConn c(d.socket());
    Bytes p;
    put_u32(p, variant);
    for (uint8_t i = 0; i < 32; ++i) p.push_back(i);
    c.send_frame(p);
    EXPECT_EQ(c.read_wire_frame(),
              internal_error_frame("malformed SP1 request: variant index " + std::to_string(variant) +
                                   " is not Setup (0), ProveWithMode (1) or Destroy (2)"));
    EXPECT_TRUE(c.closed_by_peer()) << "connection left open after a malformed SP1 request";
  }
  RawConn c(d.socket());
  c.send(kDestroy);
  EXPECT_EQ(c.read_wire_frame(), kOkFrame);
}

TEST(Sp1Envelope, TruncatedDestroyGetsInternalErrorThenClose) {
  RunningDaemon d;
  RawConn c(d.socket());
  c.send(unhex("08000000 02000000 00010203"));  // Destroy with a 4-byte key
  auto reply = c.read_frame();
  ASSERT_TRUE(reply.has_value());
  ASSERT_GE(reply->size(), 12u);
  EXPECT_EQ(Bytes(reply->begin(), reply->begin() + 4), unhex("04000000"));  // InternalError
  const std::string message(reply->begin() + 12, reply->end());
  EXPECT_EQ(message.rfind("malformed SP1 request: ", 0), 0u) << message;
  EXPECT_TRUE(c.closed_by_peer());
}

}  // namespace
}  // namespace zkgpu::test
