#include "zkvm/stdin.hpp"

#include <cstring>
#include <string>

#include "sp1/errors.hpp"

namespace zkgpu::zkvm {
namespace {

class Reader {
 public:
  explicit Reader(std::span<const uint8_t> b) : b_(b) {}
  uint64_t u64(const char* field) {
    need(8, field);
    uint64_t v;
    std::memcpy(&v, b_.data() + off_, 8);
    off_ += 8;
    return v;
  }
  std::span<const uint8_t> bytes(uint64_t n, const char* field) {
    need(n, field);
    auto s = b_.subspan(off_, n);
    off_ += n;
    return s;
  }
  size_t offset() const { return off_; }
  size_t left() const { return b_.size() - off_; }

 private:
  void need(uint64_t n, const char* field) {
    if (n > left())
      throw sp1::ParseError(field, off_, "truncated: needs " + std::to_string(n) + " bytes, " +
                                             std::to_string(left()) + " left");
  }
  std::span<const uint8_t> b_;
  size_t off_ = 0;
};

void put_u64(std::vector<uint8_t>& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(uint8_t(v >> (8 * i)));
}

}  // namespace

std::vector<std::vector<uint8_t>> parse_sp1_stdin(std::span<const uint8_t> bytes) {
  Reader r(bytes);
  const uint64_t n = r.u64("SP1Stdin.buffer length");
  if (n > r.left() / 8) throw sp1::ParseError("SP1Stdin.buffer length", 0, std::to_string(n) + " entries cannot fit");
  std::vector<std::vector<uint8_t>> entries;
  entries.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    const uint64_t len = r.u64("SP1Stdin.buffer entry length");
    const auto data = r.bytes(len, "SP1Stdin.buffer entry");
    entries.emplace_back(data.begin(), data.end());
  }
  r.u64("SP1Stdin.ptr");
  const size_t proofs_at = r.offset();
  if (const uint64_t proofs = r.u64("SP1Stdin.proofs length"); proofs != 0)
    throw sp1::ParseError("SP1Stdin.proofs", proofs_at,
                          std::to_string(proofs) + " deferred proofs given; this executor does not take proofs");
  if (r.left() != 0)
    throw sp1::ParseError("SP1Stdin", r.offset(), std::to_string(r.left()) + " trailing bytes");
  return entries;
}

std::vector<uint8_t> encode_sp1_stdin(const std::vector<std::vector<uint8_t>>& entries) {
  std::vector<uint8_t> out;
  put_u64(out, entries.size());
  for (const auto& e : entries) {
    put_u64(out, e.size());
    out.insert(out.end(), e.begin(), e.end());
  }
  put_u64(out, 0);  // ptr
  put_u64(out, 0);  // proofs
  return out;
}

std::vector<uint8_t> u64_entry(uint64_t n) {
  std::vector<uint8_t> out;
  put_u64(out, n);
  return out;
}

}  // namespace zkgpu::zkvm
