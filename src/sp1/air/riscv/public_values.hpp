// The RISC-V machine's public values and what SP1 v6.4 constrains of them
// (ExecutionRecord::eval_public_values, crates/core/executor/src/record.rs): the
// shard's start and end state sent into and taken from the State argument, the
// global memory chains' ends, the Global chip's running sum from SP1's start
// digest to the shard's global_cumulative_sum, the range checks of the limbs
// these carry, and the rules tying a shard's values to the previous shard's
// (exit code, committed digests, first execution shard). Written as a chip of
// no columns that reads public values only; its one "row" is evaluated once per
// shard.
//
// Layout: SP1's PublicValues<[T; 4], [T; 3], [T; 4], T> (crates/hypercube/src/
// air/public_values.rs), field by field: 160 values in the default build; the
// `mprotect` build inserts the trap handler's 16 (TrapHandlerCols) after
// is_untrusted_programs_enabled, moving proof_nonce and empty 16 places on, and
// constrains them (eval_trap_handler).
#pragma once

#include <array>
#include <bit>

#include "sp1/air/chips/columns.hpp"
#include "sp1/air/riscv/adapters.hpp"
#include "sp1/air/septic_curve.hpp"

namespace zkgpu::sp1::air::riscv {

template <class T>
struct PublicValuesCols {
  std::array<std::array<T, 4>, 8> prev_committed_value_digest;  // bytes of 8 words
  std::array<std::array<T, 4>, 8> committed_value_digest;
  std::array<T, 8> prev_deferred_proofs_digest;
  std::array<T, 8> deferred_proofs_digest;
  std::array<T, 3> pc_start;  // 16-bit limbs
  std::array<T, 3> next_pc;
  T prev_exit_code;
  T exit_code;
  T is_execution_shard;
  std::array<T, 3> previous_init_addr;
  std::array<T, 3> last_init_addr;
  std::array<T, 3> previous_finalize_addr;
  std::array<T, 3> last_finalize_addr;
  std::array<T, 3> previous_init_page_idx;
  std::array<T, 3> last_init_page_idx;
  std::array<T, 3> previous_finalize_page_idx;
  std::array<T, 3> last_finalize_page_idx;
  std::array<T, 4> initial_timestamp;  // bits 32..47, 24..31, 16..23, 0..15
  std::array<T, 4> last_timestamp;
  T is_timestamp_high_eq;
  T inv_timestamp_high;
  T is_timestamp_low_eq;
  T inv_timestamp_low;
  T global_init_count;
  T global_finalize_count;
  T global_page_prot_init_count;
  T global_page_prot_finalize_count;
  T global_count;
  std::array<T, 7> global_cumulative_sum_x;
  std::array<T, 7> global_cumulative_sum_y;
  T prev_commit_syscall;
  T commit_syscall;
  T prev_commit_deferred_syscall;
  T commit_deferred_syscall;
  T initial_timestamp_inv;
  T last_timestamp_inv;
  T is_first_execution_shard;
  T is_untrusted_programs_enabled;
  std::array<T, 4> proof_nonce;
  std::array<T, 4> empty;
};

// The `mprotect` build's fields: whether a trap handler exists, its context's three
// 8-byte slots and the untrusted-memory region's bounds, as three 16-bit limbs each.
template <class T>
struct TrapHandlerCols {
  T enable_trap_handler;
  std::array<std::array<T, 3>, 3> trap_context;
  std::array<std::array<T, 3>, 2> untrusted_memory;
};

// The default build's layout; public_value_index moves its fields to the build's.
inline constexpr auto kPublicValues = col_map<PublicValuesCols<size_t>>();
inline constexpr size_t kTrapHandlerAt = kPublicValues.is_untrusted_programs_enabled + 1;
inline constexpr size_t kNumTrapHandlerValues = num_cols<TrapHandlerCols<size_t>>;
inline constexpr auto kTrapHandler = [] {
  std::array<size_t, kNumTrapHandlerValues> index{};
  for (size_t i = 0; i < index.size(); ++i) index[i] = kTrapHandlerAt + i;
  return std::bit_cast<TrapHandlerCols<size_t>>(index);
}();
static_assert(num_cols<PublicValuesCols<size_t>> == 160 && kNumTrapHandlerValues == 16 &&
              kPublicValues.is_untrusted_programs_enabled == kIsUntrustedProgramsEnabled);

constexpr size_t num_public_values(Features f) {
  return num_cols<PublicValuesCols<size_t>> + (f == Features::Mprotect ? kNumTrapHandlerValues : 0);
}
// Where a field of the default layout sits in build `f`'s.
constexpr size_t public_value_index(size_t default_index, Features f) {
  return f == Features::Mprotect && default_index >= kTrapHandlerAt ? default_index + kNumTrapHandlerValues
                                                                     : default_index;
}

template <Features F>
struct PublicValuesChip {
  static constexpr const char* kName = "PublicValues";
  static constexpr size_t kWidth = 0;
  static constexpr size_t kPreprocessedWidth = 0;

  template <class B>
  void eval(B& b) const {
    const auto& p = kPublicValues;
    const auto pv = [&](size_t i) { return b.public_value(i); };
    for (size_t i : p.empty) b.assert_zero(pv(public_value_index(i, F)));
    eval_state(b);
    eval_first_execution_shard(b);
    const E<B> is_exec = pv(p.is_execution_shard);
    // Exit code: once non-zero it stays; a non-execution shard keeps it.
    b.assert_zero(pv(p.prev_exit_code) * (pv(p.exit_code) - pv(p.prev_exit_code)));
    when_not_eq(b, is_exec, pv(p.prev_exit_code), pv(p.exit_code));
    eval_committed_value_digest(b);
    eval_deferred_proofs_digest(b);
    eval_global_sum(b);
    eval_chain(b, InteractionKind::MemoryGlobalInitControl, p.previous_init_addr, p.last_init_addr,
               p.global_init_count, true, b.constant(1));
    eval_chain(b, InteractionKind::MemoryGlobalFinalizeControl, p.previous_finalize_addr, p.last_finalize_addr,
               p.global_finalize_count, true, b.constant(1));
    const E<B> untrusted = pv(p.is_untrusted_programs_enabled);
    assert_bool(b, untrusted);
    eval_chain(b, InteractionKind::PageProtGlobalInitControl, p.previous_init_page_idx, p.last_init_page_idx,
               p.global_page_prot_init_count, false, untrusted);
    assert_bool(b, untrusted);
    eval_chain(b, InteractionKind::PageProtGlobalFinalizeControl, p.previous_finalize_page_idx,
               p.last_finalize_page_idx, p.global_page_prot_finalize_count, false, untrusted);
    if constexpr (F == Features::Mprotect) eval_trap_handler(b);
  }

 private:
  // builder.when_not(c).assert_eq(x, y): (c - 1) * (x - y).
  template <class B>
  static void when_not_eq(B& b, const E<B>& c, const E<B>& x, const E<B>& y) {
    b.assert_zero((c - b.constant(1)) * (x - y));
  }

  template <class B>
  static void range16(B& b, const E<B>& x) {
    send_byte(b, ByteOpcode::Range, x, b.constant(16), b.constant(0), b.constant(1));
  }

  template <class B>
  static void eval_state(B& b) {
    const auto& p = kPublicValues;
    const auto pv = [&](size_t i) { return b.public_value(i); };
    const E<B> one = b.constant(1), zero = b.constant(0);
    const auto high = [&](const std::array<size_t, 4>& t) { return pv(t[1]) + pv(t[0]) * b.constant(1u << 8); };
    const auto low = [&](const std::array<size_t, 4>& t) { return pv(t[3]) + pv(t[2]) * b.constant(1u << 16); };
    const E<B> initial_high = high(p.initial_timestamp), initial_low = low(p.initial_timestamp);
    const E<B> last_high = high(p.last_timestamp), last_low = low(p.last_timestamp);

    for (const auto* t : {&p.initial_timestamp, &p.last_timestamp}) {
      range16(b, pv((*t)[0]));
      send_byte(b, ByteOpcode::Range, (pv((*t)[3]) - one) * b.constant(inverse_of(8)), b.constant(13), zero, one);
    }
    for (const auto* t : {&p.initial_timestamp, &p.last_timestamp})
      send_byte(b, ByteOpcode::U8Range, zero, pv((*t)[1]), pv((*t)[2]), one);
    for (size_t i = 0; i < 3; ++i) {
      range16(b, pv(p.pc_start[i]));
      range16(b, pv(p.next_pc[i]));
    }
    const auto limbs3 = [&](const std::array<size_t, 3>& a) {
      return std::array<E<B>, 3>{pv(a[0]), pv(a[1]), pv(a[2])};
    };
    state_message(b, Direction::Send, initial_high, initial_low, limbs3(p.pc_start), one);
    state_message(b, Direction::Receive, last_high, last_low, limbs3(p.next_pc), one);

    const E<B> is_exec = pv(p.is_execution_shard);
    assert_bool(b, is_exec);
    when_not_eq(b, is_exec, initial_low, last_low);
    when_not_eq(b, is_exec, initial_high, last_high);
    for (size_t i = 0; i < 3; ++i) when_not_eq(b, is_exec, pv(p.pc_start[i]), pv(p.next_pc[i]));

    // IsZero on the differences of the high and the low parts.
    const auto is_zero = [&](const E<B>& diff, size_t eq, size_t inv) {
      assert_bool(b, pv(eq));
      b.assert_zero(diff * pv(inv) - (one - pv(eq)));
      b.assert_zero(diff * pv(eq));
    };
    is_zero(last_high - initial_high, p.is_timestamp_high_eq, p.inv_timestamp_high);
    is_zero(last_low - initial_low, p.is_timestamp_low_eq, p.inv_timestamp_low);
    // An execution shard moves the clock, and its last timestamp is not 1.
    b.assert_zero((one - is_exec) - pv(p.is_timestamp_high_eq) * pv(p.is_timestamp_low_eq));
    b.assert_zero(is_exec * ((last_high + last_low - one) * pv(p.last_timestamp_inv) - one));
  }

  template <class B>
  static void eval_first_execution_shard(B& b) {
    const auto& p = kPublicValues;
    const auto pv = [&](size_t i) { return b.public_value(i); };
    const E<B> first = pv(p.is_first_execution_shard);
    assert_bool(b, first);
    const std::array<uint32_t, 4> start{0, 0, 0, 1};
    for (size_t i = 0; i < 4; ++i) b.assert_zero(first * (pv(p.initial_timestamp[i]) - b.constant(start[i])));
    b.assert_zero(first * (pv(p.is_execution_shard) - b.constant(1)));
    for (const auto& word : p.prev_committed_value_digest)
      for (size_t i : word) b.assert_zero(first * pv(i));
    for (size_t i : p.prev_deferred_proofs_digest) b.assert_zero(first * pv(i));
    b.assert_zero(first * pv(p.prev_exit_code));
    for (const auto* a : {&p.previous_init_addr, &p.previous_finalize_addr, &p.previous_init_page_idx,
                          &p.previous_finalize_page_idx})
      for (size_t i : *a) b.assert_zero(first * pv(i));
    b.assert_zero(first * pv(p.prev_commit_syscall));
    b.assert_zero(first * pv(p.prev_commit_deferred_syscall));
  }

  // A commit flag: boolean, set once for good, unchanged outside execution shards.
  template <class B>
  static void eval_commit_flags(B& b, size_t prev, size_t now) {
    const auto pv = [&](size_t i) { return b.public_value(i); };
    assert_bool(b, pv(prev));
    assert_bool(b, pv(now));
    b.assert_zero(pv(prev) * (pv(now) - b.constant(1)));
    when_not_eq(b, pv(kPublicValues.is_execution_shard), pv(prev), pv(now));
  }

  template <class B>
  static void eval_committed_value_digest(B& b) {
    const auto& p = kPublicValues;
    const auto pv = [&](size_t i) { return b.public_value(i); };
    const E<B> zero = b.constant(0), one = b.constant(1);
    for (size_t i = 0; i < 8; ++i)
      for (const auto* d : {&p.prev_committed_value_digest, &p.committed_value_digest}) {
        send_byte(b, ByteOpcode::U8Range, zero, pv((*d)[i][0]), pv((*d)[i][1]), one);
        send_byte(b, ByteOpcode::U8Range, zero, pv((*d)[i][2]), pv((*d)[i][3]), one);
      }
    eval_commit_flags(b, p.prev_commit_syscall, p.commit_syscall);
    const auto all_eq_when = [&](const E<B>& c) {
      for (size_t i = 0; i < 8; ++i)
        for (size_t k = 0; k < 4; ++k)
          b.assert_zero(c * (pv(p.prev_committed_value_digest[i][k]) - pv(p.committed_value_digest[i][k])));
    };
    all_eq_when(pv(p.is_execution_shard) - one);
    // A digest once non-zero stays; so does one after COMMIT.
    for (const auto& word : p.prev_committed_value_digest)
      for (size_t limb : word) all_eq_when(pv(limb));
    all_eq_when(pv(p.prev_commit_syscall));
  }

  template <class B>
  static void eval_deferred_proofs_digest(B& b) {
    const auto& p = kPublicValues;
    const auto pv = [&](size_t i) { return b.public_value(i); };
    eval_commit_flags(b, p.prev_commit_deferred_syscall, p.commit_deferred_syscall);
    const auto all_eq_when = [&](const E<B>& c) {
      for (size_t i = 0; i < 8; ++i)
        b.assert_zero(c * (pv(p.prev_deferred_proofs_digest[i]) - pv(p.deferred_proofs_digest[i])));
    };
    all_eq_when(pv(p.is_execution_shard) - b.constant(1));
    for (size_t limb : p.prev_deferred_proofs_digest) all_eq_when(pv(limb));
    all_eq_when(pv(p.prev_commit_deferred_syscall));
  }

  // The Global chip's running sum: from SepticDigest::zero() at index 0 to the
  // shard's global_cumulative_sum at global_count.
  template <class B>
  static void eval_global_sum(B& b) {
    const auto& p = kPublicValues;
    const septic::Point start = septic::digest_zero();
    std::vector<E<B>> from{b.constant(0)}, to{b.public_value(p.global_count)};
    for (const Felt& x : start.x) from.push_back(b.constant(x.to_canonical()));
    for (const Felt& y : start.y) from.push_back(b.constant(y.to_canonical()));
    for (size_t i : p.global_cumulative_sum_x) to.push_back(b.public_value(i));
    for (size_t i : p.global_cumulative_sum_y) to.push_back(b.public_value(i));
    interact_values(b, Direction::Send, InteractionKind::GlobalAccumulation, from, b.constant(1));
    interact_values(b, Direction::Receive, InteractionKind::GlobalAccumulation, to, b.constant(1));
  }

  // No trap handler without untrusted code, no context without a handler, no
  // untrusted region without untrusted code; every limb 16 bits.
  template <class B>
  static void eval_trap_handler(B& b) {
    const auto& t = kTrapHandler;
    const auto pv = [&](size_t i) { return b.public_value(i); };
    const E<B> untrusted = pv(kPublicValues.is_untrusted_programs_enabled), enabled = pv(t.enable_trap_handler);
    const E<B> one = b.constant(1);
    assert_bool(b, untrusted);
    assert_bool(b, enabled);
    b.assert_zero((untrusted - one) * enabled);
    for (const auto& slot : t.trap_context) {
      for (size_t i : slot) b.assert_zero((enabled - one) * pv(i));
      for (size_t i : slot) range16(b, pv(i));
    }
    for (const auto& bound : t.untrusted_memory) {
      for (size_t i : bound) b.assert_zero((untrusted - one) * pv(i));
      for (size_t i : bound) range16(b, pv(i));
    }
  }

  // A global chain of addresses (memory) or page indices: [0, previous, 1] sent,
  // [count, last, 1] taken; addresses are range checked.
  template <class B>
  static void eval_chain(B& b, InteractionKind kind, const std::array<size_t, 3>& previous,
                         const std::array<size_t, 3>& last, size_t count, bool range_check, const E<B>& mult) {
    const auto pv = [&](size_t i) { return b.public_value(i); };
    if (range_check)
      for (size_t i = 0; i < 3; ++i) {
        range16(b, pv(previous[i]));
        range16(b, pv(last[i]));
      }
    const E<B> one = b.constant(1);
    interact_values(b, Direction::Send, kind, {b.constant(0), pv(previous[0]), pv(previous[1]), pv(previous[2]), one},
                    mult);
    interact_values(b, Direction::Receive, kind, {pv(count), pv(last[0]), pv(last[1]), pv(last[2]), one}, mult);
  }
};

}  // namespace zkgpu::sp1::air::riscv
