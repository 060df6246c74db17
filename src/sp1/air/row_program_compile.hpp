// Builds a RowProgram (row_program.hpp) from a ConstraintProgram: each node keeps its
// place, its value gets a slot that is free again after the node's last user
// (interaction values and multiplicities are kept to the end), constraint roots are
// flagged in node order. fold_weights turns the powers of the constraint challenge
// into the per-root weights run() reads.
#pragma once

#include <span>
#include <vector>

#include "sp1/air/evaluator.hpp"
#include "sp1/air/program.hpp"
#include "sp1/air/row_program.hpp"

namespace zkgpu::sp1::air {

struct RowProgram {
  std::vector<RowInstr> code;
  uint32_t slots = 0;  // the scratch array's size
  // Constraint k's root is the flagged instruction root_of[k] (counting flagged
  // instructions); several constraints may share a root.
  std::vector<uint32_t> root_of;
  uint32_t num_roots = 0;
  std::vector<RowInteraction> interactions;  // sends then receives, in the program's order
  std::vector<uint32_t> value_slots;
};

// std::logic_error for a program validate() rejects.
RowProgram compile_rows(const ConstraintProgram& program);

// weights[r] = the sum of powers[k] over the constraints k whose root is r: with
// powers = constraint_powers(alpha, n) (program_eval.hpp), run() returns the
// verifier's fold acc * alpha + c. powers has one entry per constraint.
std::vector<Ext> fold_weights(const RowProgram& program, std::span<const Ext> powers);

}  // namespace zkgpu::sp1::air
