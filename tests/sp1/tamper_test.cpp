// SP1's real proofs with one thing changed are rejected, each kind of change on
// both fixtures (wrap: outer configuration; compress witness: inner), and single
// byte flips at random offsets end in a ParseError or Rejected, never anything else.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <random>

#include "fixture_digests.hpp"
#include "fixture_files.hpp"
#include "sp1/stage/digests.hpp"
#include "sp1/errors.hpp"
#include "sp1/stage/verify_stage.hpp"
#include "sp1/wire/decode.hpp"
#include "sp1/wire/recursion_public_values.hpp"

namespace zkgpu::sp1 {
namespace {

using wire::EF;
using wire::F;
using wire::InnerConfig;
using wire::OuterConfig;

struct Fixtures {
  std::vector<uint8_t> wrap_vk_bytes, wrap_proof_bytes, witness_bytes;
  wire::MachineVerifyingKey<OuterConfig> wrap_vk;
  wire::ShardProof<OuterConfig> wrap_proof;
  wire::CompressWitness witness;
};

// Decoded once for the whole suite; nullptr when the fixtures are absent.
const Fixtures* fixtures() {
  static const std::unique_ptr<Fixtures> f = [] {
    const auto dir = test::fixture_path("proofs");
    if (!std::filesystem::exists(dir / "shrink_input.bin")) return std::unique_ptr<Fixtures>();
    auto f = std::make_unique<Fixtures>();
    f->wrap_vk_bytes = wire::read_artifact_file(dir / "wrap_vk.bin");
    f->wrap_proof_bytes = wire::read_artifact_file(dir / "wrapped_proof.bin");
    f->witness_bytes = wire::read_artifact_file(dir / "shrink_input.bin");
    f->wrap_vk = wire::decode_vk<OuterConfig>(f->wrap_vk_bytes);
    f->wrap_proof = wire::decode_shard_proof<OuterConfig>(f->wrap_proof_bytes);
    f->witness = wire::decode_compress_witness(f->witness_bytes);
    return f;
  }();
  return f.get();
}

#define SP1_FIXTURES_OR_SKIP(f)                                     \
  const Fixtures* f = fixtures();                                   \
  if (!f) {                                                         \
    SP1_FIXTURE(missing_, "proofs/shrink_input.bin");       \
  }

void bump(F& x) { x = x + F::one(); }
void bump(EF& x) { x.c[0] = x.c[0] + F::one(); }
void bump(bn254::Fr& x) { x = x + bn254::Fr::one(); }
template <class T, size_t N>
void bump(std::array<T, N>& a) {
  bump(a[0]);
}

// One change applied the same way to either configuration's vk and proof.
struct Tamper {
  const char* what;
  std::function<void(wire::MachineVerifyingKey<OuterConfig>&, wire::ShardProof<OuterConfig>&)> outer;
  std::function<void(wire::MachineVerifyingKey<InnerConfig>&, wire::ShardProof<InnerConfig>&)> inner;
};

#define TAMPER(what, body)                                                                    \
  Tamper {                                                                                    \
    what, [](auto& vk, auto& proof) { (void)vk, (void)proof; body; },                         \
        [](auto& vk, auto& proof) { (void)vk, (void)proof; body; }                            \
  }

constexpr size_t kCommittedValueDigest = wire::recursion_pv_field("committed_value_digest").offset;
constexpr size_t kExitCode = wire::recursion_pv_field("exit_code").offset;

std::vector<Tamper> tampers() {
  return {
      TAMPER("public value (committed_value_digest[0])", bump(proof.public_values[kCommittedValueDigest])),
      TAMPER("public value (exit_code)", bump(proof.public_values[kExitCode])),
      TAMPER("main commitment", bump(proof.main_commitment)),
      TAMPER("opened value (main)", bump(proof.opened_values.begin()->second.main[0])),
      TAMPER("opened value (preprocessed)", bump(proof.opened_values.rbegin()->second.preprocessed[1])),
      TAMPER("opened value (degree bit)", bump(proof.opened_values.begin()->second.degree.back())),
      TAMPER("zerocheck round polynomial coefficient", bump(proof.zerocheck_proof.univariate_polys[7][1])),
      TAMPER("zerocheck claimed sum", bump(proof.zerocheck_proof.claimed_sum)),
      TAMPER("zerocheck point", bump(proof.zerocheck_proof.point[0])),
      TAMPER("GKR circuit output", bump(proof.logup_gkr_proof.output_numerator.values[0])),
      TAMPER("GKR layer value", bump(proof.logup_gkr_proof.round_proofs[3].numerator_0)),
      TAMPER("GKR layer denominator", bump(proof.logup_gkr_proof.round_proofs.back().denominator_1)),
      TAMPER("GKR round sumcheck coefficient",
             bump(proof.logup_gkr_proof.round_proofs[5].sumcheck_proof.univariate_polys[2][0])),
      TAMPER("GKR chip evaluation",
             bump(proof.logup_gkr_proof.chip_openings.begin()->second.main_trace_evaluations.values[0])),
      TAMPER("GKR grinding witness", bump(proof.logup_gkr_proof.witness)),
      TAMPER("jagged sumcheck coefficient", bump(proof.evaluation_proof.sumcheck_proof.univariate_polys[3][1])),
      TAMPER("jagged evaluation sumcheck coefficient",
             bump(proof.evaluation_proof.jagged_eval_proof.univariate_polys[2][0])),
      TAMPER("jagged expected evaluation", bump(proof.evaluation_proof.expected_eval)),
      TAMPER("jagged row count", ++proof.evaluation_proof.row_counts_and_column_counts[1][0].first),
      TAMPER("jagged round commitment", bump(proof.evaluation_proof.merkle_tree_commitments[0])),
      TAMPER("stacked batch evaluation", bump(proof.evaluation_proof.pcs_proof.batch_evaluations[1].values[2])),
      TAMPER("BaseFold sumcheck message", bump(proof.evaluation_proof.pcs_proof.basefold_proof.univariate_messages[4][1])),
      TAMPER("BaseFold final polynomial", bump(proof.evaluation_proof.pcs_proof.basefold_proof.final_poly)),
      TAMPER("FRI commitment", bump(proof.evaluation_proof.pcs_proof.basefold_proof.fri_commitments[2])),
      TAMPER("BaseFold opened value",
             bump(proof.evaluation_proof.pcs_proof.basefold_proof.component_polynomials_query_openings_and_proofs[0]
                      .values.values[3])),
      TAMPER("FRI query opened value",
             bump(proof.evaluation_proof.pcs_proof.basefold_proof.query_phase_openings_and_proofs[1].values.values[0])),
      TAMPER("Merkle sibling",
             bump(proof.evaluation_proof.pcs_proof.basefold_proof.component_polynomials_query_openings_and_proofs[1]
                      .proof.paths.values[5])),
      TAMPER("Merkle sibling (FRI query)",
             bump(proof.evaluation_proof.pcs_proof.basefold_proof.query_phase_openings_and_proofs[3].proof.paths.values[0])),
      TAMPER("PoW witness", bump(proof.evaluation_proof.pcs_proof.basefold_proof.pow_witness)),
      TAMPER("batch grinding witness", bump(proof.evaluation_proof.pcs_proof.basefold_proof.batch_grinding_witness)),
      TAMPER("vk pc_start", bump(vk.pc_start[0])),
      TAMPER("vk preprocessed commitment", bump(vk.preprocessed_commit)),
      TAMPER("vk initial cumulative sum", bump(vk.initial_global_cumulative_sum_x[2])),
      TAMPER("vk untrusted-programs flag", bump(vk.untrusted_config.enable_untrusted_programs)),
      TAMPER("chip removed", proof.opened_values.erase(proof.opened_values.begin())),
  };
}

// SP1's wrap fixture under the root and program it was made for, with any wrap vk
// accepted so that the altered vks reach the shard verifier's transcript.
stage::WrapPolicy wrap_policy() {
  return {true, stage::digest_from_bytes32_hex(test::kWrapFixtureVkRoot),
          stage::digest_from_bytes32_hex(test::kWrapFixtureProgram), false};
}

std::string rejection(const std::function<void()>& verify) {
  try {
    verify();
  } catch (const Rejected& e) {
    return e.what();
  }
  return "";
}

TEST(Sp1Tamper, UntouchedFixturesVerify) {
  SP1_FIXTURES_OR_SKIP(f);
  EXPECT_NO_THROW(stage::verify_wrap(f->wrap_vk, f->wrap_proof, wrap_policy()));
  EXPECT_NO_THROW(stage::verify_compress_witness(f->witness, {}));
}

TEST(Sp1Tamper, EachAlteredWrapValueIsRejected) {
  SP1_FIXTURES_OR_SKIP(f);
  for (const auto& t : tampers()) {
    auto vk = f->wrap_vk;
    auto proof = f->wrap_proof;
    t.outer(vk, proof);
    const std::string why = rejection([&] { stage::verify_wrap(vk, proof, wrap_policy()); });
    EXPECT_FALSE(why.empty()) << "wrap: " << t.what << " accepted";
    RecordProperty(std::string("wrap: ") + t.what, why);
  }
}

TEST(Sp1Tamper, EachAlteredCompressValueIsRejected) {
  SP1_FIXTURES_OR_SKIP(f);
  for (const auto& t : tampers()) {
    auto w = f->witness;
    auto& [vk, proof] = w.vks_and_proofs[0];
    t.inner(vk, proof);
    const std::string why = rejection([&] { stage::verify_compress_witness(w, {}); });
    EXPECT_FALSE(why.empty()) << "compress: " << t.what << " accepted";
    RecordProperty(std::string("compress: ") + t.what, why);
  }
}

TEST(Sp1Tamper, WrapProofAgainstTheCompressMachineIsRejected) {
  SP1_FIXTURES_OR_SKIP(f);
  EXPECT_THROW(verifier::verify_shard(f->wrap_vk, f->wrap_proof, air::MachineKind::Compress), Rejected);
  const auto& [vk, proof] = f->witness.vks_and_proofs[0];
  EXPECT_THROW(verifier::verify_shard(vk, proof, air::MachineKind::Wrap), Rejected);
}

// Flips one byte at `count` random offsets (fixed seed) and runs `verify` on each
// result. Returns how many ended in a ParseError and how many in Rejected; any
// other outcome fails the test.
std::pair<int, int> flip_bytes(const std::vector<uint8_t>& original, int count, uint64_t seed,
                               const std::function<void(const std::vector<uint8_t>&)>& verify) {
  std::mt19937_64 rng(seed);
  int parse = 0, rejected = 0;
  for (int i = 0; i < count; ++i) {
    auto bytes = original;
    const size_t at = rng() % bytes.size();
    bytes[at] ^= uint8_t(1 + rng() % 255);
    try {
      verify(bytes);
      ADD_FAILURE() << "byte " << at << " flipped, still accepted";
    } catch (const ParseError&) {
      ++parse;
    } catch (const Rejected&) {
      ++rejected;
    }
  }
  return {parse, rejected};
}

TEST(Sp1Tamper, ByteFlipsInTheWrapProofAreRejected) {
  SP1_FIXTURES_OR_SKIP(f);
  const auto [parse, rejected] = flip_bytes(f->wrap_proof_bytes, 200, 1, [&](const std::vector<uint8_t>& b) {
    stage::verify_wrap(f->wrap_vk, wire::decode_shard_proof<OuterConfig>(b), wrap_policy());
  });
  RecordProperty("parse_errors", parse);
  RecordProperty("rejected", rejected);
}

TEST(Sp1Tamper, ByteFlipsInTheWrapVkAreRejected) {
  SP1_FIXTURES_OR_SKIP(f);
  // The vk is 112 bytes: every one of them, each with one value.
  std::vector<uint8_t> bytes = f->wrap_vk_bytes;
  for (size_t at = 0; at < bytes.size(); ++at) {
    auto b = bytes;
    b[at] ^= 0x01;
    try {
      stage::verify_wrap(wire::decode_vk<OuterConfig>(b), f->wrap_proof, wrap_policy());
      ADD_FAILURE() << "vk byte " << at << " flipped, still accepted";
    } catch (const ParseError&) {
    } catch (const Rejected&) {
    }
  }
}

TEST(Sp1Tamper, ByteFlipsInTheCompressWitnessAreRejected) {
  SP1_FIXTURES_OR_SKIP(f);
  const auto [parse, rejected] = flip_bytes(f->witness_bytes, 200, 2, [](const std::vector<uint8_t>& b) {
    stage::verify_compress_witness(wire::decode_compress_witness(b), {});
  });
  RecordProperty("parse_errors", parse);
  RecordProperty("rejected", rejected);
}

}  // namespace
}  // namespace zkgpu::sp1
