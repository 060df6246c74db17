#include "sp1/riscv/fp2_traces.hpp"

#include <array>
#include <stdexcept>
#include <string>
#include <vector>

#include "sp1/air/riscv/fp2_op.hpp"
#include "sp1/riscv/field_populate.hpp"
#include "sp1/riscv/precompile_rows.hpp"
#include "sp1/riscv/slice_page_prot_populate.hpp"
#include "sp1/riscv/u32_populate.hpp"
#include "zkvm/syscall_codes.hpp"

namespace zkgpu::sp1::riscv {
namespace {

using rv::FieldOperation;
using rv::TrustMode;
using zkvm::MemoryAccess;
using zkvm::PrecompileEvent;

// An Fp2 element's coordinates.
struct Fp2Value {
  mpz_class c0, c1;
};

// The AddSub chips' field operations: c0 = x0 op y0 and c1 = x1 op y1, each
// checked below p.
struct AddSubOps {
  template <rv::FieldParameters P, class Map>
  static Fp2Value fill(Row row, const Map& m, const Fp2Value& x, const Fp2Value& y, FieldOperation op) {
    const auto& t = m.tail;
    const Fp2Value r{fill_field_op(row, t.c0, x.c0, y.c0, op), fill_field_op(row, t.c1, x.c1, y.c1, op)};
    fill_field_lt(row, t.c0_range, r.c0, field_shape<P>().p);
    fill_field_lt(row, t.c1_range, r.c1, field_shape<P>().p);
    return r;
  }
  template <class Map>
  static void flags(Row row, const Map& m, FieldOperation op) {
    put(row, m.head.is_add, op == FieldOperation::Add);
  }
  static constexpr FieldOperation kPaddingOp = FieldOperation::Add;
};

// The Mul chips': the four products, c0 = x0 y0 - x1 y1, c1 = x0 y1 + x1 y0.
struct MulOps {
  template <rv::FieldParameters P, class Map>
  static Fp2Value fill(Row row, const Map& m, const Fp2Value& x, const Fp2Value& y, FieldOperation) {
    const auto& t = m.tail;
    const mpz_class a0b0 = fill_field_op(row, t.a0_mul_b0, x.c0, y.c0, FieldOperation::Mul);
    const mpz_class a1b1 = fill_field_op(row, t.a1_mul_b1, x.c1, y.c1, FieldOperation::Mul);
    const mpz_class a0b1 = fill_field_op(row, t.a0_mul_b1, x.c0, y.c1, FieldOperation::Mul);
    const mpz_class a1b0 = fill_field_op(row, t.a1_mul_b0, x.c1, y.c0, FieldOperation::Mul);
    const Fp2Value r{fill_field_op(row, t.c0, a0b0, a1b1, FieldOperation::Sub),
                     fill_field_op(row, t.c1, a0b1, a1b0, FieldOperation::Add)};
    fill_field_lt(row, t.c0_range, r.c0, field_shape<P>().p);
    fill_field_lt(row, t.c1_range, r.c1, field_shape<P>().p);
    return r;
  }
  template <class Map>
  static void flags(Row, const Map&, FieldOperation) {}
  static constexpr FieldOperation kPaddingOp = FieldOperation::Mul;
};

template <class Chip, class Ops>
struct Fp2Rows {
  using P = typename Chip::P;
  static constexpr size_t kWords = rv::kWordsFieldElement<P>, kAll = rv::kWordsCurvePoint<P>;

  // The previous values of 2 kWords accesses as c0 (the first kWords) and c1.
  static Fp2Value value_before(const MemoryAccess* words) {
    std::array<uint64_t, kAll> w;
    for (size_t i = 0; i < kAll; ++i) w[i] = words[i].prev_value;
    return {from_le_words(std::span<const uint64_t>(w.data(), kWords)),
            from_le_words(std::span<const uint64_t>(w.data() + kWords, kWords))};
  }

  // A call's row; a User row checks y's pages (read) at clk, then x's (read and
  // written) at clk + 1.
  template <class Map>
  static void fill(Row row, const Map& m, const PrecompileEvent& e, FieldOperation op) {
    const auto& c = m.head;
    const uint64_t clk = e.syscall.clk, x_ptr = e.syscall.arg1, y_ptr = e.syscall.arg2;
    fill_call_clock(row, c, clk);
    Ops::flags(row, m, op);
    fill_syscall_addr(row, c.io.x_ptr, x_ptr);
    fill_syscall_addr(row, c.io.y_ptr, y_ptr);
    if constexpr (Chip::kMode == TrustMode::User) {
      if (!fill_page_checks(row, e,
                            {{m.read_slice_page_prot_access, y_ptr, y_ptr + 8 * (kAll - 1), zkvm::kProtRead},
                             {m.write_slice_page_prot_access, x_ptr, x_ptr + 8 * (kAll - 1),
                              zkvm::kProtRead | zkvm::kProtWrite}})) {
        // Trapped: the operations on zeros (SP1's empty x and y), the addresses,
        // no accesses.
        Ops::template fill<P>(row, m, {0, 0}, {0, 0}, op);
        fill_slice_addrs(row, c.io.y_addrs, y_ptr);
        fill_slice_addrs(row, c.io.x_addrs, x_ptr);
        return;
      }
    }
    const auto [y, x] = expect_read_then_write(e, kAll, y_ptr, kAll, x_ptr);
    const Fp2Value r = Ops::template fill<P>(row, m, value_before(x), value_before(y), op);
    std::array<uint64_t, kAll> written;
    for (size_t i = 0; i < kAll; ++i) written[i] = x[i].value;
    if (from_le_words(std::span<const uint64_t>(written.data(), kWords)) != r.c0 ||
        from_le_words(std::span<const uint64_t>(written.data() + kWords, kWords)) != r.c1)
      throw std::invalid_argument(std::string(zkvm::syscall_name(e.syscall.code)) + " at clk " +
                                  std::to_string(clk) + ": the written x is not the chip's result");
    fill_slice(row, c.io.y_addrs, c.io.y_access, y_ptr, y);
    fill_slice(row, c.io.x_addrs, c.io.x_access, x_ptr, x);
  }

  // `codes`: the chip's syscalls, the first one's calls Add (AddSub) and the
  // second's Sub.
  static RiscvChipTrace trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options,
                              std::initializer_list<uint32_t> codes) {
    using C = Chip;
    constexpr auto& m = C::kMain;
    const uint32_t add = *codes.begin();
    const auto op_of = [&](uint32_t code) {
      return codes.size() == 1 ? FieldOperation::Mul : code == add ? FieldOperation::Add : FieldOperation::Sub;
    };
    return one_row_a_call_trace(
        C::kName, C::kWidth, precompile_calls(shard, codes, 2 * kAll), options,
        [&](Row row, const PrecompileEvent& e) { fill(row, m, e, op_of(e.syscall.code)); },
        [](Row row) {
          Ops::flags(row, m, Ops::kPaddingOp);
          Ops::template fill<P>(row, m, {0, 0}, {0, 0}, Ops::kPaddingOp);
        });
  }
};

template <template <class, TrustMode, rv::Features> class ChipT, class FieldOps, class Ops>
RiscvChipTrace fp2_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options,
                         std::initializer_list<uint32_t> codes) {
  using Sup = ChipT<FieldOps, TrustMode::Supervisor, rv::Features::Default>;
  using Usr = ChipT<FieldOps, TrustMode::User, rv::Features::Default>;
  return options.mode == TrustMode::User
             ? Fp2Rows<Usr, Ops>::trace(shard, options, codes)
             : Fp2Rows<Sup, Ops>::trace(shard, options, codes);
}

}  // namespace

namespace s = zkvm::sys;

RiscvChipTrace bn254_fp2_addsub_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options) {
  return fp2_trace<rv::Fp2AddSubChip, rv::Bn254Fp2Ops, AddSubOps>(shard, options, {s::BN254_FP2_ADD, s::BN254_FP2_SUB});
}

RiscvChipTrace bn254_fp2_mul_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options) {
  return fp2_trace<rv::Fp2MulChip, rv::Bn254Fp2Ops, MulOps>(shard, options, {s::BN254_FP2_MUL});
}

RiscvChipTrace bls12381_fp2_addsub_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options) {
  return fp2_trace<rv::Fp2AddSubChip, rv::Bls12381Fp2Ops, AddSubOps>(shard, options,
                                                                     {s::BLS12381_FP2_ADD, s::BLS12381_FP2_SUB});
}

RiscvChipTrace bls12381_fp2_mul_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options) {
  return fp2_trace<rv::Fp2MulChip, rv::Bls12381Fp2Ops, MulOps>(shard, options, {s::BLS12381_FP2_MUL});
}

}  // namespace zkgpu::sp1::riscv
