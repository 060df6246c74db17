// SP1 v6.4's TrapExec chip (crates/core/machine/src/control_flow/trap/exec.rs):
// an untrusted instruction fetched from a page without PROT_EXEC or PROT_READ
// traps before it runs. A row reads the pc's page permissions, shows one of the
// two missing (PROT_FAILURE_EXEC when execution is, else PROT_FAILURE_READ),
// hands the trap to the handler (TrapOperation) and moves the CPU to the
// handler's pc, 8 ticks on. Only the `mprotect` build may have rows.
//
// Columns: CPUState 6 + PageProtOperation 8 + TrapOperation 27 + the trap
// context's addresses 9 + prot_exec_fail, prot_read_fail, trap_code, is_real
// = 54 (SP1's NUM_TRAP_EXEC_COLS, rv64im_costs.json).
#pragma once

#include "sp1/air/riscv/trap.hpp"

namespace zkgpu::sp1::air::riscv {

template <class T>
struct TrapExecCols {
  CPUState<T> state;
  PageProtOperation<T> page_prot_operation;
  TrapOperation<T> trap_operation;
  std::array<std::array<T, 3>, 3> addresses;
  T prot_exec_fail;
  T prot_read_fail;
  T trap_code;
  T is_real;
};

template <Features F>
struct TrapExecChip {
  static constexpr const char* kName = "TrapExec";
  static constexpr Features kFeatures = F;
  static constexpr auto kMain = col_map<TrapExecCols<size_t>>();
  static constexpr size_t kWidth = num_cols<TrapExecCols<size_t>>;
  static constexpr size_t kPreprocessedWidth = 0;

  template <class B>
  void eval(B& b) const {
    const auto& c = kMain;
    const E<B> one = b.constant(1);
    const E<B> is_real = b.main(c.is_real), trap_code = b.main(c.trap_code);
    const E<B> exec_fail = b.main(c.prot_exec_fail), read_fail = b.main(c.prot_read_fail);
    const E<B> clk_high = b.main(c.state.clk_high), clk = clk_low(b, c.state);
    const std::array<E<B>, 3> pc = pc_of(b, c.state);

    assert_bool(b, is_real);
    range_check_u16(b, pc, is_real);
    if constexpr (F == Features::Default) b.assert_zero(is_real);
    eval_page_prot_op(b, clk_high, clk, pc, c.page_prot_operation, is_real);

    // At least one of PROT_EXEC and PROT_READ is missing, as the permissions say.
    assert_bool(b, exec_fail);
    assert_bool(b, read_fail);
    b.assert_zero(is_real * ((one - exec_fail) * (one - read_fail)));
    send_byte(b, ByteOpcode::AND,
              b.constant(kProtExec) * (one - exec_fail) + b.constant(kProtRead) * (one - read_fail),
              b.main(c.page_prot_operation.page_prot_access.prev_prot_bitmap), b.constant(kProtExec | kProtRead),
              is_real);
    b.assert_zero(exec_fail * (trap_code - b.constant(kProtFailureExec)));
    b.assert_zero(not_cond(b, exec_fail) * read_fail * (trap_code - b.constant(kProtFailureRead)));

    const std::array<E<B>, 3> next_pc =
        eval_trap_operation<B, F>(b, c.trap_operation, clk_high, clk, trap_code, pc, c.addresses, is_real);
    eval_cpu_state(b, c.state, next_pc, b.constant(kClkInc), is_real);
  }
};

}  // namespace zkgpu::sp1::air::riscv
