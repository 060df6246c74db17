#include "sp1/pcs/merkle.hpp"

#include <algorithm>
#include <unordered_map>

#include "sp1/errors.hpp"
#include "sp1/pcs/tensor.hpp"

namespace zkgpu::sp1::pcs {

namespace {

// Queries into one tree share its upper levels (and, in small trees, whole paths).
// A node position whose exact inputs an earlier query already hashed reuses that
// result; different inputs at the same position are hashed afresh, so the cache
// never changes what is accepted.
template <class C>
class PathCache {
 public:
  using Digest = typename Iop<C>::Digest;

  Digest leaf(size_t index, std::span<const F> row) {
    auto it = leaves_.find(index);
    if (it != leaves_.end() && std::equal(row.begin(), row.end(), it->second.row.begin(), it->second.row.end()))
      return it->second.out;
    const Digest out = Iop<C>::hash(row);
    leaves_[index] = {row, out};
    return out;
  }

  // The node at `level` (1 = just above the leaves) and position `index`.
  Digest node(size_t level, size_t index, const Digest& left, const Digest& right) {
    // Only a locator: a colliding key just misses, the inputs decide a hit.
    const uint64_t key = (uint64_t(level) << 40) ^ index;
    auto it = nodes_.find(key);
    if (it != nodes_.end() && it->second.left == left && it->second.right == right) return it->second.out;
    const Digest out = Iop<C>::compress(left, right);
    nodes_[key] = {left, right, out};
    return out;
  }

 private:
  struct Leaf {
    std::span<const F> row;
    Digest out;
  };
  struct Node {
    Digest left, right, out;
  };
  std::unordered_map<size_t, Leaf> leaves_;
  std::unordered_map<uint64_t, Node> nodes_;
};

}  // namespace

template <class C>
typename Iop<C>::Digest tensor_commitment(const typename Iop<C>::Digest& root, size_t log_height, size_t width) {
  const F shape[2] = {F::from_canonical(uint32_t(log_height)), F::from_canonical(uint32_t(width))};
  return Iop<C>::compress(root, Iop<C>::hash(shape));
}

template <class C>
void verify_tensor_openings(const typename Iop<C>::Digest& commitment, std::span<const size_t> indices,
                            const wire::Tensor<F>& opening, size_t expected_width, size_t expected_log_height,
                            const wire::MerkleTreeTcsProof<C>& proof, const std::string& what) {
  using Digest = typename Iop<C>::Digest;
  if (proof.width != expected_width)
    throw Rejected(what + ": width " + std::to_string(proof.width) + ", expected " + std::to_string(expected_width));
  if (proof.log_tensor_height != expected_log_height)
    throw Rejected(what + ": log height " + std::to_string(proof.log_tensor_height) + ", expected " +
                   std::to_string(expected_log_height));
  const size_t path_len = proof.log_tensor_height;
  if (!is_matrix(proof.paths) || !is_matrix(opening) || indices.size() != proof.paths.sizes[0] ||
      indices.size() != opening.sizes[0])
    throw Rejected(what + ": opening or path tensor has the wrong shape");
  const size_t row_len = opening.sizes[1];
  if (row_len != proof.width) throw Rejected(what + ": opened rows are not " + std::to_string(proof.width) + " wide");
  if (proof.paths.sizes[1] != path_len)
    throw Rejected(what + ": paths are not " + std::to_string(path_len) + " long");
  PathCache<C> cache;
  for (size_t q = 0; q < indices.size(); ++q) {
    size_t index = indices[q];
    Digest node = cache.leaf(index, std::span<const F>(opening.values.data() + q * row_len, row_len));
    const Digest* path = proof.paths.values.data() + q * path_len;
    for (size_t level = 0; level < path_len; ++level) {
      const size_t parent = index >> 1;
      node = (index & 1) == 0 ? cache.node(level + 1, parent, node, path[level])
                              : cache.node(level + 1, parent, path[level], node);
      index = parent;
    }
    if (node != proof.merkle_root) throw Rejected(what + ": query " + std::to_string(q) + " path does not reach the root");
    if (index != 0) throw Rejected(what + ": query " + std::to_string(q) + " index beyond the tree");
  }
  if (proof.log_tensor_height >= F::kP || proof.width >= F::kP)
    throw Rejected(what + ": tensor shape does not fit the field");
  if (tensor_commitment<C>(proof.merkle_root, proof.log_tensor_height, proof.width) != commitment)
    throw Rejected(what + ": Merkle root and shape do not open the commitment");
}

template void verify_tensor_openings<wire::InnerConfig>(const wire::InnerDigest&, std::span<const size_t>,
                                                        const wire::Tensor<F>&, size_t, size_t,
                                                        const wire::MerkleTreeTcsProof<wire::InnerConfig>&,
                                                        const std::string&);
template void verify_tensor_openings<wire::OuterConfig>(const wire::OuterDigest&, std::span<const size_t>,
                                                        const wire::Tensor<F>&, size_t, size_t,
                                                        const wire::MerkleTreeTcsProof<wire::OuterConfig>&,
                                                        const std::string&);
template wire::InnerDigest tensor_commitment<wire::InnerConfig>(const wire::InnerDigest&, size_t, size_t);
template wire::OuterDigest tensor_commitment<wire::OuterConfig>(const wire::OuterDigest&, size_t, size_t);

}  // namespace zkgpu::sp1::pcs
