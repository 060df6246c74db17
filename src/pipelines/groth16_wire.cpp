#include "pipelines/groth16_wire.hpp"

#include <algorithm>

#include "common/bytes.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu::groth16_wire {
namespace {

void check_path(std::string_view path) {
  if (path.empty()) throw Error(ErrorCode::bad_request, "groth16_prove: the key path is empty");
  if (path.size() > kMaxPathBytes)
    throw Error(ErrorCode::bad_request, "groth16_prove: the key path has " + std::to_string(path.size()) +
                                            " bytes; at most " + std::to_string(kMaxPathBytes) + " are allowed");
  if (path.find('\0') != std::string_view::npos)
    throw Error(ErrorCode::bad_request, "groth16_prove: the key path contains a NUL byte");
}

// The smallest encoded stage: an empty name (4 bytes) and its time (8 bytes).
constexpr size_t kMinStageBytes = 12;

}  // namespace

std::vector<uint8_t> encode_request(const ProveRequest& r) {
  ByteWriter w;
  w.u8(static_cast<uint8_t>(r.key_kind));
  w.u8(0);
  switch (r.key_kind) {
    case KeyKind::path:
      check_path(r.key_path);
      w.u16(static_cast<uint16_t>(r.key_path.size()));
      w.bytes(r.key_path);
      break;
    case KeyKind::sha256:
      w.u16(static_cast<uint16_t>(r.key_sha256.size()));
      w.bytes(r.key_sha256);
      break;
    default:
      throw Error(ErrorCode::bad_request, "groth16_prove: key_kind " + std::to_string(static_cast<int>(r.key_kind)) +
                                              " is neither 1 (path) nor 2 (sha256)");
  }
  w.u64(r.witness.size());
  w.bytes(r.witness);
  return w.take();
}

ProveRequest decode_request(std::span<const uint8_t> body) {
  ByteReader rd(body);
  ProveRequest r;
  const uint8_t kind = rd.u8();
  if (kind != static_cast<uint8_t>(KeyKind::path) && kind != static_cast<uint8_t>(KeyKind::sha256))
    throw Error(ErrorCode::bad_request,
                "groth16_prove: key_kind " + std::to_string(kind) + " is neither 1 (path) nor 2 (sha256)");
  r.key_kind = static_cast<KeyKind>(kind);
  if (const uint8_t reserved = rd.u8(); reserved != 0)
    throw Error(ErrorCode::bad_request, "groth16_prove: reserved byte is " + std::to_string(reserved) + ", must be 0");
  const uint16_t key_len = rd.u16();
  const auto key = rd.bytes(key_len);
  if (r.key_kind == KeyKind::path) {
    r.key_path.assign(key.begin(), key.end());
    check_path(r.key_path);
  } else {
    if (key_len != r.key_sha256.size())
      throw Error(ErrorCode::bad_request,
                  "groth16_prove: a sha256 key reference has 32 bytes, not " + std::to_string(key_len));
    std::copy(key.begin(), key.end(), r.key_sha256.begin());
  }
  const uint64_t witness_len = rd.u64();
  if (witness_len != rd.remaining())
    throw Error(ErrorCode::bad_request, "groth16_prove: witness_len is " + std::to_string(witness_len) + " but " +
                                            std::to_string(rd.remaining()) + " bytes follow it");
  r.witness = rd.rest();
  return r;
}

std::vector<uint8_t> encode_result(const ProveResult& r) {
  ByteWriter w;
  w.bytes(r.key_sha256);
  w.u8(static_cast<uint8_t>(r.key_source));
  w.u8(r.self_verified ? 1 : 0);
  w.u16(0);
  w.str32(r.proof_json);
  w.str32(r.public_json);
  w.u32(static_cast<uint32_t>(r.stages.size()));
  for (const auto& s : r.stages) {
    w.str32(s.stage);
    w.u64(s.nanoseconds);
  }
  return w.take();
}

ProveResult decode_result(std::span<const uint8_t> body) {
  ByteReader rd(body);
  ProveResult r;
  const auto sha = rd.bytes(r.key_sha256.size());
  std::copy(sha.begin(), sha.end(), r.key_sha256.begin());
  const uint8_t source = rd.u8();
  if (source > static_cast<uint8_t>(KeySource::reread))
    throw Error(ErrorCode::bad_request, "groth16_prove result: key_source " + std::to_string(source) + " is unknown");
  r.key_source = static_cast<KeySource>(source);
  const uint8_t verified = rd.u8();
  if (verified > 1)
    throw Error(ErrorCode::bad_request, "groth16_prove result: self_verified is " + std::to_string(verified));
  r.self_verified = verified == 1;
  if (rd.u16() != 0) throw Error(ErrorCode::bad_request, "groth16_prove result: reserved field is not 0");
  r.proof_json = rd.str32();
  r.public_json = rd.str32();
  const uint32_t n = rd.u32();
  if (n > rd.remaining() / kMinStageBytes)
    throw Error(ErrorCode::bad_request, "groth16_prove result: " + std::to_string(n) + " stages cannot fit in " +
                                            std::to_string(rd.remaining()) + " bytes");
  r.stages.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    StageTiming s;
    s.stage = rd.str32();
    s.nanoseconds = rd.u64();
    r.stages.push_back(std::move(s));
  }
  rd.expect_done("groth16_prove result");
  return r;
}

const char* key_source_name(KeySource s) noexcept {
  switch (s) {
    case KeySource::loaded: return "loaded";
    case KeySource::resident: return "resident";
    case KeySource::reread: return "reread";
  }
  return "unknown";
}

std::string to_hex(const Sha256& d) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s;
  s.reserve(2 * d.size());
  for (uint8_t b : d) {
    s.push_back(kDigits[b >> 4]);
    s.push_back(kDigits[b & 15]);
  }
  return s;
}

Sha256 sha256_from_hex(std::string_view hex) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  Sha256 d{};
  bool ok = hex.size() == 2 * d.size();
  for (size_t i = 0; ok && i < d.size(); ++i) {
    const int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
    ok = hi >= 0 && lo >= 0;
    if (ok) d[i] = static_cast<uint8_t>(hi << 4 | lo);
  }
  if (!ok)
    throw Error(ErrorCode::invalid_argument,
                "a key sha256 is 64 hex digits; got '" + std::string(hex.substr(0, 80)) + "'");
  return d;
}

}  // namespace zkgpu::groth16_wire
