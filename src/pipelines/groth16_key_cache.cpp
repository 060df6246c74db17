#include "pipelines/groth16_key_cache.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "common/format_bytes.hpp"
#include "groth16/zkey.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu {
namespace {

using groth16_wire::KeySource;
using groth16_wire::Sha256;

KeyFileId file_id(const std::string& path, const struct stat& st) {
  return {path, static_cast<uint64_t>(st.st_dev), static_cast<uint64_t>(st.st_ino),
          static_cast<uint64_t>(st.st_size),
          static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec};
}

[[noreturn]] void throw_file_error(const std::string& path, int err, const char* doing) {
  if (err == ENOENT || err == ENOTDIR)
    throw Error(ErrorCode::not_found, "key file " + path + " does not exist on the daemon's host");
  throw Error(ErrorCode::not_found, std::string("cannot ") + doing + " key file " + path + ": " + std::strerror(err));
}

void check_regular(const std::string& path, const struct stat& st) {
  if (!S_ISREG(st.st_mode)) throw Error(ErrorCode::invalid_argument, "key file " + path + " is not a regular file");
}

// Reads the whole file through one descriptor, so that the id returned is the
// id of the bytes returned even if the path is replaced meanwhile.
std::vector<uint8_t> read_file(const std::string& path, KeyFileId& id) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw_file_error(path, errno, "open");
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) throw_file_error(path, errno, "stat");
  check_regular(path, st);
  id = file_id(path, st);
  std::vector<uint8_t> bytes(static_cast<size_t>(st.st_size));
  size_t got = 0;
  while (got < bytes.size()) {
    const ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw_file_error(path, errno, "read");
    if (n == 0)
      throw Error(ErrorCode::invalid_argument, "key file " + path + " shrank while it was read (" +
                                                   std::to_string(got) + " of " + std::to_string(bytes.size()) +
                                                   " bytes)");
    got += static_cast<size_t>(n);
  }
  return bytes;
}

}  // namespace

Groth16KeyCache::Acquired Groth16KeyCache::acquire_path(Backend& backend, const std::string& path,
                                                        std::string_view device_id) {
  if (path.empty() || path.front() != '/')
    throw Error(ErrorCode::invalid_argument,
                "key path '" + path + "' is not absolute; the daemon resolves no relative paths");
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) throw_file_error(path, errno, "stat");
  check_regular(path, st);
  {
    std::lock_guard lk(mutex_);
    auto f = files_.find(path);
    if (f != files_.end() && f->second.first == file_id(path, st)) {
      if (auto key = find_locked(f->second.second)) {
        ++counters_.hits;
        log_use(device_id, *key, KeySource::resident, path);
        return {key, KeySource::resident};
      }
    }
  }

  KeyFileId id;
  auto pk = std::make_shared<groth16::ProvingKey>();
  {
    const std::vector<uint8_t> file = read_file(path, id);
    *pk = groth16::parse_zkey(file);
  }
  {
    std::lock_guard lk(mutex_);
    if (auto key = find_locked(pk->sha256)) {
      files_[path] = {id, pk->sha256};
      ++counters_.rereads;
      log_use(device_id, *key, KeySource::reread, path);
      return {key, KeySource::reread};
    }
  }
  auto key = upload(backend, std::move(pk), device_id);
  std::lock_guard lk(mutex_);
  files_[path] = {id, key->sha256};
  log_use(device_id, *key, KeySource::loaded, path);
  return {key, KeySource::loaded};
}

Groth16KeyCache::Acquired Groth16KeyCache::acquire_sha256(const Sha256& sha, std::string_view device_id) {
  std::lock_guard lk(mutex_);
  auto key = find_locked(sha);
  if (!key)
    throw Error(ErrorCode::not_found, "no proving key with sha256 " + groth16_wire::to_hex(sha) + " is resident on " +
                                          std::string(device_id) + "; send the key by its path first");
  ++counters_.hits;
  log_use(device_id, *key, KeySource::resident, "sha256");
  return {key, KeySource::resident};
}

std::shared_ptr<const ResidentGroth16Key> Groth16KeyCache::upload(Backend& backend,
                                                                  std::shared_ptr<const groth16::ProvingKey> pk,
                                                                  std::string_view device_id) {
  // Room for the host copy and about as much again on the device, before the
  // upload allocates it.
  const uint64_t expected = 2 * pk->host_bytes();
  {
    std::lock_guard lk(mutex_);
    evict_until_locked(expected, device_id);
  }
  std::shared_ptr<const groth16::ResidentKey> resident;
  try {
    resident = std::make_shared<const groth16::ResidentKey>(backend, pk);
  } catch (const Error& e) {
    if (e.code() != ErrorCode::out_of_memory) throw;
    // The device may be full of other resident keys: drop them all and retry once.
    {
      std::lock_guard lk(mutex_);
      if (keys_.empty()) throw;
      spdlog::warn("{}: uploading a groth16 key ran out of memory; evicting every resident key and retrying",
                   device_id);
      evict_until_locked(UINT64_MAX, device_id);
    }
    resident = std::make_shared<const groth16::ResidentKey>(backend, pk);
  }
  auto entry = std::make_shared<ResidentGroth16Key>();
  entry->vk = groth16::verifying_key(*pk);
  entry->sha256 = pk->sha256;
  entry->bytes = pk->host_bytes() + resident->device_bytes();
  entry->key = std::move(resident);

  std::lock_guard lk(mutex_);
  ++counters_.loads;
  lru_.push_front(entry->sha256);
  keys_[entry->sha256] = Slot{entry, lru_.begin()};
  bytes_ += entry->bytes;
  if (entry->bytes > capacity_)
    spdlog::warn("{}: groth16 key {} holds {}, more than --key-cache-bytes ({}); it serves this proof only",
                 device_id, groth16_wire::to_hex(entry->sha256), format_bytes(entry->bytes), format_bytes(capacity_));
  evict_until_locked(0, device_id);
  return entry;
}

std::shared_ptr<const ResidentGroth16Key> Groth16KeyCache::find_locked(const Sha256& sha) {
  auto it = keys_.find(sha);
  if (it == keys_.end()) return nullptr;
  lru_.splice(lru_.begin(), lru_, it->second.lru);  // now the most recently used
  return it->second.key;
}

void Groth16KeyCache::evict_until_locked(uint64_t bytes_needed, std::string_view device_id) {
  while (!lru_.empty() && (bytes_needed > capacity_ || bytes_ > capacity_ - bytes_needed)) evict_lru_locked(device_id);
}

uint64_t Groth16KeyCache::evict_lru_locked(std::string_view device_id) {
  const Sha256 victim = lru_.back();
  lru_.pop_back();
  auto it = keys_.find(victim);
  const uint64_t device = it->second.key->key->device_bytes();
  bytes_ -= it->second.key->bytes;
  spdlog::info("{}: groth16 key {} evicted ({})", device_id, groth16_wire::to_hex(victim),
               format_bytes(it->second.key->bytes));
  keys_.erase(it);
  ++counters_.evictions;
  std::erase_if(files_, [&](const auto& f) { return f.second.second == victim; });
  return device;
}

uint64_t Groth16KeyCache::device_bytes() const {
  std::lock_guard lk(mutex_);
  uint64_t sum = 0;
  for (const auto& [sha, slot] : keys_) sum += slot.key->key->device_bytes();
  return sum;
}

void Groth16KeyCache::evict_device_bytes(uint64_t bytes, std::string_view device_id) {
  std::lock_guard lk(mutex_);
  for (uint64_t freed = 0; freed < bytes && !lru_.empty();) freed += evict_lru_locked(device_id);
}

void Groth16KeyCache::clear() {
  std::lock_guard lk(mutex_);
  counters_.evictions += keys_.size();
  keys_.clear();
  lru_.clear();
  files_.clear();
  bytes_ = 0;
}

KeyCacheStats Groth16KeyCache::stats() const {
  std::lock_guard lk(mutex_);
  KeyCacheStats s = counters_;
  s.entries = keys_.size();
  s.bytes = bytes_;
  s.capacity = capacity_;
  return s;
}

void Groth16KeyCache::log_use(std::string_view device_id, const ResidentGroth16Key& key, KeySource source,
                              std::string_view from) const {
  spdlog::info("{}: groth16 key {} {} ({}); key cache: {} keys, {} of {}, hits {}, rereads {}, loads {}, evictions {}",
               device_id, groth16_wire::to_hex(key.sha256), groth16_wire::key_source_name(source), from,
               keys_.size(), format_bytes(bytes_), format_bytes(capacity_), counters_.hits, counters_.rereads, counters_.loads,
               counters_.evictions);
}

}  // namespace zkgpu
