#pragma once
// Groth16 proving keys resident on one device, kept in the device's
// ResidentCache (least recently used evicted first once everything resident
// together holds more than --key-cache-bytes).
//
// A key is known by the SHA-256 of its .zkey file, and through the files it was
// read from: a path is remembered with the file's device, inode, size and
// modification time, so asking again for an unchanged file reads nothing and
// uploads nothing, while a replaced or rewritten file is read again (and
// uploaded again only if its content differs from every resident key).
//
// Acquire is called from the device's worker thread only (it uses its Backend);
// stats() may be called from any thread.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "backends/backend.hpp"
#include "groth16/prover.hpp"
#include "pipelines/groth16_wire.hpp"
#include "pipelines/resident_cache.hpp"

namespace zkgpu {

// What stat(2) says about a key file; equal ids mean the same, unchanged file.
struct KeyFileId {
  std::string path;
  uint64_t dev = 0;
  uint64_t ino = 0;
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  friend bool operator==(const KeyFileId&, const KeyFileId&) = default;
};

struct ResidentGroth16Key {
  std::shared_ptr<const groth16::ResidentKey> key;
  groth16::VerifyingKey vk;  // for self-verification
  groth16_wire::Sha256 sha256{};
  uint64_t bytes = 0;        // host copy + device bases: what counts against the capacity
};

struct KeyCacheStats {
  uint64_t hits = 0;       // no file read, no upload
  uint64_t rereads = 0;    // file read again, content already resident: no upload
  uint64_t loads = 0;      // file read and uploaded
  uint64_t evictions = 0;
  uint64_t entries = 0;
  uint64_t bytes = 0;
  uint64_t capacity = 0;
};

class Groth16KeyCache {
 public:
  explicit Groth16KeyCache(ResidentCache& resident) : resident_(resident) {}
  Groth16KeyCache(const Groth16KeyCache&) = delete;
  Groth16KeyCache& operator=(const Groth16KeyCache&) = delete;

  struct Acquired {
    std::shared_ptr<const ResidentGroth16Key> key;  // keeps the key alive while a proof uses it
    groth16_wire::KeySource source = groth16_wire::KeySource::loaded;
  };

  // The key of the .zkey file at `path` (absolute). Errors: relative path ->
  // invalid_argument; missing file -> not_found; unreadable -> io message in
  // not_found / invalid_argument; bad zkey -> the parser's error.
  Acquired acquire_path(Backend& backend, const std::string& path, std::string_view device_id);
  // A resident key by the SHA-256 of its file; Error(not_found) when none.
  Acquired acquire_sha256(const groth16_wire::Sha256& sha, std::string_view device_id);

  KeyCacheStats stats() const;

 private:
  std::shared_ptr<const ResidentGroth16Key> find(const groth16_wire::Sha256& sha);
  std::shared_ptr<const ResidentGroth16Key> upload(Backend& backend, std::shared_ptr<const groth16::ProvingKey> key,
                                                   std::string_view device_id);
  void log_use(std::string_view device_id, const ResidentGroth16Key& key, groth16_wire::KeySource source,
               std::string_view from) const;

  ResidentCache& resident_;
  mutable std::mutex mutex_;
  // path -> file id, key; an entry whose key was evicted since is read again.
  std::map<std::string, std::pair<KeyFileId, groth16_wire::Sha256>> files_;
  KeyCacheStats counters_;  // hits, rereads, loads
};

}  // namespace zkgpu
