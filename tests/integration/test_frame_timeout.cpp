// --frame-timeout-seconds against a real zkgpud: a frame begun and then left
// silent is closed with a log line; a slow frame whose bytes keep coming and an
// idle connection between frames are not. The checks lean only one way on
// time: a loaded machine can make the test wait longer, never make it fail.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "daemon/exit_codes.hpp"
#include "daemon_process.hpp"
#include "ping_example.hpp"
#include "raw_conn.hpp"

namespace zkgpu::test {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

TEST(FrameTimeout, SilenceInsideAFrameClosesTheConnection) {
  RunningDaemon d({"--frame-timeout-seconds", "1"});
  struct Case {
    const char* what;
    Bytes sent;
    std::string log;
  };
  const Case cases[] = {
      {"half a length prefix", unhex("1a00"), "(2 of 4 length prefix bytes)"},
      {"a length prefix and part of the payload", Bytes(kPingRequest.begin(), kPingRequest.begin() + 10),
       "(6 of 26 payload bytes)"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    RawConn conn(d.socket());
    conn.send(c.sent);
    // The timeout runs from the last byte the daemon read, which came after the
    // send: the connection cannot close within the first half second.
    EXPECT_FALSE(conn.closed_by_peer(500ms)) << "closed before --frame-timeout-seconds passed";
    EXPECT_TRUE(conn.closed_by_peer(30s)) << "a silent partial frame held its connection";
    const std::string line = "no byte for 1 s inside an unfinished frame " + c.log;
    EXPECT_NE(d.process().wait_for_log(line, 10s).find(line), std::string::npos) << d.process().log();
  }
  expect_serving(d.socket());
}

TEST(FrameTimeout, BytesThatKeepComingKeepTheFrameAlive) {
  // 26-odd bytes, one every 150 ms: the frame takes over 4 s, longer than the
  // 3 s timeout, but no gap comes near it.
  RunningDaemon d({"--frame-timeout-seconds", "3"});
  RawConn conn(d.socket());
  const auto start = Clock::now();
  for (const uint8_t b : kPingRequest) {
    conn.send(Bytes{b});
    std::this_thread::sleep_for(150ms);
  }
  ASSERT_GT(Clock::now() - start, 4s);
  EXPECT_EQ(conn.read_wire_frame(), kPingReply);
}

TEST(FrameTimeout, IdleConnectionsBetweenFramesStayOpen) {
  RunningDaemon d({"--frame-timeout-seconds", "1"});
  RawConn silent(d.socket());  // never sends a byte
  RawConn used(d.socket());
  used.send(kPingRequest);
  EXPECT_EQ(used.read_wire_frame(), kPingReply);
  std::this_thread::sleep_for(2500ms);  // well past the timeout
  for (RawConn* c : {&silent, &used}) {
    c->send(kPingRequest);
    EXPECT_EQ(c->read_wire_frame(), kPingReply);
  }
  EXPECT_EQ(d.process().log().find("unfinished frame"), std::string::npos) << d.process().log();
}

TEST(FrameTimeout, FlagIsValidated) {
  for (const char* bad : {"0", "-1", "86401", "soon"}) {
    TempDir dir;
    DaemonProcess p({"--socket", dir.file("d.sock"), "--frame-timeout-seconds", bad}, dir.file("zkgpud.log"));
    EXPECT_EQ(p.wait_exit(), exit_code::kStartupFailed) << "--frame-timeout-seconds " << bad << ": " << p.log();
    EXPECT_NE(p.log().find("--frame-timeout-seconds"), std::string::npos) << p.log();
  }
}

}  // namespace
}  // namespace zkgpu::test
