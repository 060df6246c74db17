// The run loop around the interpreter: it re-enters the right interpreter
// instance (user mode, unconstrained block) after each slow event, and turns
// faults into SP1's traps or into errors naming the pc, instruction and cycle.
#include "zkvm/executor.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <limits>
#include <type_traits>
#include <utility>

#include "math/sha256/sha256.hpp"
#include "zkvm/hex.hpp"
#include "zkvm/interpreter.hpp"
#include "zkvm/machine.hpp"
#include "zkvm/recorder.hpp"
#include "zkvm/shard.hpp"
#include "zkvm/syscall_codes.hpp"

namespace zkgpu::zkvm {
namespace {

// Debug hooks: one line per executed instruction (count before it, pc, text),
// unconstrained blocks included.
struct StepTrace {
  static constexpr bool kActive = true;
  static constexpr bool kUnconstrained = true;
  std::FILE* out;
  const Program* program;
  void line(uint64_t count, uint64_t pc) const {
    const uint64_t i = (pc - program->pc_base) / 4;
    const uint32_t word = i < program->code.size() ? program->code[i] : 0;
    std::fprintf(out, "%llu %llx %s\n", static_cast<unsigned long long>(count), static_cast<unsigned long long>(pc),
                 disassemble(word).c_str());
  }
  bool step(const Step& s) {
    line(s.count, s.pc);
    return false;
  }
  bool syscall(const SyscallStep& s) {
    line(s.count, s.pc);
    return false;
  }
};

}  // namespace

Machine::Machine(const Program& program, std::vector<std::vector<uint8_t>> input, const ExecOptions& options)
    : program_(program), options_(options), input_(std::make_move_iterator(input.begin()), std::make_move_iterator(input.end())) {
  code_.reserve(program.code.size() + 1);
  uint64_t pc = program.pc_base;
  for (uint32_t w : program.code) {
    code_.push_back(decode(w, pc, program.pc_base, program.code_end()));
    pc += 4;
  }
  code_.push_back(Inst{Op::end_of_code, 0, 0, 0, 0});
  memory_.load(program);
  cpu_.pc = program.entry;
}

void Machine::fail(const std::string& what) const {
  std::string insn = "no instruction";
  const uint64_t pc = cpu_.pc;
  if (pc >= program_.pc_base && pc < program_.code_end() && pc % 4 == 0) {
    insn = disassemble(program_.code[(pc - program_.pc_base) / 4]);
  } else if (Memory::in_range(pc, 4) && pc % 4 == 0) {
    uint32_t w;
    memory_.read_bytes(pc, &w, 4);
    insn = disassemble(w);
  }
  throw GuestError(what + " at pc " + hex(pc) + " (" + insn + "), cycle " + std::to_string(cpu_.count));
}

template <class Hooks>
Stop Machine::interpret_here(const CodeView& view, uint64_t limit, Hooks& hooks) {
  const bool user = program_.user_mode(), unc = unconstrained_.has_value();
  if constexpr (Hooks::kActive && !Hooks::kUnconstrained) {  // hooks that skip unconstrained blocks
    if (unc) {
      NoHooks none;
      return user ? interpret<true, true>(cpu_, memory_, view, limit, none)
                  : interpret<false, true>(cpu_, memory_, view, limit, none);
    }
  }
  if (user) {
    return unc ? interpret<true, true>(cpu_, memory_, view, limit, hooks)
               : interpret<true, false>(cpu_, memory_, view, limit, hooks);
  }
  return unc ? interpret<false, true>(cpu_, memory_, view, limit, hooks)
             : interpret<false, false>(cpu_, memory_, view, limit, hooks);
}

template <class Hooks>
bool Machine::run_loop(Hooks& hooks) {
  const CodeView trusted{code_.data(), program_.pc_base, program_.code.size()};
  const uint64_t max = options_.max_cycles ? options_.max_cycles : std::numeric_limits<uint64_t>::max();
  while (!halted()) {
    // The budget counts unconstrained instructions too, so no block can run forever.
    const uint64_t used = cpu_.count + unconstrained_instructions_;
    if (used >= max) fail("exceeded the limit of " + std::to_string(max) + " cycles");
    if (options_.stop.stop_requested()) throw ExecutionCancelled(used);
    uint64_t limit = max - unconstrained_instructions_;
    // A run that can be stopped returns here at least every kCancelCheckInstructions.
    if (options_.stop.stop_possible()) limit = std::min(limit, cpu_.count + kCancelCheckInstructions);
    // SP1 has no instruction at a pc that is not a multiple of 4 (its user-mode
    // fetch asserts it, minimal/arch/portable/mod.rs; its program table has none).
    if (cpu_.pc % 4 != 0) fail("jump to a misaligned pc");
    const uint64_t off = cpu_.pc - program_.pc_base;
    if (off / 4 >= program_.code.size()) {
      if (!program_.user_mode())
        fail("jump outside the program's code [" + hex(program_.pc_base) + ", " + hex(program_.code_end()) + ")");
      if (run_untrusted(hooks, limit)) return halted();
      continue;
    }
    if (handle(interpret_here(trusted, limit, hooks), hooks)) return halted();  // paused (after HALT: done)
  }
  return true;
}

// Jumps need nothing more (the loop looks at the new pc); the budget is checked
// at the top of the run loop.
template <class Hooks>
bool Machine::handle(Stop stop, Hooks& hooks) {
  switch (stop) {
    case Stop::paused: return true;
    case Stop::ecall: return ecall_step(hooks);
    case Stop::fault: return fault_step(hooks);
    case Stop::jump:
    case Stop::limit: return false;
  }
  return false;
}

template <class Hooks>
bool Machine::ecall_step(Hooks& hooks) {
  if constexpr (!Hooks::kActive) {
    ecall();
    return false;
  } else {
    if (!Hooks::kUnconstrained && unconstrained_) {
      ecall();
      return false;
    }
    SyscallStep s;
    s.pc = cpu_.pc;
    s.count = cpu_.count - 1;
    s.code = uint32_t(cpu_.x[5]);
    s.a0 = cpu_.x[10];
    s.a1 = cpu_.x[11];
    ecall();
    s.next_pc = cpu_.pc;
    s.result = cpu_.x[5];
    s.exit_code = exit_code_;
    s.trap = std::exchange(syscall_trap_, std::nullopt);
    return hooks.syscall(s);
  }
}

// The event recorder sees a load or store that trapped on its page (user mode,
// outside unconstrained blocks) with the trap context as it was before the trap.
template <class Hooks>
bool Machine::fault_step(Hooks& hooks) {
  if constexpr (std::is_same_v<Hooks, EventRecorder>) {
    const auto words = cpu_.fault.kind == FaultKind::protection && !unconstrained_
                           ? trap_context_before(cpu_.fault.trap_code)
                           : std::nullopt;
    if (words) {
      TrapMemStep s;
      s.pc = cpu_.pc;
      s.in = instruction_at(cpu_.pc);
      s.rs1 = cpu_.x[s.in.rs1];
      s.rs2 = cpu_.x[s.in.rs2];
      s.rd = cpu_.x[s.in.rd];
      s.addr = cpu_.fault.addr;
      s.trap = *words;
      on_fault();
      return hooks.trap_mem(s);
    }
  }
  on_fault();
  return false;
}

// User mode may run code from memory outside the trusted range (SP1's untrusted
// programs): fetch needs read and execute permission; the decoded instruction
// runs through the same interpreter, in a one-instruction code view.
template <class Hooks>
bool Machine::run_untrusted(Hooks& hooks, uint64_t limit) {
  const uint64_t pc = cpu_.pc;
  constexpr bool kRecording = std::is_same_v<Hooks, EventRecorder>;
  try {
    memory_.check_prot(pc, 4, kProtRead | kProtExec);
  } catch (const ProtectionFault& f) {
    ++cpu_.count;  // SP1 counts the instruction whose fetch trapped
    if constexpr (kRecording) {
      const auto words = unconstrained_ ? std::nullopt : trap_context_before(f.code);
      if (words) {
        const TrapExecStep s{pc, *words};
        trap(f.code);
        return hooks.trap_exec(s);
      }
    }
    trap(f.code);
    return false;
  } catch (const AddressFault&) {
    fail("instruction fetch outside the address space");
  }
  uint32_t word;
  memory_.read_bytes(pc, &word, 4);
  const Inst& in = untrusted_instruction(word, pc);
  if constexpr (kRecording) {
    if (!unconstrained_) hooks.untrusted_fetch(pc, word);
  }
  const Inst view_code[2] = {in, Inst{Op::end_of_code, 0, 0, 0, 0}};
  return handle(interpret_here(CodeView{view_code, pc, 1}, limit, hooks), hooks);
}

const Inst& Machine::untrusted_instruction(uint32_t word, uint64_t pc) {
  auto [it, fresh] = untrusted_cache_.try_emplace(word);
  if (fresh) it->second = decode(word, pc, pc, pc + 4);
  return it->second;
}

Inst Machine::instruction_at(uint64_t pc) {
  const uint64_t off = pc - program_.pc_base;
  if (off / 4 < program_.code.size()) return code_[off / 4];
  uint32_t word;
  memory_.read_bytes(pc, &word, 4);
  return untrusted_instruction(word, pc);
}

void Machine::on_fault() {
  const Fault f = cpu_.fault;
  switch (f.kind) {
    case FaultKind::protection: trap(f.trap_code); return;
    case FaultKind::misaligned: fail("misaligned memory access to " + hex(f.addr));
    case FaultKind::out_of_range:
      fail("memory access to " + hex(f.addr) + " outside the 2^40-byte address space");
    case FaultKind::illegal: fail("illegal instruction");
  }
}

std::optional<TrapContextWords> Machine::trap_context_before(uint64_t code) const {
  const uint64_t ctx = program_.trap_context.value_or(0);
  if (!program_.trap_context || ctx % 8 != 0 || !Memory::in_range(ctx, 24)) return std::nullopt;
  return TrapContextWords{code, ctx, memory_.read_u64(ctx), memory_.read_u64(ctx + 8), memory_.read_u64(ctx + 16)};
}

// SP1 (minimal executor, handle_interrupt): the handler address is the first word
// of the trap context; the trap code and the faulting pc go to the next two words.
void Machine::trap(uint64_t code) {
  if (!program_.trap_context)
    fail("memory permission violation (trap code " + std::to_string(code) + ") with no trap handler installed");
  const uint64_t ctx = *program_.trap_context;
  if (ctx % 8 != 0 || !Memory::in_range(ctx, 24)) fail("trap context at " + hex(ctx) + " is not usable");
  if (unconstrained_) {
    memory_.log_word(ctx + 8);
    memory_.log_word(ctx + 16);
  }
  const uint64_t handler = memory_.read_u64(ctx);
  memory_.write_u64(ctx + 8, code);
  memory_.write_u64(ctx + 16, cpu_.pc);
  cpu_.pc = handler;
}

template <class Hooks>
bool Machine::run_timed(Hooks& hooks) {
  if (finished_) return true;
  const auto start = std::chrono::steady_clock::now();
  try {
    finished_ = run_loop(hooks);
  } catch (const GuestError& e) {
    error_ = e.what();
    finished_ = true;
  }
  wall_s_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return finished_;
}

Report Machine::run() {
  if (options_.step_trace) {
    StepTrace hooks{options_.step_trace, &program_};
    run_timed(hooks);
  } else {
    NoHooks hooks;
    run_timed(hooks);
  }
  return report();
}

bool Machine::resume(EventRecorder& recorder) {
  if (program_.user_mode()) recorder.enable_page_checks(memory_);
  observer_ = &recorder;
  struct Detach {
    SyscallMemoryObserver*& o;
    ~Detach() { o = nullptr; }
  } detach{observer_};
  return run_timed(recorder);
}

void Machine::restore(const Checkpoint& c) {
  for (unsigned r = 0; r < 32; ++r) cpu_.x[r] = c.registers[r];
  cpu_.x[0] = 0;
  cpu_.pc = c.pc;
  cpu_.count = c.instructions;
  syscall_count_ = c.syscalls;
  for (const CheckpointWord& w : c.memory) {
    if (w.addr % 8 != 0 || !Memory::in_range(w.addr, 8))
      throw std::invalid_argument("checkpoint: memory word " + hex(w.addr) + " is not an aligned guest address");
    memory_.write_u64(w.addr, w.value);
  }
  for (const CheckpointPage& p : c.pages) {
    if (!Memory::in_range(p.page_idx << kLogPageSize, kPageSize))
      throw std::invalid_argument("checkpoint: page " + hex(p.page_idx) + " is outside the address space");
    memory_.set_prot(p.page_idx, p.prot);
  }
  input_.assign(c.input.begin(), c.input.end());
}

Report Machine::report() const {
  Report r;
  r.halted = finished_ && error_.empty();
  if (r.halted) r.exit_code = exit_code_;
  r.error = error_;
  r.wall_s = wall_s_;
  // A run that failed inside an unconstrained block: its instructions count there.
  const uint64_t open_block = unconstrained_ ? cpu_.count - unconstrained_->count : 0;
  r.instructions = unconstrained_ ? unconstrained_->count : cpu_.count;
  r.unconstrained_instructions = unconstrained_instructions_ + open_block;
  r.clk = 1 + 8 * r.instructions + 256 * (unconstrained_ ? unconstrained_->syscalls : syscall_count_);
  for (const auto& [code, n] : syscall_counts_) {
    const std::string_view name = syscall_name(code);
    r.syscalls[name.empty() ? describe_syscall(code) : std::string(name)] += n;
  }
  r.public_values = public_values_;
  r.public_values_sha256 = crypto::sha256(public_values_);
  r.committed_digest = committed_;
  r.deferred_proofs_digest = deferred_;
  r.guest_stdout = stdout_;
  r.guest_stderr = stderr_;
  const double total = double(r.instructions + r.unconstrained_instructions);
  r.mhz = r.wall_s > 0 ? total / r.wall_s / 1e6 : 0;
  return r;
}

Report execute(const Program& program, std::vector<std::vector<uint8_t>> input, const ExecOptions& options) {
  Machine m(program, std::move(input), options);
  return m.run();
}

RecordingRun::RecordingRun(const Program& program, std::vector<std::vector<uint8_t>> input, const ExecOptions& options)
    : machine_(std::make_unique<Machine>(program, std::move(input), options)) {}
RecordingRun::RecordingRun(const Program& program, From from, const ExecOptions& options)
    : machine_(std::make_unique<Machine>(program, std::vector<std::vector<uint8_t>>{}, options)) {
  machine_->restore(from.checkpoint);
}
RecordingRun::~RecordingRun() = default;
bool RecordingRun::resume(EventRecorder& recorder) { return machine_->resume(recorder); }
Report RecordingRun::report() const { return machine_->report(); }
const Cpu& RecordingRun::cpu() const { return machine_->cpu(); }
std::vector<std::vector<uint8_t>> RecordingRun::pending_input() const {
  return {machine_->input().begin(), machine_->input().end()};
}

}  // namespace zkgpu::zkvm
