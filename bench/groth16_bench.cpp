// Groth16 prove over BN254 with the proving key resident on the backend: the
// CUDA backend next to the CPU backend on all host cores. Prints one JSON document.
//
// Synthetic circuits (2^k rows of the QAP domain), shaped like circom output:
//  - signals: 0 = the constant 1, 1 = one public input, then 16 private inputs,
//    then one signal per constraint (its output);
//  - constraint j reads 2 or 3 earlier signals in A and 2 or 3 in B with random
//    coefficients (three in four among the 1024 signals just before it, as
//    circom's templates mostly wire neighbouring signals, the rest anywhere
//    earlier), and C = its own output signal, whose witness value is set to
//    (A_j . w) * (B_j . w), so the witness satisfies A.w o B.w = C.w;
//  - the last n_public + 1 rows bind the public signals (A[m + i][i] = 1), as
//    snarkjs's setup adds them; m = 2^k - n_public - 1 constraints fill the domain.
// The bases are random points of the prime-order groups (P0 + i Q with random
// multiples P0, Q of the generators): a proof is not expected to verify, only
// the work is realistic. The test circuits given with --circuit are real: they
// are proved on both backends and verified.
//
// Timing: wall clock around groth16::prove (which returns host results), one
// warm-up, median of N; per stage the median of the prover's own stage times.
#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "backends/backend.hpp"
#include "backends/cuda/cuda_backend.hpp"
#include "bench/bn254_bench_inputs.hpp"
#include "bench/harness.hpp"
#include "groth16/prover.hpp"
#include "groth16/snarkjs_json.hpp"
#include "groth16/verifier.hpp"
#include "groth16/wtns.hpp"
#include "groth16/zkey.hpp"
#include "zkgpu/error.hpp"

using namespace zkgpu;
using namespace zkgpu::bn254;

namespace {

constexpr uint32_t kPublic = 1;
constexpr uint32_t kPrivateInputs = 16;
constexpr uint32_t kNear = 1024;  // "neighbouring" signals (see the header comment)

struct Synthetic {
  std::shared_ptr<groth16::ProvingKey> key;
  groth16::Witness witness;
  size_t constraints = 0;
};

Fr random_fr(std::mt19937_64& rng) {
  for (;;) {
    const U256 v{{rng(), rng(), rng(), rng() & 0x3fffffffffffffffULL}};
    if (Fr::is_canonical(v)) return Fr::from_canonical(v);
  }
}

// Random points shared by all sizes (slices at different offsets serve as the
// different base vectors of one key).
struct BasePool {
  std::vector<G1Affine> g1;
  std::vector<G2Affine> g2;
};

template <class T>
std::vector<T> slice(const std::vector<T>& pool, size_t offset, size_t n) {
  return std::vector<T>(pool.begin() + ptrdiff_t(offset), pool.begin() + ptrdiff_t(offset + n));
}

Synthetic make_circuit(unsigned log_domain, const BasePool& pool, uint64_t seed) {
  std::mt19937_64 rng(seed);
  const uint32_t domain = uint32_t(1) << log_domain;
  const uint32_t m = domain - kPublic - 1;
  const uint32_t first_out = 1 + kPublic + kPrivateInputs;
  const uint32_t n_vars = first_out + m;

  auto key = std::make_shared<groth16::ProvingKey>();
  key->n_vars = n_vars;
  key->n_public = kPublic;
  key->domain_size = domain;
  key->log_domain = log_domain;

  std::vector<Fr> w(n_vars);
  w[0] = Fr::one();
  for (uint32_t i = 1; i < first_out; ++i) w[i] = random_fr(rng);

  auto& coefs = key->coefficients;
  coefs.reserve(size_t(m) * 5 + kPublic + 1);
  for (uint32_t j = 0; j < m; ++j) {
    const uint32_t out = first_out + j;
    Fr ab[2];
    for (uint32_t mat = 0; mat < 2; ++mat) {
      const unsigned terms = 2 + unsigned(rng() & 1);
      Fr acc = Fr::zero();
      for (unsigned t = 0; t < terms; ++t) {
        const bool near = (rng() & 3) != 0 && out > kNear;
        const uint32_t sig = near ? out - 1 - uint32_t(rng() % kNear) : uint32_t(rng() % out);
        const Fr c = random_fr(rng);
        coefs.push_back({mat, j, sig, c});
        acc += c * w[sig];
      }
      ab[mat] = acc;
    }
    w[out] = ab[0] * ab[1];
  }
  for (uint32_t i = 0; i <= kPublic; ++i) coefs.push_back({0, m + i, i, Fr::one()});

  // Distinct slices of the pools for each base vector.
  const size_t n_priv = n_vars - kPublic - 1;
  key->a = slice(pool.g1, 0, n_vars);
  key->b1 = slice(pool.g1, 1, n_vars);
  key->c = slice(pool.g1, 2, n_priv);
  key->h = slice(pool.g1, 3, domain);
  key->b2 = slice(pool.g2, 0, n_vars);
  key->ic = slice(pool.g1, 4, kPublic + 1);
  key->alpha1 = pool.g1[5];
  key->beta1 = pool.g1[6];
  key->delta1 = pool.g1[7];
  key->beta2 = pool.g2[1];
  key->gamma2 = pool.g2[2];
  key->delta2 = pool.g2[3];

  Synthetic s;
  s.key = std::move(key);
  s.constraints = m;
  s.witness.values.resize(n_vars);
  for (uint32_t i = 0; i < n_vars; ++i) s.witness.values[i] = w[i].to_canonical();
  return s;
}

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0.0 : v[v.size() / 2];
}

// Proves `reps` times after `warmup` runs; median total and per-stage medians.
nlohmann::json time_prove(Backend& backend, const groth16::ResidentKey& key, const groth16::Witness& witness,
                          int warmup, int reps) {
  for (int i = 0; i < warmup; ++i) (void)groth16::prove(backend, key, witness);
  std::vector<double> totals;
  std::map<std::string, std::vector<double>> stages;
  std::vector<std::string> order;
  for (int i = 0; i < reps; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    const auto result = groth16::prove(backend, key, witness);
    totals.push_back(ms_since(t0));
    for (const auto& s : result.stages) {
      if (!stages.count(s.stage)) order.push_back(s.stage);
      stages[s.stage].push_back(s.elapsed.count());
    }
  }
  nlohmann::json st = nlohmann::json::object();
  for (const auto& name : order) st[name] = median(stages[name]);
  return {{"total_ms", median(totals)}, {"stages_ms", st}, {"reps", reps}};
}

nlohmann::json bench_size(unsigned log_domain, const BasePool& pool, Backend& gpu, Backend* cpu, int reps) {
  const auto t_gen = std::chrono::steady_clock::now();
  const Synthetic s = make_circuit(log_domain, pool, 7000 + log_domain);
  const double gen_ms = ms_since(t_gen);
  nlohmann::json j = {{"log_domain", log_domain},
                      {"domain_size", s.key->domain_size},
                      {"constraints", s.constraints},
                      {"n_vars", s.key->n_vars},
                      {"coefficients", s.key->coefficients.size()},
                      {"generate_ms", gen_ms}};
  {
    const auto t0 = std::chrono::steady_clock::now();
    const groth16::ResidentKey key(gpu, s.key);
    j["gpu_key_upload_ms"] = ms_since(t0);
    j["gpu_key_device_bytes"] = key.device_bytes();
    j["gpu"] = time_prove(gpu, key, s.witness, 1, reps);
  }
  if (cpu) {
    const groth16::ResidentKey key(*cpu, s.key);
    j["cpu"] = time_prove(*cpu, key, s.witness, 0, 1);
    j["speedup_vs_cpu"] = j["cpu"]["total_ms"].get<double>() / j["gpu"]["total_ms"].get<double>();
  }
  return j;
}

std::string read_text(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw Error(ErrorCode::not_found, "cannot open " + path);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// A real circuit from scripts/build-test-circuits.sh: prove on each backend and
// verify against the circuit's verification_key.json.
nlohmann::json prove_circuit(const std::string& dir, Backend& gpu, Backend& cpu) {
  nlohmann::json j = {{"circuit", dir}};
  auto key = std::make_shared<groth16::ProvingKey>(groth16::read_zkey(dir + "/circuit.zkey"));
  const groth16::Witness witness = groth16::read_wtns(dir + "/witness.wtns");
  const groth16::VerifyingKey vk = groth16::parse_verification_key(read_text(dir + "/verification_key.json"));
  j["domain_size"] = key->domain_size;
  j["n_vars"] = key->n_vars;
  for (Backend* b : {&gpu, &cpu}) {
    const char* name = b == &gpu ? "gpu" : "cpu";
    const groth16::ResidentKey resident(*b, key);
    const auto t0 = std::chrono::steady_clock::now();
    const auto result = groth16::prove(*b, resident, witness);
    const double ms = ms_since(t0);
    j[name] = {{"prove_ms", ms},
               {"verified", groth16::verify(vk, result.public_signals, result.proof)},
               {"verified_with_zkey_vk",
                groth16::verify(groth16::verifying_key(*key), result.public_signals, result.proof)}};
    // A tampered public signal must not verify.
    auto bad = result.public_signals;
    if (!bad.empty()) {
      bad[0] = (Fr::from_canonical(bad[0]) + Fr::one()).to_canonical();
      j[name]["tampered_rejected"] = !groth16::verify(vk, bad, result.proof);
    }
  }
  return j;
}

}  // namespace

int main(int argc, char** argv) {
  unsigned min_log = 16, max_log = 22, cpu_max_log = 18;
  int reps = 3;
  std::vector<std::string> circuits;
  for (int i = 1; i < argc; ++i) {
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (!std::strcmp(argv[i], "--min-log")) min_log = unsigned(std::stoul(next()));
    else if (!std::strcmp(argv[i], "--max-log")) max_log = unsigned(std::stoul(next()));
    else if (!std::strcmp(argv[i], "--cpu-max-log")) cpu_max_log = unsigned(std::stoul(next()));
    else if (!std::strcmp(argv[i], "--reps")) reps = std::max(1, std::stoi(next()));
    else if (!std::strcmp(argv[i], "--circuit")) circuits.push_back(next());
    else {
      std::cerr << "usage: groth16_bench [--min-log K] [--max-log K] [--cpu-max-log K] [--reps N] [--circuit DIR]...\n";
      return 2;
    }
  }
  try {
    const auto lim = bench::device_limits();
    auto gpu = make_cuda_backend(0);
    auto cpu = make_cpu_backend(0);
    const unsigned cpu_threads = std::max(1u, std::thread::hardware_concurrency());

    nlohmann::json proofs = nlohmann::json::array();
    for (const auto& dir : circuits) {
      try {
        proofs.push_back(prove_circuit(dir, *gpu, *cpu));
      } catch (const std::exception& e) {
        proofs.push_back({{"circuit", dir}, {"error", e.what()}});
      }
    }

    nlohmann::json results = nlohmann::json::array();
    if (min_log <= max_log) {
      const size_t max_n = (size_t(1) << max_log) + kPrivateInputs + 8;
      const auto t0 = std::chrono::steady_clock::now();
      BasePool pool;
      pool.g1 = bench::random_points(g1_generator(), max_n, 11);
      pool.g2 = bench::random_points(g2_generator(), max_n, 12);
      std::cerr << "groth16_bench: base pool " << max_n << " points in " << ms_since(t0) << " ms\n";
      for (unsigned k = min_log; k <= max_log; k += 2) {
        results.push_back(bench_size(k, pool, *gpu, k <= cpu_max_log ? cpu.get() : nullptr, reps));
        std::cerr << "groth16_bench: " << results.back().dump() << "\n";
      }
    }
    nlohmann::json doc = {
        {"benchmark", "groth16_prove"},
        {"limits", bench::limits_json(lim)},
        {"gpu_backend", gpu->describe()},
        {"cpu_backend", cpu->describe()},
        {"cpu_threads", cpu_threads},
        {"cpu_note", "the CPU backend runs only up to 2^" + std::to_string(cpu_max_log) +
                         " rows (one run each): larger sizes take too long there"},
        {"circuit", "synthetic: 2-3 terms per row in A and B (3/4 of them among the 1024 previous signals), "
                    "C = one output signal per row, witness satisfies A.w o B.w = C.w; random bases; "
                    "1 public input"},
        {"timing", "wall clock around groth16::prove with the key resident; 1 warm-up; median"},
        {"test_circuits", proofs},
        {"results", results}};
    std::cout << doc.dump(2) << std::endl;
  } catch (const std::exception& e) {
    std::cerr << "groth16_bench: " << e.what() << std::endl;
    return 1;
  }
  return 0;
}
