// JSON <-> binary bodies of the primitive ops (see primitive_json.hpp).
#include "cli/primitive_json.hpp"

#include <algorithm>
#include <initializer_list>

#include "math/field_id.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu::cli::primitive {
namespace {

using json = Json;
using stark_body::FieldId;
__extension__ typedef unsigned __int128 u128;

[[noreturn]] void bad_shape(const std::string& msg) { throw Error(ErrorCode::bad_request, msg); }

std::string key_path(const char* key) {
  std::string p(1, '"');
  p.append(key).push_back('"');
  return p;
}
std::string at(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }

// The object's members must be exactly `required` plus any of `optional`.
void expect_keys(const json& in, std::initializer_list<const char*> required,
                 std::initializer_list<const char*> optional = {}) {
  if (!in.is_object()) bad_shape("the input must be a JSON object, got " + std::string(in.type_name()));
  std::string expected;
  for (const char* k : required) expected += std::string(expected.empty() ? "" : ", ") + k;
  for (const char* k : optional) expected += std::string(expected.empty() ? "" : ", ") + k;
  for (const char* k : required)
    if (!in.contains(k)) bad_shape("missing key \"" + std::string(k) + "\" (expected " + expected + ")");
  for (const auto& [k, v] : in.items()) {
    const auto is = [&](const char* name) { return k == name; };
    if (std::none_of(required.begin(), required.end(), is) && std::none_of(optional.begin(), optional.end(), is))
      bad_shape("unexpected key \"" + k + "\" (expected " + expected + ")");
  }
}

const json& array_at(const json& v, const std::string& path) {
  if (!v.is_array()) bad_shape(path + " must be an array, got " + std::string(v.type_name()));
  if (v.size() > UINT32_MAX) bad_shape(path + " has more than 2^32 - 1 entries");
  return v;
}

uint32_t modulus31(FieldId f) { return traits(f).modulus31; }

// Appends one element (1 word for 31-bit fields, 8 for bn254) read from `v`.
// A JSON integer >= 0 (parsed text gives unsigned numbers; built JSON may hold signed ones).
bool is_natural(const json& v) { return v.is_number_unsigned() || (v.is_number_integer() && v.get<int64_t>() >= 0); }

void put_value(const json& v, FieldId f, const std::string& path, std::vector<uint32_t>& out) {
  if (is_31bit(f)) {
    if (!is_natural(v))
      bad_shape(path + " must be a non-negative integer, got " + (v.is_string() ? "a string" : v.dump()));
    const uint64_t x = v.get<uint64_t>();
    if (x > UINT32_MAX)
      throw Error(ErrorCode::invalid_argument, path + ": " + std::to_string(x) + " is not below p = " +
                                                   std::to_string(modulus31(f)) + " (" + stark_body::field_name(f) + ")");
    out.push_back(uint32_t(x));
    return;
  }
  bn254::U256 x{};
  if (v.is_string())
    x = parse_decimal(v.get_ref<const std::string&>(), path);
  else if (is_natural(v))
    x = bn254::U256{{v.get<uint64_t>(), 0, 0, 0}};
  else
    bad_shape(path + " must be a decimal string (or a non-negative integer), got " + v.dump());
  const size_t at = out.size();
  out.resize(at + 8);
  stark_body::u256_to_words(x, out.data() + at);
}

// A flat array of elements.
std::vector<uint32_t> values_of(const json& v, FieldId f, const std::string& path) {
  array_at(v, path);
  std::vector<uint32_t> out;
  out.reserve(v.size() * stark_body::words_per_element(f));
  for (size_t i = 0; i < v.size(); ++i) put_value(v[i], f, at(path, i), out);
  return out;
}

// An array of arrays of one common length (`width`, or the first one's length
// when width is 0); appends the elements row by row, returns the common length.
size_t rows_of(const json& v, FieldId f, const std::string& path, size_t width, std::vector<uint32_t>& out) {
  array_at(v, path);
  for (size_t i = 0; i < v.size(); ++i) {
    const std::string p = at(path, i);
    array_at(v[i], p);
    if (i == 0 && width == 0) width = v[i].size();
    if (v[i].size() != width)
      bad_shape(p + " has " + std::to_string(v[i].size()) + " entries, expected " + std::to_string(width));
    for (size_t j = 0; j < v[i].size(); ++j) put_value(v[i][j], f, at(p, j), out);
  }
  return width;
}

json value_json(const uint32_t* w, FieldId f) {
  if (is_31bit(f)) return *w;
  return to_decimal(stark_body::words_to_u256(w));
}

// `count` elements from `w` as a JSON array.
json values_json(const uint32_t* w, size_t count, FieldId f) {
  json a = json::array();
  const size_t k = stark_body::words_per_element(f);
  for (size_t i = 0; i < count; ++i) a.push_back(value_json(w + i * k, f));
  return a;
}

ArithOp arith_op(std::string_view op) {
  if (op == "add") return ArithOp::add;
  if (op == "sub") return ArithOp::sub;
  if (op == "mul") return ArithOp::mul;
  if (op == "inv") return ArithOp::inv;
  return ArithOp::ext_mul;
}

EncodedRequest encode_arith(std::string_view op, FieldId f, const json& in) {
  stark_body::ArithRequest q{f, arith_op(op), 0, {}, {}};
  if (q.op == ArithOp::inv) {
    expect_keys(in, {"a"});
    q.a = values_of(in["a"], f, key_path("a"));
    q.count = uint32_t(in["a"].size());
  } else if (q.op == ArithOp::ext_mul) {
    expect_keys(in, {"a", "b"});
    if (f != FieldId::koalabear)
      throw Error(ErrorCode::invalid_argument,
                  std::string("ext-mul is defined for koalabear only (its degree-4 extension), not ") + stark_body::field_name(f));
    rows_of(in["a"], f, key_path("a"), 4, q.a);
    rows_of(in["b"], f, key_path("b"), 4, q.b);
    q.count = uint32_t(in["a"].size());
  } else {
    expect_keys(in, {"a", "b"});
    q.a = values_of(in["a"], f, key_path("a"));
    q.b = values_of(in["b"], f, key_path("b"));
    q.count = uint32_t(in["a"].size());
  }
  if (q.op != ArithOp::inv && in["a"].size() != in["b"].size())
    bad_shape("\"a\" has " + std::to_string(in["a"].size()) + " elements, \"b\" has " + std::to_string(in["b"].size()));
  return {proto::Op::field_arith, encode(q)};
}

EncodedRequest encode_ntt(std::string_view op, FieldId f, const json& in) {
  expect_keys(in, {"values"});
  stark_body::MatrixBody m{f, uint8_t(op == "intt" ? 1 : 0), 0, 1, values_of(in["values"], f, key_path("values"))};
  m.rows = uint32_t(in["values"].size());
  return {proto::Op::ntt, encode(m)};
}

EncodedRequest encode_lde(FieldId f, const json& in) {
  expect_keys(in, {"columns", "log_blowup"});
  const json& k = in["log_blowup"];
  if (!is_natural(k) || k.get<uint64_t>() > 255)
    bad_shape("\"log_blowup\" must be an integer from 0 to 255, got " + k.dump());
  const json& cols = array_at(in["columns"], key_path("columns"));
  if (cols.empty()) bad_shape("\"columns\" is empty: give at least one column");
  // Columns in, row-major matrix out.
  std::vector<uint32_t> col_major;
  const size_t rows = rows_of(cols, f, key_path("columns"), 0, col_major);
  stark_body::MatrixBody m{f, uint8_t(k.get<uint64_t>()), uint32_t(rows), uint32_t(cols.size()), {}};
  m.values.resize(col_major.size());
  for (size_t c = 0; c < cols.size(); ++c)
    for (size_t r = 0; r < rows; ++r) m.values[r * cols.size() + c] = col_major[c * rows + r];
  return {proto::Op::lde, encode(m)};
}

EncodedRequest encode_poseidon2(FieldId f, const json& in) {
  expect_keys(in, {"states"});
  stark_body::StatesBody s{f, 0, 0, {}};
  const size_t w = rows_of(in["states"], f, key_path("states"), 0, s.values);
  // An empty batch still names the field's width.
  s.width = uint32_t(in["states"].empty() ? (is_31bit(f) ? 16 : 3) : w);
  s.count = uint32_t(in["states"].size());
  return {proto::Op::poseidon2, encode(s)};
}

EncodedRequest encode_merkle(FieldId f, const json& in) {
  expect_keys(in, {"matrices"});
  const json& ms = array_at(in["matrices"], key_path("matrices"));
  if (ms.empty()) bad_shape("\"matrices\" is empty: give at least one matrix");
  stark_body::MerkleRequest q{f, {}, {}};
  for (size_t i = 0; i < ms.size(); ++i) {
    const size_t cols = rows_of(ms[i], f, at(key_path("matrices"), i), 0, q.values);
    q.dims.push_back({uint32_t(ms[i].size()), uint32_t(cols)});
  }
  return {proto::Op::merkle_commit, encode(q)};
}

json digest_json(const Digest31& d) { return json(std::vector<uint32_t>(d.begin(), d.end())); }

}  // namespace

const std::vector<std::string>& op_names() {
  static const std::vector<std::string> names = {"mul", "add",  "sub", "inv",       "ext-mul",
                                                 "ntt", "intt", "lde", "poseidon2", "merkle-commit"};
  return names;
}

EncodedRequest encode_request(std::string_view op, FieldId field, const json& in) {
  if (op == "mul" || op == "add" || op == "sub" || op == "inv" || op == "ext-mul") return encode_arith(op, field, in);
  if (op == "ntt" || op == "intt") return encode_ntt(op, field, in);
  if (op == "lde") return encode_lde(field, in);
  if (op == "poseidon2") return encode_poseidon2(field, in);
  if (op == "merkle-commit") return encode_merkle(field, in);
  throw Error(ErrorCode::invalid_argument, "unknown primitive op '" + std::string(op) + "'");
}

json decode_reply(std::string_view op, std::span<const uint8_t> body) {
  if (op == "mul" || op == "add" || op == "sub" || op == "inv" || op == "ext-mul") {
    const auto r = stark_body::decode_arith_reply(body);
    if (r.op != ArithOp::ext_mul) return {{"out", values_json(r.out.data(), r.count, r.field)}};
    json out = json::array();
    for (size_t i = 0; i < r.count; ++i) out.push_back(values_json(&r.out[4 * i], 4, r.field));
    return {{"out", out}};
  }
  if (op == "ntt" || op == "intt") {
    const auto m = stark_body::decode_matrix_reply(body, "ntt reply");
    return {{"out", values_json(m.values.data(), m.values.size() / stark_body::words_per_element(m.field), m.field)}};
  }
  if (op == "lde") {
    const auto m = stark_body::decode_matrix_reply(body, "lde reply");
    const size_t k = stark_body::words_per_element(m.field);
    json out = json::array();
    for (size_t c = 0; c < m.cols; ++c) {
      json col = json::array();
      for (size_t r = 0; r < m.rows; ++r) col.push_back(value_json(&m.values[(r * m.cols + c) * k], m.field));
      out.push_back(std::move(col));
    }
    return {{"out", out}};
  }
  if (op == "poseidon2") {
    const auto s = stark_body::decode_poseidon2_reply(body);
    const size_t k = stark_body::words_per_element(s.field);
    json out = json::array();
    for (size_t i = 0; i < s.count; ++i) out.push_back(values_json(&s.values[i * s.width * k], s.width, s.field));
    return {{"out", out}};
  }
  if (op == "merkle-commit") {
    const auto r = stark_body::decode_merkle_reply(body);
    return {{"root", digest_json(r.root)}, {"commitment", digest_json(r.commitment)}};
  }
  throw Error(ErrorCode::invalid_argument, "unknown primitive op '" + std::string(op) + "'");
}

bn254::U256 parse_decimal(std::string_view s, const std::string& what) {
  if (s.empty() || s.size() > 78 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
    throw Error(ErrorCode::bad_request,
                what + ": \"" + std::string(s.substr(0, 90)) + "\" is not a decimal integer of at most 78 digits");
  bn254::U256 v{};
  for (char c : s) {
    // v = v * 10 + digit, watching the carry out of the top limb.
    u128 carry = unsigned(c - '0');
    for (auto& limb : v.limbs) {
      const u128 t = static_cast<u128>(limb) * 10 + carry;
      limb = uint64_t(t);
      carry = t >> 64;
    }
    if (carry != 0)
      throw Error(ErrorCode::invalid_argument, what + ": " + std::string(s) + " does not fit in 256 bits");
  }
  return v;
}

std::string to_decimal(const bn254::U256& value) {
  bn254::U256 v = value;
  std::string digits;
  do {
    // v /= 10, from the top limb down; the remainder is the next digit.
    u128 rem = 0;
    for (int i = 3; i >= 0; --i) {
      const u128 cur = (rem << 64) | v.limbs[i];
      v.limbs[i] = uint64_t(cur / 10);
      rem = cur % 10;
    }
    digits.push_back(char('0' + int(rem)));
  } while (!v.is_zero());
  std::reverse(digits.begin(), digits.end());
  return digits;
}

}  // namespace zkgpu::cli::primitive
