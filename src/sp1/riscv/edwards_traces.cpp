#include "sp1/riscv/edwards_traces.hpp"

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sp1/air/riscv/edwards.hpp"
#include "sp1/riscv/field_gadgets_populate.hpp"
#include "sp1/riscv/precompile_rows.hpp"
#include "sp1/riscv/slice_page_prot_populate.hpp"
#include "sp1/riscv/u32_populate.hpp"
#include "zkvm/precompiles/edwards.hpp"
#include "zkvm/syscall_codes.hpp"

namespace zkgpu::sp1::riscv {
namespace {

using rv::FieldOperation;
using rv::TrustMode;
using zkvm::MemoryAccess;
using zkvm::PrecompileEvent;
using P = rv::Ed25519BaseField;
constexpr size_t kCoordWords = rv::kEdCoordWords, kPointWords = rv::kEdPointWords;

const mpz_class& modulus() { return field_shape<P>().p; }

const mpz_class& curve_d() {
  static const mpz_class d = zkvm::precompiles::from_le(rv::Ed25519Curve::kD);
  return d;
}

// The words' integer: their previous values or (written) their values.
mpz_class words_value(const MemoryAccess* words, size_t n, bool written) {
  std::vector<uint64_t> w(n);
  for (size_t i = 0; i < n; ++i) w[i] = written ? words[i].value : words[i].prev_value;
  return from_le_words(w);
}

[[noreturn]] void refuse(const PrecompileEvent& e, const std::string& why) {
  throw std::invalid_argument(std::string(zkvm::syscall_name(e.syscall.code)) + " at clk " +
                              std::to_string(e.syscall.clk) + ": " + why);
}

// One row a call of the chip in mode M (`Rows::fill`), then copies of the padding
// row (`Rows::pad`).
template <class Rows, TrustMode M>
RiscvChipTrace one_row_trace(const std::vector<const PrecompileEvent*>& calls, const RiscvTraceOptions& options) {
  using Chip = typename Rows::template Chip<M>;
  return one_row_a_call_trace(
      Chip::kName, Chip::kWidth, calls, options,
      [](Row row, const PrecompileEvent& e) { Rows::template fill<M>(row, e); },
      [](Row row) { Rows::template pad<M>(row); });
}

template <class Rows>
RiscvChipTrace mode_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options) {
  const std::vector<const PrecompileEvent*> calls = precompile_calls(shard, Rows::kCode, Rows::kAccesses);
  return options.mode == TrustMode::User ? one_row_trace<Rows, TrustMode::User>(calls, options)
                                         : one_row_trace<Rows, TrustMode::Supervisor>(calls, options);
}

// --- EdAddAssign ------------------------------------------------------------------

struct AddRows {
  template <TrustMode M>
  using Chip = rv::EdAddAssignChip<M, rv::Features::Default>;
  static constexpr uint32_t kCode = zkvm::sys::ED_ADD;
  static constexpr size_t kAccesses = 2 * kPointWords;

  // populate_field_ops: the numerators, f = x1 y1 x2 y2 and d f, then x3 and y3
  // below p. Returns (x3, y3).
  static std::pair<mpz_class, mpz_class> fill_ops(Row row, const rv::EdAddAssignCols<size_t>& c,
                                                  const mpz_class& x1, const mpz_class& y1, const mpz_class& x2,
                                                  const mpz_class& y2) {
    const mpz_class x3_num = fill_field_inner_product(row, c.x3_numerator, {x1, x2}, {y2, y1});
    const mpz_class y3_num = fill_field_inner_product(row, c.y3_numerator, {y1, x1}, {y2, x2});
    const mpz_class x1y1 = fill_field_op(row, c.x1_mul_y1, x1, y1, FieldOperation::Mul);
    const mpz_class x2y2 = fill_field_op(row, c.x2_mul_y2, x2, y2, FieldOperation::Mul);
    const mpz_class f = fill_field_op(row, c.f, x1y1, x2y2, FieldOperation::Mul);
    const mpz_class d_mul_f = fill_field_op(row, c.d_mul_f, f, curve_d(), FieldOperation::Mul);
    const mpz_class x3 = fill_field_den(row, c.x3_ins, x3_num, d_mul_f, true);
    const mpz_class y3 = fill_field_den(row, c.y3_ins, y3_num, d_mul_f, false);
    fill_field_lt(row, c.x3_range, x3, modulus());
    fill_field_lt(row, c.y3_range, y3, modulus());
    return {x3, y3};
  }

  // A call's row; a User row checks Q's pages (read) at clk, then P's (read and
  // written) at clk + 1.
  template <TrustMode M>
  static void fill(Row row, const PrecompileEvent& e) {
    const auto& c = Chip<M>::cols();
    const uint64_t clk = e.syscall.clk, p_ptr = e.syscall.arg1, q_ptr = e.syscall.arg2;
    fill_call_clock(row, c, clk);
    fill_syscall_addr(row, c.p_ptr, p_ptr);
    fill_syscall_addr(row, c.q_ptr, q_ptr);
    if constexpr (M == TrustMode::User) {
      constexpr auto& u = Chip<M>::kMain;
      if (!fill_page_checks(row, e,
                            {{u.read_slice_page_prot_access, q_ptr, q_ptr + 8 * (kPointWords - 1), zkvm::kProtRead},
                             {u.write_slice_page_prot_access, p_ptr, p_ptr + 8 * (kPointWords - 1),
                              zkvm::kProtRead | zkvm::kProtWrite}})) {
        // Trapped: the operations on zero points (SP1's empty P and Q), the
        // addresses, no accesses.
        pad<M>(row);
        fill_slice_addrs(row, c.q_addrs, q_ptr);
        fill_slice_addrs(row, c.p_addrs, p_ptr);
        return;
      }
    }
    const auto [q, p] = expect_read_then_write(e, kPointWords, q_ptr, kPointWords, p_ptr);
    std::pair<mpz_class, mpz_class> r;
    try {
      r = fill_ops(row, c, words_value(p, kCoordWords, false), words_value(p + kCoordWords, kCoordWords, false),
                   words_value(q, kCoordWords, false), words_value(q + kCoordWords, kCoordWords, false));
    } catch (const std::invalid_argument& x) {
      refuse(e, x.what());
    }
    if (words_value(p, kCoordWords, true) != r.first || words_value(p + kCoordWords, kCoordWords, true) != r.second)
      refuse(e, "the written point is not the chip's result");
    fill_slice(row, c.q_addrs, c.q_access, q_ptr, q);
    fill_slice(row, c.p_addrs, c.p_access, p_ptr, p);
  }

  template <TrustMode M>
  static void pad(Row row) {
    fill_ops(row, Chip<M>::cols(), 0, 0, 0, 0);
  }
};

// --- EdDecompress -----------------------------------------------------------------

struct DecompressRows {
  template <TrustMode M>
  using Chip = rv::EdDecompressChip<M, rv::Features::Default>;
  static constexpr uint32_t kCode = zkvm::sys::ED_DECOMPRESS;
  static constexpr size_t kAccesses = 2 * kCoordWords;

  // populate_field_ops: y below p, u = y^2 - 1, v = d y^2 + 1, x = the even root
  // of u / v, neg_x = -x below p. Returns (x, neg_x).
  static std::pair<mpz_class, mpz_class> fill_ops(Row row, const rv::EdDecompressTailCols<size_t>& t,
                                                  const mpz_class& y) {
    fill_field_lt(row, t.y_range, y, modulus());
    const mpz_class yy = fill_field_op(row, t.yy, y, y, FieldOperation::Mul);
    const mpz_class u = fill_field_op(row, t.u, yy, 1, FieldOperation::Sub);
    const mpz_class dyy = fill_field_op(row, t.dyy, curve_d(), yy, FieldOperation::Mul);
    const mpz_class v = fill_field_op(row, t.v, 1, dyy, FieldOperation::Add);
    const mpz_class u_div_v = fill_field_op(row, t.u_div_v, u, v, FieldOperation::Div);
    const std::optional<mpz_class> root = zkvm::precompiles::ed25519_sqrt(u_div_v);
    if (!root) throw std::invalid_argument("y is not the y-coordinate of an Ed25519 point");
    const mpz_class x = fill_field_sqrt(row, t.x, u_div_v, *root);
    const mpz_class neg_x = fill_field_op(row, t.neg_x, 0, x, FieldOperation::Sub);
    fill_field_lt(row, t.neg_x_range, neg_x, modulus());
    return {x, neg_x};
  }

  // A call's row; a User row checks y's pages (read) at clk, then x's (written)
  // at clk + 1. SP1's row of a call that trapped on them breaks the chip's x
  // constraint (its x_value is 0, the square root of (0 - 1) / (1 + 0) is not),
  // so such a call is refused.
  template <TrustMode M>
  static void fill(Row row, const PrecompileEvent& e) {
    const auto& c = Chip<M>::kMain.head;
    const uint64_t clk = e.syscall.clk, ptr = e.syscall.arg1;
    if constexpr (M == TrustMode::User) {
      constexpr auto& u = Chip<M>::kMain;
      if (!fill_page_checks(row, e,
                            {{u.read_slice_page_prot_access, ptr + 32, ptr + 32 + 8 * (kCoordWords - 1),
                              zkvm::kProtRead},
                             {u.write_slice_page_prot_access, ptr, ptr + 8 * (kCoordWords - 1), zkvm::kProtWrite}}))
        refuse(e, "EdDecompressUser cannot prove a call that trapped on a page check (SP1 v6.4's row breaks its x "
                  "constraint)");
    }
    const auto [y, x] = expect_read_then_write(e, kCoordWords, ptr + 32, kCoordWords, ptr);
    if (e.syscall.arg2 > 1) refuse(e, "the sign is not 0 or 1");
    const bool sign = e.syscall.arg2 == 1;
    fill_call_clock(row, c, clk);
    put(row, c.sign, sign);
    fill_syscall_addr(row, c.ptr, ptr);
    std::pair<mpz_class, mpz_class> r;
    try {
      r = fill_ops(row, Chip<M>::kMain.tail, words_value(y, kCoordWords, false));
    } catch (const std::invalid_argument& why) {
      refuse(e, why.what());
    }
    if (words_value(x, kCoordWords, true) != (sign ? r.second : r.first))
      refuse(e, "the written x is not the chip's result");
    for (size_t i = 0; i < kCoordWords; ++i) {
      fill_addr_add(row, c.addrs[i], ptr, 8 * i);
      fill_addr_add(row, c.read_ptrs[i], ptr + 32, 8 * i);
      fill_memory_access(row, c.x_access[i], x[i]);
      put_word(row, c.x_value[i], x[i].value);
      fill_access_u8(row, c.y_access[i], y[i]);
    }
  }

  template <TrustMode M>
  static void pad(Row row) {
    fill_ops(row, Chip<M>::kMain.tail, 0);
  }
};

}  // namespace

RiscvChipTrace ed_add_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options) {
  return mode_trace<AddRows>(shard, options);
}

RiscvChipTrace ed_decompress_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options) {
  return mode_trace<DecompressRows>(shard, options);
}

}  // namespace zkgpu::sp1::riscv
