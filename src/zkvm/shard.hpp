// One SP1 v6.4 shard as the sharded executor (sharding.hpp) produces it: its
// events, its global memory records and its public values, and, for an
// execution shard, the checkpoint that re-executes it alone.
//
// Sources: crates/core/executor/src/record.rs (ExecutionRecord), events/memory.rs
// (MemoryInitializeFinalizeEvent, PageProtInitializeFinalizeEvent),
// crates/hypercube/src/air/public_values.rs (PublicValues, field order).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "zkvm/events.hpp"
#include "zkvm/recorder.hpp"

namespace zkgpu::zkvm {

// SP1's MemoryInitializeFinalizeEvent: an initialization has timestamp 0; a
// finalization the word's last value and timestamp. Registers are addresses 0..31.
struct MemoryInitFinalizeEvent {
  uint64_t addr = 0, value = 0, timestamp = 0;
  bool operator==(const MemoryInitFinalizeEvent&) const = default;
};

// SP1's PageProtInitializeFinalizeEvent (programs with untrusted code only).
struct PageProtInitFinalizeEvent {
  uint64_t page_idx = 0;
  uint8_t page_prot = 0;
  uint64_t timestamp = 0;
  bool operator==(const PageProtInitFinalizeEvent&) const = default;
};

// SP1's PublicValues<u32, u64, u64, u32>, fields in its declaration order (the
// order of the shard proof's public values). The mprotect fields
// (enable_trap_handler, trap_context, untrusted_memory) exist only in SP1's
// mprotect build, between is_untrusted_programs_enabled and proof_nonce.
// SP1 v6 has no shard index: shards are ordered by their timestamp and
// address ranges. The global counts and the global cumulative sum are filled
// by trace generation (SP1's generate_dependencies); they are 0 here.
struct PublicValues {
  std::array<uint32_t, 8> prev_committed_value_digest{};
  std::array<uint32_t, 8> committed_value_digest{};
  std::array<uint32_t, 8> prev_deferred_proofs_digest{};
  std::array<uint32_t, 8> deferred_proofs_digest{};
  uint64_t pc_start = 0;
  uint64_t next_pc = 0;
  uint32_t prev_exit_code = 0;
  uint32_t exit_code = 0;
  uint32_t is_execution_shard = 0;
  uint64_t previous_init_addr = 0, last_init_addr = 0;
  uint64_t previous_finalize_addr = 0, last_finalize_addr = 0;
  uint64_t previous_init_page_idx = 0, last_init_page_idx = 0;
  uint64_t previous_finalize_page_idx = 0, last_finalize_page_idx = 0;
  uint64_t initial_timestamp = 0;
  uint64_t last_timestamp = 0;
  uint32_t is_timestamp_high_eq = 0;
  uint32_t inv_timestamp_high = 0;
  uint32_t is_timestamp_low_eq = 0;
  uint32_t inv_timestamp_low = 0;
  uint32_t global_init_count = 0;
  uint32_t global_finalize_count = 0;
  uint32_t global_page_prot_init_count = 0;
  uint32_t global_page_prot_finalize_count = 0;
  uint32_t global_count = 0;
  std::array<uint32_t, 14> global_cumulative_sum{};  // SepticDigest: x then y, 7 words each
  uint32_t prev_commit_syscall = 0;
  uint32_t commit_syscall = 0;
  uint32_t prev_commit_deferred_syscall = 0;
  uint32_t commit_deferred_syscall = 0;
  uint32_t initial_timestamp_inv = 0;
  uint32_t last_timestamp_inv = 0;
  uint32_t is_first_execution_shard = 0;
  uint32_t is_untrusted_programs_enabled = 0;
  std::array<uint32_t, 4> proof_nonce{};
  std::array<uint32_t, 4> empty{};
  bool operator==(const PublicValues&) const = default;
};

// A memory word as a shard first sees it: its value and the timestamp of its
// last access before the shard (0: never accessed, or fresh from a hint).
struct CheckpointWord {
  uint64_t addr = 0, value = 0, timestamp = 0;
  bool operator==(const CheckpointWord&) const = default;
};

// User mode: a page's permission as a shard first sees it, and the timestamp of
// its last check or change before the shard (0: none).
struct CheckpointPage {
  uint64_t page_idx = 0;
  uint8_t prot = 0;
  uint64_t timestamp = 0;
  bool operator==(const CheckpointPage&) const = default;
};

// The state an execution shard starts from, enough to re-execute it alone and
// record byte-identical events (sharding.hpp, reexecute_shard). Registers carry
// no timestamps: at a shard start SP1 sets every register's to clk - 1 (vm.rs,
// CoreVM::new and register_refresh), or 0 in the first shard.
struct Checkpoint {
  uint64_t pc = 0, clk = kInitialClk;
  uint64_t instructions = 0;  // SP1's global clock before the shard
  uint64_t syscalls = 0;      // constrained ECALLs before the shard
  uint64_t end_instructions = 0;  // where the shard ends
  std::array<uint64_t, 32> registers{};
  // Every memory word the shard reads (sorted by address); the words it only
  // writes whole (hints) are not needed. Other memory keeps the ELF image.
  std::vector<CheckpointWord> memory;
  // User mode: every page whose permission the shard checks or sets (by page).
  std::vector<CheckpointPage> pages;
  std::vector<std::vector<uint8_t>> input;  // the stdin entries not read yet
  // False when the shard ran an unconstrained block: its untraced loads are not
  // in `memory`, so the shard cannot be re-executed from here.
  bool complete = true;
  bool operator==(const Checkpoint&) const = default;
};

// SP1's MemoryLocalEvent (events/memory.rs, built by tracing.rs
// LocalMemoryAccess): per register (0..31) or memory word a shard accesses, the
// record before its first access there and after its last. SP1 collects them in
// a hash map; here they are sorted by address.
struct MemoryLocalEvent {
  uint64_t addr = 0;
  uint64_t initial_value = 0, initial_timestamp = 0;
  uint64_t final_value = 0, final_timestamp = 0;
  bool operator==(const MemoryLocalEvent&) const = default;
};

// One deferred or retained precompile call: its ECALL and the words it read and wrote.
struct PrecompileEvent {
  SyscallEvent syscall;  // memory_begin/end index into `memory` here: [0, memory.size())
  std::vector<MemoryAccess> memory;
  // A deferred call's words as local memory events of its precompile shard
  // (SP1's precompile_local_memory_access); empty for retained calls, whose
  // words are in the execution shard's memory_local.
  std::vector<MemoryLocalEvent> memory_local;

  // --- page protection (untrusted code; events.hpp) ---
  // SP1's local_page_prot_access: the pages whose permissions the call read or set
  // (an MPROTECT call: its page, the record before and after the call). Default-
  // initialized, as the executor's brace-initialized calls leave it out.
  std::vector<PageProtLocalEvent> page_prot_local{};

  bool operator==(const PrecompileEvent&) const = default;
};

struct ShardRecord {
  enum class Kind : uint8_t {
    execution,   // a stretch of executed instructions
    precompile,  // deferred precompile events of one syscall
    memory,      // global memory initialize / finalize events only
  };
  Kind kind = Kind::execution;
  uint64_t index = 0;  // position in the sequence the executor produced

  // Execution shards: the recorder's events (recorder.hpp); syscall memory
  // indices are into this shard's syscall_memory.
  std::vector<InstrEvent> alu, memory, branch, jump, utype;
  std::vector<SyscallEvent> syscalls;
  std::vector<MemoryAccess> syscall_memory;
  std::vector<EventRecorder::Hint> hints;
  // SP1's register refresh at the end of a shard that is not the last
  // (tracing.rs register_refresh): a read of each register at the next shard's
  // clk - 1, in register order.
  std::vector<MemoryAccess> register_refresh;
  uint64_t instructions = 0;  // executed in this shard
  // SP1's cpu_local_memory_access: every register and word the shard's
  // instructions, syscall registers, retained precompiles and the register
  // refresh accessed.
  std::vector<MemoryLocalEvent> memory_local;

  // Precompile events kept in this shard: the retained ones of an execution
  // shard, or a precompile shard's chunk.
  std::vector<PrecompileEvent> precompiles;

  std::vector<MemoryInitFinalizeEvent> memory_initialize, memory_finalize;
  std::vector<PageProtInitFinalizeEvent> page_prot_initialize, page_prot_finalize;

  PublicValues public_values;
  std::shared_ptr<const Checkpoint> checkpoint;  // execution shards

  // User mode (programs with untrusted code): SP1's trap_exec_events,
  // trap_load_store_events, instruction_fetch_events and instruction_decode_events.
  std::vector<TrapExecEvent> trap_exec;
  std::vector<TrapMemEvent> trap_mem;
  std::vector<InstructionFetchEvent> instruction_fetch;
  std::vector<InstructionDecodeEvent> instruction_decode;

  // --- page protection (untrusted code; events.hpp) ---
  // Per load or store in `memory` (the same index), the record of its word's page
  // before the access (SP1's MemoryRecordEnum::previous_page_prot_record); empty
  // when the program has no untrusted code.
  std::vector<PageProtRecord> memory_page_prot;
  // The untrusted instruction fetches' page checks, in execution order.
  std::vector<PageProtFetch> fetch_page_prot;
  // SP1's cpu_local_page_prot_access: each page whose permissions the shard's
  // instructions read or set, its record before and after.
  std::vector<PageProtLocalEvent> page_prot_local;
};

}  // namespace zkgpu::zkvm
