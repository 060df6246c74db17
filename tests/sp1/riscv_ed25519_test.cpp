// SP1's Ed25519 chips (sp1/air/riscv/edwards.hpp: EdAddAssign, EdDecompress and their
// User chips) and their traces (sp1/riscv/edwards_traces.hpp): the field and d are
// the executor's; SP1's widths, constraint counts and interactions in every trust
// mode and build; a guest made here (curve_call_guest.hpp) adding multiples of the
// base point and decompressing their encodings with both sign bits, run by the
// executor and cut into shards, gives rows that satisfy every constraint, where
// every column matters, and writes each point's x (or p - x); the field gadgets
// (FieldDenCols, FieldInnerProductCols, FieldSqrtCols) hold on their own; padding
// rows are SP1's fixed row; the guest's shards hold every constraint and
// interaction in both builds with the global sums cancelling; a corrupted cell is
// found at its chip and row; calls the executor runs but the chip cannot prove (a
// y with bit 255 set) and records that are not the executor's are refused; the
// User chips stay empty.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <random>
#include <string>
#include <vector>

#include "curve_call_guest.hpp"
#include "riscv_precompile_harness.hpp"
#include "sp1/air/riscv/edwards.hpp"
#include "sp1/riscv/edwards_traces.hpp"
#include "sp1/riscv/field_gadgets_populate.hpp"
#include "zkvm/precompiles/edwards.hpp"
#include "zkvm/syscall_codes.hpp"

namespace zkgpu::sp1::riscv {
namespace {

using namespace test_support;
namespace pc = zkvm::precompiles;
using P = rv::Ed25519BaseField;

enum class EdChip { Add, Decompress };
using EdCase = ChipCase<EdChip>;

template <TrustMode M, Features F>
using Add = rv::EdAddAssignChip<M, F>;
template <TrustMode M, Features F>
using Decompress = rv::EdDecompressChip<M, F>;
constexpr auto& kAdd = Add<TrustMode::Supervisor, Features::Default>::kMain;
constexpr auto& kDec = Decompress<TrustMode::Supervisor, Features::Default>::kMain;
constexpr size_t kCoordWords = rv::kEdCoordWords, kPointWords = rv::kEdPointWords;

// SP1's widths (rv64im_costs.json) and constraint counts (rv64im_complexity.json)
// of EdAddAssign, EdAddAssignUser, EdDecompress, EdDecompressUser.
constexpr std::array<size_t, 4> kWidths{1347, 1395, 1123, 1171}, kConstraints{792, 875, 755, 840};

// Sends: the coordinates' bytes (4 U8Range lookups a word); each field operation's
// result and carry limbs two a lookup and its witness's u16s; the LTU checks; the
// pointers' 13-bit checks; the words' addresses (3 u16 checks each); the accesses
// (timestamp lookups and the previous record). A square root adds its root's
// bytes and the AND of its low bit. The User chips check the slices' pages first.
template <Features F>
void add_cases(std::vector<EdCase>& out, size_t flag) {
  const std::string field_op = rep("B", P::kLimbs + P::kWitnessLimbs);
  const std::string add_body = rep("B", 2 * kPointWords * 4) + rep(field_op, 7) + "B" + field_op + "B" + "BB" +
                               rep("B", 2 * kPointWords * 3) + rep("BBM", 2 * kPointWords);
  const std::string add_receives = rep("M", 2 * kPointWords) + "Y";
  add_case<Add<TrustMode::Supervisor, F>>(out, EdChip::Add, TrustMode::Supervisor, F, kWidths[0],
                                          kConstraints[0] + flag, add_body, add_receives);
  add_case<Add<TrustMode::User, F>>(out, EdChip::Add, TrustMode::User, F, kWidths[1], kConstraints[1],
                                    kSlice + kSlice + add_body, "QQQQ" + add_receives);
  const std::string dec_body = rep("B", kCoordWords * 4) + "B" + rep(field_op, 5) + field_op + "B" +
                               rep("B", P::kLimbs / 2) + "B" + field_op + "B" + "B" + rep("B", 2 * kCoordWords * 3) +
                               rep("BBM", 2 * kCoordWords);
  const std::string dec_receives = rep("M", 2 * kCoordWords) + "Y";
  add_case<Decompress<TrustMode::Supervisor, F>>(out, EdChip::Decompress, TrustMode::Supervisor, F, kWidths[2],
                                                 kConstraints[2] + flag, dec_body, dec_receives);
  add_case<Decompress<TrustMode::User, F>>(out, EdChip::Decompress, TrustMode::User, F, kWidths[3], kConstraints[3],
                                           kSlice + kSlice + dec_body, "QQQQ" + dec_receives);
}

const std::vector<EdCase>& cases() {
  static const std::vector<EdCase> out = [] {
    std::vector<EdCase> v;
    add_cases<Features::Default>(v, 0);
    add_cases<Features::Mprotect>(v, 1);
    return v;
  }();
  return out;
}

RiscvChipTrace trace_of(EdChip kind, const zkvm::ShardRecord& shard, const RiscvTraceOptions& o = {}) {
  return kind == EdChip::Add ? ed_add_trace(shard, o) : ed_decompress_trace(shard, o);
}

uint32_t code_of(EdChip kind) { return kind == EdChip::Add ? zkvm::sys::ED_ADD : zkvm::sys::ED_DECOMPRESS; }

const mpz_class& field_p() { return pc::ed25519().field.p; }

pc::AffinePoint base_point() { return {pc::ed25519().gx, pc::ed25519().gy}; }

pc::AffinePoint plus(const pc::AffinePoint& a, const pc::AffinePoint& b) {
  return pc::edwards_add(pc::ed25519(), a, b);
}

// The guest's calls: kSteps times, kB + B on a point of its own (k from 1), and
// the decompression of kB's y with x's parity as the sign and with the other sign;
// then a point that B is added to four times in place (calls reading what the
// previous one wrote), and the identity's y = 1 decompressed with both signs.
constexpr size_t kSteps = 12, kAdds = kSteps + 4, kDecompressions = 2 * kSteps + 2;

struct EdGuest {
  GuestShards run;
  std::vector<mpz_class> written_x;  // each decompression's x, in call order
};

const EdGuest& guest() {
  static const EdGuest r = [] {
    const mpz_class& p = field_p();
    CurveCallGuest g(P::kLimbs);
    std::vector<mpz_class> xs;
    const pc::AffinePoint b = base_point();
    const uint64_t b_at = g.put(b);
    pc::AffinePoint k = b;
    for (size_t i = 0; i < kSteps; ++i) {
      g.call(zkvm::sys::ED_ADD, g.put(k), b_at);
      const uint32_t odd = mpz_odd_p(k.x.get_mpz_t()) ? 1 : 0;
      for (const uint32_t sign : {odd, 1 - odd}) {
        g.call(zkvm::sys::ED_DECOMPRESS, g.put({mpz_class(0), k.y}), sign);
        xs.push_back(sign == odd ? k.x : pc::mod(p - k.x, p));
      }
      k = plus(k, b);
    }
    const uint64_t chain = g.put(k);
    for (int i = 0; i < 4; ++i) g.call(zkvm::sys::ED_ADD, chain, b_at);
    for (const uint32_t sign : {0u, 1u}) {
      g.call(zkvm::sys::ED_DECOMPRESS, g.put({mpz_class(7), mpz_class(1)}), sign);
      xs.push_back(0);
    }
    return EdGuest{run_guest(g.elf(), "Ed25519 calls", {}, 0), std::move(xs)};
  }();
  return r;
}

const zkvm::ShardRecord& shard_with_calls(EdChip kind) {
  for (const zkvm::ShardRecord& s : guest().run.shards)
    if (calls(s, code_of(kind)) >= 2) return s;
  throw std::runtime_error("no shard with the chip's calls");
}

mpz_class limbs_value(const Felt* row, const std::array<size_t, P::kLimbs>& cols) {
  std::vector<uint8_t> bytes(P::kLimbs);
  for (size_t i = 0; i < P::kLimbs; ++i) bytes[i] = uint8_t(row[cols[i]].to_canonical());
  return pc::from_le(bytes);
}

TEST(Sp1RiscvEd25519, FieldAndDAreTheExecutors) {
  EXPECT_EQ(pc::from_le(P::kModulus), field_p());
  EXPECT_EQ(pc::from_le(rv::Ed25519Curve::kD), pc::ed25519().d);
  EXPECT_EQ(uint32_t(zkvm::sys::ED_ADD & 0xFF), rv::Ed25519Curve::kAddSyscallId);
  EXPECT_EQ(uint32_t(zkvm::sys::ED_DECOMPRESS & 0xFF), rv::Ed25519Curve::kDecompressSyscallId);
}

TEST(Sp1RiscvEd25519, LayoutsConstraintsAndInteractionsAreSp1s) {
  for (const EdCase& c : cases()) {
    SCOPED_TRACE(name_of(c));
    expect_layout_and_interactions(c);
  }
}

// Also each chip's height is SP1's for its calls.
TEST(Sp1RiscvEd25519, GuestCallsSatisfyEveryConstraint) {
  size_t adds = 0, decompressions = 0;
  for (const zkvm::ShardRecord& s : guest().run.shards) {
    adds += calls(s, zkvm::sys::ED_ADD);
    decompressions += calls(s, zkvm::sys::ED_DECOMPRESS);
    for (const EdCase& c : cases()) {
      if (c.mode == TrustMode::User) continue;
      SCOPED_TRACE(name_of(c) + " shard " + std::to_string(s.index));
      const RiscvChipTrace t = trace_of(c.kind, s, options_for(c.mode));
      EXPECT_EQ(t.name, c.chip->name());
      EXPECT_EQ(t.width, c.chip->width());
      EXPECT_EQ(t.rows, air::padded_height(calls(s, code_of(c.kind))));
      const auto v = check(c, t);
      EXPECT_FALSE(v) << "row " << v->row << " constraint " << v->constraint;
    }
  }
  EXPECT_EQ(adds, kAdds);
  EXPECT_EQ(decompressions, kDecompressions);
}

// Each decompression writes its point's x when the sign is x's parity, p - x with
// the other sign (0 for the identity either way), as x_value and as the sqrt or
// neg_x result its sign selects; the root is the even one.
TEST(Sp1RiscvEd25519, DecompressionsWriteThePointsX) {
  const mpz_class& p = field_p();
  size_t n = 0;
  for (const zkvm::ShardRecord& s : guest().run.shards) {
    if (!calls(s, zkvm::sys::ED_DECOMPRESS)) continue;
    const RiscvChipTrace t = ed_decompress_trace(s, options_for(TrustMode::Supervisor));
    size_t row = 0;
    for (const zkvm::PrecompileEvent& e : s.precompiles) {
      if (e.syscall.code != zkvm::sys::ED_DECOMPRESS) continue;
      SCOPED_TRACE("decompression " + std::to_string(n));
      ASSERT_LT(n, guest().written_x.size());
      const mpz_class& want = guest().written_x[n++];
      const Felt* r = t.main.data() + row++ * t.width;
      std::vector<uint64_t> words(kCoordWords);
      for (size_t i = 0; i < kCoordWords; ++i)
        for (size_t k = 0; k < 4; ++k) words[i] |= uint64_t(r[kDec.head.x_value[i][k]].to_canonical()) << (16 * k);
      EXPECT_EQ(from_le_words(words), want);
      EXPECT_EQ(r[kDec.head.sign], Felt::from_canonical(uint32_t(e.syscall.arg2)));
      const mpz_class root = limbs_value(r, kDec.tail.x.multiplication.result);
      EXPECT_FALSE(mpz_odd_p(root.get_mpz_t()));
      EXPECT_EQ(e.syscall.arg2 ? pc::mod(p - root, p) : root, want);
    }
  }
  EXPECT_EQ(n, kDecompressions);
}

TEST(Sp1RiscvEd25519, EveryColumnMatters) {
  for (const EdCase& c : cases()) {
    if (c.mode == TrustMode::User || c.features == Features::Mprotect) continue;
    SCOPED_TRACE(name_of(c));
    expect_every_column_matters(c, trace_of(c.kind, shard_with_calls(c.kind), options_for(c.mode)), 2);
  }
}

// A result limb off by one breaks the row.
TEST(Sp1RiscvEd25519, WrongResultsBreakAConstraint) {
  for (const EdCase& c : cases()) {
    if (c.mode == TrustMode::User || c.features == Features::Mprotect) continue;
    SCOPED_TRACE(name_of(c));
    for (const size_t col : c.kind == EdChip::Add
                                ? std::vector<size_t>{kAdd.x3_numerator.result[5], kAdd.x3_ins.result[0],
                                                      kAdd.y3_ins.result[9]}
                                : std::vector<size_t>{kDec.tail.x.multiplication.result[3], kDec.tail.neg_x.result[0],
                                                      kDec.tail.u_div_v.result[1]}) {
      RiscvChipTrace t = trace_of(c.kind, shard_with_calls(c.kind), options_for(c.mode));
      t.main[1 * t.width + col] = t.main[1 * t.width + col] + Felt::one();
      const auto v = check(c, t);
      ASSERT_TRUE(v);
      EXPECT_EQ(v->row, 1u);
    }
  }
}

// The gadgets alone: a chip of a FieldInnerProductCols of two terms, FieldDenCols
// of both signs and a FieldSqrtCols on the field's limbs; operands at the field's
// edges and random ones give rows that hold; a witness limb off by one breaks them.
struct GadgetChip {
  static constexpr const char* kName = "FieldGadgetsTest";
  struct Cols {
    std::array<std::array<size_t, P::kLimbs>, 4> in;
    rv::FieldInnerProductCols<size_t, P> ip;
    rv::FieldDenCols<size_t, P> den_plus, den_minus;
    std::array<size_t, P::kLimbs> square;
    rv::FieldSqrtCols<size_t, P> sqrt;
  };
  static constexpr auto kMain = air::col_map<Cols>();
  static constexpr size_t kWidth = air::num_cols<Cols>;
  static constexpr size_t kPreprocessedWidth = 0;
  template <class B>
  void eval(B& b) const {
    std::vector<rv::Poly<B>> in;
    for (const auto& x : kMain.in) in.push_back(rv::main_poly(b, x));
    const rv::E<B> one = b.constant(1);
    rv::eval_field_inner_product<P>(b, kMain.ip, {in[0], in[1]}, {in[2], in[3]}, one);
    rv::eval_field_den<P>(b, kMain.den_plus, in[0], in[1], true, one);
    rv::eval_field_den<P>(b, kMain.den_minus, in[2], in[3], false, one);
    rv::eval_field_sqrt<P>(b, kMain.sqrt, rv::main_poly(b, kMain.square), b.constant(0), one);
  }
};

mpz_class random_below(std::mt19937_64& rng, const mpz_class& bound) {
  mpz_class x = 0;
  for (int i = 0; i < 5; ++i) x = (x << 64) + mpz_class(std::to_string(rng()));
  return x % bound;
}

TEST(Sp1RiscvEd25519, FieldGadgetsOfRandomOperandsHold) {
  const air::ChipModel<GadgetChip> chip;
  const mpz_class& p = field_p();
  const auto& m = GadgetChip::kMain;
  std::mt19937_64 rng(5);
  size_t trials = 0;
  for (size_t trial = 0; trials < 10; ++trial) {
    std::array<mpz_class, 4> in;
    for (size_t i = 0; i < 4; ++i) in[i] = trial == 0 ? mpz_class(p - 1) : random_below(rng, p);
    const mpz_class root = trial == 0 ? mpz_class(0) : random_below(rng, p);
    const mpz_class square = pc::mod(root * root, p);
    const std::optional<mpz_class> even = pc::ed25519_sqrt(square);
    const bool den_ok = pc::mod(1 + in[1], p) != 0 && pc::mod(1 - in[3], p) != 0;
    if (!even || !den_ok) continue;
    ++trials;
    SCOPED_TRACE("trial " + std::to_string(trial));
    std::vector<Felt> row(GadgetChip::kWidth, Felt::zero());
    for (size_t i = 0; i < 4; ++i) {
      const std::vector<uint8_t> l = pc::to_le(in[i], P::kLimbs);
      for (size_t k = 0; k < P::kLimbs; ++k) put(Row(row), m.in[i][k], l[k]);
    }
    const std::vector<uint8_t> sl = pc::to_le(square, P::kLimbs);
    for (size_t k = 0; k < P::kLimbs; ++k) put(Row(row), m.square[k], sl[k]);
    EXPECT_EQ(fill_field_inner_product(Row(row), m.ip, {in[0], in[1]}, {in[2], in[3]}),
              pc::mod(in[0] * in[2] + in[1] * in[3], p));
    EXPECT_EQ(pc::mod(fill_field_den(Row(row), m.den_plus, in[0], in[1], true) * (1 + in[1]), p), in[0]);
    EXPECT_EQ(pc::mod(fill_field_den(Row(row), m.den_minus, in[2], in[3], false) * (1 - in[3]), p), in[2]);
    EXPECT_EQ(fill_field_sqrt(Row(row), m.sqrt, square, *even), *even);
    EXPECT_FALSE(any_nonzero(chip.eval(std::span<const Felt>(row), {}, public_values(false)).constraints));
    for (const size_t col : {m.ip.witness[7], m.den_plus.witness[20], m.den_minus.witness[3],
                             m.sqrt.multiplication.witness[11], m.sqrt.lsb}) {
      std::vector<Felt> bad = row;
      bad[col] = bad[col] + Felt::one();
      EXPECT_TRUE(any_nonzero(chip.eval(std::span<const Felt>(bad), {}, public_values(false)).constraints)) << col;
    }
  }
  // The odd root is refused by the lsb check.
  std::vector<Felt> row(GadgetChip::kWidth, Felt::zero());
  const mpz_class square = 4;
  const std::vector<uint8_t> sl = pc::to_le(square, P::kLimbs);
  for (size_t k = 0; k < P::kLimbs; ++k) put(Row(row), m.square[k], sl[k]);
  fill_field_inner_product(Row(row), m.ip, {0, 0}, {0, 0});
  fill_field_den(Row(row), m.den_plus, 0, 0, true);
  fill_field_den(Row(row), m.den_minus, 0, 0, false);
  fill_field_sqrt(Row(row), m.sqrt, square, mpz_class(2));
  EXPECT_FALSE(any_nonzero(chip.eval(std::span<const Felt>(row), {}, public_values(false)).constraints));
  fill_field_sqrt(Row(row), m.sqrt, square, mpz_class(p - 2));
  EXPECT_TRUE(any_nonzero(chip.eval(std::span<const Felt>(row), {}, public_values(false)).constraints));
}

// Padding rows: SP1's fixed row ((0, 0) + (0, 0); the decompression of y = 0),
// which holds; a shard's padding rows are the same row.
TEST(Sp1RiscvEd25519, PaddingRowsAreSp1s) {
  const mpz_class& p = field_p();
  for (const EdCase& c : cases()) {
    if (c.mode == TrustMode::User) continue;
    SCOPED_TRACE(name_of(c));
    const RiscvChipTrace t = trace_of(c.kind, zkvm::ShardRecord{}, options_for(c.mode));
    ASSERT_EQ(t.rows, 16u);
    EXPECT_FALSE(check(c, t));
    for (size_t r = 1; r < t.rows; ++r)
      EXPECT_TRUE(std::equal(t.main.begin(), t.main.begin() + t.width, t.main.begin() + r * t.width));
    const Felt* row = t.main.data();
    if (c.kind == EdChip::Add) {
      EXPECT_TRUE(row[kAdd.is_real].is_zero());
      EXPECT_EQ(limbs_value(row, kAdd.x3_ins.result), 0);
      EXPECT_EQ(limbs_value(row, kAdd.y3_ins.result), 0);
      EXPECT_EQ(row[kAdd.x3_range.byte_flags[P::kLimbs - 1]], Felt::one());
    } else {
      EXPECT_TRUE(row[kDec.head.is_real].is_zero());
      EXPECT_TRUE(row[kDec.head.sign].is_zero());
      EXPECT_EQ(limbs_value(row, kDec.tail.u.result), p - 1);
      EXPECT_EQ(limbs_value(row, kDec.tail.v.result), 1);
      const mpz_class root = limbs_value(row, kDec.tail.x.multiplication.result);
      EXPECT_EQ(pc::mod(root * root, p), p - 1);
      EXPECT_FALSE(mpz_odd_p(root.get_mpz_t()));
      EXPECT_EQ(limbs_value(row, kDec.tail.neg_x.result), p - root);
    }
    const zkvm::ShardRecord& s = shard_with_calls(c.kind);
    const RiscvChipTrace full = trace_of(c.kind, s, options_for(c.mode));
    ASSERT_GT(full.rows, calls(s, code_of(c.kind)));
    EXPECT_TRUE(std::equal(t.main.begin(), t.main.begin() + t.width, full.main.end() - full.width));
  }
}

// The guest's shards as check-traces sees them: every chip, both builds.
TEST(Sp1RiscvEd25519, ShardsHoldEveryConstraintAndInteraction) { expect_shards_hold(guest().run); }

// A changed result limb on a real row or a padding row is reported at its chip and row.
TEST(Sp1RiscvEd25519, CorruptedCellIsFoundAtItsChipAndRow) {
  const ProgramTables tables = program_tables(guest().run.program);
  for (const EdChip kind : {EdChip::Add, EdChip::Decompress}) {
    const ShardTraces good = shard_traces(shard_with_calls(kind), tables);
    const std::string name = kind == EdChip::Add ? "EdAddAssign" : "EdDecompress";
    const size_t col = kind == EdChip::Add ? kAdd.f.result[3] : kDec.tail.yy.result[3];
    for (const bool padding : {false, true}) expect_corrupted_cell_found(good, name, col, padding);
  }
}

// The executor decompresses a y with bit 255 set (it ignores the bit), which the
// chip cannot prove (y is read whole and must be below p): its trace refuses it.
// So are records that are not the executor's: a written word changed, an access
// at another clk, an access missing, a sign other than 0 or 1.
TEST(Sp1RiscvEd25519, CallsTheChipCannotProveAreRefused) {
  CurveCallGuest g(P::kLimbs);
  const pc::AffinePoint b = base_point();
  g.call(zkvm::sys::ED_DECOMPRESS, g.put({mpz_class(0), mpz_class(b.y + (mpz_class(1) << 255))}), 0);
  const GuestShards r = run_guest(g.elf(), "unprovable decompression", {}, 0);
  size_t refused = 0;
  for (const zkvm::ShardRecord& s : r.shards)
    if (calls(s, zkvm::sys::ED_DECOMPRESS)) {
      EXPECT_THROW(ed_decompress_trace(s), std::invalid_argument);
      ++refused;
    }
  EXPECT_EQ(refused, 1u);

  for (const EdChip kind : {EdChip::Add, EdChip::Decompress}) {
    SCOPED_TRACE(kind == EdChip::Add ? "EdAddAssign" : "EdDecompress");
    const uint32_t code = code_of(kind);
    const auto edited = [&](auto&& edit) {
      zkvm::ShardRecord s = shard_with_calls(kind);
      for (zkvm::PrecompileEvent& e : s.precompiles)
        if (e.syscall.code == code) {
          edit(e);
          break;
        }
      return s;
    };
    EXPECT_NO_THROW(trace_of(kind, edited([](zkvm::PrecompileEvent&) {})));
    EXPECT_THROW(trace_of(kind, edited([](zkvm::PrecompileEvent& e) { e.memory.back().value ^= 1; })),
                 std::invalid_argument);
    EXPECT_THROW(trace_of(kind, edited([](zkvm::PrecompileEvent& e) { e.memory[2].timestamp += 1; })),
                 std::invalid_argument);
    EXPECT_THROW(trace_of(kind, edited([](zkvm::PrecompileEvent& e) { e.memory.pop_back(); })),
                 std::invalid_argument);
  }
  EXPECT_THROW(trace_of(EdChip::Decompress, [] {
                 zkvm::ShardRecord s = shard_with_calls(EdChip::Decompress);
                 for (zkvm::PrecompileEvent& e : s.precompiles)
                   if (e.syscall.code == zkvm::sys::ED_DECOMPRESS) e.syscall.arg2 = 2;
                 return s;
               }()),
               std::invalid_argument);
}

// The User chips: no rows for a trusted program, its calls (without page checks)
// refused in a user-mode one; padding rows hold and a real one without its values breaks a
// constraint. The Supervisor chips have none for a user-mode program.
TEST(Sp1RiscvEd25519, UserChipsStayEmpty) {
  RiscvTraceOptions trusted;
  trusted.mode = TrustMode::User;
  const RiscvTraceOptions untrusted = options_for(TrustMode::User);
  for (const EdCase& c : cases()) {
    if (c.mode != TrustMode::User) continue;
    SCOPED_TRACE(name_of(c));
    const zkvm::ShardRecord& s = shard_with_calls(c.kind);
    EXPECT_EQ(trace_of(c.kind, s, trusted).rows, 0u);
    EXPECT_THROW(trace_of(c.kind, s, untrusted), std::invalid_argument);
    const RiscvChipTrace padding = trace_of(c.kind, zkvm::ShardRecord{}, untrusted);
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
  for (const EdChip kind : {EdChip::Add, EdChip::Decompress})
    EXPECT_EQ(trace_of(kind, shard_with_calls(kind), supervisor).rows, 0u);
}

}  // namespace
}  // namespace zkgpu::sp1::riscv
