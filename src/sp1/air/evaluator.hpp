// The direct builder: runs a chip's template eval on one row of column values and
// records every constraint value and every interaction, in order (the reference for
// the compiled programs of program_eval.hpp, which the verifier and provers run). The row is either a trace
// row (E = KoalaBear: a prover checking or building its trace) or the evaluations
// of the columns' multilinear extensions at a point (E = KoalaBearExt4: the
// verifier). Interactions are affine in the columns (SP1 stores them as
// VirtualPairCol; the degree builder checks it), so evaluating them on the columns'
// multilinear evaluations gives the interactions' multilinear evaluations.
#pragma once

#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "math/field31/field31.hpp"
#include "sp1/air/builder.hpp"

namespace zkgpu::sp1::air {

using Felt = f31::KoalaBear;
using Ext = f31::KoalaBearExt4;

// A base-field element seen in E.
template <class E>
struct Embed;
template <>
struct Embed<Felt> {
  static Felt from(Felt x) { return x; }
};
template <>
struct Embed<Ext> {
  static Ext from(Felt x) { return Ext{{x, Felt::zero(), Felt::zero(), Felt::zero()}}; }
};

template <class E>
struct Interaction {
  InteractionKind kind;
  std::vector<E> values;
  E multiplicity;
};

template <class E>
struct RowEvaluation {
  std::vector<E> constraints;  // in the order the chip asserts them
  std::vector<Interaction<E>> sends;
  std::vector<Interaction<E>> receives;
};

template <class E>
class Evaluator {
 public:
  using Expr = E;

  Evaluator(std::span<const E> main, std::span<const E> preprocessed, std::span<const Felt> public_values)
      : main_(main), preprocessed_(preprocessed), public_values_(public_values) {}

  E main(size_t col) const { return main_[col]; }
  E preprocessed(size_t col) const { return preprocessed_[col]; }
  E public_value(size_t i) const {
    return i < public_values_.size() ? Embed<E>::from(public_values_[i]) : Embed<E>::from(Felt::zero());
  }
  E constant(uint32_t canonical) const { return Embed<E>::from(Felt::from_canonical(canonical)); }

  void assert_zero(const E& x) { out_.constraints.push_back(x); }
  void interact(Direction dir, InteractionKind kind, std::span<const E> values, const E& mult) {
    auto& list = dir == Direction::Send ? out_.sends : out_.receives;
    list.push_back(Interaction<E>{kind, std::vector<E>(values.begin(), values.end()), mult});
  }

  RowEvaluation<E> take() { return std::move(out_); }

 private:
  std::span<const E> main_;
  std::span<const E> preprocessed_;
  std::span<const Felt> public_values_;
  RowEvaluation<E> out_;
};

// Runs `chip` on one row. The row must have exactly the chip's widths: a chip reads
// columns by fixed index.
template <class Chip, class E>
RowEvaluation<E> evaluate(const Chip& chip, std::span<const E> main, std::span<const E> preprocessed,
                          std::span<const Felt> public_values) {
  if (main.size() != Chip::kWidth || preprocessed.size() != Chip::kPreprocessedWidth)
    throw std::invalid_argument(std::string(Chip::kName) + ": row has " + std::to_string(main.size()) +
                                " main and " + std::to_string(preprocessed.size()) +
                                " preprocessed columns, chip has " + std::to_string(Chip::kWidth) +
                                " and " + std::to_string(Chip::kPreprocessedWidth));
  Evaluator<E> b(main, preprocessed, public_values);
  chip.eval(b);
  return b.take();
}

}  // namespace zkgpu::sp1::air
