// The event recorder: the interpreter's active hooks type that turns each
// completed instruction and syscall into SP1's events (events.hpp), keeps SP1's
// clock and the last timestamp of every register and memory word, and can stop
// the run after a given number of instructions (a shard boundary).
//
// User mode (a program with an untrusted-memory note, SP1's UserMode tracing VM):
// after enable_page_checks, every load and store also records its word's page
// permission record (SP1's PageProtRecord, read at the access's clk + 1), and a
// load or store that trapped on its page is a TrapMemEvent. Precompile calls
// record their page checks and the trap a failed one raises, MPROTECT its page's
// records before and after, SIG_RETURN its frame's reads and register writes.
// An instruction fetched from memory (untrusted code) is announced by
// untrusted_fetch before its step: its word's read and page check at clk, an
// InstructionFetchEvent and the shard's decodings; a fetch its page refuses is a
// TrapExecEvent. An ECALL in untrusted code is refused: SP1 proves ECALLs of the
// trusted program only.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

#include "zkvm/events.hpp"
#include "zkvm/interpreter.hpp"
#include "zkvm/memory.hpp"
#include "zkvm/recording_memory.hpp"

namespace zkgpu::zkvm {

// What a user-mode step read besides its own event (null where it read none): an
// untrusted instruction's fetch and the fetched page's record before the check,
// and a load's or store's page record before the check.
struct StepPageReads {
  const InstructionFetchEvent* fetch = nullptr;
  const PageProtRecord* fetch_page = nullptr;
  const PageProtRecord* memory_page = nullptr;
};

// Sees each event right after the recorder made it (the sharded executor's
// boundary rule); returning true pauses the run after that instruction. A
// trapped load or store comes with its fetch only (its page record is in the
// event); a refused fetch is a step of its own.
class RecordObserver {
 public:
  virtual ~RecordObserver() = default;
  virtual bool instruction(const InstrEvent& e, const StepPageReads& reads) = 0;
  virtual bool trap_mem(const TrapMemEvent& t, const StepPageReads& reads) = 0;
  virtual bool trap_exec(const TrapExecEvent& t) = 0;
  virtual bool syscall(const SyscallEvent& e, std::span<const MemoryAccess> memory) = 0;
};

// A load or store that trapped on its page's permission (user mode), as the
// executor reports it after the trap: the instruction, its registers before it,
// the data address and the trap.
struct TrapMemStep {
  uint64_t pc = 0;
  Inst in{};
  uint64_t rs1 = 0, rs2 = 0, rd = 0;  // x[in.rs1], x[in.rs2], x[in.rd] before
  uint64_t addr = 0;
  TrapContextWords trap;
};

// An untrusted fetch its page refused (no read or execute permission): the pc
// and the trap.
struct TrapExecStep {
  uint64_t pc = 0;
  TrapContextWords trap;
};

class EventRecorder final : public SyscallMemoryObserver {
 public:
  static constexpr bool kActive = true;
  // SP1 traces no instruction inside an unconstrained block (tracing.rs,
  // vm.rs execute_ecall): ENTER_UNCONSTRAINED is one ECALL whose result is 0.
  static constexpr bool kUnconstrained = false;

  // Pause the run once `instructions` instructions (SP1's global clock) have
  // executed; 0: never. The run resumes from there with the same recorder.
  void stop_at(uint64_t instructions) { stop_at_ = instructions; }
  // Each event also goes to `observer` (nullptr: none), which may pause the run.
  void observe(RecordObserver* observer) { observer_ = observer; }

  // User mode: page permissions come from `memory` (the run's); each load and
  // store records its page's record, and traps are recorded.
  void enable_page_checks(const Memory& memory) { pages_ = &memory; }
  bool page_checks() const { return pages_ != nullptr; }

  // The interpreter's and executor's hooks.
  bool step(const Step& s);
  bool syscall(const SyscallStep& s);
  bool trap_mem(const TrapMemStep& s);
  bool trap_exec(const TrapExecStep& s);
  // The next step's instruction `word` comes from memory at pc.
  void untrusted_fetch(uint64_t pc, uint32_t word);
  // Syscall memory (SyscallMemoryObserver).
  void read(uint64_t addr, uint64_t value, uint64_t clk_offset) override;
  void write(uint64_t addr, uint64_t prev_value, uint64_t value, uint64_t clk_offset) override;
  void register_read(unsigned r, uint64_t value, uint64_t clk_offset) override;
  void hint(uint64_t addr, uint64_t len, std::span<const uint64_t> words) override;
  void untraced_read(uint64_t addr, uint64_t value) override;
  void page_check(uint64_t page_idx, uint8_t prot, uint64_t slice) override;
  void page_prot_write(uint64_t page_idx, uint8_t prev_prot, uint8_t prot) override;

  // Drops the events recorded so far (a finished shard's), keeping the clock
  // and the timestamps that later records continue from.
  void clear_events();
  // SP1's cpu_local_page_prot_access of the shard so far (the events a deferred
  // call closed, then the open ones by page), and forgets it.
  std::vector<PageProtLocalEvent> take_page_prot_local();
  // Each page whose permissions were checked, as last checked (its permission and
  // the timestamp of that check).
  const std::unordered_map<uint64_t, PageProtRecord>& checked_pages() const { return checked_pages_; }

  uint64_t clk() const { return clk_; }                    // of the next instruction
  uint64_t instructions() const { return instructions_; }  // recorded so far
  // The registers as SP1 sees them (value and the timestamp of the last access).
  struct Register {
    uint64_t value = 0, timestamp = 0;
  };
  const std::array<Register, 32>& registers() const { return regs_; }

  // SP1's register refresh at a shard boundary (vm.rs register_refresh): every
  // register is read at clk - 1 of the next instruction; returns the 32 reads.
  std::array<MemoryAccess, 32> refresh_registers();
  // Continues from a checkpoint: the clock, the instruction count and the
  // registers; the memory words' last timestamps come through set_word_timestamp.
  void restore(uint64_t clk, uint64_t instructions, const std::array<Register, 32>& registers);
  void set_word_timestamp(uint64_t aligned_addr, uint64_t timestamp) { word_timestamps_[aligned_addr] = timestamp; }
  // User mode: a page's record before the shard (its permission and last access).
  void set_page_record(const PageProtRecord& r) { checked_pages_[r.page_idx] = r; }

  // The events, per kind in execution order.
  std::vector<InstrEvent> alu, memory, branch, jump, utype;
  std::vector<SyscallEvent> syscalls;
  std::vector<MemoryAccess> syscall_memory;  // what each syscall read and wrote
  // Memory that HINT_READ made fresh (timestamp 0 again), at the clk of its ECALL.
  struct Hint {
    uint64_t clk, addr, words;
    uint64_t len = 0;              // the input entry's bytes (words = len / 8 + 1)
    std::vector<uint64_t> values;  // the words written
    bool operator==(const Hint&) const = default;
  };
  std::vector<Hint> hints;
  // Memory that WRITE read (its bytes go to stdout, public values or a hook):
  // not an SP1 event, but a checkpoint needs the words (value now, timestamp of
  // the last access; `timestamp` is the ECALL's clk).
  std::vector<MemoryAccess> untraced_reads;
  // User mode: per load or store in `memory`, its page's record before the
  // access; the loads and stores that trapped.
  std::vector<PageProtRecord> memory_page_prot;
  std::vector<TrapMemEvent> trap_mem_events;
  // User mode, untrusted code: the fetches (in execution order) with their page
  // checks, the refused fetches, and the distinct words decoded since the last
  // clear_events.
  std::vector<InstructionFetchEvent> instruction_fetches;
  std::vector<PageProtFetch> fetch_page_prot;
  std::vector<TrapExecEvent> trap_exec_events;
  std::vector<InstructionDecodeEvent> take_instruction_decodes();

 private:
  // A page's permission read (prot unchanged) or set at `timestamp`: returns its
  // record before, and enters it in the shard's local events, or in `call_local`
  // (a deferred call's own) when given.
  PageProtRecord access_page(uint64_t page, uint8_t prot_before, uint8_t prot_after, uint64_t timestamp,
                             std::vector<PageProtLocalEvent>* call_local);
  // An instruction's check of the page holding addr (its permission unchanged).
  PageProtRecord check_page(uint64_t addr, uint64_t timestamp) {
    const uint8_t prot = pages_->prot(addr);
    return access_page(addr >> kLogPageSize, prot, prot, timestamp, nullptr);
  }
  // The page checks and permission change the executor reported for the ECALL
  // being recorded, in `e`; for a deferred call also its own local events.
  void record_call_pages(SyscallEvent& e, bool deferred);
  void record_sig_return(SyscallEvent& e);
  // The announced fetch of the instruction being recorded as `e` (untrusted: true)
  // into `reads`.
  void take_fetch(InstrEvent& e, StepPageReads& reads);
  TrapResult record_trap(const TrapContextWords& t, uint64_t pc);
  MemoryAccess read_reg(unsigned r, Position p, uint64_t value);
  MemoryAccess write_reg(unsigned r, uint64_t value);
  MemoryAccess access_word(uint64_t addr, uint64_t prev_value, uint64_t value, uint64_t timestamp, bool write);
  bool advance(uint64_t clk_inc);

  std::array<Register, 32> regs_{};
  std::unordered_map<uint64_t, uint64_t> word_timestamps_;  // 8-aligned address -> last access
  uint64_t clk_ = kInitialClk;
  uint64_t instructions_ = 0;
  uint64_t stop_at_ = 0;
  RecordObserver* observer_ = nullptr;
  size_t syscall_memory_mark_ = 0;  // where the current syscall's accesses begin
  const Memory* pages_ = nullptr;   // user mode: the run's memory (its page permissions)
  std::unordered_map<uint64_t, PageProtRecord> checked_pages_;  // page -> its last check
  std::unordered_map<uint64_t, PageProtLocalEvent> page_local_;  // this shard's open ones
  std::vector<PageProtLocalEvent> page_local_closed_;           // this shard's, closed by deferred calls
  // What the executor reported of the current ECALL's pages.
  struct PendingCheck {
    uint64_t page;
    uint8_t prot;
    uint64_t slice;
  };
  struct PendingProtWrite {
    uint64_t page;
    uint8_t prev_prot, prot;
  };
  std::vector<PendingCheck> pending_checks_;
  std::optional<PendingProtWrite> pending_prot_write_;
  struct PendingFetch {
    uint64_t pc;
    uint32_t word;
    MemoryAccess memory;
    PageProtRecord page;
  };
  std::optional<PendingFetch> pending_fetch_;
  std::unordered_map<uint32_t, InstructionDecodeEvent> decodes_;  // by word, this shard's
};

}  // namespace zkgpu::zkvm
