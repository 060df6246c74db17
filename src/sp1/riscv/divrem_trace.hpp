// DivRem rows (SP1 v6.4's DivRemChip::generate_trace_into,
// crates/core/machine/src/alu/divrem/mod.rs): the operation and flag columns of
// one event, and SP1's padding row (0 / 1 by DIVU). alu_traces.cpp adds the CPU
// state and the reader.
#pragma once

#include "sp1/riscv/populate.hpp"

namespace zkgpu::sp1::riscv {

void fill_divrem(Row row, const zkvm::InstrEvent& e);
void pad_divrem(Row row);

}  // namespace zkgpu::sp1::riscv
