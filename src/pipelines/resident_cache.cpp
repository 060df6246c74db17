#include "pipelines/resident_cache.hpp"

#include <spdlog/spdlog.h>

#include "common/format_bytes.hpp"

namespace zkgpu {
namespace {

std::string hex_prefix(const std::string& digest) {
  static const char* kHex = "0123456789abcdef";
  std::string s;
  for (size_t i = 0; i < digest.size() && i < 8; ++i) {
    const auto b = static_cast<unsigned char>(digest[i]);
    s += kHex[b >> 4];
    s += kHex[b & 15];
  }
  return s;
}

}  // namespace

const char* resident_kind_name(ResidentKind kind) noexcept {
  switch (kind) {
    case ResidentKind::groth16_key: return "groth16 key";
    case ResidentKind::sp1_shard_key: return "sp1 shard key";
  }
  return "resident entry";
}

std::shared_ptr<const void> ResidentCache::find_any(ResidentKind kind, const std::string& digest) {
  std::lock_guard lk(mutex_);
  auto it = entries_.find({kind, digest});
  if (it == entries_.end()) return nullptr;
  lru_.splice(lru_.begin(), lru_, it->second.lru);  // now the most recently used
  return it->second.value;
}

void ResidentCache::insert_any(ResidentKind kind, const std::string& digest, std::shared_ptr<const void> value,
                               uint64_t bytes, uint64_t device_bytes, std::string_view device_id) {
  std::lock_guard lk(mutex_);
  if (auto old = entries_.find({kind, digest}); old != entries_.end()) erase_locked(old);
  lru_.push_front({kind, digest});
  entries_[{kind, digest}] = Slot{std::move(value), bytes, device_bytes, lru_.begin()};
  bytes_ += bytes;
  ResidentStats& s = per_kind_[kind];
  ++s.entries;
  s.bytes += bytes;
  if (bytes > capacity_)
    spdlog::warn("{}: {} {} holds {}, more than --key-cache-bytes ({}); it serves this job only", device_id,
                 resident_kind_name(kind), hex_prefix(digest), format_bytes(bytes), format_bytes(capacity_));
  evict_until_locked(0, device_id);
}

void ResidentCache::erase_locked(std::map<Key, Slot>::iterator it) {
  ResidentStats& s = per_kind_[it->first.first];
  --s.entries;
  s.bytes -= it->second.bytes;
  bytes_ -= it->second.bytes;
  lru_.erase(it->second.lru);
  entries_.erase(it);
}

uint64_t ResidentCache::evict_lru_locked(std::string_view device_id) {
  auto it = entries_.find(lru_.back());
  const uint64_t device = it->second.device_bytes;
  spdlog::info("{}: {} {} evicted ({})", device_id, resident_kind_name(it->first.first), hex_prefix(it->first.second),
               format_bytes(it->second.bytes));
  ++per_kind_[it->first.first].evictions;
  erase_locked(it);
  return device;
}

void ResidentCache::evict_until_locked(uint64_t bytes_needed, std::string_view device_id) {
  while (!lru_.empty() && (bytes_needed > capacity_ || bytes_ > capacity_ - bytes_needed)) evict_lru_locked(device_id);
}

void ResidentCache::make_room(uint64_t bytes, std::string_view device_id) {
  std::lock_guard lk(mutex_);
  evict_until_locked(bytes, device_id);
}

void ResidentCache::evict_device_bytes(uint64_t bytes, std::string_view device_id) {
  std::lock_guard lk(mutex_);
  for (uint64_t freed = 0; freed < bytes && !lru_.empty();) freed += evict_lru_locked(device_id);
}

void ResidentCache::clear() {
  std::lock_guard lk(mutex_);
  for (auto& [kind, s] : per_kind_) {
    s.evictions += s.entries;
    s.entries = 0;
    s.bytes = 0;
  }
  entries_.clear();
  lru_.clear();
  bytes_ = 0;
}

uint64_t ResidentCache::device_bytes() const {
  std::lock_guard lk(mutex_);
  uint64_t sum = 0;
  for (const auto& [key, slot] : entries_) sum += slot.device_bytes;
  return sum;
}

bool ResidentCache::empty() const {
  std::lock_guard lk(mutex_);
  return entries_.empty();
}

ResidentStats ResidentCache::stats(ResidentKind kind) const {
  std::lock_guard lk(mutex_);
  auto it = per_kind_.find(kind);
  return it == per_kind_.end() ? ResidentStats{} : it->second;
}

}  // namespace zkgpu
