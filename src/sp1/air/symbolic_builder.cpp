#include "sp1/air/symbolic_builder.hpp"

#include <stdexcept>
#include <utility>

#include "math/field31/field31.hpp"

namespace zkgpu::sp1::air {

namespace {

using Felt = f31::KoalaBear;

SymbolicGraph& graph_of(const SymbolicExpr& x, const SymbolicExpr& y) {
  if (x.graph == nullptr || y.graph == nullptr)
    throw std::logic_error("symbolic expression used before it was assigned");
  if (x.graph != y.graph) throw std::logic_error("symbolic expressions from two builders combined");
  return *x.graph;
}

}  // namespace

SymbolicExpr operator+(const SymbolicExpr& x, const SymbolicExpr& y) {
  SymbolicGraph& g = graph_of(x, y);
  return {&g, g.binary(Op::Add, x.node, y.node)};
}

SymbolicExpr operator-(const SymbolicExpr& x, const SymbolicExpr& y) {
  SymbolicGraph& g = graph_of(x, y);
  return {&g, g.binary(Op::Sub, x.node, y.node)};
}

SymbolicExpr operator*(const SymbolicExpr& x, const SymbolicExpr& y) {
  SymbolicGraph& g = graph_of(x, y);
  return {&g, g.binary(Op::Mul, x.node, y.node)};
}

SymbolicExpr SymbolicExpr::operator-() const {
  SymbolicGraph& g = graph_of(*this, *this);
  return {&g, g.negate(node)};
}

uint32_t SymbolicGraph::intern(Op op, uint32_t a, uint32_t b) {
  const auto [it, inserted] = index_.try_emplace(Key{op, a, b}, uint32_t(nodes_.size()));
  if (inserted) nodes_.push_back(Node{op, a, b});
  return it->second;
}

int64_t SymbolicGraph::constant_value(uint32_t node) const {
  return nodes_[node].op == Op::Constant ? int64_t(nodes_[node].a) : -1;
}

uint32_t SymbolicGraph::leaf(Op op, uint32_t index) { return intern(op, index, 0); }

uint32_t SymbolicGraph::constant(uint32_t canonical) {
  if (canonical >= Felt::kP) throw std::logic_error("constant " + std::to_string(canonical) + " is not canonical");
  return intern(Op::Constant, canonical, 0);
}

uint32_t SymbolicGraph::binary(Op op, uint32_t a, uint32_t b) {
  if (op != Op::Add && op != Op::Sub && op != Op::Mul) throw std::logic_error("not a binary operation");
  const int64_t ca = constant_value(a), cb = constant_value(b);
  if (ca >= 0 && cb >= 0) {
    const Felt x = Felt::from_canonical(uint32_t(ca)), y = Felt::from_canonical(uint32_t(cb));
    const Felt r = op == Op::Add ? x + y : op == Op::Sub ? x - y : x * y;
    return constant(r.to_canonical());
  }
  switch (op) {
    case Op::Add:
      if (ca == 0) return b;
      if (cb == 0) return a;
      break;
    case Op::Sub:
      if (cb == 0) return a;
      break;
    default:  // Mul
      if (ca == 1) return b;
      if (cb == 1) return a;
      if (ca == 0 || cb == 0) return constant(0);
      break;
  }
  if ((op == Op::Add || op == Op::Mul) && a > b) std::swap(a, b);
  return intern(op, a, b);
}

uint32_t SymbolicGraph::negate(uint32_t a) {
  const int64_t ca = constant_value(a);
  if (ca >= 0) return constant((-Felt::from_canonical(uint32_t(ca))).to_canonical());
  if (nodes_[a].op == Op::Neg) return nodes_[a].a;
  return intern(Op::Neg, a, 0);
}

SymbolicBuilder::SymbolicBuilder(std::string name, size_t width, size_t preprocessed_width) {
  out_.name = std::move(name);
  out_.width = width;
  out_.preprocessed_width = preprocessed_width;
}

SymbolicExpr SymbolicBuilder::main(size_t col) {
  if (col >= out_.width)
    throw std::logic_error(out_.name + ": main column " + std::to_string(col) + " past the width");
  return {&graph_, graph_.leaf(Op::Main, uint32_t(col))};
}

SymbolicExpr SymbolicBuilder::preprocessed(size_t col) {
  if (col >= out_.preprocessed_width)
    throw std::logic_error(out_.name + ": preprocessed column " + std::to_string(col) + " past the width");
  return {&graph_, graph_.leaf(Op::Preprocessed, uint32_t(col))};
}

SymbolicExpr SymbolicBuilder::public_value(size_t i) { return {&graph_, graph_.leaf(Op::PublicValue, uint32_t(i))}; }

SymbolicExpr SymbolicBuilder::constant(uint32_t canonical) { return {&graph_, graph_.constant(canonical)}; }

uint32_t SymbolicBuilder::node_of(const Expr& x) const {
  if (x.graph != &graph_) throw std::logic_error(out_.name + ": expression not built by this builder");
  return x.node;
}

void SymbolicBuilder::assert_zero(const Expr& x) { out_.constraints.push_back(node_of(x)); }

void SymbolicBuilder::interact(Direction dir, InteractionKind kind, std::span<const Expr> values,
                               const Expr& multiplicity) {
  ProgramInteraction i{kind, node_of(multiplicity), uint32_t(out_.interaction_values.size()),
                       uint32_t(values.size())};
  for (const Expr& v : values) out_.interaction_values.push_back(node_of(v));
  (dir == Direction::Send ? out_.sends : out_.receives).push_back(i);
}

ConstraintProgram SymbolicBuilder::take() {
  out_.nodes = graph_.nodes();
  prune(out_);
  validate(out_);
  return std::move(out_);
}

}  // namespace zkgpu::sp1::air
