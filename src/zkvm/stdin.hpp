// SP1Stdin as SP1 serializes it with bincode (crates/core/executor, SP1Stdin:
// buffer: Vec<Vec<u8>>, ptr: u64, proofs: Vec<(proof, vk)>), and the entries
// SP1's SP1Stdin::write / write_vec produce.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace zkgpu::zkvm {

// The buffer entries of a bincode SP1Stdin. Throws sp1::ParseError on malformed
// bytes, trailing bytes, or deferred proofs (which this executor cannot use).
std::vector<std::vector<uint8_t>> parse_sp1_stdin(std::span<const uint8_t> bytes);

// The bincode SP1Stdin with these entries, ptr 0 and no proofs.
std::vector<uint8_t> encode_sp1_stdin(const std::vector<std::vector<uint8_t>>& entries);

// The entry SP1Stdin::write(&n) adds for a u64 / usize: its 8 little-endian bytes.
std::vector<uint8_t> u64_entry(uint64_t n);

}  // namespace zkgpu::zkvm
