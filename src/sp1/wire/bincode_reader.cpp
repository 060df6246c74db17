#include "sp1/wire/bincode_reader.hpp"

#include <limits>

namespace zkgpu::sp1::wire {

namespace {

bool valid_utf8(std::span<const uint8_t> s) {
  size_t i = 0;
  while (i < s.size()) {
    const uint8_t c = s[i];
    size_t n;
    uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3, cp = c & 0x07;
    } else {
      return false;
    }
    if (s.size() - i - 1 < n) return false;
    for (size_t k = 1; k <= n; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
    static constexpr uint32_t kMin[4] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

}  // namespace

const uint8_t* BincodeReader::take(size_t n) {
  if (n > remaining()) {
    fail("needs " + std::to_string(n) + " bytes, " + std::to_string(remaining()) + " left");
  }
  const uint8_t* p = in_.data() + pos_;
  pos_ += n;
  return p;
}

uint8_t BincodeReader::u8() { return *take(1); }

uint32_t BincodeReader::u32() {
  const uint8_t* p = take(4);
  return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
}

uint64_t BincodeReader::u64() {
  const uint8_t* p = take(8);
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

size_t BincodeReader::usize() {
  const size_t at = pos_;
  const uint64_t v = u64();
  if (v > std::numeric_limits<size_t>::max()) fail_at(at, "usize " + std::to_string(v) + " too large");
  return static_cast<size_t>(v);
}

bool BincodeReader::boolean() {
  const size_t at = pos_;
  const uint8_t v = u8();
  if (v > 1) fail_at(at, "bool byte " + std::to_string(v) + " is neither 0 nor 1");
  return v == 1;
}

bool BincodeReader::option_tag() {
  const size_t at = pos_;
  const uint8_t v = u8();
  if (v > 1) fail_at(at, "Option tag " + std::to_string(v) + " is neither 0 (None) nor 1 (Some)");
  return v == 1;
}

size_t BincodeReader::length(size_t min_element_bytes) {
  const size_t at = pos_;
  const uint64_t n = u64();
  const uint64_t fits = min_element_bytes == 0 ? remaining() : remaining() / min_element_bytes;
  if (n > fits) {
    fail_at(at, "length " + std::to_string(n) + " exceeds what the remaining " +
                    std::to_string(remaining()) + " bytes can hold");
  }
  return static_cast<size_t>(n);
}

std::string BincodeReader::string() {
  const size_t n = length(1);
  const size_t at = pos_;
  const uint8_t* p = take(n);
  if (!valid_utf8({p, n})) fail_at(at, "string is not valid UTF-8");
  return std::string(reinterpret_cast<const char*>(p), n);
}

f31::KoalaBear BincodeReader::koala_bear() {
  const size_t at = pos_;
  const uint32_t v = u32();
  // Plonky3 serializes KoalaBear as its canonical u32 value.
  if (v >= f31::KoalaBear::kP) {
    fail_at(at, "KoalaBear element " + std::to_string(v) + " is not below p = " +
                    std::to_string(f31::KoalaBear::kP));
  }
  return f31::KoalaBear::from_canonical(v);
}

f31::KoalaBearExt4 BincodeReader::koala_bear_ext4() {
  f31::KoalaBearExt4 e;
  for (auto& c : e.c) c = koala_bear();
  return e;
}

bn254::Fr BincodeReader::bn254_fr() {
  const size_t at = pos_;
  const uint64_t n = u64();
  if (n != 32) fail_at(at, "BN254 scalar must be 32 bytes, length says " + std::to_string(n));
  const size_t value_at = pos_;
  const uint8_t* p = take(32);
  bn254::U256 v{};
  for (int limb = 0; limb < 4; ++limb) {
    for (int b = 7; b >= 0; --b) v.limbs[limb] = (v.limbs[limb] << 8) | p[8 * limb + b];
  }
  if (!bn254::Fr::is_canonical(v)) fail_at(value_at, "BN254 scalar is not below the field modulus");
  return bn254::Fr::from_canonical(v);
}

void BincodeReader::expect_end() {
  if (remaining() != 0) fail(std::to_string(remaining()) + " trailing bytes after the value");
}

std::string BincodeReader::path() const {
  std::string s;
  for (const auto& part : path_) {
    if (part.name) {
      if (!s.empty()) s += '.';
      s += part.name;
    } else {
      s += '[' + std::to_string(part.index) + ']';
    }
  }
  return s.empty() ? "<root>" : s;
}

void BincodeReader::fail_at(size_t offset, const std::string& what) const {
  throw ParseError(path(), offset, what);
}

}  // namespace zkgpu::sp1::wire
