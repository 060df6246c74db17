// SP1's User precompile chips' traces with their page checks
// (sp1/riscv/slice_page_prot_populate.hpp in each chip's trace writer), on
// user-mode calls made here: a guest (precompile_call_guest.hpp) runs every
// precompile on operands within one page or across page boundaries, and each of
// its calls gets the page checks the executor records in user mode
// (user_mode_calls.hpp). Per User chip, in SP1's mprotect build: a call within one
// page, one across pages, one trapping on its first slice's page and one on a
// later slice's second page give rows that satisfy every constraint, each row
// reading its call's page records in the PageProtAccess argument, a trapped row
// sending the trap code in the call's message and making no memory access; a
// corrupted page-check cell breaks its row. The hash chips fed by the control
// chips satisfy theirs with a trapped call's rows; a slice across a 4 GiB
// boundary carries the page index into its top limb; a trapped ED_DECOMPRESS is
// refused by its chip's name, as are page checks that are not the call's. The
// syscall table sends a trapped call with its trap code, to the precompile chip
// and to the Global chip.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "precompile_call_guest.hpp"
#include "riscv_precompile_harness.hpp"
#include "sp1/air/riscv/edwards.hpp"
#include "sp1/air/riscv/fp2_op.hpp"
#include "sp1/air/riscv/fp_op.hpp"
#include "sp1/air/riscv/keccak_control.hpp"
#include "sp1/air/riscv/keccak_permute.hpp"
#include "sp1/air/riscv/poseidon2_precompile.hpp"
#include "sp1/air/riscv/sha_compress.hpp"
#include "sp1/air/riscv/sha_extend.hpp"
#include "sp1/air/riscv/syscall_chip.hpp"
#include "sp1/air/riscv/uint256.hpp"
#include "sp1/air/riscv/weierstrass.hpp"
#include "sp1/riscv/edwards_traces.hpp"
#include "sp1/riscv/fp2_traces.hpp"
#include "sp1/riscv/fp_traces.hpp"
#include "sp1/riscv/global_trace.hpp"
#include "sp1/riscv/keccak_traces.hpp"
#include "sp1/riscv/lookup_counts.hpp"
#include "sp1/riscv/poseidon2_trace.hpp"
#include "sp1/riscv/sha256_traces.hpp"
#include "sp1/riscv/syscall_table_trace.hpp"
#include "sp1/riscv/uint256_traces.hpp"
#include "sp1/riscv/weierstrass_traces.hpp"
#include "user_mode_calls.hpp"
#include "zkvm/precompiles/bigint.hpp"
#include "zkvm/precompiles/edwards.hpp"
#include "zkvm/precompiles/weierstrass.hpp"

namespace zkgpu::sp1::riscv {
namespace {

using namespace test_support;
namespace pc = zkvm::precompiles;
namespace sys = zkvm::sys;
using TraceFn = RiscvChipTrace (*)(const zkvm::ShardRecord&, const RiscvTraceOptions&);
using Slice = rv::AddressSlicePageProtOperation<size_t>;

// --- the calls ----------------------------------------------------------------------

// A call's pointer operands (a0, a1, x12.. in order) and, when a1 is not a
// pointer, its value.
struct Operands {
  std::vector<std::vector<uint64_t>> pointed;
  std::optional<uint64_t> a1;
};

std::vector<uint64_t> words_of(const mpz_class& v, size_t bytes) {
  const std::vector<uint8_t> le = pc::to_le(v, bytes);
  std::vector<uint64_t> w(bytes / 8);
  for (size_t i = 0; i < bytes; ++i) w[i / 8] |= uint64_t(le[i]) << (8 * (i % 8));
  return w;
}

std::vector<uint64_t> point_words(const pc::AffinePoint& p, size_t coordinate_bytes) {
  std::vector<uint64_t> w = words_of(p.x, coordinate_bytes), y = words_of(p.y, coordinate_bytes);
  w.insert(w.end(), y.begin(), y.end());
  return w;
}

const pc::WeierstrassCurve* curve_of(uint32_t code) {
  switch (code) {
    case sys::SECP256K1_ADD: case sys::SECP256K1_DOUBLE: return &pc::secp256k1();
    case sys::SECP256R1_ADD: case sys::SECP256R1_DOUBLE: return &pc::secp256r1();
    case sys::BN254_ADD: case sys::BN254_DOUBLE: return &pc::bn254_g1();
    case sys::BLS12381_ADD: case sys::BLS12381_DOUBLE: return &pc::bls12_381_g1();
    default: return nullptr;
  }
}

bool is_bn254_field_op(uint32_t code) {
  return code == sys::BN254_FP_ADD || code == sys::BN254_FP_SUB || code == sys::BN254_FP_MUL ||
         code == sys::BN254_FP2_ADD || code == sys::BN254_FP2_SUB || code == sys::BN254_FP2_MUL;
}

bool is_fp2(uint32_t code) {
  return code == sys::BN254_FP2_ADD || code == sys::BN254_FP2_SUB || code == sys::BN254_FP2_MUL ||
         code == sys::BLS12381_FP2_ADD || code == sys::BLS12381_FP2_SUB || code == sys::BLS12381_FP2_MUL;
}

// Valid operands of a call of `code`.
Operands operands_for(uint32_t code, std::mt19937_64& rng, gmp_randclass& gmp) {
  const auto small_words = [&](size_t n, uint64_t mask) {
    std::vector<uint64_t> w(n);
    for (uint64_t& x : w) x = rng() & mask;
    return w;
  };
  if (const pc::WeierstrassCurve* c = curve_of(code)) {
    const pc::AffinePoint g{c->gx, c->gy};
    const pc::AffinePoint g2 = pc::weierstrass_double(*c, g, "test");
    const bool add = code == sys::SECP256K1_ADD || code == sys::SECP256R1_ADD || code == sys::BN254_ADD ||
                     code == sys::BLS12381_ADD;
    if (add) return {{point_words(g2, c->field.bytes), point_words(g, c->field.bytes)}, {}};
    return {{point_words(g, c->field.bytes)}, 0};
  }
  switch (code) {
    case sys::SHA_EXTEND: return {{small_words(64, 0xFFFF'FFFF)}, 0};
    case sys::SHA_COMPRESS: return {{small_words(64, 0xFFFF'FFFF), small_words(8, 0xFFFF'FFFF)}, {}};
    case sys::KECCAK_PERMUTE: return {{small_words(25, ~uint64_t(0))}, 0};
    case sys::POSEIDON2: return {{small_words(8, 0x3FFF'FFFF'3FFF'FFFF)}, 0};  // halves below KoalaBear's p
    case sys::ED_ADD: {
      const pc::EdwardsCurve& c = pc::ed25519();
      const pc::AffinePoint b{c.gx, c.gy};
      return {{point_words(pc::edwards_add(c, b, b), 32), point_words(b, 32)}, {}};
    }
    case sys::ED_DECOMPRESS: {
      const pc::EdwardsCurve& c = pc::ed25519();
      return {{point_words({0, c.gy}, 32)}, mpz_odd_p(c.gx.get_mpz_t()) ? 1 : 0};
    }
    case sys::UINT256_MUL: {
      const mpz_class top = mpz_class(1) << 256, m = gmp.get_z_range(top);
      std::vector<uint64_t> y_m = words_of(gmp.get_z_range(m), 32), mw = words_of(m, 32);
      y_m.insert(y_m.end(), mw.begin(), mw.end());
      return {{words_of(gmp.get_z_range(m), 32), y_m}, {}};
    }
    case sys::UINT256_ADD_CARRY:
    case sys::UINT256_MUL_CARRY: {
      const mpz_class top = mpz_class(1) << 256;
      Operands o;
      for (int k = 0; k < 3; ++k) o.pointed.push_back(words_of(gmp.get_z_range(top), 32));
      o.pointed.push_back(std::vector<uint64_t>(4, 0));
      o.pointed.push_back(std::vector<uint64_t>(4, 0));
      return o;
    }
    default: {  // a field operation: x and y below p, one or two coordinates
      const pc::PrimeField& f = is_bn254_field_op(code) ? pc::bn254_fp() : pc::bls12_381_fp();
      const size_t coordinates = is_fp2(code) ? 2 : 1;
      Operands o;
      for (int k = 0; k < 2; ++k) {
        std::vector<uint64_t> w;
        for (size_t i = 0; i < coordinates; ++i) {
          const std::vector<uint64_t> c = words_of(gmp.get_z_range(f.p), f.bytes);
          w.insert(w.end(), c.begin(), c.end());
        }
        o.pointed.push_back(w);
      }
      return o;
    }
  }
}

// How a call's operands lie and which of its page checks fails.
enum class Case { OnePage, AcrossPages, TrapFirst, TrapLater };
constexpr Case kCases[] = {Case::OnePage, Case::AcrossPages, Case::TrapFirst, Case::TrapLater};

struct Planned {
  uint32_t code;
  Case kind;
};

// Each User chip: its calls' codes (the cases take them in turn), its trace, the
// chip in the mprotect build, its first and last slice's page-check columns.
struct UserChip {
  std::vector<uint32_t> codes;
  TraceFn trace;
  std::shared_ptr<MachineChip> chip;
  const Slice* first;
  const Slice* last;
  bool traps = true;  // whether the chip can prove a trapped call
};

template <class Chip>
UserChip user_chip(std::vector<uint32_t> codes, TraceFn trace, const Slice& first, const Slice& last) {
  return {std::move(codes), trace, std::make_shared<air::ChipModel<Chip>>(), &first, &last};
}

template <template <TrustMode, Features> class C>
using U = C<TrustMode::User, Features::Mprotect>;

template <class Curve>
void add_curve(std::vector<UserChip>& out, uint32_t add, uint32_t dbl, TraceFn add_trace, TraceFn double_trace) {
  using Add = rv::WeierstrassAddAssignChip<Curve, TrustMode::User, Features::Mprotect>;
  using Double = rv::WeierstrassDoubleAssignChip<Curve, TrustMode::User, Features::Mprotect>;
  out.push_back(user_chip<Add>({add}, add_trace, Add::kMain.read_slice_page_prot_access,
                               Add::kMain.write_slice_page_prot_access));
  out.push_back(user_chip<Double>({dbl}, double_trace, Double::kMain.write_slice_page_prot_access,
                                  Double::kMain.write_slice_page_prot_access));
}

template <class FpOps, class Fp2Ops>
void add_field(std::vector<UserChip>& out, std::vector<uint32_t> fp, std::vector<uint32_t> addsub, uint32_t mul,
               TraceFn fp_trace, TraceFn addsub_trace, TraceFn mul_trace) {
  using Fp = rv::FpOpChip<FpOps, TrustMode::User, Features::Mprotect>;
  using AddSub = rv::Fp2AddSubChip<Fp2Ops, TrustMode::User, Features::Mprotect>;
  using Mul = rv::Fp2MulChip<Fp2Ops, TrustMode::User, Features::Mprotect>;
  out.push_back(user_chip<Fp>(std::move(fp), fp_trace, Fp::kMain.read_slice_page_prot_access,
                              Fp::kMain.write_slice_page_prot_access));
  out.push_back(user_chip<AddSub>(std::move(addsub), addsub_trace, AddSub::kMain.read_slice_page_prot_access,
                                  AddSub::kMain.write_slice_page_prot_access));
  out.push_back(user_chip<Mul>({mul}, mul_trace, Mul::kMain.read_slice_page_prot_access,
                               Mul::kMain.write_slice_page_prot_access));
}

const std::vector<UserChip>& user_chips() {
  static const std::vector<UserChip> chips = [] {
    std::vector<UserChip> v;
    using ShaX = U<rv::ShaExtendControlChip>;
    using ShaC = U<rv::ShaCompressControlChip>;
    using Keccak = U<rv::KeccakPermuteControlChip>;
    using Poseidon2 = U<rv::Poseidon2PrecompileChip>;
    using EdAdd = U<rv::EdAddAssignChip>;
    using EdDecompress = U<rv::EdDecompressChip>;
    using MulMod = U<rv::Uint256MulModChip>;
    using Ops = U<rv::Uint256OpsChip>;
    v.push_back(user_chip<ShaX>({sys::SHA_EXTEND}, sha_extend_control_trace, ShaX::kMain.initial_page_prot_access,
                                ShaX::kMain.extension_page_prot_access));
    v.push_back(user_chip<ShaC>({sys::SHA_COMPRESS}, sha_compress_control_trace, ShaC::kUser.h_read_page_prot_access,
                                ShaC::kUser.h_write_page_prot_access));
    v.push_back(user_chip<Keccak>({sys::KECCAK_PERMUTE}, keccak_control_trace,
                                  Keccak::kUser.read_state_slice_page_prot_access,
                                  Keccak::kUser.write_state_slice_page_prot_access));
    v.push_back(user_chip<Poseidon2>({sys::POSEIDON2}, poseidon2_trace,
                                     Poseidon2::kMain.address_slice_page_prot_access,
                                     Poseidon2::kMain.address_slice_page_prot_access));
    add_curve<rv::Secp256k1Curve>(v, sys::SECP256K1_ADD, sys::SECP256K1_DOUBLE, secp256k1_add_trace,
                                  secp256k1_double_trace);
    add_curve<rv::Secp256r1Curve>(v, sys::SECP256R1_ADD, sys::SECP256R1_DOUBLE, secp256r1_add_trace,
                                  secp256r1_double_trace);
    add_curve<rv::Bn254Curve>(v, sys::BN254_ADD, sys::BN254_DOUBLE, bn254_add_trace, bn254_double_trace);
    add_curve<rv::Bls12381Curve>(v, sys::BLS12381_ADD, sys::BLS12381_DOUBLE, bls12381_add_trace,
                                 bls12381_double_trace);
    v.push_back(user_chip<EdAdd>({sys::ED_ADD}, ed_add_trace, EdAdd::kMain.read_slice_page_prot_access,
                                 EdAdd::kMain.write_slice_page_prot_access));
    v.push_back(user_chip<EdDecompress>({sys::ED_DECOMPRESS}, ed_decompress_trace,
                                        EdDecompress::kMain.read_slice_page_prot_access,
                                        EdDecompress::kMain.write_slice_page_prot_access));
    v.back().traps = false;
    add_field<rv::Bn254FpOps, rv::Bn254Fp2Ops>(v, {sys::BN254_FP_ADD, sys::BN254_FP_SUB, sys::BN254_FP_MUL},
                                               {sys::BN254_FP2_ADD, sys::BN254_FP2_SUB}, sys::BN254_FP2_MUL,
                                               bn254_fp_trace, bn254_fp2_addsub_trace, bn254_fp2_mul_trace);
    add_field<rv::Bls12381FpOps, rv::Bls12381Fp2Ops>(
        v, {sys::BLS12381_FP_ADD, sys::BLS12381_FP_SUB, sys::BLS12381_FP_MUL},
        {sys::BLS12381_FP2_ADD, sys::BLS12381_FP2_SUB}, sys::BLS12381_FP2_MUL, bls12381_fp_trace,
        bls12381_fp2_addsub_trace, bls12381_fp2_mul_trace);
    v.push_back(user_chip<MulMod>({sys::UINT256_MUL}, uint256_mul_trace,
                                  MulMod::kMain.address_slice_page_prot_access_y,
                                  MulMod::kMain.address_slice_page_prot_access_x));
    v.push_back(user_chip<Ops>({sys::UINT256_ADD_CARRY, sys::UINT256_MUL_CARRY}, uint256_ops_trace,
                               Ops::kMain.address_slice_page_prot_access[0],
                               Ops::kMain.address_slice_page_prot_access[4]));
    return v;
  }();
  return chips;
}

// The guest's calls as user-mode calls, in call order, and what each was planned as.
struct UserCalls {
  std::vector<Planned> plan;
  std::vector<zkvm::PrecompileEvent> calls;
};

// Per chip, a call of each case (a trapped ED_DECOMPRESS too, which its chip
// refuses): within one page, every operand across a page boundary (an operand
// a boundary of its own, its first words before it), and the two traps: the
// first slice's page without permissions; the last slice across pages, its
// second page only readable.
const UserCalls& user_calls() {
  static const UserCalls r = [] {
    std::mt19937_64 rng(23);
    gmp_randclass gmp(gmp_randinit_default);
    gmp.seed(rng());
    PrecompileCallGuest g;
    UserCalls out;
    uint64_t page = PrecompileCallGuest::kDataBase >> zkvm::kLogPageSize;  // the next free page
    for (const UserChip& chip : user_chips())
      for (size_t k = 0; k < 4; ++k) {
        const Planned p{chip.codes[k % chip.codes.size()], kCases[k]};
        const Operands o = operands_for(p.code, rng, gmp);
        const bool across = p.kind == Case::AcrossPages || p.kind == Case::TrapLater;
        std::vector<uint64_t> args;
        uint64_t at = page << zkvm::kLogPageSize;
        for (const std::vector<uint64_t>& w : o.pointed) {
          if (across) {
            const uint64_t boundary = (page + 2 * args.size() + 1) << zkvm::kLogPageSize;
            at = boundary - 8 * std::max<size_t>(1, w.size() / 2 - 1);
          }
          g.put(at, w);
          args.push_back(at);
          if (!across) at += 8 * w.size();
        }
        page += across ? 2 * args.size() + 1 : 1;
        if (o.a1) args.insert(args.begin() + 1, *o.a1);
        if (args.size() == 2) g.call(p.code, {args[0], args[1]});
        else g.call(p.code, {args[0], args[1], args[2], args[3], args[4]});
        out.plan.push_back(p);
      }
    const GuestShards run = run_guest(g.elf(), "user-mode precompile calls", {}, 0);
    std::vector<zkvm::PrecompileEvent> trusted;
    for (const zkvm::ShardRecord& s : run.shards)
      trusted.insert(trusted.end(), s.precompiles.begin(), s.precompiles.end());
    std::sort(trusted.begin(), trusted.end(),
              [](const auto& a, const auto& b) { return a.syscall.clk < b.syscall.clk; });
    if (trusted.size() != out.plan.size()) throw std::runtime_error("the guest's calls are not the planned ones");
    UserModePages pages;
    for (size_t i = 0; i < trusted.size(); ++i) {
      if (trusted[i].syscall.code != out.plan[i].code) throw std::runtime_error("a call out of the planned order");
      const zkvm::PageCheckSlices slices = slices_of(trusted[i]);
      const zkvm::PageCheckSlice& last = slices.slice[slices.count - 1];
      if (out.plan[i].kind == Case::TrapFirst) pages.set(slices.slice[0].first_page(), 0);
      if (out.plan[i].kind == Case::TrapLater) pages.set(last.last_page(), zkvm::kProtRead);
      out.calls.push_back(pages.lift(trusted[i]));
    }
    return out;
  }();
  return r;
}

// The user-mode calls of `chip` (traps only if it can prove them) in a shard.
zkvm::ShardRecord shard_of(const UserChip& chip, bool with_traps = true) {
  zkvm::ShardRecord s;
  const UserCalls& u = user_calls();
  for (size_t i = 0; i < u.calls.size(); ++i) {
    const bool trapped = u.calls[i].syscall.trap_result.has_value();
    if (std::count(chip.codes.begin(), chip.codes.end(), u.plan[i].code) && (!trapped || (chip.traps && with_traps)))
      s.precompiles.push_back(u.calls[i]);
  }
  return s;
}

const RiscvTraceOptions kUser = options_for(TrustMode::User);

std::vector<Felt> user_public_values() { return public_values(true); }

// --- the tests ----------------------------------------------------------------------

// The plan holds: the traps are where planned, the calls across pages check
// two pages in some slice.
TEST(Sp1RiscvUserPrecompiles, CallsCheckThePlannedPages) {
  const UserCalls& u = user_calls();
  ASSERT_EQ(u.calls.size(), 4 * user_chips().size());
  for (size_t i = 0; i < u.calls.size(); ++i) {
    const zkvm::SyscallEvent& s = u.calls[i].syscall;
    SCOPED_TRACE(std::string(zkvm::syscall_name(s.code)) + " call " + std::to_string(i));
    const zkvm::PageCheckSlices slices = slices_of(u.calls[i]);
    size_t pages = 0;
    for (const zkvm::PageCheckSlice& sl : slices) pages += sl.last_page() - sl.first_page() + 1;
    switch (u.plan[i].kind) {
      case Case::OnePage: EXPECT_EQ(s.page_checks.size(), slices.count); break;
      case Case::AcrossPages: EXPECT_GT(s.page_checks.size(), slices.count); break;
      case Case::TrapFirst: EXPECT_EQ(s.page_checks.size(), 1u); break;
      case Case::TrapLater: EXPECT_EQ(s.page_checks.size(), pages); break;
    }
    EXPECT_EQ(s.trap_result.has_value(), u.plan[i].kind == Case::TrapFirst || u.plan[i].kind == Case::TrapLater);
  }
}

// Every chip's rows hold, their byte lookups address the tables; each real row
// reads its call's page records (one PageProtAccess send each) and receives its
// call with the trap code, a trapped one making no memory access.
TEST(Sp1RiscvUserPrecompiles, CallsSatisfyEveryConstraint) {
  const std::vector<Felt> pv = user_public_values();
  for (const UserChip& chip : user_chips()) {
    SCOPED_TRACE(std::string(chip.chip->name()));
    const zkvm::ShardRecord s = shard_of(chip);
    ASSERT_EQ(s.precompiles.size(), chip.traps ? 4u : 2u);
    const RiscvChipTrace t = chip.trace(s, kUser);
    ASSERT_EQ(t.name, chip.chip->name());
    ASSERT_EQ(t.rows, air::padded_height(s.precompiles.size()));
    const auto v = air::first_violation(*chip.chip, air::TraceView{t.main, {}, t.rows}, pv);
    EXPECT_FALSE(v) << "row " << v->row << " constraint " << v->constraint;
    LookupCounts lookups;  // every byte lookup (the permissions' AND among them) addresses its table
    count_lookups(*chip.chip, air::TraceView{t.main, {}, t.rows}, pv, lookups);
    EXPECT_EQ(lookups.uncounted, 0u);
    // Rows come in the shard's order but for Uint256Ops (ADD_CARRY calls first).
    std::vector<const zkvm::PrecompileEvent*> order;
    for (const zkvm::PrecompileEvent& e : s.precompiles) order.push_back(&e);
    if (chip.codes.front() == sys::UINT256_ADD_CARRY)
      std::stable_partition(order.begin(), order.end(),
                            [](const auto* e) { return e->syscall.code == sys::UINT256_ADD_CARRY; });
    for (size_t r = 0; r < order.size(); ++r) {
      const zkvm::SyscallEvent& call = order[r]->syscall;
      const auto eval = chip.chip->eval(std::span<const Felt>(t.main.data() + r * t.width, t.width), {}, pv);
      size_t page_reads = 0, memory = 0;
      for (const auto& i : eval.sends) {
        page_reads += i.kind == InteractionKind::PageProtAccess && i.multiplicity == Felt::one();
        memory += i.kind == InteractionKind::Memory && !i.multiplicity.is_zero();
      }
      EXPECT_EQ(page_reads, call.page_checks.size()) << "row " << r;
      const uint64_t code = call.trap_result ? call.trap_result->code_record.value : 0;
      for (const auto& i : eval.receives)
        if (i.kind == InteractionKind::Syscall) {
          EXPECT_EQ(i.values[3], Felt::from_canonical(uint32_t(code))) << "row " << r;
        }
      // A trapped row's only accesses: a carry call's pointer reads.
      if (call.trap_result) {
        EXPECT_EQ(memory, order[r]->memory.size()) << "row " << r;
      }
    }
  }
}

// A page-check cell raised by 3 on a call's row (its first slice's last page, or
// the trapping check of the trapped later slice) breaks that row.
TEST(Sp1RiscvUserPrecompiles, CorruptedPageCheckCellIsFound) {
  const std::vector<Felt> pv = user_public_values();
  for (const UserChip& chip : user_chips()) {
    SCOPED_TRACE(std::string(chip.chip->name()));
    const zkvm::ShardRecord s = shard_of(chip);
    const RiscvChipTrace good = chip.trace(s, kUser);
    const size_t last_row = s.precompiles.size() - 1;  // Uint256Ops: a MUL_CARRY call trapping late
    const bool late_trap = s.precompiles.back().syscall.trap_result.has_value();
    for (const auto& [row, col] :
         {std::pair{size_t(0), chip.first->page_operations[1].addr_12_bits},
          std::pair{last_row, late_trap ? chip.last->trap_page_operations[1].is_write_fail
                                        : chip.last->page_is_equal_or_adjacent.is_adjacent}}) {
      RiscvChipTrace t = good;
      t.main[row * t.width + col] = t.main[row * t.width + col] + Felt::from_canonical(3);
      const auto v = air::first_violation(*chip.chip, air::TraceView{t.main, {}, t.rows}, pv);
      ASSERT_TRUE(v) << "row " << row << " column " << col;
      EXPECT_EQ(v->row, row);
    }
  }
}

// SyscallPrecompileUser sends each call with its trap code and hands it to the
// Global chip above arg1's limb 1, as the Global chip's message of the call has it.
TEST(Sp1RiscvUserPrecompiles, TheSyscallTableCarriesTheTrapCode) {
  using Table = rv::SyscallChip<rv::SyscallShardKind::Precompile, TrustMode::User, Features::Mprotect>;
  const air::ChipModel<Table> table;
  zkvm::ShardRecord s;
  for (const UserChip& chip : user_chips()) {
    const zkvm::ShardRecord own = shard_of(chip);
    s.precompiles.insert(s.precompiles.end(), own.precompiles.begin(), own.precompiles.end());
  }
  const std::vector<Felt> pv = user_public_values();
  const RiscvChipTrace t = syscall_table_trace(rv::SyscallShardKind::Precompile, s, kUser);
  const auto v = air::first_violation(table, air::TraceView{t.main, {}, t.rows}, pv);
  EXPECT_FALSE(v) << "row " << v->row << " constraint " << v->constraint;
  const std::vector<GlobalEvent> global = global_events(s);  // the calls' messages first
  size_t traps = 0;
  for (size_t r = 0; r < s.precompiles.size(); ++r) {
    const zkvm::SyscallEvent& call = s.precompiles[r].syscall;
    const uint64_t code = call.trap_result ? call.trap_result->code_record.value : 0;
    traps += code != 0;
    const auto eval = table.eval(std::span<const Felt>(t.main.data() + r * t.width, t.width), {}, pv);
    for (const auto& i : eval.sends) {
      if (i.kind == InteractionKind::Syscall) {
        EXPECT_EQ(i.values[3], Felt::from_canonical(uint32_t(code))) << "row " << r;
      }
      if (i.kind == InteractionKind::Global)
        for (size_t k = 0; k < 8; ++k) EXPECT_EQ(i.values[k], Felt::from_canonical(global[r].message[k])) << r;
    }
  }
  EXPECT_EQ(traps, 2 * (user_chips().size() - 1));
}

// ShaExtend, ShaCompress and KeccakPermute take every call, a trapped one's rows
// as SP1 leaves them (zero, positions only, the zero state's rounds): their
// constraints hold.
TEST(Sp1RiscvUserPrecompiles, HashChipsHoldWithTrappedCalls) {
  struct HashChip {
    uint32_t code;
    TraceFn trace;
    std::shared_ptr<MachineChip> chip;
    size_t rows_a_call;
  };
  const std::vector<HashChip> chips{
      {sys::SHA_EXTEND, sha_extend_trace, std::make_shared<air::ChipModel<rv::ShaExtendChip>>(), 48},
      {sys::SHA_COMPRESS, sha_compress_trace, std::make_shared<air::ChipModel<rv::ShaCompressChip>>(), 80},
      {sys::KECCAK_PERMUTE, keccak_permute_trace, std::make_shared<air::ChipModel<rv::KeccakPermuteChip>>(), 24}};
  const std::vector<Felt> pv = user_public_values();
  for (const HashChip& h : chips) {
    SCOPED_TRACE(std::string(h.chip->name()));
    const UserChip* control = nullptr;
    for (const UserChip& c : user_chips())
      if (c.codes.front() == h.code) control = &c;
    const zkvm::ShardRecord s = shard_of(*control);
    const RiscvChipTrace t = h.trace(s, kUser);
    EXPECT_EQ(t.rows, air::padded_height(h.rows_a_call * s.precompiles.size()));
    const auto v = air::first_violation(*h.chip, air::TraceView{t.main, {}, t.rows}, pv);
    EXPECT_FALSE(v) << "row " << v->row << " constraint " << v->constraint;
    // A trapped call's rows are not real.
    for (size_t k = 0; k < s.precompiles.size(); ++k)
      if (s.precompiles[k].syscall.trap_result) {
        const auto eval =
            h.chip->eval(std::span<const Felt>(t.main.data() + k * h.rows_a_call * t.width, t.width), {}, pv);
        for (const auto& i : eval.sends) EXPECT_TRUE(i.multiplicity.is_zero());
        for (const auto& i : eval.receives) EXPECT_TRUE(i.multiplicity.is_zero());
      }
  }
}

// A Poseidon2 call across the pages 2^20 - 1 and 2^20 (the page index's low 20
// bits wrap, its top limb grows): the adjacency's overflow flag is set, and the
// row holds.
TEST(Sp1RiscvUserPrecompiles, SliceAcrossFourGibCarriesIntoTheTopLimb) {
  const UserChip* chip = nullptr;
  for (const UserChip& c : user_chips())
    if (c.codes.front() == sys::POSEIDON2) chip = &c;
  const zkvm::ShardRecord s0 = shard_of(*chip);
  zkvm::PrecompileEvent e = s0.precompiles[1];  // across pages, not trapped
  const uint64_t ptr = (uint64_t(1) << 32) - 24;
  for (size_t i = 0; i < e.memory.size(); ++i) e.memory[i].addr = ptr + 8 * i;
  e.syscall.arg1 = ptr;
  e.syscall.page_checks = {{.timestamp = 5, .page_idx = (ptr >> 12), .page_prot = zkvm::kDefaultProt},
                           {.timestamp = 0, .page_idx = (ptr >> 12) + 1, .page_prot = zkvm::kDefaultProt}};
  zkvm::ShardRecord s;
  s.precompiles.push_back(e);
  const RiscvChipTrace t = chip->trace(s, kUser);
  EXPECT_EQ(t.main[chip->first->page_is_equal_or_adjacent.is_overflow], Felt::one());
  EXPECT_EQ(t.main[chip->first->page_is_equal_or_adjacent.is_adjacent], Felt::one());
  const auto v = air::first_violation(*chip->chip, air::TraceView{t.main, {}, t.rows}, user_public_values());
  EXPECT_FALSE(v) << "row " << v->row << " constraint " << v->constraint;
}

// EdDecompressUser refuses a trapped call by its name (SP1's row for it breaks
// the chip); every chip refuses page checks that are not its call's, and a
// Supervisor chip a call that checked pages.
TEST(Sp1RiscvUserPrecompiles, WhatCannotBeTracedIsRefused) {
  const UserCalls& u = user_calls();
  for (size_t i = 0; i < u.calls.size(); ++i)
    if (u.calls[i].syscall.code == sys::ED_DECOMPRESS && u.calls[i].syscall.trap_result) {
      zkvm::ShardRecord s;
      s.precompiles.push_back(u.calls[i]);
      try {
        ed_decompress_trace(s, kUser);
        ADD_FAILURE() << "a trapped ED_DECOMPRESS was traced";
      } catch (const std::invalid_argument& x) {
        EXPECT_NE(std::string(x.what()).find("EdDecompressUser"), std::string::npos) << x.what();
      }
    }
  for (const UserChip& chip : user_chips()) {
    SCOPED_TRACE(std::string(chip.chip->name()));
    const zkvm::ShardRecord good = shard_of(chip, false);
    ASSERT_NO_THROW(chip.trace(good, kUser));
    const std::vector<std::function<void(zkvm::SyscallEvent&)>> breaks{
        [](zkvm::SyscallEvent& c) { c.page_checks.pop_back(); },                       // a check missing
        [](zkvm::SyscallEvent& c) { c.page_checks.push_back(c.page_checks.back()); },  // one too many
        [](zkvm::SyscallEvent& c) { ++c.page_checks.front().page_idx; },                // another page's
        [](zkvm::SyscallEvent& c) { c.page_checks.front().timestamp = c.clk; },         // not before the check
        [](zkvm::SyscallEvent& c) { c.trap_result = zkvm::TrapResult{}; },              // a trap that no check raised
    };
    for (size_t k = 0; k < breaks.size(); ++k) {
      zkvm::ShardRecord bad = good;
      zkvm::PrecompileEvent& call = bad.precompiles.back();
      breaks[k](call.syscall);
      const bool carry = call.syscall.code == sys::UINT256_ADD_CARRY || call.syscall.code == sys::UINT256_MUL_CARRY;
      if (k == 4) call.memory.resize(carry ? 3 : 0);  // what a trapped call keeps
      EXPECT_THROW(chip.trace(bad, kUser), std::invalid_argument) << "break " << k;
    }
    // A trapped call with another code, or with accesses.
    const zkvm::ShardRecord trapped = shard_of(chip);
    if (chip.traps) {
      zkvm::ShardRecord other_code = trapped;
      other_code.precompiles.back().syscall.trap_result->code_record.value ^= 2;  // 5 <-> 7
      EXPECT_THROW(chip.trace(other_code, kUser), std::invalid_argument);
      zkvm::ShardRecord accessed = trapped;
      accessed.precompiles.back().memory = good.precompiles.back().memory;
      EXPECT_THROW(chip.trace(accessed, kUser), std::invalid_argument);
    }
    RiscvTraceOptions supervisor;
    EXPECT_THROW(chip.trace(good, supervisor), std::invalid_argument);
  }
}

}  // namespace
}  // namespace zkgpu::sp1::riscv
