// The RV64IM interpreter loop over pre-decoded instructions: one switch, the
// instruction pointer and counter in registers, and nothing else on the hot path.
// It returns to the executor (executor.cpp) only for ECALLs, faults, jumps out of
// the decoded range, and the end of the instruction budget.
//
// Compile-time policy:
//  - kUser: SP1 "user mode": every load/store checks its page's permission.
//  - kUnconstrained: inside an unconstrained block every store logs the old word
//    so that leaving the block restores memory.
//  - Hooks: NoHooks (plain execution) compiles to nothing. An active hooks type
//    (Hooks::kActive) has `bool step(const Step&)`, called after each instruction
//    the loop completes (ECALLs are reported by the executor, which runs them);
//    returning true stops the loop there with Stop::paused, pc at the next
//    instruction, so that a caller can end a shard and resume later.
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>

#include "zkvm/cpu.hpp"
#include "zkvm/instruction.hpp"
#include "zkvm/memory.hpp"
#include "zkvm/rv64_division.hpp"

namespace zkgpu::zkvm {

struct NoHooks {
  static constexpr bool kActive = false;
  static constexpr bool kUnconstrained = false;
};

// What an active hooks type sees of one completed instruction: the decoded
// instruction and the raw values around it. Registers are by the decoded
// numbers (a write to x0 goes to kScratchReg).
struct Step {
  uint64_t pc = 0, next_pc = 0;
  uint64_t count = 0;             // instructions executed before this one
  Inst in{};
  uint64_t rs1 = 0, rs2 = 0;      // x[in.rs1], x[in.rs2] before the instruction
  uint64_t rd_prev = 0, rd = 0;   // x[in.rd] before and after
  uint64_t addr = 0;              // loads and stores: the byte address
  uint64_t word_prev = 0, word = 0;  // and the 8-byte word holding it, before and after
};

// What an active hooks type sees of one ECALL, after the executor ran it
// (`bool syscall(const SyscallStep&)`; true pauses the run after it).
struct SyscallStep {
  uint64_t pc = 0, next_pc = 0;
  uint64_t count = 0;                 // instructions executed before this one
  uint32_t code = 0;                  // t0 (x5) at the ECALL
  uint64_t a0 = 0, a1 = 0;            // x10, x11 before the syscall
  uint64_t result = 0;                // x5 after it
  uint32_t exit_code = 0;             // the guest's exit code so far (HALT sets it)
  std::optional<TrapContextWords> trap;  // user mode: a page check of the call failed
};

namespace detail {
__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

using rv64::sext32, rv64::div64, rv64::rem64, rv64::divw, rv64::divuw, rv64::remw, rv64::remuw;

inline bool branch_taken(Op op, uint64_t a, uint64_t b) {
  switch (op) {
    case Op::beq: return a == b;
    case Op::bne: return a != b;
    case Op::blt: return int64_t(a) < int64_t(b);
    case Op::bge: return int64_t(a) >= int64_t(b);
    case Op::bltu: return a < b;
    default: return a >= b;  // bgeu
  }
}
}  // namespace detail

template <bool kUser, bool kUnconstrained, class Hooks>
Stop interpret(Cpu& cpu, Memory& memory, const CodeView& view, uint64_t limit, Hooks& hooks) {
  using namespace detail;
  uint64_t* const x = cpu.x;
  uint8_t* const mem = memory.at(0);
  const Inst* const code = view.code;
  const Inst* ip = code + ((cpu.pc - view.base) >> 2);
  uint64_t count = cpu.count;
  Stop stop;

  auto pc_of = [&](const Inst* p) { return view.base + 4 * uint64_t(p - code); };
  // Data access checks: alignment and range in one test, then the page permission.
  auto access_ok = [&](uint64_t a, uint64_t align_mask, uint8_t need) {
    if ((a & align_mask) | (a >> kLogMemorySize)) {
      cpu.fault = {(a & align_mask) ? FaultKind::misaligned : FaultKind::out_of_range, a, 0};
      return false;
    }
    if constexpr (kUser) {
      if (!(memory.prot(a) & need)) {
        cpu.fault = {FaultKind::protection, a, need == kProtRead ? kTrapRead : kTrapWrite};
        return false;
      }
    }
    return true;
  };
  auto load = [&]<class T>(T*, uint64_t a) {
    T v;
    std::memcpy(&v, mem + a, sizeof(T));
    return v;
  };
  auto store = [&]<class T>(uint64_t a, T v) {
    if constexpr (kUnconstrained) memory.log_word(a & ~uint64_t(7));
    std::memcpy(mem + a, &v, sizeof(T));
  };
  // Active hooks only: the step being executed, and reporting it done.
  [[maybe_unused]] Step step;
  [[maybe_unused]] auto word_at = [&](uint64_t a) { return load(static_cast<uint64_t*>(nullptr), a & ~uint64_t(7)); };
  [[maybe_unused]] auto done = [&](auto& h, uint64_t next_pc) {  // generic: only active hooks instantiate it
    step.next_pc = next_pc;
    step.rd = x[step.in.rd];
    return h.step(step);
  };

// ZK_DONE(next): the instruction is complete; active hooks see it and may stop.
#define ZK_DONE(next)                        \
  if constexpr (Hooks::kActive) {            \
    if (done(hooks, next)) {                 \
      cpu.pc = next;                         \
      stop = Stop::paused;                   \
      goto out;                              \
    }                                        \
  }
#define ZK_NEXT          \
  ZK_DONE(pc_of(ip + 1)) \
  ++ip;                  \
  continue
#define ZK_LOAD(T, mask, expr)                                                        \
  {                                                                                   \
    const uint64_t a = x[in.rs1] + uint64_t(int64_t(in.imm));                         \
    if (!access_ok(a, mask, kProtRead)) goto fault;                                   \
    if constexpr (Hooks::kActive) step.addr = a, step.word_prev = step.word = word_at(a); \
    x[in.rd] = expr(load(static_cast<T*>(nullptr), a));                               \
    ZK_NEXT;                                                                          \
  }
#define ZK_STORE(T, mask)                                                             \
  {                                                                                   \
    const uint64_t a = x[in.rs1] + uint64_t(int64_t(in.imm));                         \
    if (!access_ok(a, mask, kProtWrite)) goto fault;                                  \
    if constexpr (Hooks::kActive) step.addr = a, step.word_prev = word_at(a);         \
    store(a, T(x[in.rs2]));                                                           \
    if constexpr (Hooks::kActive) step.word = word_at(a);                             \
    ZK_NEXT;                                                                          \
  }
#define ZK_BRANCH(cond)                                                               \
  if (cond) {                                                                         \
    ip += in.imm >> 2;                                                                \
    ZK_DONE(pc_of(ip))                                                                \
    if (count >= limit) goto out_of_budget;                                           \
    continue;                                                                         \
  }                                                                                   \
  ZK_NEXT

  for (;;) {
    const Inst in = *ip;
    if constexpr (Hooks::kActive) step = Step{pc_of(ip), 0, count, in, x[in.rs1], x[in.rs2], x[in.rd], 0, 0, 0, 0};
    ++count;
    const uint64_t imm = uint64_t(int64_t(in.imm));
    switch (in.op) {
      case Op::add: x[in.rd] = x[in.rs1] + x[in.rs2]; ZK_NEXT;
      case Op::sub: x[in.rd] = x[in.rs1] - x[in.rs2]; ZK_NEXT;
      case Op::sll: x[in.rd] = x[in.rs1] << (x[in.rs2] & 63); ZK_NEXT;
      case Op::slt: x[in.rd] = int64_t(x[in.rs1]) < int64_t(x[in.rs2]); ZK_NEXT;
      case Op::sltu: x[in.rd] = x[in.rs1] < x[in.rs2]; ZK_NEXT;
      case Op::xor_: x[in.rd] = x[in.rs1] ^ x[in.rs2]; ZK_NEXT;
      case Op::srl: x[in.rd] = x[in.rs1] >> (x[in.rs2] & 63); ZK_NEXT;
      case Op::sra: x[in.rd] = uint64_t(int64_t(x[in.rs1]) >> (x[in.rs2] & 63)); ZK_NEXT;
      case Op::or_: x[in.rd] = x[in.rs1] | x[in.rs2]; ZK_NEXT;
      case Op::and_: x[in.rd] = x[in.rs1] & x[in.rs2]; ZK_NEXT;
      case Op::mul: x[in.rd] = x[in.rs1] * x[in.rs2]; ZK_NEXT;
      case Op::mulh: x[in.rd] = uint64_t((i128(int64_t(x[in.rs1])) * i128(int64_t(x[in.rs2]))) >> 64); ZK_NEXT;
      case Op::mulhsu: x[in.rd] = uint64_t((i128(int64_t(x[in.rs1])) * i128(x[in.rs2])) >> 64); ZK_NEXT;
      case Op::mulhu: x[in.rd] = uint64_t((u128(x[in.rs1]) * u128(x[in.rs2])) >> 64); ZK_NEXT;
      case Op::div: x[in.rd] = div64(x[in.rs1], x[in.rs2]); ZK_NEXT;
      case Op::divu: x[in.rd] = rv64::divu64(x[in.rs1], x[in.rs2]); ZK_NEXT;
      case Op::rem: x[in.rd] = rem64(x[in.rs1], x[in.rs2]); ZK_NEXT;
      case Op::remu: x[in.rd] = rv64::remu64(x[in.rs1], x[in.rs2]); ZK_NEXT;
      case Op::addw: x[in.rd] = sext32(x[in.rs1] + x[in.rs2]); ZK_NEXT;
      case Op::subw: x[in.rd] = sext32(x[in.rs1] - x[in.rs2]); ZK_NEXT;
      case Op::sllw: x[in.rd] = sext32(uint32_t(x[in.rs1]) << (x[in.rs2] & 31)); ZK_NEXT;
      case Op::srlw: x[in.rd] = sext32(uint32_t(x[in.rs1]) >> (x[in.rs2] & 31)); ZK_NEXT;
      case Op::sraw: x[in.rd] = sext32(uint32_t(int32_t(x[in.rs1]) >> (x[in.rs2] & 31))); ZK_NEXT;
      case Op::mulw: x[in.rd] = sext32(uint32_t(x[in.rs1]) * uint32_t(x[in.rs2])); ZK_NEXT;
      case Op::divw: x[in.rd] = divw(x[in.rs1], x[in.rs2]); ZK_NEXT;
      case Op::divuw: x[in.rd] = divuw(x[in.rs1], x[in.rs2]); ZK_NEXT;
      case Op::remw: x[in.rd] = remw(x[in.rs1], x[in.rs2]); ZK_NEXT;
      case Op::remuw: x[in.rd] = remuw(x[in.rs1], x[in.rs2]); ZK_NEXT;

      case Op::addi: x[in.rd] = x[in.rs1] + imm; ZK_NEXT;
      case Op::slti: x[in.rd] = int64_t(x[in.rs1]) < int64_t(imm); ZK_NEXT;
      case Op::sltiu: x[in.rd] = x[in.rs1] < imm; ZK_NEXT;
      case Op::xori: x[in.rd] = x[in.rs1] ^ imm; ZK_NEXT;
      case Op::ori: x[in.rd] = x[in.rs1] | imm; ZK_NEXT;
      case Op::andi: x[in.rd] = x[in.rs1] & imm; ZK_NEXT;
      case Op::slli: x[in.rd] = x[in.rs1] << in.imm; ZK_NEXT;
      case Op::srli: x[in.rd] = x[in.rs1] >> in.imm; ZK_NEXT;
      case Op::srai: x[in.rd] = uint64_t(int64_t(x[in.rs1]) >> in.imm); ZK_NEXT;
      case Op::addiw: x[in.rd] = sext32(x[in.rs1] + imm); ZK_NEXT;
      case Op::slliw: x[in.rd] = sext32(uint32_t(x[in.rs1]) << in.imm); ZK_NEXT;
      case Op::srliw: x[in.rd] = sext32(uint32_t(x[in.rs1]) >> in.imm); ZK_NEXT;
      case Op::sraiw: x[in.rd] = sext32(uint32_t(int32_t(x[in.rs1]) >> in.imm)); ZK_NEXT;
      case Op::lui: x[in.rd] = imm; ZK_NEXT;
      case Op::auipc: x[in.rd] = pc_of(ip) + imm; ZK_NEXT;

      case Op::lb: ZK_LOAD(int8_t, 0, uint64_t)
      case Op::lh: ZK_LOAD(int16_t, 1, uint64_t)
      case Op::lw: ZK_LOAD(int32_t, 3, uint64_t)
      case Op::ld: ZK_LOAD(uint64_t, 7, uint64_t)
      case Op::lbu: ZK_LOAD(uint8_t, 0, uint64_t)
      case Op::lhu: ZK_LOAD(uint16_t, 1, uint64_t)
      case Op::lwu: ZK_LOAD(uint32_t, 3, uint64_t)
      case Op::sb: ZK_STORE(uint8_t, 0)
      case Op::sh: ZK_STORE(uint16_t, 1)
      case Op::sw: ZK_STORE(uint32_t, 3)
      case Op::sd: ZK_STORE(uint64_t, 7)

      case Op::beq: ZK_BRANCH(x[in.rs1] == x[in.rs2]);
      case Op::bne: ZK_BRANCH(x[in.rs1] != x[in.rs2]);
      case Op::blt: ZK_BRANCH(int64_t(x[in.rs1]) < int64_t(x[in.rs2]));
      case Op::bge: ZK_BRANCH(int64_t(x[in.rs1]) >= int64_t(x[in.rs2]));
      case Op::bltu: ZK_BRANCH(x[in.rs1] < x[in.rs2]);
      case Op::bgeu: ZK_BRANCH(x[in.rs1] >= x[in.rs2]);
      case Op::jal:
        x[in.rd] = pc_of(ip) + 4;
        ip += in.imm >> 2;
        ZK_DONE(pc_of(ip))
        if (count >= limit) goto out_of_budget;
        continue;
      case Op::jalr: {
        const uint64_t target = (x[in.rs1] + imm) & ~uint64_t(1);
        x[in.rd] = pc_of(ip) + 4;
        const uint64_t off = target - view.base;
        if ((off & 3) || (off >> 2) >= view.size) {
          ZK_DONE(target)
          cpu.pc = target;
          stop = Stop::jump;
          goto out;
        }
        ip = code + (off >> 2);
        ZK_DONE(target)
        if (count >= limit) goto out_of_budget;
        continue;
      }
      case Op::branch_far:
        if (!branch_taken(Op(in.rd), x[in.rs1], x[in.rs2])) {
          ZK_NEXT;
        }
        ZK_DONE(pc_of(ip) + imm)
        cpu.pc = pc_of(ip) + imm;
        stop = Stop::jump;
        goto out;
      case Op::jal_far:
        x[in.rd] = pc_of(ip) + 4;
        ZK_DONE(pc_of(ip) + imm)
        cpu.pc = pc_of(ip) + imm;
        stop = Stop::jump;
        goto out;
      case Op::ecall:
        cpu.pc = pc_of(ip);
        stop = Stop::ecall;
        goto out;
      case Op::illegal:
        cpu.fault = {FaultKind::illegal, 0, 0};
        goto fault;
      case Op::end_of_code:
        --count;  // not an instruction
        cpu.pc = pc_of(ip);
        stop = Stop::jump;
        goto out;
    }
  }
#undef ZK_DONE
#undef ZK_NEXT
#undef ZK_LOAD
#undef ZK_STORE
#undef ZK_BRANCH

fault:
  cpu.pc = pc_of(ip);
  stop = Stop::fault;
  goto out;
out_of_budget:
  cpu.pc = pc_of(ip);
  stop = Stop::limit;
out:
  cpu.count = count;
  return stop;
}

}  // namespace zkgpu::zkvm
