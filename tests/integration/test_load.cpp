// Many clients at once, and clients that are slow to write or never read,
// against a real zkgpud.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <algorithm>
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

// The worst latency of `fn` while it runs back to back until `until` is set;
// also counts the calls.
template <class Fn>
std::pair<milliseconds, int> worst_latency_while(const std::atomic<bool>& until, Fn fn) {
  milliseconds worst{0};
  int calls = 0;
  while (!until) {
    const auto t0 = Clock::now();
    fn();
    worst = std::max(worst, std::chrono::duration_cast<milliseconds>(Clock::now() - t0));
    ++calls;
    std::this_thread::sleep_for(milliseconds(5));
  }
  return {worst, calls};
}

TEST(Load, ClientTricklingOneBytePer100msDoesNotDelayOthers) {
  RunningDaemon d;
  // The PING example: 28 bytes, 2.8 s at this pace.
  const Bytes& ping = kPingRequest;
  const Bytes& pong = kPingReply;

  std::atomic<bool> trickle_done{false};
  Bytes trickle_reply;
  std::string trickle_error;
  std::thread trickler([&] {
    try {
      RawConn c(d.socket());
      for (uint8_t b : ping) {
        c.send(Bytes{b});
        std::this_thread::sleep_for(milliseconds(100));
      }
      trickle_reply = c.read_wire_frame();
    } catch (const std::exception& e) {
      trickle_error = e.what();
    }
    trickle_done = true;
  });

  // Meanwhile: pings on a connection held open, and fresh connections.
  Client held(options_for(d.socket()));
  std::atomic<bool> stop_fresh{false};
  std::pair<milliseconds, int> fresh{};
  std::thread fresh_thread([&] {
    fresh = worst_latency_while(stop_fresh, [&] {
      Client c(options_for(d.socket()));
      c.call(proto::Request{proto::Op::ping, 0, 0, "", text("fresh")});
    });
  });
  const auto held_result = worst_latency_while(trickle_done, [&] {
    held.call(proto::Request{proto::Op::ping, 0, 0, "", text("held")});
  });
  stop_fresh = true;
  fresh_thread.join();
  trickler.join();

  EXPECT_EQ(trickle_error, "");
  EXPECT_EQ(trickle_reply, pong);
  // A daemon that waited for the trickling client would stall these for seconds.
  EXPECT_GE(held_result.second, 20);
  EXPECT_LT(held_result.first.count(), 500) << "worst ping latency while a client trickled";
  EXPECT_GE(fresh.second, 10);
  EXPECT_LT(fresh.first.count(), 500) << "worst connect+ping latency while a client trickled";
}

TEST(Load, ClientThatNeverReadsDoesNotBlockOthers) {
  RunningDaemon d;
  // Pipelines 64 MiB of pings and reads nothing back: the daemon's writes to it
  // stall once the socket buffer is full.
  RawConn hog(d.socket());
  const timeval send_timeout{5, 0};  // so the writer cannot block forever
  ASSERT_EQ(::setsockopt(hog.fd(), SOL_SOCKET, SO_SNDTIMEO, &send_timeout, sizeof send_timeout), 0);
  std::atomic<bool> hog_done{false};
  std::thread writer([&] {
    const Bytes frame = framed(proto::encode_request(proto::Request{proto::Op::ping, 1, 0, "", Bytes(1 << 20, 0x11)}));
    try {
      for (int i = 0; i < 64 && !hog_done; ++i) hog.send(frame);
    } catch (const std::exception&) {
      // The daemon stops reading from it at some point; the send buffer fills
      // and the socket closes below.
    }
  });
  std::this_thread::sleep_for(milliseconds(300));

  Client other(options_for(d.socket()));
  milliseconds worst{0};
  for (int i = 0; i < 50; ++i) {
    const auto t0 = Clock::now();
    const proto::Reply r = other.call(proto::Request{proto::Op::ping, 0, 0, "", text("other")});
    worst = std::max(worst, std::chrono::duration_cast<milliseconds>(Clock::now() - t0));
    EXPECT_EQ(r.body, text("other"));
  }
  EXPECT_LT(worst.count(), 500);
  hog_done = true;
  ::shutdown(hog.fd(), SHUT_RDWR);
  writer.join();
  hog.close();
  // After the hog is gone the daemon is healthy.
  EXPECT_EQ(other.call(proto::Request{proto::Op::ping, 0, 0, "", text("after")}).body, text("after"));
}

}  // namespace
}  // namespace zkgpu::test
