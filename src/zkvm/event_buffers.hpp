// Spare instruction-event vectors, handed back (from any thread) by whoever is
// done with a shard's record and taken by the sharded executor for the next
// shard. A long run then records into the same memory again instead of
// faulting in fresh pages for every shard: the kernel zeroing those pages was
// about half of event recording's time on rsp.
#pragma once

#include <cstddef>
#include <mutex>
#include <vector>

#include "zkvm/events.hpp"
#include "zkvm/shard.hpp"

namespace zkgpu::zkvm {

class EventBufferPool {
 public:
  // At most `capacity` spare vectors are kept; more are freed. A shard has five
  // vectors, and a pipeline has a few shards in flight besides the one recording.
  explicit EventBufferPool(size_t capacity = 32) : capacity_(capacity) {}

  // Moves the record's instruction-event vectors in (emptied, their memory kept).
  void give(ShardRecord& r);
  // An empty vector able to hold `n` events without growing: the smallest spare
  // that can, else a new one reserved to 5n/4 (shards of one run differ a little
  // in their mix of instructions; the headroom lets the next one reuse it).
  std::vector<InstrEvent> take(size_t n);

  size_t spares() const;

 private:
  size_t capacity_;
  mutable std::mutex mutex_;
  std::vector<std::vector<InstrEvent>> spare_;
};

}  // namespace zkgpu::zkvm
