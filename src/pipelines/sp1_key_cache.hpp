#pragma once
// The programs SP1 Setup has seen, as SP1's server keeps them (sp1-gpu/crates/
// server/src/server.rs, pk_cache): keyed by the ELF's SHA-256 (the `id` of
// Response::Setup), holding the program's verifying key in SP1's bincode. A second
// Setup of the same ELF is answered from here; Destroy removes the entry. Shared by
// every connection of the daemon; safe from any thread.
#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

namespace zkgpu {

class Sp1KeyCache {
 public:
  using Id = std::array<uint8_t, 32>;

  std::optional<std::vector<uint8_t>> find(const Id& id) const;
  void insert(const Id& id, std::vector<uint8_t> vk);
  // Whether an entry was removed.
  bool erase(const Id& id);
  size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::map<Id, std::vector<uint8_t>> vks_;
};

// The daemon's one cache.
Sp1KeyCache& sp1_key_cache();

}  // namespace zkgpu
