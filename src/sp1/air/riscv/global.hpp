// SP1 v6.4's Global chip (crates/core/machine/src/global/mod.rs,
// operations/global_interaction.rs, operations/global_accumulation.rs): every
// message a shard exchanges with other shards (memory records from MemoryLocal and
// the global memory chips, syscalls from the syscall table) becomes a point on the
// septic curve, and the shard's cumulative sum of those points is its global
// digest. A row receives one message (11 values: the 8-word message, is_send,
// is_receive, its interaction kind) and:
//  - hashes it to a point: Poseidon2 (its degree-3 round columns) of the message
//    (word 0 tagged with kind << 24, word 7 with the offset << 16 that made the
//    hash an x-coordinate on the curve) gives x; y is a root of the curve formula
//    whose top coefficient lies in [1, 63 * 2^24] for a receive and in
//    [p - 63 * 2^24, p - 1] for a send (a negated point);
//  - adds the point to the running sum: a GlobalAccumulation chain carries (row
//    index, sum) from row to row, each row checking initial + point = cumulative
//    with the chord formulas. Padding rows add a fixed dummy point.
//
// Columns: message 8, kind, word 0's 16- and 8-bit limbs, the interaction (x 7,
// y 7, Poseidon2 179, offset, y6's 4 bytes), is_real, is_receive, is_send, index,
// the accumulation (initial and cumulative sums 28) = 241 (SP1's NUM_GLOBAL_COLS,
// rv64im_costs.json). Constraints: 216 (rv64im_complexity.json).
#pragma once

#include "sp1/air/chips/poseidon2_wide.hpp"
#include "sp1/air/riscv/adapters.hpp"
#include "sp1/air/septic_expr.hpp"

namespace zkgpu::sp1::air::riscv {

template <class T>
using SepticBlock = std::array<T, 7>;

template <class T>
struct GlobalInteractionCols {
  SepticBlock<T> x_coordinate;
  SepticBlock<T> y_coordinate;
  Poseidon2WideCols<T> permutation;
  T offset;
  std::array<T, 4> y6_byte_decomp;
};

template <class T>
struct GlobalAccumulationCols {
  std::array<SepticBlock<T>, 2> initial_digest;  // x, y
  std::array<SepticBlock<T>, 2> cumulative_sum;
};

template <class T>
struct GlobalCols {
  std::array<T, 8> message;
  T kind;
  T message_0_16bit_limb;
  T message_0_8bit_limb;
  GlobalInteractionCols<T> interaction;
  T is_real;
  T is_receive;
  T is_send;
  T index;
  GlobalAccumulationCols<T> accumulation;
};

struct GlobalChip {
  static constexpr const char* kName = "Global";
  static constexpr auto kMain = col_map<GlobalCols<size_t>>();
  static constexpr size_t kWidth = num_cols<GlobalCols<size_t>>;
  static constexpr size_t kPreprocessedWidth = 0;

  template <class B>
  static septic_expr::Septic<B> septic(B& b, const SepticBlock<size_t>& cols) {
    septic_expr::Septic<B> r;
    for (size_t i = 0; i < 7; ++i) r[i] = b.main(cols[i]);
    return r;
  }

  template <class B>
  void eval(B& b) const {
    const auto& c = kMain;
    const auto& in = c.interaction;
    const E<B> is_real = b.main(c.is_real), is_receive = b.main(c.is_receive), is_send = b.main(c.is_send);
    const E<B> kind = b.main(c.kind), offset = b.main(in.offset), zero = b.constant(0), one = b.constant(1);
    std::array<E<B>, 8> message;
    for (size_t i = 0; i < 8; ++i) message[i] = b.main(c.message[i]);

    assert_bool(b, is_real);
    std::vector<E<B>> values(message.begin(), message.end());
    values.insert(values.end(), {is_send, is_receive, kind});
    interact_values(b, Direction::Receive, InteractionKind::Global, values, is_real);

    // The message's point (eval_single_digest).
    assert_bool(b, is_real);
    b.assert_zero(is_real * (is_receive + is_send - one));
    assert_bool(b, is_receive);
    assert_bool(b, is_send);
    send_byte(b, ByteOpcode::U8Range, zero, zero, offset, is_real);
    const E<B> limb16 = b.main(c.message_0_16bit_limb), limb8 = b.main(c.message_0_8bit_limb);
    b.assert_zero(is_real * (message[0] - (limb16 + limb8 * b.constant(1u << 16))));
    range_check_u16(b, std::array<E<B>, 2>{limb16, message[7]}, is_real);
    range_check_u8(b, std::array<E<B>, 1>{limb8}, is_real);
    send_byte(b, ByteOpcode::Range, kind, b.constant(6), zero, is_real);
    for (size_t i = 0; i < 16; ++i) {
      const E<B> trial = i == 0   ? message[0] + b.constant(1u << 24) * kind
                         : i == 7 ? message[7] + b.constant(1u << 16) * offset
                         : i < 8  ? message[i]
                                  : zero;
      b.assert_zero(is_real * (b.main(in.permutation.external_rounds_state[0][i]) - trial));
    }
    eval_poseidon2_rounds(b, in.permutation);
    for (size_t i = 0; i < 7; ++i)
      b.assert_zero(is_real * (b.main(in.x_coordinate[i]) - b.main(in.permutation.output_state[i])));
    const auto x = septic(b, in.x_coordinate), y = septic(b, in.y_coordinate);
    const auto y2 = septic_expr::mul(b, y, y), curve = septic_expr::curve_formula(b, x);
    for (size_t i = 0; i < 7; ++i) b.assert_zero(y2[i] - curve[i]);
    E<B> y6 = zero;
    for (size_t i = 0; i < 3; ++i) {
      const E<B> byte = b.main(in.y6_byte_decomp[i]);
      y6 = y6 + byte * b.constant(1u << (8 * i));
      send_byte(b, ByteOpcode::U8Range, zero, zero, byte, is_real);
    }
    const E<B> top = b.main(in.y6_byte_decomp[3]);
    y6 = y6 + top * b.constant(1u << 24);
    send_byte(b, ByteOpcode::LTU, one, top, b.constant(63), is_real);
    b.assert_zero(is_receive * (y[6] - (one + y6)));
    b.assert_zero(is_send * (y[6] + one + y6));

    // The running sum (eval_accumulation).
    const auto& acc = c.accumulation;
    const E<B> index = b.main(c.index);
    assert_bool(b, is_real);
    const auto initial_x = septic(b, acc.initial_digest[0]), initial_y = septic(b, acc.initial_digest[1]);
    const auto sum_x = septic(b, acc.cumulative_sum[0]), sum_y = septic(b, acc.cumulative_sum[1]);
    std::vector<E<B>> chain{index};
    chain.insert(chain.end(), initial_x.begin(), initial_x.end());
    chain.insert(chain.end(), initial_y.begin(), initial_y.end());
    interact_values(b, Direction::Receive, InteractionKind::GlobalAccumulation, chain, is_real);
    const auto check_x = septic_expr::sum_checker_x(b, initial_x, initial_y, x, y, sum_x);
    const auto check_y = septic_expr::sum_checker_y(b, initial_x, initial_y, x, y, sum_x, sum_y);
    for (size_t i = 0; i < 7; ++i) b.assert_zero(check_x[i]);
    for (size_t i = 0; i < 7; ++i) b.assert_zero(is_real * check_y[i]);
    chain = {index + one};
    chain.insert(chain.end(), sum_x.begin(), sum_x.end());
    chain.insert(chain.end(), sum_y.begin(), sum_y.end());
    interact_values(b, Direction::Send, InteractionKind::GlobalAccumulation, chain, is_real);
  }
};

}  // namespace zkgpu::sp1::air::riscv
