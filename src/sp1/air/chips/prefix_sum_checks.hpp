// PrefixSumChecks: one step of the running products the jagged verifier needs,
// acc' = acc * eq(x1, x2) with x1 a bit, and the bits' running value
// felt_acc' = x1 + 2 felt_acc (SP1 crates/recursion/machine/src/chips/
// prefix_sum_checks.rs: PrefixSumChecksCols, PrefixSumChecksPreprocessedCols).
// eq(x1, x2) = 1 - x1 - x2 + 2 x1 x2.
#pragma once

#include "sp1/air/builder.hpp"
#include "sp1/air/chips/columns.hpp"

namespace zkgpu::sp1::air {

template <class T>
struct PrefixSumChecksCols {
  T x1;
  Block<T> x2, acc, new_acc;
  T felt_acc, felt_new_acc;
};

template <class T>
struct PrefixSumChecksPreprocessedCols {
  T x1_addr, x2_addr;
  T acc_addr, next_acc_addr, next_acc_mult;
  T felt_acc_addr, felt_next_acc_addr, felt_next_acc_mult;
  T is_real;
};

struct PrefixSumChecksChip {
  static constexpr const char* kName = "PrefixSumChecks";
  static constexpr auto kMain = col_map<PrefixSumChecksCols<size_t>>();
  static constexpr auto kPrep = col_map<PrefixSumChecksPreprocessedCols<size_t>>();
  static constexpr size_t kWidth = num_cols<PrefixSumChecksCols<size_t>>;
  static constexpr size_t kPreprocessedWidth = num_cols<PrefixSumChecksPreprocessedCols<size_t>>;

  template <class B>
  void eval(B& b) const {
    const auto x1 = b.main(kMain.x1);
    const auto x2 = main_block(b, kMain.x2), acc = main_block(b, kMain.acc), new_acc = main_block(b, kMain.new_acc);
    const auto felt_acc = b.main(kMain.felt_acc), felt_new_acc = b.main(kMain.felt_new_acc);
    const auto is_real = b.preprocessed(kPrep.is_real);

    const auto prod = ext_mul(b, from_base(b, x1), x2);
    const auto sum = from_base(b, x1) + x2;
    const auto eq = from_base(b, b.constant(1)) - sum + prod + prod;

    assert_bool(b, is_real);
    assert_bool(b, x1);
    receive_single(b, b.preprocessed(kPrep.x1_addr), x1, is_real);
    receive_block(b, b.preprocessed(kPrep.x2_addr), x2, is_real);
    receive_block(b, b.preprocessed(kPrep.acc_addr), acc, is_real);
    receive_single(b, b.preprocessed(kPrep.felt_acc_addr), felt_acc, is_real);
    assert_block_eq(b, new_acc, ext_mul(b, acc, eq));
    assert_eq(b, felt_new_acc, x1 + b.constant(2) * felt_acc);
    send_block(b, b.preprocessed(kPrep.next_acc_addr), new_acc, b.preprocessed(kPrep.next_acc_mult));
    send_single(b, b.preprocessed(kPrep.felt_next_acc_addr), felt_new_acc, b.preprocessed(kPrep.felt_next_acc_mult));
  }
};

}  // namespace zkgpu::sp1::air
