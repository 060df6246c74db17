// The shard verifier on SP1's real proofs: the wrap proof (outer configuration) and
// every compress proof in the shrink input (inner configuration).
#include <gtest/gtest.h>

#include <functional>

#include "fixture_files.hpp"
#include "sp1/errors.hpp"
#include "sp1/verifier/shard_verifier.hpp"
#include "sp1/wire/decode.hpp"

namespace zkgpu::sp1::verifier {
namespace {

using wire::InnerConfig;
using wire::OuterConfig;

struct WrapFixture {
  wire::MachineVerifyingKey<OuterConfig> vk;
  wire::ShardProof<OuterConfig> proof;
};

WrapFixture load_wrap(const std::filesystem::path& vk, const std::filesystem::path& proof) {
  return {wire::decode_vk<OuterConfig>(wire::read_artifact_file(vk)),
          wire::decode_shard_proof<OuterConfig>(wire::read_artifact_file(proof))};
}

void bump(wire::EF& x) { x = x + wire::EF::one(); }

// Applies `tamper` to a copy and expects the steps to reject it with a message
// starting with `check`.
template <class C>
void expect_rejected(const wire::MachineVerifyingKey<C>& vk, const wire::ShardProof<C>& proof, air::MachineKind kind,
                     const std::function<void(wire::MachineVerifyingKey<C>&, wire::ShardProof<C>&)>& tamper,
                     const std::string& check) {
  auto v = vk;
  auto p = proof;
  tamper(v, p);
  try {
    verify_shard(v, p, kind);
    ADD_FAILURE() << "accepted a proof tampered for " << check;
  } catch (const Rejected& e) {
    EXPECT_EQ(std::string(e.what()).rfind(check, 0), 0u) << e.what();

  }
}

std::vector<std::string> names(const ShardReport& r) {
  std::vector<std::string> out;
  for (const auto& c : r.chips) out.push_back(c.name);
  return out;
}

TEST(Sp1ShardVerifierFixture, WrapProofVerifies) {
  SP1_FIXTURE(vk_path, "proofs/wrap_vk.bin");
  SP1_FIXTURE(proof_path, "proofs/wrapped_proof.bin");
  const WrapFixture f = load_wrap(vk_path, proof_path);
  const ShardReport r = verify_shard(f.vk, f.proof, air::MachineKind::Wrap);
  EXPECT_EQ(r.machine, "wrap");
  EXPECT_EQ(names(r), (std::vector<std::string>{"BaseAlu", "ExtAlu", "ExtFeltConvert", "MemoryConst", "MemoryVar",
                                                "Poseidon2LinearLayer", "Poseidon2SBox", "PublicValues", "Select"}));
  for (const auto& c : r.chips) EXPECT_GT(c.rows, 0u) << c.name;
  EXPECT_EQ(r.chips[7].rows, 16u);  // PublicValues: 1 << PUB_VALUES_LOG_HEIGHT
  ASSERT_EQ(r.phases.size(), 5u);
  EXPECT_EQ(r.phases.back().name, "pcs");
}

TEST(Sp1ShardVerifierFixture, CompressProofsVerify) {
  SP1_FIXTURE(path, "proofs/shrink_input.bin");
  const auto w = wire::decode_compress_witness(wire::read_artifact_file(path));
  ASSERT_FALSE(w.vks_and_proofs.empty());
  for (const auto& vp : w.vks_and_proofs)
    EXPECT_EQ(names(verify_shard(vp.vk, vp.proof, air::MachineKind::Compress)),
              (std::vector<std::string>{"BaseAlu", "ExtAlu", "MemoryConst", "MemoryVar", "Poseidon2WideDeg3",
                                        "PrefixSumChecks", "PublicValues", "Select"}));

  using V = wire::MachineVerifyingKey<InnerConfig>;
  using P = wire::ShardProof<InnerConfig>;
  const auto& vp = w.vks_and_proofs.front();
  const auto kind = air::MachineKind::Compress;
  for (const char* chip : {"Poseidon2WideDeg3", "PrefixSumChecks", "MemoryVar"})
    expect_rejected<InnerConfig>(
        vp.vk, vp.proof, kind, [&](V&, P& p) { bump(p.opened_values[chip].main.back()); },
        "zerocheck: constraint evaluation mismatch");
  expect_rejected<InnerConfig>(vp.vk, vp.proof, kind, [](V&, P& p) { bump(p.opened_values["Select"].preprocessed[0]); },
                               "zerocheck: constraint evaluation mismatch");
  expect_rejected<InnerConfig>(vp.vk, vp.proof, kind,
                               [](V& v, P&) { v.preprocessed_commit[2] += wire::F::one(); }, "logup_gkr: proof of work");
  // A chip renamed to another machine chip's name (the wire only admits recursion chip
  // names), and a compress proof against the wrap machine.
  expect_rejected<InnerConfig>(
      vp.vk, vp.proof, kind,
      [](V&, P& p) {
        auto node = p.opened_values.extract("PrefixSumChecks");
        node.key() = "Poseidon2SBox";
        p.opened_values.insert(std::move(node));
      },
      "shape: opened chip");
  expect_rejected<InnerConfig>(vp.vk, vp.proof, air::MachineKind::Wrap, [](V&, P&) {}, "shape:");
}

TEST(Sp1ShardVerifierFixture, WrapTamperingIsRejected) {
  SP1_FIXTURE(vk_path, "proofs/wrap_vk.bin");
  SP1_FIXTURE(proof_path, "proofs/wrapped_proof.bin");
  const WrapFixture f = load_wrap(vk_path, proof_path);
  using V = wire::MachineVerifyingKey<OuterConfig>;
  using P = wire::ShardProof<OuterConfig>;
  const auto kind = air::MachineKind::Wrap;
  // Anything observed before the GKR randomness changes it: the PoW check fails first.
  expect_rejected<OuterConfig>(f.vk, f.proof, kind, [](V&, P& p) { p.public_values[3] += wire::F::one(); },
                               "logup_gkr: proof of work");
  expect_rejected<OuterConfig>(f.vk, f.proof, kind, [](V& v, P&) { v.pc_start[0] += wire::F::one(); },
                               "logup_gkr: proof of work");
  expect_rejected<OuterConfig>(f.vk, f.proof, kind, [](V&, P& p) { p.logup_gkr_proof.witness += wire::F::one(); },
                               "logup_gkr: proof of work");
  expect_rejected<OuterConfig>(
      f.vk, f.proof, kind, [](V&, P& p) { bump(p.logup_gkr_proof.round_proofs[5].numerator_0); },
      "logup_gkr: layer 5");
  expect_rejected<OuterConfig>(
      f.vk, f.proof, kind,
      [](V&, P& p) { bump(p.logup_gkr_proof.round_proofs[2].sumcheck_proof.univariate_polys[1][0]); },
      "logup_gkr: layer 2");
  expect_rejected<OuterConfig>(
      f.vk, f.proof, kind,
      [](V&, P& p) { bump(p.logup_gkr_proof.chip_openings["BaseAlu"].main_trace_evaluations.values[0]); },
      "logup_gkr: denominator evaluation mismatch");
  expect_rejected<OuterConfig>(f.vk, f.proof, kind, [](V&, P& p) { bump(p.opened_values["ExtAlu"].main[3]); },
                               "zerocheck: constraint evaluation mismatch");
  expect_rejected<OuterConfig>(
      f.vk, f.proof, kind, [](V&, P& p) { bump(p.zerocheck_proof.univariate_polys[7][2]); },
      "zerocheck: sumcheck round 7");
  expect_rejected<OuterConfig>(f.vk, f.proof, kind, [](V&, P& p) { p.opened_values.erase("Select"); }, "shape:");
  expect_rejected<OuterConfig>(f.vk, f.proof, kind, [](V&, P& p) { p.main_commitment[0] += bn254::Fr::one(); },
                               "logup_gkr: proof of work");
  // The PCS: the jagged proof, BaseFold, Merkle paths, the FRI proof of work.
  expect_rejected<OuterConfig>(f.vk, f.proof, kind, [](V&, P& p) { bump(p.evaluation_proof.expected_eval); }, "jagged:");
  expect_rejected<OuterConfig>(
      f.vk, f.proof, kind, [](V&, P& p) { bump(p.evaluation_proof.sumcheck_proof.univariate_polys[0][1]); }, "jagged:");
  expect_rejected<OuterConfig>(
      f.vk, f.proof, kind,
      [](V&, P& p) { bump(p.evaluation_proof.pcs_proof.basefold_proof.univariate_messages[0][0]); }, "basefold:");
  expect_rejected<OuterConfig>(
      f.vk, f.proof, kind, [](V&, P& p) { p.evaluation_proof.pcs_proof.basefold_proof.pow_witness += wire::F::one(); },
      "basefold: proof-of-work");
  expect_rejected<OuterConfig>(
      f.vk, f.proof, kind,
      [](V&, P& p) {
        auto& paths = p.evaluation_proof.pcs_proof.basefold_proof.query_phase_openings_and_proofs[0].proof.paths;
        paths.values[0][0] += bn254::Fr::one();
      },
      "basefold:");
  // The wrap proof against the compress machine.
  expect_rejected<OuterConfig>(f.vk, f.proof, air::MachineKind::Compress, [](V&, P&) {}, "shape:");
}

}  // namespace
}  // namespace zkgpu::sp1::verifier
