#include "pipelines/sp1_key_cache.hpp"

namespace zkgpu {

std::optional<std::vector<uint8_t>> Sp1KeyCache::find(const Id& id) const {
  const std::lock_guard lock(mutex_);
  const auto it = vks_.find(id);
  if (it == vks_.end()) return std::nullopt;
  return it->second;
}

void Sp1KeyCache::insert(const Id& id, std::vector<uint8_t> vk) {
  const std::lock_guard lock(mutex_);
  vks_.insert_or_assign(id, std::move(vk));
}

bool Sp1KeyCache::erase(const Id& id) {
  const std::lock_guard lock(mutex_);
  return vks_.erase(id) > 0;
}

size_t Sp1KeyCache::size() const {
  const std::lock_guard lock(mutex_);
  return vks_.size();
}

Sp1KeyCache& sp1_key_cache() {
  static Sp1KeyCache cache;
  return cache;
}

}  // namespace zkgpu
