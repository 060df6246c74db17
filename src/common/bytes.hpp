#pragma once
// Little-endian byte readers and writers used by every codec. A reader never
// reads past its span: running out of bytes throws Error(bad_request).
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "zkgpu/error.hpp"

namespace zkgpu {

class ByteWriter {
 public:
  void u8(uint8_t v) { out_.push_back(v); }
  void u16(uint16_t v) { put_le(v); }
  void u32(uint32_t v) { put_le(v); }
  void u64(uint64_t v) { put_le(v); }
  void bytes(std::span<const uint8_t> b) { out_.insert(out_.end(), b.begin(), b.end()); }
  void bytes(std::string_view s) { out_.insert(out_.end(), s.begin(), s.end()); }
  // u32 length, then the bytes.
  void str32(std::string_view s) {
    u32(static_cast<uint32_t>(s.size()));
    bytes(s);
  }
  void u32s(std::span<const uint32_t> v) {
    const size_t at = out_.size();
    out_.resize(at + v.size() * 4);
    for (size_t i = 0; i < v.size(); ++i) store_le(out_.data() + at + 4 * i, v[i]);
  }
  size_t size() const noexcept { return out_.size(); }
  std::vector<uint8_t>& buffer() noexcept { return out_; }
  std::vector<uint8_t> take() noexcept { return std::move(out_); }

  template <class T>
  static void store_le(uint8_t* p, T v) {
    for (size_t i = 0; i < sizeof(T); ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
  }

 private:
  template <class T>
  void put_le(T v) {
    for (size_t i = 0; i < sizeof(T); ++i) out_.push_back(static_cast<uint8_t>(v >> (8 * i)));
  }
  std::vector<uint8_t> out_;
};

class ByteReader {
 public:
  explicit ByteReader(std::span<const uint8_t> in) : in_(in) {}
  uint8_t u8() { return get_le<uint8_t>(); }
  uint16_t u16() { return get_le<uint16_t>(); }
  uint32_t u32() { return get_le<uint32_t>(); }
  uint64_t u64() { return get_le<uint64_t>(); }
  std::span<const uint8_t> bytes(size_t n) {
    need(n);
    auto s = in_.subspan(pos_, n);
    pos_ += n;
    return s;
  }
  std::string str32() {
    const uint32_t n = u32();
    auto b = bytes(n);
    return std::string(b.begin(), b.end());
  }
  // n little-endian u32 values.
  std::vector<uint32_t> u32s(size_t n) {
    if (n > remaining() / 4) fail("array of " + std::to_string(n) + " u32 values");
    std::vector<uint32_t> v(n);
    for (auto& x : v) x = u32();
    return v;
  }
  std::span<const uint8_t> rest() {
    auto s = in_.subspan(pos_);
    pos_ = in_.size();
    return s;
  }
  size_t remaining() const noexcept { return in_.size() - pos_; }
  size_t position() const noexcept { return pos_; }
  bool done() const noexcept { return pos_ == in_.size(); }
  // Throws unless every byte was consumed: trailing bytes are a malformed body.
  void expect_done(std::string_view what) const {
    if (!done())
      throw Error(ErrorCode::bad_request,
                  std::string(what) + ": " + std::to_string(remaining()) + " trailing bytes");
  }

 private:
  void need(size_t n) const {
    if (n > remaining()) fail(std::to_string(n) + " bytes");
  }
  [[noreturn]] void fail(const std::string& what) const {
    throw Error(ErrorCode::bad_request, "truncated body: needed " + what + " at offset " +
                                            std::to_string(pos_) + ", " +
                                            std::to_string(remaining()) + " left");
  }
  template <class T>
  T get_le() {
    need(sizeof(T));
    T v = 0;
    for (size_t i = 0; i < sizeof(T); ++i) v |= static_cast<T>(static_cast<T>(in_[pos_ + i]) << (8 * i));
    pos_ += sizeof(T);
    return v;
  }
  std::span<const uint8_t> in_;
  size_t pos_ = 0;
};

}  // namespace zkgpu
