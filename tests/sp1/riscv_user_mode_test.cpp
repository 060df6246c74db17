// SP1's user-mode control chips (sp1/air/riscv/{trap_exec,trap_mem,syscall_instrs,
// instruction_fetch,instruction_decode}.hpp) and their trace generation
// (sp1/riscv/{trap_traces,syscall_instrs_trace,instruction_traces}): each chip's
// width and constraint count in both builds are SP1's (rv64im_costs.json,
// rv64im_complexity.json and _mprotect.json), its interactions have SP1's kinds,
// order and arities; hand-made events of a program with untrusted code (traps on
// fetches, loads and stores, signal returns and their register restores,
// trapped syscalls, MPROTECT, COMMIT, HALT,
// untrusted fetches of every instruction format) give traces that satisfy every
// constraint of the `mprotect` build, whose padding rows are SP1's zero rows; the
// untrusted fetches the chips send are what InstructionFetch receives, and its
// decodings what InstructionDecode receives; the default build keeps the chips
// empty; a corrupted cell is found at its row, and every column matters.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "riscv_chip_harness.hpp"
#include "sp1/air/riscv/instruction_decode.hpp"
#include "sp1/air/riscv/instruction_fetch.hpp"
#include "sp1/air/riscv/public_values.hpp"
#include "sp1/air/riscv/sigreturn.hpp"
#include "sp1/air/riscv/syscall_instrs.hpp"
#include "sp1/air/riscv/trap_exec.hpp"
#include "sp1/air/riscv/trap_mem.hpp"
#include "sp1/riscv/instruction_traces.hpp"
#include "sp1/riscv/sigreturn_trace.hpp"
#include "sp1/riscv/syscall_instrs_trace.hpp"
#include "sp1/riscv/trap_traces.hpp"
#include "zkvm/syscall_codes.hpp"

namespace zkgpu::sp1::riscv {
namespace {

using namespace test_support;
using zkvm::InstructionDecodeEvent;
using zkvm::InstructionFetchEvent;
using zkvm::PageProtRecord;
using zkvm::SyscallEvent;
using zkvm::TrapExecEvent;
using zkvm::TrapMemEvent;
using zkvm::TrapResult;

enum class UserChip { TrapExec, TrapMem, SyscallInstrsUser, InstructionFetch, InstructionDecode, SigReturn };
using UserCase = ChipCase<UserChip>;

// --- RISC-V encodings ----------------------------------------------------------------

uint32_t r_word(uint32_t funct7, uint32_t rs2, uint32_t rs1, uint32_t funct3, uint32_t rd, uint32_t opcode) {
  return funct7 << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
}
uint32_t i_word(int32_t imm, uint32_t rs1, uint32_t funct3, uint32_t rd, uint32_t opcode) {
  return (uint32_t(imm) & 0xFFF) << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
}
uint32_t s_word(int32_t imm, uint32_t rs2, uint32_t rs1, uint32_t funct3) {
  const uint32_t u = uint32_t(imm);
  return ((u >> 5) & 0x7F) << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | (u & 0x1F) << 7 | rv::kOpcodeStore;
}
uint32_t b_word(int32_t imm, uint32_t rs2, uint32_t rs1, uint32_t funct3) {
  const uint32_t u = uint32_t(imm);
  return ((u >> 12) & 1) << 31 | ((u >> 5) & 0x3F) << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 |
         ((u >> 1) & 0xF) << 8 | ((u >> 11) & 1) << 7 | rv::kOpcodeBranch;
}
uint32_t u_word(uint32_t imm20, uint32_t rd, uint32_t opcode) { return imm20 << 12 | rd << 7 | opcode; }
uint32_t j_word(int32_t imm, uint32_t rd) {
  const uint32_t u = uint32_t(imm);
  return ((u >> 20) & 1) << 31 | ((u >> 1) & 0x3FF) << 21 | ((u >> 11) & 1) << 20 | ((u >> 12) & 0xFF) << 12 |
         rd << 7 | rv::kOpcodeJal;
}

// Untrusted code of every format, edge immediates and x0 operands among it.
const std::vector<uint32_t> kWords = {
    r_word(0, 3, 2, 0, 1, rv::kOpcodeOp),                 // add x1, x2, x3
    r_word(0x20, 31, 30, 0, 0, rv::kOpcodeOp),            // sub x0, x30, x31
    r_word(1, 5, 6, 4, 7, rv::kOpcodeOp32),               // divw x7, x6, x5
    i_word(-5, 2, 0, 1, rv::kOpcodeOpImm),                // addi x1, x2, -5
    i_word(2047, 0, 7, 9, rv::kOpcodeOpImm),              // andi x9, x0, 2047
    i_word(-2048, 8, 3, 4, rv::kOpcodeLoad),              // ld x4, -2048(x8)
    i_word(12, 1, 0, 0, rv::kOpcodeJalr),                 // jalr x0, 12(x1)
    i_word(63, 2, 1, 1, rv::kOpcodeOpImm),                // slli x1, x2, 63
    i_word(0x400 | 33, 2, 5, 1, rv::kOpcodeOpImm),        // srai x1, x2, 33
    i_word(7, 3, 1, 4, rv::kOpcodeOpImm32),               // slliw x4, x3, 7
    i_word(0x400 | 31, 3, 5, 4, rv::kOpcodeOpImm32),      // sraiw x4, x3, 31
    j_word(-2048, 1),                                     // jal x1, -2048
    j_word((1 << 20) - 2, 0),                             // jal x0, 2^20 - 2
    b_word(-8, 2, 1, 0),                                  // beq x1, x2, -8
    b_word(4094, 0, 5, 7),                                // bgeu x5, x0, 4094
    s_word(-16, 5, 2, 3),                                 // sd x5, -16(x2)
    s_word(2047, 0, 9, 0),                                // sb x0, 2047(x9)
    u_word(0x80000, 3, rv::kOpcodeLui),                   // lui x3, 0x80000
    u_word(0x12345, 0, rv::kOpcodeAuipc),                 // auipc x0, 0x12345
};

// --- hand-made events --------------------------------------------------------------

// The trap context and the handler's pc of the hand-made program.
constexpr uint64_t kContext = 0x3000'0000;
constexpr uint64_t kHandlerPc = 0x2100'0040;
constexpr uint8_t kRW = rv::kProtRead | rv::kProtWrite;
// What the COMMIT and COMMIT_DEFERRED_PROOFS calls commit: a digest word each.
constexpr uint64_t kCommitWord = 3, kCommitValue = 0xdead'beef, kDeferredWord = 5, kDeferredValue = 0x0123'4567;

// Consistent records over a run: registers (EventMaker's), memory words and page
// permissions, each access after the previous one of its address.
struct UserRun {
  EventMaker m;
  std::map<uint64_t, std::pair<uint64_t, uint8_t>> pages;  // page -> (timestamp, permissions)

  MemoryAccess word_at(uint64_t addr, uint64_t ts, std::optional<uint64_t> store) {
    auto& [prev_ts, v] = m.words[addr];
    const MemoryAccess a{addr, v, prev_ts, store.value_or(v), ts, store.has_value()};
    prev_ts = ts;
    v = a.value;
    return a;
  }
  PageProtRecord page_at(uint64_t addr, uint64_t ts, uint8_t initial) {
    const uint64_t page = addr >> 12;
    auto [it, fresh] = pages.try_emplace(page, 0, initial);
    const PageProtRecord r{.timestamp = it->second.first, .page_idx = page, .page_prot = it->second.second};
    it->second.first = ts;
    return r;
  }
  // The handler's pc read, the code and the trapping pc written, at clk.
  TrapResult trap(uint64_t clk, uint64_t code, uint64_t pc) {
    if (!m.words.count(kContext)) m.words[kContext] = {0, kHandlerPc};
    TrapResult r;
    r.context = kContext;
    r.handler_record = word_at(kContext, clk, std::nullopt);
    r.code_record = word_at(kContext + 8, clk, code);
    r.pc_record = word_at(kContext + 16, clk, pc);
    return r;
  }
  uint64_t pc() const { return (0x2000'0000 + (m.clk / 2)) & ~uint64_t(3); }
};

struct Shard {
  std::vector<TrapExecEvent> trap_exec;
  std::vector<TrapMemEvent> trap_mem;
  std::vector<SyscallEvent> syscalls;
  std::vector<InstructionFetchEvent> fetches;
  std::vector<InstructionDecodeEvent> decodes;
  std::vector<zkvm::PrecompileEvent> sig_returns;
};

// An untrusted fetch at the run's clk of `word` at pc (its 8-byte word read at clk).
InstructionFetchEvent fetch(UserRun& run, uint64_t pc, uint32_t word) {
  InstructionFetchEvent e;
  e.clk = run.m.clk;
  e.pc = pc;
  e.encoded_instruction = word;
  e.instruction = zkvm::transpile(word);
  const uint64_t aligned = pc & ~uint64_t(7);
  auto& [ts, v] = run.m.words[aligned];
  const unsigned shift = 32 * ((pc >> 2) & 1);
  v = (v & ~(uint64_t(0xFFFF'FFFF) << shift)) | uint64_t(word) << shift;
  e.memory = run.word_at(aligned, run.m.clk, std::nullopt);
  return e;
}

// A load or store at the run's clk that traps (its page lacks the permission).
TrapMemEvent trap_mem(UserRun& run, Op op, unsigned ra, unsigned rs1, uint64_t base, int64_t imm,
                      bool untrusted) {
  const bool load = op == Op::lb || op == Op::lbu || op == Op::lh || op == Op::lhu || op == Op::lw ||
                    op == Op::lwu || op == Op::ld;
  TrapMemEvent e;
  InstrEvent& in = e.instr;
  in.clk = run.m.clk;
  in.pc = run.pc();
  in.opcode = op;
  in.rb = run.m.read(rs1, base, 3);
  in.ra = run.m.read(ra, run.m.value[ra], 4);  // op_a is kept
  in.a = in.ra.value;
  in.b = base;
  in.c = uint64_t(imm);
  in.op_a_0 = ra == 0;
  in.used = InstrEvent::kA | InstrEvent::kB;
  in.next_pc = kHandlerPc;
  e.untrusted = untrusted;
  // The page has only the other permission (or none).
  e.page_prot_access = run.page_at(base + uint64_t(imm), in.clk + 1, load ? rv::kProtWrite : rv::kProtRead);
  e.trap_result = run.trap(in.clk, load ? rv::kProtFailureRead : rv::kProtFailureWrite, in.pc);
  return e;
}

// An ECALL with code `code` (x5), x10 = arg1, x11 = arg2, x5 written back with x5_after.
SyscallEvent ecall(UserRun& run, uint32_t code, uint64_t arg1, uint64_t arg2, uint64_t x5_after) {
  SyscallEvent e;
  e.clk = run.m.clk;
  e.pc = run.pc();
  e.code = code;
  e.arg1 = arg1;
  e.arg2 = arg2;
  e.rc = run.m.read(11, arg2, 2);
  e.rb = run.m.read(10, arg1, 3);
  run.m.value[5] = code;
  e.ra = run.m.write(5, x5_after);
  e.next_pc = code == zkvm::sys::HALT ? rv::kHaltPc : e.pc + 4;
  return e;
}

Shard user_shard() {
  UserRun run;
  Shard s;
  const auto step = [&](uint64_t inc) { run.m.clk += inc; };
  // Fetches trapped on the pc's page: no PROT_EXEC, no PROT_READ, neither.
  for (uint8_t perm : {uint8_t(rv::kProtRead), uint8_t(0), uint8_t(rv::kProtExec), uint8_t(kRW)}) {
    TrapExecEvent e;
    e.clk = run.m.clk;
    e.pc = run.pc() + 0x10'0000 * perm;
    e.page_prot_record = run.page_at(e.pc, e.clk, perm);
    const uint64_t code = (perm & rv::kProtExec) ? rv::kProtFailureRead : rv::kProtFailureExec;
    e.trap_result = run.trap(e.clk, code, e.pc);
    s.trap_exec.push_back(e);
    step(8);
  }
  // Loads and stores trapped on their page, trusted and untrusted (then fetched).
  const std::vector<std::tuple<Op, uint32_t, unsigned, unsigned, uint64_t, int64_t>> mem = {
      {Op::lb, i_word(-1, 2, 0, 1, rv::kOpcodeLoad), 1, 2, 0x4000'0001, -1},
      {Op::lbu, i_word(7, 2, 4, 3, rv::kOpcodeLoad), 3, 2, 0x4000'1000, 7},
      {Op::lh, i_word(2, 6, 1, 5, rv::kOpcodeLoad), 5, 6, 0x5'0000'0000, 2},
      {Op::lhu, i_word(-2048, 6, 5, 0, rv::kOpcodeLoad), 0, 6, 0x4000'2800, -2048},
      {Op::lw, i_word(4, 7, 2, 8, rv::kOpcodeLoad), 8, 7, 0x4000'3000, 4},
      {Op::lwu, i_word(0, 7, 6, 9, rv::kOpcodeLoad), 9, 7, 0xffff'fff0'0000, 0},
      {Op::ld, i_word(2047, 8, 3, 10, rv::kOpcodeLoad), 10, 8, 0x4000'4000, 2047},
      {Op::sb, s_word(3, 11, 12, 0), 11, 12, 0x4000'5000, 3},
      {Op::sh, s_word(-6, 0, 12, 1), 0, 12, 0x4000'6006, -6},
      {Op::sw, s_word(12, 13, 14, 2), 13, 14, 0x4000'7000, 12},
      {Op::sd, s_word(-8, 15, 16, 3), 15, 16, 0x4000'8008, -8},
  };
  for (size_t k = 0; k < 2 * mem.size(); ++k) {
    const auto& [op, word, ra, rs1, base, imm] = mem[k % mem.size()];
    const bool untrusted = k >= mem.size();
    const TrapMemEvent e = trap_mem(run, op, ra, rs1, base, imm, untrusted);
    if (untrusted) s.fetches.push_back(fetch(run, e.instr.pc, word));
    s.trap_mem.push_back(e);
    step(8);
  }
  // ECALLs: an ordinary one (WRITE), HINT_LEN's new x5, a signal return, a
  // precompile call that trapped on its memory, MPROTECT, ENTER_UNCONSTRAINED,
  // COMMIT and COMMIT_DEFERRED_PROOFS of the public values' words, then HALT.
  s.syscalls.push_back(ecall(run, zkvm::sys::WRITE, 1, 0x4000'9000, zkvm::sys::WRITE));
  step(rv::kEcallClkInc);
  s.syscalls.push_back(ecall(run, zkvm::sys::HINT_LEN, 0, 0, 0x1234'5678'9abc));
  step(rv::kEcallClkInc);
  s.syscalls.push_back(ecall(run, zkvm::sys::ENTER_UNCONSTRAINED, 0, 0, 0));
  step(rv::kEcallClkInc);
  s.syscalls.push_back(ecall(run, zkvm::sys::COMMIT, kCommitWord, kCommitValue, zkvm::sys::COMMIT));
  step(rv::kEcallClkInc);
  s.syscalls.push_back(
      ecall(run, zkvm::sys::COMMIT_DEFERRED_PROOFS, kDeferredWord, kDeferredValue, zkvm::sys::COMMIT_DEFERRED_PROOFS));
  step(rv::kEcallClkInc);
  // Signal returns: the pc from the frame's word 0 (SyscallInstrsUser), x1..x31
  // from its words 1..31 (SigReturn).
  for (uint64_t frame : {uint64_t(0x4000'a000), uint64_t(0xffff'ffff'fe00), uint64_t(0x1'0000)}) {
    const uint64_t resume = 0x2200'0004 + frame % 0x1000;
    run.m.words[frame] = {0, resume};
    SyscallEvent e = ecall(run, zkvm::sys::SIG_RETURN, frame, 0, zkvm::sys::SIG_RETURN);
    e.sig_return_pc_record = run.word_at(frame, e.clk, std::nullopt);
    e.next_pc = resume;
    s.syscalls.push_back(e);
    zkvm::PrecompileEvent call;
    call.syscall = e;
    for (size_t i = 1; i < 32; ++i) {
      run.m.words[frame + 8 * i].second = (frame * i) ^ (uint64_t(i) << 61);
      call.memory.push_back(run.word_at(frame + 8 * i, e.clk, std::nullopt));
    }
    for (unsigned r = 1; r < 32; ++r) {
      const uint64_t v = call.memory[r - 1].value;
      call.memory.push_back({r, run.m.value[r], run.m.ts[r], v, e.clk + rv::kSigReturnWritePosition, true});
      run.m.value[r] = v;
      run.m.ts[r] = e.clk + rv::kSigReturnWritePosition;
    }
    s.sig_returns.push_back(call);
    step(rv::kEcallClkInc);
  }
  {
    SyscallEvent e = ecall(run, zkvm::sys::SHA_EXTEND, 0x4000'b000, 0, zkvm::sys::SHA_EXTEND);
    e.trap_result = run.trap(e.clk, rv::kProtFailureRead, e.pc);
    e.next_pc = kHandlerPc;
    s.syscalls.push_back(e);
    step(rv::kEcallClkInc);
  }
  s.syscalls.push_back(ecall(run, zkvm::sys::MPROTECT, 0x4000'c000, kRW, zkvm::sys::MPROTECT));
  step(rv::kEcallClkInc);
  s.syscalls.push_back(ecall(run, zkvm::sys::HALT, 0, 0, zkvm::sys::HALT));
  // Untrusted code of every format, some fetched twice: one decoding each.
  std::map<uint32_t, uint64_t> decoded;
  for (size_t k = 0; k < kWords.size() + 5; ++k) {
    const uint32_t word = kWords[k % kWords.size()];
    s.fetches.push_back(fetch(run, 0x2300'0000 + 4 * k, word));
    step(8);
  }
  for (const InstructionFetchEvent& f : s.fetches) ++decoded[f.encoded_instruction];
  for (const auto& [word, n] : decoded) s.decodes.push_back({zkvm::transpile(word), word, n});
  return s;
}

const Shard& shard() {
  static const Shard s = user_shard();
  return s;
}

// The `mprotect` build's public values of the program: untrusted code on, the trap
// handler and its context.
std::vector<Felt> user_public_values() {
  std::vector<Felt> pv = public_values(true);
  pv[rv::kCommitSyscall] = pv[rv::kCommitDeferredSyscall] = Felt::one();
  for (size_t i = 0; i < 4; ++i)
    pv[rv::kCommittedValueDigest + 4 * kCommitWord + i] =
        Felt::from_canonical(uint32_t((kCommitValue >> (8 * i)) & 0xFF));
  pv[rv::kDeferredProofsDigest + kDeferredWord] = Felt::from_canonical(uint32_t(kDeferredValue));
  pv[rv::kTrapHandler.enable_trap_handler] = Felt::one();
  for (size_t i = 0; i < 3; ++i)
    for (size_t k = 0; k < 3; ++k)
      pv[rv::kTrapHandler.trap_context[i][k]] =
          Felt::from_canonical(uint32_t(((kContext + 8 * i) >> (16 * k)) & 0xFFFF));
  return pv;
}

RiscvTraceOptions user_options() {
  RiscvTraceOptions o;
  o.mode = TrustMode::User;
  o.untrusted_programs_enabled = true;
  o.trap_context = {kContext, kContext + 8, kContext + 16};
  return o;
}

RiscvChipTrace trace_of(UserChip chip, const Shard& s, const RiscvTraceOptions& o = user_options()) {
  switch (chip) {
    case UserChip::TrapExec: return trap_exec_trace(s.trap_exec, o);
    case UserChip::TrapMem: return trap_mem_trace(s.trap_mem, o);
    case UserChip::SyscallInstrsUser: return syscall_instrs_trace(s.syscalls, o);
    case UserChip::InstructionFetch: return instruction_fetch_trace(s.fetches, o);
    case UserChip::InstructionDecode: return instruction_decode_trace(s.decodes, o);
    default: {
      zkvm::ShardRecord record;
      record.precompiles = s.sig_returns;
      return sigreturn_trace(record, o);
    }
  }
}

size_t events_of(UserChip chip, const Shard& s) {
  switch (chip) {
    case UserChip::TrapExec: return s.trap_exec.size();
    case UserChip::TrapMem: return s.trap_mem.size();
    case UserChip::SyscallInstrsUser: return s.syscalls.size();
    case UserChip::InstructionFetch: return s.fetches.size();
    case UserChip::InstructionDecode: return s.decodes.size();
    default: return s.sig_returns.size();
  }
}

// --- the chips ---------------------------------------------------------------------

template <template <Features> class Chip>
void add_builds(std::vector<UserCase>& out, UserChip kind, size_t width, size_t constraints,
                size_t mprotect_constraints, const std::string& sends, const std::string& receives,
                const std::string& mprotect_sends = "") {
  out.push_back({kind, std::make_unique<air::ChipModel<Chip<Features::Default>>>(), TrustMode::User,
                 Features::Default, width, constraints, sends, receives});
  out.push_back({kind, std::make_unique<air::ChipModel<Chip<Features::Mprotect>>>(), TrustMode::User,
                 Features::Mprotect, width, mprotect_constraints, mprotect_sends.empty() ? sends : mprotect_sends,
                 receives});
}

template <Features F>
using SyscallInstrsUserChip = rv::SyscallInstrsChip<TrustMode::User, F>;

// Widths: SP1's rv64im_costs.json. Constraints: rv64im_complexity.json (default)
// and rv64im_complexity_mprotect.json, which differ by the trap context's 10
// public-value assertions per TrapOperation (TrapExec, TrapMem, SyscallInstrsUser),
// the default build's assert_zero(is_real) (and InstructionDecode's multiplicity)
// and SyscallInstrsUser's untrusted-flag assertion.
// Interactions (B Byte, S State, P Program, F InstructionFetch, D InstructionDecode,
// M Memory, Q PageProtAccess, R PageProt, Y Syscall), in SP1's order:
//   TrapExec: pc's 3 limbs; the page (2 range checks) and its permissions (the
//     timestamp's 2 and the access); the AND; the trap's 3 memory accesses (2
//     checks each); the CPU state.
//   TrapMem: the page and permissions; the address's 3 limbs; the AND; the trap;
//     the CPU state; the reader (Program, then op_a and op_b) and the fetch.
//   SyscallInstrsUser: SyscallInstrs' with the signal return's read and the trap
//     after the reader.
//   InstructionFetch: pc's limbs, the aligned address, the word's read; receives
//     the fetch, sends the decoding and the page permission.
std::vector<UserCase> chips() {
  std::vector<UserCase> out;
  const std::string trap = "BBMBBMBBM";
  add_builds<rv::TrapExecChip>(out, UserChip::TrapExec, 54, 28, 37, "BBBBBBBQB" + trap + "SBB", "QMMMS");
  add_builds<rv::TrapMemChip>(out, UserChip::TrapMem, 84, 51, 60, "BBBBQBBBB" + trap + "SBBPBBMBBMF",
                              "QMMMSMM");
  add_builds<SyscallInstrsUserChip>(out, UserChip::SyscallInstrsUser, 117, 135, 145,
                                    "BBBBSBBPBBMBBMBBMBBM" + trap + "YBBBBBBBB", "SMMMMMMM");
  add_builds<rv::InstructionFetchChip>(out, UserChip::InstructionFetch, 36, 13, 12, "BBBBBBMDR", "MF");
  add_builds<rv::InstructionDecodeChip>(out, UserChip::InstructionDecode, 61, 163, 161, "", "D");
  std::string restore_sends = "B", restore_receives;
  for (size_t i = 0; i < rv::kSigReturnRegisters; ++i) {
    restore_sends += "BBBBBMBBM";
    restore_receives += "MM";
  }
  add_builds<rv::SigReturnChip>(out, UserChip::SigReturn, 660, 411, 410, restore_sends, restore_receives + "Y");
  return out;
}

TEST(Sp1RiscvUserMode, LayoutsAndInteractionsAreSp1s) {
  for (const UserCase& c : chips()) {
    SCOPED_TRACE(name_of(c));
    expect_layout_and_interactions(c);
  }
}

TEST(Sp1RiscvUserMode, NamesAreRiscvAirs) {
  EXPECT_STREQ(rv::TrapExecChip<Features::Mprotect>::kName, "TrapExec");
  EXPECT_STREQ(rv::TrapMemChip<Features::Mprotect>::kName, "TrapMem");
  EXPECT_STREQ((rv::SyscallInstrsChip<TrustMode::User, Features::Mprotect>::kName), "SyscallInstrsUser");
  EXPECT_STREQ((rv::SyscallInstrsChip<TrustMode::Supervisor, Features::Mprotect>::kName), "SyscallInstrs");
  EXPECT_STREQ(rv::InstructionFetchChip<Features::Mprotect>::kName, "InstructionFetch");
  EXPECT_STREQ(rv::InstructionDecodeChip<Features::Mprotect>::kName, "InstructionDecode");
  EXPECT_STREQ(rv::SigReturnChip<Features::Mprotect>::kName, "SigReturn");
}

std::optional<air::Violation> check_user(const UserCase& c, const RiscvChipTrace& t) {
  return air::first_violation(*c.chip, air::TraceView{t.main, {}, t.rows}, user_public_values());
}

TEST(Sp1RiscvUserMode, TracesSatisfyEveryConstraint) {
  for (const UserCase& c : chips()) {
    if (c.features != Features::Mprotect) continue;
    SCOPED_TRACE(name_of(c));
    const RiscvChipTrace t = trace_of(c.kind, shard());
    EXPECT_EQ(t.name, c.chip->name());
    EXPECT_EQ(t.width, c.chip->width());
    EXPECT_GE(events_of(c.kind, shard()), 3u);
    EXPECT_EQ(t.rows, air::padded_height(events_of(c.kind, shard())));
    const auto v = check_user(c, t);
    EXPECT_FALSE(v) << "row " << v->row << " constraint " << v->constraint;
  }
}

// SP1 pads with zero rows (16 without events, up to a multiple of 32 with them),
// which satisfy every constraint.
TEST(Sp1RiscvUserMode, PaddingRowsAreSp1s) {
  const Shard empty;
  for (const UserCase& c : chips()) {
    if (c.features != Features::Mprotect) continue;
    SCOPED_TRACE(name_of(c));
    const RiscvChipTrace none = trace_of(c.kind, empty);
    EXPECT_EQ(none.rows, 16u);
    for (const Felt& x : none.main) ASSERT_TRUE(x.is_zero());
    EXPECT_FALSE(check_user(c, none));
    const RiscvChipTrace t = trace_of(c.kind, shard());
    for (size_t i = events_of(c.kind, shard()) * t.width; i < t.main.size(); ++i) ASSERT_TRUE(t.main[i].is_zero());
  }
}

// The default build keeps these chips empty: a real row breaks a constraint (on
// row 0). SyscallInstrsUser has no rows without untrusted code, SyscallInstrs
// none with it.
TEST(Sp1RiscvUserMode, DefaultBuildKeepsTheChipsEmpty) {
  for (const UserCase& c : chips()) {
    if (c.features != Features::Default) continue;
    SCOPED_TRACE(name_of(c));
    const RiscvChipTrace t = trace_of(c.kind, shard());
    const auto v = air::first_violation(*c.chip, air::TraceView{t.main, {}, t.rows}, public_values(true));
    ASSERT_TRUE(v);
    EXPECT_EQ(v->row, 0u);
  }
  RiscvTraceOptions trusted;
  trusted.mode = TrustMode::User;
  EXPECT_EQ(syscall_instrs_trace(shard().syscalls, trusted).rows, 0u);
  RiscvTraceOptions supervisor = user_options();
  supervisor.mode = TrustMode::Supervisor;
  EXPECT_EQ(syscall_instrs_trace(shard().syscalls, supervisor).rows, 0u);
}

// InstructionFetch, InstructionDecode and SigReturn assert untrusted code is
// enabled, in both builds (even on padding rows), so they have no rows without
// it; MPROTECT needs it too.
TEST(Sp1RiscvUserMode, FetchAndDecodeNeedUntrustedCode) {
  for (const UserCase& c : chips()) {
    if (c.kind != UserChip::InstructionFetch && c.kind != UserChip::InstructionDecode && c.kind != UserChip::SigReturn)
      continue;
    SCOPED_TRACE(name_of(c));
    const RiscvChipTrace t = trace_of(c.kind, Shard{});
    EXPECT_TRUE(air::first_violation(*c.chip, air::TraceView{t.main, {}, t.rows}, public_values(false)));
    EXPECT_EQ(trace_of(c.kind, Shard{}, RiscvTraceOptions{}).rows, 0u);
    EXPECT_THROW(trace_of(c.kind, shard(), RiscvTraceOptions{}), std::invalid_argument);
  }
  const std::vector<UserCase> all = chips();
  const UserCase& ecalls = all[5];
  ASSERT_EQ(ecalls.kind, UserChip::SyscallInstrsUser);
  auto pv = user_public_values();
  pv[rv::kIsUntrustedProgramsEnabled] = Felt::zero();
  const RiscvChipTrace t = trace_of(UserChip::SyscallInstrsUser, shard());
  EXPECT_TRUE(air::first_violation(*ecalls.chip, air::TraceView{t.main, {}, t.rows}, pv));
}

// Under `mprotect` a trap needs the handler, at the public values' context.
TEST(Sp1RiscvUserMode, TrapsNeedTheHandlerAndItsContext) {
  for (const UserCase& c : chips()) {
    if (c.features != Features::Mprotect || c.kind == UserChip::InstructionFetch ||
        c.kind == UserChip::InstructionDecode || c.kind == UserChip::SigReturn)
      continue;
    SCOPED_TRACE(name_of(c));
    const RiscvChipTrace t = trace_of(c.kind, shard());
    auto no_handler = user_public_values();
    no_handler[rv::kTrapHandler.enable_trap_handler] = Felt::zero();
    EXPECT_TRUE(air::first_violation(*c.chip, air::TraceView{t.main, {}, t.rows}, no_handler));
    auto moved = user_public_values();
    moved[rv::kTrapHandler.trap_context[1][0]] = moved[rv::kTrapHandler.trap_context[1][0]] + Felt::from_canonical(8);
    EXPECT_TRUE(air::first_violation(*c.chip, air::TraceView{t.main, {}, t.rows}, moved));
  }
}

// The messages a set of chips sends of `kind` less those it receives, as a
// multiset of values.
using ChipTraces = std::vector<std::pair<const MachineChip*, RiscvChipTrace>>;
std::map<std::vector<uint32_t>, int64_t> balance(const ChipTraces& chips, InteractionKind kind) {
  std::map<std::vector<uint32_t>, int64_t> out;
  const auto pv = user_public_values();
  for (const auto& [chip, t] : chips)
    for (size_t r = 0; r < t.rows; ++r) {
      const auto e = chip->eval(std::span<const Felt>(t.main.data() + r * t.width, t.width), {}, pv);
      const auto add = [&](const auto& list, int64_t sign) {
        for (const auto& i : list) {
          if (i.kind != kind || i.multiplicity.is_zero()) continue;
          std::vector<uint32_t> key;
          for (const Felt& v : i.values) key.push_back(v.to_canonical());
          if ((out[key] += sign * int64_t(i.multiplicity.to_canonical())) == 0) out.erase(key);
        }
      };
      add(e.sends, 1);
      add(e.receives, -1);
    }
  return out;
}

// TrapMem's untrusted loads and stores send the fetches InstructionFetch receives
// (the instruction as the reader has it, its fields, pc and clk); InstructionFetch
// sends the decodings InstructionDecode receives, each word as often as fetched.
TEST(Sp1RiscvUserMode, FetchesAndDecodingsBalance) {
  const std::vector<UserCase> all = chips();
  const auto chip = [&](UserChip k) {
    for (const UserCase& c : all)
      if (c.kind == k && c.features == Features::Mprotect) return c.chip.get();
    throw std::logic_error("no chip");
  };
  const Shard& s = shard();
  // The fetches of TrapMem's untrusted rows, then the untrusted code's own.
  Shard trapped;
  trapped.fetches.assign(s.fetches.begin(), s.fetches.begin() + 11);
  const auto fetches = balance({{chip(UserChip::TrapMem), trace_of(UserChip::TrapMem, s)},
                                {chip(UserChip::InstructionFetch), trace_of(UserChip::InstructionFetch, trapped)}},
                               InteractionKind::InstructionFetch);
  EXPECT_TRUE(fetches.empty()) << fetches.size() << " fetch messages unmatched";
  const auto decodes = balance({{chip(UserChip::InstructionFetch), trace_of(UserChip::InstructionFetch, s)},
                                {chip(UserChip::InstructionDecode), trace_of(UserChip::InstructionDecode, s)}},
                               InteractionKind::InstructionDecode);
  EXPECT_TRUE(decodes.empty()) << decodes.size() << " decode messages unmatched";
  // A wrong count of a decoding does not balance.
  Shard other = s;
  other.decodes.front().multiplicity += 1;
  EXPECT_FALSE(balance({{chip(UserChip::InstructionFetch), trace_of(UserChip::InstructionFetch, other)},
                        {chip(UserChip::InstructionDecode), trace_of(UserChip::InstructionDecode, other)}},
                       InteractionKind::InstructionDecode)
                   .empty());
}

// A corrupted cell is found at its row: each chip's outcome column (trap code,
// address, next pc, selected word, a decoded bit, a frame word's address) on
// its third row.
TEST(Sp1RiscvUserMode, CorruptedCellsAreFoundAtTheirRow) {
  const std::map<UserChip, size_t> column{
      {UserChip::TrapExec, rv::TrapExecChip<Features::Mprotect>::kMain.trap_code},
      {UserChip::TrapMem, rv::TrapMemChip<Features::Mprotect>::kMain.addr_operation.value[0]},
      {UserChip::SyscallInstrsUser, SyscallInstrsUserChip<Features::Mprotect>::kMain.next_pc[0]},
      {UserChip::InstructionFetch, rv::InstructionFetchChip<Features::Mprotect>::kMain.selected_word[1]},
      {UserChip::InstructionDecode, rv::InstructionDecodeChip<Features::Mprotect>::kMain.encoded_instruction_bits[3]},
      {UserChip::SigReturn, rv::SigReturnChip<Features::Mprotect>::kMain.addrs[7].value[0]}};
  for (const UserCase& c : chips()) {
    if (c.features != Features::Mprotect) continue;
    SCOPED_TRACE(name_of(c));
    RiscvChipTrace t = trace_of(c.kind, shard());
    Felt& cell = t.main[2 * t.width + column.at(c.kind)];
    cell = cell + Felt::one();
    const auto v = check_user(c, t);
    ASSERT_TRUE(v);
    EXPECT_EQ(v->row, 2u);
  }
}

TEST(Sp1RiscvUserMode, EveryColumnMatters) {
  for (const UserCase& c : chips()) {
    if (c.features != Features::Mprotect) continue;
    SCOPED_TRACE(name_of(c));
    expect_every_column_matters_under(c, trace_of(c.kind, shard()), events_of(c.kind, shard()), user_public_values());
  }
}

TEST(Sp1RiscvUserMode, InconsistentEventsAreRefused) {
  Shard s = shard();
  s.fetches[0].encoded_instruction ^= 1u << 7;  // another rd
  EXPECT_THROW(instruction_fetch_trace(s.fetches), std::invalid_argument);
  s.decodes[0].encoded_instruction ^= 1u << 7;
  EXPECT_THROW(instruction_decode_trace(s.decodes), std::invalid_argument);
  s.trap_exec[1].page_prot_record.timestamp = s.trap_exec[1].clk;
  EXPECT_THROW(trap_exec_trace(s.trap_exec), std::invalid_argument);
  s.trap_mem[0].instr.opcode = Op::add;
  EXPECT_THROW(trap_mem_trace(s.trap_mem), std::invalid_argument);
  zkvm::ShardRecord record;
  record.precompiles = s.sig_returns;
  record.precompiles[1].memory[40].value += 1;  // x10 restored with another value
  EXPECT_THROW(sigreturn_trace(record), std::invalid_argument);
}

}  // namespace
}  // namespace zkgpu::sp1::riscv
