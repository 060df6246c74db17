// PrefixSumChecks: one step of the running products the jagged verifier needs,
// acc' = acc * eq(x1, x2) with x1 a bit, and the bits' running value
// felt_acc' = x1 + 2 felt_acc (SP1 crates/recursion/machine/src/chips/
// prefix_sum_checks.rs). eq(x1, x2) = 1 - x1 - x2 + 2 x1 x2.
//   main:         x1, x2[4], acc[4], new_acc[4], felt_acc, felt_new_acc
//   preprocessed: x1_addr, x2_addr, acc_addr, next_acc_addr, next_acc_mult,
//                 felt_acc_addr, felt_next_acc_addr, felt_next_acc_mult, is_real
#pragma once

#include "sp1/air/builder.hpp"

namespace zkgpu::sp1::air {

struct PrefixSumChecksChip {
  static constexpr const char* kName = "PrefixSumChecks";
  static constexpr size_t kWidth = 15;
  static constexpr size_t kPreprocessedWidth = 9;

  template <class B>
  void eval(B& b) const {
    const auto x1 = b.main(0);
    const auto x2 = main_block(b, 1), acc = main_block(b, 5), new_acc = main_block(b, 9);
    const auto felt_acc = b.main(13), felt_new_acc = b.main(14);
    const auto is_real = b.preprocessed(8);

    const auto prod = ext_mul(b, from_base(b, x1), x2);
    const auto sum = from_base(b, x1) + x2;
    const auto eq = from_base(b, b.constant(1)) - sum + prod + prod;

    assert_bool(b, is_real);
    assert_bool(b, x1);
    receive_single(b, b.preprocessed(0), x1, is_real);
    receive_block(b, b.preprocessed(1), x2, is_real);
    receive_block(b, b.preprocessed(2), acc, is_real);
    receive_single(b, b.preprocessed(5), felt_acc, is_real);
    assert_block_eq(b, new_acc, ext_mul(b, acc, eq));
    assert_eq(b, felt_new_acc, x1 + b.constant(2) * felt_acc);
    send_block(b, b.preprocessed(3), new_acc, b.preprocessed(4));
    send_single(b, b.preprocessed(6), felt_new_acc, b.preprocessed(7));
  }
};

}  // namespace zkgpu::sp1::air
