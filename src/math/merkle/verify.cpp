#include "math/merkle/verify.hpp"

#include "math/poseidon2/host31.hpp"

namespace zkgpu {

std::optional<Digest31> merkle_opening_root(Field31 f, size_t height, size_t width, size_t row,
                                            const MerkleOpening& opening) {
  if (height == 0 || (height & (height - 1)) != 0 || row >= height) return std::nullopt;
  if (width == 0 || width >= traits(f).modulus31 || opening.row.size() != width) return std::nullopt;
  size_t log_height = 0;
  while ((size_t(1) << log_height) < height) ++log_height;
  if (opening.siblings.size() != log_height) return std::nullopt;
  return poseidon2::with_instance(f, [&](auto inst) -> std::optional<Digest31> {
    using I = decltype(inst);
    for (uint32_t v : opening.row)
      if (v >= I::F::kP) return std::nullopt;
    Digest31 node = poseidon2::hash_canonical<I>(opening.row);
    size_t index = row;
    for (const Digest31& sibling : opening.siblings) {
      node = (index & 1) ? poseidon2::compress_canonical<I>(sibling, node)
                         : poseidon2::compress_canonical<I>(node, sibling);
      index >>= 1;
    }
    return node;
  });
}

bool verify_opening_against_root(Field31 f, const Digest31& root, size_t height, size_t width, size_t row,
                                 const MerkleOpening& opening) {
  const auto got = merkle_opening_root(f, height, width, row, opening);
  return got && *got == root;
}

bool verify_opening(Field31 f, const Digest31& commitment, size_t height, size_t width, size_t row,
                    const MerkleOpening& opening) {
  const auto root = merkle_opening_root(f, height, width, row, opening);
  if (!root) return false;
  unsigned log_height = 0;
  while ((size_t(1) << log_height) < height) ++log_height;
  return poseidon2::with_instance(f, [&](auto inst) {
    using I = decltype(inst);
    return poseidon2::tensor_commitment<I>(*root, log_height, width) == commitment;
  });
}

}  // namespace zkgpu
