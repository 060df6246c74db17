#include "sp1/stage/verify_stage.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string>

#include "sp1/errors.hpp"
#include "sp1/stage/pinned.hpp"
#include "sp1/wire/encode.hpp"

namespace zkgpu::sp1::stage {

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

bool is_sp1_wrap_vk(const wire::MachineVerifyingKey<wire::OuterConfig>& vk) {
  const std::vector<uint8_t> bytes = wire::encode_vk(vk);
  return std::ranges::equal(bytes, sp1_wrap_vk_bytes(vk.variant()));
}

}  // namespace

WrapVerification verify_wrap(const wire::MachineVerifyingKey<wire::OuterConfig>& vk,
                             const wire::ShardProof<wire::OuterConfig>& proof, const WrapPolicy& policy) {
  if (!policy.program_vk_digest && !policy.any_program) {
    throw std::invalid_argument("verify_wrap: give the program vk digest, or allow any program");
  }
  WrapVerification out;
  out.variant = vk.variant();
  out.sp1_wrap_vk = is_sp1_wrap_vk(vk);
  if (!out.sp1_wrap_vk && !policy.any_wrap_vk) {
    throw Rejected("wrap vk: not SP1 v6.4's wrap vk for the " + std::string(wire::variant_name(out.variant)) +
                   " build");
  }
  out.vk_root_pinned = !policy.vk_root;
  const WrapExpectations expect{expected_vk_root(out.variant, policy.vk_root), policy.program_vk_digest};
  check_public_values_length(proof.public_values);
  out.shard = verifier::verify_shard(vk, proof, air::MachineKind::Wrap);
  const auto t0 = Clock::now();
  out.stage = check_wrap_public_values(proof.public_values, expect);
  out.stage_ms = ms_since(t0);
  return out;
}

CompressWitnessVerification verify_compress_witness(const wire::CompressWitness& witness,
                                                    const CompressPolicy& policy) {
  CompressWitnessVerification out;
  if (!witness.vks_and_proofs.empty()) out.variant = witness.vks_and_proofs.front().vk.variant();
  out.vk_root_pinned = !policy.vk_root;
  const CompressExpectations expect{expected_vk_root(out.variant, policy.vk_root), !policy.allow_incomplete};
  for (size_t i = 0; i < witness.vks_and_proofs.size(); ++i) {
    const auto& [vk, proof] = witness.vks_and_proofs[i];
    try {
      check_public_values_length(proof.public_values);
      out.shards.push_back(verifier::verify_shard(vk, proof, air::MachineKind::Compress));
    } catch (const Rejected& e) {
      throw Rejected("proof " + std::to_string(i) + ": " + e.what());
    }
  }
  const auto t0 = Clock::now();
  out.stage = check_compress_witness(witness, expect);
  out.stage_ms = ms_since(t0);
  return out;
}

}  // namespace zkgpu::sp1::stage
