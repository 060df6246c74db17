#pragma once
// Request and result bodies of the groth16_prove op (proto/ops-groth16.md is the
// normative text, with example bytes that the tests assert).
//
//   request: key_kind u8 (1 path, 2 sha256) | reserved u8 (0) | key_len u16 |
//            key bytes | witness_len u64 | witness (.wtns file image)
//   result:  key_sha256 [32] | key_source u8 | self_verified u8 | reserved u16 (0) |
//            proof.json str32 | public.json str32 | stage_count u32 |
//            stage_count x (name str32 | nanoseconds u64)
// (str32 = u32 length, then UTF-8 bytes.)
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace zkgpu::groth16_wire {

using Sha256 = std::array<uint8_t, 32>;

enum class KeyKind : uint8_t {
  path = 1,    // an absolute path to a .zkey file on the daemon's host
  sha256 = 2,  // the SHA-256 of a .zkey file whose key the device already holds
};

inline constexpr size_t kMaxPathBytes = 4095;  // PATH_MAX less the terminating NUL

struct ProveRequest {
  KeyKind key_kind = KeyKind::path;
  std::string key_path;                  // when key_kind == path
  Sha256 key_sha256{};                   // when key_kind == sha256
  std::span<const uint8_t> witness;      // the .wtns image; a view into the body when decoded
};

// How the key of a proof was obtained.
enum class KeySource : uint8_t {
  loaded = 0,      // read from its file and uploaded to the device
  resident = 1,    // already on the device: no file read, no upload
  reread = 2,      // the file was read again (its path, inode, size or mtime changed)
                   // but its content matched a resident key, so nothing was uploaded
};

struct StageTiming {
  std::string stage;
  uint64_t nanoseconds = 0;
};

struct ProveResult {
  Sha256 key_sha256{};
  KeySource key_source = KeySource::loaded;
  bool self_verified = false;
  std::string proof_json;   // snarkjs proof.json text
  std::string public_json;  // snarkjs public.json text
  std::vector<StageTiming> stages;
};

// Encoders throw Error(bad_request) for a request the decoder would refuse
// (empty or over-long path, path with a NUL byte).
std::vector<uint8_t> encode_request(const ProveRequest& r);
// Throws Error(bad_request) naming the field for any malformed body.
ProveRequest decode_request(std::span<const uint8_t> body);

std::vector<uint8_t> encode_result(const ProveResult& r);
ProveResult decode_result(std::span<const uint8_t> body);

const char* key_source_name(KeySource s) noexcept;  // "loaded", "resident", "reread"

// Lowercase hex of a digest, and back (64 hex digits, either case; else
// Error(invalid_argument)).
std::string to_hex(const Sha256& d);
Sha256 sha256_from_hex(std::string_view hex);

}  // namespace zkgpu::groth16_wire
