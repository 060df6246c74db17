// The sharded executor (zkvm/sharding.hpp) on SP1's fixture programs and on
// hand-assembled guests: the shards' events are the unsharded run's (up to
// SP1's register refresh at each boundary), every shard re-executed alone from
// its checkpoint records the same bytes, the public values chain, the memory
// initialize / finalize events cover exactly the words SP1 names, the cut
// points follow SP1's trace-area rule, deferred precompile events are split in
// SP1's chunks, and cancellation and unsupported programs fail cleanly.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <stop_token>
#include <thread>

#include "guest_asm.hpp"
#include "user_mode_guest.hpp"
#include "zkvm/event_buffers.hpp"
#include "zkvm/precompile_keys.hpp"
#include "zkvm/recorder.hpp"
#include "zkvm/sharding.hpp"
#include "zkvm/stdin.hpp"
#include "zkvm/syscall_codes.hpp"

namespace zkgpu::zkvm::test {
namespace {

namespace fs = std::filesystem;

std::vector<uint8_t> read_fixture(const std::string& rel) {
  const fs::path p = fs::path(ZKGPU_SP1_FIXTURES_DIR) / rel;
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("SP1 fixture missing: " + p.string() + " (tests/data/sp1, see its README.md)");
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

std::vector<uint8_t> random_bytes(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> v(n);
  for (auto& b : v) b = uint8_t(rng());
  return v;
}

// Costs from SP1's rv64im_costs.json (crates/core/executor/src/artifacts/),
// written out here so the tests check the model against SP1's numbers.
constexpr uint64_t kProgramCost = 17, kByteCost = 13, kRangeCost = 3;
constexpr uint64_t kAddiCost = 30, kBranchCost = 45, kMemoryLocalCost = 20, kGlobalCost = 241;

uint64_t preprocessed(const Program& p) {
  return (p.code.size() + 31) / 32 * 32 * kProgramCost + (uint64_t(1) << 16) * kByteCost + (uint64_t(1) << 17) * kRangeCost;
}

// An element threshold that leaves `extra` trace area per shard for execution
// (above the preprocessed chips and SP1's padding, cycle and HALT allowances).
ShardOptions small_shards(const Program& p, uint64_t extra) {
  ShardOptions o;
  o.threshold.element_threshold = preprocessed(p) + 3 * (uint64_t(1) << 18) + extra;
  return o;
}

struct Sharded {
  std::vector<ShardRecord> shards;
  ShardingSummary summary;
  std::vector<const ShardRecord*> execution() const {
    std::vector<const ShardRecord*> v;
    for (const ShardRecord& s : shards)
      if (s.kind == ShardRecord::Kind::execution) v.push_back(&s);
    return v;
  }
};

Sharded shard(const Program& program, const std::vector<std::vector<uint8_t>>& input, const ShardOptions& o) {
  Sharded out;
  out.summary = execute_shards(program, input, o, [&](ShardRecord&& r) { out.shards.push_back(std::move(r)); });
  return out;
}

struct Unsharded {
  EventRecorder rec;
  Report report;
  std::array<uint64_t, 32> x{};
};

std::unique_ptr<Unsharded> record_whole(const Program& program, const std::vector<std::vector<uint8_t>>& input) {
  auto u = std::make_unique<Unsharded>();
  RecordingRun run(program, input);
  EXPECT_TRUE(run.resume(u->rec));
  u->report = run.report();
  for (unsigned i = 0; i < 32; ++i) u->x[i] = run.cpu().x[i];
  return u;
}

// At a shard start SP1 sets every register's timestamp to clk - 1, a value no
// real access has (accesses are at clk + 0..4). The unsharded access is the
// same with its real previous timestamp, which lies before the shard.
void unrefresh(MemoryAccess& sharded, const MemoryAccess& whole, uint64_t start_clk, int& refreshed) {
  if (start_clk > kInitialClk && sharded.prev_timestamp == start_clk - 1 && whole.prev_timestamp < start_clk) {
    sharded.prev_timestamp = whole.prev_timestamp;
    ++refreshed;
  }
}

void expect_same_events(const Sharded& s, const Unsharded& u) {
  std::vector<InstrEvent> alu, memory, branch, jump, utype;
  std::vector<SyscallEvent> syscalls;
  std::vector<MemoryAccess> syscall_memory;
  std::vector<EventRecorder::Hint> hints;
  uint64_t instructions = 0;
  int refreshed = 0;
  auto append = [&](std::vector<InstrEvent>& out, const std::vector<InstrEvent>& in, const std::vector<InstrEvent>& whole,
                    uint64_t start) {
    for (InstrEvent e : in) {
      const size_t i = out.size();
      if (i < whole.size()) {
        if (e.used & InstrEvent::kA) unrefresh(e.ra, whole[i].ra, start, refreshed);
        if (e.used & InstrEvent::kB) unrefresh(e.rb, whole[i].rb, start, refreshed);
        if (e.used & InstrEvent::kC) unrefresh(e.rc, whole[i].rc, start, refreshed);
      }
      out.push_back(e);
    }
  };
  for (const ShardRecord* r : s.execution()) {
    const uint64_t start = r->public_values.initial_timestamp;
    const int before = refreshed;
    append(alu, r->alu, u.rec.alu, start);
    append(memory, r->memory, u.rec.memory, start);
    append(branch, r->branch, u.rec.branch, start);
    append(jump, r->jump, u.rec.jump, start);
    append(utype, r->utype, u.rec.utype, start);
    for (SyscallEvent e : r->syscalls) {
      const size_t i = syscalls.size();
      if (i < u.rec.syscalls.size()) {
        unrefresh(e.ra, u.rec.syscalls[i].ra, start, refreshed);
        unrefresh(e.rb, u.rec.syscalls[i].rb, start, refreshed);
        unrefresh(e.rc, u.rec.syscalls[i].rc, start, refreshed);
      }
      e.memory_begin += syscall_memory.size();
      e.memory_end += syscall_memory.size();
      syscalls.push_back(e);
    }
    EXPECT_LE(refreshed - before, 32) << "a register refreshed twice in one shard";
    syscall_memory.insert(syscall_memory.end(), r->syscall_memory.begin(), r->syscall_memory.end());
    hints.insert(hints.end(), r->hints.begin(), r->hints.end());
    instructions += r->instructions;
  }
  EXPECT_EQ(alu, u.rec.alu);
  EXPECT_EQ(memory, u.rec.memory);
  EXPECT_EQ(branch, u.rec.branch);
  EXPECT_EQ(jump, u.rec.jump);
  EXPECT_EQ(utype, u.rec.utype);
  EXPECT_EQ(syscalls, u.rec.syscalls);
  EXPECT_EQ(syscall_memory, u.rec.syscall_memory);
  EXPECT_EQ(hints, u.rec.hints);
  EXPECT_EQ(instructions, u.report.instructions);
  if (s.execution().size() > 1) {
    EXPECT_GT(refreshed, 0);
  }
}

// Every register access, the refresh reads included, continues the previous
// one of its register: the refresh is what links the shards.
void expect_registers_chain(const Sharded& s) {
  std::vector<MemoryAccess> all;
  for (const ShardRecord* r : s.execution()) {
    for (const auto* kind : {&r->alu, &r->memory, &r->branch, &r->jump, &r->utype})
      for (const InstrEvent& e : *kind) {
        if (e.used & InstrEvent::kA) all.push_back(e.ra);
        if (e.used & InstrEvent::kB) all.push_back(e.rb);
        if (e.used & InstrEvent::kC) all.push_back(e.rc);
      }
    for (const SyscallEvent& e : r->syscalls) all.insert(all.end(), {e.ra, e.rb, e.rc});
    all.insert(all.end(), r->register_refresh.begin(), r->register_refresh.end());
  }
  std::stable_sort(all.begin(), all.end(), [](const MemoryAccess& a, const MemoryAccess& b) { return a.timestamp < b.timestamp; });
  std::array<MemoryAccess, 32> last{};
  int failures = 0;
  for (const MemoryAccess& m : all) {
    ASSERT_LT(m.addr, 32u);
    if ((m.prev_timestamp != last[m.addr].timestamp || m.prev_value != last[m.addr].value) && ++failures <= 3)
      ADD_FAILURE() << "register " << m.addr << " at " << m.timestamp << ": previous (" << m.prev_value << ", "
                    << m.prev_timestamp << "), last access (" << last[m.addr].value << ", " << last[m.addr].timestamp
                    << ")";
    last[m.addr] = m;
  }
}

void expect_reexecutes_identically(const Program& program, const Sharded& s, const ShardOptions& o) {
  const auto exec = s.execution();
  std::vector<ReexecutedShard> again(exec.size());
  // In parallel, as a prover would: each shard only needs its checkpoint.
  std::vector<std::thread> pool;
  std::vector<std::string> errors(exec.size());
  const size_t n_threads = std::min<size_t>(4, exec.size());
  for (size_t t = 0; t < n_threads; ++t)
    pool.emplace_back([&, t] {
      for (size_t k = t; k < exec.size(); k += n_threads) try {
          again[k] = reexecute_shard(program, *exec[k]->checkpoint, o);
        } catch (const std::exception& e) {
          errors[k] = e.what();
        }
    });
  for (auto& th : pool) th.join();
  std::map<uint32_t, size_t> deferred;
  for (size_t k = 0; k < exec.size(); ++k) {
    ASSERT_EQ(errors[k], "") << "shard " << k;
    const ShardRecord& a = again[k].record;
    const ShardRecord& b = *exec[k];
    EXPECT_EQ(a.alu, b.alu) << k;
    EXPECT_EQ(a.memory, b.memory) << k;
    EXPECT_EQ(a.branch, b.branch) << k;
    EXPECT_EQ(a.jump, b.jump) << k;
    EXPECT_EQ(a.utype, b.utype) << k;
    EXPECT_EQ(a.syscalls, b.syscalls) << k;
    EXPECT_EQ(a.syscall_memory, b.syscall_memory) << k;
    EXPECT_EQ(a.hints, b.hints) << k;
    EXPECT_EQ(a.register_refresh, b.register_refresh) << k;
    EXPECT_EQ(a.memory_local, b.memory_local) << k;
    EXPECT_EQ(a.precompiles, b.precompiles) << k;
    EXPECT_EQ(a.instructions, b.instructions) << k;
    // User mode.
    EXPECT_EQ(a.memory_page_prot, b.memory_page_prot) << k;
    EXPECT_EQ(a.trap_mem, b.trap_mem) << k;
    EXPECT_EQ(a.trap_exec, b.trap_exec) << k;
    EXPECT_EQ(a.instruction_fetch, b.instruction_fetch) << k;
    EXPECT_EQ(a.fetch_page_prot, b.fetch_page_prot) << k;
    EXPECT_EQ(a.instruction_decode, b.instruction_decode) << k;
    EXPECT_EQ(a.page_prot_local, b.page_prot_local) << k;
    EXPECT_EQ(*a.checkpoint, *b.checkpoint) << k;
    // The memory events packed into the last shard are the run's, not the shard's.
    PublicValues pv = b.public_values;
    pv.previous_init_addr = pv.last_init_addr = pv.previous_finalize_addr = pv.last_finalize_addr = 0;
    EXPECT_EQ(a.public_values, pv) << k;
    for (const auto& [code, v] : again[k].deferred) deferred[code] += v.size();
  }
  std::map<uint32_t, size_t> in_precompile_shards;
  for (const ShardRecord& r : s.shards)
    if (r.kind == ShardRecord::Kind::precompile)
      for (const PrecompileEvent& p : r.precompiles) ++in_precompile_shards[precompile_event_key(p.syscall.code)];
  EXPECT_EQ(deferred, in_precompile_shards);
}

void expect_public_values_chain(const Program& program, const Sharded& s, const Report& report) {
  const auto exec = s.execution();
  ASSERT_FALSE(exec.empty());
  EXPECT_EQ(exec.front()->public_values.pc_start, program.entry);
  EXPECT_EQ(exec.front()->public_values.initial_timestamp, kInitialClk);
  EXPECT_EQ(exec.back()->public_values.next_pc, kHaltPc);
  EXPECT_EQ(exec.back()->public_values.last_timestamp, report.clk);
  EXPECT_EQ(exec.back()->public_values.exit_code, report.exit_code);
  std::array<uint32_t, 8> committed{};
  for (size_t k = 0; k < exec.size(); ++k) {
    const PublicValues& pv = exec[k]->public_values;
    EXPECT_EQ(pv.is_execution_shard, 1u);
    EXPECT_EQ(pv.is_first_execution_shard, k == 0 ? 1u : 0u);
    EXPECT_EQ(pv.last_timestamp,
              pv.initial_timestamp + kClkInc * exec[k]->instructions + kSyscallClkInc * exec[k]->syscalls.size());
    EXPECT_EQ(pv.is_timestamp_high_eq, (pv.initial_timestamp >> 24) == (pv.last_timestamp >> 24) ? 1u : 0u);
    EXPECT_EQ(exec[k]->checkpoint->pc, pv.pc_start);
    EXPECT_EQ(exec[k]->checkpoint->clk, pv.initial_timestamp);
    if (k + 1 < exec.size()) {
      const PublicValues& next = exec[k + 1]->public_values;
      EXPECT_EQ(pv.next_pc, next.pc_start) << k;
      EXPECT_EQ(pv.last_timestamp, next.initial_timestamp) << k;
      EXPECT_EQ(pv.exit_code, 0u);
      ASSERT_EQ(exec[k]->register_refresh.size(), 32u);
      for (const MemoryAccess& m : exec[k]->register_refresh) EXPECT_EQ(m.timestamp, next.initial_timestamp - 1);
      EXPECT_EQ(exec[k]->checkpoint->end_instructions, exec[k + 1]->checkpoint->instructions);
    } else {
      EXPECT_TRUE(exec[k]->register_refresh.empty());
    }
    if (pv.commit_syscall)
      for (size_t i = 0; i < 8; ++i) committed[i] |= pv.committed_value_digest[i];
  }
  EXPECT_EQ(committed, report.committed_digest);
  // The memory events' address ranges chain across the shards that hold them.
  uint64_t init_addr = 0, finalize_addr = 0;
  for (const ShardRecord& r : s.shards) {
    const PublicValues& pv = r.public_values;
    if (r.kind == ShardRecord::Kind::precompile) {
      EXPECT_EQ(pv.pc_start, program.entry);
      EXPECT_EQ(pv.initial_timestamp, 1u);
      EXPECT_EQ(pv.last_timestamp, 1u);
      EXPECT_EQ(pv.is_execution_shard, 0u);
      continue;
    }
    if (r.memory_initialize.empty() && r.memory_finalize.empty()) continue;
    EXPECT_EQ(pv.previous_init_addr, init_addr);
    EXPECT_EQ(pv.previous_finalize_addr, finalize_addr);
    if (!r.memory_initialize.empty()) init_addr = r.memory_initialize.back().addr;
    if (!r.memory_finalize.empty()) finalize_addr = r.memory_finalize.back().addr;
    EXPECT_EQ(pv.last_init_addr, init_addr);
    EXPECT_EQ(pv.last_finalize_addr, finalize_addr);
    if (r.kind == ShardRecord::Kind::memory) {
      EXPECT_EQ(pv.pc_start, kHaltPc);
      EXPECT_EQ(pv.initial_timestamp, report.clk);
      EXPECT_EQ(pv.commit_syscall, 1u);
    }
  }
}

// SP1's emit_globals: registers with a nonzero timestamp, the hinted words,
// and the words loads and stores touched outside the image are initialized;
// those and the whole image are finalized with their last value and timestamp.
void expect_memory_events(const Program& program, const Sharded& s, const Unsharded& u) {
  std::vector<MemoryInitFinalizeEvent> init, fin;
  for (const ShardRecord& r : s.shards) {
    init.insert(init.end(), r.memory_initialize.begin(), r.memory_initialize.end());
    fin.insert(fin.end(), r.memory_finalize.begin(), r.memory_finalize.end());
  }
  auto by_addr = [](const auto& a, const auto& b) { return a.addr < b.addr; };
  EXPECT_TRUE(std::is_sorted(init.begin(), init.end(), by_addr));
  EXPECT_TRUE(std::is_sorted(fin.begin(), fin.end(), by_addr));

  std::set<uint64_t> image;
  for (const LoadSegment& seg : program.segments)
    for (uint64_t a = seg.vaddr; a < seg.vaddr + seg.mem_size; a += 4) image.insert(a & ~uint64_t(7));
  std::set<uint64_t> touched, hinted;
  for (const InstrEvent& e : u.rec.memory) touched.insert(e.memory.addr);
  for (const auto& h : u.rec.hints)
    for (uint64_t i = 0; i < (h.len + 7) / 8; ++i) hinted.insert(h.addr + 8 * i);
  // The last access of every word, from all records sorted by time.
  std::map<uint64_t, std::pair<uint64_t, uint64_t>> last;  // addr -> (value, timestamp)
  std::vector<std::tuple<uint64_t, uint64_t, uint64_t, uint64_t>> accesses;  // (time, addr, value, timestamp)
  for (const InstrEvent& e : u.rec.memory) accesses.emplace_back(e.memory.timestamp, e.memory.addr, e.memory.value, e.memory.timestamp);
  for (const MemoryAccess& m : u.rec.syscall_memory) accesses.emplace_back(m.timestamp, m.addr, m.value, m.timestamp);
  for (const auto& h : u.rec.hints)
    for (uint64_t i = 0; i < h.words; ++i) accesses.emplace_back(h.clk, h.addr + 8 * i, h.values[i], 0);
  std::stable_sort(accesses.begin(), accesses.end(), [](const auto& a, const auto& b) { return std::get<0>(a) < std::get<0>(b); });
  for (const auto& [time, addr, value, ts] : accesses) last[addr] = {value, ts};

  std::set<uint64_t> want_init, want_fin;
  for (uint64_t r = 0; r < 32; ++r) {
    // Multi-shard runs touch every register (the refresh); a single shard only those it used.
    bool used = s.execution().size() > 1;
    for (const auto* kind : {&u.rec.alu, &u.rec.memory, &u.rec.branch, &u.rec.jump, &u.rec.utype})
      for (const InstrEvent& e : *kind)
        used |= ((e.used & InstrEvent::kA) && e.ra.addr == r) || ((e.used & InstrEvent::kB) && e.rb.addr == r) ||
                ((e.used & InstrEvent::kC) && e.rc.addr == r);
    if (!u.rec.syscalls.empty()) used |= r == 5 || r == 10 || r == 11;  // the syscall id and its two arguments
    if (used) want_init.insert(r), want_fin.insert(r);
  }
  for (uint64_t a : hinted) want_init.insert(a);
  for (uint64_t a : touched)
    if (!image.count(a) && !hinted.count(a)) want_init.insert(a);
  want_fin.insert(touched.begin(), touched.end());
  want_fin.insert(image.begin(), image.end());
  want_fin.insert(hinted.begin(), hinted.end());

  std::set<uint64_t> got_init, got_fin;
  for (const auto& e : init) {
    EXPECT_TRUE(got_init.insert(e.addr).second) << "initialized twice: " << e.addr;
    EXPECT_EQ(e.timestamp, 0u);
    if (e.addr >= 32 && !hinted.count(e.addr)) {
      EXPECT_EQ(e.value, 0u) << e.addr;
    }
  }
  for (const auto& e : fin) {
    EXPECT_TRUE(got_fin.insert(e.addr).second) << "finalized twice: " << e.addr;
    if (e.addr < 32) {
      EXPECT_EQ(e.value, u.x[e.addr]) << "register " << e.addr;
    } else if (const auto it = last.find(e.addr); it != last.end()) {
      EXPECT_EQ(e.value, it->second.first) << e.addr;
      EXPECT_EQ(e.timestamp, it->second.second) << e.addr;
    } else {
      EXPECT_EQ(e.timestamp, 0u) << e.addr;
    }
  }
  EXPECT_EQ(got_init, want_init);
  EXPECT_EQ(got_fin, want_fin);
}

// SP1's memory argument over the whole run: for every address, the local
// memory events of all shards (execution and precompile) link up, starting at
// its initialize event and ending at its finalize event.
void expect_memory_argument(const Sharded& s) {
  std::map<uint64_t, std::vector<MemoryLocalEvent>> local;
  std::map<uint64_t, MemoryInitFinalizeEvent> init, fin;
  for (const ShardRecord& r : s.shards) {
    for (const MemoryLocalEvent& e : r.memory_local) local[e.addr].push_back(e);
    for (const PrecompileEvent& p : r.precompiles)
      for (const MemoryLocalEvent& e : p.memory_local) local[e.addr].push_back(e);
    for (const auto& e : r.memory_initialize) init[e.addr] = e;
    for (const auto& e : r.memory_finalize) fin[e.addr] = e;
  }
  int failures = 0;
  auto check = [&](bool ok, uint64_t addr, const std::string& what) {
    if (!ok && ++failures <= 5) ADD_FAILURE() << "address " << addr << ": " << what;
  };
  for (auto& [addr, events] : local) {
    std::sort(events.begin(), events.end(),
              [](const MemoryLocalEvent& a, const MemoryLocalEvent& b) { return a.initial_timestamp < b.initial_timestamp; });
    const auto i = init.find(addr);
    const auto f = fin.find(addr);
    check(f != fin.end(), addr, "accessed but not finalized");
    uint64_t value, timestamp = 0;
    if (i != init.end()) {
      value = i->second.value;
    } else {  // an image word: its image value, which the finalize event keeps if never written
      value = events.front().initial_value;
      check(events.front().initial_timestamp == 0, addr, "first access not from the initial state");
    }
    for (const MemoryLocalEvent& e : events) {
      check(e.initial_value == value && e.initial_timestamp == timestamp, addr,
            "local event starts at (" + std::to_string(e.initial_value) + ", " + std::to_string(e.initial_timestamp) +
                "), the previous ends at (" + std::to_string(value) + ", " + std::to_string(timestamp) + ")");
      check(e.final_timestamp >= e.initial_timestamp, addr, "ends before it starts");
      value = e.final_value;
      timestamp = e.final_timestamp;
    }
    if (f != fin.end())
      check(f->second.value == value && f->second.timestamp == timestamp, addr, "finalize event is not the last access");
  }
  EXPECT_EQ(failures, 0);
}

class ZkvmSharding : public ::testing::Test {
 protected:
  void check(const std::string& elf, const std::vector<std::vector<uint8_t>>& input, uint64_t extra,
             size_t min_shards) {
    const Program program = load_elf(read_fixture(elf));
    const ShardOptions o = small_shards(program, extra);
    const auto whole = record_whole(program, input);
    ASSERT_TRUE(whole->report.ok()) << whole->report.error;
    const Sharded s = shard(program, input, o);
    ASSERT_TRUE(s.summary.report.ok()) << s.summary.report.error;
    EXPECT_GE(s.execution().size(), min_shards);
    EXPECT_EQ(s.summary.execution_shards + s.summary.precompile_shards + s.summary.memory_shards, s.shards.size());
    for (size_t i = 0; i < s.shards.size(); ++i) EXPECT_EQ(s.shards[i].index, i);
    expect_same_events(s, *whole);
    expect_registers_chain(s);
    expect_public_values_chain(program, s, whole->report);
    expect_memory_events(program, s, *whole);
    expect_memory_argument(s);
    expect_reexecutes_identically(program, s, o);
    // The default thresholds (SP1CoreOpts) make one shard of these small runs.
    const Sharded one = shard(program, input, ShardOptions{});
    EXPECT_EQ(one.execution().size(), 1u);
    expect_same_events(one, *whole);
    expect_memory_events(program, one, *whole);
    expect_memory_argument(one);
  }
};

TEST_F(ZkvmSharding, Fibonacci) { check("elf/fibonacci.elf", {u64_entry(1000)}, 200'000, 4); }
TEST_F(ZkvmSharding, Loop) { check("elf/loop.elf", {u64_entry(3000)}, 200'000, 4); }
TEST_F(ZkvmSharding, Sha2) { check("elf/sha2.elf", {random_bytes(3000, 3)}, 600'000, 3); }
TEST_F(ZkvmSharding, Poseidon2) { check("elf/poseidon2.elf", {u64_entry(200)}, 200'000, 2); }
// Shards recorded into event vectors earlier shards gave back are the shards
// recorded into fresh ones; the vectors' memory is reused, and a spare too small
// for the asked size is not handed out.
TEST(ZkvmShardingBuffers, RecycledEventVectorsGiveTheSameShards) {
  const Program program = load_elf(read_fixture("elf/loop.elf"));
  const std::vector<std::vector<uint8_t>> input{u64_entry(3000)};
  ShardOptions o = small_shards(program, 200'000);
  const Sharded fresh = shard(program, input, o);
  ASSERT_GE(fresh.execution().size(), 4u);

  EventBufferPool pool;
  o.event_buffers = &pool;
  std::vector<ShardRecord> recycled;
  std::set<const InstrEvent*> given, reused;
  const ShardingSummary summary = execute_shards(program, input, o, [&](ShardRecord&& r) {
    for (const auto* list : {&r.alu, &r.memory, &r.branch, &r.jump, &r.utype})
      if (given.count(list->data())) reused.insert(list->data());
    recycled.push_back(r);  // a copy: the record's own vectors go back
    for (const auto* list : {&r.alu, &r.memory, &r.branch, &r.jump, &r.utype})
      if (list->capacity()) given.insert(list->data());
    pool.give(r);
    EXPECT_TRUE(r.alu.empty() && r.memory.empty() && r.branch.empty());
  });
  ASSERT_TRUE(summary.report.ok()) << summary.report.error;
  ASSERT_EQ(recycled.size(), fresh.shards.size());
  for (size_t i = 0; i < recycled.size(); ++i) {
    EXPECT_EQ(recycled[i].alu, fresh.shards[i].alu) << "shard " << i;
    EXPECT_EQ(recycled[i].memory, fresh.shards[i].memory) << "shard " << i;
    EXPECT_EQ(recycled[i].branch, fresh.shards[i].branch) << "shard " << i;
    EXPECT_EQ(recycled[i].jump, fresh.shards[i].jump) << "shard " << i;
    EXPECT_EQ(recycled[i].utype, fresh.shards[i].utype) << "shard " << i;
    EXPECT_EQ(recycled[i].public_values, fresh.shards[i].public_values) << "shard " << i;
  }
  EXPECT_FALSE(reused.empty()) << "no shard recorded into a vector an earlier one gave back";

  EventBufferPool small(2);
  ShardRecord r;
  r.alu.reserve(10);
  r.memory.reserve(100);
  r.branch.reserve(1000);
  const InstrEvent* hundred = r.memory.data();
  small.give(r);
  EXPECT_EQ(small.spares(), 2u);  // alu's and memory's kept, branch's freed
  const std::vector<InstrEvent> fits = small.take(50);
  EXPECT_EQ(fits.data(), hundred);  // the smallest spare that holds 50
  EXPECT_EQ(small.spares(), 1u);
  const std::vector<InstrEvent> fresh_one = small.take(500);
  EXPECT_GE(fresh_one.capacity(), 500u);
  EXPECT_EQ(small.spares(), 1u);  // the spare of 10 stays
}

TEST_F(ZkvmSharding, KeccakDefersItsPermutations) {
  // 100 permutations; SP1's chunk of Keccak events at this threshold (SplitOpts).
  const auto input = std::vector<std::vector<uint8_t>>{random_bytes(136 * 100, 5)};
  check("elf/keccak.elf", input, 3'000'000, 2);
  const Program program = load_elf(read_fixture("elf/keccak.elf"));
  const ShardOptions o = small_shards(program, 3'000'000);
  const uint64_t chunk = SplitOpts::make(o.threshold, program.code.size()).syscall_threshold(sys::KECCAK_PERMUTE);
  // cost_and_height_per_syscall: 24 rows of 2640, the control row 634, 25 words
  // of local memory and two global rows each, the syscall's rows.
  const uint64_t per_event = 24 * 2640 + 634 + 25 * kMemoryLocalCost + 50 * kGlobalCost + 10 + kGlobalCost;
  EXPECT_EQ(chunk, (o.threshold.element_threshold - preprocessed(program)) / per_event / 32 * 32);
  ASSERT_GT(chunk, 0u);
  const Sharded s = shard(program, input, o);
  std::vector<size_t> sizes;
  size_t in_exec = 0;
  for (const ShardRecord& r : s.shards) {
    if (r.kind == ShardRecord::Kind::precompile) {
      sizes.push_back(r.precompiles.size());
      for (const PrecompileEvent& p : r.precompiles) {
        EXPECT_EQ(p.syscall.code, sys::KECCAK_PERMUTE);
        EXPECT_EQ(p.memory.size(), 50u);  // 25 words read, 25 written
      }
    }
    if (r.kind == ShardRecord::Kind::execution)
      for (const PrecompileEvent& p : r.precompiles) in_exec += p.syscall.code == sys::KECCAK_PERMUTE;
  }
  EXPECT_EQ(in_exec, 0u) << "Keccak is not retained by default";
  ASSERT_FALSE(sizes.empty());
  size_t total = 0;
  for (size_t n : sizes) total += n;
  EXPECT_EQ(total, 101u);  // n / 136 + 1
  // Full chunks as soon as they fill, the remainder in one shard at the end.
  EXPECT_EQ(std::count(sizes.begin(), sizes.end(), chunk), long(total / chunk));
  EXPECT_EQ(sizes.size(), total / chunk + (total % chunk ? 1 : 0));
  // With precompile shards at the end, the memory events get their own shards.
  EXPECT_GE(s.summary.memory_shards, 1u);
}

// SP1 files a field's FP_SUB and FP_MUL events under FP_ADD and FP2_SUB under
// FP2_ADD, and cuts deferred events into precompile shards per key.
// User-mode guests (user_mode_guest.hpp) in small shards: each shard re-executes
// from its checkpoint (the words it reads, and its pages' permissions and last
// accesses) to the same events, user mode's included.
TEST(ZkvmShardingUserMode, ShardsReexecuteIdentically) {
  struct Case {
    std::optional<Program> program;
    uint64_t extra;  // 0: SP1's default thresholds (the syscall guest's KECCAK chunk needs them)
    size_t min_shards;
  };
  const Case cases[] = {{user_mode_guest(40), 20'000, 10}, {untrusted_code_guest(), 20'000, 10},
                        {user_mode_syscall_guest(), 0, 1}};
  for (const Case& c : cases) {
    if (!c.program) return;
    const ShardOptions o = c.extra ? small_shards(*c.program, c.extra) : ShardOptions{};
    const Sharded s = shard(*c.program, {}, o);
    ASSERT_TRUE(s.summary.report.ok()) << s.summary.report.error;
    EXPECT_GE(s.execution().size(), c.min_shards);
    const auto exec = s.execution();
    EXPECT_TRUE(std::any_of(exec.begin(), exec.end(), [](const ShardRecord* r) { return !r->checkpoint->pages.empty(); }));
    expect_reexecutes_identically(*c.program, s, o);
  }
}

TEST(ZkvmShardingKeys, FieldOperationsShareTheirAddKey) {
  EXPECT_EQ(precompile_event_key(sys::BN254_FP2_SUB), sys::BN254_FP2_ADD);
  EXPECT_EQ(precompile_event_key(sys::BLS12381_FP2_SUB), sys::BLS12381_FP2_ADD);
  EXPECT_EQ(precompile_event_key(sys::BN254_FP_SUB), sys::BN254_FP_ADD);
  EXPECT_EQ(precompile_event_key(sys::BN254_FP_MUL), sys::BN254_FP_ADD);
  EXPECT_EQ(precompile_event_key(sys::BLS12381_FP_SUB), sys::BLS12381_FP_ADD);
  EXPECT_EQ(precompile_event_key(sys::BLS12381_FP_MUL), sys::BLS12381_FP_ADD);
  for (const uint32_t own : {sys::BN254_FP2_ADD, sys::BN254_FP2_MUL, sys::BLS12381_FP2_ADD, sys::BLS12381_FP2_MUL,
                             sys::BN254_FP_ADD, sys::KECCAK_PERMUTE, sys::SHA_EXTEND})
    EXPECT_EQ(precompile_event_key(own), own);
}

// Retained precompiles (SHA-256 by default) stay in their execution shard.
TEST_F(ZkvmSharding, Sha256IsRetained) {
  const Program program = load_elf(read_fixture("elf/sha2.elf"));
  const Sharded s = shard(program, {random_bytes(200, 1)}, ShardOptions{});
  ASSERT_TRUE(s.summary.report.ok());
  EXPECT_EQ(s.summary.precompile_shards, 0u);
  EXPECT_EQ(s.summary.memory_shards, 0u);  // few enough memory events to pack into the one shard
  size_t sha = 0;
  for (const PrecompileEvent& p : s.shards.at(0).precompiles)
    sha += p.syscall.code == sys::SHA_EXTEND || p.syscall.code == sys::SHA_COMPRESS;
  EXPECT_EQ(sha, s.summary.report.syscalls.at("SHA_EXTEND") + s.summary.report.syscalls.at("SHA_COMPRESS"));
  EXPECT_FALSE(s.shards.at(0).memory_finalize.empty());
}

// The cut point on a loop of addi + bne, computed from SP1's costs: a shard
// inside the loop starts with the 32 registers' local-memory and global rows
// and then adds one chip row per instruction; it ends at the first instruction
// that brings the area to the threshold less the HALT allowance.
TEST(ZkvmShardingCuts, LoopShardsEndWhereTheAreaReachesTheThreshold) {
  const auto elf = assemble(R"(
  li t1, 200000
1:
  addi t1, t1, -1
  bnez t1, 1b
  OUT t1
)");
  if (!elf) return;
  const Program program = load_elf(*elf);
  const uint64_t extra = 150'000;
  const ShardOptions o = small_shards(program, extra);
  const Sharded s = shard(program, {}, o);
  ASSERT_TRUE(s.summary.report.ok()) << s.summary.report.error;
  const auto exec = s.execution();
  ASSERT_GE(exec.size(), 4u);
  const uint64_t limit = o.threshold.element_threshold - (uint64_t(1) << 18);
  for (size_t k = 1; k + 1 < exec.size(); ++k) {
    const ShardRecord& r = *exec[k];
    ASSERT_EQ(r.memory.size() + r.syscalls.size() + r.jump.size() + r.utype.size(), 0u) << "shard " << k << " left the loop";
    uint64_t area = preprocessed(program) + 2 * (uint64_t(1) << 18) + 32 * (kMemoryLocalCost + 2 * kGlobalCost);
    // The shard's instructions in order: the loop alternates addi and bne.
    const bool starts_with_addi = r.alu.front().clk < r.branch.front().clk;
    uint64_t n = 0;
    while (area < limit) {
      area += ((n % 2 == 0) == starts_with_addi) ? kAddiCost : kBranchCost;
      ++n;
    }
    EXPECT_EQ(r.instructions, n) << "shard " << k;
  }
}

TEST(ZkvmShardingErrors, CancellationAndThresholds) {
  const Program fib = load_elf(read_fixture("elf/fibonacci.elf"));
  std::stop_source stop;
  stop.request_stop();
  ShardOptions o;
  o.exec.stop = stop.get_token();
  EXPECT_THROW(shard(fib, {u64_entry(10)}, o), ExecutionCancelled);

  ShardOptions tiny;
  tiny.threshold.element_threshold = 1000;
  EXPECT_THROW(shard(fib, {u64_entry(10)}, tiny), std::invalid_argument);

}

// A shard with an unconstrained block cannot be re-executed (its untraced
// loads are not in the checkpoint): it says so instead of recording wrong events.
TEST(ZkvmShardingErrors, UnconstrainedBlocksMarkTheCheckpointIncomplete) {
  const auto elf = assemble(R"(
  li t0, 3
  ecall
  beqz t0, 1f
  li t0, 4
  ecall
1:
  OUT t0
)");
  if (!elf) return;
  const Program program = load_elf(*elf);
  const Sharded s = shard(program, {}, ShardOptions{});
  ASSERT_TRUE(s.summary.report.ok()) << s.summary.report.error;
  ASSERT_EQ(s.execution().size(), 1u);
  EXPECT_FALSE(s.execution()[0]->checkpoint->complete);
  EXPECT_THROW(reexecute_shard(program, *s.execution()[0]->checkpoint, ShardOptions{}), std::invalid_argument);
}

// A guest that fails: the shards before the failure came out, no final one.
TEST(ZkvmShardingErrors, AFailingGuestEndsWithoutAFinalShard) {
  const auto elf = assemble(R"(
  li t1, 50000
1:
  addi t1, t1, -1
  bnez t1, 1b
  li t2, 1
  ld t3, 0(t2)
)");
  if (!elf) return;
  const Program program = load_elf(*elf);
  const Sharded s = shard(program, {}, small_shards(program, 150'000));
  EXPECT_FALSE(s.summary.report.ok());
  EXPECT_NE(s.summary.report.error.find("misaligned"), std::string::npos) << s.summary.report.error;
  EXPECT_GE(s.shards.size(), 1u);
  for (const ShardRecord& r : s.shards) EXPECT_FALSE(r.register_refresh.empty());
}

}  // namespace
}  // namespace zkgpu::zkvm::test
