// The shard prover with the CUDA StarkOps (encoding, Merkle trees, openings and
// proofs of work on the GPU) gives the same vk and proof bytes as with the CPU
// StarkOps, for a shipped recursion program and a random one; the proofs verify.
// Skips without a CUDA device.
#include <cuda_runtime_api.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "backends/cpu/stark_ops_cpu.hpp"
#include "backends/cuda/stark_ops_cuda.hpp"
#include "sp1/prover/recursion_shard.hpp"
#include "sp1/recursion/random_program.hpp"
#include "sp1/recursion/text_format.hpp"
#include "sp1/verifier/shard_verifier.hpp"
#include "sp1/wire/encode.hpp"
#include "tests/gpu/gpu_test_util.hpp"
#include "tests/gpu/stark_gpu_fixture.hpp"
#include "tests/sp1/recursion_program_files.hpp"

namespace zkgpu::sp1::prover {
namespace {

using wire::InnerConfig;

struct Proved {
  std::vector<uint8_t> vk, proof;
};

template <class C>
Proved prove(StarkOps& ops, const RecursionShard& shard) {
  const PcsProverContext ctx{ops, 2};
  const pcs::JaggedParams params = verifier::stage_params<C>();
  const std::vector<ChipTrace> chips = shard.chips();
  const ShardProvingKey<C> pk = setup_shard<C>(ctx, params, chips, recursion_program_constants());
  const wire::ShardProof<C> proof = prove_shard<C>(ctx, params, pk, chips, shard.public_values);
  verifier::verify_shard(pk.vk, proof, shard.machine);
  return {wire::encode_vk(pk.vk), wire::encode_shard_proof(proof)};
}

class Sp1ProverGpu : public gpu_test::StarkGpuTest {
 protected:
  template <class C>
  void expect_same_bytes(const RecursionShard& shard, const std::string& what) {
    CpuStarkOps cpu(2);
    const Proved want = prove<C>(cpu, shard);
    const Proved got = prove<C>(*gpu_, shard);
    EXPECT_EQ(got.vk, want.vk) << what;
    EXPECT_EQ(got.proof, want.proof) << what;
  }

};

TEST_F(Sp1ProverGpu, ShippedProgramSameBytesAsCpu) {
  const auto program = recursion::load_program(test::recursion_program_text("poseidon2_chain.rasm"));
  expect_same_bytes<InnerConfig>(recursion_shard(program, air::MachineKind::Compress), "poseidon2_chain.rasm");
}

TEST_F(Sp1ProverGpu, RandomProgramSameBytesAsCpu) {
  const auto program = recursion::random_program(5, size_t(1) << 12, air::MachineKind::Compress);
  expect_same_bytes<InnerConfig>(recursion_shard(program, air::MachineKind::Compress), "random seed 5");
}

}  // namespace
}  // namespace zkgpu::sp1::prover
