// SP1 v6.4's execution events, as its tracing executor records them
// (crates/core/executor/src/events/{instr,memory,syscall}.rs, vm.rs, tracing.rs):
// each instruction at its clk, its register operands and memory word as read and
// write records with the previous value and timestamp.
//
// Clock (vm.rs): clk starts at 1 and advances by 8 per instruction, and by 256
// more after an ECALL. An access inside an instruction is stamped clk + its
// position: 0 an untrusted instruction fetch, 1 the memory word of a load or
// store, 2 operand c, 3 operand b, 4 operand a (also every register write).
// Operands as SP1's transpiler assigns them (disassembler/rrs.rs): a is rd, b rs1,
// c rs2 or the immediate; a store's a is the value register (ISA rs2) and b the
// base; a branch's a is ISA rs1 and b ISA rs2; JAL has b = the offset, c = 0;
// LUI/AUIPC have b = c = the immediate. A write to x0 records the value 0 and
// the event's a is 0 (op_a_0).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "zkvm/instruction.hpp"
#include "zkvm/sp1_instruction.hpp"

namespace zkgpu::zkvm {

enum class Position : uint8_t { untrusted_instruction = 0, memory = 1, c = 2, b = 3, a = 4 };

inline constexpr uint64_t kInitialClk = 1;
inline constexpr uint64_t kClkInc = 8;
inline constexpr uint64_t kSyscallClkInc = 256;

// SP1's MemoryReadRecord (value == prev_value) and MemoryWriteRecord in one.
// Untouched registers and memory words have timestamp 0 (their initial value).
struct MemoryAccess {
  uint64_t addr = 0;  // a register number (0..31) or the 8-aligned address of a memory word
  uint64_t prev_value = 0, prev_timestamp = 0;
  uint64_t value = 0, timestamp = 0;
  bool write = false;
  bool operator==(const MemoryAccess&) const = default;
};

// One ALU, load/store, branch, jump or U-type instruction (SP1's AluEvent,
// MemInstrEvent, BranchEvent, JumpEvent, UTypeEvent) with its accesses
// (SP1's MemoryAccessRecord): which of the slots are used is in `used`.
struct InstrEvent {
  enum : uint8_t { kA = 1, kB = 2, kC = 4, kMemory = 8 };
  uint64_t clk = 0, pc = 0, next_pc = 0;
  Op opcode{};  // the RV64IM operation (a far branch or jump by its own op)
  bool op_a_0 = false;
  bool untrusted = false;  // fetched from memory (user mode), not from the program
  uint8_t used = 0;
  uint64_t a = 0, b = 0, c = 0;
  MemoryAccess ra, rb, rc, memory;
  bool operator==(const InstrEvent&) const = default;
};

// --- user mode (programs with untrusted code) ---

// SP1's PageProtRecord: a page's permissions as last set or read, and when.
struct PageProtRecord {
  bool external_flag = false;
  uint64_t timestamp = 0;
  uint64_t page_idx = 0;
  uint8_t page_prot = 0;
  bool operator==(const PageProtRecord&) const = default;
};

// SP1's PageProtLocalEvent: a page's record before a shard's first access to its
// permissions and after its last.
struct PageProtLocalEvent {
  uint64_t page_idx = 0;
  PageProtRecord initial_access, final_access;
  bool operator==(const PageProtLocalEvent&) const = default;
};

// SP1's TrapResult: the trap context's three words (slot 0 read: the handler's
// pc; slot 1 written: the trap code; slot 2 written: the trapping pc).
struct TrapResult {
  uint64_t context = 0;  // the context's base address
  MemoryAccess code_record, pc_record, handler_record;
  bool operator==(const TrapResult&) const = default;
};

// SP1's TrapExecEvent: an untrusted fetch from a page without PROT_EXEC or PROT_READ.
struct TrapExecEvent {
  uint64_t clk = 0, pc = 0;
  TrapResult trap_result;
  PageProtRecord page_prot_record;
  bool operator==(const TrapExecEvent&) const = default;
};

// SP1's (TrapMemInstrEvent, ITypeRecord): a load or store that trapped on its
// page's permissions. `instr` carries the instruction and its register records
// (op_a read and kept at position a, the base read at b; no memory access).
struct TrapMemEvent {
  InstrEvent instr;
  bool untrusted = false;  // the instruction was fetched from memory
  PageProtRecord page_prot_access;
  TrapResult trap_result;
  bool operator==(const TrapMemEvent&) const = default;
};

// SP1's (InstructionFetchEvent, MemoryAccessRecord::untrusted_instruction): an
// untrusted instruction read from memory (the 8-byte word holding it, read at
// clk + 0) and its decoding.
struct InstructionFetchEvent {
  uint64_t clk = 0, pc = 0;
  Sp1Instruction instruction;
  uint32_t encoded_instruction = 0;
  MemoryAccess memory;
  bool operator==(const InstructionFetchEvent&) const = default;
};

// SP1's InstructionDecodeEvent: one distinct untrusted instruction word, decoded,
// and how many fetches of the shard decoded it.
struct InstructionDecodeEvent {
  Sp1Instruction instruction;
  uint32_t encoded_instruction = 0;
  uint64_t multiplicity = 0;
  bool operator==(const InstructionDecodeEvent&) const = default;
};

// --- end of user mode ---

// One ECALL (SP1's SyscallEvent and its register records: x5 written at
// position a, x10 read at b, x11 read at c). The memory words the syscall read
// and wrote are syscall_memory[memory_begin, memory_end) of the recorder.
struct SyscallEvent {
  uint64_t clk = 0, pc = 0, next_pc = 0;
  uint32_t code = 0;
  uint64_t arg1 = 0, arg2 = 0;
  uint32_t exit_code = 0;
  MemoryAccess ra, rb, rc;
  size_t memory_begin = 0, memory_end = 0;
  // User mode: SIG_RETURN's read of the next pc (at x10), and the trap a failed
  // page check of the call raised.
  std::optional<MemoryAccess> sig_return_pc_record;
  std::optional<TrapResult> trap_result;
  // User mode: each page the call checked, in page_check_slices' order (slice k
  // at clk + k, its pages in order), as its record before the check; a trapped
  // call's list ends with the page that failed.
  std::vector<PageProtRecord> page_checks;
  // User mode, a call deferred to a precompile shard: the pages it checked or set,
  // their records before and after the call (SP1's local_page_prot_access; the
  // sharder moves them into the call's PrecompileEvent).
  std::vector<PageProtLocalEvent> page_prot_local;
  bool operator==(const SyscallEvent&) const = default;
};

// --- page protection (programs with untrusted code) ------------------------------
// SP1 v6.4's page-permission records (events/memory.rs, events/instr.rs), read by
// the page-protection chips' trace generation. The recorder makes the loads',
// stores' and syscalls' page records and the local events; not yet the
// untrusted fetches'.

// An untrusted instruction fetch's page check (SP1's InstructionFetchEvent with
// its untrusted_instruction record): the fetch at clk from pc, and the record of
// pc's page before it.
struct PageProtFetch {
  uint64_t clk = 0, pc = 0;
  PageProtRecord prev_page_prot;
  bool operator==(const PageProtFetch&) const = default;
};

}  // namespace zkgpu::zkvm
