// Executes an SP1 v6 guest into SP1 v6.4's shards, streaming one ShardRecord at
// a time (shard.hpp), and re-executes an execution shard alone from its
// checkpoint, so that shards can be traced in parallel.
//
// What SP1 does and where (crates/core/machine/src/utils/prove.rs
// generate_records and emit_globals; crates/core/executor/src/splicing.rs,
// tracing.rs, record.rs split/defer, opts.rs SplitOpts):
//  - An execution shard ends after the instruction that brings SP1's
//    trace-area estimate or tallest chip to its threshold (shape_checker.hpp).
//  - At each boundary every register is read at the next clk - 1 (register
//    refresh); the next shard starts with those timestamps.
//  - Events of precompiles SP1 does not retain by default (Keccak, the curve
//    operations, UINT256_MUL, ...) are deferred: after each execution shard,
//    every full chunk of `syscall_threshold` events of one syscall becomes a
//    precompile shard; the rest waits for the end, where it makes one last
//    shard per syscall.
//  - At the end: memory initialize / finalize events for the registers with a
//    nonzero timestamp, the hinted words, the words loads and stores touched and
//    the whole ELF image; sorted by address, they go into the last execution
//    shard when no precompile shard came with it and there are at most
//    `combine_memory_threshold` of each, else into memory shards of at most
//    2 * `memory` events, chaining previous/last init and finalize addresses.
//  - User mode (prover/worker/controller/global.rs, record.rs split): page-
//    permission initialize events (the default permission) for the checked pages
//    the ELF does not describe, finalize events for those and every ELF page;
//    placed like the memory events, before them, up to 2 * `page_prot` a shard.
// Not modelled: SP1's minimal-trace chunk ends (every 2^24 memory reads,
// MINIMAL_TRACE_CHUNK_THRESHOLD), which also end a shard; re-executing a
// user-mode shard (its pages' timestamps are not in the checkpoint).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <vector>

#include "zkvm/executor.hpp"
#include "zkvm/shape_checker.hpp"
#include "zkvm/shard.hpp"

namespace zkgpu::zkvm {

class EventBufferPool;

struct ShardOptions {
  ShardingThreshold threshold;          // SP1CoreOpts' defaults
  std::array<uint32_t, 4> proof_nonce{};
  ExecOptions exec;                     // max_cycles and cancellation (the step trace is not used)
  // Where each next shard's instruction-event vectors come from (those earlier
  // shards' consumers gave back); null: fresh vectors the size of the last shard's.
  EventBufferPool* event_buffers = nullptr;
};

// SP1's SplitOpts::new for a program of `program_len` instructions (opts.rs),
// with page protection for a user-mode program (as SP1's prover workers make
// it: page_protect_allowed = enable_untrusted_programs).
struct SplitOpts {
  uint64_t combine_memory_threshold = 0;  // pack memory events into the last execution shard up to this many
  uint64_t memory = 0;                    // a memory shard holds up to 2 * memory init + finalize events
  uint64_t combine_page_prot_threshold = 0;  // the same for page-permission events (0 without page protection)
  uint64_t page_prot = 0;
  uint64_t pack_trace_threshold = 0;
  uint64_t syscall_threshold(uint32_t code) const;  // deferred events per precompile shard (0: not a precompile)
  static SplitOpts make(const ShardingThreshold& t, uint64_t program_len, bool page_protection = false);

 private:
  uint64_t available_area_ = 0, max_height_ = 0;
  bool page_protection_ = false;
};

struct ShardingSummary {
  Report report;  // the whole run (ok() false: the guest failed; no final shard was produced)
  uint64_t execution_shards = 0, precompile_shards = 0, memory_shards = 0;
};

// Runs `program` on `input` (SP1Stdin's buffer), handing each shard to
// `on_shard` in order as soon as it is complete. Throws ExecutionCancelled when
// options.exec.stop is requested, std::runtime_error for what event recording
// does not support (user-mode programs), std::invalid_argument for thresholds
// below SP1's minimum.
ShardingSummary execute_shards(const Program& program, std::vector<std::vector<uint8_t>> input,
                               const ShardOptions& options, const std::function<void(ShardRecord&&)>& on_shard);

// An execution shard run again from its checkpoint: the record as the
// sequential run made it before deferral and memory packing (events, register
// refresh, retained precompiles, public values with no memory events), and the
// deferred precompile events it produced, by syscall code.
struct ReexecutedShard {
  ShardRecord record;
  std::map<uint32_t, std::vector<PrecompileEvent>> deferred;
};
// Throws std::invalid_argument for a checkpoint that cannot reproduce its
// shard (an unconstrained block in the shard, a user-mode program), and what
// execute_shards throws.
ReexecutedShard reexecute_shard(const Program& program, const Checkpoint& checkpoint, const ShardOptions& options);

}  // namespace zkgpu::zkvm
