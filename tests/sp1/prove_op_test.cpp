// The sp1_prove_recursion op as the daemon runs it: through a device worker with
// the CPU backend (trace generation on the CPU pool, then the device stage). The
// proof verifies and equals the one proved in-process byte for byte; the second
// request for a program finds its key resident; progress frames come in order;
// bad requests are refused clearly and the worker keeps serving; cancellation
// ends the job; a job whose traces cannot fit is refused after its host stage.
// Compress proofs take tens of seconds on the CPU whatever the program (SP1's
// stacking height of 2^20 fixes each round's size), so the tests share them.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <future>
#include <mutex>
#include <sstream>
#include <thread>

#include "backends/backend.hpp"
#include "pipelines/device_resources.hpp"
#include "pipelines/pipeline.hpp"
#include "pipelines/sp1_prove_wire.hpp"
#include "scheduler/device_worker.hpp"
#include "scheduler/job.hpp"
#include "sp1/prover/recursion_shard.hpp"
#include "sp1/recursion/random_program.hpp"
#include "sp1/verifier/shard_verifier.hpp"
#include "sp1/wire/decode.hpp"
#include "sp1/wire/encode.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu::test {
namespace {

using namespace std::chrono_literals;
namespace pw = sp1_prove_wire;
namespace prover = sp1::prover;
using sp1::wire::InnerConfig;

DeviceInfo cpu_device() {
  DeviceInfo d;
  d.id = "cpu";
  return d;
}

std::vector<uint8_t> unhex(std::string_view s) {
  std::vector<uint8_t> out;
  int hi = -1;
  for (char c : s) {
    if (c == ' ' || c == '\n') continue;
    const int v = c <= '9' ? c - '0' : c - 'a' + 10;
    if (hi < 0) {
      hi = v;
    } else {
      out.push_back(uint8_t(hi << 4 | v));
      hi = -1;
    }
  }
  return out;
}

std::vector<uint8_t> random_request(uint64_t seed, uint32_t log_rows, bool no_self_verify = false) {
  pw::ProveRequest r;
  r.program_kind = pw::ProgramKind::random;
  r.seed = seed;
  r.log_rows = log_rows;
  r.no_self_verify = no_self_verify;
  return pw::encode_request(r);
}

std::vector<uint8_t> text_request(const std::string& text, pw::Machine machine = pw::Machine::compress) {
  pw::ProveRequest r;
  r.machine = machine;
  r.program_kind = pw::ProgramKind::text;
  r.program_text = {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
  return pw::encode_request(r);
}

// One request through the worker, as a connection submits it.
struct Submitted {
  std::stop_source client;
  std::mutex mutex;
  std::vector<proto::Progress> progress;
  std::function<void(const proto::Progress&)> on_progress;  // called after recording (may cancel)
  std::promise<JobOutcome> outcome;
  std::future<JobOutcome> future = outcome.get_future();

  JobOutcome wait() {
    EXPECT_EQ(future.wait_for(600s), std::future_status::ready);
    return future.get();
  }
  std::vector<proto::Progress> frames() {
    std::lock_guard lk(mutex);
    return progress;
  }
};

void submit(DeviceWorker& worker, proto::Op op, std::vector<uint8_t> body, Submitted& s) {
  Job job = job_for_handler(proto::op_name(op), *find_handler(op), std::move(body));
  job.client_gone = s.client.get_token();
  job.progress = [&s](const proto::Progress& p) {
    {
      std::lock_guard lk(s.mutex);
      s.progress.push_back(p);
    }
    if (s.on_progress) s.on_progress(p);
  };
  job.done = [&s](JobOutcome o) { s.outcome.set_value(std::move(o)); };
  worker.submit(std::move(job));
}

JobOutcome run(DeviceWorker& worker, std::vector<uint8_t> body) {
  Submitted s;
  submit(worker, proto::Op::sp1_prove_recursion, std::move(body), s);
  return s.wait();
}

// The vk and proof bytes `zkgpu sp1 prove-recursion --random SEED --log-rows N` writes.
std::pair<std::vector<uint8_t>, std::vector<uint8_t>> local_proof(uint64_t seed, uint32_t log_rows) {
  const auto kind = sp1::air::MachineKind::Compress;
  const prover::RecursionShard shard =
      prover::recursion_shard(sp1::recursion::random_program(seed, size_t(1) << log_rows, kind), kind);
  const auto backend = make_cpu_backend(2);
  const prover::PcsProverContext pcs{backend->stark(), 2};
  const auto params = sp1::verifier::stage_params<InnerConfig>();
  const auto chips = shard.chips();
  const auto pk = prover::setup_shard<InnerConfig>(pcs, params, chips, prover::recursion_program_constants());
  const auto proof = prover::prove_shard<InnerConfig>(pcs, params, pk, chips, shard.public_values);
  return {sp1::wire::encode_vk(pk.vk), sp1::wire::encode_shard_proof(proof)};
}

std::vector<std::string> stage_names(const std::vector<proto::Progress>& frames) {
  std::vector<std::string> out;
  for (const auto& f : frames) out.push_back(f.stage);
  return out;
}

// --- the wire: proto/ops-sp1.md's examples, byte for byte ---

TEST(Sp1ProveWire, RequestExamples) {
  EXPECT_EQ(random_request(7, 4), unhex("00020000 0700000000000000 04000000"));
  pw::ProveRequest r;
  const std::string text = "mem.write 0 1\n";
  r.machine = pw::Machine::wrap;
  r.program_kind = pw::ProgramKind::text;
  r.no_self_verify = true;
  r.program_text = {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
  const auto body = pw::encode_request(r);
  EXPECT_EQ(body, unhex("01010100 0e00000000000000 6d656d2e7772697465203020310a"));
  const pw::ProveRequest back = pw::decode_request(body);
  EXPECT_EQ(back.machine, pw::Machine::wrap);
  EXPECT_TRUE(back.no_self_verify);
  EXPECT_EQ(std::string(back.program_text.begin(), back.program_text.end()), text);
}

TEST(Sp1ProveWire, ResultExample) {
  pw::ProveResult r;
  r.key_source = pw::KeySource::resident;
  r.self_verified = true;
  for (uint8_t i = 0; i < 32; ++i) r.program_digest[i] = i;
  r.vk = {0xaa, 0xbb};
  r.proof = {0xcc, 0xdd, 0xee};
  r.chips = {{"MemoryConst", 8}};
  r.stages = {{"verify", 1000}};
  const auto body = pw::encode_result(r);
  EXPECT_EQ(body, unhex("00010100 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
                        "0200000000000000 aabb 0300000000000000 ccddee"
                        "01000000 0b0000004d656d6f7279436f6e7374 0800000000000000"
                        "01000000 06000000766572696679 e803000000000000"));
  const pw::ProveResult back = pw::decode_result(body);
  EXPECT_EQ(back.key_source, pw::KeySource::resident);
  EXPECT_EQ(back.proof, r.proof);
  ASSERT_EQ(back.chips.size(), 1u);
  EXPECT_EQ(back.chips[0].name, "MemoryConst");
  EXPECT_EQ(back.stages.at(0).nanoseconds, 1000u);
  EXPECT_THROW(pw::decode_result(std::span(body).first(body.size() - 1)), Error);
}

ErrorCode decode_error(const std::vector<uint8_t>& body) {
  try {
    pw::decode_request(body);
  } catch (const Error& e) {
    return e.code();
  }
  return ErrorCode::ok;
}

TEST(Sp1ProveWire, MalformedRequestsAreRefused) {
  EXPECT_EQ(decode_error({}), ErrorCode::bad_request);
  EXPECT_EQ(decode_error(unhex("02020000 0700000000000000 04000000")), ErrorCode::bad_request);  // machine 2
  EXPECT_EQ(decode_error(unhex("00030000 0700000000000000 04000000")), ErrorCode::bad_request);  // kind 3
  EXPECT_EQ(decode_error(unhex("00020200 0700000000000000 04000000")), ErrorCode::bad_request);  // option bit 1
  EXPECT_EQ(decode_error(unhex("00020001 0700000000000000 04000000")), ErrorCode::bad_request);  // reserved
  EXPECT_EQ(decode_error(unhex("00020000 0700000000000000 0400000000")), ErrorCode::bad_request);  // trailing
  EXPECT_EQ(decode_error(unhex("00010000 0500000000000000 61")), ErrorCode::bad_request);  // short text
  EXPECT_EQ(decode_error(unhex("00020000 0700000000000000 15000000")), ErrorCode::invalid_argument);  // 21
  EXPECT_EQ(decode_error(unhex("00020000 0700000000000000 00000000")), ErrorCode::invalid_argument);  // 0
}

// --- the op through a device worker ---

class Sp1ProveOp : public ::testing::Test {
 protected:
  PipelineConfig config_;
};

// The first request sets the key up, the second finds it resident: both proofs
// equal the in-process proof byte for byte and verify; progress frames name the
// stages in order. The second request also asks for no self-verification.
TEST_F(Sp1ProveOp, ProvesVerifiesMatchesLocalAndReusesItsKey) {
  DeviceWorker worker(cpu_device(), [] { return make_cpu_backend(2); }, config_);
  Submitted first;
  submit(worker, proto::Op::sp1_prove_recursion, random_request(3, 4), first);
  const JobOutcome o1 = first.wait();
  ASSERT_TRUE(o1.ok) << o1.error.message;
  const pw::ProveResult r1 = pw::decode_result(o1.body);
  EXPECT_EQ(r1.key_source, pw::KeySource::setup);
  EXPECT_TRUE(r1.self_verified);
  const std::vector<std::string> all = {"trace_generation", "setup",       "commit", "logup_gkr",
                                        "zerocheck",        "pcs_opening", "verify"};
  const auto frames = first.frames();
  EXPECT_EQ(stage_names(frames), all);
  for (size_t i = 0; i < frames.size(); ++i) {
    EXPECT_EQ(frames[i].done, i);
    EXPECT_EQ(frames[i].total, 7u);
  }
  std::vector<std::string> timed;
  for (const auto& s : r1.stages) timed.push_back(s.stage);
  EXPECT_EQ(timed, all);
  ASSERT_FALSE(r1.chips.empty());
  EXPECT_TRUE(std::is_sorted(r1.chips.begin(), r1.chips.end(),
                             [](const auto& a, const auto& b) { return a.name < b.name; }));

  const auto vk = sp1::wire::decode_vk<InnerConfig>(r1.vk);
  const auto proof = sp1::wire::decode_shard_proof<InnerConfig>(r1.proof);
  const auto report = sp1::verifier::verify_shard(vk, proof, sp1::air::MachineKind::Compress);
  ASSERT_EQ(report.chips.size(), r1.chips.size());
  for (size_t i = 0; i < report.chips.size(); ++i) EXPECT_EQ(report.chips[i].rows, r1.chips[i].rows);

  const auto [local_vk, local_proof_bytes] = local_proof(3, 4);
  EXPECT_EQ(r1.vk, local_vk);
  EXPECT_EQ(r1.proof, local_proof_bytes);

  Submitted second;
  submit(worker, proto::Op::sp1_prove_recursion, random_request(3, 4, /*no_self_verify=*/true), second);
  const JobOutcome o2 = second.wait();
  ASSERT_TRUE(o2.ok) << o2.error.message;
  const pw::ProveResult r2 = pw::decode_result(o2.body);
  EXPECT_EQ(r2.key_source, pw::KeySource::resident);
  EXPECT_FALSE(r2.self_verified);
  EXPECT_EQ(r2.program_digest, r1.program_digest);
  EXPECT_EQ(r2.vk, r1.vk);
  EXPECT_EQ(r2.proof, r1.proof);
  EXPECT_EQ(stage_names(second.frames()), std::vector<std::string>(all.begin(), all.end() - 1));
  EXPECT_EQ(second.frames().front().total, 6u);

  const Sp1KeyStats keys = worker.resources().sp1_keys.stats();
  EXPECT_EQ(keys.setups, 1u);
  EXPECT_EQ(keys.hits, 1u);
  EXPECT_EQ(keys.entries, 1u);
  EXPECT_GT(keys.bytes, 0u);
  EXPECT_GE(worker.resources().reclaimable_bytes(), keys.bytes);
}

// Each bad request is answered with its error before any proving; the worker then
// still runs device jobs.
TEST_F(Sp1ProveOp, BadRequestsGetClearErrorsAndTheWorkerKeepsServing) {
  DeviceWorker worker(cpu_device(), [] { return make_cpu_backend(1); }, config_);
  struct Case {
    std::vector<uint8_t> body;
    ErrorCode code;
    std::string message;
  };
  const std::vector<Case> cases = {
      {text_request("mem.write 0 1\nbogus 1 2\n"), ErrorCode::invalid_argument,
       "sp1_prove_recursion: invalid program: line 2"},
      {text_request("base.add 5 1 2\n"), ErrorCode::invalid_argument, "sp1_prove_recursion: invalid program: "},
      {unhex("02020000 0700000000000000 04000000"), ErrorCode::bad_request,
       "sp1_prove_recursion: machine 2 is neither 0 (compress) nor 1 (wrap)"},
      {unhex("00020000 0700000000000000 15000000"), ErrorCode::invalid_argument,
       "sp1_prove_recursion: log_rows 21 is outside 1..20"},
      {unhex("00010000 ffffffffffffffff"), ErrorCode::bad_request, "sp1_prove_recursion: program_len is "},
  };
  for (const Case& c : cases) {
    const JobOutcome o = run(worker, c.body);
    EXPECT_FALSE(o.ok);
    EXPECT_EQ(o.error.code, c.code) << o.error.message;
    EXPECT_EQ(o.error.message.rfind(c.message, 0), 0u) << o.error.message;
  }
  EXPECT_EQ(worker.stats().jobs_failed, cases.size());

  // proto/ops-stark.md: one KoalaBear Poseidon2 permutation of width 16.
  std::vector<uint8_t> p2 = {1, 0, 0, 0, 16, 0, 0, 0, 1, 0, 0, 0};
  p2.resize(p2.size() + 16 * 4, 0);
  Submitted s;
  submit(worker, proto::Op::poseidon2, p2, s);
  const JobOutcome o = s.wait();
  EXPECT_TRUE(o.ok) << o.error.message;
}

// A client that leaves during trace generation or between two proof phases gets
// its job cancelled, naming where. The daemon's --no-self-verify leaves 6 stages.
TEST_F(Sp1ProveOp, CancellationStopsTheJobBetweenStages) {
  config_.self_verify = false;
  DeviceWorker worker(cpu_device(), [] { return make_cpu_backend(2); }, config_);
  for (const std::string at : {"trace_generation", "commit"}) {
    Submitted s;
    s.on_progress = [&s, at](const proto::Progress& p) {
      if (p.stage == at) s.client.request_stop();
    };
    submit(worker, proto::Op::sp1_prove_recursion, random_request(5, 4), s);
    const JobOutcome o = s.wait();
    EXPECT_FALSE(o.ok);
    EXPECT_EQ(o.error.code, ErrorCode::cancelled) << at << ": " << o.error.message;
    const auto frames = s.frames();
    ASSERT_FALSE(frames.empty());
    EXPECT_EQ(frames.back().stage, at);
    EXPECT_EQ(frames.front().total, 6u);
  }
  EXPECT_EQ(worker.stats().jobs_cancelled, 2u);
  EXPECT_EQ(worker.resources().sp1_keys.stats().setups, 1u);  // the second job set its key up first
}

// A CPU backend that says its device holds 32 MiB.
class SmallBackend final : public Backend {
 public:
  SmallBackend() : inner_(make_cpu_backend(1)) {}
  BackendKind kind() const noexcept override { return BackendKind::cpu; }
  std::string describe() const override { return "cpu with 32 MiB"; }
  MemoryInfo memory() const override { return {32ull << 20, 32ull << 20}; }
  StarkOps& stark() override { return inner_->stark(); }
  Bn254Ops& bn254() override { return inner_->bn254(); }

 private:
  std::unique_ptr<Backend> inner_;
};

// The request alone says nothing of the memory; the traces do: a compress shard
// commits at least 2^20 values per round (SP1's stacking height): with their
// codewords and trees, about 50 MiB for the two rounds.
TEST_F(Sp1ProveOp, JobIsAdmittedByItsTracesEstimate) {
  DeviceWorker worker(cpu_device(), [] { return std::make_unique<SmallBackend>(); }, config_);
  Submitted s;
  submit(worker, proto::Op::sp1_prove_recursion, random_request(1, 3), s);
  const JobOutcome o = s.wait();
  EXPECT_FALSE(o.ok);
  EXPECT_EQ(o.error.code, ErrorCode::out_of_memory) << o.error.message;
  EXPECT_NE(o.error.message.find("cannot run there even alone"), std::string::npos) << o.error.message;
  EXPECT_EQ(stage_names(s.frames()), std::vector<std::string>{"trace_generation"});
}

}  // namespace
}  // namespace zkgpu::test
