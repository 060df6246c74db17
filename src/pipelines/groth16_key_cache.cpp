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

std::string digest_key(const Sha256& sha) { return std::string(sha.begin(), sha.end()); }

}  // namespace

std::shared_ptr<const ResidentGroth16Key> Groth16KeyCache::find(const Sha256& sha) {
  return resident_.find<ResidentGroth16Key>(ResidentKind::groth16_key, digest_key(sha));
}

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
      if (auto key = find(f->second.second)) {
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
    if (auto key = find(pk->sha256)) {
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
  auto key = find(sha);
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
  resident_.make_room(2 * pk->host_bytes(), device_id);
  std::shared_ptr<const groth16::ResidentKey> resident;
  try {
    resident = std::make_shared<const groth16::ResidentKey>(backend, pk);
  } catch (const Error& e) {
    if (e.code() != ErrorCode::out_of_memory) throw;
    // The device may be full of other resident entries: drop them all and retry once.
    if (resident_.empty()) throw;
    spdlog::warn("{}: uploading a groth16 key ran out of memory; evicting everything resident and retrying",
                 device_id);
    resident_.make_room(UINT64_MAX, device_id);
    resident = std::make_shared<const groth16::ResidentKey>(backend, pk);
  }
  auto entry = std::make_shared<ResidentGroth16Key>();
  entry->vk = groth16::verifying_key(*pk);
  entry->sha256 = pk->sha256;
  entry->bytes = pk->host_bytes() + resident->device_bytes();
  entry->key = std::move(resident);
  {
    std::lock_guard lk(mutex_);
    ++counters_.loads;
  }
  const uint64_t device_bytes = entry->key->device_bytes();
  resident_.insert<ResidentGroth16Key>(ResidentKind::groth16_key, digest_key(entry->sha256), entry, entry->bytes,
                                       device_bytes, device_id);
  return entry;
}

KeyCacheStats Groth16KeyCache::stats() const {
  KeyCacheStats s;
  {
    std::lock_guard lk(mutex_);
    s = counters_;
  }
  const ResidentStats r = resident_.stats(ResidentKind::groth16_key);
  s.entries = r.entries;
  s.bytes = r.bytes;
  s.evictions = r.evictions;
  s.capacity = resident_.capacity();
  return s;
}

void Groth16KeyCache::log_use(std::string_view device_id, const ResidentGroth16Key& key, KeySource source,
                              std::string_view from) const {
  const ResidentStats r = resident_.stats(ResidentKind::groth16_key);
  spdlog::info("{}: groth16 key {} {} ({}); groth16 keys: {}, {} (all resident: capacity {}), hits {}, rereads {}, "
               "loads {}, evictions {}",
               device_id, groth16_wire::to_hex(key.sha256), groth16_wire::key_source_name(source), from, r.entries,
               format_bytes(r.bytes), format_bytes(resident_.capacity()), counters_.hits, counters_.rereads,
               counters_.loads, r.evictions);
}

}  // namespace zkgpu
