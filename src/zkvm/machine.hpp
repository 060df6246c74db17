// The executor's state for one run and the slow paths around the interpreter:
// syscalls, traps, unconstrained blocks, untrusted code. Internal to src/zkvm.
#pragma once

#include <array>
#include <deque>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "zkvm/cpu.hpp"
#include "zkvm/executor.hpp"
#include "zkvm/instruction.hpp"
#include "zkvm/memory.hpp"
#include "zkvm/recording_memory.hpp"

namespace zkgpu::zkvm {

// The guest did something SP1 refuses (the executor stops the run with this message).
class GuestError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class EventRecorder;
struct Checkpoint;

class Machine {
 public:
  Machine(const Program& program, std::vector<std::vector<uint8_t>> input, const ExecOptions& options);
  Report run();  // to the end (with the step trace when the options ask for it)
  // Runs with `recorder` until the guest halts or fails (true) or the recorder
  // pauses the run (false). Throws std::runtime_error for what recording does not
  // support (in user mode: untrusted code).
  bool resume(EventRecorder& recorder);
  Report report() const;  // the run so far
  // Puts the machine where a shard's checkpoint says (shard.hpp): registers,
  // pc, counters, the words the shard reads, the unread input.
  void restore(const Checkpoint& c);
  const Cpu& cpu() const { return cpu_; }
  const Memory& memory() const { return memory_; }
  const std::deque<std::vector<uint8_t>>& input() const { return input_; }

 private:
  // Returns true when the guest halted, false when the hooks paused it before
  // the end; throws GuestError.
  template <class Hooks>
  bool run_loop(Hooks& hooks);
  template <class Hooks>
  bool run_timed(Hooks& hooks);  // run_loop, its time and outcome kept for the report
  template <class Hooks>
  Stop interpret_here(const CodeView& view, uint64_t limit, Hooks& hooks);

  bool halted() const { return cpu_.pc == kHaltPc; }
  template <class Hooks>
  bool handle(Stop stop, Hooks& hooks);  // what the interpreter returned for; true: paused
  template <class Hooks>
  bool ecall_step(Hooks& hooks);         // an ECALL, reported to active hooks
  template <class Hooks>
  bool fault_step(Hooks& hooks);         // a fault (a trap reported to the event recorder)
  void on_fault();             // a fault at pc
  template <class Hooks>
  bool run_untrusted(Hooks& hooks, uint64_t limit);  // one instruction from (user-mode) memory
  const Inst& untrusted_instruction(uint32_t word, uint64_t pc);  // decoded once per word
  Inst instruction_at(uint64_t pc);  // the trusted program's, or decoded from memory
  void trap(uint64_t code);    // SP1's trap: to the handler in __SUCCINCT_TRAP_CONTEXT
  // The trap context's words before a trap with `code`, for the event recorder;
  // nullopt where the program has no usable trap context (the trap fails the run).
  std::optional<TrapContextWords> trap_context_before(uint64_t code) const;
  [[noreturn]] void fail(const std::string& what) const;

  // syscalls.cpp
  void ecall();
  uint64_t dispatch(uint32_t code, uint64_t a0, uint64_t a1);
  void check_call_pages(uint32_t code, uint64_t a0, uint64_t a1);  // user mode: SP1's page checks
  void sys_write(uint64_t fd, uint64_t ptr, uint64_t len);
  uint64_t sys_hint_read(uint64_t ptr, uint64_t len);
  void sys_sha_extend(uint64_t w);
  void sys_sha_compress(uint64_t w, uint64_t h);
  void sys_keccak(uint64_t state);
  void sys_poseidon2(uint64_t state);
  void sys_mprotect(uint64_t addr, uint64_t prot);
  void enter_unconstrained();
  void exit_unconstrained();
  void read_words(uint64_t addr, uint64_t* out, size_t n, uint8_t need);
  void write_words(uint64_t addr, const uint64_t* in, size_t n);
  void observe_reads(uint64_t addr, const uint64_t* values, size_t n, uint64_t clk_offset);
  void observe_writes(uint64_t addr, const uint64_t* prev, const uint64_t* values, size_t n, uint64_t clk_offset);

  const Program& program_;
  ExecOptions options_;
  std::vector<Inst> code_;  // decoded trusted code + end_of_code sentinel
  Memory memory_;
  Cpu cpu_;
  uint64_t next_pc_ = 0;  // where an ECALL continues (syscalls may change it)
  std::deque<std::vector<uint8_t>> input_;
  std::unordered_map<uint32_t, Inst> untrusted_cache_;

  uint64_t syscall_count_ = 0;  // constrained ecalls (each adds 256 to SP1's clk)
  std::map<uint32_t, uint64_t> syscall_counts_;
  uint32_t exit_code_ = 0;
  std::vector<uint8_t> public_values_;
  std::array<uint32_t, 8> committed_{};
  std::array<uint32_t, 8> deferred_{};
  std::string stdout_, stderr_;
  SyscallMemoryObserver* observer_ = nullptr;  // while recording events
  std::optional<TrapContextWords> syscall_trap_;  // while recording: the last ECALL's trap

  bool finished_ = false;  // halted or failed
  std::string error_;      // why it failed
  double wall_s_ = 0;

  struct Unconstrained {
    uint64_t x[33];
    uint64_t pc, count, syscalls;
  };
  std::optional<Unconstrained> unconstrained_;
  uint64_t unconstrained_instructions_ = 0;
};

}  // namespace zkgpu::zkvm
