// SP1's secp256r1, BN254 and BLS12-381 curve chips (sp1/air/riscv/weierstrass.hpp
// over weierstrass_curves.hpp) and their traces (sp1/riscv/weierstrass_traces.hpp),
// each curve the same tests: its field's modulus and a are the executor's; SP1's
// widths, constraint counts and interactions in every trust mode and build; a guest
// made here (curve_call_guest.hpp) adding and doubling multiples of the generator,
// run by the executor and cut into shards, gives rows that satisfy every
// constraint, where every column matters; a wrong result breaks its row; the field
// gadgets hold over the field's limbs; padding rows are SP1's fixed row; the
// guest's shards hold every constraint and interaction in both builds with the
// global sums cancelling; a corrupted cell is found at its chip and row; calls the
// executor runs but the chip cannot prove (P + (-P), doubling y = 0) and records
// that are not the executor's are refused; the User chips stay empty.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <random>
#include <string>
#include <vector>

#include "curve_call_guest.hpp"
#include "riscv_precompile_harness.hpp"
#include "sp1/air/riscv/weierstrass.hpp"
#include "sp1/riscv/field_populate.hpp"
#include "sp1/riscv/weierstrass_traces.hpp"
#include "zkvm/syscall_codes.hpp"

namespace zkgpu::sp1::riscv {
namespace {

using namespace test_support;
namespace pc = zkvm::precompiles;
using TraceFn = RiscvChipTrace (*)(const zkvm::ShardRecord&, const RiscvTraceOptions&);

// Each curve: its chips' parameters, the executor's curve, the syscall codes, the
// trace generators, and SP1's widths (rv64im_costs.json) and constraint counts
// (rv64im_complexity.json) of AddAssign, AddAssignUser, DoubleAssign, DoubleAssignUser.
struct Secp256r1 {
  using Curve = rv::Secp256r1Curve;
  static const pc::WeierstrassCurve& params() { return pc::secp256r1(); }
  static constexpr uint32_t kAdd = zkvm::sys::SECP256R1_ADD, kDouble = zkvm::sys::SECP256R1_DOUBLE;
  static constexpr TraceFn add_trace = secp256r1_add_trace, double_trace = secp256r1_double_trace;
  static constexpr std::array<size_t, 4> kWidths{1599, 1647, 1591, 1615}, kConstraints{918, 1001, 904, 945};
};

struct Bn254 {
  using Curve = rv::Bn254Curve;
  static const pc::WeierstrassCurve& params() { return pc::bn254_g1(); }
  static constexpr uint32_t kAdd = zkvm::sys::BN254_ADD, kDouble = zkvm::sys::BN254_DOUBLE;
  static constexpr TraceFn add_trace = bn254_add_trace, double_trace = bn254_double_trace;
  static constexpr std::array<size_t, 4> kWidths{1599, 1647, 1591, 1615}, kConstraints{918, 1001, 904, 945};
};

struct Bls12381 {
  using Curve = rv::Bls12381Curve;
  static const pc::WeierstrassCurve& params() { return pc::bls12_381_g1(); }
  static constexpr uint32_t kAdd = zkvm::sys::BLS12381_ADD, kDouble = zkvm::sys::BLS12381_DOUBLE;
  static constexpr TraceFn add_trace = bls12381_add_trace, double_trace = bls12381_double_trace;
  static constexpr std::array<size_t, 4> kWidths{2399, 2447, 2391, 2415}, kConstraints{1374, 1457, 1356, 1397};
};

enum class CurveChip { Add, Double };
using CurveCase = ChipCase<CurveChip>;

template <class C>
struct Chips {
  using P = typename C::Curve::BaseField;
  template <TrustMode M, Features F>
  using Add = rv::WeierstrassAddAssignChip<typename C::Curve, M, F>;
  template <TrustMode M, Features F>
  using Double = rv::WeierstrassDoubleAssignChip<typename C::Curve, M, F>;
  static constexpr auto& add = Add<TrustMode::Supervisor, Features::Default>::kMain;
  static constexpr auto& dbl = Double<TrustMode::Supervisor, Features::Default>::kMain;
  static constexpr size_t kCoordWords = rv::kWordsFieldElement<P>, kWords = rv::kWordsCurvePoint<P>;

  // Sends: the coordinates' bytes (4 U8Range lookups a word), the field
  // operations' (result and carry limbs two a lookup, the witness's u16s), the two
  // LTU checks, the pointers' 13-bit range checks, the words' addresses (3 u16
  // checks each), then the accesses (timestamp lookups and the previous record);
  // the User chips check the slices' pages and make the accesses first. `flag`:
  // mprotect's assertion of the untrusted-code flag in the Supervisor chips.
  template <Features F>
  static void add_cases(std::vector<CurveCase>& out, size_t flag) {
    const std::string field_op = rep("B", P::kLimbs + P::kWitnessLimbs);
    const std::string add_body =
        rep("B", 2 * kWords * 4) + rep(field_op, 10) + "BB" + "BB" + rep("B", 2 * kWords * 3);
    const std::string add_accesses = rep("BBM", 2 * kWords), add_receives = rep("M", 2 * kWords) + "Y";
    add_case<Add<TrustMode::Supervisor, F>>(out, CurveChip::Add, TrustMode::Supervisor, F, C::kWidths[0],
                                            C::kConstraints[0] + flag, add_body + add_accesses, add_receives);
    add_case<Add<TrustMode::User, F>>(out, CurveChip::Add, TrustMode::User, F, C::kWidths[1], C::kConstraints[1],
                                      kSlice + kSlice + add_accesses + add_body, "QQQQ" + add_receives);
    const std::string double_body = rep("B", kWords * 4) + rep(field_op, 11) + "BB" + "B" + rep("B", kWords * 3);
    const std::string double_accesses = rep("BBM", kWords), double_receives = rep("M", kWords) + "Y";
    add_case<Double<TrustMode::Supervisor, F>>(out, CurveChip::Double, TrustMode::Supervisor, F, C::kWidths[2],
                                               C::kConstraints[2] + flag, double_body + double_accesses,
                                               double_receives);
    add_case<Double<TrustMode::User, F>>(out, CurveChip::Double, TrustMode::User, F, C::kWidths[3],
                                         C::kConstraints[3], kSlice + double_accesses + double_body,
                                         "QQ" + double_receives);
  }

  static std::vector<CurveCase> cases() {
    std::vector<CurveCase> out;
    add_cases<Features::Default>(out, 0);
    add_cases<Features::Mprotect>(out, 1);
    return out;
  }
};

template <class C>
RiscvChipTrace trace_of(CurveChip kind, const zkvm::ShardRecord& shard, const RiscvTraceOptions& o = {}) {
  return kind == CurveChip::Add ? C::add_trace(shard, o) : C::double_trace(shard, o);
}

template <class C>
uint32_t code_of(CurveChip kind) {
  return kind == CurveChip::Add ? C::kAdd : C::kDouble;
}

template <class C>
pc::AffinePoint generator() {
  return {C::params().gx, C::params().gy};
}

template <class C>
pc::AffinePoint plus(const pc::AffinePoint& a, const pc::AffinePoint& b) {
  return pc::weierstrass_add(C::params(), a, b, "test");
}

// The guest's calls: kSteps times, kG + G and then 2 (k + 1)G for k from 2 on,
// each on a point of its own, all with the one G; then a point doubled four
// times in place and G added to it (calls that read what the previous one wrote).
constexpr size_t kSteps = 20, kAdds = kSteps + 1, kDoubles = kSteps + 4;

template <class C>
const GuestShards& guest() {
  static const GuestShards r = [] {
    CurveCallGuest g(C::params().field.bytes);
    const pc::AffinePoint base = generator<C>();
    const uint64_t g_at = g.put(base);
    pc::AffinePoint k = pc::weierstrass_double(C::params(), base, "test");
    for (size_t i = 0; i < kSteps; ++i) {
      g.call(C::kAdd, g.put(k), g_at);
      k = plus<C>(k, base);
      g.call(C::kDouble, g.put(k));
      k = plus<C>(k, base);
    }
    const uint64_t chain = g.put(k);
    for (int i = 0; i < 4; ++i) g.call(C::kDouble, chain);
    g.call(C::kAdd, chain, g_at);
    return run_guest(g.elf(), std::string(C::params().field.name) + " calls", {}, 0);
  }();
  return r;
}

// The guest's shard with the chip's calls (each curve operation has a precompile
// shard of its own).
template <class C>
const zkvm::ShardRecord& shard_with_calls(CurveChip kind) {
  for (const zkvm::ShardRecord& s : guest<C>().shards)
    if (calls(s, code_of<C>(kind)) >= 2) return s;
  throw std::runtime_error("no shard with the curve's calls");
}

template <class C>
class Sp1RiscvCurves : public ::testing::Test {};

struct CurveNames {
  template <class C>
  static std::string GetName(int) {
    return std::string(C::Curve::kAddName).substr(0, std::string(C::Curve::kAddName).find("Add"));
  }
};

using Curves = ::testing::Types<Secp256r1, Bn254, Bls12381>;
TYPED_TEST_SUITE(Sp1RiscvCurves, Curves, CurveNames);

// The chips' field and a are the ones the executor computes with.
TYPED_TEST(Sp1RiscvCurves, FieldAndAAreTheExecutors) {
  using C = TypeParam;
  using P = typename C::Curve::BaseField;
  EXPECT_EQ(P::kLimbs, C::params().field.bytes);
  EXPECT_EQ(pc::from_le(P::kModulus), C::params().field.p);
  EXPECT_EQ(pc::from_le(C::Curve::kA), pc::mod(C::params().a, C::params().field.p));
}

TYPED_TEST(Sp1RiscvCurves, LayoutsConstraintsAndInteractionsAreSp1s) {
  for (const CurveCase& c : Chips<TypeParam>::cases()) {
    SCOPED_TRACE(name_of(c));
    expect_layout_and_interactions(c);
  }
}

// Also each chip's height is SP1's for its calls.
TYPED_TEST(Sp1RiscvCurves, GuestCallsSatisfyEveryConstraint) {
  using C = TypeParam;
  size_t adds = 0, doubles = 0;
  for (const zkvm::ShardRecord& s : guest<C>().shards) {
    adds += calls(s, C::kAdd);
    doubles += calls(s, C::kDouble);
    for (const CurveCase& c : Chips<C>::cases()) {
      if (c.mode == TrustMode::User) continue;
      SCOPED_TRACE(name_of(c) + " shard " + std::to_string(s.index));
      const RiscvChipTrace t = trace_of<C>(c.kind, s, options_for(c.mode));
      EXPECT_EQ(t.name, c.chip->name());
      EXPECT_EQ(t.width, c.chip->width());
      EXPECT_EQ(t.rows, air::padded_height(calls(s, code_of<C>(c.kind))));
      const auto v = check(c, t);
      EXPECT_FALSE(v) << "row " << v->row << " constraint " << v->constraint;
    }
  }
  EXPECT_EQ(adds, kAdds);
  EXPECT_EQ(doubles, kDoubles);
}

TYPED_TEST(Sp1RiscvCurves, EveryColumnMatters) {
  using C = TypeParam;
  for (const CurveCase& c : Chips<C>::cases()) {
    if (c.mode == TrustMode::User || c.features == Features::Mprotect) continue;
    SCOPED_TRACE(name_of(c));
    expect_every_column_matters(c, trace_of<C>(c.kind, shard_with_calls<C>(c.kind), options_for(c.mode)), 2);
  }
}

// A result limb off by one breaks the field operation's constraints on that row.
TYPED_TEST(Sp1RiscvCurves, WrongResultsBreakAConstraint) {
  using C = TypeParam;
  for (const CurveCase& c : Chips<C>::cases()) {
    if (c.mode == TrustMode::User || c.features == Features::Mprotect) continue;
    SCOPED_TRACE(name_of(c));
    RiscvChipTrace t = trace_of<C>(c.kind, shard_with_calls<C>(c.kind), options_for(c.mode));
    const size_t col = c.kind == CurveChip::Add ? Chips<C>::add.slope.result[5] : Chips<C>::dbl.x3_ins.result[0];
    t.main[3 * t.width + col] = t.main[3 * t.width + col] + Felt::one();
    const auto v = check(c, t);
    ASSERT_TRUE(v);
    EXPECT_EQ(v->row, 3u);
  }
}

// The gadgets alone over the curve's field, through a chip of one FieldOpCols of
// operation Op on two operands' limbs and a FieldLtCols of its result against p:
// operands at the field's edges and random ones give rows that hold, with the
// result mod p; a witness limb off by one breaks them.
template <class P, rv::FieldOperation Op>
struct FieldOpChip {
  static constexpr const char* kName = "FieldOpTest";
  struct Cols {
    std::array<size_t, P::kLimbs> a, b;
    rv::FieldOpCols<size_t, P> f;
    rv::FieldLtCols<size_t, P> lt;
  };
  static constexpr auto kMain = air::col_map<Cols>();
  static constexpr size_t kWidth = air::num_cols<Cols>;
  static constexpr size_t kPreprocessedWidth = 0;
  template <class B>
  void eval(B& b) const {
    const rv::Poly<B> r =
        rv::eval_field_op<P>(b, kMain.f, rv::main_poly(b, kMain.a), rv::main_poly(b, kMain.b), Op, b.constant(1));
    rv::eval_field_lt<P>(b, kMain.lt, r, rv::constant_poly(b, P::kModulus), b.constant(1));
  }
};

mpz_class random_below(std::mt19937_64& rng, const mpz_class& bound) {
  mpz_class x = 0;
  for (int i = 0; i < 7; ++i) x = (x << 64) + mpz_class(std::to_string(rng()));
  return x % bound;
}

template <class P, rv::FieldOperation Op>
void expect_field_op_rows_hold(std::mt19937_64& rng) {
  SCOPED_TRACE("operation " + std::to_string(int(Op)));
  const air::ChipModel<FieldOpChip<P, Op>> chip;
  // 2 kLimbs - 1 coefficients; kLimbs flags, their sum, kLimbs limbs, the two bytes.
  EXPECT_EQ(chip.num_constraints(), (2 * P::kLimbs - 1) + (2 * P::kLimbs + 3));
  const mpz_class p = pc::from_le(P::kModulus);
  const auto& m = FieldOpChip<P, Op>::kMain;
  for (size_t trial = 0; trial < 8; ++trial) {
    SCOPED_TRACE("trial " + std::to_string(trial));
    std::vector<Felt> row(FieldOpChip<P, Op>::kWidth, Felt::zero());
    const mpz_class a = trial == 0 ? mpz_class(p - 1) : random_below(rng, p);
    const mpz_class b = trial <= 1 ? mpz_class(p - 1) : mpz_class(random_below(rng, p - 1) + 1);
    const std::vector<uint8_t> al = pc::to_le(a, P::kLimbs), bl = pc::to_le(b, P::kLimbs);
    for (size_t i = 0; i < P::kLimbs; ++i) {
      put(Row(row), m.a[i], al[i]);
      put(Row(row), m.b[i], bl[i]);
    }
    const mpz_class r = fill_field_op(Row(row), m.f, a, b, Op);
    const mpz_class want = Op == rv::FieldOperation::Add   ? mpz_class(a + b)
                           : Op == rv::FieldOperation::Mul ? mpz_class(a * b)
                           : Op == rv::FieldOperation::Sub ? mpz_class(a - b)
                                                           : mpz_class(a * pc::inverse_mod_prime(b, p));
    EXPECT_EQ(r, pc::mod(want, p));
    fill_field_lt(Row(row), m.lt, r, p);
    EXPECT_FALSE(any_nonzero(chip.eval(std::span<const Felt>(row), {}, public_values(false)).constraints));
    row[m.f.witness[10]] = row[m.f.witness[10]] + Felt::one();
    EXPECT_TRUE(any_nonzero(chip.eval(std::span<const Felt>(row), {}, public_values(false)).constraints));
  }
}

TYPED_TEST(Sp1RiscvCurves, FieldOperationsOfRandomOperandsHold) {
  using P = typename TypeParam::Curve::BaseField;
  std::mt19937_64 rng(11);
  expect_field_op_rows_hold<P, rv::FieldOperation::Add>(rng);
  expect_field_op_rows_hold<P, rv::FieldOperation::Mul>(rng);
  expect_field_op_rows_hold<P, rv::FieldOperation::Sub>(rng);
  expect_field_op_rows_hold<P, rv::FieldOperation::Div>(rng);
}

// Padding rows: SP1's fixed row (Q = (1, 1) and P = (0, 0) for an addition, P =
// (0, 1) for a doubling, whose slope's numerator is a), which holds; a shard's
// padding rows are the same row.
TYPED_TEST(Sp1RiscvCurves, PaddingRowsAreSp1s) {
  using C = TypeParam;
  using Ch = Chips<C>;
  for (const CurveCase& c : Ch::cases()) {
    if (c.mode == TrustMode::User) continue;
    SCOPED_TRACE(name_of(c));
    const RiscvChipTrace t = trace_of<C>(c.kind, zkvm::ShardRecord{}, options_for(c.mode));
    ASSERT_EQ(t.rows, 16u);
    EXPECT_FALSE(check(c, t));
    for (size_t r = 1; r < t.rows; ++r)
      EXPECT_TRUE(std::equal(t.main.begin(), t.main.begin() + t.width, t.main.begin() + r * t.width));
    const Felt* row = t.main.data();
    if (c.kind == CurveChip::Add) {
      EXPECT_TRUE(row[Ch::add.is_real].is_zero());
      EXPECT_EQ(row[Ch::add.q_access[0].memory_access.prev_value[0]], Felt::one());
      EXPECT_EQ(row[Ch::add.q_access[Ch::kCoordWords].memory_access.prev_value[0]], Felt::one());
      EXPECT_TRUE(row[Ch::add.p_access[0].memory_access.prev_value[0]].is_zero());
      EXPECT_EQ(row[Ch::add.slope.result[0]], Felt::one());  // (1 - 0) / (1 - 0)
    } else {
      EXPECT_TRUE(row[Ch::dbl.is_real].is_zero());
      EXPECT_EQ(row[Ch::dbl.p_access[Ch::kCoordWords].memory_access.prev_value[0]], Felt::one());
      EXPECT_EQ(row[Ch::dbl.slope_denominator.result[0]].to_canonical(), 2u);
      for (size_t i = 0; i < C::Curve::kA.size(); ++i)
        EXPECT_EQ(row[Ch::dbl.slope_numerator.result[i]].to_canonical(), C::Curve::kA[i]);
    }
    const zkvm::ShardRecord& s = shard_with_calls<C>(c.kind);
    const RiscvChipTrace full = trace_of<C>(c.kind, s, options_for(c.mode));
    ASSERT_GT(full.rows, calls(s, code_of<C>(c.kind)));
    EXPECT_TRUE(std::equal(t.main.begin(), t.main.begin() + t.width, full.main.end() - full.width));
  }
}

// The guest's shards as check-traces sees them: every chip, both builds.
TYPED_TEST(Sp1RiscvCurves, ShardsHoldEveryConstraintAndInteraction) { expect_shards_hold(guest<TypeParam>()); }

// A changed slope limb (a real row) or x3 limb (a padding row) is reported at its
// chip and row.
TYPED_TEST(Sp1RiscvCurves, CorruptedCellIsFoundAtItsChipAndRow) {
  using C = TypeParam;
  const ProgramTables tables = program_tables(guest<C>().program);
  for (const CurveChip kind : {CurveChip::Add, CurveChip::Double}) {
    const ShardTraces good = shard_traces(shard_with_calls<C>(kind), tables);
    const std::string name = kind == CurveChip::Add ? C::Curve::kAddName : C::Curve::kDoubleName;
    const size_t slope = kind == CurveChip::Add ? Chips<C>::add.slope.result[3] : Chips<C>::dbl.slope.result[3];
    const size_t x3 = kind == CurveChip::Add ? Chips<C>::add.x3_ins.result[0] : Chips<C>::dbl.x3_ins.result[0];
    for (const bool padding : {false, true}) expect_corrupted_cell_found(good, name, padding ? x3 : slope, padding);
  }
}

// The executor runs P + (-P) and a doubling of a point with y = 0 (SP1 takes the
// inverse of 0 as 0), which the chips cannot prove: their traces refuse them. So
// are records that are not the executor's: a written word changed, an access at
// another clk, an access missing.
TYPED_TEST(Sp1RiscvCurves, CallsTheChipCannotProveAreRefused) {
  using C = TypeParam;
  const mpz_class& p = C::params().field.p;
  const pc::AffinePoint twice = pc::weierstrass_double(C::params(), generator<C>(), "test");
  CurveCallGuest g(C::params().field.bytes);
  g.call(C::kAdd, g.put(twice), g.put({twice.x, mpz_class(p - twice.y)}));
  g.call(C::kDouble, g.put({mpz_class(5), mpz_class(0)}));
  const GuestShards r = run_guest(g.elf(), "unprovable calls", {}, 0);
  size_t refused = 0;
  for (const zkvm::ShardRecord& s : r.shards)
    for (const CurveChip kind : {CurveChip::Add, CurveChip::Double})
      if (calls(s, code_of<C>(kind))) {
        EXPECT_THROW(trace_of<C>(kind, s), std::invalid_argument);
        ++refused;
      }
  EXPECT_EQ(refused, 2u);

  for (const CurveChip kind : {CurveChip::Add, CurveChip::Double}) {
    const uint32_t code = code_of<C>(kind);
    const auto edited = [&](auto&& edit) {
      zkvm::ShardRecord s = shard_with_calls<C>(kind);
      for (zkvm::PrecompileEvent& e : s.precompiles)
        if (e.syscall.code == code) {
          edit(e);
          break;
        }
      return s;
    };
    EXPECT_NO_THROW(trace_of<C>(kind, edited([](zkvm::PrecompileEvent&) {})));
    EXPECT_THROW(trace_of<C>(kind, edited([](zkvm::PrecompileEvent& e) { e.memory.back().value ^= 1; })),
                 std::invalid_argument);
    EXPECT_THROW(trace_of<C>(kind, edited([](zkvm::PrecompileEvent& e) { e.memory[2].timestamp += 1; })),
                 std::invalid_argument);
    EXPECT_THROW(trace_of<C>(kind, edited([](zkvm::PrecompileEvent& e) { e.memory.pop_back(); })),
                 std::invalid_argument);
  }
}

// The User chips: no rows for a trusted program, its calls (without page checks)
// refused in a user-mode one; padding rows hold and a real one without its values breaks a
// constraint. The Supervisor chips have none for a user-mode program.
TYPED_TEST(Sp1RiscvCurves, UserChipsStayEmpty) {
  using C = TypeParam;
  RiscvTraceOptions trusted;
  trusted.mode = TrustMode::User;
  const RiscvTraceOptions untrusted = options_for(TrustMode::User);
  for (const CurveCase& c : Chips<C>::cases()) {
    if (c.mode != TrustMode::User) continue;
    SCOPED_TRACE(name_of(c));
    const zkvm::ShardRecord& s = shard_with_calls<C>(c.kind);
    EXPECT_EQ(trace_of<C>(c.kind, s, trusted).rows, 0u);
    EXPECT_THROW(trace_of<C>(c.kind, s, untrusted), std::invalid_argument);
    const RiscvChipTrace padding = trace_of<C>(c.kind, zkvm::ShardRecord{}, untrusted);
    EXPECT_EQ(padding.name, c.chip->name());
    EXPECT_EQ(padding.rows, 16u);
    EXPECT_EQ(padding.width, c.sp1_width);
    EXPECT_FALSE(check(c, padding));
    RiscvChipTrace real = padding;
    real.main[0] = Felt::one();  // is_real, the first column of both layouts
    EXPECT_TRUE(check(c, real));
  }
  RiscvTraceOptions supervisor;
  supervisor.untrusted_programs_enabled = true;
  for (const CurveChip kind : {CurveChip::Add, CurveChip::Double})
    EXPECT_EQ(trace_of<C>(kind, shard_with_calls<C>(kind), supervisor).rows, 0u);
}

}  // namespace
}  // namespace zkgpu::sp1::riscv
