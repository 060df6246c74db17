#pragma once
// `zkgpu primitive`: the JSON forms of the primitive ops and their conversion to
// and from the binary bodies of pipelines/stark_body.hpp. Values are canonical
// integers: JSON numbers for the 31-bit fields, decimal strings for bn254 (numbers
// are accepted there too on input).
//
//   mul, add, sub   {"a":[..],"b":[..]}                  -> {"out":[..]}
//   inv             {"a":[..]}                           -> {"out":[..]}
//   ext-mul         {"a":[[c0,c1,c2,c3],..],"b":[..]}    -> {"out":[[..],..]}
//   ntt, intt       {"values":[..]}                      -> {"out":[..]}
//   lde             {"columns":[[..],..],"log_blowup":k} -> {"out":[[..],..]}
//   poseidon2       {"states":[[..],..]}                 -> {"out":[[..],..]}
//   merkle-commit   {"matrices":[[[row],..],..]}         -> {"root":[..],"commitment":[..]}
//
// Malformed JSON shapes -> Error(bad_request) naming the JSON path; values that do
// not fit the field's integer size -> Error(invalid_argument). Values in range of
// the integer type but >= p are rejected by the op's decoder, which names them.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "math/bn254/u256.hpp"
#include "pipelines/stark_body.hpp"
#include "zkgpu/protocol.hpp"

namespace zkgpu::cli::primitive {

// Objects keep their keys in insertion order ("root" before "commitment").
using Json = nlohmann::ordered_json;

// The OP names `zkgpu primitive` accepts, in help order.
const std::vector<std::string>& op_names();

struct EncodedRequest {
  proto::Op op{};
  std::vector<uint8_t> body;
};

// JSON request of `op` over `field` -> the daemon op and its body.
EncodedRequest encode_request(std::string_view op, stark_body::FieldId field, const Json& in);

// Reply body of `op` -> the JSON answer.
Json decode_reply(std::string_view op, std::span<const uint8_t> body);

// Decimal strings <-> 256-bit integers: digits only, at most 78, value < 2^256.
bn254::U256 parse_decimal(std::string_view s, const std::string& what);
std::string to_decimal(const bn254::U256& v);

}  // namespace zkgpu::cli::primitive
