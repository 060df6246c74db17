#pragma once
// Binary bodies of the primitive ops field_arith, ntt, lde, poseidon2 and
// merkle_commit (requests and replies). The normative text with example bytes is
// proto/ops-stark.md; tests/unit/pipeline_stark_body_test.cpp asserts those bytes.
//
// Every body starts with a 4-byte head: field u8 | variant u8 | reserved u16 (0).
// Then come the op's u32 shape words, then the values as little-endian u32
// words: one word per element of a 31-bit field (four per KoalaBear extension
// element, c0 first), eight per bn254 element (its canonical integer, 32 bytes
// little-endian). All integers are little-endian.
//
// The *_shape functions read the head and shape words only and check them
// against the body length and the op's rules (cheap: the scheduler's estimate
// uses them); decode_* also copy the values and reject any value >= p with
// Error(invalid_argument) naming its position.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "math/bn254/u256.hpp"
#include "math/field_id.hpp"
#include "math/merkle/opening.hpp"
#include "math/op_kinds.hpp"

namespace zkgpu::stark_body {

// The field byte of the head is a FieldId (math/field_id.hpp; is_31bit there too).
using zkgpu::FieldId;

const char* field_name(FieldId f) noexcept;
// "koalabear" | "babybear" | "bn254"; anything else -> Error(invalid_argument).
FieldId parse_field(std::string_view name);
Field31 to_field31(FieldId f);  // throws for bn254
// u32 words per element: 1 for the 31-bit fields, 8 for bn254.
size_t words_per_element(FieldId f) noexcept;

// bn254 values travel as 8 little-endian u32 words each.
bn254::U256 words_to_u256(const uint32_t* w) noexcept;
void u256_to_words(const bn254::U256& v, uint32_t* w) noexcept;

inline constexpr size_t kHeadBytes = 4;
// Largest reply body one frame can carry (u32 length prefix, reply header).
inline constexpr uint64_t kMaxReplyBodyBytes = 0xffffffffull - 20;

// ---- field_arith: variant = ArithOp (add 0, sub 1, mul 2, inv 3, ext_mul 4)
// request: head | count u32 | a[count] | b[count] (no b for inv)
// reply:   head | count u32 | out[count]
// count counts elements; an ext_mul element is 4 words.
struct ArithShape {
  FieldId field{};
  ArithOp op{};
  uint32_t count = 0;
  size_t words_per_operand() const noexcept;
};
struct ArithRequest {
  FieldId field{};
  ArithOp op{};
  uint32_t count = 0;
  std::vector<uint32_t> a, b;
};
struct ArithReply {
  FieldId field{};
  ArithOp op{};
  uint32_t count = 0;
  std::vector<uint32_t> out;
};
ArithShape arith_shape(std::span<const uint8_t> body);
ArithRequest decode_arith(std::span<const uint8_t> body);  // also rejects inv of 0
std::vector<uint8_t> encode(const ArithRequest& r);
std::vector<uint8_t> encode(const ArithReply& r);
ArithReply decode_arith_reply(std::span<const uint8_t> body);

// ---- ntt and lde: a row-major matrix, rows x cols values.
// ntt request and reply: head (variant 0 forward, 1 inverse) | rows u32 | cols u32 | values
// lde request: head (variant = log_blowup) | rows u32 | cols u32 | values
// lde reply:   head (variant = log_blowup) | rows << log_blowup u32 | cols u32 | values
struct MatrixShape {
  FieldId field{};
  uint8_t variant = 0;
  uint32_t rows = 0;
  uint32_t cols = 0;
  uint64_t elements() const noexcept { return uint64_t(rows) * cols; }
};
struct MatrixBody {
  FieldId field{};
  uint8_t variant = 0;
  uint32_t rows = 0;
  uint32_t cols = 0;
  std::vector<uint32_t> values;
};
MatrixShape ntt_shape(std::span<const uint8_t> body);
MatrixBody decode_ntt(std::span<const uint8_t> body);
MatrixShape lde_shape(std::span<const uint8_t> body);
MatrixBody decode_lde(std::span<const uint8_t> body);
// Output rows of an LDE (rows << log_blowup).
uint64_t lde_output_rows(const MatrixShape& s) noexcept;
std::vector<uint8_t> encode(const MatrixBody& m);
MatrixBody decode_matrix_reply(std::span<const uint8_t> body, const char* op);

// ---- poseidon2: head (variant 0) | width u32 | count u32 | count states of width elements
// (the same layout both ways). Width 16 for the 31-bit fields, 3 for bn254.
struct StatesShape {
  FieldId field{};
  uint32_t width = 0;
  uint32_t count = 0;
};
struct StatesBody {
  FieldId field{};
  uint32_t width = 0;
  uint32_t count = 0;
  std::vector<uint32_t> values;
};
StatesShape poseidon2_shape(std::span<const uint8_t> body);
StatesBody decode_poseidon2(std::span<const uint8_t> body);
std::vector<uint8_t> encode(const StatesBody& s);
StatesBody decode_poseidon2_reply(std::span<const uint8_t> body);

// ---- merkle_commit (31-bit fields only):
// request: head (variant 0) | matrices u32 | (rows u32, cols u32) per matrix | values of
//          matrix 0 (row-major), then matrix 1, ...
// reply:   head (variant 0) | log_height u32 | width u32 (total columns) | root 8 x u32 |
//          commitment 8 x u32
struct MatrixDims {
  uint32_t rows = 0;
  uint32_t cols = 0;
};
struct MerkleShape {
  FieldId field{};
  std::vector<MatrixDims> dims;
  uint64_t height = 0;
  uint64_t width = 0;  // total columns
};
struct MerkleRequest {
  FieldId field{};
  std::vector<MatrixDims> dims;
  std::vector<uint32_t> values;
};
struct MerkleReply {
  FieldId field{};
  uint32_t log_height = 0;
  uint32_t width = 0;
  Digest31 root{};
  Digest31 commitment{};
};
MerkleShape merkle_shape(std::span<const uint8_t> body);
MerkleRequest decode_merkle(std::span<const uint8_t> body);
std::vector<uint8_t> encode(const MerkleRequest& r);
std::vector<uint8_t> encode(const MerkleReply& r);
MerkleReply decode_merkle_reply(std::span<const uint8_t> body);

}  // namespace zkgpu::stark_body
