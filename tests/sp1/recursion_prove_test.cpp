// Recursion programs through the CPU shard provers: the traces of shipped and
// random programs (both machines) prove with LogUp-GKR and zerocheck, and the shard
// verifier's checks accept the proofs; a trace cell changed after execution is
// rejected.
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <fstream>
#include <sstream>
#include <string>

#include "recursion_program_files.hpp"

#include "sp1/errors.hpp"
#include "sp1/prover/chip_traces.hpp"
#include "sp1/prover/logup_gkr_prover.hpp"
#include "sp1/prover/recursion_shard.hpp"
#include "sp1/prover/zerocheck_prover.hpp"
#include "sp1/recursion/executor.hpp"
#include "sp1/recursion/random_program.hpp"
#include "sp1/recursion/text_format.hpp"
#include "sp1/recursion/traces.hpp"
#include "sp1/transcript/duplex_challenger.hpp"
#include "sp1/verifier/logup_gkr.hpp"
#include "sp1/verifier/zerocheck.hpp"

namespace zkgpu::sp1::recursion {
namespace {

using air::MachineKind;

struct Shard {
  std::vector<ChipTrace> traces;
  std::vector<Felt> public_values;
  std::vector<prover::ChipTrace> chips;  // in name order, as the verifier takes them
  size_t max_log_row_count = 0;
};

Shard shard(const Program& p, MachineKind kind) {
  const ExecutionRecord rec = execute(p);
  Shard s{generate_traces(air::machine(kind), p, rec), {rec.public_values.begin(), rec.public_values.end()}, {}, 0};
  const air::Machine& m = air::machine(kind);
  size_t max_rows = 1;
  for (size_t i = 0; i < m.chips.size(); ++i) {
    s.chips.push_back({m.chips[i].get(), {s.traces[i].main, s.traces[i].preprocessed, s.traces[i].rows}});
    max_rows = std::max(max_rows, s.traces[i].rows);
  }
  std::sort(s.chips.begin(), s.chips.end(),
            [](const prover::ChipTrace& a, const prover::ChipTrace& b) { return a.chip->name() < b.chip->name(); });
  s.max_log_row_count = size_t(std::bit_width(std::bit_ceil(max_rows)) - 1);
  return s;
}

transcript::DuplexChallenger challenger() {
  transcript::DuplexChallenger c;
  for (uint32_t i = 0; i < 5; ++i) c.observe(Felt::from_canonical(77 + i));  // stands for the commitments
  return c;
}

// "" when the verifier's GKR and zerocheck checks accept the provers' proofs.
std::string prove_and_verify(const Shard& s) {
  auto pc = challenger();
  const wire::LogupGkrProof gkr = prover::prove_logup_gkr(s.chips, s.max_log_row_count, s.public_values, pc);
  const prover::ZerocheckProof zc = prover::prove_zerocheck(s.chips, gkr, s.max_log_row_count, s.public_values, pc);
  verifier::ShardChips chips;
  for (const prover::ChipTrace& c : s.chips) {
    const std::string name(c.chip->name());
    chips.push_back({c.chip, &zc.opened_values.at(name), &gkr.chip_openings.at(name)});
  }
  auto vc = challenger();
  try {
    verifier::verify_logup_gkr(chips, gkr, s.max_log_row_count, s.public_values, vc);
    verifier::verify_zerocheck(chips, gkr, zc.sumcheck, s.max_log_row_count, s.public_values, vc);
  } catch (const Rejected& e) {
    return e.what();
  }
  return "";
}

TEST(Sp1RecursionProve, ShippedProgramsProveAndVerify) {
  const std::pair<const char*, MachineKind> cases[] = {
      {"poseidon2_chain.rasm", MachineKind::Compress}, {"ext_arithmetic.rasm", MachineKind::Compress},
      {"ext_arithmetic.rasm", MachineKind::Wrap},      {"selects.rasm", MachineKind::Compress},
      {"public_values.rasm", MachineKind::Wrap},       {"prefix_sum.rasm", MachineKind::Compress},
      {"hints.rasm", MachineKind::Compress},           {"wrap_poseidon2_steps.rasm", MachineKind::Wrap},
  };
  for (const auto& [file, kind] : cases)
    EXPECT_EQ(prove_and_verify(shard(load_program(test::recursion_program_text(file)), kind)), "")
        << file << " on " << air::machine_name(kind);
}

TEST(Sp1RecursionProve, RandomProgramsProveAndVerify) {
  for (MachineKind kind : {MachineKind::Compress, MachineKind::Wrap})
    for (uint64_t seed = 0; seed < 20; ++seed)
      EXPECT_EQ(prove_and_verify(shard(random_program(100 + seed, 300, kind), kind)), "")
          << "seed " << seed << " on " << air::machine_name(kind);
}

// The prover's shard makes its traces while the program executes; they are the
// traces of the record made first.
TEST(Sp1RecursionProve, ShardTracesAreThoseOfTheExecutedRecord) {
  for (const MachineKind kind : {MachineKind::Compress, MachineKind::Wrap})
    for (uint64_t seed = 1; seed <= 3; ++seed) {
      const Program p = random_program(seed, 3000 * seed, kind);
      const prover::RecursionShard made = prover::recursion_shard(p, kind);
      const Shard expected = shard(p, kind);
      ASSERT_EQ(made.traces.size(), expected.traces.size());
      for (size_t i = 0; i < made.traces.size(); ++i) {
        EXPECT_EQ(made.traces[i].rows, expected.traces[i].rows) << made.traces[i].name;
        EXPECT_EQ(made.traces[i].main, expected.traces[i].main) << made.traces[i].name;
        EXPECT_EQ(made.traces[i].preprocessed, expected.traces[i].preprocessed) << made.traces[i].name;
      }
      EXPECT_EQ(made.public_values, expected.public_values);
    }
}

TEST(Sp1RecursionProve, ChangedTraceCellIsRejected) {
  Shard s = shard(load_program(test::recursion_program_text("ext_arithmetic.rasm")), MachineKind::Compress);
  for (size_t i = 0; i < s.traces.size(); ++i)
    if (s.traces[i].name == "BaseAlu") s.traces[i].main[0] += Felt::one();  // row 0's out
  EXPECT_NE(prove_and_verify(s), "");
}

}  // namespace
}  // namespace zkgpu::sp1::recursion
