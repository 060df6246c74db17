// The interpreter's view of the machine: registers, pc, the instruction counter,
// and why the interpreter loop last returned.
#pragma once

#include <cstdint>

namespace zkgpu::zkvm {

// Why the interpreter loop returned to the executor.
enum class Stop : uint8_t {
  ecall,  // pc is at an ECALL (already counted)
  jump,   // pc left the decoded code range (or a far branch/jump was taken)
  fault,  // the instruction at pc faulted; see Cpu::fault
  limit,  // the instruction budget ran out at a taken branch or jump
  paused, // active hooks asked to stop after an instruction; pc is the next one
};

enum class FaultKind : uint8_t { misaligned, out_of_range, illegal, protection };

struct Fault {
  FaultKind kind{};
  uint64_t addr = 0;       // the data address (misaligned, out_of_range, protection)
  uint64_t trap_code = 0;  // SP1's trap code for protection faults
};

// A trap as SP1 records it (vm.rs handle_error): its code, and the trap
// context's address and three words before the trap (the handler's pc, the
// previous trap code and pc).
struct TrapContextWords {
  uint64_t trap_code = 0;
  uint64_t context = 0;
  uint64_t handler = 0, prev_code = 0, prev_pc = 0;
};

struct Cpu {
  uint64_t x[33] = {};  // x0..x31, and x[32]: the sink for writes to x0
  uint64_t pc = 0;
  uint64_t count = 0;  // instructions executed
  Fault fault;
};

}  // namespace zkgpu::zkvm
