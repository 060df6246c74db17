// SP1's BN254 and BLS12-381 Fp operation chips (sp1/air/riscv/fp_op.hpp) and their
// traces (sp1/riscv/fp_traces.hpp), on a guest made here (curve_call_guest.hpp)
// calling FP_ADD, FP_SUB and FP_MUL on random operands: each chip has one row a
// call with its operation's flag; the shards hold every constraint and interaction
// in both builds with the global sums cancelling; a corrupted result cell is found
// at its chip and row; a written x that is not the result is refused; every
// column of a real row is constrained.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "curve_call_guest.hpp"
#include "riscv_precompile_harness.hpp"
#include "sp1/air/riscv/fp_op.hpp"
#include "sp1/riscv/fp_traces.hpp"
#include "zkvm/syscall_codes.hpp"

namespace zkgpu::sp1::riscv {
namespace {

using namespace test_support;
namespace pc = zkvm::precompiles;
using TraceFn = RiscvChipTrace (*)(const zkvm::ShardRecord&, const RiscvTraceOptions&);

struct Bn254 {
  using Ops = rv::Bn254FpOps;
  static constexpr uint32_t kAdd = zkvm::sys::BN254_FP_ADD, kSub = zkvm::sys::BN254_FP_SUB,
                            kMul = zkvm::sys::BN254_FP_MUL;
  static constexpr TraceFn trace = bn254_fp_trace;
};

struct Bls12381 {
  using Ops = rv::Bls12381FpOps;
  static constexpr uint32_t kAdd = zkvm::sys::BLS12381_FP_ADD, kSub = zkvm::sys::BLS12381_FP_SUB,
                            kMul = zkvm::sys::BLS12381_FP_MUL;
  static constexpr TraceFn trace = bls12381_fp_trace;
};

constexpr size_t kCallsEach = 5;

// Operands below p, placed as x (then a zero coordinate the calls ignore).
template <class C>
const GuestShards& guest() {
  static const GuestShards r = [] {
    using P = typename C::Ops::Field;
    const mpz_class p = pc::from_le(P::kModulus);
    std::mt19937_64 rng(7);
    gmp_randclass gmp(gmp_randinit_default);
    gmp.seed(rng());
    CurveCallGuest g(P::kLimbs);
    for (size_t i = 0; i < kCallsEach; ++i)
      for (const uint32_t code : {C::kAdd, C::kSub, C::kMul}) {
        const uint64_t x = g.put({gmp.get_z_range(p), 0}), y = g.put({gmp.get_z_range(p), 0});
        g.call(code, x, y);
      }
    return run_guest(g.elf(), C::Ops::kName, {}, 0);
  }();
  return r;
}

template <class C>
const zkvm::ShardRecord& shard_with_calls() {
  for (const zkvm::ShardRecord& s : guest<C>().shards)
    if (calls(s, C::kAdd) > 0) return s;
  throw std::runtime_error("no shard with the field's calls");
}

template <class C>
class Sp1RiscvFp : public ::testing::Test {};

struct FpNames {
  template <class C>
  static std::string GetName(int) {
    return C::Ops::kName;
  }
};

using Fields = ::testing::Types<Bn254, Bls12381>;
TYPED_TEST_SUITE(Sp1RiscvFp, Fields, FpNames);

// One row a call, its flag the call's operation; padding rows add.
TYPED_TEST(Sp1RiscvFp, OneRowACallFlaggedByItsOperation) {
  using C = TypeParam;
  constexpr auto& c = rv::FpOpChip<typename C::Ops, TrustMode::Supervisor, Features::Default>::kMain.head;
  const zkvm::ShardRecord& s = shard_with_calls<C>();
  EXPECT_EQ(calls(s, C::kAdd) + calls(s, C::kSub) + calls(s, C::kMul), 3 * kCallsEach);
  const RiscvChipTrace t = C::trace(s, options_for(TrustMode::Supervisor));
  EXPECT_EQ(t.rows, air::padded_height(3 * kCallsEach));
  size_t row = 0;
  for (const zkvm::PrecompileEvent& e : s.precompiles) {
    const Felt* r = t.main.data() + row++ * t.width;
    EXPECT_EQ(r[c.is_add], Felt::from_canonical(e.syscall.code == C::kAdd));
    EXPECT_EQ(r[c.is_sub], Felt::from_canonical(e.syscall.code == C::kSub));
    EXPECT_EQ(r[c.is_mul], Felt::from_canonical(e.syscall.code == C::kMul));
  }
  const Felt* pad = t.main.data() + (t.rows - 1) * t.width;
  EXPECT_EQ(pad[c.is_add], Felt::one());
  EXPECT_EQ(pad[c.is_real], Felt::zero());
}

TYPED_TEST(Sp1RiscvFp, ShardsHoldEveryConstraintAndInteraction) { expect_shards_hold(guest<TypeParam>()); }

TYPED_TEST(Sp1RiscvFp, EveryColumnMatters) {
  using C = TypeParam;
  using Chip = rv::FpOpChip<typename C::Ops, TrustMode::Supervisor, Features::Default>;
  const ChipCase<int> c{0, std::make_unique<air::ChipModel<Chip>>(), TrustMode::Supervisor, Features::Default,
                        Chip::kWidth, 0, "", ""};
  expect_every_column_matters(c, C::trace(shard_with_calls<C>(), options_for(TrustMode::Supervisor)), 3);
}

// A result limb changed on a real row or a padding row is reported at its chip and row.
TYPED_TEST(Sp1RiscvFp, CorruptedCellIsFoundAtItsChipAndRow) {
  using C = TypeParam;
  constexpr auto& m = rv::FpOpChip<typename C::Ops, TrustMode::Supervisor, Features::Default>::kMain;
  const ProgramTables tables = program_tables(guest<C>().program);
  const ShardTraces good = shard_traces(shard_with_calls<C>(), tables);
  for (const bool padding : {false, true}) expect_corrupted_cell_found(good, C::Ops::kName, m.tail.output.result[2], padding);
}

// A record whose written x is not x op y is refused.
TYPED_TEST(Sp1RiscvFp, WrongWrittenValueIsRefused) {
  using C = TypeParam;
  zkvm::ShardRecord s = shard_with_calls<C>();
  s.precompiles[0].memory[rv::kWordsFieldElement<typename C::Ops::Field>].value ^= 1;
  EXPECT_THROW(C::trace(s, options_for(TrustMode::Supervisor)), std::invalid_argument);
}

}  // namespace
}  // namespace zkgpu::sp1::riscv
