#include "sp1/stage/verify_stage.hpp"

#include <chrono>
#include <string>

#include "sp1/errors.hpp"

namespace zkgpu::sp1::stage {

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

}  // namespace

WrapVerification verify_wrap(const wire::MachineVerifyingKey<wire::OuterConfig>& vk,
                             const wire::ShardProof<wire::OuterConfig>& proof, const WrapExpectations& expect) {
  check_public_values_length(proof.public_values);
  WrapVerification out;
  out.shard = verifier::verify_shard(vk, proof, air::MachineKind::Wrap);
  const auto t0 = Clock::now();
  out.stage = check_wrap_public_values(proof.public_values, expect);
  out.stage_ms = ms_since(t0);
  return out;
}

CompressWitnessVerification verify_compress_witness(const wire::CompressWitness& witness) {
  CompressWitnessVerification out;
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
  out.stage = check_compress_witness(witness);
  out.stage_ms = ms_since(t0);
  return out;
}

}  // namespace zkgpu::sp1::stage
