#pragma once
// The Groth16 prover, as snarkjs 0.7 computes a proof (src/groth16_prove.js):
//   A·w, B·w, C = A·w ∘ B·w over the domain (from the zkey coefficients);
//   H from iNTT, coset NTT (snarkjs's odd coset) and A·B − C on the coset (the
//   zkey's H bases already carry the division by Z);
//   pi_a = alpha1 + Σ w_i A_i + r·delta1
//   pi_b = beta2  + Σ w_i B2_i + s·delta2       (and the same in G1 with B1, beta1)
//   pi_c = Σ_private w_i C_i + Σ h_i H_i + s·pi_a + r·pi_b(G1) − r·s·delta1
// with r, s uniform in Fr from the OS CSPRNG. Heavy parts (NTTs, five MSMs) run
// on the Backend; everything else on the host.
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "backends/backend.hpp"
#include "groth16/snarkjs_json.hpp"
#include "groth16/wtns.hpp"
#include "groth16/zkey.hpp"

namespace zkgpu::groth16 {

// A proving key whose bases live on one backend (device memory for CUDA), so
// that proofs after the first upload nothing. Only the backend that made it may
// use it; it must not outlive that backend.
class ResidentKey {
 public:
  ResidentKey(Backend& backend, std::shared_ptr<const ProvingKey> key);
  const ProvingKey& key() const noexcept { return *key_; }
  uint64_t device_bytes() const noexcept;  // held by the resident bases

  const ResidentBases& a() const { return *a_; }
  const ResidentBases& b1() const { return *b1_; }
  const ResidentBases& b2() const { return *b2_; }
  const ResidentBases& c() const { return *c_; }
  const ResidentBases& h() const { return *h_; }
  // key().coefficients are in constraint order (checked once, here).
  bool coefficients_sorted() const noexcept { return sorted_; }

 private:
  std::shared_ptr<const ProvingKey> key_;
  bool sorted_ = false;
  std::unique_ptr<ResidentBases> a_, b1_, b2_, c_, h_;
};

// Stages reported while proving, in order: "witness" (checks, A/B/C
// evaluation), "h" (NTTs), "msm-a", "msm-b1", "msm-b2", "msm-c", "msm-h".
// The MSMs over the witness (a, b1, b2, c) run on the backend during "witness"
// and are announced after "h" with the time they took there; a, b1 and b2 run
// together and each reports their common time. Stage times therefore overlap
// and need not add up to the proof's wall time.
struct StageTime {
  std::string stage;
  std::chrono::duration<double, std::milli> elapsed;
};

struct ProveResult {
  Proof proof;
  std::vector<bn254::FrRaw> public_signals;  // witness[1 ..= n_public]
  std::vector<StageTime> stages;
};

// Called when a stage starts; it may throw (e.g. on cancellation) to abandon the proof.
using StageCallback = std::function<void(const std::string& stage)>;

// Errors: witness length != n_vars, witness[0] != 1 -> invalid_argument
// ("witness has N values, the key expects M").
ProveResult prove(Backend& backend, const ResidentKey& key, const Witness& witness,
                  const StageCallback& on_stage = {});

// The verifying key carried by a proving key (alpha1, beta2, gamma2, delta2, IC).
VerifyingKey verifying_key(const ProvingKey& key);

}  // namespace zkgpu::groth16
