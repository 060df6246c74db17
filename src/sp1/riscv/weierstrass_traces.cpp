#include "sp1/riscv/weierstrass_traces.hpp"

#include <stdexcept>
#include <string>
#include <vector>

#include "sp1/air/riscv/weierstrass.hpp"
#include "sp1/riscv/field_populate.hpp"
#include "sp1/riscv/chip_trace.hpp"
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

struct Point {
  mpz_class x, y;
};

// The chip of the trust mode of `options`: Rows::Sup or Rows::User, whose layout
// starts with Sup's; `Rows::fill<M>` writes a call's row, `Rows::pad` the padding row.
template <class Rows>
RiscvChipTrace mode_trace(const std::vector<const PrecompileEvent*>& calls, const RiscvTraceOptions& options) {
  using User = typename Rows::User;
  using Sup = typename Rows::Sup;
  if (options.mode == TrustMode::User)
    return one_row_a_call_trace(User::kName, User::kWidth, calls, options, Rows::template fill<TrustMode::User>,
                                Rows::pad);
  return one_row_a_call_trace(Sup::kName, Sup::kWidth, calls, options, Rows::template fill<TrustMode::Supervisor>,
                              Rows::pad);
}

// SP1's padding rows' accesses: value 1 at timestamp 1, previously 1 at 0.
void fill_dummy_access(Row row, const rv::MemoryAccessColsU8<size_t>& c) {
  fill_access_u8(row, c, MemoryAccess{0, 1, 0, 1, 1, false});
}

// A point's coordinates from its words' previous values.
template <rv::FieldParameters P>
Point point_before(const MemoryAccess* words) {
  constexpr size_t n = rv::kWordsFieldElement<P>;
  std::vector<uint64_t> w(2 * n);
  for (size_t i = 0; i < w.size(); ++i) w[i] = words[i].prev_value;
  return {from_le_words(std::span(w).first(n)), from_le_words(std::span(w).subspan(n))};
}

// The written words must be (x3, y3).
template <rv::FieldParameters P>
void expect_written(const PrecompileEvent& e, const MemoryAccess* words, const Point& r) {
  constexpr size_t n = rv::kWordsFieldElement<P>;
  const std::vector<uint8_t> x = zkvm::precompiles::to_le(r.x, P::kLimbs), y = zkvm::precompiles::to_le(r.y, P::kLimbs);
  for (size_t i = 0; i < 2 * n; ++i) {
    const uint8_t* bytes = (i < n ? x.data() : y.data()) + 8 * (i % n);
    uint64_t w = 0;
    for (size_t k = 0; k < 8; ++k) w |= uint64_t(bytes[k]) << (8 * k);
    if (words[i].value != w)
      throw std::invalid_argument(std::string(zkvm::syscall_name(e.syscall.code)) + " at clk " +
                                  std::to_string(e.syscall.clk) + ": the written point is not the chip's result");
  }
}

// A call's row: is_real, the clock, the pointer p_ptr.
template <class Cols>
void fill_call_head(Row row, const Cols& c, uint64_t clk, uint64_t p_ptr) {
  fill_call_clock(row, c, clk);
  fill_syscall_addr(row, c.p_ptr, p_ptr);
}

// x3 = slope^2 - (p.x + other.x), y3 = slope (p.x - x3) - p.y, both checked below p.
template <rv::FieldParameters P, class Cols>
Point fill_slope_to_point(Row row, const Cols& c, const rv::FieldOpCols<size_t, P>& sum, const mpz_class& slope,
                          const mpz_class& p_x, const mpz_class& other_x, const mpz_class& p_y) {
  const mpz_class& p = field_shape<P>().p;
  const mpz_class slope_squared = fill_field_op(row, c.slope_squared, slope, slope, FieldOperation::Mul);
  const mpz_class x_sum = fill_field_op(row, sum, p_x, other_x, FieldOperation::Add);
  const mpz_class x3 = fill_field_op(row, c.x3_ins, slope_squared, x_sum, FieldOperation::Sub);
  fill_field_lt(row, c.x3_range, x3, p);
  const mpz_class dx = fill_field_op(row, c.p_x_minus_x, p_x, x3, FieldOperation::Sub);
  const mpz_class product = fill_field_op(row, c.slope_times_p_x_minus_x, slope, dx, FieldOperation::Mul);
  const mpz_class y3 = fill_field_op(row, c.y3_ins, product, p_y, FieldOperation::Sub);
  fill_field_lt(row, c.y3_range, y3, p);
  return {x3, y3};
}

// --- AddAssign ------------------------------------------------------------------

template <class Curve>
struct Add {
  using P = typename Curve::BaseField;
  using Sup = rv::WeierstrassAddAssignChip<Curve, TrustMode::Supervisor, rv::Features::Default>;
  using User = rv::WeierstrassAddAssignChip<Curve, TrustMode::User, rv::Features::Default>;
  static constexpr size_t kWords = rv::kWordsCurvePoint<P>;
  static constexpr auto& c = Sup::kMain;

  // populate_field_ops: slope = (q.y - p.y) / (q.x - p.x), then the point.
  static Point fill_ops(Row row, const Point& p, const Point& q) {
    const mpz_class num = fill_field_op(row, c.slope_numerator, q.y, p.y, FieldOperation::Sub);
    const mpz_class den = fill_field_op(row, c.slope_denominator, q.x, p.x, FieldOperation::Sub);
    if (den == 0) throw std::invalid_argument("curve addition of points with the same x");
    fill_field_op(row, c.inverse_check, mpz_class(1), den, FieldOperation::Div);
    const mpz_class slope = fill_field_op(row, c.slope, num, den, FieldOperation::Div);
    return fill_slope_to_point(row, c, c.p_x_plus_q_x, slope, p.x, q.x, p.y);
  }

  // A call's row; a User row checks Q's pages (read) at clk, then P's (read and
  // written) at clk + 1.
  template <TrustMode M>
  static void fill(Row row, const PrecompileEvent& e) {
    const uint64_t clk = e.syscall.clk, p_ptr = e.syscall.arg1, q_ptr = e.syscall.arg2;
    fill_call_head(row, c, clk, p_ptr);
    fill_syscall_addr(row, c.q_ptr, q_ptr);
    if constexpr (M == TrustMode::User) {
      constexpr auto& u = User::kMain;
      if (!fill_page_checks(row, e,
                            {{u.read_slice_page_prot_access, q_ptr, q_ptr + 8 * (kWords - 1), zkvm::kProtRead},
                             {u.write_slice_page_prot_access, p_ptr, p_ptr + 8 * (kWords - 1),
                              zkvm::kProtRead | zkvm::kProtWrite}})) {
        // Trapped: the padding row's operations, the addresses, no accesses.
        pad(row);
        fill_slice_addrs(row, c.q_addrs, q_ptr);
        fill_slice_addrs(row, c.p_addrs, p_ptr);
        return;
      }
    }
    const auto [q, p] = expect_read_then_write(e, kWords, q_ptr, kWords, p_ptr);
    expect_written<P>(e, p, fill_ops(row, point_before<P>(p), point_before<P>(q)));
    fill_slice(row, c.q_addrs, c.q_access, q_ptr, q);
    fill_slice(row, c.p_addrs, c.p_access, p_ptr, p);
  }

  // SP1's padding row (and a trapped call's operations): P = (0, 0) and Q = (1, 1),
  // Q's coordinates read as 1.
  static void pad(Row row) {
    fill_dummy_access(row, c.q_access[0]);
    fill_dummy_access(row, c.q_access[rv::kWordsFieldElement<P>]);
    fill_ops(row, {0, 0}, {1, 1});
  }

  static RiscvChipTrace trace(const zkvm::ShardRecord& shard, uint32_t code, const RiscvTraceOptions& options) {
    return mode_trace<Add>(precompile_calls(shard, code, 2 * kWords), options);
  }
};

// --- DoubleAssign ---------------------------------------------------------------

template <class Curve>
struct Double {
  using P = typename Curve::BaseField;
  using Sup = rv::WeierstrassDoubleAssignChip<Curve, TrustMode::Supervisor, rv::Features::Default>;
  using User = rv::WeierstrassDoubleAssignChip<Curve, TrustMode::User, rv::Features::Default>;
  static constexpr size_t kWords = rv::kWordsCurvePoint<P>;
  static constexpr auto& c = Sup::kMain;

  // populate_field_ops: slope = (a + 3 p.x^2) / (2 p.y), then the point.
  static Point fill_ops(Row row, const Point& p) {
    const mpz_class x_squared = fill_field_op(row, c.p_x_squared, p.x, p.x, FieldOperation::Mul);
    const mpz_class times_3 = fill_field_op(row, c.p_x_squared_times_3, x_squared, mpz_class(3), FieldOperation::Mul);
    const mpz_class num =
        fill_field_op(row, c.slope_numerator, zkvm::precompiles::from_le(Curve::kA), times_3, FieldOperation::Add);
    const mpz_class den = fill_field_op(row, c.slope_denominator, mpz_class(2), p.y, FieldOperation::Mul);
    if (den == 0) throw std::invalid_argument("curve doubling of a point with y = 0");
    const mpz_class slope = fill_field_op(row, c.slope, num, den, FieldOperation::Div);
    return fill_slope_to_point(row, c, c.p_x_plus_p_x, slope, p.x, p.x, p.y);
  }

  // A call's row; a User row checks P's pages (read and written) at clk.
  template <TrustMode M>
  static void fill(Row row, const PrecompileEvent& e) {
    const uint64_t clk = e.syscall.clk, p_ptr = e.syscall.arg1;
    fill_call_head(row, c, clk, p_ptr);
    if constexpr (M == TrustMode::User) {
      constexpr auto& u = User::kMain;
      if (!fill_page_checks(row, e,
                            {{u.write_slice_page_prot_access, p_ptr, p_ptr + 8 * (kWords - 1),
                              zkvm::kProtRead | zkvm::kProtWrite}})) {
        // Trapped: the padding row's operations, the addresses, no accesses.
        pad(row);
        fill_slice_addrs(row, c.p_addrs, p_ptr);
        return;
      }
    }
    const MemoryAccess* p = &e.memory[0];
    expect_accesses(e, p, kWords, p_ptr, true, clk);
    expect_written<P>(e, p, fill_ops(row, point_before<P>(p)));
    fill_slice(row, c.p_addrs, c.p_access, p_ptr, p);
  }

  // SP1's padding row (and a trapped call's operations): P = (0, 1), its y read as 1.
  static void pad(Row row) {
    fill_dummy_access(row, c.p_access[rv::kWordsFieldElement<P>]);
    fill_ops(row, {0, 1});
  }

  static RiscvChipTrace trace(const zkvm::ShardRecord& shard, uint32_t code, const RiscvTraceOptions& options) {
    return mode_trace<Double>(precompile_calls(shard, code, kWords), options);
  }
};

}  // namespace

RiscvChipTrace secp256k1_add_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options) {
  return Add<rv::Secp256k1Curve>::trace(shard, zkvm::sys::SECP256K1_ADD, options);
}

RiscvChipTrace secp256k1_double_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options) {
  return Double<rv::Secp256k1Curve>::trace(shard, zkvm::sys::SECP256K1_DOUBLE, options);
}

RiscvChipTrace secp256r1_add_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options) {
  return Add<rv::Secp256r1Curve>::trace(shard, zkvm::sys::SECP256R1_ADD, options);
}

RiscvChipTrace secp256r1_double_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options) {
  return Double<rv::Secp256r1Curve>::trace(shard, zkvm::sys::SECP256R1_DOUBLE, options);
}

RiscvChipTrace bn254_add_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options) {
  return Add<rv::Bn254Curve>::trace(shard, zkvm::sys::BN254_ADD, options);
}

RiscvChipTrace bn254_double_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options) {
  return Double<rv::Bn254Curve>::trace(shard, zkvm::sys::BN254_DOUBLE, options);
}

RiscvChipTrace bls12381_add_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options) {
  return Add<rv::Bls12381Curve>::trace(shard, zkvm::sys::BLS12381_ADD, options);
}

RiscvChipTrace bls12381_double_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options) {
  return Double<rv::Bls12381Curve>::trace(shard, zkvm::sys::BLS12381_DOUBLE, options);
}

}  // namespace zkgpu::sp1::riscv
