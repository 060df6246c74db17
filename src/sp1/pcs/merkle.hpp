// Opening check of SP1's tensor commitment scheme (MerkleTreeTcs::verify_tensor_openings,
// succinctlabs/sp1 slop/crates/merkle-tree/src/tcs.rs). A commitment to a tensor of
// 2^log_height rows and `width` columns is compress(root, hash([log_height, width]));
// each opened row hashes to a leaf, and its path climbs to the root, the index's low
// bit choosing whether the running digest is the left (0) or right (1) input.
#pragma once

#include <cstddef>
#include <span>
#include <string>

#include "sp1/pcs/iop.hpp"
#include "sp1/wire/types.hpp"

namespace zkgpu::sp1::pcs {

// Throws Rejected("<what>: ...") on any mismatch: proof shape, width or height
// other than expected, a path that does not reach the root, a root that does not
// open the commitment.
template <class C>
void verify_tensor_openings(const typename Iop<C>::Digest& commitment, std::span<const size_t> indices,
                            const wire::Tensor<F>& opening, size_t expected_width, size_t expected_log_height,
                            const wire::MerkleTreeTcsProof<C>& proof, const std::string& what);

// compress(root, hash([log_height, width])): the commitment a Merkle root stands for.
template <class C>
typename Iop<C>::Digest tensor_commitment(const typename Iop<C>::Digest& root, size_t log_height, size_t width);

extern template void verify_tensor_openings<wire::InnerConfig>(const wire::InnerDigest&, std::span<const size_t>,
                                                               const wire::Tensor<F>&, size_t, size_t,
                                                               const wire::MerkleTreeTcsProof<wire::InnerConfig>&,
                                                               const std::string&);
extern template void verify_tensor_openings<wire::OuterConfig>(const wire::OuterDigest&, std::span<const size_t>,
                                                               const wire::Tensor<F>&, size_t, size_t,
                                                               const wire::MerkleTreeTcsProof<wire::OuterConfig>&,
                                                               const std::string&);
extern template wire::InnerDigest tensor_commitment<wire::InnerConfig>(const wire::InnerDigest&, size_t, size_t);
extern template wire::OuterDigest tensor_commitment<wire::OuterConfig>(const wire::OuterDigest&, size_t, size_t);

}  // namespace zkgpu::sp1::pcs
