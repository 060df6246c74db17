#pragma once
// SP1 shard proving keys (a program's preprocessed traces committed, and its vk)
// resident on one device, in the device's ResidentCache. A key is known by the
// program digest: SHA-256 of the machine and the program's preprocessed traces
// (each chip with preprocessed columns, in name order: name, rows, width, values),
// which are all the key is made from, so two programs with the same instructions
// share a key whatever their witness. The machine fixes the configuration C
// (compress: inner, wrap: outer), so one digest always holds one key type.
//
// acquire is called from the device's worker thread (setup uses its backend);
// stats() from any thread.
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>

#include "math/sha256/sha256.hpp"
#include "pipelines/resident_cache.hpp"
#include "sp1/air/machine.hpp"
#include "sp1/prover/shard_prover.hpp"

namespace zkgpu {

struct Sp1KeyStats {
  uint64_t hits = 0;    // the key was resident: no setup
  uint64_t setups = 0;  // the preprocessed traces were committed
  uint64_t entries = 0;
  uint64_t bytes = 0;
  uint64_t evictions = 0;
};

crypto::Sha256Digest sp1_program_digest(sp1::air::MachineKind machine, std::span<const sp1::prover::ChipTrace> chips);

// What a resident key holds: the preprocessed message, its codeword and the
// codeword's Merkle tree (about two digests per codeword row).
template <class C>
uint64_t shard_key_bytes(const sp1::prover::ShardProvingKey<C>& pk) {
  const auto& stacked = pk.preprocessed.stacked;
  return 4 * (uint64_t(stacked.message.size()) + uint64_t(stacked.codeword.height()) * stacked.codeword.width()) +
         2 * uint64_t(stacked.codeword.height()) * sizeof(typename sp1::pcs::Iop<C>::Digest);
}

class Sp1ShardKeys {
 public:
  explicit Sp1ShardKeys(ResidentCache& resident) : resident_(resident) {}
  Sp1ShardKeys(const Sp1ShardKeys&) = delete;
  Sp1ShardKeys& operator=(const Sp1ShardKeys&) = delete;

  template <class C>
  struct Acquired {
    std::shared_ptr<const sp1::prover::ShardProvingKey<C>> key;  // alive while a proof uses it
    bool resident = false;                                      // true: found, no setup ran
  };

  // The key of the program with this digest: the resident one, or `setup()`'s,
  // which then becomes resident (room is made for about `expected_bytes` first).
  template <class C>
  Acquired<C> acquire(const crypto::Sha256Digest& digest, uint64_t expected_bytes,
                      const std::function<sp1::prover::ShardProvingKey<C>()>& setup, std::string_view device_id) {
    const std::string key(digest.begin(), digest.end());
    if (auto found = resident_.find<sp1::prover::ShardProvingKey<C>>(ResidentKind::sp1_shard_key, key)) {
      count(true);
      return {std::move(found), true};
    }
    resident_.make_room(expected_bytes, device_id);
    auto made = std::make_shared<const sp1::prover::ShardProvingKey<C>>(setup());
    const uint64_t bytes = shard_key_bytes(*made);
    // The key lives where the backend kept its tables and tree: memory of the
    // device's backend (the CPU backend's is the host's), so it counts as reclaimable.
    resident_.insert<sp1::prover::ShardProvingKey<C>>(ResidentKind::sp1_shard_key, key, made, bytes, bytes, device_id);
    count(false);
    return {std::move(made), false};
  }

  Sp1KeyStats stats() const;

 private:
  void count(bool hit);

  ResidentCache& resident_;
  mutable std::mutex mutex_;
  uint64_t hits_ = 0, setups_ = 0;
};

}  // namespace zkgpu
