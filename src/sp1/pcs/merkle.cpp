#include "sp1/pcs/merkle.hpp"

#include "sp1/errors.hpp"
#include "sp1/pcs/tensor.hpp"

namespace zkgpu::sp1::pcs {

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
  for (size_t q = 0; q < indices.size(); ++q) {
    Digest node = Iop<C>::hash(std::span<const F>(opening.values.data() + q * row_len, row_len));
    size_t index = indices[q];
    const Digest* path = proof.paths.values.data() + q * path_len;
    for (size_t level = 0; level < path_len; ++level) {
      node = (index & 1) == 0 ? Iop<C>::compress(node, path[level]) : Iop<C>::compress(path[level], node);
      index >>= 1;
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
