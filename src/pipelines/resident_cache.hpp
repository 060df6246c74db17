#pragma once
// What one device keeps resident between jobs (Groth16 proving keys, SP1 shard
// proving keys), in one least-recently-used order under one byte budget
// (--key-cache-bytes). An entry is known by its kind and a digest of what it was
// made from; each kind stores one type of value, so a typed lookup of a kind is
// always of the type that kind's owner inserted.
//
// Entries are shared: a job holding one keeps it alive after it is evicted, so
// eviction never pulls a key from under a running proof. May be called from any
// thread.
#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace zkgpu {

enum class ResidentKind : uint8_t {
  groth16_key,    // pipelines/groth16_key_cache.hpp
  sp1_shard_key,  // pipelines/sp1_shard_keys.hpp
};

const char* resident_kind_name(ResidentKind kind) noexcept;

struct ResidentStats {
  uint64_t entries = 0;
  uint64_t bytes = 0;
  uint64_t evictions = 0;
};

class ResidentCache {
 public:
  explicit ResidentCache(uint64_t capacity_bytes) : capacity_(capacity_bytes) {}
  ResidentCache(const ResidentCache&) = delete;
  ResidentCache& operator=(const ResidentCache&) = delete;

  // The entry, now the most recently used; nullptr when there is none.
  template <class T>
  std::shared_ptr<const T> find(ResidentKind kind, const std::string& digest) {
    return std::static_pointer_cast<const T>(find_any(kind, digest));
  }

  // Makes the entry resident and the most recently used (replacing one of the same
  // kind and digest), then evicts the least recently used entries while the
  // entries together hold more than the capacity: an entry larger than the
  // capacity serves the job that made it and is evicted at once. `bytes` is what
  // counts against the capacity; `device_bytes` the part of it held in the
  // backend's device memory (what reclaim frees).
  template <class T>
  void insert(ResidentKind kind, const std::string& digest, std::shared_ptr<const T> value, uint64_t bytes,
              uint64_t device_bytes, std::string_view device_id) {
    insert_any(kind, digest, std::shared_ptr<const void>(std::move(value)), bytes, device_bytes, device_id);
  }

  // Evicts least recently used entries until `bytes` more fit under the capacity
  // (or nothing is left): room for an entry about to be made.
  void make_room(uint64_t bytes, std::string_view device_id);
  // Evicts least recently used entries until at least `bytes` of device memory are
  // freed or no entry is left.
  void evict_device_bytes(uint64_t bytes, std::string_view device_id);
  // Drops every entry (after a device error the device's memory is gone).
  void clear();

  uint64_t device_bytes() const;
  uint64_t capacity() const noexcept { return capacity_; }
  bool empty() const;
  ResidentStats stats(ResidentKind kind) const;

 private:
  using Key = std::pair<ResidentKind, std::string>;
  struct Slot {
    std::shared_ptr<const void> value;
    uint64_t bytes = 0;
    uint64_t device_bytes = 0;
    std::list<Key>::iterator lru;  // position in lru_
  };

  std::shared_ptr<const void> find_any(ResidentKind kind, const std::string& digest);
  void insert_any(ResidentKind kind, const std::string& digest, std::shared_ptr<const void> value, uint64_t bytes,
                  uint64_t device_bytes, std::string_view device_id);
  void erase_locked(std::map<Key, Slot>::iterator it);
  uint64_t evict_lru_locked(std::string_view device_id);  // returns the device bytes freed
  void evict_until_locked(uint64_t bytes_needed, std::string_view device_id);

  const uint64_t capacity_;
  mutable std::mutex mutex_;
  std::map<Key, Slot> entries_;
  std::list<Key> lru_;  // most recently used first
  uint64_t bytes_ = 0;
  std::map<ResidentKind, ResidentStats> per_kind_;  // entries and bytes now, evictions so far
};

}  // namespace zkgpu
