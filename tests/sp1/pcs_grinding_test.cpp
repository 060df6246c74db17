// The PCS's proof of work on the backend: the per-candidate test the CPU backend
// and the CUDA kernel share (math/poseidon2/duplex_grinding.hpp) agrees with the
// challenger's check_witness on passing and failing witnesses, from states with
// 0..8 queued inputs; StarkOps::grind_duplex and grind_pcs find the reference
// grinder's witness (the smallest) and leave the challenger as check_witness does.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "backends/cpu/stark_ops_cpu.hpp"
#include "math/poseidon2/duplex_grinding.hpp"
#include "math/poseidon2/host31.hpp"
#include "sp1/prover/grinding.hpp"
#include "sp1/prover/pcs_grinding.hpp"
#include "sp1/transcript/duplex_challenger.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu::sp1::prover {
namespace {

using transcript::DuplexChallenger;
using I = poseidon2::KoalaBear16;

// Challengers with 0..8 inputs queued after some history (8 queued: the duplex
// has just run), and one that has just sampled.
std::vector<DuplexChallenger> challengers(uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<DuplexChallenger> out;
  for (int queued = 0; queued <= 8; ++queued) {
    DuplexChallenger c;
    for (int i = 0; i < 11; ++i) c.observe(F::from_canonical(uint32_t(rng() % F::kP)));
    (void)c.sample();
    for (int i = 0; i < queued; ++i)
      c.observe(F::from_canonical(i == 0 ? 0 : i == 1 ? F::kP - 1 : uint32_t(rng() % F::kP)));
    out.push_back(c);
  }
  DuplexChallenger sampled = out[3];
  (void)sampled.sample_ext();
  out.push_back(sampled);
  return out;
}

TEST(Sp1PcsGrinding, CandidateTestIsCheckWitness) {
  std::mt19937_64 rng(3);
  for (const DuplexChallenger& c : challengers(1)) {
    const auto pending = c.pending_state();
    F start[16];
    for (int i = 0; i < 16; ++i) start[i] = pending[size_t(i)];
    for (unsigned bits : {1u, 3u, 6u}) {
      int passed = 0;
      for (int t = 0; t < 400; ++t) {
        const uint32_t w = t < 3 ? uint32_t(t == 2 ? F::kP - 1 : t) : uint32_t(rng() % F::kP);
        DuplexChallenger trial = c;
        const bool want = trial.check_witness(bits, F::from_canonical(w));
        const bool got = poseidon2::duplex_witness_passes<I>(start, c.queued_inputs(), w, (1u << bits) - 1,
                                                              poseidon2::kHostConstants<I>);
        ASSERT_EQ(got, want) << "queued " << c.queued_inputs() << " bits " << bits << " w " << w;
        passed += got;
      }
      EXPECT_GT(passed, 0) << "no witness passed: the comparison saw only failures";
      EXPECT_LT(passed, 400);
    }
  }
}

TEST(Sp1PcsGrinding, BackendSearchFindsTheReferenceWitness) {
  CpuStarkOps ops(2);
  const PcsProverContext ctx{ops, 2};
  for (const DuplexChallenger& c : challengers(2)) {
    for (unsigned bits : {0u, 1u, 5u, 9u, 12u}) {
      DuplexChallenger reference = c, ours = c;
      const F want = grind(reference, bits, 1);
      const F got = grind_pcs(ctx, ours, bits);
      ASSERT_EQ(got, want) << "queued " << c.queued_inputs() << " bits " << bits;
      EXPECT_EQ(ours.state(), reference.state());
      EXPECT_EQ(ours.sample(), reference.sample());
    }
  }
}

TEST(Sp1PcsGrinding, BadQueriesAreRejected) {
  CpuStarkOps ops(1);
  auto code_of = [&](const DuplexGrindQuery& q) {
    try {
      ops.grind_duplex(Field31::koalabear, q);
    } catch (const Error& e) {
      return e.code();
    }
    return ErrorCode::ok;
  };
  DuplexGrindQuery q;
  q.bits = 31;
  EXPECT_EQ(code_of(q), ErrorCode::invalid_argument);
  q.bits = 4;
  q.position = 8;
  EXPECT_EQ(code_of(q), ErrorCode::invalid_argument);
  q.position = 7;
  q.state[5] = F::kP;
  EXPECT_EQ(code_of(q), ErrorCode::invalid_argument);
  q.state[5] = F::kP - 1;
  EXPECT_EQ(code_of(q), ErrorCode::ok);
}

}  // namespace
}  // namespace zkgpu::sp1::prover
