#include "zkvm/event_buffers.hpp"

#include <algorithm>

namespace zkgpu::zkvm {

void EventBufferPool::give(ShardRecord& r) {
  std::vector<InstrEvent>* lists[] = {&r.alu, &r.memory, &r.branch, &r.jump, &r.utype};
  std::lock_guard lock(mutex_);
  for (std::vector<InstrEvent>* list : lists) {
    if (list->capacity() == 0) continue;
    std::vector<InstrEvent> v = std::move(*list);
    list->clear();
    v.clear();
    if (spare_.size() < capacity_) spare_.push_back(std::move(v));
  }
}

std::vector<InstrEvent> EventBufferPool::take(size_t n) {
  std::vector<InstrEvent> out;
  {
    std::lock_guard lock(mutex_);
    auto best = spare_.end();
    for (auto it = spare_.begin(); it != spare_.end(); ++it)
      if (it->capacity() >= n && (best == spare_.end() || it->capacity() < best->capacity())) best = it;
    if (best != spare_.end()) {
      out = std::move(*best);
      spare_.erase(best);
      return out;
    }
  }
  out.reserve(n + n / 4);
  return out;
}

size_t EventBufferPool::spares() const {
  std::lock_guard lock(mutex_);
  return spare_.size();
}

}  // namespace zkgpu::zkvm
