// libFuzzer target for the SP1 bincode readers. Feeds the input to every artifact
// decoder (vk and shard proof in both configurations, compress witness). A decoder
// may only throw sp1::ParseError; anything else (another exception, a sanitizer
// report, an allocation the input does not back) is a bug. Whatever decodes must
// re-encode to exactly the input: every accepted encoding is canonical.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "sp1/errors.hpp"
#include "sp1/wire/decode.hpp"
#include "sp1/wire/encode.hpp"

namespace {

using namespace zkgpu::sp1;

template <class Decode, class Encode>
void round_trip(std::span<const uint8_t> in, Decode decode, Encode encode) {
  try {
    const auto value = decode(in);
    const std::vector<uint8_t> again = encode(value);
    if (again.size() != in.size() || !std::equal(again.begin(), again.end(), in.begin())) std::abort();
  } catch (const ParseError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::span<const uint8_t> in(data, size);
  round_trip(in, wire::decode_vk<wire::InnerConfig>, wire::encode_vk<wire::InnerConfig>);
  round_trip(in, wire::decode_vk<wire::OuterConfig>, wire::encode_vk<wire::OuterConfig>);
  round_trip(in, wire::decode_shard_proof<wire::InnerConfig>, wire::encode_shard_proof<wire::InnerConfig>);
  round_trip(in, wire::decode_shard_proof<wire::OuterConfig>, wire::encode_shard_proof<wire::OuterConfig>);
  round_trip(in, wire::decode_compress_witness, wire::encode_compress_witness);
  return 0;
}
