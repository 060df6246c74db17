// The prover on the CPU backend and the pairing verifier, on the snarkjs-built
// test circuits: our proofs verify, snarkjs's proofs verify, tampering is
// rejected, and the key / witness mismatches give clear errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "backends/backend.hpp"
#include "groth16/prover.hpp"
#include "groth16/qap.hpp"
#include "groth16/verifier.hpp"
#include "bn254_test_util.hpp"
#include "groth16_test_util.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu {
namespace {

using namespace bn254;
using namespace groth16;
using namespace groth16_test;
using bn254_test::random_fr;

struct Loaded {
  std::shared_ptr<const ProvingKey> key;
  Witness witness;
};

Loaded load(const std::string& circuit) {
  return {std::make_shared<const ProvingKey>(read_zkey(circuit_file(circuit, "circuit.zkey"))),
          read_wtns(circuit_file(circuit, "witness.wtns"))};
}

Backend& cpu() {
  static const std::unique_ptr<Backend> backend = make_cpu_backend();
  return *backend;
}

using Prover = CircuitTest;

TEST_P(Prover, ProvesAndVerifies) {
  const auto [key, witness] = load(GetParam());
  const ResidentKey resident(cpu(), key);
  EXPECT_GT(resident.device_bytes(), 0u);
  EXPECT_TRUE(resident.coefficients_sorted());  // snarkjs writes them by constraint

  std::vector<std::string> announced;
  const ProveResult res = prove(cpu(), resident, witness, [&](const std::string& s) { announced.push_back(s); });
  const std::vector<std::string> stages = {"witness", "h", "msm-a", "msm-b1", "msm-b2", "msm-c", "msm-h"};
  EXPECT_EQ(announced, stages);
  ASSERT_EQ(res.stages.size(), stages.size());
  for (size_t i = 0; i < stages.size(); ++i) EXPECT_EQ(res.stages[i].stage, stages[i]);

  // Public signals as snarkjs writes them; the proof verifies under both the
  // key's own verifying key and snarkjs's verification_key.json.
  EXPECT_EQ(res.public_signals, parse_public(read_text(file("public_snarkjs.json"))));
  const VerifyingKey vk_json = parse_verification_key(read_text(file("verification_key.json")));
  EXPECT_TRUE(verify(verifying_key(*key), res.public_signals, res.proof));
  EXPECT_TRUE(verify(vk_json, res.public_signals, res.proof));
  // Through the JSON files too.
  EXPECT_TRUE(verify(vk_json, parse_public(public_to_json(res.public_signals)),
                     parse_proof(proof_to_json(res.proof))));
}

TEST_P(Prover, VerifyingKeyMatchesSnarkjs) {
  const auto key = read_zkey(file("circuit.zkey"));
  const VerifyingKey ours = verifying_key(key);
  const VerifyingKey theirs = parse_verification_key(read_text(file("verification_key.json")));
  EXPECT_EQ(ours.alpha1, theirs.alpha1);
  EXPECT_EQ(ours.beta2, theirs.beta2);
  EXPECT_EQ(ours.gamma2, theirs.gamma2);
  EXPECT_EQ(ours.delta2, theirs.delta2);
  EXPECT_EQ(ours.ic, theirs.ic);
  EXPECT_EQ(verification_key_to_json(ours), read_text(file("verification_key.json")));
}

TEST_P(Prover, AcceptsSnarkjsProofsAndRejectsTampering) {
  const VerifyingKey vk = parse_verification_key(read_text(file("verification_key.json")));
  const Proof proof = parse_proof(read_text(file("proof_snarkjs.json")));
  const auto pub = parse_public(read_text(file("public_snarkjs.json")));
  ASSERT_TRUE(verify(vk, pub, proof));

  // Another valid point in place of each proof element.
  Proof bad = proof;
  bad.a = (G1Jacobian::from_affine(proof.a) + G1Jacobian::from_affine(g1_generator())).to_affine();
  EXPECT_FALSE(verify(vk, pub, bad));
  bad = proof;
  bad.b = (G2Jacobian::from_affine(proof.b) + G2Jacobian::from_affine(g2_generator())).to_affine();
  EXPECT_FALSE(verify(vk, pub, bad));
  bad = proof;
  bad.c = proof.a;
  EXPECT_FALSE(verify(vk, pub, bad));
  bad = proof;
  bad.a.y = bad.a.y + Fq::one();  // off the curve
  EXPECT_FALSE(verify(vk, pub, bad));

  // Each public signal changed by one.
  for (size_t i = 0; i < pub.size(); ++i) {
    auto p = pub;
    p[i] = (Fr::from_canonical(p[i]) + Fr::one()).to_canonical();
    EXPECT_FALSE(verify(vk, p, proof)) << "signal " << i;
  }
}

INSTANTIATE_TEST_SUITE_P(Circuits, Prover, ::testing::ValuesIn(circuit_names()),
                         [](const auto& info) { return info.param; });

TEST(Groth16Prover, ProofsAreRandomized) {
  ASSERT_NO_FATAL_FAILURE(require_circuit("multiplier"));
  const auto [key, witness] = load("multiplier");
  const ResidentKey resident(cpu(), key);
  const ProveResult one = prove(cpu(), resident, witness);
  const ProveResult two = prove(cpu(), resident, witness);
  EXPECT_NE(one.proof.a, two.proof.a);
  EXPECT_NE(one.proof.c, two.proof.c);
  EXPECT_TRUE(verify(verifying_key(*key), two.public_signals, two.proof));
}


TEST(Groth16Prover, WitnessOfAnotherCircuit) {
  ASSERT_NO_FATAL_FAILURE(require_circuit("multiplier"));
  ASSERT_NO_FATAL_FAILURE(require_circuit("public_inputs"));
  const auto mult = load("multiplier");
  const ResidentKey resident(cpu(), mult.key);
  const Witness other = read_wtns(circuit_file("public_inputs", "witness.wtns"));
  const auto msg = expect_error(ErrorCode::invalid_argument, [&] { prove(cpu(), resident, other); });
  EXPECT_NE(msg.find("witness has " + std::to_string(other.values.size()) + " values, the key expects " +
                     std::to_string(mult.key->n_vars)),
            std::string::npos)
      << msg;
  Witness bad = mult.witness;
  bad.values[0] = FrRaw{{0, 0, 0, 0}};
  expect_error(ErrorCode::invalid_argument, [&] { prove(cpu(), resident, bad); });
  bad = mult.witness;
  bad.values[1] = FrParams::modulus();
  expect_error(ErrorCode::invalid_argument, [&] { prove(cpu(), resident, bad); });
}

TEST(Groth16Prover, InconsistentKeyIsRejected) {
  ASSERT_NO_FATAL_FAILURE(require_circuit("multiplier"));
  auto key = std::make_shared<ProvingKey>(read_zkey(circuit_file("multiplier", "circuit.zkey")));
  key->coefficients[0].constraint = key->domain_size;
  expect_error(ErrorCode::invalid_argument, [&] { ResidentKey(cpu(), key); });
  key = std::make_shared<ProvingKey>(read_zkey(circuit_file("multiplier", "circuit.zkey")));
  key->h.pop_back();
  expect_error(ErrorCode::invalid_argument, [&] { ResidentKey(cpu(), key); });
}

TEST(Groth16Verifier, PublicSignalErrors) {
  ASSERT_NO_FATAL_FAILURE(require_circuit("public_inputs"));
  const VerifyingKey vk = parse_verification_key(read_text(circuit_file("public_inputs", "verification_key.json")));
  const Proof proof = parse_proof(read_text(circuit_file("public_inputs", "proof_snarkjs.json")));
  auto pub = parse_public(read_text(circuit_file("public_inputs", "public_snarkjs.json")));
  ASSERT_GT(pub.size(), 1u);
  auto fewer = pub;
  fewer.pop_back();
  expect_error(ErrorCode::invalid_argument, [&] { verify(vk, fewer, proof); });
  pub[1] = FrParams::modulus();
  expect_error(ErrorCode::invalid_argument, [&] { verify(vk, pub, proof); });
}

// A QAP large enough for the multi-threaded split: the evaluations agree for
// any thread count, for coefficients in snarkjs's order (by constraint, split at
// constraint boundaries) and shuffled (each thread owning a range of rows), and
// with a direct single-row computation.
TEST(Groth16Qap, ThreadsAndOrderDoNotMatter) {
  std::mt19937_64 rng(7);
  ProvingKey key;
  key.log_domain = 15;
  key.domain_size = 1u << key.log_domain;
  key.n_vars = 1u << 13;
  for (uint32_t c = 0; c + 8 < key.domain_size; ++c)
    for (uint32_t m = 0; m < 2; ++m)
      for (uint64_t k = rng() % 4; k > 0; --k)
        key.coefficients.push_back({m, c, uint32_t(rng() % key.n_vars), random_fr(rng)});
  // A long run of one constraint, so that a split point must move past it.
  for (int k = 0; k < 40000; ++k)
    key.coefficients.push_back({0, key.domain_size - 4, uint32_t(rng() % key.n_vars), random_fr(rng)});
  std::vector<FrRaw> w = bn254_test::random_scalars(rng, key.n_vars);

  ASSERT_TRUE(coefficients_sorted(key, 2));
  const QapEvaluations one = evaluate_qap(key, w, 1, true);
  auto same = [](const HostBuffer<Fr>& x, const HostBuffer<Fr>& y) { return std::ranges::equal(x.span(), y.span()); };
  for (unsigned threads : {2u, 5u}) {
    const QapEvaluations q = evaluate_qap(key, w, threads, true);
    EXPECT_TRUE(same(q.a, one.a));
    EXPECT_TRUE(same(q.b, one.b));
    EXPECT_TRUE(same(q.c, one.c));
  }
  ProvingKey shuffled = key;
  std::shuffle(shuffled.coefficients.begin(), shuffled.coefficients.end(), rng);
  ASSERT_FALSE(coefficients_sorted(shuffled, 2));
  for (unsigned threads : {1u, 3u}) {
    const QapEvaluations q = evaluate_qap(shuffled, w, threads, false);
    EXPECT_TRUE(same(q.a, one.a));
    EXPECT_TRUE(same(q.b, one.b));
  }

  // Row domain_size - 4 of A directly.
  Fr row = Fr::zero();
  for (const Coefficient& c : key.coefficients)
    if (c.matrix == 0 && c.constraint == key.domain_size - 4) row += c.value * Fr::from_canonical(w[c.signal]);
  EXPECT_EQ(one.a[key.domain_size - 4], row);
  // Rows without coefficients are zero; C = A·B on every row, for every split.
  for (uint32_t r = key.domain_size - 8; r < key.domain_size; ++r) {
    if (r == key.domain_size - 4) continue;
    EXPECT_TRUE(one.a[r].is_zero() && one.b[r].is_zero()) << r;
  }
  for (unsigned threads : {1u, 4u}) {
    for (bool sorted : {true, false}) {
      const QapEvaluations q = evaluate_qap(key, w, threads, sorted);
      size_t bad = 0;
      for (size_t i = 0; i < key.domain_size; ++i) bad += q.c[i] != q.a[i] * q.b[i] || q.a[i] != one.a[i];
      EXPECT_EQ(bad, 0u) << threads << " threads, sorted " << sorted;
    }
  }
}

}  // namespace
}  // namespace zkgpu
