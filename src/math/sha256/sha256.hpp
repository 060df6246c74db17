#pragma once
// SHA-256 (FIPS 180-4): the identity of a proving key file in the key cache, and
// the hash SP1's outer transcript and public values use.
#include <array>
#include <cstdint>
#include <span>
#include <string>

namespace zkgpu::crypto {

using Sha256Digest = std::array<uint8_t, 32>;

class Sha256 {
 public:
  Sha256();
  void update(std::span<const uint8_t> data);
  Sha256Digest finish();  // the object must not be used afterwards

 private:
  void compress(const uint8_t* data, size_t blocks);
  uint32_t h_[8];
  uint8_t buf_[64];
  size_t buf_len_ = 0;
  uint64_t total_ = 0;
};

Sha256Digest sha256(std::span<const uint8_t> data);
std::string to_hex(const Sha256Digest& d);  // 64 lowercase hex digits

}  // namespace zkgpu::crypto
