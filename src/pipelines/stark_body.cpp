// Codec of the primitive-op bodies (see stark_body.hpp and proto/ops-stark.md).
#include "pipelines/stark_body.hpp"

#include <bit>
#include <cstdio>

#include "common/bytes.hpp"
#include "math/bn254/fields.hpp"
#include "math/field_id.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu::stark_body {
namespace {

[[noreturn]] void bad_request(const char* op, const std::string& msg) {
  throw Error(ErrorCode::bad_request, std::string(op) + ": " + msg);
}
[[noreturn]] void invalid(const char* op, const std::string& msg) {
  throw Error(ErrorCode::invalid_argument, std::string(op) + ": " + msg);
}

uint32_t modulus31(FieldId f) { return traits(f).modulus31; }
unsigned two_adicity(FieldId f) { return traits(f).two_adicity; }

std::string hex(const bn254::U256& v) {
  char s[67];
  std::snprintf(s, sizeof s, "0x%016llx%016llx%016llx%016llx", static_cast<unsigned long long>(v.limbs[3]),
                static_cast<unsigned long long>(v.limbs[2]), static_cast<unsigned long long>(v.limbs[1]),
                static_cast<unsigned long long>(v.limbs[0]));
  return s;
}

struct Head {
  FieldId field{};
  uint8_t variant = 0;
};

// Reads and checks the 4-byte head common to every body.
Head read_head(ByteReader& r, const char* op) {
  if (r.remaining() < kHeadBytes)
    bad_request(op, "body of " + std::to_string(r.remaining()) + " bytes is shorter than the 4-byte head");
  const uint8_t field = r.u8();
  const uint8_t variant = r.u8();
  const uint16_t reserved = r.u16();
  if (!find_field(field))
    bad_request(op, "unknown field id " + std::to_string(field) + " (1 koalabear, 2 babybear, 3 bn254)");
  if (reserved != 0) bad_request(op, "reserved head bytes are " + std::to_string(reserved) + ", must be 0");
  return {FieldId(field), variant};
}

void write_head(ByteWriter& w, FieldId f, uint8_t variant) {
  w.u8(uint8_t(f));
  w.u8(variant);
  w.u16(0);
}

// a * b, or UINT64_MAX when it overflows (a size that large never matches a body).
uint64_t mul_sat(uint64_t a, uint64_t b) {
  if (a != 0 && b > UINT64_MAX / a) return UINT64_MAX;
  return a * b;
}
uint64_t add_sat(uint64_t a, uint64_t b) { return b > UINT64_MAX - a ? UINT64_MAX : a + b; }

// The value words must fill the rest of the body exactly.
void expect_value_words(const ByteReader& r, uint64_t words, const char* op, const std::string& shape) {
  const uint64_t need = mul_sat(words, 4);
  if (r.remaining() != need)
    bad_request(op, "the shape (" + shape + ") needs " +
                        (need == UINT64_MAX ? std::string("more than 2^64") : std::to_string(need)) +
                        " value bytes, the body has " + std::to_string(r.remaining()));
}

// Throws unless `rows` is a power of two within the field's two-adicity.
unsigned check_pow2_rows(FieldId f, uint64_t rows, const char* op) {
  if (rows == 0 || !std::has_single_bit(rows))
    invalid(op, "row count " + std::to_string(rows) + " is not a power of two");
  const unsigned log_n = unsigned(std::countr_zero(rows));
  if (log_n > two_adicity(f))
    invalid(op, "2^" + std::to_string(log_n) + " rows exceed the two-adicity of " + field_name(f) + " (2^" +
                    std::to_string(two_adicity(f)) + ")");
  return log_n;
}

// n little-endian u32 words (the caller checked that they are there).
std::vector<uint32_t> read_words(ByteReader& r, size_t n) {
  std::vector<uint32_t> v(n);
  auto bytes = r.bytes(4 * n);
  for (size_t i = 0; i < v.size(); ++i)
    v[i] = uint32_t(bytes[4 * i]) | uint32_t(bytes[4 * i + 1]) << 8 | uint32_t(bytes[4 * i + 2]) << 16 |
           uint32_t(bytes[4 * i + 3]) << 24;
  return v;
}
std::vector<uint32_t> read_words(ByteReader& r) { return read_words(r, r.remaining() / 4); }

// Throws Error(invalid_argument) for the first element >= p; where(i) names
// element i (31-bit: word i) in the message.
template <class Where>
void check_values(FieldId f, std::span<const uint32_t> words, const char* op, Where&& where) {
  if (is_31bit(f)) {
    const uint32_t p = modulus31(f);
    for (size_t i = 0; i < words.size(); ++i)
      if (words[i] >= p)
        invalid(op, where(i) + ": " + std::to_string(words[i]) + " is not below p = " + std::to_string(p) + " (" +
                        field_name(f) + ")");
    return;
  }
  for (size_t i = 0; i < words.size() / 8; ++i) {
    const bn254::U256 v = words_to_u256(&words[8 * i]);
    if (!bn254::Fr::is_canonical(v))
      invalid(op, where(i) + ": " + hex(v) + " is not below the bn254 scalar field modulus r");
  }
}

uint32_t read_u32(ByteReader& r, const char* op, const char* what) {
  if (r.remaining() < 4) bad_request(op, std::string("body ends before the ") + what + " field");
  return r.u32();
}

}  // namespace

const char* field_name(FieldId f) noexcept {
  const FieldTraits* t = find_field(uint8_t(f));
  return t ? t->name : "unknown";
}

FieldId parse_field(std::string_view name) {
  if (const FieldTraits* t = find_field(name)) return t->id;
  throw Error(ErrorCode::invalid_argument,
              "unknown field '" + std::string(name) + "' (use koalabear, babybear or bn254)");
}

Field31 to_field31(FieldId f) {
  if (auto f31 = as_field31(f)) return *f31;
  throw Error(ErrorCode::invalid_argument, std::string(field_name(f)) + " is not a 31-bit field");
}

size_t words_per_element(FieldId f) noexcept {
  const FieldTraits* t = find_field(uint8_t(f));
  return t ? t->words : 1;
}

bn254::U256 words_to_u256(const uint32_t* w) noexcept {
  bn254::U256 v{};
  for (int k = 0; k < 4; ++k) v.limbs[k] = uint64_t(w[2 * k]) | uint64_t(w[2 * k + 1]) << 32;
  return v;
}

void u256_to_words(const bn254::U256& v, uint32_t* w) noexcept {
  for (int k = 0; k < 4; ++k) {
    w[2 * k] = uint32_t(v.limbs[k]);
    w[2 * k + 1] = uint32_t(v.limbs[k] >> 32);
  }
}

// ---- field_arith

size_t ArithShape::words_per_operand() const noexcept {
  return size_t(count) * (op == ArithOp::ext_mul ? 4 : words_per_element(field));
}

namespace {

const char* arith_name(ArithOp op) {
  switch (op) {
    case ArithOp::add:
      return "add";
    case ArithOp::sub:
      return "sub";
    case ArithOp::mul:
      return "mul";
    case ArithOp::inv:
      return "inv";
    case ArithOp::ext_mul:
      return "ext_mul";
  }
  return "?";
}

ArithShape read_arith_head(ByteReader& r, const char* op) {
  const Head h = read_head(r, op);
  if (h.variant > uint8_t(ArithOp::ext_mul))
    bad_request(op, "unknown operation " + std::to_string(h.variant) + " (add 0, sub 1, mul 2, inv 3, ext_mul 4)");
  ArithShape s{h.field, ArithOp(h.variant), read_u32(r, op, "count")};
  if (s.op == ArithOp::ext_mul && s.field != FieldId::koalabear)
    invalid(op,
            std::string("ext_mul is defined for koalabear only (its degree-4 extension), not ") + field_name(s.field));
  return s;
}

std::string arith_shape_text(const ArithShape& s) {
  return std::to_string(s.count) + " " + field_name(s.field) + " elements, " + arith_name(s.op);
}

}  // namespace

ArithShape arith_shape(std::span<const uint8_t> body) {
  constexpr const char* op = "field_arith";
  ByteReader r(body);
  const ArithShape s = read_arith_head(r, op);
  const uint64_t operands = s.op == ArithOp::inv ? 1 : 2;
  expect_value_words(r, mul_sat(s.words_per_operand(), operands), op, arith_shape_text(s));
  return s;
}

ArithRequest decode_arith(std::span<const uint8_t> body) {
  constexpr const char* op = "field_arith";
  const ArithShape s = arith_shape(body);
  ByteReader r(body.subspan(kHeadBytes + 4));
  ArithRequest q{s.field, s.op, s.count, {}, {}};
  q.a = read_words(r, s.words_per_operand());
  if (s.op != ArithOp::inv) q.b = read_words(r, s.words_per_operand());
  const bool ext = s.op == ArithOp::ext_mul;
  auto check_operand = [&](const std::vector<uint32_t>& v, const std::string& name) {
    check_values(s.field, v, op, [&](size_t i) {
      return ext ? "operand " + name + " element " + std::to_string(i / 4) + " coefficient " + std::to_string(i % 4)
                 : "operand " + name + " element " + std::to_string(i);
    });
  };
  check_operand(q.a, "a");
  check_operand(q.b, "b");
  if (s.op == ArithOp::inv) {
    const size_t w = words_per_element(s.field);
    for (size_t i = 0; i < s.count; ++i) {
      bool zero = true;
      for (size_t k = 0; k < w; ++k) zero = zero && q.a[i * w + k] == 0;
      if (zero) invalid(op, "inverse of zero at element " + std::to_string(i));
    }
  }
  return q;
}

std::vector<uint8_t> encode(const ArithRequest& q) {
  ByteWriter w;
  write_head(w, q.field, uint8_t(q.op));
  w.u32(q.count);
  w.u32s(q.a);
  w.u32s(q.b);
  return w.take();
}

std::vector<uint8_t> encode(const ArithReply& q) {
  ByteWriter w;
  write_head(w, q.field, uint8_t(q.op));
  w.u32(q.count);
  w.u32s(q.out);
  return w.take();
}

ArithReply decode_arith_reply(std::span<const uint8_t> body) {
  constexpr const char* op = "field_arith reply";
  ByteReader r(body);
  const ArithShape s = read_arith_head(r, op);
  expect_value_words(r, s.words_per_operand(), op, arith_shape_text(s));
  return {s.field, s.op, s.count, read_words(r)};
}

// ---- ntt / lde

namespace {

MatrixShape read_matrix_head(ByteReader& r, const char* op) {
  const Head h = read_head(r, op);
  MatrixShape s{h.field, h.variant, 0, 0};
  s.rows = read_u32(r, op, "rows");
  s.cols = read_u32(r, op, "cols");
  return s;
}

std::string matrix_shape_text(const MatrixShape& s) {
  return std::to_string(s.rows) + " rows x " + std::to_string(s.cols) + " columns of " + field_name(s.field);
}

MatrixBody decode_matrix(std::span<const uint8_t> body, const MatrixShape& s, const char* op) {
  ByteReader r(body.subspan(kHeadBytes + 8));
  MatrixBody m{s.field, s.variant, s.rows, s.cols, read_words(r)};
  const size_t cols = s.cols ? s.cols : 1;
  check_values(s.field, m.values, op, [&](size_t i) {
    return "value at row " + std::to_string(i / cols) + ", column " + std::to_string(i % cols);
  });
  return m;
}

}  // namespace

MatrixShape ntt_shape(std::span<const uint8_t> body) {
  constexpr const char* op = "ntt";
  ByteReader r(body);
  const MatrixShape s = read_matrix_head(r, op);
  if (s.variant > 1) bad_request(op, "unknown direction " + std::to_string(s.variant) + " (0 forward, 1 inverse)");
  check_pow2_rows(s.field, s.rows, op);
  expect_value_words(r, mul_sat(s.elements(), words_per_element(s.field)), op, matrix_shape_text(s));
  return s;
}

MatrixBody decode_ntt(std::span<const uint8_t> body) { return decode_matrix(body, ntt_shape(body), "ntt"); }

uint64_t lde_output_rows(const MatrixShape& s) noexcept { return uint64_t(s.rows) << s.variant; }

MatrixShape lde_shape(std::span<const uint8_t> body) {
  constexpr const char* op = "lde";
  ByteReader r(body);
  const MatrixShape s = read_matrix_head(r, op);
  if (!is_31bit(s.field))
    invalid(op, "coset LDE is defined for koalabear and babybear only, not " + std::string(field_name(s.field)));
  const unsigned log_n = check_pow2_rows(s.field, s.rows, op);
  if (log_n + s.variant > two_adicity(s.field))
    invalid(op, "2^" + std::to_string(log_n) + " rows with log_blowup " + std::to_string(s.variant) + " give 2^" +
                    std::to_string(log_n + s.variant) + " output rows, above the two-adicity of " +
                    field_name(s.field) + " (2^" + std::to_string(two_adicity(s.field)) + ")");
  expect_value_words(r, s.elements(), op, matrix_shape_text(s));
  return s;
}

MatrixBody decode_lde(std::span<const uint8_t> body) { return decode_matrix(body, lde_shape(body), "lde"); }

std::vector<uint8_t> encode(const MatrixBody& m) {
  ByteWriter w;
  write_head(w, m.field, m.variant);
  w.u32(m.rows);
  w.u32(m.cols);
  w.u32s(m.values);
  return w.take();
}

MatrixBody decode_matrix_reply(std::span<const uint8_t> body, const char* op) {
  ByteReader r(body);
  const MatrixShape s = read_matrix_head(r, op);
  expect_value_words(r, mul_sat(s.elements(), words_per_element(s.field)), op, matrix_shape_text(s));
  return {s.field, s.variant, s.rows, s.cols, read_words(r)};
}

// ---- poseidon2

namespace {

StatesShape read_states_head(ByteReader& r, const char* op) {
  const Head h = read_head(r, op);
  if (h.variant != 0) bad_request(op, "variant byte is " + std::to_string(h.variant) + ", must be 0");
  StatesShape s{h.field, 0, 0};
  s.width = read_u32(r, op, "width");
  s.count = read_u32(r, op, "count");
  return s;
}

uint64_t states_words(const StatesShape& s) { return mul_sat(mul_sat(s.count, s.width), words_per_element(s.field)); }

std::string states_shape_text(const StatesShape& s) {
  return std::to_string(s.count) + " states of width " + std::to_string(s.width) + " over " + field_name(s.field);
}

}  // namespace

StatesShape poseidon2_shape(std::span<const uint8_t> body) {
  constexpr const char* op = "poseidon2";
  ByteReader r(body);
  const StatesShape s = read_states_head(r, op);
  if (is_31bit(s.field) && s.width != 16)
    invalid(op,
            "width " + std::to_string(s.width) + " is not supported for " + field_name(s.field) +
                (s.width == 24 ? " (SP1 v6 defines only the width-16 KoalaBear permutation; use 16)" : " (use 16)"));
  if (s.field == FieldId::bn254 && s.width != 3)
    invalid(op, "width " + std::to_string(s.width) + " is not supported for bn254 (use 3)");
  expect_value_words(r, states_words(s), op, states_shape_text(s));
  return s;
}

StatesBody decode_poseidon2(std::span<const uint8_t> body) {
  const StatesShape s = poseidon2_shape(body);
  ByteReader r(body.subspan(kHeadBytes + 8));
  StatesBody b{s.field, s.width, s.count, read_words(r)};
  check_values(s.field, b.values, "poseidon2", [&](size_t i) {
    return "state " + std::to_string(i / s.width) + " element " + std::to_string(i % s.width);
  });
  return b;
}

std::vector<uint8_t> encode(const StatesBody& s) {
  ByteWriter w;
  write_head(w, s.field, 0);
  w.u32(s.width);
  w.u32(s.count);
  w.u32s(s.values);
  return w.take();
}

StatesBody decode_poseidon2_reply(std::span<const uint8_t> body) {
  constexpr const char* op = "poseidon2 reply";
  ByteReader r(body);
  const StatesShape s = read_states_head(r, op);
  expect_value_words(r, states_words(s), op, states_shape_text(s));
  return {s.field, s.width, s.count, read_words(r)};
}

// ---- merkle_commit

MerkleShape merkle_shape(std::span<const uint8_t> body) {
  constexpr const char* op = "merkle_commit";
  ByteReader r(body);
  const Head h = read_head(r, op);
  if (h.variant != 0) bad_request(op, "variant byte is " + std::to_string(h.variant) + ", must be 0");
  if (!is_31bit(h.field))
    invalid(op, "the tensor commitment is defined for koalabear and babybear only, not " +
                    std::string(field_name(h.field)));
  MerkleShape s{h.field, {}, 0, 0};
  const uint32_t count = read_u32(r, op, "matrix count");
  if (count == 0) invalid(op, "no matrices");
  if (count > r.remaining() / 8)
    bad_request(op, std::to_string(count) + " matrices need " + std::to_string(uint64_t(count) * 8) +
                        " bytes of shapes, the body has " + std::to_string(r.remaining()) + " left");
  s.dims.resize(count);
  uint64_t elements = 0;
  for (auto& d : s.dims) {
    d.rows = r.u32();
    d.cols = r.u32();
    elements = add_sat(elements, uint64_t(d.rows) * d.cols);
    s.width += d.cols;
  }
  s.height = s.dims[0].rows;
  for (size_t m = 1; m < count; ++m)
    if (s.dims[m].rows != s.height)
      invalid(op, "matrix " + std::to_string(m) + " has " + std::to_string(s.dims[m].rows) + " rows, matrix 0 has " +
                      std::to_string(s.height) + " (all heights must be equal)");
  if (s.height == 0 || !std::has_single_bit(s.height))
    invalid(op, "height " + std::to_string(s.height) + " is not a power of two");
  if (s.width == 0) invalid(op, "the matrices have no columns");
  // The shape is hashed as field elements, so the total width must be below p.
  if (s.width >= modulus31(s.field))
    invalid(op, "total width " + std::to_string(s.width) + " is not below p = " + std::to_string(modulus31(s.field)));
  expect_value_words(r, elements, op,
                     std::to_string(count) + " matrices of height " + std::to_string(s.height) + ", " +
                         std::to_string(s.width) + " columns in all");
  return s;
}

MerkleRequest decode_merkle(std::span<const uint8_t> body) {
  MerkleShape s = merkle_shape(body);
  ByteReader r(body.subspan(kHeadBytes + 4 + 8 * s.dims.size()));
  MerkleRequest q{s.field, std::move(s.dims), read_words(r)};
  // Position of flat word i: the matrix it falls in, then row and column there.
  check_values(q.field, q.values, "merkle_commit", [&](size_t i) {
    size_t m = 0;
    for (uint64_t size; i >= (size = uint64_t(q.dims[m].rows) * q.dims[m].cols); ++m) i -= size;
    return "matrix " + std::to_string(m) + " row " + std::to_string(i / q.dims[m].cols) + ", column " +
           std::to_string(i % q.dims[m].cols);
  });
  return q;
}

std::vector<uint8_t> encode(const MerkleRequest& q) {
  ByteWriter w;
  write_head(w, q.field, 0);
  w.u32(uint32_t(q.dims.size()));
  for (const auto& d : q.dims) {
    w.u32(d.rows);
    w.u32(d.cols);
  }
  w.u32s(q.values);
  return w.take();
}

std::vector<uint8_t> encode(const MerkleReply& q) {
  ByteWriter w;
  write_head(w, q.field, 0);
  w.u32(q.log_height);
  w.u32(q.width);
  w.u32s(q.root);
  w.u32s(q.commitment);
  return w.take();
}

MerkleReply decode_merkle_reply(std::span<const uint8_t> body) {
  constexpr const char* op = "merkle_commit reply";
  ByteReader r(body);
  const Head h = read_head(r, op);
  if (r.remaining() != 8 + 2 * 32)
    bad_request(op, "expected 72 bytes after the head, got " + std::to_string(r.remaining()));
  MerkleReply q{h.field, r.u32(), r.u32(), {}, {}};
  for (auto& x : q.root) x = r.u32();
  for (auto& x : q.commitment) x = r.u32();
  return q;
}

}  // namespace zkgpu::stark_body
