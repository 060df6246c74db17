// SP1's BN254 and BLS12-381 Fp2 operation chips (sp1/air/riscv/fp2_op.hpp) and
// their traces (sp1/riscv/fp2_traces.hpp), on a guest made here
// (curve_call_guest.hpp) calling FP2_ADD, FP2_SUB and FP2_MUL on random operands:
// the chips' widths are SP1's; the AddSub chip has one row a call of ADD or SUB
// (SP1 files both under FP2_ADD, so one precompile shard holds both) flagged by
// its operation, the Mul chip one row a MUL call; the written x is x op y in Fp2;
// the shards hold every constraint and interaction in both builds with the global
// sums cancelling; a corrupted result cell is found at its chip and row; a
// written x that is not the result is refused; every column of a real row is
// constrained.
#include <gtest/gtest.h>

#include <array>
#include <random>
#include <string>

#include "curve_call_guest.hpp"
#include "riscv_precompile_harness.hpp"
#include "sp1/air/riscv/fp2_op.hpp"
#include "sp1/riscv/field_populate.hpp"
#include "sp1/riscv/fp2_traces.hpp"
#include "zkvm/syscall_codes.hpp"

namespace zkgpu::sp1::riscv {
namespace {

using namespace test_support;
namespace pc = zkvm::precompiles;
using TraceFn = RiscvChipTrace (*)(const zkvm::ShardRecord&, const RiscvTraceOptions&);

// Constraints: rv64im_complexity.json / _mprotect.json, {AddSub, AddSub User, Mul,
// Mul User}.
struct Bn254 {
  using Ops = rv::Bn254Fp2Ops;
  static constexpr std::array<size_t, 4> kConstraints{415, 498, 666, 749}, kConstraintsMprotect{416, 498, 667, 749};
  static constexpr uint32_t kAdd = zkvm::sys::BN254_FP2_ADD, kSub = zkvm::sys::BN254_FP2_SUB,
                            kMul = zkvm::sys::BN254_FP2_MUL;
  static constexpr TraceFn addsub = bn254_fp2_addsub_trace, mul = bn254_fp2_mul_trace;
  // rv64im_costs.json.
  static constexpr size_t kAddSubWidth = 592, kMulWidth = 1095;
};

struct Bls12381 {
  using Ops = rv::Bls12381Fp2Ops;
  static constexpr std::array<size_t, 4> kConstraints{615, 698, 994, 1077}, kConstraintsMprotect{616, 698, 995, 1077};
  static constexpr uint32_t kAdd = zkvm::sys::BLS12381_FP2_ADD, kSub = zkvm::sys::BLS12381_FP2_SUB,
                            kMul = zkvm::sys::BLS12381_FP2_MUL;
  static constexpr TraceFn addsub = bls12381_fp2_addsub_trace, mul = bls12381_fp2_mul_trace;
  static constexpr size_t kAddSubWidth = 880, kMulWidth = 1639;
};

template <class C>
using AddSubChip = rv::Fp2AddSubChip<typename C::Ops, TrustMode::Supervisor, Features::Default>;
template <class C>
using MulChip = rv::Fp2MulChip<typename C::Ops, TrustMode::Supervisor, Features::Default>;

constexpr size_t kCallsEach = 5;

// Operands below p (SP1's SUB needs no coordinate of y above x's plus p).
template <class C>
const GuestShards& guest() {
  static const GuestShards r = [] {
    using P = typename C::Ops::Field;
    const mpz_class p = pc::from_le(P::kModulus);
    std::mt19937_64 rng(11);
    gmp_randclass gmp(gmp_randinit_default);
    gmp.seed(rng());
    CurveCallGuest g(P::kLimbs);
    for (size_t i = 0; i < kCallsEach; ++i)
      for (const uint32_t code : {C::kAdd, C::kSub, C::kMul}) {
        const uint64_t x = g.put({gmp.get_z_range(p), gmp.get_z_range(p)});
        const uint64_t y = g.put({gmp.get_z_range(p), gmp.get_z_range(p)});
        g.call(code, x, y);
      }
    return run_guest(g.elf(), C::Ops::kAddSubName, {}, 0);
  }();
  return r;
}

template <class C>
const zkvm::ShardRecord& shard_with(uint32_t code) {
  for (const zkvm::ShardRecord& s : guest<C>().shards)
    if (calls(s, code) > 0) return s;
  throw std::runtime_error("no shard with the field's calls");
}

// A call's x before (or, with `written`, after) as c0 + c1 u.
template <class C>
std::pair<mpz_class, mpz_class> x_of(const zkvm::PrecompileEvent& e, bool written) {
  constexpr size_t w = rv::kWordsFieldElement<typename C::Ops::Field>;
  std::vector<uint64_t> c0(w), c1(w);
  for (size_t i = 0; i < w; ++i) {
    const zkvm::MemoryAccess& a0 = e.memory[2 * w + i];
    const zkvm::MemoryAccess& a1 = e.memory[3 * w + i];
    c0[i] = written ? a0.value : a0.prev_value;
    c1[i] = written ? a1.value : a1.prev_value;
  }
  return {from_le_words(c0), from_le_words(c1)};
}

template <class C>
std::pair<mpz_class, mpz_class> y_of(const zkvm::PrecompileEvent& e) {
  constexpr size_t w = rv::kWordsFieldElement<typename C::Ops::Field>;
  std::vector<uint64_t> c0(w), c1(w);
  for (size_t i = 0; i < w; ++i) {
    c0[i] = e.memory[i].value;
    c1[i] = e.memory[w + i].value;
  }
  return {from_le_words(c0), from_le_words(c1)};
}

template <class C>
class Sp1RiscvFp2 : public ::testing::Test {};

struct Fp2Names {
  template <class C>
  static std::string GetName(int) {
    return C::Ops::kAddSubName;
  }
};

using Fields = ::testing::Types<Bn254, Bls12381>;
TYPED_TEST_SUITE(Sp1RiscvFp2, Fields, Fp2Names);

enum class Fp2Chip { AddSub, Mul };

// Sends, read off SP1's evals: the coordinates' bytes (x.c0, y.c0, x.c1, y.c1; 4
// U8Range lookups a word), each field operation's (result and carry u8 limbs two a
// lookup, witness u16s), the two LTU checks, the pointers' range checks, the
// words' addresses (3 u16 checks each), then the accesses (y read, x written:
// timestamp lookups and the previous record); the User chips check the two
// slices' pages first. Receives: the accesses' previous records, then the call.
template <class C, Features F>
void add_cases(std::vector<ChipCase<Fp2Chip>>& out, const std::array<size_t, 4>& constraints) {
  using P = typename C::Ops::Field;
  using Ops = typename C::Ops;
  constexpr size_t words = 4 * rv::kWordsFieldElement<P>;  // of x and y
  const std::string field_op = rep("B", P::kLimbs + P::kWitnessLimbs);
  const auto body = [&](size_t ops) {
    return rep("B", 4 * words) + rep(field_op, ops) + "BB" + "BB" + rep("B", 3 * words);
  };
  const std::string accesses = rep("BBM", words), receives = rep("M", words) + "Y";
  add_case<rv::Fp2AddSubChip<Ops, TrustMode::Supervisor, F>>(out, Fp2Chip::AddSub, TrustMode::Supervisor, F,
                                                            C::kAddSubWidth, constraints[0], body(2) + accesses,
                                                            receives);
  add_case<rv::Fp2AddSubChip<Ops, TrustMode::User, F>>(out, Fp2Chip::AddSub, TrustMode::User, F,
                                                      C::kAddSubWidth + 48, constraints[1],
                                                      kSlice + kSlice + body(2) + accesses, "QQQQ" + receives);
  add_case<rv::Fp2MulChip<Ops, TrustMode::Supervisor, F>>(out, Fp2Chip::Mul, TrustMode::Supervisor, F, C::kMulWidth,
                                                         constraints[2], body(6) + accesses, receives);
  add_case<rv::Fp2MulChip<Ops, TrustMode::User, F>>(out, Fp2Chip::Mul, TrustMode::User, F, C::kMulWidth + 48,
                                                   constraints[3], kSlice + kSlice + body(6) + accesses,
                                                   "QQQQ" + receives);
}

TYPED_TEST(Sp1RiscvFp2, LayoutsConstraintsAndInteractionsAreSp1s) {
  using C = TypeParam;
  std::vector<ChipCase<Fp2Chip>> cases;
  add_cases<C, Features::Default>(cases, C::kConstraints);
  add_cases<C, Features::Mprotect>(cases, C::kConstraintsMprotect);
  for (const ChipCase<Fp2Chip>& c : cases) {
    SCOPED_TRACE(std::string(c.chip->name()) + (c.features == Features::Mprotect ? " (mprotect)" : " (default)"));
    expect_layout_and_interactions(c);
  }
}

// SP1's widths; the User chips add the two slice page checks (24 columns each).
TYPED_TEST(Sp1RiscvFp2, WidthsAreSp1s) {
  using C = TypeParam;
  using Ops = typename C::Ops;
  EXPECT_EQ(AddSubChip<C>::kWidth, C::kAddSubWidth);
  EXPECT_EQ(MulChip<C>::kWidth, C::kMulWidth);
  EXPECT_EQ((rv::Fp2AddSubChip<Ops, TrustMode::User, Features::Default>::kWidth), C::kAddSubWidth + 48);
  EXPECT_EQ((rv::Fp2MulChip<Ops, TrustMode::User, Features::Default>::kWidth), C::kMulWidth + 48);
}

// The executor's results are Fp2's: (x0 + y0, x1 + y1), (x0 - y0, x1 - y1) and
// (x0 y0 - x1 y1, x0 y1 + x1 y0) mod p.
TYPED_TEST(Sp1RiscvFp2, WrittenValuesAreFp2Operations) {
  using C = TypeParam;
  const mpz_class p = pc::from_le(C::Ops::Field::kModulus);
  const auto mod = [&](const mpz_class& v) -> mpz_class { return ((v % p) + p) % p; };
  size_t seen = 0;
  for (const zkvm::ShardRecord& s : guest<C>().shards)
    for (const zkvm::PrecompileEvent& e : s.precompiles) {
      const uint32_t code = e.syscall.code;
      if (code != C::kAdd && code != C::kSub && code != C::kMul) continue;
      const auto [x0, x1] = x_of<C>(e, false);
      const auto [y0, y1] = y_of<C>(e);
      const auto [r0, r1] = x_of<C>(e, true);
      if (code == C::kAdd) {
        EXPECT_EQ(r0, mod(x0 + y0));
        EXPECT_EQ(r1, mod(x1 + y1));
      } else if (code == C::kSub) {
        EXPECT_EQ(r0, mod(x0 - y0));
        EXPECT_EQ(r1, mod(x1 - y1));
      } else {
        EXPECT_EQ(r0, mod(x0 * y0 - x1 * y1));
        EXPECT_EQ(r1, mod(x0 * y1 + x1 * y0));
      }
      ++seen;
    }
  EXPECT_EQ(seen, 3 * kCallsEach);
}

// ADD and SUB share a precompile shard (SP1's key FP2_ADD), one row a call in
// the shard's order, flagged by its operation; padding rows add.
TYPED_TEST(Sp1RiscvFp2, AddSubHasOneRowACallFlaggedByItsOperation) {
  using C = TypeParam;
  constexpr auto& c = AddSubChip<C>::kMain.head;
  const zkvm::ShardRecord& s = shard_with<C>(C::kAdd);
  EXPECT_EQ(calls(s, C::kAdd), kCallsEach);
  EXPECT_EQ(calls(s, C::kSub), kCallsEach);
  const RiscvChipTrace t = C::addsub(s, options_for(TrustMode::Supervisor));
  EXPECT_EQ(t.rows, air::padded_height(2 * kCallsEach));
  size_t row = 0;
  for (const zkvm::PrecompileEvent& e : s.precompiles) {
    if (e.syscall.code != C::kAdd && e.syscall.code != C::kSub) continue;
    const Felt* r = t.main.data() + row++ * t.width;
    EXPECT_EQ(r[c.is_real], Felt::one());
    EXPECT_EQ(r[c.is_add], Felt::from_canonical(e.syscall.code == C::kAdd));
  }
  EXPECT_EQ(row, 2 * kCallsEach);
  const Felt* pad = t.main.data() + (t.rows - 1) * t.width;
  EXPECT_EQ(pad[c.is_add], Felt::one());
  EXPECT_EQ(pad[c.is_real], Felt::zero());
}

TYPED_TEST(Sp1RiscvFp2, MulHasOneRowACall) {
  using C = TypeParam;
  constexpr auto& c = MulChip<C>::kMain.head;
  const zkvm::ShardRecord& s = shard_with<C>(C::kMul);
  EXPECT_EQ(calls(s, C::kMul), kCallsEach);
  const RiscvChipTrace t = C::mul(s, options_for(TrustMode::Supervisor));
  EXPECT_EQ(t.rows, air::padded_height(kCallsEach));
  for (size_t r = 0; r < t.rows; ++r)
    EXPECT_EQ(t.main[r * t.width + c.is_real], Felt::from_canonical(r < kCallsEach)) << r;
}

TYPED_TEST(Sp1RiscvFp2, ShardsHoldEveryConstraintAndInteraction) { expect_shards_hold(guest<TypeParam>()); }

TYPED_TEST(Sp1RiscvFp2, EveryColumnMatters) {
  using C = TypeParam;
  {
    SCOPED_TRACE("AddSub");
    using Chip = AddSubChip<C>;
    const ChipCase<int> c{0, std::make_unique<air::ChipModel<Chip>>(), TrustMode::Supervisor, Features::Default,
                          Chip::kWidth, 0, "", ""};
    expect_every_column_matters(c, C::addsub(shard_with<C>(C::kAdd), options_for(TrustMode::Supervisor)), 2);
  }
  {
    SCOPED_TRACE("Mul");
    using Chip = MulChip<C>;
    const ChipCase<int> c{0, std::make_unique<air::ChipModel<Chip>>(), TrustMode::Supervisor, Features::Default,
                          Chip::kWidth, 0, "", ""};
    expect_every_column_matters(c, C::mul(shard_with<C>(C::kMul), options_for(TrustMode::Supervisor)), 2);
  }
}

// A result limb changed on a real row or a padding row is reported at its chip and row.
TYPED_TEST(Sp1RiscvFp2, CorruptedCellIsFoundAtItsChipAndRow) {
  using C = TypeParam;
  const ProgramTables tables = program_tables(guest<C>().program);
  struct Case {
    uint32_t code;
    const char* name;
    size_t cell;
  };
  for (const Case& k : {Case{C::kAdd, C::Ops::kAddSubName, AddSubChip<C>::kMain.tail.c1.result[2]},
                        Case{C::kMul, C::Ops::kMulName, MulChip<C>::kMain.tail.c0.result[2]}}) {
    const ShardTraces good = shard_traces(shard_with<C>(k.code), tables);
    for (const bool padding : {false, true}) expect_corrupted_cell_found(good, k.name, k.cell, padding);
  }
}

// A record whose written x is not x op y is refused.
TYPED_TEST(Sp1RiscvFp2, WrongWrittenValueIsRefused) {
  using C = TypeParam;
  constexpr size_t w = rv::kWordsFieldElement<typename C::Ops::Field>;
  for (const uint32_t code : {C::kAdd, C::kMul}) {
    zkvm::ShardRecord s = shard_with<C>(code);
    for (zkvm::PrecompileEvent& e : s.precompiles)
      if (e.syscall.code == code) {
        e.memory[3 * w].value ^= 1;  // x.c1's first word
        break;
      }
    EXPECT_THROW((code == C::kMul ? C::mul : C::addsub)(s, options_for(TrustMode::Supervisor)),
                 std::invalid_argument);
  }
}

}  // namespace
}  // namespace zkgpu::sp1::riscv
