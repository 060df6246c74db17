// Program: the table of the program's instructions, one row per instruction (SP1
// crates/core/machine/src/program/{trusted.rs, instruction.rs}: ProgramChip,
// ProgramPreprocessedCols, InstructionCols, ProgramMultiplicityCols). The
// preprocessed columns hold each instruction's pc (three 16-bit limbs) and its
// decoded fields; the one main column counts how often the shard executed it. The
// chip receives one Program interaction per row carrying all 16 preprocessed
// columns in order (receive_program, crates/core/machine/src/air/program.rs).
#pragma once

#include <array>
#include <vector>

#include "sp1/air/builder.hpp"
#include "sp1/air/chips/columns.hpp"

namespace zkgpu::sp1::air {

// InstructionCols (13 columns); op_b and op_c are SP1 Words: four 16-bit limbs,
// least significant first.
template <class T>
struct InstructionCols {
  T opcode;
  T op_a;
  std::array<T, 4> op_b;
  std::array<T, 4> op_c;
  T op_a_0;  // op_a is register x0
  T imm_b;
  T imm_c;
};

template <class T>
struct ProgramPreprocessedCols {
  std::array<T, 3> pc;
  InstructionCols<T> instruction;
};

template <class T>
struct ProgramMultiplicityCols {
  T multiplicity;
};

struct ProgramChip {
  static constexpr const char* kName = "Program";
  static constexpr auto kMain = col_map<ProgramMultiplicityCols<size_t>>();
  static constexpr auto kPrep = col_map<ProgramPreprocessedCols<size_t>>();
  static constexpr size_t kWidth = num_cols<ProgramMultiplicityCols<size_t>>;
  static constexpr size_t kPreprocessedWidth = num_cols<ProgramPreprocessedCols<size_t>>;
  static_assert(kWidth == 1 && kPreprocessedWidth == 16);

  template <class B>
  void eval(B& b) const {
    // The preprocessed columns are laid out exactly as the interaction's values.
    std::vector<ExprOf<B>> values;
    for (size_t i = 0; i < kPreprocessedWidth; ++i) values.push_back(b.preprocessed(i));
    b.interact(Direction::Receive, InteractionKind::Program, std::span<const ExprOf<B>>(values),
               b.main(kMain.multiplicity));
  }
};

}  // namespace zkgpu::sp1::air
