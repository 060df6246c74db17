#include "sp1/stage/digests.hpp"

#include <vector>

#include "math/poseidon2/sponge31.hpp"

namespace zkgpu::sp1::stage {

namespace {

using Perm = poseidon2::KoalaBear16;  // SP1 v6's KoalaBear width-16 permutation
const auto& kConstants = poseidon2::kHostConstants<Perm>;

}  // namespace

InnerDigest poseidon2_hash(std::span<const F> values) {
  poseidon2::Sponge31<Perm> sponge;
  for (const F& v : values) sponge.absorb(v, kConstants);
  F out[poseidon2::kDigest31];
  sponge.finish(out, kConstants);
  InnerDigest d;
  for (size_t i = 0; i < d.size(); ++i) d[i] = out[i];
  return d;
}

InnerDigest poseidon2_compress(const InnerDigest& left, const InnerDigest& right) {
  F l[poseidon2::kDigest31], r[poseidon2::kDigest31], out[poseidon2::kDigest31];
  for (int i = 0; i < poseidon2::kDigest31; ++i) {
    l[i] = left[i];
    r[i] = right[i];
  }
  poseidon2::compress<Perm>(l, r, out, kConstants);
  InnerDigest d;
  for (size_t i = 0; i < d.size(); ++i) d[i] = out[i];
  return d;
}

InnerDigest vk_digest(const wire::MachineVerifyingKey<wire::InnerConfig>& vk) {
  std::vector<F> in;
  in.reserve(8 + 3 + 14 + 1 + 16);
  in.insert(in.end(), vk.preprocessed_commit.begin(), vk.preprocessed_commit.end());
  in.insert(in.end(), vk.pc_start.begin(), vk.pc_start.end());
  in.insert(in.end(), vk.initial_global_cumulative_sum_x.begin(), vk.initial_global_cumulative_sum_x.end());
  in.insert(in.end(), vk.initial_global_cumulative_sum_y.begin(), vk.initial_global_cumulative_sum_y.end());
  const std::vector<F> config = wire::untrusted_config_elements(vk.untrusted_config);
  in.insert(in.end(), config.begin(), config.end());
  return poseidon2_hash(in);
}

bool verify_vk_merkle_proof(const wire::MerkleProof& proof, const InnerDigest& leaf,
                            const InnerDigest& root) {
  const size_t depth = proof.path.size();
  // A path deeper than the index's bits, or an index beyond 2^depth, names no leaf.
  if (depth > 63 || (proof.index >> depth) != 0) return false;
  size_t index = 0;  // reverse_bits_len(proof.index, depth)
  for (size_t b = 0; b < depth; ++b) index |= ((proof.index >> b) & 1) << (depth - 1 - b);
  InnerDigest value = leaf;
  for (const auto& sibling : proof.path) {
    value = (index & 1) == 0 ? poseidon2_compress(value, sibling) : poseidon2_compress(sibling, value);
    index >>= 1;
  }
  return value == root;
}

bn254::Fr digest_to_bn254(const InnerDigest& d) {
  const bn254::Fr shift = bn254::Fr::from_u64(uint64_t{1} << 31);
  bn254::Fr acc = bn254::Fr::zero();
  for (const F& word : d) acc = acc * shift + bn254::Fr::from_u64(word.to_canonical());
  return acc;
}

std::string digest_bytes32_hex(const InnerDigest& d) {
  static constexpr char kHex[] = "0123456789abcdef";
  const bn254::U256 v = digest_to_bn254(d).to_canonical();
  std::string s = "0x";
  for (int limb = 3; limb >= 0; --limb) {
    for (int shift = 60; shift >= 0; shift -= 4) s += kHex[(v.limbs[limb] >> shift) & 0xF];
  }
  return s;
}

std::optional<InnerDigest> digest_from_bytes32_hex(std::string_view hex) {
  if (hex.starts_with("0x") || hex.starts_with("0X")) hex.remove_prefix(2);
  if (hex.size() != 64) return std::nullopt;
  bn254::U256 v{};
  for (size_t i = 0; i < 64; ++i) {
    const char c = hex[i];
    const int nibble = c >= '0' && c <= '9'   ? c - '0'
                       : c >= 'a' && c <= 'f' ? c - 'a' + 10
                       : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                              : -1;
    if (nibble < 0) return std::nullopt;
    const size_t bit = 4 * (63 - i);  // of this nibble's lowest bit
    v.limbs[bit / 64] |= uint64_t(nibble) << (bit % 64);
  }
  // Word i (first = most significant) holds bits [31 * (7 - i), 31 * (8 - i)).
  InnerDigest d;
  for (size_t i = 0; i < 8; ++i) {
    const size_t lo = 31 * (7 - i);
    uint64_t word = v.limbs[lo / 64] >> (lo % 64);
    if (lo % 64 > 33) word |= v.limbs[lo / 64 + 1] << (64 - lo % 64);
    word &= (uint64_t{1} << 31) - 1;
    if (word >= F::kP) return std::nullopt;
    d[i] = F::from_canonical(uint32_t(word));
  }
  if (digest_to_bn254(d).to_canonical() != v) return std::nullopt;  // bits above 248
  return d;
}

}  // namespace zkgpu::sp1::stage
