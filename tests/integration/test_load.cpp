// Many clients at once, and clients that are slow to write or never read,
// against a real zkgpud.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "daemon_process.hpp"
#include "ping_example.hpp"
#include "raw_conn.hpp"
#include "zkgpu/client.hpp"
#include "zkgpu/protocol.hpp"

namespace zkgpu::test {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

ClientOptions options_for(const std::string& socket) {
  ClientOptions o;
  o.socket_path = socket;
  o.io_timeout = milliseconds(20000);  // a hung daemon fails the test instead of hanging it
  return o;
}

Bytes text(const std::string& s) { return {s.begin(), s.end()}; }

TEST(Load, HundredClientsTimesHundredRequests) {
  RunningDaemon d;
  constexpr int kClients = 100, kRequests = 100;
  std::atomic<int> answered{0};
  std::mutex first_error_mutex;
  std::string first_error;
  auto record = [&](const std::string& e) {
    std::lock_guard lk(first_error_mutex);
    if (first_error.empty()) first_error = e;
  };

  const auto start = Clock::now();
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      try {
        Client client(options_for(d.socket()));
        for (int r = 0; r < kRequests; ++r) {
          // Bodies differ per client and request, so a reply sent to the wrong
          // connection or out of order is caught.
          const Bytes body = text("client " + std::to_string(c) + " request " + std::to_string(r));
          const uint64_t id = uint64_t(c) << 32 | uint64_t(r + 1);
          const proto::Reply reply = client.call(proto::Request{proto::Op::ping, id, 0, "", body});
          if (reply.request_id != id || reply.op != proto::Op::ping || reply.body != body) {
            record("client " + std::to_string(c) + " request " + std::to_string(r) + ": wrong reply");
            return;
          }
          ++answered;
        }
      } catch (const std::exception& e) {
        record("client " + std::to_string(c) + ": " + e.what());
      }
    });
  }
  for (auto& t : clients) t.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();

  EXPECT_EQ(first_error, "");
  EXPECT_EQ(answered.load(), kClients * kRequests);
  EXPECT_LT(seconds, 20.0) << "10,000 pings from 100 clients took " << seconds << " s";
  EXPECT_TRUE(d.process().running());
}

TEST(Load, ClientTricklingOneBytePer100msDoesNotDelayOthers) {
  RunningDaemon d;
  // The PING example, one byte per 100 ms (3 s in all). After each byte but the
  // last, while the trickled frame is unfinished, a ping on a held connection
  // and one on a fresh connection must be answered: a daemon that waited for
  // the trickling client would answer neither (its next byte only comes after
  // them), and the client's 20 s timeout would fail the test. No latency is
  // expected, so a busy machine cannot fail it.
  RawConn trickle(d.socket());
  Client held(options_for(d.socket()));
  for (size_t i = 0; i < kPingRequest.size(); ++i) {
    trickle.send(Bytes{kPingRequest[i]});
    std::this_thread::sleep_for(milliseconds(100));
    if (i + 1 == kPingRequest.size()) break;
    EXPECT_EQ(held.call(proto::Request{proto::Op::ping, i, 0, "", text("held")}).body, text("held"));
    Client fresh(options_for(d.socket()));
    EXPECT_EQ(fresh.call(proto::Request{proto::Op::ping, i, 0, "", text("fresh")}).body, text("fresh"));
  }
  EXPECT_EQ(trickle.read_wire_frame(), kPingReply);
}

TEST(Load, ClientThatNeverReadsDoesNotBlockOthers) {
  RunningDaemon d;
  // Pipelines up to 64 MiB of pings and reads nothing back. The daemon's writes
  // to it stall once the socket buffer is full, it stops reading after its cap
  // of owed replies, and then the hog's own send stalls: a send that makes no
  // progress for 2 s ends the writer.
  RawConn hog(d.socket());
  const timeval send_timeout{2, 0};
  ASSERT_EQ(::setsockopt(hog.fd(), SOL_SOCKET, SO_SNDTIMEO, &send_timeout, sizeof send_timeout), 0);
  const Bytes frame = framed(proto::encode_request(proto::Request{proto::Op::ping, 1, 0, "", Bytes(1 << 20, 0x11)}));
  bool hog_stalled = false;
  try {
    for (int i = 0; i < 64; ++i) hog.send(frame);
  } catch (const std::exception&) {
    hog_stalled = true;
  }
  ASSERT_TRUE(hog_stalled) << "the daemon read 64 MiB of requests from a client that reads no reply";

  // With the hog's connection stalled both ways, another client is served. No
  // latency is expected (a busy machine cannot fail this); a daemon blocked on
  // the hog would not answer at all, and the client's 20 s timeout would fail it.
  Client other(options_for(d.socket()));
  for (int i = 0; i < 50; ++i)
    EXPECT_EQ(other.call(proto::Request{proto::Op::ping, 0, 0, "", text("other")}).body, text("other"));
  hog.close();
  // After the hog is gone the daemon is healthy.
  EXPECT_EQ(other.call(proto::Request{proto::Op::ping, 0, 0, "", text("after")}).body, text("after"));
}

}  // namespace
}  // namespace zkgpu::test
