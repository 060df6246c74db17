// SP1 v6.4's TrapMem chip (crates/core/machine/src/control_flow/trap/memory.rs):
// a load or store whose page lacks PROT_READ (a load) or PROT_WRITE (a store)
// traps instead of touching memory. A row computes the address b + imm (not
// aligned: only its page matters), reads the page's permissions and shows the
// needed one missing (AND with it is 0), hands the trap to the handler
// (PROT_FAILURE_READ or PROT_FAILURE_WRITE) and moves the CPU to the handler's
// pc; op_a keeps its value (ITypeReaderImmutable). Only User mode (its own
// is_trusted column) and only the `mprotect` build may have rows.
//
// Columns: CPUState 6 + ITypeReader 19 + AddrAddOperation 3 +
// PageProtOperation 8 + TrapOperation 27 + addresses 9 + 11 opcode flags +
// is_trusted = 84 (SP1's NUM_TRAP_MEM_COLS, rv64im_costs.json).
#pragma once

#include "sp1/air/riscv/trap.hpp"

namespace zkgpu::sp1::air::riscv {

template <class T>
struct TrapMemCols {
  CPUState<T> state;
  ITypeReader<T> adapter;
  AddrAddOperation<T> addr_operation;
  PageProtOperation<T> page_prot_operation;
  TrapOperation<T> trap_operation;
  std::array<std::array<T, 3>, 3> addresses;
  T is_lb, is_lbu, is_lh, is_lhu, is_lw, is_lwu, is_ld;
  T is_sb, is_sh, is_sw, is_sd;
  T is_trusted;
};

// The flags' columns and opcodes, loads first, in SP1's order.
inline constexpr size_t kTrapMemLoads = 7;
inline constexpr std::array<Opcode, 11> kTrapMemOpcodes{Opcode::LB, Opcode::LBU, Opcode::LH, Opcode::LHU,
                                                        Opcode::LW, Opcode::LWU, Opcode::LD, Opcode::SB,
                                                        Opcode::SH, Opcode::SW, Opcode::SD};

template <Features F>
struct TrapMemChip {
  static constexpr const char* kName = "TrapMem";
  static constexpr Features kFeatures = F;
  static constexpr auto kMain = col_map<TrapMemCols<size_t>>();
  static constexpr size_t kWidth = num_cols<TrapMemCols<size_t>>;
  static constexpr size_t kPreprocessedWidth = 0;
  static constexpr std::array<size_t, 11> kFlags{kMain.is_lb, kMain.is_lbu, kMain.is_lh, kMain.is_lhu,
                                                 kMain.is_lw, kMain.is_lwu, kMain.is_ld, kMain.is_sb,
                                                 kMain.is_sh, kMain.is_sw, kMain.is_sd};

  template <class B>
  void eval(B& b) const {
    const auto& c = kMain;
    const E<B> clk_high = b.main(c.state.clk_high), clk = clk_low(b, c.state);

    // The opcode and its instruction fields, selected by the flags.
    std::array<E<B>, 11> flag;
    for (size_t k = 0; k < flag.size(); ++k) flag[k] = b.main(kFlags[k]);
    const auto select = [&](auto&& value_of) {
      E<B> acc = flag[0] * b.constant(value_of(kTrapMemOpcodes[0]));
      for (size_t k = 1; k < flag.size(); ++k) acc = acc + flag[k] * b.constant(value_of(kTrapMemOpcodes[k]));
      return acc;
    };
    const E<B> opcode = select([](Opcode op) { return uint32_t(op); });
    const E<B> funct3 = select([](Opcode op) { return uint32_t(opcode_fields(op).funct3); });
    const E<B> funct7 = select([](Opcode op) { return uint32_t(opcode_fields(op).funct7); });
    const E<B> base_opcode = select([](Opcode op) { return opcode_fields(op).base; });
    const E<B> instr_type = select([](Opcode op) { return uint32_t(opcode_fields(op).type); });
    E<B> is_load = flag[0], is_store = flag[kTrapMemLoads];
    for (size_t k = 1; k < kTrapMemLoads; ++k) is_load = is_load + flag[k];
    for (size_t k = kTrapMemLoads + 1; k < flag.size(); ++k) is_store = is_store + flag[k];
    const E<B> is_real = is_load + is_store;

    const std::array<E<B>, 3> addr{b.main(c.addr_operation.value[0]), b.main(c.addr_operation.value[1]),
                                   b.main(c.addr_operation.value[2])};
    eval_page_prot_op(b, clk_high, clk + b.constant(kPositionMemory), addr, c.page_prot_operation, is_real);
    for (const E<B>& f : flag) assert_bool(b, f);
    assert_bool(b, is_load);
    assert_bool(b, is_store);
    assert_bool(b, is_real);
    if constexpr (F == Features::Default) b.assert_zero(is_real);

    eval_addr_add(b, main_word(b, c.adapter.op_b_memory.prev_value), main_word(b, c.adapter.op_c_imm),
                  c.addr_operation, is_real);
    // The permission the access needs is missing.
    send_byte(b, ByteOpcode::AND, b.constant(0), b.main(c.page_prot_operation.page_prot_access.prev_prot_bitmap),
              is_load * b.constant(kProtRead) + is_store * b.constant(kProtWrite), is_real);

    const E<B> code = is_load * b.constant(kProtFailureRead) + is_store * b.constant(kProtFailureWrite);
    const std::array<E<B>, 3> next_pc = eval_trap_operation<B, F>(b, c.trap_operation, clk_high, clk, code,
                                                                    pc_of(b, c.state), c.addresses, is_real);
    eval_cpu_state(b, c.state, next_pc, b.constant(kClkInc), is_real);

    const E<B> is_trusted = b.main(c.is_trusted);
    eval_reader(b, clk_high, clk, pc_of(b, c.state), opcode, main_word(b, c.adapter.op_a_memory.prev_value),
                c.adapter, is_real, is_trusted);
    eval_untrusted_program(b, c.is_trusted, c.state, instruction_of(b, c.adapter, opcode),
                           {instr_type, base_opcode, funct3, funct7}, is_real);
  }
};

}  // namespace zkgpu::sp1::air::riscv
