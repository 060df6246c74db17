// SP1's record conventions are in events.hpp; the operand slots per instruction
// kind follow vm.rs (execute_alu, execute_load/store, execute_branch,
// execute_jump, execute_utype, execute_ecall) and tracing.rs (op_a_0).
#include "zkvm/recorder.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "zkvm/shard_costs.hpp"
#include "zkvm/sp1_instruction.hpp"
#include "zkvm/syscall_codes.hpp"

namespace zkgpu::zkvm {

MemoryAccess EventRecorder::read_reg(unsigned r, Position p, uint64_t value) {
  Register& reg = regs_[r];
  const MemoryAccess m{r, value, reg.timestamp, value, clk_ + uint64_t(p), false};
  reg = {value, m.timestamp};
  return m;
}

// SP1's rw: position a; x0 keeps 0 whatever the instruction computed.
MemoryAccess EventRecorder::write_reg(unsigned r, uint64_t value) {
  if (r == 0) value = 0;
  Register& reg = regs_[r];
  const MemoryAccess m{r, reg.value, reg.timestamp, value, clk_ + uint64_t(Position::a), true};
  reg = {value, m.timestamp};
  return m;
}

MemoryAccess EventRecorder::access_word(uint64_t addr, uint64_t prev_value, uint64_t value, uint64_t timestamp,
                                        bool write) {
  uint64_t& last = word_timestamps_[addr];
  const MemoryAccess m{addr, prev_value, last, value, timestamp, write};
  last = timestamp;
  return m;
}

// SP1's page_prot_check / page_prot_write (vm/syscall.rs) and
// LocalPageProtAccess::insert_record (tracing.rs): the page's record before the
// access; a local event keeps the first record before and the latest after.
PageProtRecord EventRecorder::access_page(uint64_t page, uint8_t prot_before, uint8_t prot_after, uint64_t timestamp,
                                          std::vector<PageProtLocalEvent>* call_local) {
  auto [last, fresh_page] = checked_pages_.try_emplace(page, PageProtRecord{false, 0, page, prot_before});
  const PageProtRecord prev = last->second;
  last->second = {false, timestamp, page, prot_after};
  const PageProtLocalEvent event{page, prev, last->second};
  if (call_local) {
    const auto it = std::find_if(call_local->begin(), call_local->end(),
                                 [&](const PageProtLocalEvent& l) { return l.page_idx == page; });
    if (it == call_local->end()) call_local->push_back(event);
    else it->final_access = event.final_access;
  } else {
    auto [local, fresh] = page_local_.try_emplace(page, event);
    if (!fresh) local->second.final_access = event.final_access;
  }
  return prev;
}

// A deferred call's pages go to its own local events, and the shard's open
// events of those pages close (postprocess_precompile, tracing.rs); a retained
// call's go to the shard's.
void EventRecorder::record_call_pages(SyscallEvent& e, bool deferred) {
  std::vector<PageProtLocalEvent>* own = deferred ? &e.page_prot_local : nullptr;
  for (const PendingCheck& c : pending_checks_)
    e.page_checks.push_back(access_page(c.page, c.prot, c.prot, e.clk + c.slice, own));
  if (pending_prot_write_) {
    const PendingProtWrite& w = *pending_prot_write_;
    access_page(w.page, w.prev_prot, w.prot, e.clk, own);
  }
  pending_checks_.clear();
  pending_prot_write_.reset();
  for (const PageProtLocalEvent& l : e.page_prot_local) {
    const auto it = page_local_.find(l.page_idx);
    if (it == page_local_.end()) continue;
    page_local_closed_.push_back(it->second);
    page_local_.erase(it);
  }
}

// handle_error (tracing.rs, vm.rs): the handler read, the code and pc written, at clk.
TrapResult EventRecorder::record_trap(const TrapContextWords& t, uint64_t pc) {
  TrapResult r;
  r.context = t.context;
  r.handler_record = access_word(t.context, t.handler, t.handler, clk_, false);
  r.code_record = access_word(t.context + 8, t.prev_code, t.trap_code, clk_, true);
  r.pc_record = access_word(t.context + 16, t.prev_pc, pc, clk_, true);
  return r;
}

// SIG_RETURN in user mode (vm.rs execute_ecall, vm/syscall/sig_return.rs): x11 and
// x10 read and x5 written with the code, as for any ECALL; the frame's first word
// (the next pc) read at clk outside the call's memory; the next 31 words read at
// clk (the executor reported all 32) and x1..x31 restored from them at clk + 5.
void EventRecorder::record_sig_return(SyscallEvent& e) {
  constexpr uint64_t kRegisterWrite = 1 + uint64_t(Position::a);  // after the call's clock bump
  e.rc = read_reg(11, Position::c, e.arg2);
  e.rb = read_reg(10, Position::b, e.arg1);
  e.ra = write_reg(5, e.code);
  if (syscall_memory.size() - syscall_memory_mark_ != 32)
    throw std::logic_error("event recorder: SIG_RETURN did not report its 32-word frame");
  e.sig_return_pc_record = syscall_memory[syscall_memory_mark_];
  syscall_memory.erase(syscall_memory.begin() + ptrdiff_t(syscall_memory_mark_));
  for (unsigned r = 1; r < 32; ++r) {
    const uint64_t value = syscall_memory[syscall_memory_mark_ + r - 1].value;
    Register& reg = regs_[r];
    syscall_memory.push_back({r, reg.value, reg.timestamp, value, clk_ + kRegisterWrite, true});
    reg = {value, clk_ + kRegisterWrite};
  }
}

bool EventRecorder::advance(uint64_t clk_inc) {
  clk_ += clk_inc;
  ++instructions_;
  return stop_at_ != 0 && instructions_ == stop_at_;
}

bool EventRecorder::step(const Step& s) {
  const Inst& in = s.in;
  Op op = in.op;
  if (op == Op::branch_far) op = Op(in.rd);  // the far form keeps its condition in rd
  if (op == Op::jal_far) op = Op::jal;
  const unsigned rd = in.rd == kScratchReg ? 0 : in.rd;
  const uint64_t imm = uint64_t(int64_t(in.imm));
  InstrEvent e;
  e.clk = clk_;
  e.pc = s.pc;
  e.next_pc = s.next_pc;
  e.opcode = op;
  StepPageReads reads;
  if (pending_fetch_) take_fetch(e, reads);
  std::vector<InstrEvent>* out;
  // Register reads in SP1's order (c, then b, then a), then the memory word,
  // then the write of rd.
  if (op <= Op::sraiw) {  // register-register, then register-immediate
    if (op <= Op::remuw) {
      e.rc = read_reg(in.rs2, Position::c, s.rs2);
      e.c = s.rs2;
      e.used |= InstrEvent::kC;
    } else {
      e.c = imm;
    }
    e.rb = read_reg(in.rs1, Position::b, s.rs1);
    e.b = s.rs1;
    e.ra = write_reg(rd, s.rd);
    e.used |= InstrEvent::kA | InstrEvent::kB;
    out = &alu;
  } else if (op == Op::lui || op == Op::auipc) {
    e.b = e.c = imm;
    e.ra = write_reg(rd, s.rd);
    e.used = InstrEvent::kA;
    out = &utype;
  } else if (op <= Op::lwu) {
    e.rb = read_reg(in.rs1, Position::b, s.rs1);
    e.memory = access_word(s.addr & ~uint64_t(7), s.word_prev, s.word, clk_ + uint64_t(Position::memory), false);
    e.ra = write_reg(rd, s.rd);
    e.b = s.rs1;
    e.c = imm;
    e.used = InstrEvent::kA | InstrEvent::kB | InstrEvent::kMemory;
    out = &memory;
  } else if (op <= Op::sd) {
    e.rb = read_reg(in.rs1, Position::b, s.rs1);  // the base
    e.ra = read_reg(in.rs2, Position::a, s.rs2);  // the value
    e.memory = access_word(s.addr & ~uint64_t(7), s.word_prev, s.word, clk_ + uint64_t(Position::memory), true);
    e.a = s.rs2;
    e.b = s.rs1;
    e.c = imm;
    e.op_a_0 = in.rs2 == 0;
    e.used = InstrEvent::kA | InstrEvent::kB | InstrEvent::kMemory;
    out = &memory;
  } else if (op <= Op::bgeu) {
    e.rb = read_reg(in.rs2, Position::b, s.rs2);
    e.ra = read_reg(in.rs1, Position::a, s.rs1);
    e.a = s.rs1;
    e.b = s.rs2;
    e.c = imm;
    e.op_a_0 = in.rs1 == 0;
    e.used = InstrEvent::kA | InstrEvent::kB;
    out = &branch;
  } else if (op == Op::jal) {
    e.ra = write_reg(rd, s.rd);
    e.b = imm;
    e.used = InstrEvent::kA;
    out = &jump;
  } else if (op == Op::jalr) {
    e.rb = read_reg(in.rs1, Position::b, s.rs1);
    e.ra = write_reg(rd, s.rd);
    e.b = s.rs1;
    e.c = imm;
    e.used = InstrEvent::kA | InstrEvent::kB;
    out = &jump;
  } else {
    throw std::logic_error("event recorder: the interpreter reported a step of an instruction it does not complete");
  }
  if (e.used & InstrEvent::kA && e.ra.write) {
    e.op_a_0 = rd == 0;
    e.a = e.ra.value;  // 0 for x0
  }
  if (pages_ && out == &memory) {
    memory_page_prot.push_back(check_page(s.addr, clk_ + uint64_t(Position::memory)));
    reads.memory_page = &memory_page_prot.back();
  }
  out->push_back(e);
  const bool stop = advance(kClkInc);
  return (observer_ && observer_->instruction(out->back(), reads)) || stop;
}

// SP1's execute_load / execute_store after a failed page check (tracing.rs,
// vm.rs handle_error): the registers as for the access (a load's rd written back
// unchanged, kept here as a read at position a), no memory word, the page checked
// at clk + 1, and the trap context's handler read and code and pc written at clk.
bool EventRecorder::trap_mem(const TrapMemStep& s) {
  const Inst& in = s.in;
  const bool load = in.op >= Op::lb && in.op <= Op::lwu;
  TrapMemEvent t;
  InstrEvent& e = t.instr;
  e.clk = clk_;
  e.pc = s.pc;
  e.next_pc = s.trap.handler;
  e.opcode = in.op;
  StepPageReads reads;
  if (pending_fetch_) take_fetch(e, reads);
  t.untrusted = e.untrusted;
  const unsigned a = load ? (in.rd == kScratchReg ? 0 : in.rd) : in.rs2;
  e.rb = read_reg(in.rs1, Position::b, s.rs1);
  e.ra = read_reg(a, Position::a, load ? regs_[a].value : s.rs2);
  e.a = e.ra.value;
  e.b = s.rs1;
  e.c = uint64_t(int64_t(in.imm));
  e.op_a_0 = a == 0;
  e.used = InstrEvent::kA | InstrEvent::kB;
  t.page_prot_access = check_page(s.addr, clk_ + uint64_t(Position::memory));
  t.trap_result = record_trap(s.trap, s.pc);
  trap_mem_events.push_back(t);
  const bool stop = advance(kClkInc);
  return (observer_ && observer_->trap_mem(trap_mem_events.back(), reads)) || stop;
}

bool EventRecorder::syscall(const SyscallStep& s) {
  if (s.code == sys::SIG_RETURN && !pages_)
    throw std::runtime_error("event recording: SIG_RETURN outside user mode (SP1 proves it in user mode only)");
  if (pending_fetch_)
    throw std::runtime_error("event recording of user-mode programs: an ECALL in untrusted code (at " +
                             std::to_string(s.pc) + "), which SP1 cannot prove: its ECALL chip looks every ECALL "
                             "up in the trusted program");
  SyscallEvent e;
  e.clk = clk_;
  e.pc = s.pc;
  e.next_pc = s.next_pc;
  e.code = s.code;
  e.arg1 = s.a0;
  e.arg2 = s.a1;
  e.exit_code = s.exit_code;
  if (s.code == sys::SIG_RETURN) {
    record_sig_return(e);
  } else {
    e.rc = read_reg(11, Position::c, s.a1);
    e.rb = read_reg(10, Position::b, s.a0);
    e.ra = write_reg(5, s.code == sys::ENTER_UNCONSTRAINED ? 0 : s.result);
  }
  if (pages_) record_call_pages(e, shard_costs::should_send(s.code) && !shard_costs::retained_by_default(s.code));
  if (s.trap) e.trap_result = record_trap(*s.trap, s.pc);
  e.memory_begin = syscall_memory_mark_;
  e.memory_end = syscall_memory_mark_ = syscall_memory.size();
  syscalls.push_back(e);
  const bool stop = advance(kClkInc + kSyscallClkInc);
  return (observer_ && observer_->syscall(syscalls.back(), std::span(syscall_memory).subspan(e.memory_begin,
                                                                                             e.memory_end - e.memory_begin))) ||
         stop;
}

void EventRecorder::clear_events() {
  for (auto* v : {&alu, &memory, &branch, &jump, &utype}) v->clear();
  syscalls.clear();
  syscall_memory.clear();
  hints.clear();
  untraced_reads.clear();
  memory_page_prot.clear();
  trap_mem_events.clear();
  instruction_fetches.clear();
  fetch_page_prot.clear();
  trap_exec_events.clear();
  decodes_.clear();
  syscall_memory_mark_ = 0;
}

std::vector<PageProtLocalEvent> EventRecorder::take_page_prot_local() {
  std::vector<PageProtLocalEvent> out = std::move(page_local_closed_), open;
  page_local_closed_.clear();
  open.reserve(page_local_.size());
  for (const auto& [page, e] : page_local_) open.push_back(e);
  std::sort(open.begin(), open.end(), [](const PageProtLocalEvent& x, const PageProtLocalEvent& y) {
    return x.page_idx < y.page_idx;
  });
  out.insert(out.end(), open.begin(), open.end());
  page_local_.clear();
  return out;
}

std::array<MemoryAccess, 32> EventRecorder::refresh_registers() {
  std::array<MemoryAccess, 32> out;
  for (unsigned r = 0; r < 32; ++r) {
    Register& reg = regs_[r];
    out[r] = {r, reg.value, reg.timestamp, reg.value, clk_ - 1, false};
    reg.timestamp = clk_ - 1;
  }
  return out;
}

void EventRecorder::restore(uint64_t clk, uint64_t instructions, const std::array<Register, 32>& registers) {
  clk_ = clk;
  instructions_ = instructions;
  regs_ = registers;
}

void EventRecorder::untraced_read(uint64_t addr, uint64_t value) {
  const auto it = word_timestamps_.find(addr);
  untraced_reads.push_back({addr, value, it == word_timestamps_.end() ? 0 : it->second, value, clk_, false});
}

void EventRecorder::read(uint64_t addr, uint64_t value, uint64_t clk_offset) {
  syscall_memory.push_back(access_word(addr, value, value, clk_ + clk_offset, false));
}

void EventRecorder::write(uint64_t addr, uint64_t prev_value, uint64_t value, uint64_t clk_offset) {
  syscall_memory.push_back(access_word(addr, prev_value, value, clk_ + clk_offset, true));
}

// In the syscall's accesses with the register's number as its address.
void EventRecorder::register_read(unsigned r, uint64_t value, uint64_t clk_offset) {
  Register& reg = regs_[r];
  syscall_memory.push_back({r, value, reg.timestamp, value, clk_ + clk_offset, false});
  reg = {value, clk_ + clk_offset};
}

// CoreVM::fetch (vm.rs): the aligned word holding the instruction read at clk
// (position 0) after its page's check for read and execute.
void EventRecorder::untrusted_fetch(uint64_t pc, uint32_t word) {
  const uint64_t aligned = pc & ~uint64_t(7);
  const uint64_t value = pages_->read_u64(aligned);
  const PageProtRecord page = check_page(pc, clk_);
  pending_fetch_ = PendingFetch{pc, word, access_word(aligned, value, value, clk_, false), page};
}

// emit_events (tracing.rs): an InstructionFetchEvent, and the word's decoding
// counted once more in the shard's decode events.
void EventRecorder::take_fetch(InstrEvent& e, StepPageReads& reads) {
  const PendingFetch f = *pending_fetch_;
  pending_fetch_.reset();
  const Sp1Instruction instruction = transpile(f.word);
  instruction_fetches.push_back({e.clk, f.pc, instruction, f.word, f.memory});
  fetch_page_prot.push_back({e.clk, f.pc, f.page});
  auto [it, fresh] = decodes_.try_emplace(f.word, InstructionDecodeEvent{instruction, f.word, 0});
  ++it->second.multiplicity;
  e.untrusted = true;
  reads.fetch = &instruction_fetches.back();
  reads.fetch_page = &fetch_page_prot.back().prev_page_prot;
}

// execute_instruction (tracing.rs) on a fetch error: the page checked at clk, the
// trap handed to the handler; the cycle counts as an instruction's.
bool EventRecorder::trap_exec(const TrapExecStep& s) {
  TrapExecEvent t;
  t.clk = clk_;
  t.pc = s.pc;
  t.page_prot_record = check_page(s.pc, clk_);
  t.trap_result = record_trap(s.trap, s.pc);
  trap_exec_events.push_back(t);
  const bool stop = advance(kClkInc);
  return (observer_ && observer_->trap_exec(trap_exec_events.back())) || stop;
}

std::vector<InstructionDecodeEvent> EventRecorder::take_instruction_decodes() {
  std::vector<InstructionDecodeEvent> out;
  out.reserve(decodes_.size());
  for (const auto& [word, d] : decodes_) out.push_back(d);
  std::sort(out.begin(), out.end(), [](const InstructionDecodeEvent& a, const InstructionDecodeEvent& b) {
    return a.encoded_instruction < b.encoded_instruction;
  });
  decodes_.clear();
  return out;
}

void EventRecorder::page_check(uint64_t page_idx, uint8_t prot, uint64_t slice) {
  pending_checks_.push_back({page_idx, prot, slice});
}

void EventRecorder::page_prot_write(uint64_t page_idx, uint8_t prev_prot, uint8_t prot) {
  pending_prot_write_ = PendingProtWrite{page_idx, prev_prot, prot};
}

void EventRecorder::hint(uint64_t addr, uint64_t len, std::span<const uint64_t> words) {
  for (uint64_t i = 0; i < words.size(); ++i) word_timestamps_.erase(addr + 8 * i);
  hints.push_back({clk_, addr, words.size(), len, std::vector<uint64_t>(words.begin(), words.end())});
}

}  // namespace zkgpu::zkvm
