// The builder that turns a chip's eval into its ConstraintProgram (program.hpp):
// each expression is a node of a graph, and equal expressions are one node (nodes
// are interned by operation and operands, sums and products with their operands
// sorted), so the subexpressions a chip computes once per use (Poseidon2's linear
// layers, ext_mul's products) are shared. Operations on constants fold, adding
// zero or multiplying by one is the operand itself, and multiplying by zero is
// zero (x - x is kept: a constraint's place in the fold and its degree, as SP1's
// padding constraint x^3 - x^3 in Poseidon2WideDeg3, are part of the chip). None of
// this changes a value:
// field arithmetic is exact, so every node evaluates to what the template builders
// compute for the same expression. Nodes no constraint or interaction reaches are
// dropped when the program is taken.
//
//   const ConstraintProgram p = compile(BaseAluChip{});
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "sp1/air/builder.hpp"
#include "sp1/air/program.hpp"

namespace zkgpu::sp1::air {

class SymbolicGraph;

// An expression under construction: a node of one graph. A default-constructed
// expression (a slot not yet assigned) names no graph; using it is std::logic_error.
struct SymbolicExpr {
  SymbolicGraph* graph = nullptr;
  uint32_t node = 0;

  friend SymbolicExpr operator+(const SymbolicExpr& x, const SymbolicExpr& y);
  friend SymbolicExpr operator-(const SymbolicExpr& x, const SymbolicExpr& y);
  friend SymbolicExpr operator*(const SymbolicExpr& x, const SymbolicExpr& y);
  SymbolicExpr operator-() const;
};

class SymbolicGraph {
 public:
  uint32_t leaf(Op op, uint32_t index);
  uint32_t constant(uint32_t canonical);
  uint32_t binary(Op op, uint32_t a, uint32_t b);
  uint32_t negate(uint32_t a);
  const std::vector<Node>& nodes() const { return nodes_; }

 private:
  struct Key {
    Op op;
    uint32_t a, b;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    size_t operator()(const Key& k) const {
      return std::hash<uint64_t>()((uint64_t(k.a) << 32 | k.b) * 0x9E3779B97F4A7C15ull ^ uint64_t(k.op));
    }
  };
  uint32_t intern(Op op, uint32_t a, uint32_t b);
  // The canonical value of a constant node, or -1 for any other node.
  int64_t constant_value(uint32_t node) const;

  std::vector<Node> nodes_;
  std::unordered_map<Key, uint32_t, KeyHash> index_;
};

class SymbolicBuilder {
 public:
  using Expr = SymbolicExpr;

  SymbolicBuilder(std::string name, size_t width, size_t preprocessed_width);
  SymbolicBuilder(const SymbolicBuilder&) = delete;  // expressions point at graph_
  SymbolicBuilder& operator=(const SymbolicBuilder&) = delete;

  // A column past the chip's width is std::logic_error (a chip bug).
  Expr main(size_t col);
  Expr preprocessed(size_t col);
  Expr public_value(size_t i);
  Expr constant(uint32_t canonical);

  void assert_zero(const Expr& x);
  void interact(Direction dir, InteractionKind kind, std::span<const Expr> values, const Expr& multiplicity);

  // The program, pruned to the nodes its roots reach (still in topological order).
  ConstraintProgram take();

 private:
  uint32_t node_of(const Expr& x) const;

  SymbolicGraph graph_;
  ConstraintProgram out_;
};

template <class Chip>
ConstraintProgram compile(const Chip& chip) {
  SymbolicBuilder b(Chip::kName, Chip::kWidth, Chip::kPreprocessedWidth);
  chip.eval(b);
  return b.take();
}

}  // namespace zkgpu::sp1::air
