#include "sp1/riscv/fp_traces.hpp"

#include <stdexcept>
#include <string>
#include <vector>

#include "sp1/air/riscv/fp_op.hpp"
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

template <class Ops>
struct FpRows {
  using P = typename Ops::Field;
  static constexpr size_t kWords = rv::kWordsFieldElement<P>;

  // A call's operation: its code is this field's ADD, SUB or MUL.
  static FieldOperation operation(uint32_t code, uint32_t add, uint32_t sub) {
    return code == add ? FieldOperation::Add : code == sub ? FieldOperation::Sub : FieldOperation::Mul;
  }

  static mpz_class value_before(const MemoryAccess* words) {
    std::vector<uint64_t> w(kWords);
    for (size_t i = 0; i < kWords; ++i) w[i] = words[i].prev_value;
    return from_le_words(w);
  }

  // A call's row; a User row checks y's pages (read) at clk, then x's (read and
  // written) at clk + 1.
  template <TrustMode M, class Map>
  static void fill(Row row, const Map& m, const PrecompileEvent& e, FieldOperation op) {
    const auto& c = m.head;
    const uint64_t clk = e.syscall.clk, x_ptr = e.syscall.arg1, y_ptr = e.syscall.arg2;
    fill_call_clock(row, c, clk);
    put(row, c.is_add, op == FieldOperation::Add);
    put(row, c.is_sub, op == FieldOperation::Sub);
    put(row, c.is_mul, op == FieldOperation::Mul);
    fill_syscall_addr(row, c.x_ptr, x_ptr);
    fill_syscall_addr(row, c.y_ptr, y_ptr);
    if constexpr (M == TrustMode::User) {
      if (!fill_page_checks(row, e,
                            {{m.read_slice_page_prot_access, y_ptr, y_ptr + 8 * (kWords - 1), zkvm::kProtRead},
                             {m.write_slice_page_prot_access, x_ptr, x_ptr + 8 * (kWords - 1),
                              zkvm::kProtRead | zkvm::kProtWrite}})) {
        // Trapped: the operation on zeros (SP1's empty x and y), the addresses, no
        // accesses.
        fill_ops(row, m, 0, 0, op);
        fill_slice_addrs(row, c.y_addrs, y_ptr);
        fill_slice_addrs(row, c.x_addrs, x_ptr);
        return;
      }
    }
    const auto [y, x] = expect_read_then_write(e, kWords, y_ptr, kWords, x_ptr);
    const mpz_class result = fill_ops(row, m, value_before(x), value_before(y), op);
    std::vector<uint64_t> written(kWords);
    for (size_t i = 0; i < kWords; ++i) written[i] = x[i].value;
    if (from_le_words(written) != result)
      throw std::invalid_argument(std::string(zkvm::syscall_name(e.syscall.code)) + " at clk " +
                                  std::to_string(clk) + ": the written x is not the chip's result");
    fill_slice(row, c.y_addrs, c.y_access, y_ptr, y);
    fill_slice(row, c.x_addrs, c.x_access, x_ptr, x);
  }

  // populate_field_ops: the operation, its result checked below p.
  template <class Map>
  static mpz_class fill_ops(Row row, const Map& m, const mpz_class& x, const mpz_class& y, FieldOperation op) {
    const mpz_class result = fill_field_op(row, m.tail.output, x, y, op);
    fill_field_lt(row, m.tail.output_range, result, field_shape<P>().p);
    return result;
  }

  template <TrustMode M>
  static RiscvChipTrace trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options,
                              std::initializer_list<uint32_t> codes) {
    using Chip = rv::FpOpChip<Ops, M, rv::Features::Default>;
    constexpr auto& m = Chip::kMain;
    const uint32_t add = *codes.begin(), sub = *(codes.begin() + 1);
    return one_row_a_call_trace(
        Chip::kName, Chip::kWidth, precompile_calls(shard, codes, 2 * kWords), options,
        [&](Row row, const PrecompileEvent& e) { fill<M>(row, m, e, operation(e.syscall.code, add, sub)); },
        [](Row row) {
          put(row, m.head.is_add, 1);
          fill_ops(row, m, 0, 0, FieldOperation::Add);
        });
  }

  static RiscvChipTrace trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options,
                              std::initializer_list<uint32_t> codes) {
    return options.mode == TrustMode::User ? trace<TrustMode::User>(shard, options, codes)
                                           : trace<TrustMode::Supervisor>(shard, options, codes);
  }
};

}  // namespace

RiscvChipTrace bn254_fp_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options) {
  namespace s = zkvm::sys;
  return FpRows<rv::Bn254FpOps>::trace(shard, options, {s::BN254_FP_ADD, s::BN254_FP_SUB, s::BN254_FP_MUL});
}

RiscvChipTrace bls12381_fp_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options) {
  namespace s = zkvm::sys;
  return FpRows<rv::Bls12381FpOps>::trace(shard, options, {s::BLS12381_FP_ADD, s::BLS12381_FP_SUB,
                                                           s::BLS12381_FP_MUL});
}

}  // namespace zkgpu::sp1::riscv
