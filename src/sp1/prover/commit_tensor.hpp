// A committed matrix in SP1's tensor commitment scheme (FieldMerkleTreeProver in
// succinctlabs/sp1 slop/crates/merkle-tree/src/p3sync.rs): leaf i hashes row i,
// each level compresses pairs (2i, 2i + 1), and the commitment is
// compress(root, hash([log_height, width])), the value sp1/pcs/merkle.hpp checks.
// An opening at some indices gives the rows (a [queries, width] tensor) and each
// one's sibling path, leaf level first.
//
// The inner configuration's tree is built by the backend (StarkOps::merkle_commit,
// KoalaBear Poseidon2-16, the same hasher and compressor), which keeps the rows
// (on the device for CUDA) and opens them in one batch; the outer one's
// (Poseidon2-BN254) on the host, with sp1/pcs's Iop hasher.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <type_traits>
#include <vector>

#include "backends/stark_ops.hpp"
#include "sp1/pcs/iop.hpp"
#include "sp1/wire/types.hpp"

namespace zkgpu::sp1::prover {

using wire::EF;
using wire::F;

// A committed tree: its root, and rows with their sibling paths.
template <class C>
class TensorTree {
 public:
  using Digest = typename pcs::Iop<C>::Digest;
  virtual ~TensorTree() = default;
  virtual Digest root() const = 0;
  // The rows at `indices` (indices.size() x width values) and their paths
  // (indices.size() x log_height digests, each leaf level first); indices checked.
  virtual void open(std::span<const size_t> indices, std::vector<F>& rows, std::vector<Digest>& paths) const = 0;
  // The committed matrix where it lies on the backend; null when the tree holds it on the host.
  virtual const ResidentMatrix* resident() const { return nullptr; }
};

template <class C>
class CommittedTensor {
 public:
  using Digest = typename pcs::Iop<C>::Digest;

  // values: `height` rows of `width` canonical KoalaBear values, row-major;
  // height a power of two, width at least 1.
  CommittedTensor(StarkOps& ops, std::vector<uint32_t> values, size_t height, size_t width, unsigned threads);
  // A matrix resident on ops's backend (height a power of two): the backend's tree
  // borrows it, and it stays resident, owned here, for the openings.
  CommittedTensor(StarkOps& ops, std::unique_ptr<ResidentMatrix> values)
    requires std::is_same_v<C, wire::InnerConfig>;

  const Digest& commitment() const { return commitment_; }
  size_t height() const { return height_; }
  size_t log_height() const { return log_height_; }
  size_t width() const { return width_; }
  // The committed matrix when it is resident on the backend (a device folder reads
  // a codeword there); null otherwise.
  const ResidentMatrix* resident() const { return tree_->resident(); }

  // The rows at `indices` and their paths (MerkleTreeOpeningAndProof), in one
  // opening of the tree.
  wire::MerkleTreeOpeningAndProof<C> open(std::span<const size_t> indices) const;

 private:
  void set_shape(size_t height, size_t width);

  size_t height_ = 0, log_height_ = 0, width_ = 0;
  std::unique_ptr<TensorTree<C>> tree_;
  Digest commitment_{};
};

extern template class CommittedTensor<wire::InnerConfig>;
extern template class CommittedTensor<wire::OuterConfig>;

}  // namespace zkgpu::sp1::prover
