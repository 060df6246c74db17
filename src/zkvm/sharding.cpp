#include "zkvm/sharding.hpp"

#include <algorithm>
#include <map>
#include <span>
#include <stdexcept>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>

#include "math/field31/field31.hpp"
#include "zkvm/event_buffers.hpp"
#include "zkvm/memory.hpp"
#include "zkvm/memory_image.hpp"
#include "zkvm/precompile_keys.hpp"
#include "zkvm/recorder.hpp"
#include "zkvm/syscall_codes.hpp"

namespace zkgpu::zkvm {
namespace {

using shard_costs::Air;
using shard_costs::cost;
using F = f31::KoalaBear;

uint32_t inverse(uint32_t x) { return F::from_canonical(x).inverse().to_canonical(); }
uint32_t field_sub(uint32_t a, uint32_t b) { return (F::from_canonical(a) - F::from_canonical(b)).to_canonical(); }

// An execution shard's public values (tracing.rs postprocess, the COMMIT
// syscalls in vm/syscall/commit.rs and deferred.rs, record.rs
// finalize_public_values with is_execution_shard = true).
PublicValues execution_public_values(const Checkpoint& start, const ShardRecord& r, uint64_t next_pc,
                                     uint64_t last_timestamp, uint32_t exit_code,
                                     const std::array<uint32_t, 4>& nonce) {
  PublicValues pv;
  pv.pc_start = start.pc;
  pv.next_pc = next_pc;
  pv.exit_code = exit_code;
  pv.initial_timestamp = start.clk;
  pv.last_timestamp = last_timestamp;
  pv.proof_nonce = nonce;
  for (const SyscallEvent& e : r.syscalls) {
    if (e.code == sys::COMMIT) {
      pv.committed_value_digest.at(e.arg1) = uint32_t(e.arg2);
      pv.commit_syscall = 1;
    } else if (e.code == sys::COMMIT_DEFERRED_PROOFS) {
      pv.deferred_proofs_digest.at(e.arg1) = uint32_t(e.arg2);
      pv.commit_deferred_syscall = 1;
    }
  }
  pv.is_execution_shard = 1;
  const uint32_t ih = uint32_t(pv.initial_timestamp >> 24), il = uint32_t(pv.initial_timestamp & 0xFFFFFF);
  const uint32_t lh = uint32_t(pv.last_timestamp >> 24), ll = uint32_t(pv.last_timestamp & 0xFFFFFF);
  pv.initial_timestamp_inv = pv.initial_timestamp == 1 ? 0 : inverse(ih + il - 1);
  pv.last_timestamp_inv = inverse(lh + ll - 1);
  pv.is_timestamp_high_eq = ih == lh;
  if (ih != lh) pv.inv_timestamp_high = inverse(field_sub(lh, ih));
  pv.is_timestamp_low_eq = il == ll;
  if (il != ll) pv.inv_timestamp_low = inverse(field_sub(ll, il));
  pv.is_first_execution_shard = pv.initial_timestamp == 1;
  return pv;
}

// PublicValues::update_initialized_state: a precompile shard.
PublicValues initialized_state(uint64_t pc_start, const std::array<uint32_t, 4>& nonce, bool untrusted_programs) {
  PublicValues pv;
  pv.is_untrusted_programs_enabled = untrusted_programs;  // ExecutionRecord::new sets it on every record
  pv.pc_start = pv.next_pc = pc_start;
  pv.initial_timestamp = pv.last_timestamp = 1;
  pv.is_timestamp_high_eq = pv.is_timestamp_low_eq = 1;
  pv.proof_nonce = nonce;
  return pv;
}

// PublicValues::update_finalized_state_from_public_values: a memory shard after `last`.
PublicValues finalized_state(const PublicValues& last) {
  PublicValues pv;
  pv.pc_start = pv.next_pc = last.next_pc;
  pv.exit_code = pv.prev_exit_code = last.exit_code;
  pv.initial_timestamp = pv.last_timestamp = last.last_timestamp;
  pv.is_timestamp_high_eq = pv.is_timestamp_low_eq = 1;
  pv.prev_committed_value_digest = pv.committed_value_digest = last.committed_value_digest;
  pv.prev_deferred_proofs_digest = pv.deferred_proofs_digest = last.deferred_proofs_digest;
  pv.is_untrusted_programs_enabled = last.is_untrusted_programs_enabled;
  pv.prev_commit_syscall = pv.commit_syscall = 1;
  pv.prev_commit_deferred_syscall = pv.commit_deferred_syscall = 1;
  pv.proof_nonce = last.proof_nonce;
  return pv;
}

// A trap's reads and writes of its context's three words.
std::array<const MemoryAccess*, 3> trap_context_words(const TrapResult& r) {
  return {&r.handler_record, &r.code_record, &r.pc_record};
}

// The memory words an ECALL accessed besides its call's memory: SIG_RETURN's read
// of the next pc, and a trap's context words (which SP1's splicer counts as
// touched: `trap` is true for them).
template <class F>
void for_each_ecall_word(const SyscallEvent& e, F&& f) {
  if (e.sig_return_pc_record) f(*e.sig_return_pc_record, false);
  if (e.trap_result)
    for (const MemoryAccess* m : trap_context_words(*e.trap_result)) f(*m, true);
}

// The words a shard reads before writing them whole: for each word, its first
// access in the shard unless that is a hint (which writes the word whole).
std::vector<CheckpointWord> first_touches(const ShardRecord& r, const std::vector<MemoryAccess>& untraced) {
  struct First {
    uint64_t time;
    CheckpointWord word;
    bool hint;
  };
  std::unordered_map<uint64_t, First> first;
  auto see = [&](uint64_t addr, uint64_t time, uint64_t value, uint64_t timestamp, bool hint) {
    auto [it, fresh] = first.try_emplace(addr, First{time, {addr, value, timestamp}, hint});
    if (!fresh && time < it->second.time) it->second = First{time, {addr, value, timestamp}, hint};
  };
  for (const InstrEvent& e : r.memory) see(e.memory.addr, e.memory.timestamp, e.memory.prev_value, e.memory.prev_timestamp, false);
  for (const MemoryAccess& m : r.syscall_memory)  // not the registers a precompile reads (addresses 0..31)
    if (m.addr >= 32) see(m.addr, m.timestamp, m.prev_value, m.prev_timestamp, false);
  for (const MemoryAccess& m : untraced) see(m.addr, m.timestamp, m.prev_value, m.prev_timestamp, false);
  for (const TrapMemEvent& t : r.trap_mem)
    for (const MemoryAccess* m : trap_context_words(t.trap_result))
      see(m->addr, m->timestamp, m->prev_value, m->prev_timestamp, false);
  for (const SyscallEvent& e : r.syscalls)
    for_each_ecall_word(e, [&](const MemoryAccess& m, bool) { see(m.addr, m.timestamp, m.prev_value, m.prev_timestamp, false); });
  for (const InstructionFetchEvent& f : r.instruction_fetch)
    see(f.memory.addr, f.memory.timestamp, f.memory.prev_value, f.memory.prev_timestamp, false);
  for (const TrapExecEvent& t : r.trap_exec)
    for (const MemoryAccess* m : trap_context_words(t.trap_result))
      see(m->addr, m->timestamp, m->prev_value, m->prev_timestamp, false);
  for (const EventRecorder::Hint& h : r.hints)
    for (uint64_t i = 0; i < h.words; ++i) see(h.addr + 8 * i, h.clk, 0, 0, true);
  std::vector<CheckpointWord> out;
  out.reserve(first.size());
  for (const auto& [addr, f] : first)
    if (!f.hint) out.push_back(f.word);
  std::sort(out.begin(), out.end(), [](const CheckpointWord& a, const CheckpointWord& b) { return a.addr < b.addr; });
  return out;
}

// User mode: each page the shard checks or sets, as its first access found it
// (the earliest record before an access, of the shard's and its deferred calls'
// local page events).
std::vector<CheckpointPage> first_page_records(const ShardRecord& r) {
  std::map<uint64_t, PageProtRecord> first;
  auto see = [&](const PageProtLocalEvent& e) {
    auto [it, fresh] = first.try_emplace(e.page_idx, e.initial_access);
    if (!fresh && e.initial_access.timestamp < it->second.timestamp) it->second = e.initial_access;
  };
  for (const PageProtLocalEvent& e : r.page_prot_local) see(e);
  for (const SyscallEvent& s : r.syscalls)
    for (const PageProtLocalEvent& e : s.page_prot_local) see(e);
  std::vector<CheckpointPage> out;
  out.reserve(first.size());
  for (const auto& [page, rec] : first) out.push_back({page, rec.page_prot, rec.timestamp});
  return out;
}

// LocalMemoryAccess::insert_record (tracing.rs): per address, the earliest
// previous record and the latest record. close() ends an address's event
// (postprocess_precompile: a deferred precompile touched the word, so later CPU
// accesses start a new event).
class LocalMemory {
 public:
  void add(const MemoryAccess& m) {
    auto [it, fresh] = open_.try_emplace(m.addr, MemoryLocalEvent{m.addr, m.prev_value, m.prev_timestamp, m.value, m.timestamp});
    if (fresh) return;
    MemoryLocalEvent& e = it->second;
    if (m.timestamp > e.final_timestamp) e.final_value = m.value, e.final_timestamp = m.timestamp;
    if (m.prev_timestamp < e.initial_timestamp) e.initial_value = m.prev_value, e.initial_timestamp = m.prev_timestamp;
  }
  void close(uint64_t addr) {
    const auto it = open_.find(addr);
    if (it == open_.end()) return;
    closed_.push_back(it->second);
    open_.erase(it);
  }
  // The closed events in the order they closed, then the open ones by address
  // (SP1 drains hash maps at both points).
  std::vector<MemoryLocalEvent> take() {
    std::vector<MemoryLocalEvent> out = std::move(closed_), rest;
    rest.reserve(open_.size());
    for (const auto& [addr, e] : open_) rest.push_back(e);
    std::sort(rest.begin(), rest.end(), [](const MemoryLocalEvent& a, const MemoryLocalEvent& b) { return a.addr < b.addr; });
    out.insert(out.end(), rest.begin(), rest.end());
    open_.clear();
    return out;
  }

 private:
  std::unordered_map<uint64_t, MemoryLocalEvent> open_;
  std::vector<MemoryLocalEvent> closed_;
};

// Calls f on the shard's instruction events, ECALLs, trapped loads and stores
// and refused fetches, in execution (clk) order.
template <class F>
void in_clk_order(const ShardRecord& r, F&& f) {
  const std::vector<InstrEvent>* kinds[] = {&r.alu, &r.memory, &r.branch, &r.jump, &r.utype};
  size_t pos[5] = {}, sys_pos = 0, mem_trap_pos = 0, exec_trap_pos = 0;
  auto clk_at = [](const auto& list, size_t i, auto clk_of) { return i < list.size() ? clk_of(list[i]) : UINT64_MAX; };
  for (;;) {
    int best = -1;
    uint64_t best_clk = UINT64_MAX;
    for (int k = 0; k < 5; ++k)
      if (pos[k] < kinds[k]->size() && (*kinds[k])[pos[k]].clk < best_clk) best = k, best_clk = (*kinds[k])[pos[k]].clk;
    const uint64_t sys_clk = clk_at(r.syscalls, sys_pos, [](const SyscallEvent& e) { return e.clk; });
    const uint64_t mem_trap_clk = clk_at(r.trap_mem, mem_trap_pos, [](const TrapMemEvent& e) { return e.instr.clk; });
    const uint64_t exec_trap_clk = clk_at(r.trap_exec, exec_trap_pos, [](const TrapExecEvent& e) { return e.clk; });
    const uint64_t next = std::min({best_clk, sys_clk, mem_trap_clk, exec_trap_clk});
    if (next == UINT64_MAX) return;
    if (next == sys_clk) f(r.syscalls[sys_pos++]);
    else if (next == mem_trap_clk) f(r.trap_mem[mem_trap_pos++]);
    else if (next == exec_trap_clk) f(r.trap_exec[exec_trap_pos++]);
    else f((*kinds[best])[pos[best]++]);
  }
}

// Moves the recorder's events into an execution shard's record, with the
// register refresh when the run goes on, its retained precompile events, its
// checkpoint's memory and its public values; `deferred` gets the rest.
ShardRecord take_shard(EventRecorder& rec, Checkpoint start, bool last, uint64_t next_pc, uint32_t exit_code,
                       const ShardOptions& options, std::map<uint32_t, std::vector<PrecompileEvent>>& deferred) {
  ShardRecord r;
  r.kind = ShardRecord::Kind::execution;
  r.alu = std::move(rec.alu);
  r.memory = std::move(rec.memory);
  r.branch = std::move(rec.branch);
  r.jump = std::move(rec.jump);
  r.utype = std::move(rec.utype);
  r.syscalls = std::move(rec.syscalls);
  r.syscall_memory = std::move(rec.syscall_memory);
  r.hints = std::move(rec.hints);
  r.memory_page_prot = std::move(rec.memory_page_prot);
  r.trap_mem = std::move(rec.trap_mem_events);
  r.instruction_fetch = std::move(rec.instruction_fetches);
  r.fetch_page_prot = std::move(rec.fetch_page_prot);
  r.trap_exec = std::move(rec.trap_exec_events);
  r.instruction_decode = rec.take_instruction_decodes();
  r.page_prot_local = rec.take_page_prot_local();
  r.instructions = rec.instructions() - start.instructions;
  start.end_instructions = rec.instructions();
  start.memory = first_touches(r, rec.untraced_reads);
  start.pages = first_page_records(r);
  for (const SyscallEvent& e : r.syscalls)
    if (e.code == sys::ENTER_UNCONSTRAINED) start.complete = false;
  rec.clear_events();  // also the untraced reads; leaves the moved-from vectors empty
  if (!last) {
    const auto refresh = rec.refresh_registers();
    r.register_refresh.assign(refresh.begin(), refresh.end());
  }
  LocalMemory local;
  // An untrusted instruction's fetch read its word first (clk + 0).
  auto add_fetch = [&](const InstrEvent& e) {
    if (!e.untrusted) return;
    const auto f = std::lower_bound(r.instruction_fetch.begin(), r.instruction_fetch.end(), e.clk,
                                    [](const InstructionFetchEvent& x, uint64_t clk) { return x.clk < clk; });
    if (f == r.instruction_fetch.end() || f->clk != e.clk)
      throw std::logic_error("sharding: an untrusted instruction at clk " + std::to_string(e.clk) + " has no fetch");
    local.add(f->memory);
  };
  in_clk_order(r, [&](const auto& e) {
    using Event = std::decay_t<decltype(e)>;
    if constexpr (std::is_same_v<Event, TrapMemEvent>) {
      add_fetch(e.instr);
      local.add(e.instr.ra);
      local.add(e.instr.rb);
      for (const MemoryAccess* m : trap_context_words(e.trap_result)) local.add(*m);
      return;
    } else if constexpr (std::is_same_v<Event, TrapExecEvent>) {
      for (const MemoryAccess* m : trap_context_words(e.trap_result)) local.add(*m);
      return;
    } else if constexpr (std::is_same_v<Event, InstrEvent>) {
      add_fetch(e);
      if (e.used & InstrEvent::kA) local.add(e.ra);
      if (e.used & InstrEvent::kB) local.add(e.rb);
      if (e.used & InstrEvent::kC) local.add(e.rc);
      if (e.used & InstrEvent::kMemory) local.add(e.memory);
      return;
    } else {
      const bool sent = shard_costs::should_send(e.code) && !shard_costs::retained_by_default(e.code);
      const std::span<const MemoryAccess> words(r.syscall_memory.data() + e.memory_begin, e.memory_end - e.memory_begin);
      // SP1 enters SIG_RETURN's x11, x10 and x5 before the call, whose restore of
      // x1..x31 then closes them (tracing.rs execute_ecall); other calls' registers
      // come after the call and are none of its words.
      const bool registers_first = e.code == sys::SIG_RETURN;
      if (registers_first)
        for (const MemoryAccess& m : {e.rc, e.rb, e.ra}) local.add(m);
      if (sent)
        for (const MemoryAccess& m : words) local.close(m.addr);
      else
        for (const MemoryAccess& m : words) local.add(m);
      if (!registers_first)
        for (const MemoryAccess& m : {e.rc, e.rb, e.ra}) local.add(m);
      for_each_ecall_word(e, [&](const MemoryAccess& m, bool) { local.add(m); });
      if (!shard_costs::is_precompile(e.code)) return;
      PrecompileEvent p{e, {words.begin(), words.end()}, {}};
      p.syscall.memory_begin = 0;
      p.syscall.memory_end = p.memory.size();
      p.page_prot_local = std::move(p.syscall.page_prot_local);
      p.syscall.page_prot_local.clear();
      if (!sent) {
        r.precompiles.push_back(std::move(p));
        return;
      }
      LocalMemory own;
      for (const MemoryAccess& m : words) own.add(m);
      p.memory_local = own.take();
      deferred[precompile_event_key(e.code)].push_back(std::move(p));  // by SP1's key
    }
  });
  for (const MemoryAccess& m : r.register_refresh) local.add(m);
  r.memory_local = local.take();
  r.public_values = execution_public_values(start, r, next_pc, rec.clk(), exit_code, options.proof_nonce);
  r.public_values.is_untrusted_programs_enabled = rec.page_checks();
  r.checkpoint = std::make_shared<const Checkpoint>(std::move(start));
  return r;
}

// Global memory state across the run, for SP1's emit_globals.
class GlobalMemory {
 public:
  void update(const ShardRecord& r) {
    for (const InstrEvent& e : r.memory) {
      touched_.insert(e.memory.addr);
      see(e.memory.addr, e.memory.timestamp, e.memory.value, e.memory.timestamp);
    }
    for (const MemoryAccess& m : r.syscall_memory)
      if (m.addr >= 32) see(m.addr, m.timestamp, m.value, m.timestamp);
    for (const TrapMemEvent& t : r.trap_mem)  // SP1's splicer counts them touched
      for (const MemoryAccess* m : trap_context_words(t.trap_result)) {
        touched_.insert(m->addr);
        see(m->addr, m->timestamp, m->value, m->timestamp);
      }
    for (const SyscallEvent& e : r.syscalls)
      for_each_ecall_word(e, [&](const MemoryAccess& m, bool trap) {
        if (trap) touched_.insert(m.addr);
        see(m.addr, m.timestamp, m.value, m.timestamp);
      });
    // SP1's splicer counts untrusted fetches' words and refused fetches' trap words touched.
    for (const InstructionFetchEvent& f : r.instruction_fetch) {
      touched_.insert(f.memory.addr);
      see(f.memory.addr, f.memory.timestamp, f.memory.value, f.memory.timestamp);
    }
    for (const TrapExecEvent& t : r.trap_exec)
      for (const MemoryAccess* m : trap_context_words(t.trap_result)) {
        touched_.insert(m->addr);
        see(m->addr, m->timestamp, m->value, m->timestamp);
      }
    for (const EventRecorder::Hint& h : r.hints) {
      hints_.push_back({h.addr, h.len, h.values});
      for (uint64_t i = 0; i < h.words; ++i) see(h.addr + 8 * i, h.clk, h.values[i], 0);
    }
  }

  // emit_globals (utils/prove.rs): initialize and finalize events, sorted by address.
  void finish(const Program& program, const std::array<EventRecorder::Register, 32>& registers,
              std::vector<MemoryInitFinalizeEvent>& init, std::vector<MemoryInitFinalizeEvent>& finalize) const {
    for (uint64_t i = 0; i < 32; ++i)
      if (registers[i].timestamp != 0) {
        init.push_back({i, 0, 0});
        finalize.push_back({i, registers[i].value, registers[i].timestamp});
      }
    // The image SP1's ELF loader builds (disassembler/elf.rs): every word
    // overlapping a segment's memory, bss included.
    Memory image;
    image.load(program);
    std::unordered_map<uint64_t, uint64_t> image_words;
    for (const LoadSegment& s : program.segments)
      if (s.mem_size > 0)
        for (uint64_t a = s.vaddr & ~uint64_t(7); a < s.vaddr + s.mem_size; a += 8) image_words.emplace(a, image.read_u64(a));
    // chunked_memory_init_events (minimal/postprocess.rs): the hint's bytes in
    // words, the last zero-padded; not the extra zero word HINT_READ writes.
    std::unordered_set<uint64_t> hinted;
    for (const HintRecord& h : hints_)
      for (uint64_t i = 0; i < (h.len + 7) / 8; ++i) {
        init.push_back({h.addr + 8 * i, h.values[i], 0});
        hinted.insert(h.addr + 8 * i);
      }
    for (uint64_t a : touched_)
      if (!image_words.count(a) && !hinted.count(a)) init.push_back({a, 0, 0});
    std::unordered_set<uint64_t> all(touched_.begin(), touched_.end());
    for (const auto& [a, v] : image_words) all.insert(a);
    all.insert(hinted.begin(), hinted.end());
    for (uint64_t a : all) {
      const auto it = last_.find(a);
      if (it != last_.end()) {
        finalize.push_back({a, it->second.value, it->second.timestamp});
      } else {
        const auto im = image_words.find(a);
        finalize.push_back({a, im != image_words.end() ? im->second : 0, 0});
      }
    }
    auto by_addr = [](const MemoryInitFinalizeEvent& a, const MemoryInitFinalizeEvent& b) { return a.addr < b.addr; };
    std::stable_sort(init.begin(), init.end(), by_addr);
    std::stable_sort(finalize.begin(), finalize.end(), by_addr);
  }

 private:
  struct Last {
    uint64_t time, value, timestamp;
  };
  struct HintRecord {
    uint64_t addr, len;
    std::vector<uint64_t> values;
  };
  void see(uint64_t addr, uint64_t time, uint64_t value, uint64_t timestamp) {
    auto [it, fresh] = last_.try_emplace(addr, Last{time, value, timestamp});
    if (!fresh && time >= it->second.time) it->second = Last{time, value, timestamp};
  }

  std::unordered_set<uint64_t> touched_;    // words loads and stores touched (SplicingVM's touched_addresses)
  std::unordered_map<uint64_t, Last> last_;  // every accessed word's last access
  std::vector<HintRecord> hints_;
};

// SP1's page-permission globals (prover/worker/controller/global.rs): the pages
// checked during the run and the ELF's pages, by index; an initialize event (the
// default permission, timestamp 0) for each checked page the ELF does not
// describe (the ELF's pages are the program's), a finalize event for every page
// with its permission and the timestamp of its last check (0: never checked).
void page_prot_globals(const Program& program, const EventRecorder& rec, std::vector<PageProtInitFinalizeEvent>& init,
                       std::vector<PageProtInitFinalizeEvent>& finalize) {
  std::map<uint64_t, PageProtInitFinalizeEvent> pages;
  for (const ImagePage& p : sp1_page_prot_image(program)) pages[p.page] = {p.page, p.prot, 0};
  for (const auto& [page, last] : rec.checked_pages()) {
    if (!pages.count(page)) init.push_back({page, kDefaultProt, 0});
    pages[page] = {page, last.page_prot, last.timestamp};
  }
  std::sort(init.begin(), init.end(), [](const auto& a, const auto& b) { return a.page_idx < b.page_idx; });
  for (const auto& [page, e] : pages) finalize.push_back(e);
}

// ExecutionRecord::split (record.rs) as generate_records calls it after each
// execution shard.
class Splitter {
 public:
  Splitter(const Program& program, const SplitOpts& opts, const std::array<uint32_t, 4>& nonce)
      : program_(program), opts_(opts), nonce_(nonce) {}

  std::map<uint32_t, std::vector<PrecompileEvent>> deferred;
  std::vector<MemoryInitFinalizeEvent> init, finalize;
  std::vector<PageProtInitFinalizeEvent> page_init, page_finalize;

  bool can_pack() const {
    return init.size() <= opts_.combine_memory_threshold && finalize.size() <= opts_.combine_memory_threshold &&
           page_init.size() <= opts_.combine_page_prot_threshold &&
           page_finalize.size() <= opts_.combine_page_prot_threshold;
  }

  // The shards split off after `last_exec`; with `done`, the remaining
  // precompile events and the memory events (packed into last_exec when `pack`
  // and no precompile shard was made here).
  std::vector<ShardRecord> split(bool done, ShardRecord& last_exec, bool pack) {
    std::vector<ShardRecord> out;
    for (auto& [code, events] : deferred) {  // SP1 walks a hash map; here by code
      const uint64_t threshold = opts_.syscall_threshold(code);
      if (threshold == 0)  // SP1 would split into chunks of 0 (and panic)
        throw std::invalid_argument("sharding threshold: too small for a precompile shard of " +
                                    describe_syscall(code));
      const size_t full = events.size() / threshold * threshold;
      if (done && full < events.size())
        out.push_back(precompile_shard(std::vector<PrecompileEvent>(std::make_move_iterator(events.begin() + long(full)),
                                                                    std::make_move_iterator(events.end()))));
      for (size_t i = 0; i < full; i += threshold)
        out.push_back(precompile_shard(std::vector<PrecompileEvent>(
            std::make_move_iterator(events.begin() + long(i)), std::make_move_iterator(events.begin() + long(i + threshold)))));
      events.erase(events.begin(), done ? events.end() : events.begin() + long(full));
    }
    std::erase_if(deferred, [](const auto& kv) { return kv.second.empty(); });
    if (!done) return out;

    const bool into_last = pack && out.empty();
    // The page-permission events first, then the memory words' (record.rs split).
    split_global_events(page_init, page_finalize, 2 * opts_.page_prot, &ShardRecord::page_prot_initialize,
                        &ShardRecord::page_prot_finalize, kPageChains, into_last, last_exec, out);
    split_global_events(init, finalize, 2 * opts_.memory, &ShardRecord::memory_initialize,
                        &ShardRecord::memory_finalize, kMemoryChains, into_last, last_exec, out);
    return out;
  }

 private:
  // The public values that chain a kind of global event across shards: the key
  // (address or page) of the previous shard's last event and of this shard's.
  struct Chains {
    uint64_t PublicValues::*previous_init, PublicValues::*last_init, PublicValues::*previous_finalize,
        PublicValues::*last_finalize;
  };
  static constexpr Chains kMemoryChains{&PublicValues::previous_init_addr, &PublicValues::last_init_addr,
                                        &PublicValues::previous_finalize_addr, &PublicValues::last_finalize_addr};
  static constexpr Chains kPageChains{&PublicValues::previous_init_page_idx, &PublicValues::last_init_page_idx,
                                      &PublicValues::previous_finalize_page_idx, &PublicValues::last_finalize_page_idx};

  static uint64_t key(const MemoryInitFinalizeEvent& e) { return e.addr; }
  static uint64_t key(const PageProtInitFinalizeEvent& e) { return e.page_idx; }

  // Moves a run's initialize and finalize events into shards of at most
  // `capacity` events, initialize events first, each shard's public values
  // chaining from the previous shard's last keys: into last_exec when
  // `into_last`, else into new memory shards appended to `out`.
  template <class Event>
  void split_global_events(std::vector<Event>& init, std::vector<Event>& finalize, uint64_t capacity,
                           std::vector<Event> ShardRecord::*init_out, std::vector<Event> ShardRecord::*finalize_out,
                           const Chains& chains, bool into_last, ShardRecord& last_exec,
                           std::vector<ShardRecord>& out) {
    uint64_t init_key = 0, finalize_key = 0;
    for (size_t i = 0, f = 0; i < init.size() || f < finalize.size();) {
      const size_t take_init = std::min<size_t>(init.size() - i, capacity);
      const size_t take_fin = std::min<size_t>(finalize.size() - f, capacity - take_init);
      ShardRecord blank;
      if (!into_last) {
        blank.kind = ShardRecord::Kind::memory;
        blank.public_values = finalized_state(last_exec.public_values);
      }
      ShardRecord& rec = into_last ? last_exec : blank;
      PublicValues& pv = rec.public_values;
      (rec.*init_out).insert((rec.*init_out).end(), init.begin() + long(i), init.begin() + long(i + take_init));
      pv.*chains.previous_init = init_key;
      if (take_init) init_key = key(init[i + take_init - 1]);
      pv.*chains.last_init = init_key;
      (rec.*finalize_out).insert((rec.*finalize_out).end(), finalize.begin() + long(f),
                                 finalize.begin() + long(f + take_fin));
      pv.*chains.previous_finalize = finalize_key;
      if (take_fin) finalize_key = key(finalize[f + take_fin - 1]);
      pv.*chains.last_finalize = finalize_key;
      if constexpr (std::is_same_v<Event, PageProtInitFinalizeEvent>) pv.is_untrusted_programs_enabled = 1;
      i += take_init;
      f += take_fin;
      if (!into_last) out.push_back(std::move(blank));
    }
    init.clear();
    finalize.clear();
  }

  ShardRecord precompile_shard(std::vector<PrecompileEvent> events) {
    ShardRecord r;
    r.kind = ShardRecord::Kind::precompile;
    r.precompiles = std::move(events);
    r.public_values = initialized_state(program_.entry, nonce_, program_.user_mode());
    return r;
  }

  const Program& program_;
  SplitOpts opts_;
  std::array<uint32_t, 4> nonce_;
};

// The sharded executor's boundary rule on the recorder's events.
class Boundary final : public RecordObserver {
 public:
  explicit Boundary(ShapeChecker& checker) : checker_(checker) {}
  bool instruction(const InstrEvent& e, const StepPageReads& reads) override {
    if (reads.fetch) checker_.untrusted_fetch(*reads.fetch, *reads.fetch_page);
    checker_.instruction(e, reads.memory_page);
    return e.next_pc != kHaltPc && checker_.limit_reached();
  }
  bool trap_mem(const TrapMemEvent& t, const StepPageReads& reads) override {
    if (reads.fetch) checker_.untrusted_fetch(*reads.fetch, *reads.fetch_page);
    checker_.trap_mem(t);
    return checker_.limit_reached();
  }
  bool trap_exec(const TrapExecEvent& t) override {
    checker_.trap_exec(t);
    return checker_.limit_reached();
  }
  bool syscall(const SyscallEvent& e, std::span<const MemoryAccess> memory) override {
    checker_.syscall(e, memory);
    return e.next_pc != kHaltPc && checker_.limit_reached();
  }

 private:
  ShapeChecker& checker_;
};

Checkpoint checkpoint_here(const RecordingRun& run, const EventRecorder& rec) {
  Checkpoint c;
  c.pc = run.cpu().pc;
  c.clk = rec.clk();
  c.instructions = rec.instructions();
  c.syscalls = (c.clk - kInitialClk - kClkInc * c.instructions) / kSyscallClkInc;
  for (unsigned r = 0; r < 32; ++r) c.registers[r] = rec.registers()[r].value;
  c.input = run.pending_input();
  return c;
}

}  // namespace

uint64_t SplitOpts::syscall_threshold(uint32_t code) const {
  if (!shard_costs::is_precompile(code)) return 0;
  // cost_and_height_per_syscall (utils.rs): with page protection the call's User
  // chip and User control chip, and the local and global rows of the pages it
  // may touch.
  const Air a = page_protection_ ? *shard_costs::syscall_air_user(code) : *shard_costs::syscall_air(code);
  const uint64_t rows = shard_costs::rows_per_event(a);
  const uint64_t touched = shard_costs::syscall_touched_addresses(code);
  uint64_t area = rows * cost(a);
  if (rows > 1) area += cost(page_protection_ ? *shard_costs::control_air_user(a) : *shard_costs::control_air(a));
  area += touched * cost(Air::MemoryLocal) + 2 * touched * cost(Air::Global) + cost(Air::SyscallPrecompile) +
          cost(Air::Global);
  uint64_t height = std::max(rows, 2 * touched + 1);
  if (page_protection_) {
    const uint64_t pages = shard_costs::syscall_touched_pages(code);
    area += pages * cost(Air::PageProtLocal) + 2 * pages * cost(Air::Global);
    height = std::max(height, 2 * touched + 2 * pages + 1);
  }
  return std::min(shard_costs::trunc_32(available_area_ / area), shard_costs::trunc_32(max_height_ / height));
}

SplitOpts SplitOpts::make(const ShardingThreshold& t, uint64_t program_len, bool page_protection) {
  const uint64_t fixed = shard_costs::preprocessed_area(program_len);
  if (t.element_threshold < fixed)
    throw std::invalid_argument("sharding threshold: the element threshold " + std::to_string(t.element_threshold) +
                                " is below the program's preprocessed trace area " + std::to_string(fixed));
  SplitOpts o;
  o.available_area_ = t.element_threshold - fixed;
  o.max_height_ = t.height_threshold;
  o.page_protection_ = page_protection;
  const uint64_t per_memory = cost(Air::MemoryGlobalInit) + cost(Air::Global);
  o.memory = shard_costs::trunc_32(std::min(o.available_area_ / per_memory, o.max_height_) / 2);
  const uint64_t per_page = cost(Air::PageProtGlobalInit) + cost(Air::Global);
  o.page_prot = shard_costs::trunc_32(std::min(o.available_area_ / per_page, o.max_height_) / 2);
  o.pack_trace_threshold = 2 * t.element_threshold / 3;
  o.combine_memory_threshold = shard_costs::trunc_32(3 * t.element_threshold / per_memory / 40);
  o.combine_page_prot_threshold = shard_costs::trunc_32(3 * t.element_threshold / per_page / 40);
  // Without page protection the page-protection share goes to memory too.
  if (!page_protection) {
    o.combine_memory_threshold *= 2;
    o.combine_page_prot_threshold = 0;
  }
  return o;
}

ShardingSummary execute_shards(const Program& program, std::vector<std::vector<uint8_t>> input,
                               const ShardOptions& options, const std::function<void(ShardRecord&&)>& on_shard) {
  const SplitOpts split_opts = SplitOpts::make(options.threshold, program.code.size(), program.user_mode());
  ShapeChecker checker(program.code.size(), options.threshold, program.user_mode());
  Boundary boundary(checker);
  EventRecorder rec;
  rec.observe(&boundary);
  RecordingRun run(program, std::move(input), options.exec);
  GlobalMemory global;
  Splitter splitter(program, split_opts, options.proof_nonce);
  ShardingSummary summary;
  uint64_t index = 0;
  auto emit = [&](ShardRecord&& r) {
    r.index = index++;
    switch (r.kind) {
      case ShardRecord::Kind::execution: ++summary.execution_shards; break;
      case ShardRecord::Kind::precompile: ++summary.precompile_shards; break;
      case ShardRecord::Kind::memory: ++summary.memory_shards; break;
    }
    on_shard(std::move(r));
  };
  for (;;) {
    if (options.exec.stop.stop_requested()) throw ExecutionCancelled(rec.instructions());
    Checkpoint start = checkpoint_here(run, rec);
    const bool done = run.resume(rec);
    summary.report = run.report();
    if (done && !summary.report.ok()) return summary;
    ShardRecord shard = take_shard(rec, std::move(start), done, run.cpu().pc, done ? summary.report.exit_code : 0,
                                   options, splitter.deferred);
    global.update(shard);
    const std::array<size_t, 5> sizes{shard.alu.size(), shard.memory.size(), shard.branch.size(), shard.jump.size(),
                                      shard.utype.size()};
    if (done) {
      global.finish(program, rec.registers(), splitter.init, splitter.finalize);
      if (program.user_mode()) page_prot_globals(program, rec, splitter.page_init, splitter.page_finalize);
    } else {
      checker.reset(rec.clk());
    }
    auto others = splitter.split(done, shard, done && splitter.can_pack());
    emit(std::move(shard));
    for (ShardRecord& r : others) emit(std::move(r));
    if (done) return summary;
    // The next shard is about as big: allocate once instead of growing (the
    // events went with the record), from the spares when there are some (taken
    // after the shard was handed on, so that a consumer done with it at once has
    // given its vectors back).
    std::vector<InstrEvent>* lists[] = {&rec.alu, &rec.memory, &rec.branch, &rec.jump, &rec.utype};
    for (size_t k = 0; k < sizes.size(); ++k) {
      if (options.event_buffers) *lists[k] = options.event_buffers->take(sizes[k]);
      else lists[k]->reserve(sizes[k]);
    }
  }
}

ReexecutedShard reexecute_shard(const Program& program, const Checkpoint& checkpoint, const ShardOptions& options) {
  if (!checkpoint.complete)
    throw std::invalid_argument(
        "checkpoint: the shard ran an unconstrained block, whose memory reads the checkpoint does not hold");
  if (checkpoint.end_instructions <= checkpoint.instructions || checkpoint.clk == 0)
    throw std::invalid_argument("checkpoint: no instructions to run");
  EventRecorder rec;
  std::array<EventRecorder::Register, 32> regs;
  for (unsigned r = 0; r < 32; ++r) regs[r] = {checkpoint.registers[r], checkpoint.clk - 1};
  regs[0].value = 0;
  rec.restore(checkpoint.clk, checkpoint.instructions, regs);
  for (const CheckpointWord& w : checkpoint.memory) rec.set_word_timestamp(w.addr, w.timestamp);
  for (const CheckpointPage& p : checkpoint.pages) rec.set_page_record({false, p.timestamp, p.page_idx, p.prot});
  rec.stop_at(checkpoint.end_instructions);
  RecordingRun run(program, RecordingRun::From{checkpoint}, options.exec);
  const bool done = run.resume(rec);
  const Report report = run.report();
  if (done && !report.ok()) throw std::runtime_error("re-executing a shard from its checkpoint: " + report.error);
  if (rec.instructions() != checkpoint.end_instructions)
    throw std::runtime_error("re-executing a shard from its checkpoint: the run ended after " +
                             std::to_string(rec.instructions()) + " instructions, the shard after " +
                             std::to_string(checkpoint.end_instructions));
  Checkpoint start = checkpoint;
  start.end_instructions = 0;
  start.memory.clear();
  start.pages.clear();
  start.complete = true;
  ReexecutedShard out;
  out.record = take_shard(rec, std::move(start), done, run.cpu().pc, done ? report.exit_code : 0, options, out.deferred);
  return out;
}

}  // namespace zkgpu::zkvm
