// Trace values of the shared column groups (sp1/air/riscv/columns.hpp) from our
// events, as SP1 v6.4's populate() functions write them:
//   CPUState::populate                          adapter/state.rs
//   RegisterAccessCols / RegisterAccessTimestamp memory/consistency/trace.rs
//   {R,I,ALU}TypeReader::populate                adapter/register/*.rs
// A row is a span of one trace row; columns are addressed through the chip's
// column map.
#pragma once

#include <span>
#include <stdexcept>
#include <string>

#include "sp1/air/evaluator.hpp"
#include "sp1/air/riscv/columns.hpp"
#include "sp1/riscv/alu_events.hpp"
#include "zkvm/events.hpp"

namespace zkgpu::sp1::riscv {

using air::Felt;
using Row = std::span<Felt>;

// x < 2^31 (every value written here: limbs, flags, 24-bit clocks, register numbers).
inline void put(Row row, size_t col, uint64_t x) { row[col] = Felt::from_canonical(uint32_t(x)); }

inline void put_word(Row row, const rv::Word<size_t>& cols, uint64_t x) {
  const rv::Word<uint16_t> limbs = rv::u16_limbs(x);
  for (size_t i = 0; i < 4; ++i) put(row, cols[i], limbs[i]);
}

inline void fill_cpu_state(Row row, const rv::CPUState<size_t>& c, uint64_t clk, uint64_t pc) {
  put(row, c.clk_high, clk >> 24);
  put(row, c.clk_16_24, (clk >> 16) & 0xFF);
  put(row, c.clk_0_16, clk & 0xFFFF);
  put(row, c.pc[0], pc & 0xFFFF);
  put(row, c.pc[1], (pc >> 16) & 0xFFFF);
  put(row, c.pc[2], (pc >> 32) & 0xFFFF);
}

// The previous access counts only within the same clk_high; otherwise the
// comparison starts from 0 (the register was bumped at the new clk_high).
inline void fill_register(Row row, const rv::RegisterAccessCols<size_t>& c, const zkvm::MemoryAccess& m) {
  if (m.prev_timestamp >= m.timestamp)
    throw std::invalid_argument("register x" + std::to_string(m.addr) + " accessed at " + std::to_string(m.timestamp) +
                                " after an access at " + std::to_string(m.prev_timestamp));
  put_word(row, c.prev_value, m.prev_value);
  const uint64_t prev_low = (m.prev_timestamp >> 24) == (m.timestamp >> 24) ? m.prev_timestamp & 0xFFFFFF : 0;
  const uint64_t diff_minus_one = (m.timestamp & 0xFFFFFF) - prev_low - 1;
  put(row, c.access_timestamp.prev_low, prev_low);
  put(row, c.access_timestamp.diff_low_limb, diff_minus_one & 0xFFFF);
}

// The writes of rd and reads of rs1 every reader makes.
template <class Reader>
void fill_reader_ab(Row row, const Reader& c, const zkvm::InstrEvent& e) {
  put(row, c.op_a, e.ra.addr);
  fill_register(row, c.op_a_memory, e.ra);
  put(row, c.op_a_0, e.ra.addr == 0);
  put(row, c.op_b, e.rb.addr);
  fill_register(row, c.op_b_memory, e.rb);
}

inline void fill_reader(Row row, const rv::RTypeReader<size_t>& c, const zkvm::InstrEvent& e) {
  fill_reader_ab(row, c, e);
  put(row, c.op_c, e.rc.addr);
  fill_register(row, c.op_c_memory, e.rc);
}

inline void fill_reader(Row row, const rv::ITypeReader<size_t>& c, const zkvm::InstrEvent& e) {
  fill_reader_ab(row, c, e);
  put_word(row, c.op_c_imm, e.c);
}

// An immediate op_c is copied into op_c_memory's previous value, with a zero
// timestamp.
inline void fill_reader(Row row, const rv::ALUTypeReader<size_t>& c, const zkvm::InstrEvent& e) {
  fill_reader_ab(row, c, e);
  const bool imm = !(e.used & zkvm::InstrEvent::kC);
  put(row, c.imm_c, imm);
  if (imm) {
    put_word(row, c.op_c, e.c);
    put_word(row, c.op_c_memory.prev_value, e.c);
  } else {
    put_word(row, c.op_c, e.rc.addr);
    fill_register(row, c.op_c_memory, e.rc);
  }
}

}  // namespace zkgpu::sp1::riscv
