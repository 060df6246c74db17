// Whole-artifact encoding, the inverse of decode.hpp: the bytes SP1 writes for the
// same values.
#pragma once

#include <cstdint>
#include <vector>

#include "sp1/wire/types.hpp"

namespace zkgpu::sp1::wire {

template <class C>
std::vector<uint8_t> encode_vk(const MachineVerifyingKey<C>& vk);

template <class C>
std::vector<uint8_t> encode_shard_proof(const ShardProof<C>& proof);

std::vector<uint8_t> encode_compress_witness(const CompressWitness& witness);

}  // namespace zkgpu::sp1::wire
