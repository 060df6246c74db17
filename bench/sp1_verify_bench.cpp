// SP1 v6 proof verification on the CPU: SP1's wrap proof and each compress proof
// of its compress witness (tests/data/sp1), decoded and verified `reps`
// times. Prints one JSON document: the median of each phase and of the whole,
// next to the targets (wrap < 500 ms, each compress proof < 300 ms). The whole is
// also given as process CPU time summed over threads (the PCS step uses several):
// on a shared machine wall time also counts the waits for a core.
//   sp1_verify_bench [FIXTURES_DIR] [REPS]   (defaults: tests/data/sp1, 5)
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "sp1/errors.hpp"
#include "sp1/stage/pinned.hpp"
#include "sp1/stage/stage_checks.hpp"
#include "sp1/stage/verify_stage.hpp"
#include "sp1/wire/decode.hpp"
#include "sp1/wire/recursion_public_values.hpp"
#include "host_timing.hpp"

namespace {

using namespace zkgpu::bench;

using namespace zkgpu::sp1;
using nlohmann::json;

// Per-name samples of the phases of each run, and of the whole.
struct Samples {
  std::map<std::string, std::vector<double>> phases;
  std::vector<double> total, total_cpu;

  void add(const verifier::ShardReport& r, double decode_ms, double stage_ms, double total_ms, double cpu_ms) {
    for (const auto& p : r.phases) phases[p.name].push_back(p.ms);
    phases["decode"].push_back(decode_ms);
    phases["stage_checks"].push_back(stage_ms);
    total.push_back(total_ms);
    total_cpu.push_back(cpu_ms);
  }
  json medians(double target_ms) const {
    json p = json::object();
    for (const auto& [name, v] : phases) p[name] = median(v);
    const double t = median(total);
    return {{"median_ms", t},
            {"median_cpu_ms", median(total_cpu)},
            {"target_ms", target_ms},
            {"meets_target", t < target_ms},
            {"phases_median_ms", p}};
  }
};

// One wrap proof of SP1's `variant` build (wrapped_proof.bin or
// wrapped_proof_mprotect.bin). The bench times verification, not provenance: SP1's
// fixtures name a vk root other than the pinned one, so the proof's own root is
// expected, and any program.
json bench_wrap(const std::filesystem::path& dir, wire::Sp1Variant variant, int reps) {
  const std::string suffix = variant == wire::Sp1Variant::Mprotect ? "_mprotect" : "";
  const auto vk_bytes = wire::read_artifact_file(dir / ("proofs/wrap_vk" + suffix + ".bin"));
  const std::string artifact = "wrapped_proof" + suffix + ".bin";
  const auto proof_bytes = wire::read_artifact_file(dir / "proofs" / artifact);
  Samples s;
  for (int i = 0; i < reps; ++i) {
    const auto t0 = Clock::now();
    const double c0 = cpu_ms_now();
    const auto vk = wire::decode_vk<wire::OuterConfig>(vk_bytes);
    const auto proof = wire::decode_shard_proof<wire::OuterConfig>(proof_bytes);
    const double decode_ms = ms_since(t0);
    stage::check_public_values_length(proof.public_values);
    const stage::WrapPolicy policy{
        false, stage::public_values_digest_field(proof.public_values, wire::recursion_pv_field("vk_root").offset),
        std::nullopt, true};
    const auto v = stage::verify_wrap(vk, proof, policy);
    s.add(v.shard, decode_ms, v.stage_ms, ms_since(t0), cpu_ms_now() - c0);
  }
  return {{"artifact", artifact},
          {"variant", wire::variant_name(variant)},
          {"bytes", proof_bytes.size()},
          {"result", s.medians(300)}};
}

// Each compress proof timed on its own: decode of the whole witness is shared, so
// it is reported once; the stage checks run once per repetition over all pairs.
json bench_compress(const std::filesystem::path& dir, int reps) {
  const auto bytes = wire::read_artifact_file(dir / "proofs/shrink_input.bin");
  std::vector<double> decode;
  wire::CompressWitness w;
  for (int i = 0; i < reps; ++i) {
    const auto t0 = Clock::now();
    w = wire::decode_compress_witness(bytes);
    decode.push_back(ms_since(t0));
  }
  json proofs = json::array();
  for (const auto& [vk, proof] : w.vks_and_proofs) {
    Samples s;
    for (int i = 0; i < reps; ++i) {
      const auto t0 = Clock::now();
      const double c0 = cpu_ms_now();
      stage::check_public_values_length(proof.public_values);
      const auto r = verifier::verify_shard(vk, proof, air::MachineKind::Compress);
      s.add(r, 0, 0, ms_since(t0), cpu_ms_now() - c0);
    }
    json m = s.medians(300);
    m["phases_median_ms"].erase("decode");
    m["phases_median_ms"].erase("stage_checks");
    proofs.push_back(m);
  }
  std::vector<double> stage_checks;
  for (int i = 0; i < reps; ++i) {
    const auto t0 = Clock::now();
    stage::check_compress_witness(w, {stage::sp1_vk_root(), true});
    stage_checks.push_back(ms_since(t0));
  }
  return {{"artifact", "shrink_input.bin"},
          {"bytes", bytes.size()},
          {"decode_median_ms", median(decode)},
          {"stage_checks_median_ms", median(stage_checks)},
          {"proofs", proofs}};
}

}  // namespace

int main(int argc, char** argv) {
  const std::filesystem::path dir = argc > 1 ? argv[1] : ZKGPU_SP1_FIXTURES_DIR;
  const int reps = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  if (!std::filesystem::exists(dir / "proofs/wrapped_proof.bin")) {
    std::cerr << "sp1_verify_bench: no SP1 fixtures under " << dir << '\n';
    return 2;
  }
  try {
    // Both SP1 builds where their fixtures are present.
    json wrap = json::array();
    for (auto v : {wire::Sp1Variant::Default, wire::Sp1Variant::Mprotect}) {
      const bool mprotect = v == wire::Sp1Variant::Mprotect;
      if (!mprotect || std::filesystem::exists(dir / "proofs/wrapped_proof_mprotect.bin"))
        wrap.push_back(bench_wrap(dir, v, reps));
    }
    const json doc = {{"benchmark", "sp1_verify"},
                      {"device", "cpu"},
                      {"hardware_threads", std::thread::hardware_concurrency()},
                      {"reps", reps},
                      {"wrap", wrap},
                      {"compress", bench_compress(dir, reps)}};
    std::cout << doc.dump(2) << '\n';
  } catch (const std::exception& e) {  // ParseError / Rejected: the fixtures do not verify
    std::cerr << "sp1_verify_bench: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
