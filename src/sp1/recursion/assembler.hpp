// The assembler: checks a program's memory discipline and fills the multiplicity of
// every value it writes with the number of times it is read, as SP1's compiler
// backfills them (crates/recursion/compiler/src/circuit/compiler.rs: read_addr,
// backfill_all). A MemoryConst read (MemInstr with kind Read) reads once: its
// multiplicity is 1.
#pragma once

#include "sp1/recursion/instruction.hpp"

namespace zkgpu::sp1::recursion {

// The largest memory a program may address (cells of one block each).
inline constexpr size_t kMaxMemoryCells = size_t(1) << 27;

// Throws ProgramError naming the line (or instruction) when:
//  - an instruction reads (or ghost-reads) an address no earlier instruction wrote,
//    or writes an address a second time (SP1's programs write each address once);
//  - an address is not below kMaxMemoryCells;
//  - a PrefixSumChecks has no steps or lists of different lengths, a HintBits more
//    than 32 outputs, a CommitPublicValues other than 187 addresses, or the program
//    a second CommitPublicValues (the PublicValues chip binds only the first);
//  - an output of a Poseidon2 linear layer or S-box is not read exactly once (their
//    chips write each output with multiplicity one: SP1 asserts it when it builds
//    their preprocessed traces).
// Sets p.memory_size to one past the largest address.
void assemble(Program& p);

// The list-length rules above for one instruction (the executor and trace
// generation check them too: a program built in memory need not be assembled).
void check_instruction_shape(const Program& p, size_t index);

}  // namespace zkgpu::sp1::recursion
