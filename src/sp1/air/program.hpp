// A chip's constraints and interactions as data: the expression graph its eval
// builds, compiled once (symbolic_builder.hpp), in a flat form a CPU loop or a GPU
// kernel can run. Nodes sit in a vector in topological order (every operand before
// its user) and refer to each other by index; a leaf reads a column, a public value
// or a constant. A node's value on a row is the value of the expression it stands
// for, so node i's value can live in slot i of a scratch array.
//
// The constraints are root nodes in the order the chip asserts them, which is the
// order SP1's folders fold them in (crates/hypercube/src/folder.rs: the verifier's
// folder does acc = acc * alpha + c, the zerocheck prover's ConstraintSumcheckFolder
// adds powers_of_alpha[k] * c_k). Sends and receives keep the order the chip emits
// them (SP1's InteractionBuilder, crates/hypercube/src/lookup/builder.rs, keeps two
// lists as well).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sp1/air/builder.hpp"
#include "sp1/air/degree.hpp"

namespace zkgpu::sp1::air {

// The leaves come first (is_leaf relies on it).
enum class Op : uint8_t {
  Main,          // a: column
  Preprocessed,  // a: column
  PublicValue,   // a: index (an index past the shard's public values reads 0)
  Constant,      // a: the base-field constant's canonical value
  Add,           // a + b (operands are node indices, both below this node's)
  Sub,           // a - b
  Mul,           // a * b
  Neg,           // -a
};

struct Node {
  Op op;
  uint32_t a;
  uint32_t b;  // 0 for leaves and Neg
};

inline bool is_leaf(Op op) { return op <= Op::Constant; }

// Three words per node: the form a kernel reads.
static_assert(sizeof(Node) == 12);

struct ProgramInteraction {
  InteractionKind kind;
  uint32_t multiplicity;  // node
  uint32_t values_begin;  // the value nodes: ConstraintProgram::interaction_values[begin, begin + count)
  uint32_t values_count;
};

struct ConstraintProgram {
  std::string name;
  size_t width = 0;
  size_t preprocessed_width = 0;
  std::vector<Node> nodes;
  std::vector<uint32_t> constraints;
  std::vector<ProgramInteraction> sends;
  std::vector<ProgramInteraction> receives;
  std::vector<uint32_t> interaction_values;

  size_t num_interactions() const { return sends.size() + receives.size(); }
  // The most values any one interaction carries, plus one for its kind.
  size_t max_interaction_arity() const;
};

// Drops the nodes no root (constraint, interaction value or multiplicity) reaches;
// the rest keep their order. Roots must name nodes (validate).
void prune(ConstraintProgram& program);

// The program with only its constraints (what a zerocheck evaluates), or only its
// interactions (what LogUp-GKR's first layer evaluates), pruned.
ConstraintProgram constraints_only(ConstraintProgram program);
ConstraintProgram interactions_only(ConstraintProgram program);

// Each constraint's degree bound and every interaction's, by the rules of
// degree.hpp's builder (a column is degree 1, a public value or constant 0, a sum
// the larger of its operands', a product their sum), read off the graph. A product
// with zero, folded to 0 by the symbolic builder, counts 0 where the builder counts
// its other factor's degree; for every recursion chip the two are equal (tested).
ChipDegrees degrees(const ConstraintProgram& program);

// The most node values alive at once when the nodes run in order and each value's
// slot is free for reuse at its last use (a constraint's value is used when it is
// folded, right after it is computed; an interaction's values and multiplicity are
// kept to the end). Constants are immediates and not counted. This is the register
// file a kernel running the program one row per thread needs.
size_t max_live_values(const ConstraintProgram& program);

// SP1's Chip::new (crates/hypercube/src/chip.rs) asserts this of every chip: no
// constraint above MAX_CONSTRAINT_DEGREE = 3 and every interaction affine (SP1 stores
// interactions as VirtualPairCol). std::logic_error naming the chip otherwise.
void check_degrees(const ConstraintProgram& program);

// The program's structure is consistent: operands precede their nodes, leaves read
// inside the widths, roots and interaction values name nodes. std::logic_error
// otherwise (a program from compile() always is; this guards hand-made ones).
void validate(const ConstraintProgram& program);

}  // namespace zkgpu::sp1::air
