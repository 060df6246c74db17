// What the RISC-V chip tests share: the public values, hand-made events with
// consistent register records, the fixture guests' events, a chip case in every
// trust mode and build with SP1's column count, constraint count and interaction
// signature, and the every-column-matters probe.
#pragma once

#include <gtest/gtest.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "sp1/air/machine.hpp"
#include "sp1/air/riscv/adapters.hpp"
#include "sp1/air/trace_check.hpp"
#include "sp1/riscv/chip_trace.hpp"
#include "zkvm/executor.hpp"
#include "zkvm/program.hpp"
#include "zkvm/recorder.hpp"

namespace zkgpu::sp1::riscv::test_support {

using air::Felt;
using air::InteractionKind;
using air::MachineChip;
using rv::Features;
using rv::TrustMode;
using zkvm::InstrEvent;
using zkvm::MemoryAccess;
using zkvm::Op;

// SP1's PROOF_MAX_NUM_PVS public values, is_untrusted_programs_enabled set as given.
inline std::vector<Felt> public_values(bool untrusted_enabled) {
  std::vector<Felt> pv(187, Felt::zero());
  pv[rv::kIsUntrustedProgramsEnabled] = Felt::from_canonical(untrusted_enabled);
  return pv;
}

// --- hand-made events -----------------------------------------------------------

// Builds events with consistent register records: each register's previous
// timestamp is its last access. Starts just below clk_high = 1 so the events cross
// a change of clk_high (where a register's previous access counts from 0).
struct EventMaker {
  uint64_t clk = (uint64_t(1) << 24) - 8 * 20 + 1;
  std::array<uint64_t, 32> ts{}, value{};

  MemoryAccess read(unsigned r, uint64_t v, uint32_t position) {
    const MemoryAccess m{r, v, ts[r], v, clk + position, false};
    ts[r] = m.timestamp;
    value[r] = v;
    return m;
  }
  // x0 keeps 0 whatever is written.
  MemoryAccess write(unsigned r, uint64_t v) {
    if (r == 0) v = 0;
    const MemoryAccess m{r, value[r], ts[r], v, clk + 4, true};
    ts[r] = m.timestamp;
    value[r] = v;
    return m;
  }
  // An ALU event; rs2 < 0: c is an immediate.
  InstrEvent make(Op op, unsigned rd, unsigned rs1, int rs2, uint64_t b, uint64_t c, uint64_t a) {
    const uint64_t pc = (0x2000'0000 + (clk / 2)) & ~uint64_t(3);  // any 4-aligned pc below 2^48
    InstrEvent e;
    e.clk = clk;
    e.pc = pc;
    e.next_pc = pc + 4;
    e.opcode = op;
    e.used = InstrEvent::kA | InstrEvent::kB;
    if (rs2 >= 0) {
      e.rc = read(unsigned(rs2), c, 2);
      e.used |= InstrEvent::kC;
    }
    e.rb = read(rs1, b, 3);
    e.ra = write(rd, a);
    e.a = a;
    e.b = b;
    e.c = c;
    clk += 8;
    return e;
  }
  // A branch at pc comparing rs1 (value a) with rs2 (value b), to pc + offset if taken.
  InstrEvent branch(Op op, uint64_t pc, unsigned rs1, unsigned rs2, uint64_t a, uint64_t b, int64_t offset,
                    bool taken) {
    InstrEvent e;
    e.clk = clk;
    e.pc = pc;
    e.next_pc = taken ? pc + uint64_t(offset) : pc + 4;
    e.opcode = op;
    e.rb = read(rs2, b, 3);
    e.ra = read(rs1, a, 4);
    e.a = a;
    e.b = b;
    e.c = uint64_t(offset);
    e.op_a_0 = rs1 == 0;
    e.used = InstrEvent::kA | InstrEvent::kB;
    clk += 8;
    return e;
  }
  // JAL rd, offset at pc.
  InstrEvent jal(uint64_t pc, unsigned rd, int64_t offset) {
    InstrEvent e;
    e.clk = clk;
    e.pc = pc;
    e.next_pc = pc + uint64_t(offset);
    e.opcode = Op::jal;
    e.ra = write(rd, pc + 4);
    e.a = e.ra.value;
    e.b = uint64_t(offset);
    e.op_a_0 = rd == 0;
    e.used = InstrEvent::kA;
    clk += 8;
    return e;
  }
  // JALR rd, imm(rs1) at pc, rs1 holding `base`.
  InstrEvent jalr(uint64_t pc, unsigned rd, unsigned rs1, uint64_t base, int64_t imm) {
    InstrEvent e;
    e.clk = clk;
    e.pc = pc;
    e.next_pc = (base + uint64_t(imm)) & ~uint64_t(1);
    e.opcode = Op::jalr;
    e.rb = read(rs1, base, 3);
    e.ra = write(rd, pc + 4);
    e.a = e.ra.value;
    e.b = base;
    e.c = uint64_t(imm);
    e.op_a_0 = rd == 0;
    e.used = InstrEvent::kA | InstrEvent::kB;
    clk += 8;
    return e;
  }
  // The memory words loads and stores touch: 8-aligned address -> (timestamp, value).
  std::map<uint64_t, std::pair<uint64_t, uint64_t>> words;

  // The access of an instruction at `clk` to the word at `addr`: a read, or a write
  // of `store`.
  MemoryAccess word(uint64_t addr, std::optional<uint64_t> store) {
    auto& [ts, v] = words[addr];
    const MemoryAccess m{addr, v, ts, store.value_or(v), clk + 1, store.has_value()};
    ts = m.timestamp;
    v = m.value;
    return m;
  }
  // A load (LB ... LD) into rd from base + imm, rs1 holding `base`: the bytes of the
  // word there, sign- or zero-extended (RISC-V's loads).
  InstrEvent load(Op op, unsigned rd, unsigned rs1, uint64_t base, int64_t imm) {
    const uint64_t addr = base + uint64_t(imm);
    const unsigned size = op == Op::lb || op == Op::lbu ? 1 : op == Op::lh || op == Op::lhu ? 2
                          : op == Op::lw || op == Op::lwu ? 4 : 8;
    const bool is_signed = op == Op::lb || op == Op::lh || op == Op::lw;
    InstrEvent e = memory_event(op, rs1, base, imm);
    e.memory = word(addr & ~uint64_t(7), std::nullopt);
    uint64_t v = e.memory.value >> (8 * (addr & 7));
    if (size < 8) {
      const uint64_t mask = (uint64_t(1) << (8 * size)) - 1, sign = uint64_t(1) << (8 * size - 1);
      v &= mask;
      if (is_signed && (v & sign)) v |= ~mask;
    }
    e.ra = write(rd, v);
    e.a = e.ra.value;
    e.op_a_0 = rd == 0;
    clk += 8;
    return e;
  }
  // A store (SB ... SD) of rs2 (holding `value`; 0 for x0) to base + imm: the
  // word there with its bytes at the address replaced by value's low bytes.
  InstrEvent store(Op op, unsigned rs2, unsigned rs1, uint64_t base, int64_t imm, uint64_t value) {
    if (rs2 == 0) value = 0;
    const uint64_t addr = base + uint64_t(imm);
    const unsigned size = op == Op::sb ? 1 : op == Op::sh ? 2 : op == Op::sw ? 4 : 8;
    InstrEvent e = memory_event(op, rs1, base, imm);
    e.ra = read(rs2, value, 4);
    const uint64_t shift = 8 * (addr & 7), mask = size == 8 ? ~uint64_t(0) : ((uint64_t(1) << (8 * size)) - 1);
    const uint64_t old = words[addr & ~uint64_t(7)].second;
    e.memory = word(addr & ~uint64_t(7), (old & ~(mask << shift)) | ((value & mask) << shift));
    e.a = value;
    e.op_a_0 = rs2 == 0;
    clk += 8;
    return e;
  }
  InstrEvent memory_event(Op op, unsigned rs1, uint64_t base, int64_t imm) {
    InstrEvent e;
    e.clk = clk;
    e.pc = (0x2000'0000 + (clk / 2)) & ~uint64_t(3);
    e.next_pc = e.pc + 4;
    e.opcode = op;
    e.rb = read(rs1, base, 3);
    e.b = base;
    e.c = uint64_t(imm);
    e.used = InstrEvent::kA | InstrEvent::kB | InstrEvent::kMemory;
    return e;
  }
  // LUI / AUIPC rd, imm (the shifted, sign-extended immediate) at pc.
  InstrEvent utype(Op op, uint64_t pc, unsigned rd, uint64_t imm) {
    InstrEvent e;
    e.clk = clk;
    e.pc = pc;
    e.next_pc = pc + 4;
    e.opcode = op;
    e.ra = write(rd, op == Op::auipc ? pc + imm : imm);
    e.a = e.ra.value;
    e.b = e.c = imm;
    e.op_a_0 = rd == 0;
    e.used = InstrEvent::kA;
    clk += 8;
    return e;
  }
};

// --- real guests' events ---------------------------------------------------------

inline std::vector<uint8_t> read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

inline std::vector<uint8_t> u64_entry(uint64_t x) {
  std::vector<uint8_t> out(8);
  for (size_t i = 0; i < 8; ++i) out[i] = uint8_t(x >> (8 * i));
  return out;
}

struct GuestEvents {
  std::vector<InstrEvent> alu, branch, jump, utype, memory;
};

// The events of a fixture guest run to its end.
inline GuestEvents guest_events(const std::string& elf, std::vector<uint8_t> input) {
  const auto bytes = read_file(std::filesystem::path(ZKGPU_SP1_FIXTURES_DIR) / elf);
  if (bytes.empty()) throw std::runtime_error("fixture " + elf + " missing in " ZKGPU_SP1_FIXTURES_DIR);
  const zkvm::Program program = zkvm::load_elf(bytes);
  zkvm::RecordingRun run(program, {std::move(input)});
  zkvm::EventRecorder rec;
  while (!run.resume(rec)) {
  }
  if (!run.report().ok()) throw std::runtime_error(elf + " failed: " + run.report().error);
  return {std::move(rec.alu), std::move(rec.branch), std::move(rec.jump), std::move(rec.utype), std::move(rec.memory)};
}

// Small runs of the fixture guests (inputs as tests/data/sp1/README.md says SP1
// feeds them: a u64 for fibonacci and loop, a byte vector for sha2 and keccak).
inline const std::vector<GuestEvents>& guests() {
  static const std::vector<GuestEvents> runs = [] {
    std::vector<uint8_t> data(300);
    for (size_t i = 0; i < data.size(); ++i) data[i] = uint8_t(i * 37 + 11);
    return std::vector<GuestEvents>{guest_events("elf/fibonacci.elf", u64_entry(40)),
                                    guest_events("elf/loop.elf", u64_entry(50)),
                                    guest_events("elf/sha2.elf", data), guest_events("elf/keccak.elf", data)};
  }();
  return runs;
}

// --- chip cases --------------------------------------------------------------------

template <class Kind>
struct ChipCase {
  Kind kind;
  std::unique_ptr<MachineChip> chip;
  TrustMode mode;
  Features features;
  size_t sp1_width;             // SP1's NUM_*_COLS in this mode
  size_t constraints;           // counted from SP1's eval
  std::string sends, receives;  // interaction kinds in SP1's order
};

// User chips send the InstructionFetch (and, for loads and stores, the PageProt
// lookup: `user_extra`) before the reader's Program send; the default build adds
// assert_zero(is_real), both builds three flag checks; `mprotect` adds the
// public-value assertion.
template <template <TrustMode, Features> class Chip, class Kind>
void add_chip(std::vector<ChipCase<Kind>>& out, Kind kind, size_t supervisor_width, size_t constraints,
              const std::string& sends, const std::string& receives, size_t user_width = 0,
              size_t user_constraints = 0, const std::string& user_extra = "") {
  if (!user_width) user_width = supervisor_width + 1;
  if (!user_constraints) user_constraints = constraints + 4;
  const size_t fetch_at = sends.find('P');
  const std::string user_sends = sends.substr(0, fetch_at) + "F" + user_extra + sends.substr(fetch_at);
  out.push_back({kind, std::make_unique<air::ChipModel<Chip<TrustMode::Supervisor, Features::Default>>>(),
                 TrustMode::Supervisor, Features::Default, supervisor_width, constraints, sends, receives});
  out.push_back({kind, std::make_unique<air::ChipModel<Chip<TrustMode::Supervisor, Features::Mprotect>>>(),
                 TrustMode::Supervisor, Features::Mprotect, supervisor_width, constraints + 1, sends, receives});
  out.push_back({kind, std::make_unique<air::ChipModel<Chip<TrustMode::User, Features::Default>>>(), TrustMode::User,
                 Features::Default, user_width, user_constraints, user_sends, receives});
  out.push_back({kind, std::make_unique<air::ChipModel<Chip<TrustMode::User, Features::Mprotect>>>(), TrustMode::User,
                 Features::Mprotect, user_width, user_constraints, user_sends, receives});
}

template <class Kind>
std::string name_of(const ChipCase<Kind>& c) {
  return std::string(c.chip->name()) + (c.features == Features::Mprotect ? " (mprotect)" : " (default)");
}

// SP1's InteractionKind::num_values (a Syscall message carries the trap code
// under `mprotect`).
inline size_t sp1_arity(InteractionKind k, Features features) {
  switch (k) {
    case InteractionKind::Syscall: return features == Features::Mprotect ? 10 : 9;
    case InteractionKind::Memory: return 9;
    case InteractionKind::Program: return 16;
    case InteractionKind::Byte: return 4;
    case InteractionKind::State: return 5;
    case InteractionKind::InstructionFetch: return 22;
    case InteractionKind::InstructionDecode: return 19;
    case InteractionKind::PageProt: return 6;
    case InteractionKind::Global: return 11;
    case InteractionKind::MemoryGlobalInitControl:
    case InteractionKind::MemoryGlobalFinalizeControl: return 5;
    case InteractionKind::GlobalAccumulation: return 15;
    case InteractionKind::Keccak: return 106;
    case InteractionKind::ShaExtend: return 6;
    case InteractionKind::ShaCompress: return 25;
    case InteractionKind::PageProtAccess: return 6;
    case InteractionKind::PageProtGlobalInitControl:
    case InteractionKind::PageProtGlobalFinalizeControl: return 5;
    default: return 0;
  }
}

inline char letter(InteractionKind k) {
  switch (k) {
    case InteractionKind::Memory: return 'M';
    case InteractionKind::Program: return 'P';
    case InteractionKind::Byte: return 'B';
    case InteractionKind::State: return 'S';
    case InteractionKind::InstructionFetch: return 'F';
    case InteractionKind::InstructionDecode: return 'D';
    case InteractionKind::PageProt: return 'R';
    case InteractionKind::Global: return 'G';
    case InteractionKind::Syscall: return 'Y';
    case InteractionKind::MemoryGlobalInitControl: return 'I';
    case InteractionKind::MemoryGlobalFinalizeControl: return 'Z';
    case InteractionKind::GlobalAccumulation: return 'A';
    case InteractionKind::Keccak: return 'K';
    case InteractionKind::ShaExtend: return 'X';
    case InteractionKind::ShaCompress: return 'C';
    case InteractionKind::PageProtAccess: return 'Q';
    case InteractionKind::PageProtGlobalInitControl: return 'i';
    case InteractionKind::PageProtGlobalFinalizeControl: return 'z';
    default: return '?';
  }
}

inline std::string signature(const air::ConstraintProgram& p, const std::vector<air::ProgramInteraction>& list,
                             Features features) {
  std::string s;
  for (const auto& i : list) {
    s += letter(i.kind);
    EXPECT_EQ(i.values_count, sp1_arity(i.kind, features)) << p.name << ": " << letter(i.kind);
  }
  return s;
}

// Width, constraint count and interaction signatures are SP1's.
template <class Kind>
void expect_layout_and_interactions(const ChipCase<Kind>& c) {
  EXPECT_EQ(c.chip->width(), c.sp1_width);
  EXPECT_EQ(c.chip->preprocessed_width(), 0u);
  EXPECT_EQ(c.chip->num_constraints(), c.constraints);
  EXPECT_EQ(signature(c.chip->program(), c.chip->program().sends, c.features), c.sends);
  EXPECT_EQ(signature(c.chip->program(), c.chip->program().receives, c.features), c.receives);
}

template <class Kind>
std::optional<air::Violation> check(const ChipCase<Kind>& c, const RiscvChipTrace& t) {
  return air::first_violation(*c.chip, air::TraceView{t.main, {}, t.rows}, public_values(c.mode == TrustMode::User));
}

// The trace of a chip case in its trust mode from `trace(kind, events, options)`;
// it must have the events' rows (events_of) plus SP1's padding.
template <class Kind, class TraceFn>
RiscvChipTrace mode_trace(const ChipCase<Kind>& c, const std::vector<InstrEvent>& events, TraceFn&& trace) {
  RiscvTraceOptions o;
  o.mode = c.mode;
  o.untrusted_programs_enabled = c.mode == TrustMode::User;
  RiscvChipTrace t = trace(c.kind, events, o);
  EXPECT_EQ(t.name, c.chip->name());
  EXPECT_EQ(t.width, c.chip->width());
  EXPECT_EQ(t.rows, air::padded_height(events_of(c.kind, events).size()));
  return t;
}

// Every case's trace satisfies its constraints, each chip with at least
// `min_rows_each` real rows; the default build's User chips are skipped (they
// must stay empty: a test of its own).
template <class Kind, class TraceFn>
void expect_satisfied(const std::vector<ChipCase<Kind>>& cases, const std::vector<InstrEvent>& events,
                      size_t min_rows_each, TraceFn&& trace) {
  for (const ChipCase<Kind>& c : cases) {
    if (c.mode == TrustMode::User && c.features == Features::Default) continue;
    SCOPED_TRACE(name_of(c));
    const RiscvChipTrace t = mode_trace(c, events, trace);
    EXPECT_GE(events_of(c.kind, events).size(), min_rows_each);
    const auto v = check(c, t);
    EXPECT_FALSE(v) << "row " << v->row << " constraint " << v->constraint;
  }
}

// The default build keeps a User chip empty: a real row breaks its assert_zero(is_real)
// (on row 0); and a chip has no rows in the other mode (SP1's num_rows).
template <class Kind, class TraceFn>
void expect_default_build_keeps_user_chips_empty(const std::vector<ChipCase<Kind>>& cases,
                                                 const std::vector<InstrEvent>& events, TraceFn&& trace) {
  for (const ChipCase<Kind>& c : cases) {
    if (c.mode != TrustMode::User || c.features != Features::Default) continue;
    SCOPED_TRACE(name_of(c));
    const auto v = check(c, mode_trace(c, events, trace));
    ASSERT_TRUE(v) << "a real row in a User chip of the default build";
    EXPECT_EQ(v->row, 0u);
  }
  RiscvTraceOptions o;
  o.untrusted_programs_enabled = true;
  EXPECT_EQ(trace(cases.front().kind, events, o).rows, 0u);
}

// Under `mprotect` a chip asserts the shard's is_untrusted_programs_enabled: the
// other mode's value breaks its rows.
template <class Kind, class TraceFn>
void expect_mprotect_build_checks_the_untrusted_flag(const std::vector<ChipCase<Kind>>& cases,
                                                     const std::vector<InstrEvent>& events, TraceFn&& trace) {
  for (const ChipCase<Kind>& c : cases) {
    if (c.features != Features::Mprotect) continue;
    SCOPED_TRACE(name_of(c));
    const RiscvChipTrace t = mode_trace(c, events, trace);
    EXPECT_TRUE(air::first_violation(*c.chip, air::TraceView{t.main, {}, t.rows},
                                     public_values(c.mode != TrustMode::User)));
  }
}

// --- every column matters -----------------------------------------------------------

// Columns some constraint reads (the program's constraint part, pruned).
inline std::set<size_t> constrained_columns(const MachineChip& chip) {
  std::set<size_t> out;
  for (const air::Node& n : air::constraints_only(chip.program()).nodes)
    if (n.op == air::Op::Main) out.insert(n.a);
  return out;
}

inline bool same_interactions(const air::RowEvaluation<Felt>& x, const air::RowEvaluation<Felt>& y) {
  auto eq = [](const auto& a, const auto& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (a[i].values != b[i].values || a[i].multiplicity != b[i].multiplicity) return false;
    return true;
  };
  return eq(x.sends, y.sends) && eq(x.receives, y.receives);
}

inline bool any_nonzero(const std::vector<Felt>& v) {
  for (const Felt& x : v)
    if (!x.is_zero()) return true;
  return false;
}

// For each column: on some of the first `real` rows, adding a constant to it
// breaks a constraint or changes an interaction (what the byte table, the memory
// argument or the program table then refuses). Columns a constraint reads only
// under a flag that real rows keep at 0 (a result under op_a_0) count through
// their lookups.
template <class Kind>
void expect_every_column_matters_under(const ChipCase<Kind>& c, const RiscvChipTrace& t, size_t real,
                                       const std::vector<Felt>& pv) {
  const Felt delta = Felt::from_canonical(12345);
  const std::set<size_t> constrained = constrained_columns(*c.chip);
  size_t n_constrained = 0;
  std::optional<size_t> first_break;  // a cell whose change breaks a constraint
  for (size_t col = 0; col < t.width; ++col) {
    bool matters = false;
    size_t breaks_constraint = 0;
    for (size_t r = 0; r < real && !breaks_constraint; ++r) {
      std::vector<Felt> row(t.main.begin() + r * t.width, t.main.begin() + (r + 1) * t.width);
      const auto before = c.chip->eval(std::span<const Felt>(row), {}, pv);
      row[col] = row[col] + delta;
      const auto after = c.chip->eval(std::span<const Felt>(row), {}, pv);
      matters = matters || any_nonzero(after.constraints) || !same_interactions(before, after);
      breaks_constraint += any_nonzero(after.constraints);
      if (breaks_constraint && !first_break) first_break = r * t.width + col;
    }
    EXPECT_TRUE(matters) << "column " << col;
    // A column no constraint reads never breaks one.
    if (!constrained.count(col)) {
      EXPECT_EQ(breaks_constraint, 0u) << "column " << col;
    }
    n_constrained += breaks_constraint > 0;
  }
  ASSERT_GT(n_constrained, 0u);
  // The trace checker finds the same through the compiled program.
  auto broken = t;
  broken.main[*first_break] = broken.main[*first_break] + delta;
  EXPECT_TRUE(air::first_violation(*c.chip, air::TraceView{broken.main, {}, broken.rows}, pv));
}

template <class Kind>
void expect_every_column_matters(const ChipCase<Kind>& c, const RiscvChipTrace& t, size_t real) {
  expect_every_column_matters_under(c, t, real, public_values(c.mode == TrustMode::User));
}

}  // namespace zkgpu::sp1::riscv::test_support
