#include "sp1/wire/decode.hpp"

#include <fstream>
#include <iterator>

#include "sp1/wire/codec.hpp"

namespace zkgpu::sp1::wire {

namespace {

template <class T>
T decode_whole(std::span<const uint8_t> bytes, const char* root) {
  BincodeReader r(bytes);
  T value;
  {
    auto f = r.field(root);
    detail::Decoder(r).read(value);
  }
  r.expect_end();
  return value;
}

}  // namespace

template <class C>
MachineVerifyingKey<C> decode_vk(std::span<const uint8_t> bytes) {
  return decode_whole<MachineVerifyingKey<C>>(bytes, "vk");
}

template <class C>
ShardProof<C> decode_shard_proof(std::span<const uint8_t> bytes) {
  return decode_whole<ShardProof<C>>(bytes, "proof");
}

CompressWitness decode_compress_witness(std::span<const uint8_t> bytes) {
  return decode_whole<CompressWitness>(bytes, "witness");
}

template MachineVerifyingKey<InnerConfig> decode_vk<InnerConfig>(std::span<const uint8_t>);
template MachineVerifyingKey<OuterConfig> decode_vk<OuterConfig>(std::span<const uint8_t>);
template ShardProof<InnerConfig> decode_shard_proof<InnerConfig>(std::span<const uint8_t>);
template ShardProof<OuterConfig> decode_shard_proof<OuterConfig>(std::span<const uint8_t>);

std::vector<uint8_t> read_artifact_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ParseError("file", 0, "cannot open " + path.string());
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw ParseError("file", 0, "cannot read " + path.string());
  return bytes;
}

}  // namespace zkgpu::sp1::wire
