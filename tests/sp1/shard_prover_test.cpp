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

#include "recursion_program_files.hpp"

#include "backends/backend.hpp"
#include "math/sha256/sha256.hpp"
#include "sp1/air/chips/poseidon2_wide.hpp"
#include "sp1/errors.hpp"
#include "sp1/multilinear/eq.hpp"
#include "sp1/prover/pcs_device.hpp"
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
  return recursion::load_program(test::recursion_program_text(name));
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

// A PcsDevice that runs the host's tables and counts the calls: the seam a GPU
// implements is taken, in each of its four places, and changes no byte. Its
// stacked messages are resident on the host backend, as a GPU's are on its own:
// the later phases are handed them there.
class CountingPcsDevice final : public PcsDevice {
 public:
  explicit CountingPcsDevice(const PcsProverContext& host) : host_(host) {}
  std::unique_ptr<ResidentMatrix> stacked_message(std::span<const TraceTable> tables, unsigned log_stacking_height,
                                                  size_t width) const override {
    ++stack_calls;
    const std::vector<uint32_t> m = host_stacked_message(tables, log_stacking_height, width, host_.threads);
    return host_.ops.upload(Field31::koalabear, ConstMatrixView{m.data(), m.size() / width, width});
  }
  std::unique_ptr<multilinear::ProductSumcheckOracle> jagged_sumcheck(std::span<const StackedMessage> rounds,
                                                                      std::span<const uint64_t> prefix_sums,
                                                                      std::span<const EF> z_row,
                                                                      std::span<const EF> z_col,
                                                                      size_t log_m) const override {
    ++jagged_calls;
    std::vector<std::vector<uint32_t>> values;
    std::vector<StackedMessage> on_host;
    for (const StackedMessage& m : rounds) on_host.push_back({host_values(m, values.emplace_back()), m.height, m.width});
    return host_jagged_sumcheck(on_host, prefix_sums, z_row, z_col, log_m, host_.threads);
  }
  std::vector<EF> stacked_evaluations(const StackedMessage& message, std::span<const EF> point) const override {
    ++stacked_calls;
    std::vector<uint32_t> copy;
    const std::span<const uint32_t> values = host_values(message, copy);
    std::vector<EF> out;
    for (size_t k = 0; k < message.width; ++k) {
      std::vector<EF> column(message.height);
      for (size_t i = 0; i < message.height; ++i) column[i] = ext(F::from_canonical(values[i * message.width + k]));
      out.push_back(multilinear::mle_eval<EF>(column, point));
    }
    return out;
  }
  std::unique_ptr<FriFolder<InnerConfig>> fri_folder(std::span<const BasefoldCommitted<InnerConfig>* const> rounds,
                                                     std::span<const EF> coeffs, unsigned log_blowup) const override {
    ++fold_calls;
    return host_fri_folder<InnerConfig>(host_, rounds, coeffs, log_blowup);
  }
  mutable int stack_calls = 0, jagged_calls = 0, stacked_calls = 0, fold_calls = 0, resident_messages = 0;

 private:
  std::span<const uint32_t> host_values(const StackedMessage& m, std::vector<uint32_t>& copy) const {
    if (!m.resident) return m.values;
    ++resident_messages;
    copy.resize(m.height * m.width);
    host_.ops.download(*m.resident, MatrixView{copy.data(), m.height, m.width});
    return copy;
  }

  const PcsProverContext& host_;
};

TEST(Sp1ShardProver, PcsDeviceSeamIsTakenAndChangesNoByte) {
  const RecursionShard shard = recursion_shard(shipped("ext_arithmetic.rasm"), MachineKind::Compress);
  const auto backend = make_cpu_backend(2);
  const PcsProverContext host{backend->stark(), 2};
  const CountingPcsDevice device(host);
  const PcsProverContext ctx{backend->stark(), 2, nullptr, &device};
  const pcs::JaggedParams params = verifier::stage_params<InnerConfig>();
  const std::vector<ChipTrace> chips = shard.chips();
  const ShardProvingKey<InnerConfig> pk = setup_shard<InnerConfig>(ctx, params, chips, recursion_program_constants());
  const auto proof = wire::encode_shard_proof(prove_shard<InnerConfig>(ctx, params, pk, chips, shard.public_values));
  EXPECT_EQ(device.stack_calls, 2);  // the preprocessed and the main round
  EXPECT_EQ(device.jagged_calls, 1);
  EXPECT_EQ(device.stacked_calls, 2);
  EXPECT_EQ(device.fold_calls, 1);
  EXPECT_EQ(device.resident_messages, 4);  // both rounds, in the jagged tables and the stacked evaluations
  EXPECT_EQ(proof, prove<InnerConfig>(shard).proof);
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

// Every shipped program of the compress machine proves and verifies, and no
// program's vk verifies the next one's proof. (Each proof commits at SP1's
// stacking height, 2^20 rows, whatever the program's size: the tests keep the
// number of proofs small.)
TEST(Sp1ShardProver, ShippedProgramsProveAndVerifyUnderTheirVkOnly) {
  const char* files[] = {"poseidon2_chain.rasm", "ext_arithmetic.rasm", "selects.rasm",
                         "public_values.rasm",   "prefix_sum.rasm",     "hints.rasm"};
  std::vector<Proved> proved;
  for (const char* file : files) {
    proved.push_back(prove<InnerConfig>(recursion_shard(shipped(file), MachineKind::Compress)));
    EXPECT_EQ(verify<InnerConfig>(proved.back().vk, proved.back().proof, MachineKind::Compress), "") << file;
  }
  for (size_t i = 0; i < proved.size(); ++i) {
    const Proved& other = proved[(i + 1) % proved.size()];
    ASSERT_NE(proved[i].vk, other.vk);
    EXPECT_NE(verify<InnerConfig>(proved[i].vk, other.proof, MachineKind::Compress), "")
        << files[i] << "'s vk accepted the proof of the next program";
  }
}

// Random programs prove and verify; proving one again gives the same bytes.
TEST(Sp1ShardProver, RandomProgramsProveVerifyAndRepeat) {
  std::vector<Proved> proved;
  for (uint64_t seed = 0; seed < 2; ++seed) {
    proved.push_back(prove<InnerConfig>(
        recursion_shard(recursion::random_program(seed, 200, MachineKind::Compress), MachineKind::Compress)));
    EXPECT_EQ(verify<InnerConfig>(proved.back().vk, proved.back().proof, MachineKind::Compress), "") << "seed " << seed;
  }
  const Proved again = prove<InnerConfig>(
      recursion_shard(recursion::random_program(0, 200, MachineKind::Compress), MachineKind::Compress));
  EXPECT_EQ(again.vk, proved[0].vk);
  EXPECT_EQ(again.proof, proved[0].proof);
}

// The proof of one seeded random program is pinned by its SHA-256: a change to how
// the prover computes (parallel split, memoised evaluations) must not move a byte.
TEST(Sp1ShardProver, SeededProofBytesArePinned) {
  const Proved p = prove<InnerConfig>(
      recursion_shard(recursion::random_program(7, 300, MachineKind::Compress), MachineKind::Compress));
  EXPECT_EQ(crypto::to_hex(crypto::sha256(p.proof)), "09c9bf3f3facd40b2294fc9fc4d458eb63d755e7067f4645ba5f7fc58a1bedfa");
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

// Fault injection: one cell of a Poseidon2 row that no interaction reads (lane 0
// after the first internal round) changed after trace generation: the interactions
// still balance, one constraint fails; the prover still runs and the zerocheck
// rejects its proof.
TEST(Sp1ShardProver, ViolatedConstraintYieldsNoValidProof) {
  RecursionShard shard = recursion_shard(shipped("poseidon2_chain.rasm"), MachineKind::Compress);
  const size_t column = air::Poseidon2WideChip::kMain.internal_rounds_s0[0];
  bool changed = false;
  for (auto& t : shard.traces)
    if (t.name == air::Poseidon2WideChip::kName) {
      t.main[column] += F::one();  // row 0
      changed = true;
    }
  ASSERT_TRUE(changed);
  for (const ChipTrace& c : shard.chips()) {
    if (c.chip->name() != air::Poseidon2WideChip::kName) continue;
    ASSERT_TRUE(air::first_violation(*c.chip, c.trace, shard.public_values).has_value());
  }
  const Proved p = prove<InnerConfig>(shard);
  const std::string why = verify<InnerConfig>(p.vk, p.proof, MachineKind::Compress);
  EXPECT_TRUE(why.starts_with("rejected: zerocheck")) << why;
}

}  // namespace
}  // namespace zkgpu::sp1::prover
