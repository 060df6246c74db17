#include "sp1/wire/decode.hpp"

#include <fstream>
#include <iterator>
#include <optional>

#include "sp1/wire/codec.hpp"

namespace zkgpu::sp1::wire {

namespace {

template <class T>
T decode_whole(std::span<const uint8_t> bytes, const char* root, Sp1Variant variant) {
  BincodeReader r(bytes);
  T value;
  {
    auto f = r.field(root);
    detail::Decoder(r, variant).read(value);
  }
  r.expect_end();
  return value;
}

// The mprotect fields: enable_trap_handler, trap_context (3 x 3), untrusted_memory (2 x 3).
constexpr size_t kMprotectConfigElements = 1 + 9 + 6;

}  // namespace

template <class C>
size_t vk_wire_size(Sp1Variant variant) {
  const size_t elements = 3 + 14 + 1 + (variant == Sp1Variant::Mprotect ? kMprotectConfigElements : 0);
  return elements * detail::WireSize<F>::min + detail::WireSize<typename C::Digest>::min;
}

template <class C>
MachineVerifyingKey<C> decode_vk(std::span<const uint8_t> bytes) {
  for (Sp1Variant v : {Sp1Variant::Default, Sp1Variant::Mprotect}) {
    if (bytes.size() == vk_wire_size<C>(v)) return decode_vk_as<C>(bytes, v);
  }
  throw ParseError("vk", 0,
                   std::to_string(bytes.size()) + " bytes: a " + std::string(C::kName) + " vk has " +
                       std::to_string(vk_wire_size<C>(Sp1Variant::Default)) + " (default) or " +
                       std::to_string(vk_wire_size<C>(Sp1Variant::Mprotect)) + " (mprotect)");
}

template <class C>
MachineVerifyingKey<C> decode_vk_as(std::span<const uint8_t> bytes, Sp1Variant variant) {
  return decode_whole<MachineVerifyingKey<C>>(bytes, "vk", variant);
}

template <class C>
ShardProof<C> decode_shard_proof(std::span<const uint8_t> bytes) {
  return decode_whole<ShardProof<C>>(bytes, "proof", Sp1Variant::Default);
}

CompressWitness decode_compress_witness_as(std::span<const uint8_t> bytes, Sp1Variant variant) {
  return decode_whole<CompressWitness>(bytes, "witness", variant);
}

CompressWitness decode_compress_witness(std::span<const uint8_t> bytes) {
  std::vector<CompressWitness> reads;
  std::optional<ParseError> furthest;
  for (Sp1Variant v : {Sp1Variant::Default, Sp1Variant::Mprotect}) {
    try {
      reads.push_back(decode_compress_witness_as(bytes, v));
    } catch (const ParseError& e) {
      if (!furthest || e.offset() > furthest->offset()) furthest = e;
    }
  }
  if (reads.size() == 1) return std::move(reads.front());
  if (reads.empty()) throw *furthest;
  throw ParseError("witness", 0, "reads as both the default and the mprotect variant; name the variant");
}

template size_t vk_wire_size<InnerConfig>(Sp1Variant);
template size_t vk_wire_size<OuterConfig>(Sp1Variant);
template MachineVerifyingKey<InnerConfig> decode_vk<InnerConfig>(std::span<const uint8_t>);
template MachineVerifyingKey<OuterConfig> decode_vk<OuterConfig>(std::span<const uint8_t>);
template MachineVerifyingKey<InnerConfig> decode_vk_as<InnerConfig>(std::span<const uint8_t>, Sp1Variant);
template MachineVerifyingKey<OuterConfig> decode_vk_as<OuterConfig>(std::span<const uint8_t>, Sp1Variant);
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
