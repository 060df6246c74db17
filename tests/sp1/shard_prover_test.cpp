// The whole shard prover on the CPU, judged by the shard verifier: shipped and
// random recursion programs prove (setup's vk, the proof through SP1's bincode) and
// verify; a vk of one program does not verify another's proof; flipped bits of a
// proof's bytes never verify; a trace with a violated constraint yields no proof
// that verifies; the same program gives the same bytes.
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "backends/backend.hpp"
#include "sp1/errors.hpp"
#include "sp1/prover/recursion_shard.hpp"
#include "sp1/recursion/random_program.hpp"
#include "sp1/recursion/text_format.hpp"
#include "sp1/verifier/shard_verifier.hpp"
#include "sp1/wire/decode.hpp"
#include "sp1/wire/encode.hpp"

namespace zkgpu::sp1::prover {
namespace {

using air::MachineKind;
using wire::InnerConfig;

recursion::Program shipped(const std::string& name) {
  std::ifstream in(std::string(ZKGPU_RECURSION_PROGRAMS_DIR) + "/" + name);
  if (!in) throw std::runtime_error("cannot open " + name);
  std::stringstream s;
  s << in.rdbuf();
  return recursion::load_program(s.str());
}

struct Proved {
  std::vector<uint8_t> vk, proof;
};

template <class C>
Proved prove(const RecursionShard& shard) {
  const auto backend = make_cpu_backend(2);
  const PcsProverContext ctx{backend->stark(), 2};
  const pcs::JaggedParams params = verifier::stage_params<C>();
  const std::vector<ChipTrace> chips = shard.chips();
  const ShardProvingKey<C> pk = setup_shard<C>(ctx, params, chips, recursion_program_constants());
  const wire::ShardProof<C> proof = prove_shard<C>(ctx, params, pk, chips, shard.public_values);
  return {wire::encode_vk(pk.vk), wire::encode_shard_proof(proof)};
}

// "" when the decoded vk and proof verify, else the rejection (or parse error).
template <class C>
std::string verify(const std::vector<uint8_t>& vk, const std::vector<uint8_t>& proof, MachineKind kind) {
  try {
    verifier::verify_shard(wire::decode_vk<C>(vk), wire::decode_shard_proof<C>(proof), kind);
  } catch (const Rejected& e) {
    return std::string("rejected: ") + e.what();
  } catch (const ParseError& e) {
    return std::string("malformed: ") + e.what();
  }
  return "";
}

TEST(Sp1ShardProver, ShippedProgramsProveAndVerify) {
  const std::pair<const char*, MachineKind> cases[] = {
      {"poseidon2_chain.rasm", MachineKind::Compress}, {"ext_arithmetic.rasm", MachineKind::Compress},
      {"selects.rasm", MachineKind::Compress},         {"public_values.rasm", MachineKind::Compress},
      {"prefix_sum.rasm", MachineKind::Compress},      {"hints.rasm", MachineKind::Compress},
  };
  for (const auto& [file, kind] : cases) {
    const Proved p = prove<InnerConfig>(recursion_shard(shipped(file), kind));
    EXPECT_EQ(verify<InnerConfig>(p.vk, p.proof, kind), "") << file;
  }
}

TEST(Sp1ShardProver, RandomProgramsProveAndVerify) {
  for (uint64_t seed = 0; seed < 4; ++seed) {
    const Proved p = prove<InnerConfig>(recursion_shard(recursion::random_program(seed, 200, MachineKind::Compress),
                                                        MachineKind::Compress));
    EXPECT_EQ(verify<InnerConfig>(p.vk, p.proof, MachineKind::Compress), "") << "seed " << seed;
  }
}

TEST(Sp1ShardProver, SameProgramSameBytes) {
  const auto program = recursion::random_program(7, 200, MachineKind::Compress);
  const Proved a = prove<InnerConfig>(recursion_shard(program, MachineKind::Compress));
  const Proved b = prove<InnerConfig>(recursion_shard(program, MachineKind::Compress));
  EXPECT_EQ(a.vk, b.vk);
  EXPECT_EQ(a.proof, b.proof);
}

TEST(Sp1ShardProver, VkOfAnotherProgramRejects) {
  const Proved a = prove<InnerConfig>(recursion_shard(shipped("ext_arithmetic.rasm"), MachineKind::Compress));
  const Proved b = prove<InnerConfig>(recursion_shard(shipped("selects.rasm"), MachineKind::Compress));
  ASSERT_NE(a.vk, b.vk);
  EXPECT_NE(verify<InnerConfig>(a.vk, b.proof, MachineKind::Compress), "");
  EXPECT_NE(verify<InnerConfig>(b.vk, a.proof, MachineKind::Compress), "");
}

TEST(Sp1ShardProver, FlippedBitsNeverVerify) {
  const Proved p = prove<InnerConfig>(recursion_shard(shipped("poseidon2_chain.rasm"), MachineKind::Compress));
  ASSERT_EQ(verify<InnerConfig>(p.vk, p.proof, MachineKind::Compress), "");
  std::mt19937_64 gen(17);
  for (int trial = 0; trial < 64; ++trial) {
    std::vector<uint8_t> bad = p.proof;
    const size_t bit = gen() % (bad.size() * 8);
    bad[bit / 8] ^= uint8_t(1u << (bit % 8));
    EXPECT_NE(verify<InnerConfig>(p.vk, bad, MachineKind::Compress), "") << "bit " << bit << " of " << bad.size() * 8;
  }
}

// Fault injection: one cell of BaseAlu's first row changed after trace generation
// breaks its constraint (out = in1 op in2); the prover still runs, the proof fails.
TEST(Sp1ShardProver, ViolatedConstraintYieldsNoValidProof) {
  RecursionShard shard = recursion_shard(shipped("ext_arithmetic.rasm"), MachineKind::Compress);
  bool changed = false;
  for (auto& t : shard.traces)
    if (t.name == "BaseAlu") {
      t.main[0] += F::one();
      changed = true;
    }
  ASSERT_TRUE(changed);
  const Proved p = prove<InnerConfig>(shard);
  EXPECT_NE(verify<InnerConfig>(p.vk, p.proof, MachineKind::Compress), "");
}

}  // namespace
}  // namespace zkgpu::sp1::prover
