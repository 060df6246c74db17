// A strict reader for bincode 1.x with its default options, the format SP1 writes
// its artifacts in: fixed-width little-endian integers, u64 lengths before every
// sequence, map and string, u8 tags for Option and bool, structs and arrays as
// their fields in order. "Strict" means anything SP1 would not have written is a
// ParseError: a length larger than the bytes left could hold, a field element not
// below its modulus, a bool or Option tag other than 0/1, invalid UTF-8, trailing
// bytes. Every error names the field path being read and the byte offset.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "math/bn254/fields.hpp"
#include "math/field31/field31.hpp"
#include "sp1/errors.hpp"

namespace zkgpu::sp1::wire {

class BincodeReader {
 public:
  explicit BincodeReader(std::span<const uint8_t> in) : in_(in) {}

  uint8_t u8();
  uint32_t u32();
  uint64_t u64();
  size_t usize();  // Rust usize: a u64 that must fit this machine's size_t
  bool boolean();
  bool option_tag();  // false = None, true = Some
  // A sequence or map length whose elements take at least `min_element_bytes`
  // each: rejected when the bytes left cannot hold that many, so nothing is ever
  // allocated for a length the input does not back.
  size_t length(size_t min_element_bytes);
  std::string string();

  f31::KoalaBear koala_bear();
  f31::KoalaBearExt4 koala_bear_ext4();
  bn254::Fr bn254_fr();  // serialized as a 32-byte vector, canonical little-endian

  // Throws unless every byte was read.
  void expect_end();

  size_t offset() const noexcept { return pos_; }
  size_t remaining() const noexcept { return in_.size() - pos_; }

  [[noreturn]] void fail(const std::string& what) const { fail_at(pos_, what); }
  [[noreturn]] void fail_at(size_t offset, const std::string& what) const;

  // The field path in error messages: `auto f = r.field("main_commitment");` or
  // `auto e = r.index(i);` for the i-th element of the enclosing sequence. Scopes
  // are RAII and nest; the path is only turned into a string when an error is thrown.
  class Scope {
   public:
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;
    ~Scope() { r_.path_.pop_back(); }

   private:
    friend class BincodeReader;
    explicit Scope(BincodeReader& r) : r_(r) {}
    BincodeReader& r_;
  };
  [[nodiscard]] Scope field(const char* name) {
    path_.push_back({name, kNoIndex});
    return Scope(*this);
  }
  [[nodiscard]] Scope index(size_t i) {
    path_.push_back({nullptr, i});
    return Scope(*this);
  }
  std::string path() const;

 private:
  static constexpr size_t kNoIndex = ~size_t{0};
  struct PathPart {
    const char* name;  // nullptr for an index
    size_t index;
  };

  const uint8_t* take(size_t n);

  std::span<const uint8_t> in_;
  size_t pos_ = 0;
  std::vector<PathPart> path_;
};

}  // namespace zkgpu::sp1::wire
