// SP1's 256-bit integer chips (sp1/air/riscv/uint256.hpp) and their traces
// (sp1/riscv/uint256_traces.hpp), on a guest made here calling UINT256_MUL (random
// moduli, 0 among them: 2^256), UINT256_ADD_CARRY and UINT256_MUL_CARRY (random
// operands and all-ones ones): the layouts, constraint counts and interactions
// are SP1's; the executor records each carry call's registers x12..x14 and its
// operands at SP1's clocks; each chip has one row a call (the adds before the
// multiplications); the shards hold every constraint and interaction in both
// builds with the global sums cancelling, also in small shards, each of which
// re-executes from its checkpoint to the same records; a corrupted cell is found
// at its chip and row; a written value that is not the result is refused; every
// column of a real row is constrained.
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "precompile_call_guest.hpp"
#include "riscv_precompile_harness.hpp"
#include "sp1/air/riscv/uint256.hpp"
#include "sp1/riscv/field_populate.hpp"
#include "sp1/riscv/uint256_traces.hpp"
#include "zkvm/precompiles/bigint.hpp"
#include "zkvm/syscall_codes.hpp"

namespace zkgpu::sp1::riscv {
namespace {

using namespace test_support;
namespace pc = zkvm::precompiles;
namespace sys = zkvm::sys;

template <TrustMode M, Features F>
using MulMod = rv::Uint256MulModChip<M, F>;
template <TrustMode M, Features F>
using Ops = rv::Uint256OpsChip<M, F>;

// A guest whose calls are ECALLs with the syscall code in t0 and the pointers in
// a0..a4 (x10..x14), its operands 32-byte values placed one after another in a
// PrecompileCallGuest's data segment, then HALT(0).
class Uint256Guest {
 public:
  // Places 32-byte values, consecutive; the address of the first.
  uint64_t put(std::initializer_list<mpz_class> values) {
    std::vector<uint8_t> le;
    for (const mpz_class& v : values) {
      const std::vector<uint8_t> bytes = pc::to_le(v, 32);
      le.insert(le.end(), bytes.begin(), bytes.end());
    }
    std::vector<uint64_t> words(le.size() / 8);
    std::memcpy(words.data(), le.data(), le.size());
    const uint64_t at = next_;
    guest_.put(at, words);
    next_ += le.size();
    return at;
  }

  void call(uint32_t code, std::initializer_list<uint64_t> args) { guest_.call(code, args); }
  std::vector<uint8_t> elf() const { return guest_.elf(); }

 private:
  PrecompileCallGuest guest_;
  uint64_t next_ = PrecompileCallGuest::kDataBase;
};

constexpr size_t kMulCalls = 6, kCarryCallsEach = 4;

std::vector<uint8_t> guest_elf(size_t mul_calls, size_t carry_calls_each) {
  {
    std::mt19937_64 rng(11);
    gmp_randclass gmp(gmp_randinit_default);
    gmp.seed(rng());
    const mpz_class top = mpz_class(1) << 256, ones = top - 1;
    Uint256Guest g;
    // Moduli: nonzero first (the column checks look at the first rows), then 0.
    // Operands below the modulus (SP1's quotient has 32 limbs).
    for (size_t i = 0; i < mul_calls; ++i) {
      const mpz_class m = i == 3 ? mpz_class(0) : i == 4 ? mpz_class(7) : mpz_class(gmp.get_z_range(top));
      const mpz_class bound = m == 0 ? top : m;
      const uint64_t x = g.put({gmp.get_z_range(bound)}), y = g.put({gmp.get_z_range(bound), m});
      g.call(sys::UINT256_MUL, {x, y});
    }
    // Carry operations, a multiplication first to interleave the kinds.
    for (size_t i = 0; i < carry_calls_each; ++i)
      for (const uint32_t code : {sys::UINT256_MUL_CARRY, sys::UINT256_ADD_CARRY}) {
        const bool extreme = i == 1;
        const uint64_t a = g.put({extreme ? ones : mpz_class(gmp.get_z_range(top))});
        const uint64_t b = g.put({extreme ? ones : mpz_class(gmp.get_z_range(top))});
        const uint64_t c = g.put({extreme ? ones : mpz_class(gmp.get_z_range(top))});
        const uint64_t d = g.put({0}), e = g.put({0});
        g.call(code, {a, b, c, d, e});
      }
    return g.elf();
  }
}

const GuestShards& guest() {
  static const GuestShards r = run_guest(guest_elf(kMulCalls, kCarryCallsEach), "uint256 guest", {}, 0);
  return r;
}

// Shards small enough to split 80 carry calls (the preprocessed area is 1247904
// elements): two execution shards.
constexpr uint64_t kSmallShards = 3'000'000;

const zkvm::ShardRecord& shard_with(uint32_t code) {
  for (const zkvm::ShardRecord& s : guest().shards)
    if (calls(s, code) > 0) return s;
  throw std::runtime_error("no shard with the calls");
}

// Sends: the MulMod chip's operands' bytes (4 U8Range lookups a word, x, y, m), the
// operation's result and carry (two limbs a lookup) and witness (one each), the
// LTU check, the pointers' range checks, the addresses' u16 checks, then x's
// writes and y's and m's reads (timestamp lookups, the previous record). The
// Ops chip checks its five pointers, (Supervisor) receives its call, reads x12..x14,
// checks the addresses, (User) the five slices and receives the call, reads a, b,
// c, checks their bytes, the operation, and writes d and e.
enum class U256Chip { MulMod, Ops };
using U256Case = ChipCase<U256Chip>;

template <Features F>
void add_cases(std::vector<U256Case>& out, size_t flag) {
  const std::string op = rep("B", 16 + 16 + 63), access = "BBM";
  const std::string mul_body = rep("B", 48) + op + "B" + "BB" + rep("B", 36) + rep(access, 12);
  add_case<MulMod<TrustMode::Supervisor, F>>(out, U256Chip::MulMod, TrustMode::Supervisor, F, 371, 253 + flag,
                                             mul_body, rep("M", 12) + "Y");
  add_case<MulMod<TrustMode::User, F>>(out, U256Chip::MulMod, TrustMode::User, F, 419, 336, kSlice + kSlice + mul_body,
                                       "QQQQ" + rep("M", 12) + "Y");
  const std::string head = rep("B", 5), regs = rep(access, 3), addrs = rep("B", 60);
  const std::string tail = rep(access, 12) + rep("B", 48) + op + rep(access, 8);
  add_case<Ops<TrustMode::Supervisor, F>>(out, U256Chip::Ops, TrustMode::Supervisor, F, 477, 297 + flag,
                                          head + regs + addrs + tail, "Y" + rep("M", 3 + 20));
  add_case<Ops<TrustMode::User, F>>(out, U256Chip::Ops, TrustMode::User, F, 597, 508,
                                    head + regs + addrs + rep(kSlice, 5) + tail,
                                    rep("M", 3) + rep("Q", 10) + "Y" + rep("M", 20));
}

TEST(Sp1RiscvUint256, LayoutsConstraintsAndInteractionsAreSp1s) {
  std::vector<U256Case> cases;
  add_cases<Features::Default>(cases, 0);
  add_cases<Features::Mprotect>(cases, 1);
  for (const U256Case& c : cases) {
    SCOPED_TRACE(name_of(c));
    expect_layout_and_interactions(c);
  }
}

// A carry call's accesses: x12..x14 read at clk (their values the pointers c, d,
// e), a's words read at clk, b's at clk + 1, c's at clk + 2, d's written at clk + 3
// and e's at clk + 4, with a + b + c or a b + c = d + 2^256 e.
TEST(Sp1RiscvUint256, ExecutorRecordsTheCarryCallsAsSp1) {
  const zkvm::ShardRecord& s = shard_with(sys::UINT256_ADD_CARRY);
  size_t seen = 0;
  for (const zkvm::PrecompileEvent& p : s.precompiles) {
    if (p.syscall.code != sys::UINT256_ADD_CARRY && p.syscall.code != sys::UINT256_MUL_CARRY) continue;
    ++seen;
    ASSERT_EQ(p.memory.size(), 3u + 20);
    const uint64_t clk = p.syscall.clk;
    for (unsigned r = 0; r < 3; ++r) {
      EXPECT_EQ(p.memory[r].addr, 12u + r);
      EXPECT_EQ(p.memory[r].timestamp, clk);
      EXPECT_FALSE(p.memory[r].write);
      EXPECT_LT(p.memory[r].prev_timestamp, clk);
    }
    const uint64_t ptr[5] = {p.syscall.arg1, p.syscall.arg2, p.memory[0].value, p.memory[1].value, p.memory[2].value};
    mpz_class v[5];
    for (size_t k = 0; k < 5; ++k) {
      std::vector<uint64_t> words;
      for (size_t i = 0; i < 4; ++i) {
        const zkvm::MemoryAccess& m = p.memory[3 + 4 * k + i];
        EXPECT_EQ(m.addr, ptr[k] + 8 * i);
        EXPECT_EQ(m.timestamp, clk + k);
        EXPECT_EQ(m.write, k >= 3);
        words.push_back(m.value);
      }
      v[k] = from_le_words(words);
    }
    const mpz_class value = p.syscall.code == sys::UINT256_ADD_CARRY ? mpz_class(v[0] + v[1] + v[2])
                                                                      : mpz_class(v[0] * v[1] + v[2]);
    EXPECT_EQ(value, v[3] + (v[4] << 256));
  }
  EXPECT_EQ(seen, 2 * kCarryCallsEach);
}

// One row a call; the Ops chip's adds come first; padding rows are zero but for
// the witness.
TEST(Sp1RiscvUint256, OneRowACallAddsFirst) {
  {
    const zkvm::ShardRecord& s = shard_with(sys::UINT256_MUL);
    const RiscvChipTrace t = uint256_mul_trace(s, options_for(TrustMode::Supervisor));
    EXPECT_EQ(t.rows, air::padded_height(calls(s, sys::UINT256_MUL)));
    constexpr auto& c = MulMod<TrustMode::Supervisor, Features::Default>::kMain.head;
    size_t zero_moduli = 0;
    for (size_t r = 0; r < calls(s, sys::UINT256_MUL); ++r) {
      EXPECT_EQ(t.main[r * t.width + c.is_real], Felt::one());
      zero_moduli += t.main[r * t.width + c.modulus_is_zero.result] == Felt::one();
    }
    EXPECT_EQ(zero_moduli, 1u);
    const Felt* pad = t.main.data() + (t.rows - 1) * t.width;
    EXPECT_EQ(pad[c.is_real], Felt::zero());
    EXPECT_EQ(pad[c.output.witness[0]], Felt::from_canonical(rv::U256Field::kWitnessOffset));
  }
  const zkvm::ShardRecord& s = shard_with(sys::UINT256_ADD_CARRY);
  const RiscvChipTrace t = uint256_ops_trace(s, options_for(TrustMode::Supervisor));
  const size_t n = calls(s, sys::UINT256_ADD_CARRY) + calls(s, sys::UINT256_MUL_CARRY);
  EXPECT_EQ(n, 2 * kCarryCallsEach);
  EXPECT_EQ(t.rows, air::padded_height(n));
  constexpr auto& c = Ops<TrustMode::Supervisor, Features::Default>::kMain.head;
  for (size_t r = 0; r < n; ++r) {
    const bool add = r < calls(s, sys::UINT256_ADD_CARRY);
    EXPECT_EQ(t.main[r * t.width + c.is_add], Felt::from_canonical(add));
    EXPECT_EQ(t.main[r * t.width + c.is_mul], Felt::from_canonical(!add));
  }
  const Felt* pad = t.main.data() + (t.rows - 1) * t.width;
  EXPECT_EQ(pad[c.is_add], Felt::zero());
  EXPECT_EQ(pad[c.is_real], Felt::zero());
  EXPECT_EQ(pad[c.field_op.witness[62]], Felt::from_canonical(rv::U256Field::kWitnessOffset));
  // The User chip has no rows in a program without untrusted code, and refuses its calls (without page
  // checks) in one with it.
  RiscvTraceOptions user;
  user.mode = TrustMode::User;
  EXPECT_EQ(uint256_ops_trace(s, user).rows, 0u);
  EXPECT_THROW(uint256_ops_trace(s, options_for(TrustMode::User)), std::invalid_argument);
}

TEST(Sp1RiscvUint256, ShardsHoldEveryConstraintAndInteraction) { expect_shards_hold(guest()); }

// In small shards the carry calls fall in two execution shards: each
// re-executes from its checkpoint to the same records (the registers the calls
// read are not memory words), and the shards hold every constraint and interaction.
TEST(Sp1RiscvUint256, SmallShardsReexecuteAndHold) {
  const GuestShards r = run_guest(guest_elf(40, 40), "uint256 guest", {}, kSmallShards);
  zkvm::ShardOptions o;
  o.threshold.element_threshold = kSmallShards;
  size_t with_carry_calls = 0, execution = 0;
  for (const zkvm::ShardRecord& s : r.shards) {
    if (s.kind != zkvm::ShardRecord::Kind::execution) continue;
    SCOPED_TRACE("shard " + std::to_string(s.index));
    ++execution;
    with_carry_calls += calls(s, sys::UINT256_ADD_CARRY) + calls(s, sys::UINT256_MUL_CARRY) > 0;
    for (const zkvm::CheckpointWord& w : s.checkpoint->memory) EXPECT_GE(w.addr, 32u);
    const zkvm::ReexecutedShard again = zkvm::reexecute_shard(r.program, *s.checkpoint, o);
    EXPECT_EQ(again.record.syscalls, s.syscalls);
    EXPECT_EQ(again.record.syscall_memory, s.syscall_memory);
    EXPECT_EQ(again.record.precompiles, s.precompiles);
    EXPECT_EQ(again.record.memory_local, s.memory_local);
  }
  EXPECT_GE(execution, 2u);
  EXPECT_GE(with_carry_calls, 2u);
  expect_shards_hold(r);
}

TEST(Sp1RiscvUint256, EveryColumnMatters) {
  {
    using Chip = MulMod<TrustMode::Supervisor, Features::Default>;
    const ChipCase<int> c{0, std::make_unique<air::ChipModel<Chip>>(), TrustMode::Supervisor, Features::Default,
                          Chip::kWidth, 0, "", ""};
    expect_every_column_matters(c, uint256_mul_trace(shard_with(sys::UINT256_MUL), options_for(TrustMode::Supervisor)),
                                kMulCalls);
  }
  using Chip = Ops<TrustMode::Supervisor, Features::Default>;
  const ChipCase<int> c{0, std::make_unique<air::ChipModel<Chip>>(), TrustMode::Supervisor, Features::Default,
                        Chip::kWidth, 0, "", ""};
  expect_every_column_matters(
      c, uint256_ops_trace(shard_with(sys::UINT256_ADD_CARRY), options_for(TrustMode::Supervisor)),
      2 * kCarryCallsEach);
}

// A result limb changed on a real row or a padding row is reported at its chip and row.
TEST(Sp1RiscvUint256, CorruptedCellIsFoundAtItsChipAndRow) {
  const ProgramTables tables = program_tables(guest().program);
  constexpr auto& mul = MulMod<TrustMode::Supervisor, Features::Default>::kMain.head;
  constexpr auto& ops = Ops<TrustMode::Supervisor, Features::Default>::kMain.head;
  for (const bool is_ops : {false, true}) {
    const zkvm::ShardRecord& s = shard_with(is_ops ? sys::UINT256_ADD_CARRY : sys::UINT256_MUL);
    const ShardTraces good = shard_traces(s, tables);
    const char* name = is_ops ? "Uint256Ops" : "Uint256MulMod";
    const size_t col = is_ops ? ops.field_op.result[2] : mul.output.result[2];
    for (const bool padding : {false, true}) expect_corrupted_cell_found(good, name, col, padding);
  }
}

// Records whose written words are not the result are refused.
TEST(Sp1RiscvUint256, WrongWrittenValueIsRefused) {
  {
    zkvm::ShardRecord s = shard_with(sys::UINT256_MUL);
    for (zkvm::PrecompileEvent& p : s.precompiles)
      if (p.syscall.code == sys::UINT256_MUL) {
        p.memory[8].value ^= 1;  // x's first word
        break;
      }
    EXPECT_THROW(uint256_mul_trace(s, options_for(TrustMode::Supervisor)), std::invalid_argument);
  }
  for (const size_t word : {3u + 12, 3u + 16}) {  // d's and e's first words
    zkvm::ShardRecord s = shard_with(sys::UINT256_ADD_CARRY);
    for (zkvm::PrecompileEvent& p : s.precompiles)
      if (p.syscall.code == sys::UINT256_MUL_CARRY) {
        p.memory[word].value ^= 1;
        break;
      }
    EXPECT_THROW(uint256_ops_trace(s, options_for(TrustMode::Supervisor)), std::invalid_argument);
  }
}

}  // namespace
}  // namespace zkgpu::sp1::riscv
