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

// The bytes of one encoded MachineVerifyingKey<GC> in SP1's `variant` build (the
// vk is fixed-size: 104 / 168 bytes inner, 112 / 176 outer).
template <class C>
size_t vk_wire_size(Sp1Variant variant);

// bincode MachineVerifyingKey<GC>, C = InnerConfig or OuterConfig, in the variant
// its size names (a size that names neither is a ParseError).
template <class C>
MachineVerifyingKey<C> decode_vk(std::span<const uint8_t> bytes);
// The same, in the given variant only.
template <class C>
MachineVerifyingKey<C> decode_vk_as(std::span<const uint8_t> bytes, Sp1Variant variant);

// bincode ShardProof<GC, SP1PcsProof<GC>> (the same in both variants).
template <class C>
ShardProof<C> decode_shard_proof(std::span<const uint8_t> bytes);

// bincode SP1CompressWithVKeyWitnessValues<SP1PcsProofInner>, in the one variant it
// reads in (its vks differ in size). Bytes that read in neither variant throw the
// error of the reading that got further; bytes that read in both (possible only for
// crafted input) throw, asking for the variant.
CompressWitness decode_compress_witness(std::span<const uint8_t> bytes);
// The same, in the given variant only.
CompressWitness decode_compress_witness_as(std::span<const uint8_t> bytes, Sp1Variant variant);

// A file's bytes; a file that cannot be read is a ParseError on field "file".
std::vector<uint8_t> read_artifact_file(const std::filesystem::path& path);

}  // namespace zkgpu::sp1::wire
