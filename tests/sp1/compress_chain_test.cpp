// The compress program's checks across a batch and SP1's completeness checks, each
// made to fail alone: on the public values of SP1's compress witness (a complete
// execution), and on a two-proof batch built from them that chains correctly.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "fixture_files.hpp"
#include "sp1/errors.hpp"
#include "sp1/stage/compress_chain.hpp"
#include "sp1/stage/septic_digest.hpp"
#include "sp1/wire/decode.hpp"
#include "sp1/wire/recursion_public_values.hpp"

namespace zkgpu::sp1::stage {
namespace {

using wire::PublicValuesField;

PublicValuesField pv(std::string_view name) {
  for (const auto& f : wire::kRecursionPublicValues)
    if (f.name == name) return f;
  throw std::logic_error("no public value");
}

std::vector<F> witness_public_values() {
  const auto w =
      wire::decode_compress_witness(wire::read_artifact_file(test::fixture_path("proofs/shrink_input.bin")));
  return w.vks_and_proofs.at(0).proof.public_values;
}

void set(std::vector<F>& pvs, std::string_view name, uint32_t value, size_t limb = 0) {
  pvs[pv(name).offset + limb] = F::from_canonical(value);
}
void bump(std::vector<F>& pvs, std::string_view name, size_t limb = 0) {
  pvs[pv(name).offset + limb] = pvs[pv(name).offset + limb] + F::one();
}

std::string rejection(const std::function<void()>& f) {
  try {
    f();
  } catch (const Rejected& e) {
    return e.what();
  }
  return "(accepted)";
}

std::vector<F> aggregate(const std::vector<std::vector<F>>& batch, bool complete) {
  std::vector<const std::vector<F>*> ptrs;
  for (const auto& p : batch) ptrs.push_back(&p);
  return aggregate_compress_public_values(ptrs, complete);
}

TEST(Sp1CompressComplete, Sp1sCompleteProofPassesEachCheck) {
  SP1_FIXTURE(path, "proofs/shrink_input.bin");
  const auto pvs = witness_public_values();
  EXPECT_NO_THROW(check_complete(aggregate({pvs}, true)));
}

TEST(Sp1CompressComplete, EachCompletenessCheckFailsAlone) {
  SP1_FIXTURE(path, "proofs/shrink_input.bin");
  const auto good = witness_public_values();
  struct Case {
    const char* field;
    size_t limb;
    const char* message;
  };
  const Case cases[] = {
      {"prev_committed_value_digest", 5, "prev_committed_value_digest is not zero"},
      {"prev_deferred_proofs_digest", 0, "prev_deferred_proofs_digest is not zero"},
      {"next_pc", 0, "next_pc is not HALT_PC"},
      {"next_pc", 2, "next_pc is not HALT_PC"},
      {"initial_timestamp", 3, "initial_timestamp is not 1"},
      {"initial_timestamp", 0, "initial_timestamp is not 1"},
      {"previous_init_addr", 1, "previous_init_addr is not zero"},
      {"previous_finalize_addr", 0, "previous_finalize_addr is not zero"},
      {"previous_init_page_idx", 2, "previous_init_page_idx is not zero"},
      {"previous_finalize_page_idx", 0, "previous_finalize_page_idx is not zero"},
      {"start_reconstruct_deferred_digest", 4, "start_reconstruct_deferred_digest is not zero"},
      {"end_reconstruct_deferred_digest", 0, "end_reconstruct_deferred_digest differs from deferred_proofs_digest"},
      {"prev_deferred_proof", 0, "prev_deferred_proof is not zero"},
      {"prev_exit_code", 0, "prev_exit_code is not zero"},
      {"prev_commit_syscall", 0, "prev_commit_syscall is not zero"},
      {"prev_commit_deferred_syscall", 0, "prev_commit_deferred_syscall is not zero"},
      {"commit_syscall", 0, "commit_syscall is not 1"},
      {"commit_deferred_syscall", 0, "commit_deferred_syscall is not 1"},
      {"contains_first_shard", 0, "contains_first_shard is not 1"},
      {"global_cumulative_sum", 9, "global_cumulative_sum is not the zero digest"},
  };
  for (const Case& c : cases) {
    auto agg = aggregate({good}, true);
    bump(agg, c.field, c.limb);
    EXPECT_EQ(rejection([&] { check_complete(agg); }), std::string("completeness: ") + c.message) << c.field;
  }
  // Addresses never initialized or finalized: all three limbs zero.
  for (const char* field : {"last_init_addr", "last_finalize_addr"}) {
    auto agg = aggregate({good}, true);
    for (size_t limb = 0; limb < 3; ++limb) set(agg, field, 0, limb);
    EXPECT_EQ(rejection([&] { check_complete(agg); }), "completeness: " + std::string(field) + " is zero");
  }
}

// Two proofs: SP1's, then one that starts where it ends (and has no first shard).
std::vector<std::vector<F>> chained_pair(const std::vector<F>& first) {
  auto second = first;
  for (const auto& [prev, last] : {std::pair{"prev_committed_value_digest", "committed_value_digest"},
                                   {"prev_deferred_proofs_digest", "deferred_proofs_digest"},
                                   {"prev_deferred_proof", "deferred_proof"},
                                   {"pc_start", "next_pc"},
                                   {"initial_timestamp", "last_timestamp"},
                                   {"previous_init_addr", "last_init_addr"},
                                   {"previous_finalize_addr", "last_finalize_addr"},
                                   {"previous_init_page_idx", "last_init_page_idx"},
                                   {"previous_finalize_page_idx", "last_finalize_page_idx"},
                                   {"start_reconstruct_deferred_digest", "end_reconstruct_deferred_digest"},
                                   {"prev_exit_code", "exit_code"},
                                   {"prev_commit_syscall", "commit_syscall"},
                                   {"prev_commit_deferred_syscall", "commit_deferred_syscall"}}) {
    const auto p = pv(prev), l = pv(last);
    for (size_t i = 0; i < p.length; ++i) second[p.offset + i] = first[l.offset + i];
  }
  set(second, "contains_first_shard", 0);
  return {first, second};
}

TEST(Sp1CompressChain, AChainedPairAggregatesFromFirstToLast) {
  SP1_FIXTURE(path, "proofs/shrink_input.bin");
  const auto batch = chained_pair(witness_public_values());
  const auto agg = aggregate(batch, false);
  const auto n = pv("num_included_shard").offset;
  EXPECT_EQ(agg[n].to_canonical(), batch[0][n].to_canonical() + batch[1][n].to_canonical());
  EXPECT_EQ(agg[pv("pc_start").offset], batch[0][pv("pc_start").offset]);
  EXPECT_EQ(agg[pv("next_pc").offset], batch[1][pv("next_pc").offset]);
  EXPECT_EQ(agg[pv("contains_first_shard").offset], F::one());
}

TEST(Sp1CompressChain, EachChainingCheckFailsAlone) {
  SP1_FIXTURE(path, "proofs/shrink_input.bin");
  const auto good = chained_pair(witness_public_values());
  for (const char* field : {"prev_committed_value_digest", "prev_deferred_proofs_digest", "prev_deferred_proof",
                            "pc_start", "initial_timestamp", "previous_init_addr", "previous_finalize_addr",
                            "previous_init_page_idx", "previous_finalize_page_idx",
                            "start_reconstruct_deferred_digest", "prev_exit_code", "prev_commit_syscall",
                            "prev_commit_deferred_syscall"}) {
    auto batch = good;
    bump(batch[1], field, pv(field).length - 1);
    const std::string why = rejection([&] { aggregate(batch, false); });
    EXPECT_EQ(why.find("chain: proof 1: " + std::string(field) + " differs from the previous proof's"), 0u) << why;
  }
  for (const char* field : {"sp1_vk_digest", "proof_nonce"}) {
    auto batch = good;
    bump(batch[1], field);
    EXPECT_EQ(rejection([&] { aggregate(batch, false); }),
              "chain: proof 1: " + std::string(field) + " differs from proof 0's");
  }
}

TEST(Sp1CompressChain, ShardCountsAndFirstShardFlagsAreChecked) {
  SP1_FIXTURE(path, "proofs/shrink_input.bin");
  const auto good = chained_pair(witness_public_values());
  auto big = good;
  set(big[1], "num_included_shard", 1u << 24);
  EXPECT_EQ(rejection([&] { aggregate(big, false); }), "chain: proof 1: num_included_shard is not below 2^24");
  auto sum = good;
  set(sum[0], "num_included_shard", (1u << 24) - 1);
  set(sum[1], "num_included_shard", 1);
  EXPECT_EQ(rejection([&] { aggregate(sum, false); }), "chain: the batch's num_included_shard is not below 2^24");
  auto flag = good;
  set(flag[1], "contains_first_shard", 2);
  EXPECT_EQ(rejection([&] { aggregate(flag, false); }), "chain: proof 1: contains_first_shard is not boolean");
  auto twice = good;
  set(twice[1], "contains_first_shard", 1);
  EXPECT_EQ(rejection([&] { aggregate(twice, false); }), "chain: more than one proof contains the first shard");
}

TEST(Sp1SepticDigest, ZeroDigestsSumToZero) {
  // start + zero - zero + ... + zero - start: every step an incomplete addition on the curve.
  const SepticPoint zero = septic_digest_zero();
  EXPECT_EQ(sum_septic_digests({}), zero);
  for (size_t n : {1, 2, 3}) EXPECT_EQ(sum_septic_digests(std::vector<SepticPoint>(n, zero)), zero) << n;
  SepticPoint off = zero;
  off.y[0] = off.y[0] + F::one();
  EXPECT_NE(sum_septic_digests(std::vector<SepticPoint>{zero, off}), zero);
}

}  // namespace
}  // namespace zkgpu::sp1::stage
