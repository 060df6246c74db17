// What SP1 v6.4's trapping chips share (the `mprotect` build's traps to the
// program's trap handler):
//   PageProtOperation  operations/page.rs   (page_prot.hpp) an address's page and
//                                           its permissions, read from the
//                                           PageProtAccess argument
//   TrapOperation      operations/trap.rs   the handler's pc read from the trap
//                                           context's first slot, the trap code and
//                                           the trapping pc written to the second
//                                           and third
// The trap context's three addresses are columns (`addresses`), asserted equal
// to the public values' trap_context under `mprotect` (where the handler must be
// enabled); the default build has no such public values and asserts nothing.
#pragma once

#include "sp1/air/riscv/page_prot.hpp"
#include "sp1/air/riscv/public_values.hpp"

namespace zkgpu::sp1::air::riscv {

// sp1_primitives::consts: the code of a failed fetch.
inline constexpr uint32_t kProtFailureExec = 1;

template <class T>
struct TrapOperation {
  MemoryAccessCols<T> next_pc_reader;
  MemoryAccessCols<T> code_writer;
  MemoryAccessCols<T> pc_writer;
};

// The trap context's addresses as columns: [slot][limb].
using TrapAddresses = std::array<std::array<size_t, 3>, 3>;

// TrapOperation::eval: returns the handler's pc (the limbs of the word read from
// the context's first slot). The caller range-checks `code` and `pc`.
template <class B, Features F>
std::array<E<B>, 3> eval_trap_operation(B& b, const TrapOperation<size_t>& c, const E<B>& clk_high,
                                        const E<B>& clk_low, const E<B>& code, const std::array<E<B>, 3>& pc,
                                        const TrapAddresses& addresses, const E<B>& is_real) {
  assert_bool(b, is_real);
  std::array<std::array<E<B>, 3>, 3> slot;
  for (size_t i = 0; i < 3; ++i)
    for (size_t k = 0; k < 3; ++k) slot[i][k] = b.main(addresses[i][k]);
  if constexpr (F == Features::Mprotect) {
    b.assert_zero(is_real * (b.public_value(kTrapHandler.enable_trap_handler) - b.constant(1)));
    for (size_t i = 0; i < 3; ++i)
      for (size_t k = 0; k < 3; ++k)
        b.assert_zero(is_real * (b.public_value(kTrapHandler.trap_context[i][k]) - slot[i][k]));
  }
  eval_memory_read(b, clk_high, clk_low, slot[0], c.next_pc_reader, is_real);
  eval_memory_access(b, clk_high, clk_low, slot[1], c.code_writer, extend_word(b, code), is_real);
  eval_memory_access(b, clk_high, clk_low, slot[2], c.pc_writer, Word<E<B>>{pc[0], pc[1], pc[2], b.constant(0)},
                     is_real);
  return {b.main(c.next_pc_reader.prev_value[0]), b.main(c.next_pc_reader.prev_value[1]),
          b.main(c.next_pc_reader.prev_value[2])};
}

}  // namespace zkgpu::sp1::air::riscv
