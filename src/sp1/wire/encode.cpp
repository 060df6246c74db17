#include "sp1/wire/encode.hpp"

#include "sp1/wire/codec.hpp"

namespace zkgpu::sp1::wire {

namespace {

template <class T>
std::vector<uint8_t> encode_whole(const T& value) {
  BincodeWriter w;
  detail::Encoder(w).write(value);
  return w.take();
}

}  // namespace

template <class C>
std::vector<uint8_t> encode_vk(const MachineVerifyingKey<C>& vk) {
  return encode_whole(vk);
}

template <class C>
std::vector<uint8_t> encode_shard_proof(const ShardProof<C>& proof) {
  return encode_whole(proof);
}

std::vector<uint8_t> encode_compress_witness(const CompressWitness& witness) {
  return encode_whole(witness);
}

template std::vector<uint8_t> encode_vk<InnerConfig>(const MachineVerifyingKey<InnerConfig>&);
template std::vector<uint8_t> encode_vk<OuterConfig>(const MachineVerifyingKey<OuterConfig>&);
template std::vector<uint8_t> encode_shard_proof<InnerConfig>(const ShardProof<InnerConfig>&);
template std::vector<uint8_t> encode_shard_proof<OuterConfig>(const ShardProof<OuterConfig>&);

}  // namespace zkgpu::sp1::wire
