// The CPU evaluator of a ConstraintProgram: runs the nodes in order on one row into a
// scratch array it owns (no allocation per row), then reads constraints and
// interactions off it. E = Felt: a trace row (a prover); E = Ext: the columns'
// evaluations at a point (the verifier). The results equal the template builders'
// (evaluator.hpp) for the same row.
//
//   ProgramRunner<Felt> r(chip.program());
//   for (each row) { r.run(main_row, prep_row, public_values); acc = r.fold_constraints(alpha); }
#pragma once

#include <algorithm>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "sp1/air/evaluator.hpp"
#include "sp1/air/interaction.hpp"
#include "sp1/air/program.hpp"

namespace zkgpu::sp1::air {

// A constraint's term in a fold with given powers.
inline Ext weighted(const Ext& power, const Felt& c) { return power.scale(c); }
inline Ext weighted(const Ext& power, const Ext& c) { return power * c; }

template <class E>
class ProgramRunner {
 public:
  // The program must outlive the runner.
  explicit ProgramRunner(const ConstraintProgram& program) : p_(program), values_(program.nodes.size()) {
    // Constants do not depend on the row: set once, skipped by run().
    for (size_t n = 0; n < p_.nodes.size(); ++n)
      if (p_.nodes[n].op == Op::Constant) values_[n] = Embed<E>::from(Felt::from_canonical(p_.nodes[n].a));
  }

  // Evaluates every node on one row. The spans must have the chip's widths
  // (std::invalid_argument otherwise); a public value past the span reads 0.
  void run(std::span<const E> main, std::span<const E> preprocessed, std::span<const Felt> public_values) {
    if (main.size() != p_.width || preprocessed.size() != p_.preprocessed_width)
      throw std::invalid_argument(p_.name + ": row has " + std::to_string(main.size()) + " main and " +
                                  std::to_string(preprocessed.size()) + " preprocessed columns, chip has " +
                                  std::to_string(p_.width) + " and " + std::to_string(p_.preprocessed_width));
    const Node* nodes = p_.nodes.data();
    E* v = values_.data();
    const size_t count = p_.nodes.size();
    for (size_t n = 0; n < count; ++n) {
      const Node& x = nodes[n];
      switch (x.op) {
        case Op::Main: v[n] = main[x.a]; break;
        case Op::Preprocessed: v[n] = preprocessed[x.a]; break;
        case Op::PublicValue:
          v[n] = Embed<E>::from(x.a < public_values.size() ? public_values[x.a] : Felt::zero());
          break;
        case Op::Constant: break;
        case Op::Add: v[n] = v[x.a] + v[x.b]; break;
        case Op::Sub: v[n] = v[x.a] - v[x.b]; break;
        case Op::Mul: v[n] = v[x.a] * v[x.b]; break;
        case Op::Neg: v[n] = Embed<E>::from(Felt::zero()) - v[x.a]; break;
      }
    }
  }

  // After run(): the values of the last row.
  std::span<const E> values() const { return values_; }
  size_t num_constraints() const { return p_.constraints.size(); }
  const E& constraint(size_t k) const { return values_[p_.constraints[k]]; }

  // SP1's verifier fold: acc = acc * alpha + c over the constraints in order.
  Ext fold_constraints(const Ext& alpha) const {
    Ext acc = Ext::zero();
    for (uint32_t c : p_.constraints) acc = acc * alpha + as_ext(values_[c]);
    return acc;
  }

  // The same sum with the powers given, as SP1's zerocheck prover folds
  // (ConstraintSumcheckFolder): sum_k c_k * powers[k]; with powers =
  // constraint_powers(alpha, num_constraints()) it equals fold_constraints(alpha).
  Ext fold_constraints(std::span<const Ext> powers) const {
    if (powers.size() != p_.constraints.size())
      throw std::invalid_argument(p_.name + ": " + std::to_string(powers.size()) + " powers for " +
                                  std::to_string(p_.constraints.size()) + " constraints");
    Ext acc = Ext::zero();
    for (size_t k = 0; k < powers.size(); ++k) acc = acc + weighted(powers[k], values_[p_.constraints[k]]);
    return acc;
  }

  E multiplicity(const ProgramInteraction& i) const { return values_[i.multiplicity]; }
  const E& value(const ProgramInteraction& i, size_t k) const {
    return values_[p_.interaction_values[i.values_begin + k]];
  }
  // betas must have at least the interaction's arity (values + 1).
  Ext fingerprint(const ProgramInteraction& i, const Ext& alpha, std::span<const Ext> betas) const {
    return air::fingerprint(
        i.kind, i.values_count, [&](size_t k) -> const E& { return value(i, k); }, alpha, betas);
  }

  // The row's constraints and interactions in the template builders' form.
  RowEvaluation<E> row_evaluation() const {
    RowEvaluation<E> out;
    for (uint32_t c : p_.constraints) out.constraints.push_back(values_[c]);
    auto copy = [&](const std::vector<ProgramInteraction>& from, std::vector<Interaction<E>>& to) {
      for (const ProgramInteraction& i : from) {
        Interaction<E> r{i.kind, {}, multiplicity(i)};
        for (size_t k = 0; k < i.values_count; ++k) r.values.push_back(value(i, k));
        to.push_back(std::move(r));
      }
    };
    copy(p_.sends, out.sends);
    copy(p_.receives, out.receives);
    return out;
  }

 private:
  const ConstraintProgram& p_;
  std::vector<E> values_;
};

// The same evaluation on a block of rows at once: each node runs over all the
// block's rows before the next node (node n's value on row j of the block sits at
// n * lanes + j), so the dispatch on the operation is paid once per block and the
// inner loops are plain array arithmetic. What a prover's zerocheck runs over a
// whole trace.
template <class E>
class BatchRunner {
 public:
  // The program must outlive the runner; lanes >= 1 rows per block.
  BatchRunner(const ConstraintProgram& program, size_t lanes)
      : p_(program), lanes_(lanes), values_(program.nodes.size() * lanes) {
    if (lanes == 0) throw std::invalid_argument("BatchRunner needs at least one lane");
    for (size_t n = 0; n < p_.nodes.size(); ++n)
      if (p_.nodes[n].op == Op::Constant)
        std::fill_n(values_.begin() + n * lanes_, lanes_, Embed<E>::from(Felt::from_canonical(p_.nodes[n].a)));
  }

  size_t lanes() const { return lanes_; }

  // Rows [first, first + count) of row-major matrices with the chip's widths;
  // count <= lanes (std::invalid_argument otherwise, or when the rows are not there).
  void run(std::span<const E> main, std::span<const E> preprocessed, size_t first, size_t count,
           std::span<const Felt> public_values) {
    const size_t w = p_.width, pw = p_.preprocessed_width;
    if (count > lanes_ || main.size() < (first + count) * w || preprocessed.size() < (first + count) * pw)
      throw std::invalid_argument(p_.name + ": rows " + std::to_string(first) + " + " + std::to_string(count) +
                                  " are not in the trace or exceed the block");
    count_ = count;
    const Node* nodes = p_.nodes.data();
    const size_t L = lanes_;
    for (size_t n = 0; n < p_.nodes.size(); ++n) {
      const Node& x = nodes[n];
      E* out = values_.data() + n * L;
      const E* a = values_.data() + size_t(x.a) * L;
      const E* b = values_.data() + size_t(x.b) * L;
      switch (x.op) {
        case Op::Main:
          for (size_t j = 0; j < count; ++j) out[j] = main[(first + j) * w + x.a];
          break;
        case Op::Preprocessed:
          for (size_t j = 0; j < count; ++j) out[j] = preprocessed[(first + j) * pw + x.a];
          break;
        case Op::PublicValue:
          std::fill_n(out, count, Embed<E>::from(x.a < public_values.size() ? public_values[x.a] : Felt::zero()));
          break;
        case Op::Constant: break;
        case Op::Add:
          for (size_t j = 0; j < count; ++j) out[j] = a[j] + b[j];
          break;
        case Op::Sub:
          for (size_t j = 0; j < count; ++j) out[j] = a[j] - b[j];
          break;
        case Op::Mul:
          for (size_t j = 0; j < count; ++j) out[j] = a[j] * b[j];
          break;
        case Op::Neg:
          for (size_t j = 0; j < count; ++j) out[j] = Embed<E>::from(Felt::zero()) - a[j];
          break;
      }
    }
  }

  // After run(): row j of the block (j < the count run).
  const E& constraint(size_t k, size_t j) const { return values_[size_t(p_.constraints[k]) * lanes_ + j]; }

  // out[j] = sum_k c_k(row j) * powers[k] for each row of the block; out has the
  // block's count.
  void fold_constraints(std::span<const Ext> powers, std::span<Ext> out) const {
    if (powers.size() != p_.constraints.size() || out.size() != count_)
      throw std::invalid_argument(p_.name + ": fold needs one power per constraint and one output per row");
    std::fill(out.begin(), out.end(), Ext::zero());
    for (size_t k = 0; k < powers.size(); ++k) {
      const E* c = values_.data() + size_t(p_.constraints[k]) * lanes_;
      for (size_t j = 0; j < count_; ++j) out[j] = out[j] + weighted(powers[k], c[j]);
    }
  }

 private:
  const ConstraintProgram& p_;
  size_t lanes_;
  size_t count_ = 0;
  std::vector<E> values_;
};

// alpha^(n-1), ..., alpha, 1: the weights fold_constraints(alpha) gives n constraints.
inline std::vector<Ext> constraint_powers(const Ext& alpha, size_t n) {
  std::vector<Ext> powers(n);
  Ext p = Ext::one();
  for (size_t k = n; k-- > 0;) {
    powers[k] = p;
    p = p * alpha;
  }
  return powers;
}

// One row through the program, in the template builders' form.
template <class E>
RowEvaluation<E> evaluate_program(const ConstraintProgram& program, std::span<const E> main,
                                  std::span<const E> preprocessed, std::span<const Felt> public_values) {
  ProgramRunner<E> r(program);
  r.run(main, preprocessed, public_values);
  return r.row_evaluation();
}

}  // namespace zkgpu::sp1::air
