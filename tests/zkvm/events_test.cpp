// The event recorder (zkvm/recorder.hpp) on hand-assembled guests and SP1's
// fixture programs: the records chain (each access's previous value and
// timestamp are the last access's), the register file is rebuilt from them,
// there is one event per executed instruction of the right kind, SP1's operand
// slots and timestamps hold, and a run paused every N instructions and resumed
// records exactly what an uninterrupted run records.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "guest_asm.hpp"
#include "user_mode_guest.hpp"
#include "zkvm/cpu.hpp"
#include "zkvm/page_checks.hpp"
#include "zkvm/recorder.hpp"
#include "zkvm/sp1_instruction.hpp"
#include "zkvm/stdin.hpp"
#include "zkvm/syscall_codes.hpp"

namespace zkgpu::zkvm::test {
namespace {

namespace fs = std::filesystem;

struct Recorded {
  EventRecorder rec;
  Report report;
  Cpu cpu;
  std::vector<uint64_t> pauses;  // instruction counts where the run paused
};

// Records a whole run; with `every` > 0 the run pauses every `every` instructions
// and is resumed, checking that each pause is where it was asked for.
std::unique_ptr<Recorded> record(const Program& program, std::vector<std::vector<uint8_t>> input, uint64_t every = 0) {
  auto out = std::make_unique<Recorded>();
  RecordingRun run(program, std::move(input));
  for (;;) {
    if (every) out->rec.stop_at(out->rec.instructions() + every);
    if (run.resume(out->rec)) break;
    EXPECT_EQ(out->rec.instructions(), run.cpu().count);
    EXPECT_TRUE(every && out->rec.instructions() % every == 0) << out->rec.instructions();
    out->pauses.push_back(out->rec.instructions());
  }
  out->report = run.report();
  out->cpu = run.cpu();
  return out;
}

struct Access {
  bool reg;
  MemoryAccess m;
  uint64_t hint_words = 0;  // > 0: HINT_READ made these words fresh from m.addr
};

std::vector<Access> all_accesses(const EventRecorder& r) {
  std::vector<Access> all;
  for (const auto* kind : {&r.alu, &r.memory, &r.branch, &r.jump, &r.utype})
    for (const InstrEvent& e : *kind) {
      if (e.used & InstrEvent::kA) all.push_back({true, e.ra});
      if (e.used & InstrEvent::kB) all.push_back({true, e.rb});
      if (e.used & InstrEvent::kC) all.push_back({true, e.rc});
      if (e.used & InstrEvent::kMemory) all.push_back({false, e.memory});
    }
  for (const SyscallEvent& e : r.syscalls)
    for (const MemoryAccess& m : {e.ra, e.rb, e.rc}) all.push_back({true, m});
  // A precompile's register reads (UINT256_*_CARRY's x12..x14) have the register's number as address.
  for (const MemoryAccess& m : r.syscall_memory) all.push_back({m.addr < 32, m});
  // A hint lands between its ECALL's register reads and anything after it.
  for (const EventRecorder::Hint& h : r.hints) {
    MemoryAccess m;
    m.addr = h.addr;
    m.timestamp = h.clk + 1;
    all.push_back({false, m, h.words});
  }
  std::stable_sort(all.begin(), all.end(), [](const Access& a, const Access& b) { return a.m.timestamp < b.m.timestamp; });
  return all;
}

// Every access continues the previous one of its register or memory word;
// registers start at zero with timestamp 0. Returns the registers' last values.
std::array<uint64_t, 32> expect_chained(const EventRecorder& r) {
  std::map<std::pair<bool, uint64_t>, MemoryAccess> last;
  int failures = 0;
  auto check = [&](bool ok, const Access& a, const char* what) {
    if (ok || ++failures > 5) return;
    ADD_FAILURE() << what << ": " << (a.reg ? "register " : "memory word ") << a.m.addr << " at timestamp "
                  << a.m.timestamp << " (prev value " << a.m.prev_value << ", prev timestamp " << a.m.prev_timestamp
                  << ", value " << a.m.value << ")";
  };
  for (const Access& a : all_accesses(r)) {
    if (a.hint_words) {
      for (uint64_t i = 0; i < a.hint_words; ++i) last.erase({false, a.m.addr + 8 * i});
      continue;
    }
    const auto key = std::make_pair(a.reg, a.m.addr);
    const auto it = last.find(key);
    if (it != last.end()) {
      check(a.m.prev_timestamp == it->second.timestamp, a, "previous timestamp is not the last access's");
      check(a.m.prev_value == it->second.value, a, "previous value is not the last access's");
    } else {
      check(a.m.prev_timestamp == 0, a, "first access with a previous timestamp");
      if (a.reg) check(a.m.prev_value == 0, a, "register not starting at zero");
    }
    check(a.m.timestamp > a.m.prev_timestamp, a, "timestamp not after the previous one");
    check(a.m.write || a.m.value == a.m.prev_value, a, "a read that changes the value");
    check(!a.reg || a.m.addr < 32, a, "no such register");
    check(a.reg || a.m.addr % 8 == 0, a, "memory word not 8-aligned");
    last[key] = a.m;
  }
  std::array<uint64_t, 32> regs{};
  for (const auto& [key, m] : last)
    if (key.first) regs[key.second] = m.value;
  return regs;
}

// The registers rebuilt from the records are the machine's and the recorder's.
void expect_registers(const Recorded& run) {
  const auto regs = expect_chained(run.rec);
  for (unsigned i = 0; i < 32; ++i) {
    EXPECT_EQ(regs[i], run.cpu.x[i]) << "x" << i;
    EXPECT_EQ(run.rec.registers()[i].value, run.cpu.x[i]) << "x" << i;
  }
}

std::string mnemonic(const std::string& text) { return text.substr(0, text.find(' ')); }

uint32_t word_at(const Program& p, uint64_t pc) { return p.code.at((pc - p.pc_base) / 4); }

// One event per instruction, of the kind its decoded op says, the counts per
// mnemonic those of the executor's step trace, and SP1's clock.
void expect_counts(const Program& program, const std::vector<std::vector<uint8_t>>& input, const Recorded& run) {
  ASSERT_TRUE(run.report.ok()) << run.report.error;
  ASSERT_EQ(run.report.unconstrained_instructions, 0u);
  std::map<std::string, uint64_t> events;
  auto count = [&](const std::vector<InstrEvent>& v, Op lo, Op hi, const char* kind) {
    for (const InstrEvent& e : v) {
      const uint32_t w = word_at(program, e.pc);
      Inst in = decode(w, e.pc, 0, 0);  // an empty range: branches keep their condition
      const Op op = in.op == Op::branch_far ? Op(in.rd) : in.op == Op::jal_far ? Op::jal : in.op;
      EXPECT_EQ(int(e.opcode), int(op)) << disassemble(w);
      EXPECT_TRUE(e.opcode >= lo && e.opcode <= hi) << kind << ": " << disassemble(w);
      ++events[mnemonic(disassemble(w))];
    }
  };
  count(run.rec.alu, Op::add, Op::sraiw, "alu");
  count(run.rec.utype, Op::lui, Op::auipc, "utype");
  count(run.rec.memory, Op::lb, Op::sd, "memory");
  count(run.rec.branch, Op::beq, Op::bgeu, "branch");
  count(run.rec.jump, Op::jal, Op::jalr, "jump");
  events["ecall"] += run.rec.syscalls.size();

  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  ExecOptions o;
  o.step_trace = f;
  const Report traced = execute(program, input, o);
  ASSERT_TRUE(traced.ok());
  std::rewind(f);
  std::map<std::string, uint64_t> trace;
  char line[256];
  while (std::fgets(line, sizeof line, f)) {
    std::istringstream in(line);
    std::string count_s, pc_s, op;
    in >> count_s >> pc_s >> op;
    ++trace[op];
  }
  std::fclose(f);
  EXPECT_EQ(events, trace);

  EXPECT_EQ(run.rec.instructions(), run.report.instructions);
  EXPECT_EQ(run.rec.clk(), run.report.clk);
  // SP1's clock: from 1, 8 per instruction and 256 more after an ECALL.
  std::vector<std::pair<uint64_t, bool>> clks;  // (clk, ecall)
  for (const auto* kind : {&run.rec.alu, &run.rec.memory, &run.rec.branch, &run.rec.jump, &run.rec.utype})
    for (const InstrEvent& e : *kind) clks.emplace_back(e.clk, false);
  for (const SyscallEvent& e : run.rec.syscalls) clks.emplace_back(e.clk, true);
  std::sort(clks.begin(), clks.end());
  uint64_t next = kInitialClk;
  for (const auto& [clk, ecall] : clks) {
    ASSERT_EQ(clk, next);
    next = clk + kClkInc + (ecall ? kSyscallClkInc : 0);
  }
  EXPECT_EQ(next, run.rec.clk());
  std::map<std::string, uint64_t> syscalls;
  for (const SyscallEvent& e : run.rec.syscalls) ++syscalls[std::string(syscall_name(e.code))];
  EXPECT_EQ(syscalls, run.report.syscalls);
}

// Pausing every `every` instructions changes nothing that is recorded.
void expect_resumes_identically(const Program& program, const std::vector<std::vector<uint8_t>>& input,
                                const Recorded& whole, uint64_t every) {
  const auto paused = record(program, input, every);
  EXPECT_EQ(paused->pauses.size(), whole.rec.instructions() / every - (whole.rec.instructions() % every == 0));
  EXPECT_EQ(paused->rec.alu, whole.rec.alu);
  EXPECT_EQ(paused->rec.memory, whole.rec.memory);
  EXPECT_EQ(paused->rec.branch, whole.rec.branch);
  EXPECT_EQ(paused->rec.jump, whole.rec.jump);
  EXPECT_EQ(paused->rec.utype, whole.rec.utype);
  EXPECT_EQ(paused->rec.syscalls, whole.rec.syscalls);
  EXPECT_EQ(paused->rec.syscall_memory, whole.rec.syscall_memory);
  EXPECT_EQ(paused->rec.hints, whole.rec.hints);
  EXPECT_EQ(paused->rec.clk(), whole.rec.clk());
  EXPECT_EQ(0, std::memcmp(paused->cpu.x, whole.cpu.x, sizeof whole.cpu.x));
  EXPECT_EQ(paused->cpu.pc, whole.cpu.pc);
  EXPECT_EQ(paused->report.instructions, whole.report.instructions);
  EXPECT_EQ(paused->report.clk, whole.report.clk);
  EXPECT_EQ(paused->report.exit_code, whole.report.exit_code);
  EXPECT_EQ(paused->report.public_values, whole.report.public_values);
  EXPECT_EQ(paused->report.committed_digest, whole.report.committed_digest);
  EXPECT_EQ(paused->report.guest_stdout, whole.report.guest_stdout);
}

// The first event of `op` (la may load from the GOT: not every ld is the body's).
const InstrEvent* first_of(const std::vector<InstrEvent>& v, Op op) {
  for (const InstrEvent& e : v)
    if (e.opcode == op) return &e;
  return nullptr;
}

// Every instruction kind, a write to x0, and each syscall family whose memory is recorded.
const char* kEveryKind = R"(
  la s1, scratch
  li a1, -5
  sb a1, 1(s1)
  sh a1, 2(s1)
  sw a1, 4(s1)
  sd a1, 8(s1)
  lb a2, 1(s1)
  lbu a3, 1(s1)
  lh a4, 2(s1)
  lhu a5, 2(s1)
  lw a6, 4(s1)
  lwu a7, 4(s1)
  ld t1, 8(s1)
  add x0, a1, a1
  lui t2, 0x12345
  auipc t3, 0
  mul t4, a1, a1
  divu t5, a1, t4
  sraiw t6, a1, 3
  li s2, 5
1:
  addi s2, s2, -1
  bnez s2, 1b
  jal ra, 2f
  j 3f
2:
  ret
3:
  addi a0, s1, 64        # KECCAK_PERMUTE on 25 zero words
  li a1, 0
  li t0, 0x00010109
  ecall
  addi a0, s1, 512       # SHA_EXTEND: w[0..16] = 1..16
  li s3, 1
4:
  sd s3, 0(a0)
  addi a0, a0, 8
  addi s3, s3, 1
  li s4, 17
  bne s3, s4, 4b
  addi a0, s1, 512
  li a1, 0
  li t0, 0x00300105
  ecall
  addi a0, s1, 512       # SHA_COMPRESS into h at scratch + 1024 (zeros)
  addi a1, s1, 1024
  li t0, 0x00010106
  ecall
  addi a0, s1, 1152      # POSEIDON2 on 8 words
  sd a1, 0(a0)
  li t0, 0x00000133
  ecall
  li s5, 3               # UINT256_MUL: x = 3 * 5 mod 2^256
  sd s5, 1280(s1)
  li s5, 5
  sd s5, 1344(s1)
  addi a0, s1, 1280
  addi a1, s1, 1344
  li t0, 0x0001011D
  ecall
  ld s6, 1280(s1)
  OUT s6
  OUT x0
)";

TEST(ZkvmEvents, EveryInstructionKindAndSyscallMemory) {
  const auto elf = assemble(kEveryKind);
  if (!elf) return;
  const Program program = load_elf(*elf);
  const auto run = record(program, {});
  ASSERT_TRUE(run->report.ok()) << run->report.error;
  EXPECT_EQ(words(run->report.public_values), (std::vector<uint64_t>{15, 0}));
  expect_registers(*run);
  expect_counts(program, {}, *run);
  expect_resumes_identically(program, {}, *run, 7);
  const EventRecorder& r = run->rec;

  // SP1's operand slots and positions (events.hpp).
  const InstrEvent* sb = first_of(r.memory, Op::sb);
  ASSERT_NE(sb, nullptr);
  EXPECT_EQ(sb->a, uint64_t(-5));
  EXPECT_EQ(sb->c, 1u);
  EXPECT_EQ(sb->memory.addr, sb->b);  // scratch is 8-aligned
  EXPECT_TRUE(sb->memory.write);
  EXPECT_EQ(sb->memory.value & 0xff00, 0xfb00u);
  EXPECT_EQ(sb->memory.timestamp, sb->clk + 1);
  EXPECT_EQ(sb->rb.timestamp, sb->clk + 3);
  EXPECT_EQ(sb->ra.timestamp, sb->clk + 4);
  EXPECT_EQ(sb->ra.addr, 11u);  // a1, the value register
  EXPECT_FALSE(sb->ra.write);
  const InstrEvent* lhu = first_of(r.memory, Op::lhu);
  ASSERT_NE(lhu, nullptr);
  EXPECT_EQ(lhu->a, 0xfffbu);
  EXPECT_FALSE(lhu->memory.write);
  EXPECT_EQ(lhu->memory.timestamp, lhu->clk + 1);
  EXPECT_TRUE(lhu->ra.write);
  EXPECT_EQ(lhu->ra.timestamp, lhu->clk + 4);
  const InstrEvent* add0 = first_of(r.alu, Op::add);
  ASSERT_NE(add0, nullptr);
  EXPECT_TRUE(add0->op_a_0);
  EXPECT_EQ(add0->a, 0u);
  EXPECT_EQ(add0->ra.addr, 0u);
  EXPECT_EQ(add0->ra.value, 0u);
  EXPECT_EQ(add0->b, uint64_t(-5));
  EXPECT_EQ(add0->rc.timestamp, add0->clk + 2);
  EXPECT_EQ(add0->rb.timestamp, add0->clk + 3);
  const InstrEvent* sraiw = first_of(r.alu, Op::sraiw);
  ASSERT_NE(sraiw, nullptr);
  EXPECT_EQ(sraiw->c, 3u);
  EXPECT_EQ(sraiw->used, InstrEvent::kA | InstrEvent::kB);
  const auto auipc = std::find_if(r.utype.begin(), r.utype.end(),
                                  [](const InstrEvent& e) { return e.opcode == Op::auipc && e.c == 0; });
  ASSERT_NE(auipc, r.utype.end());
  EXPECT_EQ(auipc->a, auipc->pc);
  EXPECT_EQ(auipc->b, 0u);
  const InstrEvent* jal = first_of(r.jump, Op::jal);
  ASSERT_NE(jal, nullptr);
  EXPECT_EQ(jal->a, jal->pc + 4);
  EXPECT_EQ(jal->b, 8u);  // over the "j 3f"
  EXPECT_EQ(jal->c, 0u);
  EXPECT_EQ(jal->next_pc, jal->pc + 8);
  const InstrEvent* bnez = first_of(r.branch, Op::bne);
  ASSERT_NE(bnez, nullptr);
  EXPECT_EQ(bnez->a, 4u);  // s2 after the first decrement
  EXPECT_EQ(bnez->ra.addr, 18u);
  EXPECT_EQ(bnez->ra.timestamp, bnez->clk + 4);
  EXPECT_EQ(bnez->rb.addr, 0u);
  EXPECT_EQ(bnez->next_pc, bnez->pc - 4);
  for (const SyscallEvent& e : r.syscalls) {
    EXPECT_EQ(e.rc.addr, 11u);
    EXPECT_EQ(e.rb.addr, 10u);
    EXPECT_EQ(e.ra.addr, 5u);
    EXPECT_EQ(e.ra.timestamp, e.clk + 4);
    EXPECT_EQ(e.next_pc, e.code == sys::HALT ? kHaltPc : e.pc + 4);
  }

  // Each syscall's memory words, at SP1's clock offsets.
  auto syscall_memory = [&](uint32_t code) {
    for (const SyscallEvent& e : r.syscalls)
      if (e.code == code)
        return std::make_pair(e.clk, std::vector<MemoryAccess>(r.syscall_memory.begin() + long(e.memory_begin),
                                                               r.syscall_memory.begin() + long(e.memory_end)));
    ADD_FAILURE() << "no syscall " << code;
    return std::make_pair(uint64_t(0), std::vector<MemoryAccess>{});
  };
  auto tally = [](const std::vector<MemoryAccess>& v, uint64_t clk) {
    std::map<std::pair<bool, uint64_t>, int> n;  // (write, clk offset) -> words
    for (const MemoryAccess& m : v) ++n[{m.write, m.timestamp - clk}];
    return n;
  };
  using Tally = std::map<std::pair<bool, uint64_t>, int>;
  {
    auto [clk, m] = syscall_memory(0x00010109);
    EXPECT_EQ(tally(m, clk), (Tally{{{false, 0}, 25}, {{true, 1}, 25}}));
  }
  {
    auto [clk, m] = syscall_memory(sys::SHA_EXTEND);
    Tally want;
    for (uint64_t i = 16; i < 64; ++i) want[{false, i - 15}] = 4, want[{true, i - 15}] = 1;
    EXPECT_EQ(tally(m, clk), want);
  }
  {
    auto [clk, m] = syscall_memory(sys::SHA_COMPRESS);
    EXPECT_EQ(tally(m, clk), (Tally{{{false, 0}, 8}, {{false, 1}, 64}, {{true, 2}, 8}}));
  }
  {
    auto [clk, m] = syscall_memory(sys::POSEIDON2);
    EXPECT_EQ(tally(m, clk), (Tally{{{true, 0}, 8}}));
  }
  {
    // y and the modulus read, x (read and written) one write per word.
    auto [clk, m] = syscall_memory(0x0001011D);
    EXPECT_EQ(tally(m, clk), (Tally{{{false, 0}, 8}, {{true, 1}, 4}}));
    ASSERT_EQ(m.size(), 12u);
    EXPECT_EQ(m[8].prev_value, 3u);
    EXPECT_EQ(m[8].value, 15u);
  }
}

TEST(ZkvmEvents, CurveDoublingWritesAtTheEcallsClock) {
  // BN254_DOUBLE of the generator (1, 2): the point is one write per word at
  // the ECALL's clk, its read not recorded (SP1's weierstrass/double.rs).
  const auto elf = assemble(R"(
  la s1, scratch
  li a1, 1
  sd a1, 0(s1)
  li a1, 2
  sd a1, 32(s1)
  mv a0, s1
  li a1, 0
  li t0, 0x0000010F
  ecall
  ld a2, 0(s1)
  OUT a2
)");
  if (!elf) return;
  const auto run = record(load_elf(*elf), {});
  ASSERT_TRUE(run->report.ok()) << run->report.error;
  EXPECT_EQ(words(run->report.public_values), (std::vector<uint64_t>{0xd3c208c16d87cfd3}));  // low word of 2G's x
  expect_registers(*run);
  const auto e = std::find_if(run->rec.syscalls.begin(), run->rec.syscalls.end(),
                              [](const SyscallEvent& s) { return s.code == 0x0000010F; });
  ASSERT_NE(e, run->rec.syscalls.end());
  ASSERT_EQ(e->memory_end - e->memory_begin, 8u);
  for (size_t i = e->memory_begin; i < e->memory_end; ++i) {
    const MemoryAccess& m = run->rec.syscall_memory[i];
    EXPECT_TRUE(m.write);
    EXPECT_EQ(m.timestamp, e->clk);
    EXPECT_EQ(m.prev_value, i - e->memory_begin == 0 ? 1u : i - e->memory_begin == 4 ? 2u : 0u);
  }
}

TEST(ZkvmEvents, CarryOperationsReadTheirPointerRegistersAndBumpPerOperand) {
  // UINT256_ADD_CARRY with a, b, c, d and e all at scratch, whose low word is 5:
  // x12..x14 read at clk, a's words read at clk, b's at clk + 1, c's at clk + 2,
  // d = 15 written at clk + 3 and e = 0 at clk + 4, each access after the one
  // before it (SP1's vm/syscall/uint256_ops.rs).
  const auto elf = assemble(R"(
  la a0, scratch
  li a1, 5
  sd a1, 0(a0)
  mv a1, a0
  mv a2, a0
  mv a3, a0
  mv a4, a0
  li t0, 0x00010130
  ecall
  ld a2, 0(a0)
  OUT a2
)");
  if (!elf) return;
  const auto run = record(load_elf(*elf), {});
  ASSERT_TRUE(run->report.ok()) << run->report.error;
  EXPECT_EQ(words(run->report.public_values), (std::vector<uint64_t>{0}));  // e overwrote d
  expect_registers(*run);
  const auto e = std::find_if(run->rec.syscalls.begin(), run->rec.syscalls.end(),
                              [](const SyscallEvent& s) { return s.code == 0x00010130; });
  ASSERT_NE(e, run->rec.syscalls.end());
  ASSERT_EQ(e->memory_end - e->memory_begin, 3u + 5 * 4);
  const MemoryAccess* m = &run->rec.syscall_memory[e->memory_begin];
  const uint64_t scratch = e->arg1;
  for (unsigned r = 0; r < 3; ++r) {
    EXPECT_EQ(m[r].addr, 12u + r);
    EXPECT_EQ(m[r].value, scratch);
    EXPECT_EQ(m[r].timestamp, e->clk);
    EXPECT_FALSE(m[r].write);
  }
  for (size_t k = 0; k < 5; ++k)
    for (size_t i = 0; i < 4; ++i) {
      const MemoryAccess& w = m[3 + 4 * k + i];
      EXPECT_EQ(w.addr, scratch + 8 * i);
      EXPECT_EQ(w.timestamp, e->clk + k);
      EXPECT_EQ(w.write, k >= 3);
      if (k > 0) {
        EXPECT_EQ(w.prev_timestamp, e->clk + k - 1);
      }
      if (i == 0) {
        EXPECT_EQ(w.prev_value, k == 4 ? 15u : 5u);
        EXPECT_EQ(w.value, k < 3 ? 5u : k == 3 ? 15u : 0u);
      }
    }
}

TEST(ZkvmEvents, UnconstrainedBlocksAreOneEcall) {
  // ENTER_UNCONSTRAINED ... EXIT_UNCONSTRAINED: nothing inside is recorded; the
  // ENTER ecall writes 0 to t0 as SP1's tracing executor does.
  const auto elf = assemble(R"(
  li t0, 3
  ecall
  beqz t0, 1f
  li a1, 77
  li t0, 4
  ecall
1:
  OUT t0
  OUT a1
)");
  if (!elf) return;
  const Program program = load_elf(*elf);
  const auto run = record(program, {});
  ASSERT_TRUE(run->report.ok()) << run->report.error;
  EXPECT_EQ(words(run->report.public_values), (std::vector<uint64_t>{0, 0}));
  EXPECT_EQ(run->report.unconstrained_instructions, 4u);  // beqz, li, li, ecall
  expect_registers(*run);
  EXPECT_EQ(run->rec.instructions(), run->report.instructions);
  EXPECT_EQ(run->rec.clk(), run->report.clk);
  ASSERT_FALSE(run->rec.syscalls.empty());
  EXPECT_EQ(run->rec.syscalls.front().code, sys::ENTER_UNCONSTRAINED);
  EXPECT_EQ(run->rec.syscalls.front().ra.value, 0u);
  for (const SyscallEvent& e : run->rec.syscalls) EXPECT_NE(e.code, sys::EXIT_UNCONSTRAINED);
}

TEST(ZkvmEvents, HintedMemoryStartsAfresh) {
  // A word stored to, then overwritten by HINT_READ: SP1 makes it fresh memory
  // (timestamp 0, the hint as its value), so the next load continues from there.
  const auto elf = assemble(R"(
  la s1, scratch
  li a1, 9
  sd a1, 0(s1)
  li t0, 0xF0
  ecall
  mv a1, t0
  mv a0, s1
  li t0, 0xF1
  ecall
  ld a2, 0(s1)
  OUT a2
)");
  if (!elf) return;
  const auto run = record(load_elf(*elf), {u64_entry(1234)});
  ASSERT_TRUE(run->report.ok()) << run->report.error;
  EXPECT_EQ(words(run->report.public_values), (std::vector<uint64_t>{1234}));
  expect_registers(*run);
  ASSERT_EQ(run->rec.hints.size(), 1u);
  EXPECT_EQ(run->rec.hints[0].words, 2u);  // the value and the zero word after it
  const auto ld = std::find_if(run->rec.memory.begin(), run->rec.memory.end(),
                              [](const InstrEvent& e) { return e.opcode == Op::ld && e.ra.addr == 12; });  // into a2
  ASSERT_NE(ld, run->rec.memory.end());
  EXPECT_EQ(ld->memory.addr, run->rec.hints[0].addr);
  EXPECT_EQ(ld->memory.prev_timestamp, 0u);
  EXPECT_EQ(ld->memory.prev_value, 1234u);
}

// User mode (SP1's UserMode tracing VM, tracing.rs): every load and store has its
// page's record before the access, checked at clk + 1; a store the page refuses is
// a TrapMemEvent (its registers, the page's record, the trap context's handler
// read and code and pc written at clk) and no memory event; each shard's local
// page events run from the first record before to the last check.
TEST(ZkvmEvents, UserModeTrapsAndPageChecksAreRecorded) {
  const auto program = user_mode_guest(3);
  if (!program) return;
  const auto run = record(*program, {}, 7);  // paused on the way: the page state carries over
  ASSERT_TRUE(run->report.ok()) << run->report.error;
  EXPECT_EQ(words(run->report.public_values), (std::vector<uint64_t>{3, kTrapWrite}));
  const EventRecorder& rec = run->rec;
  ASSERT_EQ(rec.memory_page_prot.size(), rec.memory.size());
  // Every page check, loads', stores' and traps' alike, in clock order: each record
  // is the page's previous check.
  std::map<uint64_t, std::pair<const InstrEvent*, const PageProtRecord*>> checks;
  for (size_t i = 0; i < rec.memory.size(); ++i) checks[rec.memory[i].clk] = {&rec.memory[i], &rec.memory_page_prot[i]};
  for (const TrapMemEvent& t : rec.trap_mem_events) checks[t.instr.clk] = {&t.instr, &t.page_prot_access};
  std::map<uint64_t, uint64_t> last;  // page -> last check
  for (const auto& [clk, check] : checks) {
    const auto [e, p] = check;
    EXPECT_EQ(p->page_idx, (e->b + e->c) >> kLogPageSize);
    EXPECT_EQ(p->timestamp, last[p->page_idx]);
    last[p->page_idx] = clk + 1;
  }
  const uint64_t code_page = program->entry >> kLogPageSize;
  ASSERT_EQ(rec.trap_mem_events.size(), 3u);
  uint64_t prev_code_ts = 0;
  for (const TrapMemEvent& t : rec.trap_mem_events) {
    const InstrEvent& e = t.instr;
    EXPECT_EQ(e.opcode, Op::sd);
    EXPECT_FALSE(t.untrusted);
    EXPECT_EQ(e.used, InstrEvent::kA | InstrEvent::kB);
    EXPECT_EQ(e.rb.addr, 18u);  // s2, the base
    EXPECT_EQ(e.ra.addr, 6u);   // t1, the value
    EXPECT_EQ(e.rb.timestamp, e.clk + 3);
    EXPECT_EQ(e.ra.timestamp, e.clk + 4);
    EXPECT_FALSE(e.ra.write);
    EXPECT_EQ(e.b + e.c, program->entry);
    // The load just before read the same page at clk - 16 + 1.
    EXPECT_EQ(t.page_prot_access.page_idx, code_page);
    EXPECT_EQ(t.page_prot_access.page_prot, kProtRead | kProtExec);
    EXPECT_EQ(t.page_prot_access.timestamp, e.clk - 16 + 1);
    const TrapResult& r = t.trap_result;
    EXPECT_EQ(r.context, kUserModeTrapContext);
    EXPECT_EQ(r.handler_record.value, e.next_pc);
    EXPECT_FALSE(r.handler_record.write);
    EXPECT_EQ(r.code_record.value, kTrapWrite);
    EXPECT_EQ(r.code_record.prev_timestamp, prev_code_ts);
    EXPECT_EQ(r.pc_record.value, e.pc);
    for (const MemoryAccess* m : {&r.handler_record, &r.code_record, &r.pc_record}) EXPECT_EQ(m->timestamp, e.clk);
    prev_code_ts = e.clk;
  }
  EXPECT_EQ(rec.checked_pages().at(code_page).timestamp, rec.trap_mem_events.back().instr.clk + 1);
}

// User-mode syscalls (SP1's UserMode tracing VM: vm/syscall/precompiles/*,
// mprotect.rs, sig_return.rs): a precompile call checks its slices' pages (slice k
// at clk + k) and keeps each page's record before the check; a failed check traps
// the call (the trap context's words at clk, no memory); MPROTECT sets its page at
// clk; a deferred call's pages are its own local events; SIG_RETURN reads its
// frame and restores x1..x31 at clk + 5. Every page record, of loads and stores
// too, is the page's previous access.
TEST(ZkvmEvents, UserModeSyscallsRecordTheirPages) {
  const auto program = user_mode_syscall_guest();
  if (!program) return;
  const auto run = record(*program, {}, 5);
  ASSERT_TRUE(run->report.ok()) << run->report.error;
  EXPECT_EQ(words(run->report.public_values), (std::vector<uint64_t>{kUserModeSyscallTraps, kTrapWrite}));
  const EventRecorder& rec = run->rec;

  // Every page access in clock order: (page, record before, record after).
  struct Access {
    uint64_t page;
    PageProtRecord before;
    uint8_t prot_after;
  };
  std::multimap<uint64_t, Access> accesses;
  for (size_t i = 0; i < rec.memory.size(); ++i) {
    const PageProtRecord& p = rec.memory_page_prot[i];
    accesses.insert({rec.memory[i].clk + 1, {p.page_idx, p, p.page_prot}});
  }
  std::vector<uint64_t> trap_codes;
  size_t mprotects = 0, sig_returns = 0, checked_calls = 0;
  for (const SyscallEvent& e : rec.syscalls) {
    SCOPED_TRACE(describe_syscall(e.code) + " at clk " + std::to_string(e.clk));
    const bool deferred = e.code == sys::KECCAK_PERMUTE || e.code == sys::UINT256_MUL || e.code == sys::BN254_ADD ||
                          e.code == sys::MPROTECT || e.code == sys::SIG_RETURN;
    if (e.code == sys::MPROTECT) {
      ++mprotects;
      ASSERT_EQ(e.page_prot_local.size(), 1u);
      const PageProtLocalEvent& l = e.page_prot_local[0];
      EXPECT_EQ(l.page_idx, e.arg1 >> kLogPageSize);
      EXPECT_EQ(l.final_access, (PageProtRecord{false, e.clk, l.page_idx, uint8_t(e.arg2)}));
      accesses.insert({e.clk, {l.page_idx, l.initial_access, uint8_t(e.arg2)}});
      EXPECT_TRUE(e.page_checks.empty());
      continue;
    }
    if (e.code == sys::SIG_RETURN) {
      ++sig_returns;
      ASSERT_TRUE(e.sig_return_pc_record);
      EXPECT_EQ(e.sig_return_pc_record->addr, kUserModeTrapContext + 64);
      EXPECT_EQ(e.sig_return_pc_record->value, e.next_pc);
      EXPECT_EQ(e.sig_return_pc_record->timestamp, e.clk);
      EXPECT_EQ(e.ra, (MemoryAccess{5, sys::SIG_RETURN, e.ra.prev_timestamp, sys::SIG_RETURN, e.clk + 4, true}));
      ASSERT_EQ(e.memory_end - e.memory_begin, 62u);
      for (unsigned r = 1; r < 32; ++r) {
        const MemoryAccess& read = rec.syscall_memory[e.memory_begin + r - 1];
        const MemoryAccess& write = rec.syscall_memory[e.memory_begin + 30 + r];
        EXPECT_EQ(read.addr, kUserModeTrapContext + 64 + 8 * r);
        EXPECT_EQ(read.timestamp, e.clk);
        EXPECT_EQ(write.addr, r);
        EXPECT_EQ(write.value, read.value);
        EXPECT_EQ(write.timestamp, e.clk + 5);
      }
      continue;
    }
    // The carry operations' pointers c, d, e: their first accesses, x12..x14's reads.
    uint64_t x[3] = {};
    if (e.code == sys::UINT256_ADD_CARRY)
      for (int i = 0; i < 3; ++i) x[i] = rec.syscall_memory.at(e.memory_begin + i).value;
    const PageCheckSlices slices = page_check_slices(e.code, e.arg1, e.arg2, x[0], x[1], x[2]);
    if (slices.count == 0) continue;
    ++checked_calls;
    EXPECT_EQ(e.page_prot_local.empty(), !deferred);
    size_t k = 0, checked = 0;
    for (; k < slices.count && checked < e.page_checks.size(); ++k)
      for (uint64_t page = slices.slice[k].first_page(); page <= slices.slice[k].last_page(); ++page) {
        ASSERT_LT(checked, e.page_checks.size());
        const PageProtRecord& p = e.page_checks[checked++];
        EXPECT_EQ(p.page_idx, page);
        accesses.insert({e.clk + k, {page, p, p.page_prot}});
        if (page_trap_code(p.page_prot, slices.slice[k].prot)) break;
      }
    if (e.trap_result) {
      trap_codes.push_back(e.trap_result->code_record.value);
      EXPECT_EQ(e.trap_result->handler_record.value, e.next_pc);
      EXPECT_EQ(e.trap_result->pc_record.value, e.pc);
      // A trapped call touches no memory (a carry operation has read its pointers).
      EXPECT_EQ(e.memory_end - e.memory_begin, e.code == sys::UINT256_ADD_CARRY ? 3u : 0u);
    } else {
      EXPECT_EQ(k, slices.count);  // every slice checked
      EXPECT_GT(e.memory_end, e.memory_begin);
    }
  }
  EXPECT_EQ(trap_codes,
            (std::vector<uint64_t>{kTrapWrite, kTrapWrite, kTrapWrite, kTrapRead, kTrapRead, kTrapWrite}));
  EXPECT_EQ(mprotects, 4u);
  EXPECT_EQ(sig_returns, kUserModeSyscallTraps);
  EXPECT_EQ(checked_calls, 12u);
  std::map<uint64_t, PageProtRecord> last;  // page -> its record after the last access
  for (const auto& [clk, a] : accesses) {
    const auto it = last.find(a.page);
    if (it != last.end()) {
      EXPECT_EQ(a.before, it->second) << "page " << a.page << " at clk " << clk;
    }
    last[a.page] = {false, clk, a.page, a.prot_after};
  }
  for (uint64_t page : {kUserModePageA >> kLogPageSize, kUserModePageB >> kLogPageSize})
    EXPECT_EQ(rec.checked_pages().at(page), last.at(page));
}

// Untrusted code (SP1's UserMode tracing VM: CoreVM::fetch, emit_events,
// execute_instruction): each instruction fetched from memory reads its aligned
// word at clk after its page's check, is an InstructionFetchEvent and counts
// once more for its word's decoding, and its event is marked untrusted; a store
// it makes to its own read+execute page traps; a fetch from a page without
// execute permission is a TrapExecEvent. Every page record, fetches' included, is
// the page's previous access.
TEST(ZkvmEvents, UntrustedCodeIsRecorded) {
  const auto program = untrusted_code_guest();
  if (!program) return;
  const auto run = record(*program, {}, 3);
  ASSERT_TRUE(run->report.ok()) << run->report.error;
  EXPECT_EQ(words(run->report.public_values), (std::vector<uint64_t>{3, 4, kTrapExec}));
  EventRecorder& rec = run->rec;
  const size_t fetches = kUntrustedRoutineInstructions * kUntrustedRoutineCalls;
  ASSERT_EQ(rec.instruction_fetches.size(), fetches);
  ASSERT_EQ(rec.fetch_page_prot.size(), fetches);
  size_t untrusted = 0;
  for (const auto* kind : {&rec.alu, &rec.memory, &rec.branch, &rec.jump, &rec.utype})
    for (const InstrEvent& e : *kind) {
      EXPECT_EQ(e.untrusted, (e.pc >> kLogPageSize) == (kUserModePageA >> kLogPageSize)) << e.pc;
      untrusted += e.untrusted;
    }
  ASSERT_EQ(rec.trap_mem_events.size(), kUntrustedRoutineCalls);
  for (const TrapMemEvent& t : rec.trap_mem_events) EXPECT_TRUE(t.untrusted && t.instr.untrusted);
  EXPECT_EQ(untrusted + rec.trap_mem_events.size(), fetches);
  for (size_t i = 0; i < fetches; ++i) {
    const InstructionFetchEvent& f = rec.instruction_fetches[i];
    EXPECT_EQ(f.memory.addr, f.pc & ~uint64_t(7));
    EXPECT_EQ(f.memory.timestamp, f.clk);
    EXPECT_FALSE(f.memory.write);
    EXPECT_EQ(uint32_t(f.memory.value >> (f.pc % 8 * 8)), f.encoded_instruction);
    EXPECT_EQ(f.instruction, transpile(f.encoded_instruction));
    EXPECT_EQ(rec.fetch_page_prot[i].clk, f.clk);
    EXPECT_EQ(rec.fetch_page_prot[i].prev_page_prot.page_prot, kProtRead | kProtExec);
  }
  uint64_t decoded = 0;
  const std::vector<InstructionDecodeEvent> decodes = rec.take_instruction_decodes();
  for (const InstructionDecodeEvent& d : decodes) decoded += d.multiplicity;
  EXPECT_EQ(decoded, fetches);
  EXPECT_EQ(decodes.size(), kUntrustedRoutineInstructions - 1);  // the routine adds 1 to a2 twice
  ASSERT_EQ(rec.trap_exec_events.size(), 1u);
  const TrapExecEvent& x = rec.trap_exec_events[0];
  EXPECT_EQ(x.pc, kUserModePageA);
  EXPECT_EQ(x.page_prot_record.page_prot, kProtRead);
  EXPECT_EQ(x.trap_result.code_record.value, kTrapExec);
  EXPECT_EQ(x.trap_result.pc_record.value, kUserModePageA);

  // Page A's records in clock order: fetches (clk), loads and stores (clk + 1),
  // the refused fetch, and MPROTECT's.
  const uint64_t page_a = kUserModePageA >> kLogPageSize;
  std::map<uint64_t, std::pair<PageProtRecord, uint8_t>> accesses;  // clk -> (before, permission after)
  for (const PageProtFetch& f : rec.fetch_page_prot) accesses[f.clk] = {f.prev_page_prot, f.prev_page_prot.page_prot};
  for (size_t i = 0; i < rec.memory.size(); ++i)
    if (rec.memory_page_prot[i].page_idx == page_a)
      accesses[rec.memory[i].clk + 1] = {rec.memory_page_prot[i], rec.memory_page_prot[i].page_prot};
  for (const TrapMemEvent& t : rec.trap_mem_events)
    accesses[t.instr.clk + 1] = {t.page_prot_access, t.page_prot_access.page_prot};
  accesses[x.clk] = {x.page_prot_record, x.page_prot_record.page_prot};
  for (const SyscallEvent& e : rec.syscalls)
    if (e.code == sys::MPROTECT)
      accesses[e.clk] = {e.page_prot_local.at(0).initial_access, uint8_t(e.arg2)};
  std::optional<PageProtRecord> last;
  for (const auto& [clk, a] : accesses) {
    if (last) {
      EXPECT_EQ(a.first, *last) << "clk " << clk;
    }
    last = PageProtRecord{false, clk, page_a, a.second};
  }
  EXPECT_EQ(rec.checked_pages().at(page_a), *last);
}

// SP1 proves ECALLs of the trusted program only: one in untrusted code is
// refused by name.
TEST(ZkvmEvents, EcallInUntrustedCodeIsRefused) {
  const auto elf = assemble(R"(
  li s6, 0x30000000
  la t1, routine
  lw t4, 0(t1)
  sw t4, 0(s6)
  lw t4, 4(t1)
  sw t4, 4(s6)
  mv a0, s6
  li a1, 5
  li t0, 0x132
  ecall
  jalr ra, 0(s6)
  j done
routine:
  ecall
  jalr x0, 0(ra)
done:
)");
  if (!elf) return;
  const Program program = as_user_mode(load_elf(*elf));
  RecordingRun run(program, {});
  EventRecorder rec;
  try {
    run.resume(rec);
    ADD_FAILURE() << "recorded an ECALL in untrusted code";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("ECALL in untrusted code"), std::string::npos) << e.what();
  }
}

class ZkvmEventsFixtures : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(fs::path(ZKGPU_SP1_FIXTURES_DIR) / "elf"))
      FAIL() << "SP1 fixtures missing at " << ZKGPU_SP1_FIXTURES_DIR << " (tests/data/sp1)";
  }
  void check(const std::string& elf, std::vector<std::vector<uint8_t>> input, uint64_t every) {
    std::ifstream in(fs::path(ZKGPU_SP1_FIXTURES_DIR) / elf, std::ios::binary);
    const std::vector<uint8_t> bytes(std::istreambuf_iterator<char>(in), {});
    ASSERT_FALSE(bytes.empty()) << elf;
    const Program program = load_elf(bytes);
    const auto run = record(program, input);
    ASSERT_TRUE(run->report.ok()) << run->report.error;
    expect_registers(*run);
    expect_counts(program, input, *run);
    expect_resumes_identically(program, input, *run, every);
  }
};

TEST_F(ZkvmEventsFixtures, Fibonacci) { check("elf/fibonacci.elf", {u64_entry(300)}, 997); }
TEST_F(ZkvmEventsFixtures, Loop) { check("elf/loop.elf", {u64_entry(1000)}, 1009); }

}  // namespace
}  // namespace zkgpu::zkvm::test
