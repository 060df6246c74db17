// The run loop around the interpreter: it re-enters the right interpreter
// instance (user mode, unconstrained block) after each slow event, and turns
// faults into SP1's traps or into errors naming the pc, instruction and cycle.
#include "zkvm/executor.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <limits>

#include "math/sha256/sha256.hpp"
#include "zkvm/hex.hpp"
#include "zkvm/interpreter.hpp"
#include "zkvm/machine.hpp"
#include "zkvm/syscall_codes.hpp"

namespace zkgpu::zkvm {
namespace {

// Debug hooks: one line per instruction.
struct StepTrace {
  static constexpr bool kActive = true;
  std::FILE* out;
  const Program* program;
  void before(const Cpu& cpu, uint64_t pc, uint64_t count) {
    const uint64_t i = (pc - program->pc_base) / 4;
    const uint32_t word = i < program->code.size() ? program->code[i] : 0;
    std::fprintf(out, "%llu %llx %s\n", static_cast<unsigned long long>(count), static_cast<unsigned long long>(pc),
                 disassemble(word).c_str());
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
  if (user) {
    return unc ? interpret<true, true>(cpu_, memory_, view, limit, hooks)
               : interpret<true, false>(cpu_, memory_, view, limit, hooks);
  }
  return unc ? interpret<false, true>(cpu_, memory_, view, limit, hooks)
             : interpret<false, false>(cpu_, memory_, view, limit, hooks);
}

template <class Hooks>
void Machine::run_loop(Hooks& hooks) {
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
    const uint64_t off = cpu_.pc - program_.pc_base;
    if (off % 4 != 0 || off / 4 >= program_.code.size()) {
      if (!program_.user_mode())
        fail("jump outside the program's code [" + hex(program_.pc_base) + ", " + hex(program_.code_end()) + ")");
      if (cpu_.pc % 4 != 0) fail("misaligned pc");
      run_untrusted(hooks, limit);
      continue;
    }
    handle(interpret_here(trusted, limit, hooks));
  }
}

// Jumps need nothing more (the loop looks at the new pc); the budget is checked
// at the top of the run loop.
void Machine::handle(Stop stop) {
  if (stop == Stop::ecall) ecall();
  if (stop == Stop::fault) on_fault();
}

// User mode may run code from memory outside the trusted range (SP1's untrusted
// programs): fetch needs read and execute permission; the decoded instruction
// runs through the same interpreter, in a one-instruction code view.
template <class Hooks>
void Machine::run_untrusted(Hooks& hooks, uint64_t limit) {
  const uint64_t pc = cpu_.pc;
  try {
    memory_.check_prot(pc, 4, kProtRead | kProtExec);
  } catch (const ProtectionFault& f) {
    ++cpu_.count;  // SP1 counts the instruction whose fetch trapped
    trap(f.code);
    return;
  } catch (const AddressFault&) {
    fail("instruction fetch outside the address space");
  }
  uint32_t word;
  memory_.read_bytes(pc, &word, 4);
  auto [it, fresh] = untrusted_cache_.try_emplace(word);
  if (fresh) it->second = decode(word, pc, pc, pc + 4);
  const Inst view_code[2] = {it->second, Inst{Op::end_of_code, 0, 0, 0, 0}};
  handle(interpret_here(CodeView{view_code, pc, 1}, limit, hooks));
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

Report Machine::run() {
  Report r;
  const auto start = std::chrono::steady_clock::now();
  try {
    if (options_.step_trace) {
      StepTrace hooks{options_.step_trace, &program_};
      run_loop(hooks);
    } else {
      NoHooks hooks;
      run_loop(hooks);
    }
    r.halted = true;
    r.exit_code = exit_code_;
  } catch (const GuestError& e) {
    r.error = e.what();
  }
  r.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (unconstrained_) unconstrained_instructions_ += cpu_.count - unconstrained_->count;
  r.instructions = unconstrained_ ? unconstrained_->count : cpu_.count;
  r.unconstrained_instructions = unconstrained_instructions_;
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

}  // namespace zkgpu::zkvm
