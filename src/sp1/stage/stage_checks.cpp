#include "sp1/stage/stage_checks.hpp"

#include <string>

#include "sp1/errors.hpp"
#include "sp1/stage/compress_chain.hpp"
#include "sp1/stage/digests.hpp"
#include "sp1/stage/pinned.hpp"
#include "sp1/wire/recursion_public_values.hpp"

namespace zkgpu::sp1::stage {

namespace {

using wire::recursion_pv_field;

constexpr auto kCommittedValueDigest = recursion_pv_field("committed_value_digest");
constexpr auto kSp1VkDigest = recursion_pv_field("sp1_vk_digest");
constexpr auto kVkRoot = recursion_pv_field("vk_root");
constexpr auto kExitCode = recursion_pv_field("exit_code");
constexpr auto kDigest = recursion_pv_field("digest");
constexpr auto kProofNonce = recursion_pv_field("proof_nonce");

void append_field(std::vector<F>& out, const std::vector<F>& pvs, const wire::PublicValuesField& f) {
  out.insert(out.end(), pvs.begin() + f.offset, pvs.begin() + f.offset + f.length);
}

}  // namespace

void check_public_values_length(const std::vector<F>& public_values) {
  if (public_values.size() != wire::kRecursionPublicValuesCount) {
    throw Rejected("public values: " + std::to_string(public_values.size()) + " values, expected " +
                   std::to_string(wire::kRecursionPublicValuesCount));
  }
}

InnerDigest public_values_digest_field(const std::vector<F>& public_values, size_t offset) {
  check_public_values_length(public_values);
  InnerDigest d;
  for (size_t i = 0; i < d.size(); ++i) d[i] = public_values[offset + i];
  return d;
}

InnerDigest recursion_public_values_digest(const std::vector<F>& public_values) {
  check_public_values_length(public_values);
  return poseidon2_hash(std::span<const F>(public_values).first(kDigest.offset));
}

InnerDigest root_public_values_digest(const std::vector<F>& public_values) {
  check_public_values_length(public_values);
  std::vector<F> in;
  for (const auto& f : {kSp1VkDigest, kCommittedValueDigest, kExitCode, kVkRoot, kProofNonce}) {
    append_field(in, public_values, f);
  }
  return poseidon2_hash(in);
}

WrapStageReport check_wrap_public_values(const std::vector<F>& public_values, const WrapExpectations& expect) {
  check_public_values_length(public_values);
  if (public_values_digest_field(public_values, kDigest.offset) != root_public_values_digest(public_values)) {
    throw Rejected("public values: root public values digest mismatch");
  }
  WrapStageReport report{public_values_digest_field(public_values, kVkRoot.offset),
                         public_values_digest_field(public_values, kSp1VkDigest.offset), false};
  if (expect.vk_root != report.vk_root) throw Rejected("public values: vk_root mismatch");
  if (expect.program_vk_digest) {
    if (*expect.program_vk_digest != report.program_vk_digest) {
      throw Rejected("public values: program vk digest mismatch");
    }
    report.program_bound = true;
  }
  return report;
}

CompressWitnessReport check_compress_witness(const wire::CompressWitness& w, const CompressExpectations& expect) {
  const size_t n = w.vks_and_proofs.size();
  if (n == 0) throw Rejected("compress witness: no proofs");
  if (w.vk_merkle_proofs.size() != n || w.vk_digests.size() != n) {
    throw Rejected("compress witness: " + std::to_string(n) + " proofs but " +
                   std::to_string(w.vk_merkle_proofs.size()) + " vk Merkle proofs and " +
                   std::to_string(w.vk_digests.size()) + " vk digests");
  }
  if (w.vk_root != expect.vk_root) throw Rejected("compress witness: vk root is not the expected root");
  if (expect.require_complete && !w.is_complete) throw Rejected("compress witness: is_complete is not set");
  CompressWitnessReport report{w.vk_root, {}, w.is_complete, {}};
  std::vector<const std::vector<F>*> public_values;
  for (size_t i = 0; i < n; ++i) {
    const auto& [vk, proof] = w.vks_and_proofs[i];
    const std::string which = "compress witness: proof " + std::to_string(i) + ": ";
    const InnerDigest digest = vk_digest(vk);
    if (digest != w.vk_digests[i]) throw Rejected(which + "vk digest differs from the witness value");
    const size_t depth = w.vk_merkle_proofs[i].path.size();
    if (depth != kSp1VkMerkleDepth) {
      throw Rejected(which + "vk Merkle path has " + std::to_string(depth) + " levels, SP1's vk tree has " +
                     std::to_string(kSp1VkMerkleDepth));
    }
    if (!verify_vk_merkle_proof(w.vk_merkle_proofs[i], digest, w.vk_root)) {
      throw Rejected(which + "vk Merkle path does not reach the vk root");
    }
    if (proof.public_values.size() != wire::kRecursionPublicValuesCount) {
      throw Rejected(which + "public values: " + std::to_string(proof.public_values.size()) +
                     " values, expected " + std::to_string(wire::kRecursionPublicValuesCount));
    }
    if (public_values_digest_field(proof.public_values, kDigest.offset) !=
        recursion_public_values_digest(proof.public_values)) {
      throw Rejected(which + "recursion public values digest mismatch");
    }
    if (public_values_digest_field(proof.public_values, kVkRoot.offset) != w.vk_root) {
      throw Rejected(which + "public values name a different vk root");
    }
    report.vk_digests.push_back(digest);
    public_values.push_back(&proof.public_values);
  }
  report.aggregate = aggregate_compress_public_values(public_values, w.is_complete);
  if (w.is_complete) check_complete(report.aggregate);
  return report;
}

}  // namespace zkgpu::sp1::stage
