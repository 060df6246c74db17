// A client that disconnects has its running and queued jobs cancelled, as the
// STATS op's counters show, on every backend. The slow job is a batch of
// KoalaBear Poseidon2 permutations (proto/ops-stark.md), which checks for
// cancellation and reports progress between pieces of 2^18 states; it is sized
// so that it still runs when the client leaves (seconds on the CPU, and many
// pieces of host<->device transfers on a GPU). Guest execution (sp1_execute)
// runs beside the device's queue and stops when its client leaves or on SIGTERM.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <csignal>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "daemon_process.hpp"
#include "elf_builder.hpp"
#include "raw_conn.hpp"
#include "zkgpu/client.hpp"
#include "zkgpu/protocol.hpp"

namespace zkgpu::test {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

// poseidon2 body: head [field 1 koalabear, variant 0, reserved 0] | width 16 |
// count | count * 16 zero values.
Bytes poseidon2_body(uint32_t count) {
  Bytes b = unhex("01000000");
  put_u32(b, 16);
  put_u32(b, count);
  b.resize(b.size() + size_t(count) * 16 * 4, 0);
  return b;
}

// States of the job that must still be running when the client leaves: 8 pieces
// on the CPU backend, 64 (512 MiB of transfers each way) on a GPU.
uint32_t slow_job_states() { return test_backend() == "cpu" ? 1u << 21 : 1u << 24; }

json stats(Client& c) {
  const proto::Reply r = c.call(proto::Request{proto::Op::stats, 0, 0, "", {}});
  return json::parse(r.body.begin(), r.body.end());
}

// Polls STATS until `done(stats)` or the deadline; returns the last STATS.
template <class Pred>
json wait_for_stats(Client& c, Pred done, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  json s = stats(c);
  while (!done(s) && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    s = stats(c);
  }
  return s;
}

TEST(Cancel, DisconnectCancelsRunningAndQueuedJobs) {
  RunningDaemon d;
  ClientOptions o;
  o.socket_path = d.socket();
  o.io_timeout = std::chrono::milliseconds(20000);
  Client observer(o);
  ASSERT_EQ(stats(observer)["jobs_cancelled"], 0);

  // The slow job, with a cancellation check between pieces; two small jobs queue
  // behind it on the same device.
  RawConn c(d.socket());
  c.send_frame(proto::encode_request(proto::Request{proto::Op::poseidon2, 1, proto::kFlagProgress, "",
                                                     poseidon2_body(slow_job_states())}));
  c.send_frame(proto::encode_request(proto::Request{proto::Op::poseidon2, 2, 0, "", poseidon2_body(1)}));
  c.send_frame(proto::encode_request(proto::Request{proto::Op::poseidon2, 3, 0, "", poseidon2_body(1)}));

  // The first progress frame proves job 1 is running.
  auto first = c.read_frame(std::chrono::seconds(30));
  ASSERT_TRUE(first.has_value());
  const proto::Reply r = proto::decode_reply(*first);
  ASSERT_EQ(r.request_id, 1u);
  ASSERT_EQ(r.kind, proto::ReplyKind::progress) << "expected a progress frame on " << test_backend();
  const json before = stats(observer);
  EXPECT_EQ(before["jobs_running"], 1);
  EXPECT_EQ(before["jobs_queued"], 2);

  // The running job stops at its next piece boundary: how long that takes
  // depends on how busy the machine is, so no time is expected here (the SIGTERM
  // test below shows the job stopping early through its progress frames).
  c.close();
  const json after = wait_for_stats(
      observer, [](const json& s) { return s["jobs_running"] == 0 && s["jobs_queued"] == 0; },
      std::chrono::seconds(45));

  EXPECT_EQ(after["jobs_running"], 0);
  EXPECT_EQ(after["jobs_queued"], 0);
  // All three ended as cancelled; none ran to the end.
  EXPECT_EQ(after["jobs_cancelled"], 3) << after.dump();
  EXPECT_EQ(after["jobs_done"], 0) << after.dump();
  EXPECT_EQ(after["devices"][0]["jobs_cancelled"], 3) << after.dump();

  // The device is free for the next client.
  const proto::Reply next = observer.call(proto::Request{proto::Op::poseidon2, 0, 0, "", poseidon2_body(2)});
  EXPECT_EQ(next.kind, proto::ReplyKind::result);
  EXPECT_EQ(stats(observer)["jobs_done"], 1);
}

TEST(Cancel, SigtermWhileAJobRunsAnswersItsClientAndExitsZero) {
  // With no grace period the running job is cancelled at once; the queued one
  // never runs. Both requests still get their final reply before the daemon exits.
  RunningDaemon d({"--shutdown-grace", "0"});
  RawConn c(d.socket());
  c.send_frame(proto::encode_request(proto::Request{proto::Op::poseidon2, 1, proto::kFlagProgress, "",
                                                     poseidon2_body(slow_job_states())}));
  c.send_frame(proto::encode_request(proto::Request{proto::Op::poseidon2, 2, 0, "", poseidon2_body(1)}));
  auto first = c.read_frame(std::chrono::seconds(30));
  ASSERT_TRUE(first.has_value());
  const proto::Reply first_reply = proto::decode_reply(*first);
  ASSERT_EQ(first_reply.kind, proto::ReplyKind::progress) << "expected a progress frame on " << test_backend();
  proto::Progress last = proto::decode_progress(first_reply.body);
  ASSERT_EQ(::kill(d.process().pid(), SIGTERM), 0);

  // Progress frames may still come; then one final reply per request, in order.
  // A piece of the job may take seconds on a busy machine: the waits are long.
  std::vector<proto::Reply> finals;
  while (finals.size() < 2) {
    auto payload = c.read_frame(std::chrono::seconds(30));
    ASSERT_TRUE(payload.has_value()) << "closed before both final replies; log:\n" << d.process().log();
    proto::Reply r = proto::decode_reply(*payload);
    if (r.kind == proto::ReplyKind::progress)
      last = proto::decode_progress(r.body);
    else
      finals.push_back(std::move(r));
  }
  EXPECT_EQ(finals[0].request_id, 1u);
  ASSERT_EQ(finals[0].kind, proto::ReplyKind::error);
  EXPECT_EQ(proto::decode_error(finals[0].body).code, ErrorCode::cancelled);
  // It stopped between pieces: the last progress frame is short of the end.
  EXPECT_LT(last.done, last.total) << "the job ran to its end (" << last.done << " of " << last.total
                                   << ") after SIGTERM";
  EXPECT_EQ(finals[1].request_id, 2u);
  ASSERT_EQ(finals[1].kind, proto::ReplyKind::error);
  EXPECT_EQ(proto::decode_error(finals[1].body).code, ErrorCode::shutting_down);
  EXPECT_TRUE(c.closed_by_peer());
  EXPECT_EQ(d.process().wait_exit(), 0) << d.process().log();
  EXPECT_FALSE(std::filesystem::exists(d.socket()));
}

// sp1_execute (proto/ops-sp1.md) of a guest that jumps to itself forever: only
// cancellation ends it. Body: max_cycles 0, the ELF, an empty SP1Stdin.
Bytes spin_forever_execute_body() {
  const Bytes elf = zkvm::test::spinning_elf();
  Bytes b;
  put_u64(b, 0);
  put_u64(b, elf.size());
  b.insert(b.end(), elf.begin(), elf.end());
  b.resize(b.size() + 24, 0);  // SP1Stdin: no buffers, ptr 0, no proofs
  return b;
}

TEST(Cancel, ExecuteRunsOffTheDeviceQueueAndStopsWhenItsClientLeaves) {
  RunningDaemon d;
  ClientOptions o;
  o.socket_path = d.socket();
  o.io_timeout = std::chrono::milliseconds(20000);
  Client observer(o);

  // Guest execution needs no device: a device job sent after it on the same
  // connection (so submitted after it) runs to its end while the guest spins.
  RawConn c(d.socket());
  c.send_frame(proto::encode_request(proto::Request{proto::Op::sp1_execute, 1, 0, "", spin_forever_execute_body()}));
  c.send_frame(proto::encode_request(proto::Request{proto::Op::poseidon2, 2, 0, "", poseidon2_body(1)}));
  const json ran = wait_for_stats(observer, [](const json& s) { return s["jobs_done"] == 1; }, std::chrono::seconds(30));
  EXPECT_EQ(ran["jobs_done"], 1) << ran.dump();
  EXPECT_EQ(ran["jobs_running"], 0) << ran.dump();
  EXPECT_EQ(ran["jobs_cancelled"], 0) << ran.dump();

  const auto left = Clock::now();
  c.close();
  const json after =
      wait_for_stats(observer, [](const json& s) { return s["jobs_cancelled"] == 1; }, std::chrono::seconds(10));
  EXPECT_EQ(after["jobs_cancelled"], 1) << after.dump();
  EXPECT_LT(Clock::now() - left, std::chrono::seconds(5));
  EXPECT_NE(d.process().wait_for_log("sp1_execute: job cancelled after").find("sp1_execute: job cancelled after"),
            std::string::npos)
      << d.process().log();
}

TEST(Cancel, SigtermAnswersARunningExecute) {
  RunningDaemon d({"--shutdown-grace", "0"});
  RawConn c(d.socket());
  c.send_frame(proto::encode_request(proto::Request{proto::Op::sp1_execute, 7, 0, "", spin_forever_execute_body()}));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the guest is running by then
  ASSERT_EQ(::kill(d.process().pid(), SIGTERM), 0);
  auto payload = c.read_frame(std::chrono::seconds(10));
  ASSERT_TRUE(payload.has_value()) << d.process().log();
  const proto::Reply r = proto::decode_reply(*payload);
  EXPECT_EQ(r.request_id, 7u);
  ASSERT_EQ(r.kind, proto::ReplyKind::error);
  const proto::ErrorBody e = proto::decode_error(r.body);
  EXPECT_EQ(e.code, ErrorCode::shutting_down);
  EXPECT_NE(e.message.find("the daemon is shutting down; sp1_execute: job cancelled after "), std::string::npos)
      << e.message;
  EXPECT_EQ(d.process().wait_exit(), 0) << d.process().log();
}

}  // namespace
}  // namespace zkgpu::test
