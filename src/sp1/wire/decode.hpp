// Whole-artifact decoding: each function reads exactly one value from the bytes
// and rejects trailing bytes. Malformed input throws ParseError naming the field
// path and byte offset.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

#include "sp1/wire/types.hpp"

namespace zkgpu::sp1::wire {

// bincode MachineVerifyingKey<GC>, C = InnerConfig or OuterConfig.
template <class C>
MachineVerifyingKey<C> decode_vk(std::span<const uint8_t> bytes);

// bincode ShardProof<GC, SP1PcsProof<GC>>.
template <class C>
ShardProof<C> decode_shard_proof(std::span<const uint8_t> bytes);

// bincode SP1CompressWithVKeyWitnessValues<SP1PcsProofInner>.
CompressWitness decode_compress_witness(std::span<const uint8_t> bytes);

// A file's bytes; a file that cannot be read is a ParseError on field "file".
std::vector<uint8_t> read_artifact_file(const std::filesystem::path& path);

}  // namespace zkgpu::sp1::wire
