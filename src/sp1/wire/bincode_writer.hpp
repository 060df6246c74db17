// The writer matching BincodeReader: bincode 1.x default options, byte for byte
// what SP1's serde derive produces for the same values.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "math/bn254/fields.hpp"
#include "math/field31/field31.hpp"

namespace zkgpu::sp1::wire {

class BincodeWriter {
 public:
  void u8(uint8_t v) { out_.push_back(v); }
  void u32(uint32_t v) { le(v, 4); }
  void u64(uint64_t v) { le(v, 8); }
  void usize(size_t v) { u64(v); }
  void boolean(bool v) { u8(v ? 1 : 0); }
  void option_tag(bool some) { u8(some ? 1 : 0); }
  void length(size_t n) { u64(n); }
  void string(std::string_view s) {
    length(s.size());
    out_.insert(out_.end(), s.begin(), s.end());
  }
  void koala_bear(f31::KoalaBear x) { u32(x.to_canonical()); }
  void koala_bear_ext4(const f31::KoalaBearExt4& e) {
    for (const auto& c : e.c) koala_bear(c);
  }
  void bn254_fr(const bn254::Fr& x) {
    const bn254::U256 v = x.to_canonical();
    length(32);
    for (uint64_t limb : v.limbs) u64(limb);
  }

  const std::vector<uint8_t>& bytes() const noexcept { return out_; }
  std::vector<uint8_t> take() noexcept { return std::move(out_); }

 private:
  void le(uint64_t v, int n) {
    for (int i = 0; i < n; ++i) out_.push_back(static_cast<uint8_t>(v >> (8 * i)));
  }
  std::vector<uint8_t> out_;
};

}  // namespace zkgpu::sp1::wire
