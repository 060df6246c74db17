// The vocabulary the chips are written in. Each chip's constraints and interactions
// are written once, as a template over a builder. The symbolic builder
// (symbolic_builder.hpp) compiles a chip once into a constraint program, and every
// use of the chip reads that program:
//   - the verifier evaluates a chip at the zerocheck point (columns are degree-4
//     extension values) and folds its constraints with a challenge;
//   - the LogUp-GKR verifier evaluates its interactions at the GKR point;
//   - a prover evaluates it on the rows of a trace (columns are base field values)
//     or, later, on the GPU;
//   - the degree check reads the degrees off it.
// The direct builders (evaluator.hpp, degree.hpp) run the template itself: the
// reference the programs are tested against.
//
// A chip is a struct with
//   static constexpr const char* kName;
//   static constexpr size_t kWidth, kPreprocessedWidth;
//   template <class B> void eval(B& b) const;
// and a builder B supplies
//   using Expr;                                   the field evaluations happen in
//   Expr main(size_t col), preprocessed(size_t col), public_value(size_t i);
//   Expr constant(uint32_t canonical);            a base-field constant
//   void assert_zero(const Expr& x);              one constraint, in order
//   void interact(Direction, InteractionKind, std::span<const Expr> values,
//                 const Expr& multiplicity);     one interaction, in order
// SP1's algebra fixes only the VALUE of each constraint and its position in the
// sequence (folding is order-sensitive), never its syntactic form, so helpers below
// may compute a constraint in whatever way is cheapest.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace zkgpu::sp1::air {

// SP1's interaction kinds (crates/hypercube/src/lookup/interaction.rs); the value is
// part of every fingerprint. The recursion machine uses Memory only; the RISC-V
// machine uses them all.
enum class InteractionKind : uint32_t {
  Memory = 1,
  Program = 2,
  Byte = 5,
  State = 7,
  Syscall = 8,
  Global = 9,
  ShaExtend = 10,
  ShaCompress = 11,
  Keccak = 12,
  GlobalAccumulation = 13,
  MemoryGlobalInitControl = 14,
  MemoryGlobalFinalizeControl = 15,
  InstructionFetch = 16,
  InstructionDecode = 17,
  PageProt = 18,
  PageProtAccess = 19,
  PageProtGlobalInitControl = 20,
  PageProtGlobalFinalizeControl = 21,
};

enum class Direction { Send, Receive };

// The recursion machine's extension element / memory word: four base elements.
template <class E>
using Block = std::array<E, 4>;

template <class B>
using ExprOf = typename B::Expr;

template <class B>
void assert_eq(B& b, const ExprOf<B>& x, const ExprOf<B>& y) {
  b.assert_zero(x - y);
}

// x * (x - 1) = 0.
template <class B>
void assert_bool(B& b, const ExprOf<B>& x) {
  b.assert_zero(x * (x - b.constant(1)));
}

// SP1's `builder.when(cond).assert_eq(x, y)`: cond * (x - y) = 0.
template <class B>
void assert_eq_when(B& b, const ExprOf<B>& cond, const ExprOf<B>& x, const ExprOf<B>& y) {
  b.assert_zero(cond * (x - y));
}

// Component-wise equality of two blocks: four constraints.
template <class B>
void assert_block_eq(B& b, const Block<ExprOf<B>>& x, const Block<ExprOf<B>>& y) {
  for (size_t i = 0; i < 4; ++i) assert_eq(b, x[i], y[i]);
}

template <class B>
void assert_block_eq_when(B& b, const ExprOf<B>& cond, const Block<ExprOf<B>>& x,
                          const Block<ExprOf<B>>& y) {
  for (size_t i = 0; i < 4; ++i) assert_eq_when(b, cond, x[i], y[i]);
}

template <class B>
Block<ExprOf<B>> main_block(B& b, size_t col) {
  return {b.main(col), b.main(col + 1), b.main(col + 2), b.main(col + 3)};
}

template <class E>
Block<E> operator+(const Block<E>& x, const Block<E>& y) {
  return {x[0] + y[0], x[1] + y[1], x[2] + y[2], x[3] + y[3]};
}

template <class E>
Block<E> operator-(const Block<E>& x, const Block<E>& y) {
  return {x[0] - y[0], x[1] - y[1], x[2] - y[2], x[3] - y[3]};
}

// Product in KoalaBear[x] / (x^4 - 3) with coefficients of any type (SP1's
// BinomialExtension, crates/hypercube/src/air/extension.rs: W = 3).
template <class B>
Block<ExprOf<B>> ext_mul(B& b, const Block<ExprOf<B>>& x, const Block<ExprOf<B>>& y) {
  using E = ExprOf<B>;
  const E w = b.constant(3);
  Block<E> r{b.constant(0), b.constant(0), b.constant(0), b.constant(0)};
  for (size_t i = 0; i < 4; ++i)
    for (size_t j = 0; j < 4; ++j) {
      if (i + j >= 4)
        r[i + j - 4] = r[i + j - 4] + w * x[i] * y[j];
      else
        r[i + j] = r[i + j] + x[i] * y[j];
    }
  return r;
}

// The element c + 0x + 0x^2 + 0x^3.
template <class B>
Block<ExprOf<B>> from_base(B& b, const ExprOf<B>& c) {
  return {c, b.constant(0), b.constant(0), b.constant(0)};
}

// Memory interactions (crates/recursion/machine/src/builder.rs): the values are
// [address, v0, v1, v2, v3]; a single felt travels as [address, v, 0, 0, 0].
template <class B>
void memory_block(B& b, Direction dir, const ExprOf<B>& addr, const Block<ExprOf<B>>& value,
                  const ExprOf<B>& mult) {
  const std::array<ExprOf<B>, 5> values{addr, value[0], value[1], value[2], value[3]};
  b.interact(dir, InteractionKind::Memory, std::span<const ExprOf<B>>(values), mult);
}

template <class B>
void send_block(B& b, const ExprOf<B>& addr, const Block<ExprOf<B>>& value, const ExprOf<B>& mult) {
  memory_block(b, Direction::Send, addr, value, mult);
}

template <class B>
void receive_block(B& b, const ExprOf<B>& addr, const Block<ExprOf<B>>& value, const ExprOf<B>& mult) {
  memory_block(b, Direction::Receive, addr, value, mult);
}

template <class B>
void send_single(B& b, const ExprOf<B>& addr, const ExprOf<B>& value, const ExprOf<B>& mult) {
  memory_block(b, Direction::Send, addr, from_base(b, value), mult);
}

template <class B>
void receive_single(B& b, const ExprOf<B>& addr, const ExprOf<B>& value, const ExprOf<B>& mult) {
  memory_block(b, Direction::Receive, addr, from_base(b, value), mult);
}

}  // namespace zkgpu::sp1::air
