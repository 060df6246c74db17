#include "groth16/prover.hpp"

#include <algorithm>
#include <future>

#include "common/parallel_ranges.hpp"
#include "groth16/host_threads.hpp"
#include "groth16/qap.hpp"
#include "groth16/random.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu::groth16 {

using namespace bn254;

namespace {

// Times the stages of one proof and announces each as it starts.
class StageClock {
 public:
  StageClock(const StageCallback& cb, std::vector<StageTime>& out) : cb_(cb), out_(out) {}
  ~StageClock() { stop(); }
  void start(const char* stage) {
    stop();
    if (cb_) cb_(stage);
    out_.push_back({stage, {}});
    began_ = std::chrono::steady_clock::now();
    running_ = true;
  }
  // A stage whose work ran elsewhere (concurrently with other stages): announced
  // now, with the time it took there.
  void record(const char* stage, std::chrono::duration<double, std::milli> elapsed) {
    stop();
    if (cb_) cb_(stage);
    out_.push_back({stage, elapsed});
  }
  void stop() {
    if (!running_) return;
    out_.back().elapsed = std::chrono::steady_clock::now() - began_;
    running_ = false;
  }

 private:
  const StageCallback& cb_;
  std::vector<StageTime>& out_;
  std::chrono::steady_clock::time_point began_;
  bool running_ = false;
};

void check_witness(const ProvingKey& key, const Witness& witness, unsigned threads) {
  const auto& v = witness.values;
  if (v.size() != key.n_vars)
    throw Error(ErrorCode::invalid_argument, "witness has " + std::to_string(v.size()) + " values, the key expects " +
                                                 std::to_string(key.n_vars));
  if (v[0] != FrRaw{{1, 0, 0, 0}})
    throw Error(ErrorCode::invalid_argument, "witness value 0 (the constant signal) is not 1");
  parallel_ranges(v.size(), threads, 1 << 16, [&](size_t b, size_t e) {
    for (size_t i = b; i < e; ++i)
      if (!Fr::is_canonical(v[i]))
        throw Error(ErrorCode::invalid_argument, "witness value " + std::to_string(i) + " is not below r");
  });
}

// A ProvingKey need not come from parse_zkey (benchmarks build synthetic ones):
// check the sizes and indices the prover relies on once, when it becomes resident.
void check_key_shape(const ProvingKey& key) {
  auto fail = [](const std::string& why) { throw Error(ErrorCode::invalid_argument, "proving key: " + why); };
  auto expect = [&](const char* name, size_t have, uint64_t want) {
    if (have != want)
      fail(std::string(name) + " has " + std::to_string(have) + " entries, expected " + std::to_string(want));
  };
  if (key.n_vars == 0 || key.n_public >= key.n_vars) fail("nPublic must be below nVars");
  if (key.log_domain > FrParams::two_adicity || key.domain_size != (uint64_t(1) << key.log_domain))
    fail("domain size " + std::to_string(key.domain_size) + " is not 2^log_domain in 1 .. 2^28");
  expect("IC", key.ic.size(), uint64_t(key.n_public) + 1);
  expect("A", key.a.size(), key.n_vars);
  expect("B1", key.b1.size(), key.n_vars);
  expect("B2", key.b2.size(), key.n_vars);
  expect("C", key.c.size(), uint64_t(key.n_vars) - key.n_public - 1);
  expect("H", key.h.size(), key.domain_size);
  parallel_ranges(key.coefficients.size(), host_threads(), 1 << 16,
                             [&](size_t b, size_t e) {
                               for (size_t i = b; i < e; ++i) {
                                 const Coefficient& c = key.coefficients[i];
                                 if (c.matrix > 1 || c.constraint >= key.domain_size || c.signal >= key.n_vars)
                                   fail("coefficient " + std::to_string(i) + " is out of range");
                               }
                             });
}

template <class F>
Jacobian<F> times(const Affine<F>& p, const FrRaw& k) {
  return scalar_mul(Jacobian<F>::from_affine(p), k);
}

// The four MSMs over the witness, each with its own duration. A, B1 and B2 share
// their scalars (one upload and decomposition, run concurrently on the CUDA backend).
struct WitnessMsms {
  G1Jacobian a, b1, c;
  G2Jacobian b2;
  std::chrono::duration<double, std::milli> ab_time, c_time;
};

WitnessMsms witness_msms(Bn254Ops& ops, const ResidentKey& resident, std::span<const FrRaw> w) {
  using clock = std::chrono::steady_clock;
  WitnessMsms m;
  const auto t0 = clock::now();
  const ResidentBases* g1[] = {&resident.a(), &resident.b1()};
  const ResidentBases* g2[] = {&resident.b2()};
  G1Jacobian g1_out[2];
  ops.msm_shared_scalars(g1, g2, w, g1_out, std::span(&m.b2, 1));
  m.a = g1_out[0];
  m.b1 = g1_out[1];
  const auto t1 = clock::now();
  // No private signals (every signal public): C has no bases and its sum is zero.
  const auto private_w = w.subspan(size_t(resident.key().n_public) + 1);
  m.c = private_w.empty() ? G1Jacobian::infinity() : ops.msm_g1(resident.c(), private_w);
  m.ab_time = t1 - t0;
  m.c_time = clock::now() - t1;
  return m;
}

}  // namespace

ResidentKey::ResidentKey(Backend& backend, std::shared_ptr<const ProvingKey> key) : key_(std::move(key)) {
  if (!key_) throw Error(ErrorCode::invalid_argument, "resident key: no proving key given");
  check_key_shape(*key_);
  sorted_ = groth16::coefficients_sorted(*key_, host_threads());
  Bn254Ops& ops = backend.bn254();
  a_ = ops.upload_g1(key_->a);
  b1_ = ops.upload_g1(key_->b1);
  b2_ = ops.upload_g2(key_->b2);
  c_ = ops.upload_g1(key_->c);
  h_ = ops.upload_g1(key_->h);
}

uint64_t ResidentKey::device_bytes() const noexcept {
  return a_->bytes() + b1_->bytes() + b2_->bytes() + c_->bytes() + h_->bytes();
}

ProveResult prove(Backend& backend, const ResidentKey& resident, const Witness& witness, const StageCallback& on_stage) {
  const ProvingKey& key = resident.key();
  const unsigned threads = host_threads();
  Bn254Ops& ops = backend.bn254();
  ProveResult result;
  StageClock clock(on_stage, result.stages);

  // A·w, B·w and C over the domain (snarkjs buildABC1) on the host while the
  // backend computes the MSMs over the witness, which need nothing else.
  clock.start("witness");
  check_witness(key, witness, threads);
  const std::span<const FrRaw> w = witness.values;
  std::future<WitnessMsms> msms = std::async(std::launch::async, witness_msms, std::ref(ops), std::cref(resident), w);
  QapEvaluations q = evaluate_qap(key, w, threads, resident.coefficients_sorted());
  clock.stop();
  const WitnessMsms m = msms.get();  // the backend is free again

  // To coefficients (iNTT), then onto snarkjs's odd coset (shift^i scaling and
  // NTT): A, B and C evaluated at shift * w^i.
  clock.start("h");
  for (HostBuffer<Fr>* v : {&q.a, &q.b, &q.c}) ops.ntt_fr_to_coset(v->span());
  // (A·B − C) on the coset, canonical. No division by Z: the zkey's H bases are
  // the odd-indexed Lagrange bases of the doubled domain (snarkjs zkey_new.js
  // writeHs), on which sum_i (A·B − C)(shift w^i) H_i = (A·B − C)(tau) / delta.
  const HostBuffer<FrRaw> h = join_abc(q.a.span(), q.b.span(), q.c.span(), threads);
  q = {};

  // A, B1 and B2 ran together: each is given their common time.
  clock.record("msm-a", m.ab_time);
  clock.record("msm-b1", m.ab_time);
  clock.record("msm-b2", m.ab_time);
  clock.record("msm-c", m.c_time);
  const G1Jacobian &msm_a = m.a, &msm_b1 = m.b1, &msm_c = m.c;
  const G2Jacobian& msm_b2 = m.b2;
  clock.start("msm-h");
  const G1Jacobian msm_h = ops.msm_g1(resident.h(), h.span());
  clock.stop();

  // Blinding, in snarkjs's order:
  //   pi_a = A + alpha1 + r delta1;  pi_b = B2 + beta2 + s delta2;  b1 = B1 + beta1 + s delta1
  //   pi_c = C + H + s pi_a + r b1 - r s delta1
  const FrRaw r = random_fr(), s = random_fr();
  const G1Jacobian pi_a = msm_a.add_mixed(key.alpha1) + times(key.delta1, r);
  const G2Jacobian pi_b = msm_b2.add_mixed(key.beta2) + times(key.delta2, s);
  const G1Jacobian b1 = msm_b1.add_mixed(key.beta1) + times(key.delta1, s);
  const FrRaw neg_rs = (-(Fr::from_canonical(r) * Fr::from_canonical(s))).to_canonical();
  const G1Jacobian pi_c = msm_c + msm_h + scalar_mul(pi_a, s) + scalar_mul(b1, r) + times(key.delta1, neg_rs);

  result.proof = {pi_a.to_affine(), pi_b.to_affine(), pi_c.to_affine()};
  result.public_signals.assign(w.begin() + 1, w.begin() + 1 + key.n_public);
  return result;
}

VerifyingKey verifying_key(const ProvingKey& key) {
  return {key.alpha1, key.beta2, key.gamma2, key.delta2, key.ic};
}

}  // namespace zkgpu::groth16
