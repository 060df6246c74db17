// The groth16_prove pipeline in-process with the CPU backend and the circuits
// that scripts/build-test-circuits.sh builds: key residency (by path, by file
// identity, by SHA-256, LRU eviction, per device worker, dropped after a device
// error), progress frames, witness/key mismatch, cancellation, and a faulty
// backend whose proof must never leave the job.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>

#include "device/enumerate.hpp"
#include "groth16/snarkjs_json.hpp"
#include "groth16/verifier.hpp"
#include "groth16/zkey.hpp"
#include "pipelines/device_resources.hpp"
#include "pipelines/groth16_prove.hpp"
#include "pipelines/groth16_wire.hpp"
#include "scheduler/device_worker.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu {
namespace {

namespace fs = std::filesystem;
namespace wire = groth16_wire;

// The environment variable ZKGPU_TEST_CIRCUITS overrides the build-time path.
const fs::path kCircuits = std::getenv("ZKGPU_TEST_CIRCUITS") ? std::getenv("ZKGPU_TEST_CIRCUITS") : ZKGPU_TEST_CIRCUITS;

std::vector<uint8_t> file_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

ErrorCode error_code_of(const std::function<void()>& f, std::string* message = nullptr) {
  try {
    f();
  } catch (const Error& e) {
    if (message) *message = e.what();
    return e.code();
  }
  return ErrorCode::ok;
}

// A backend whose resident G1 MSMs are off by the generator: a silent fault.
class FaultyBn254 final : public Bn254Ops {
 public:
  explicit FaultyBn254(Bn254Ops& inner) : in_(inner) {}
  bn254::G1Jacobian msm_g1(std::span<const bn254::G1Affine> b, std::span<const bn254::FrRaw> s) override {
    return in_.msm_g1(b, s);
  }
  bn254::G2Jacobian msm_g2(std::span<const bn254::G2Affine> b, std::span<const bn254::FrRaw> s) override {
    return in_.msm_g2(b, s);
  }
  std::unique_ptr<ResidentBases> upload_g1(std::span<const bn254::G1Affine> b) override { return in_.upload_g1(b); }
  std::unique_ptr<ResidentBases> upload_g2(std::span<const bn254::G2Affine> b) override { return in_.upload_g2(b); }
  bn254::G1Jacobian msm_g1(const ResidentBases& b, std::span<const bn254::FrRaw> s) override {
    return in_.msm_g1(b, s).add_mixed(bn254::g1_generator());
  }
  bn254::G2Jacobian msm_g2(const ResidentBases& b, std::span<const bn254::FrRaw> s) override {
    return in_.msm_g2(b, s);
  }
  void ntt_fr(std::span<bn254::Fr> v, bool inverse, bool coset) override { in_.ntt_fr(v, inverse, coset); }
  void fr_arith(ArithOp op, std::span<const bn254::FrRaw> a, std::span<const bn254::FrRaw> b,
                std::span<bn254::FrRaw> out) override {
    in_.fr_arith(op, a, b, out);
  }
  void poseidon2_x3(std::span<bn254::Fr> states) override { in_.poseidon2_x3(states); }

 private:
  Bn254Ops& in_;
};

class FaultyBackend final : public Backend {
 public:
  FaultyBackend() : inner_(make_cpu_backend(2)), bn254_(inner_->bn254()) {}
  BackendKind kind() const noexcept override { return BackendKind::cpu; }
  std::string describe() const override { return "faulty cpu"; }
  MemoryInfo memory() const override { return inner_->memory(); }
  StarkOps& stark() override { return inner_->stark(); }
  Bn254Ops& bn254() override { return bn254_; }

 private:
  std::unique_ptr<Backend> inner_;
  FaultyBn254 bn254_;
};

class Groth16Pipeline : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(kCircuits / "multiplier/circuit.zkey") || !fs::exists(kCircuits / "public_inputs/circuit.zkey"))
      GTEST_SKIP() << "test circuits missing: run scripts/build-test-circuits.sh";
    dir_ = fs::temp_directory_path() / ("groth16_pipeline_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  static fs::path circuit(const std::string& name, const std::string& file) { return kCircuits / name / file; }

  // One proof through the handler; returns the decoded result.
  wire::ProveResult prove(Backend& backend, DeviceResources& res, const PipelineConfig& config, wire::ProveRequest req,
                          std::vector<proto::Progress>* progress = nullptr, std::stop_token stop = {}) {
    JobContext ctx{backend, "cpu", config,
                   [&](const proto::Progress& p) {
                     if (progress) progress->push_back(p);
                   },
                   stop, &res};
    return wire::decode_result(run_groth16_prove(ctx, wire::encode_request(req)));
  }

  // The request views `witness`, which must outlive it.
  static wire::ProveRequest by_path(const fs::path& zkey, const std::vector<uint8_t>& witness) {
    wire::ProveRequest r;
    r.key_path = zkey.string();
    r.witness = witness;
    return r;
  }

  std::unique_ptr<Backend> backend_ = make_cpu_backend(2);
  PipelineConfig config_{};
  fs::path dir_;
};

TEST_F(Groth16Pipeline, ProvesVerifiesAndReportsEveryStage) {
  DeviceResources res(config_);
  const auto witness = file_bytes(circuit("public_inputs", "witness.wtns"));
  std::vector<proto::Progress> progress;
  const auto r = prove(*backend_, res, config_, by_path(circuit("public_inputs", "circuit.zkey"), witness), &progress);

  std::ifstream vk_file(circuit("public_inputs", "verification_key.json"));
  const std::string vk_text{std::istreambuf_iterator<char>(vk_file), std::istreambuf_iterator<char>()};
  EXPECT_TRUE(groth16::verify(groth16::parse_verification_key(vk_text), groth16::parse_public(r.public_json),
                              groth16::parse_proof(r.proof_json)));
  EXPECT_TRUE(r.self_verified);
  EXPECT_EQ(r.key_source, wire::KeySource::loaded);

  const std::vector<std::string> stages(std::begin(kGroth16Stages), std::end(kGroth16Stages));
  ASSERT_EQ(progress.size(), stages.size());
  for (size_t i = 0; i < stages.size(); ++i) {
    EXPECT_EQ(progress[i].stage, stages[i]);
    EXPECT_EQ(progress[i].done, i);
    EXPECT_EQ(progress[i].total, stages.size());
  }
  ASSERT_EQ(r.stages.size(), stages.size());
  for (size_t i = 0; i < stages.size(); ++i) EXPECT_EQ(r.stages[i].stage, stages[i]);
}

TEST_F(Groth16Pipeline, KeyResidencyByPathFileIdentityAndSha256) {
  DeviceResources res(config_);
  const fs::path key = dir_ / "key.zkey";
  fs::copy_file(circuit("multiplier", "circuit.zkey"), key);
  const auto witness = file_bytes(circuit("multiplier", "witness.wtns"));

  const auto first = prove(*backend_, res, config_, by_path(key, witness));
  EXPECT_EQ(first.key_source, wire::KeySource::loaded);
  EXPECT_EQ(first.key_sha256, groth16::parse_zkey(file_bytes(key)).sha256);
  EXPECT_EQ(prove(*backend_, res, config_, by_path(key, witness)).key_source, wire::KeySource::resident);

  // By SHA-256, with the file gone.
  fs::remove(key);
  wire::ProveRequest by_sha;
  by_sha.key_kind = wire::KeyKind::sha256;
  by_sha.key_sha256 = first.key_sha256;
  by_sha.witness = witness;
  EXPECT_EQ(prove(*backend_, res, config_, by_sha).key_source, wire::KeySource::resident);

  // Same bytes, new file: read again, not uploaded again.
  fs::copy_file(circuit("multiplier", "circuit.zkey"), key);
  EXPECT_EQ(prove(*backend_, res, config_, by_path(key, witness)).key_source, wire::KeySource::reread);
  // A new modification time alone also means the file may have changed.
  struct timespec times[2] = {{0, UTIME_OMIT}, {12345, 0}};
  ASSERT_EQ(::utimensat(AT_FDCWD, key.c_str(), times, 0), 0);
  EXPECT_EQ(prove(*backend_, res, config_, by_path(key, witness)).key_source, wire::KeySource::reread);
  EXPECT_EQ(prove(*backend_, res, config_, by_path(key, witness)).key_source, wire::KeySource::resident);

  // Another circuit's key over the same path is loaded.
  fs::copy_file(circuit("public_inputs", "circuit.zkey"), key, fs::copy_options::overwrite_existing);
  const auto other = prove(*backend_, res, config_, by_path(key, file_bytes(circuit("public_inputs", "witness.wtns"))));
  EXPECT_EQ(other.key_source, wire::KeySource::loaded);
  EXPECT_NE(other.key_sha256, first.key_sha256);

  const auto s = res.groth16_keys.stats();
  EXPECT_EQ(s.loads, 2u);
  EXPECT_EQ(s.rereads, 2u);
  EXPECT_EQ(s.hits, 3u);
  EXPECT_EQ(s.entries, 2u);
  EXPECT_EQ(s.evictions, 0u);
  EXPECT_GT(s.bytes, 0u);

  res.clear();
  EXPECT_EQ(res.groth16_keys.stats().entries, 0u);
  EXPECT_EQ(error_code_of([&] { prove(*backend_, res, config_, by_sha); }), ErrorCode::not_found);
}

TEST_F(Groth16Pipeline, LeastRecentlyUsedKeyIsEvicted) {
  const auto mw = file_bytes(circuit("multiplier", "witness.wtns"));
  const auto pw = file_bytes(circuit("public_inputs", "witness.wtns"));
  // Measure both keys, then allow a little more than the larger one.
  uint64_t multiplier_bytes = 0, public_bytes = 0;
  {
    DeviceResources probe(config_);
    prove(*backend_, probe, config_, by_path(circuit("multiplier", "circuit.zkey"), mw));
    multiplier_bytes = probe.groth16_keys.stats().bytes;
    prove(*backend_, probe, config_, by_path(circuit("public_inputs", "circuit.zkey"), pw));
    public_bytes = probe.groth16_keys.stats().bytes - multiplier_bytes;
  }
  PipelineConfig small = config_;
  small.key_cache_bytes = std::max(multiplier_bytes, public_bytes) + 1;
  ASSERT_LT(small.key_cache_bytes, multiplier_bytes + public_bytes);
  DeviceResources res(small);
  const auto m = prove(*backend_, res, small, by_path(circuit("multiplier", "circuit.zkey"), mw));
  const auto p = prove(*backend_, res, small, by_path(circuit("public_inputs", "circuit.zkey"), pw));
  EXPECT_EQ(p.key_source, wire::KeySource::loaded);
  const auto s = res.groth16_keys.stats();
  EXPECT_EQ(s.entries, 1u);
  EXPECT_EQ(s.evictions, 1u);
  EXPECT_LE(s.bytes, small.key_cache_bytes);
  wire::ProveRequest by_sha;
  by_sha.key_kind = wire::KeyKind::sha256;
  by_sha.key_sha256 = m.key_sha256;
  by_sha.witness = mw;
  EXPECT_EQ(error_code_of([&] { prove(*backend_, res, small, by_sha); }), ErrorCode::not_found);
  EXPECT_EQ(prove(*backend_, res, small, by_path(circuit("multiplier", "circuit.zkey"), mw)).key_source,
            wire::KeySource::loaded);
}

TEST_F(Groth16Pipeline, ClearErrors) {
  DeviceResources res(config_);
  const auto mw = file_bytes(circuit("multiplier", "witness.wtns"));
  std::string msg;
  EXPECT_EQ(error_code_of([&] { prove(*backend_, res, config_, by_path(dir_ / "missing.zkey", mw)); }, &msg),
            ErrorCode::not_found);
  EXPECT_NE(msg.find("does not exist"), std::string::npos) << msg;
  EXPECT_EQ(error_code_of([&] { prove(*backend_, res, config_, by_path("relative/key.zkey", mw)); }, &msg),
            ErrorCode::invalid_argument);
  EXPECT_NE(msg.find("not absolute"), std::string::npos) << msg;
  EXPECT_EQ(error_code_of([&] { prove(*backend_, res, config_, by_path(dir_, mw)); }, &msg),
            ErrorCode::invalid_argument);
  EXPECT_NE(msg.find("not a regular file"), std::string::npos) << msg;
  // The public_inputs witness with the multiplier key.
  const auto pw = file_bytes(circuit("public_inputs", "witness.wtns"));
  EXPECT_EQ(error_code_of([&] { prove(*backend_, res, config_, by_path(circuit("multiplier", "circuit.zkey"), pw)); },
                          &msg),
            ErrorCode::invalid_argument);
  EXPECT_NE(msg.find("not computed for this circuit"), std::string::npos) << msg;
  // Truncated key.
  const fs::path cut = dir_ / "cut.zkey";
  {
    const auto k = file_bytes(circuit("multiplier", "circuit.zkey"));
    std::ofstream(cut, std::ios::binary).write(reinterpret_cast<const char*>(k.data()), 700);
  }
  EXPECT_EQ(error_code_of([&] { prove(*backend_, res, config_, by_path(cut, mw)); }), ErrorCode::bad_request);
  // Truncated witness.
  const std::vector<uint8_t> short_witness(mw.begin(), mw.begin() + 50);
  EXPECT_EQ(error_code_of([&] { prove(*backend_, res, config_, by_path(circuit("multiplier", "circuit.zkey"), short_witness)); }),
            ErrorCode::bad_request);
  // Nothing bad stayed behind: the good key still proves.
  EXPECT_TRUE(prove(*backend_, res, config_, by_path(circuit("multiplier", "circuit.zkey"), mw)).self_verified);
}

TEST_F(Groth16Pipeline, CancelledJobStops) {
  DeviceResources res(config_);
  std::stop_source stop;
  stop.request_stop();
  const auto witness = file_bytes(circuit("multiplier", "witness.wtns"));
  EXPECT_EQ(error_code_of([&] {
              prove(*backend_, res, config_, by_path(circuit("multiplier", "circuit.zkey"), witness), nullptr,
                    stop.get_token());
            }),
            ErrorCode::cancelled);
}

TEST_F(Groth16Pipeline, FaultyBackendNeverReturnsAProof) {
  FaultyBackend faulty;
  DeviceResources res(config_);
  const auto witness = file_bytes(circuit("multiplier", "witness.wtns"));
  const auto req = by_path(circuit("multiplier", "circuit.zkey"), witness);
  std::string msg;
  EXPECT_EQ(error_code_of([&] { prove(faulty, res, config_, req); }, &msg), ErrorCode::verify_failed);
  EXPECT_NE(msg.find("self-verification failed"), std::string::npos) << msg;
  // Without self-verification the same fault gives an invalid proof: the check
  // above is what catches it.
  PipelineConfig unchecked = config_;
  unchecked.self_verify = false;
  const auto r = prove(faulty, res, unchecked, req);
  EXPECT_FALSE(r.self_verified);
  std::ifstream vk_file(circuit("multiplier", "verification_key.json"));
  const std::string vk_text{std::istreambuf_iterator<char>(vk_file), std::istreambuf_iterator<char>()};
  EXPECT_FALSE(groth16::verify(groth16::parse_verification_key(vk_text), groth16::parse_public(r.public_json),
                               groth16::parse_proof(r.proof_json)));
  res.clear();  // the keys were uploaded through `faulty`: drop them before it goes
}

// The device worker keeps one key cache per device and drops it after a device
// error (the backend resets the device, so device memory is gone).
TEST_F(Groth16Pipeline, WorkerKeepsKeysAcrossJobsAndDropsThemAfterADeviceError) {
  DeviceWorker worker(cpu_device(), [] { return make_cpu_backend(2); }, config_);
  auto run = [&](const OpHandler& handler, std::vector<uint8_t> body) {
    std::promise<JobOutcome> done;
    auto outcome = done.get_future();
    Job job = job_for_handler("groth16_prove", handler, std::move(body));
    job.done = [&done](JobOutcome o) { done.set_value(std::move(o)); };
    worker.submit(std::move(job));
    return outcome.get();
  };
  const OpHandler prove_handler = groth16_prove_handler();
  const auto witness = file_bytes(circuit("multiplier", "witness.wtns"));
  const auto body = wire::encode_request(by_path(circuit("multiplier", "circuit.zkey"), witness));

  ASSERT_TRUE(run(prove_handler, body).ok);
  const auto second = run(prove_handler, body);
  ASSERT_TRUE(second.ok);
  EXPECT_EQ(wire::decode_result(second.body).key_source, wire::KeySource::resident);
  EXPECT_EQ(worker.resources().groth16_keys.stats().entries, 1u);

  const OpHandler faulting{{}, [](JobContext&, std::span<const uint8_t>) -> std::vector<uint8_t> {
                             throw Error(ErrorCode::device_error, "simulated device fault");
                           }};
  const auto failed = run(faulting, {});
  EXPECT_FALSE(failed.ok);
  EXPECT_EQ(failed.error.code, ErrorCode::device_error);
  EXPECT_EQ(worker.resources().groth16_keys.stats().entries, 0u);

  const auto after = run(prove_handler, body);
  ASSERT_TRUE(after.ok);
  EXPECT_EQ(wire::decode_result(after.body).key_source, wire::KeySource::loaded);
  worker.shutdown(std::chrono::seconds(10));
}

}  // namespace
}  // namespace zkgpu
