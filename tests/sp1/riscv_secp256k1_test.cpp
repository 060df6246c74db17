// SP1's secp256k1 precompile chips (sp1/air/riscv/weierstrass.hpp over the field
// gadgets of field_op.hpp) and their traces (sp1/riscv/weierstrass_traces.hpp):
// SP1's widths, constraint counts and interactions in every trust mode and build;
// calls on random points (P + Q with distinct x, 2P, across a change of clk_high)
// give rows that satisfy every constraint, where every column matters; the field
// gadgets' rows for random operands hold and a wrong result breaks them; padding
// rows are SP1's fixed row and hold; a call whose result or accesses are not the
// chip's is refused; the User chips stay empty.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "riscv_precompile_harness.hpp"
#include "sp1/air/riscv/weierstrass.hpp"
#include "sp1/riscv/field_populate.hpp"
#include "sp1/riscv/weierstrass_traces.hpp"
#include "zkvm/precompiles/weierstrass.hpp"
#include "zkvm/syscall_codes.hpp"

namespace zkgpu::sp1::riscv {
namespace {

using namespace test_support;
namespace pc = zkvm::precompiles;

enum class CurveChip { Add, Double };
using CurveCase = ChipCase<CurveChip>;
using P = rv::Secp256k1BaseField;

// A field operation's lookups: result and carry u8 limbs two a lookup, witness u16s.
const std::string kFieldOp = rep("B", 16 + 16 + 62);

// Widths: rv64im_costs.json; constraints: rv64im_complexity.json (_mprotect: the
// Supervisor chips' untrusted-flag assertion). Sends: the coordinates' bytes (4
// U8Range lookups a word), the field operations', the two LTU checks, the
// pointers' 13-bit range checks, the words' addresses (3 u16 checks each), then
// the accesses (timestamp lookups and the previous record); the User chips check
// the slices' pages and make the accesses first.
template <Features F>
void add_cases(std::vector<CurveCase>& out, size_t flag) {
  const std::string add_body = rep("B", 16 * 4) + rep(kFieldOp, 10) + "BB" + "BB" + rep("B", 16 * 3);
  const std::string add_accesses = rep("BBM", 16);
  add_case<rv::Secp256k1AddAssignChip<TrustMode::Supervisor, F>>(
      out, CurveChip::Add, TrustMode::Supervisor, F, 1599, 918 + flag, add_body + add_accesses, rep("M", 16) + "Y");
  add_case<rv::Secp256k1AddAssignChip<TrustMode::User, F>>(out, CurveChip::Add, TrustMode::User, F, 1647, 1001,
                                                           kSlice + kSlice + add_accesses + add_body,
                                                           "QQQQ" + rep("M", 16) + "Y");
  const std::string double_body = rep("B", 8 * 4) + rep(kFieldOp, 11) + "BB" + "B" + rep("B", 8 * 3);
  const std::string double_accesses = rep("BBM", 8);
  add_case<rv::Secp256k1DoubleAssignChip<TrustMode::Supervisor, F>>(out, CurveChip::Double, TrustMode::Supervisor, F,
                                                                    1591, 904 + flag, double_body + double_accesses,
                                                                    rep("M", 8) + "Y");
  add_case<rv::Secp256k1DoubleAssignChip<TrustMode::User, F>>(out, CurveChip::Double, TrustMode::User, F, 1615, 945,
                                                              kSlice + double_accesses + double_body,
                                                              "QQ" + rep("M", 8) + "Y");
}

std::vector<CurveCase> curve_cases() {
  std::vector<CurveCase> out;
  add_cases<Features::Default>(out, 0);
  add_cases<Features::Mprotect>(out, 1);
  return out;
}

RiscvChipTrace trace_of(CurveChip kind, const zkvm::ShardRecord& shard, const RiscvTraceOptions& o) {
  return kind == CurveChip::Add ? secp256k1_add_trace(shard, o) : secp256k1_double_trace(shard, o);
}

// --- random points and calls ------------------------------------------------------

const pc::WeierstrassCurve& curve() { return pc::secp256k1(); }

mpz_class random_below(std::mt19937_64& rng, const mpz_class& bound) {
  mpz_class x = 0;
  for (int i = 0; i < 5; ++i) x = (x << 64) + mpz_class(std::to_string(rng()));
  return x % bound;
}

// A random point: a random x with x^3 + 7 a square (p = 3 mod 4: y = rhs^((p+1)/4)).
pc::AffinePoint random_point(std::mt19937_64& rng) {
  const mpz_class& p = curve().field.p;
  for (;;) {
    const mpz_class x = random_below(rng, p);
    const mpz_class rhs = pc::mod(x * x * x + 7, p);
    const mpz_class y = pc::pow_mod(rhs, (p + 1) / 4, p);
    if (pc::mod(y * y, p) == rhs) return {x, (rng() & 1) ? y : mpz_class(p - y)};
  }
}

std::vector<uint64_t> words_of(const pc::AffinePoint& pt) {
  std::vector<uint64_t> out;
  for (const mpz_class* c : {&pt.x, &pt.y}) {
    const std::vector<uint8_t> bytes = pc::to_le(*c, 32);
    for (size_t w = 0; w < 4; ++w) {
      uint64_t v = 0;
      for (size_t k = 0; k < 8; ++k) v |= uint64_t(bytes[8 * w + k]) << (8 * k);
      out.push_back(v);
    }
  }
  return out;
}

// Calls at clocks around the change of clk_high at 2^24; the words' previous
// accesses some time before, some in the previous clk_high.
struct CallMaker {
  uint64_t clk = (uint64_t(1) << 24) - 40;
  uint64_t ptr = 0x2'0000;

  MemoryAccess access(uint64_t addr, uint64_t prev, uint64_t value, uint64_t at, bool write, size_t i) const {
    const uint64_t high = at & ~uint64_t(0xFFFFFF);
    const uint64_t prev_ts = i % 3 == 0 ? at - 1 - i : i % 3 == 1 && high ? high - 5 : 0;
    return MemoryAccess{addr, prev, prev_ts, value, at, write};
  }

  zkvm::PrecompileEvent add(const pc::AffinePoint& p, const pc::AffinePoint& q) {
    zkvm::PrecompileEvent e;
    e.syscall.code = zkvm::sys::SECP256K1_ADD;
    e.syscall.clk = clk;
    e.syscall.arg1 = ptr;
    e.syscall.arg2 = ptr + 0x1000;
    const std::vector<uint64_t> pw = words_of(p), qw = words_of(q);
    const std::vector<uint64_t> rw = words_of(pc::weierstrass_add(curve(), p, q, "SECP256K1_ADD"));
    for (size_t i = 0; i < 8; ++i) e.memory.push_back(access(e.syscall.arg2 + 8 * i, qw[i], qw[i], clk, false, i));
    for (size_t i = 0; i < 8; ++i) e.memory.push_back(access(ptr + 8 * i, pw[i], rw[i], clk + 1, true, i));
    e.syscall.memory_end = e.memory.size();
    clk += 8;
    ptr += 0x40;
    return e;
  }

  zkvm::PrecompileEvent dbl(const pc::AffinePoint& p) {
    zkvm::PrecompileEvent e;
    e.syscall.code = zkvm::sys::SECP256K1_DOUBLE;
    e.syscall.clk = clk;
    e.syscall.arg1 = ptr;
    const std::vector<uint64_t> pw = words_of(p);
    const std::vector<uint64_t> rw = words_of(pc::weierstrass_double(curve(), p, "SECP256K1_DOUBLE"));
    for (size_t i = 0; i < 8; ++i) e.memory.push_back(access(ptr + 8 * i, pw[i], rw[i], clk, true, i));
    e.syscall.memory_end = e.memory.size();
    clk += 8;
    ptr += 0x40;
    return e;
  }
};

// A shard of `n` additions of random points (distinct x) and `n` doublings, and a
// doubling of the generator and G + 2G.
const zkvm::ShardRecord& random_shard() {
  static const zkvm::ShardRecord s = [] {
    zkvm::ShardRecord r;
    std::mt19937_64 rng(20240601);
    CallMaker m;
    const pc::AffinePoint g{curve().gx, curve().gy};
    r.precompiles.push_back(m.dbl(g));
    r.precompiles.push_back(m.add(g, pc::weierstrass_double(curve(), g, "")));
    for (size_t i = 0; i < 20; ++i) {
      r.precompiles.push_back(m.add(random_point(rng), random_point(rng)));
      r.precompiles.push_back(m.dbl(random_point(rng)));
    }
    return r;
  }();
  return s;
}

constexpr size_t kCallsEach = 21;

TEST(Sp1RiscvSecp256k1, LayoutsConstraintsAndInteractionsAreSp1s) {
  for (const CurveCase& c : curve_cases()) {
    SCOPED_TRACE(name_of(c));
    expect_layout_and_interactions(c);
  }
}

TEST(Sp1RiscvSecp256k1, RandomPointsSatisfyEveryConstraint) {
  for (const CurveCase& c : curve_cases()) {
    if (c.mode == TrustMode::User) continue;
    SCOPED_TRACE(name_of(c));
    const RiscvChipTrace t = trace_of(c.kind, random_shard(), options_for(c.mode));
    EXPECT_EQ(t.name, c.chip->name());
    EXPECT_EQ(t.width, c.chip->width());
    EXPECT_EQ(t.rows, air::padded_height(kCallsEach));
    const auto v = check(c, t);
    EXPECT_FALSE(v) << "row " << v->row << " constraint " << v->constraint;
  }
}

TEST(Sp1RiscvSecp256k1, EveryColumnMatters) {
  for (const CurveCase& c : curve_cases()) {
    if (c.mode == TrustMode::User || c.features == Features::Mprotect) continue;
    SCOPED_TRACE(name_of(c));
    expect_every_column_matters(c, trace_of(c.kind, random_shard(), options_for(c.mode)), 2);
  }
}

// A result limb off by one breaks the field operation's constraints on that row.
TEST(Sp1RiscvSecp256k1, WrongResultsBreakAConstraint) {
  for (const CurveCase& c : curve_cases()) {
    if (c.mode == TrustMode::User || c.features == Features::Mprotect) continue;
    SCOPED_TRACE(name_of(c));
    RiscvChipTrace t = trace_of(c.kind, random_shard(), options_for(c.mode));
    const size_t col = c.kind == CurveChip::Add
                           ? rv::Secp256k1AddAssignChip<TrustMode::Supervisor, Features::Default>::kMain.slope.result[5]
                           : rv::Secp256k1DoubleAssignChip<TrustMode::Supervisor, Features::Default>::kMain.x3_ins
                                 .result[0];
    t.main[3 * t.width + col] = t.main[3 * t.width + col] + Felt::one();
    const auto v = check(c, t);
    ASSERT_TRUE(v);
    EXPECT_EQ(v->row, 3u);
  }
}

// The gadgets alone, through a chip of one FieldOpCols of operation Op on two
// operands' limbs and a FieldLtCols of its result against p: random operands give
// rows that hold, with the result mod p; a witness limb off by one breaks them.
template <rv::FieldOperation Op>
struct FieldOpChip {
  static constexpr const char* kName = "FieldOpTest";
  struct Cols {
    std::array<size_t, 32> a, b;
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

template <rv::FieldOperation Op>
void expect_field_op_rows_hold(std::mt19937_64& rng) {
  const air::ChipModel<FieldOpChip<Op>> chip;
  EXPECT_EQ(chip.num_constraints(), 63u + 67u);  // 2 kLimbs - 1 coefficients; 2 kLimbs + 3
  const mpz_class& p = curve().field.p;
  const auto& m = FieldOpChip<Op>::kMain;
  for (size_t trial = 0; trial < 8; ++trial) {
    SCOPED_TRACE("trial " + std::to_string(trial));
    std::vector<Felt> row(FieldOpChip<Op>::kWidth, Felt::zero());
    const mpz_class a = trial == 0 ? mpz_class(p - 1) : random_below(rng, p);
    const mpz_class b = trial == 1 ? mpz_class(p - 1) : mpz_class(random_below(rng, p - 1) + 1);
    const std::vector<uint8_t> al = pc::to_le(a, 32), bl = pc::to_le(b, 32);
    for (size_t i = 0; i < 32; ++i) {
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

TEST(Sp1RiscvSecp256k1, FieldOperationsOfRandomOperandsHold) {
  std::mt19937_64 rng(7);
  expect_field_op_rows_hold<rv::FieldOperation::Add>(rng);
  expect_field_op_rows_hold<rv::FieldOperation::Mul>(rng);
  expect_field_op_rows_hold<rv::FieldOperation::Sub>(rng);
  expect_field_op_rows_hold<rv::FieldOperation::Div>(rng);
}

// Padding rows: SP1's fixed row (Q = (1, 1) and P = (0, 0) for an addition, P =
// (0, 1) for a doubling), which holds.
TEST(Sp1RiscvSecp256k1, PaddingRowsAreSp1s) {
  const auto& add = rv::Secp256k1AddAssignChip<TrustMode::Supervisor, Features::Default>::kMain;
  const auto& dbl = rv::Secp256k1DoubleAssignChip<TrustMode::Supervisor, Features::Default>::kMain;
  for (const CurveCase& c : curve_cases()) {
    if (c.mode == TrustMode::User) continue;
    SCOPED_TRACE(name_of(c));
    const RiscvChipTrace t = trace_of(c.kind, zkvm::ShardRecord{}, options_for(c.mode));
    ASSERT_EQ(t.rows, 16u);
    EXPECT_FALSE(check(c, t));
    for (size_t r = 1; r < t.rows; ++r)
      EXPECT_TRUE(std::equal(t.main.begin(), t.main.begin() + t.width, t.main.begin() + r * t.width));
    const Felt* row = t.main.data();
    if (c.kind == CurveChip::Add) {
      EXPECT_TRUE(row[add.is_real].is_zero());
      EXPECT_EQ(row[add.q_access[0].memory_access.prev_value[0]], Felt::one());
      EXPECT_EQ(row[add.q_access[4].memory_access.prev_value[0]], Felt::one());
      EXPECT_EQ(row[add.q_access[4].memory_access.access_timestamp.compare_low], Felt::one());
      EXPECT_TRUE(row[add.p_access[0].memory_access.prev_value[0]].is_zero());
      EXPECT_EQ(row[add.slope.result[0]], Felt::one());  // (1 - 0) / (1 - 0)
    } else {
      EXPECT_TRUE(row[dbl.is_real].is_zero());
      EXPECT_EQ(row[dbl.p_access[4].memory_access.prev_value[0]], Felt::one());
      EXPECT_EQ(row[dbl.slope_denominator.result[0]].to_canonical(), 2u);
    }
  }
  // The shard's padding rows are the same row.
  const RiscvChipTrace t = secp256k1_add_trace(random_shard());
  const RiscvChipTrace empty = secp256k1_add_trace(zkvm::ShardRecord{});
  EXPECT_TRUE(std::equal(empty.main.begin(), empty.main.begin() + t.width, t.main.end() - t.width));
}

// A call the chip cannot prove, or whose records are not the executor's, is refused.
TEST(Sp1RiscvSecp256k1, CallsTheChipCannotProveAreRefused) {
  std::mt19937_64 rng(3);
  CallMaker m;
  const pc::AffinePoint p = random_point(rng), q = random_point(rng);
  {
    zkvm::ShardRecord s;
    s.precompiles.push_back(m.add(p, q));
    s.precompiles.back().memory[9].value ^= 1;  // not P + Q
    EXPECT_THROW(secp256k1_add_trace(s), std::invalid_argument);
  }
  {
    zkvm::ShardRecord s;
    s.precompiles.push_back(m.add(p, p));  // the executor doubles; the chip needs distinct x
    EXPECT_THROW(secp256k1_add_trace(s), std::invalid_argument);
  }
  {
    zkvm::ShardRecord s;
    s.precompiles.push_back(m.dbl(p));
    s.precompiles.back().memory[2].timestamp += 1;
    EXPECT_THROW(secp256k1_double_trace(s), std::invalid_argument);
    s.precompiles.back().memory.pop_back();
    EXPECT_THROW(secp256k1_double_trace(s), std::invalid_argument);
  }
}

// The User chips: no rows for a trusted program, its calls (without page checks)
// refused in a user-mode one; padding rows hold and a real one without its values breaks a
// constraint. The Supervisor chips have none for a user-mode program.
TEST(Sp1RiscvSecp256k1, UserChipsStayEmpty) {
  RiscvTraceOptions trusted;
  trusted.mode = TrustMode::User;
  const RiscvTraceOptions untrusted = options_for(TrustMode::User);
  for (const CurveCase& c : curve_cases()) {
    if (c.mode != TrustMode::User) continue;
    SCOPED_TRACE(name_of(c));
    EXPECT_EQ(trace_of(c.kind, random_shard(), trusted).rows, 0u);
    EXPECT_THROW(trace_of(c.kind, random_shard(), untrusted), std::invalid_argument);
    const RiscvChipTrace padding = trace_of(c.kind, zkvm::ShardRecord{}, untrusted);
    EXPECT_EQ(padding.rows, 16u);
    EXPECT_EQ(padding.width, c.sp1_width);
    EXPECT_FALSE(check(c, padding));
    RiscvChipTrace real = padding;
    real.main[0] = Felt::one();  // is_real, the first column of both layouts
    EXPECT_TRUE(check(c, real));
  }
  RiscvTraceOptions supervisor;
  supervisor.untrusted_programs_enabled = true;
  EXPECT_EQ(secp256k1_add_trace(random_shard(), supervisor).rows, 0u);
  EXPECT_EQ(secp256k1_double_trace(random_shard(), supervisor).rows, 0u);
}

}  // namespace
}  // namespace zkgpu::sp1::riscv
