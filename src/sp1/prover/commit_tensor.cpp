#include "sp1/prover/commit_tensor.hpp"

#include <bit>
#include <type_traits>
#include <stdexcept>
#include <string>

#include "common/parallel_ranges.hpp"
#include "sp1/pcs/merkle.hpp"

namespace zkgpu::sp1::prover {

namespace {

// KoalaBear Poseidon2-16 trees come from the backend; digests cross as canonical words.
class InnerTree final : public TensorTree<wire::InnerConfig> {
 public:
  InnerTree(StarkOps& ops, std::span<const uint32_t> values, size_t height, size_t width) {
    const ConstMatrixView m{values.data(), height, width};
    tree_ = ops.merkle_commit(Field31::koalabear, std::span<const ConstMatrixView>(&m, 1));
  }
  Digest root() const override { return convert(tree_->root()); }
  std::vector<Digest> path(size_t index) const override {
    const MerkleOpening o = tree_->open(index);
    std::vector<Digest> out;
    out.reserve(o.siblings.size());
    for (const Digest31& d : o.siblings) out.push_back(convert(d));
    return out;
  }

 private:
  static Digest convert(const Digest31& d) {
    Digest out;
    for (size_t i = 0; i < out.size(); ++i) out[i] = F::from_canonical(d[i]);
    return out;
  }
  std::unique_ptr<MerkleTree> tree_;
};

// Any configuration's tree on the host, with the PCS's own hasher and compressor.
template <class C>
class HostTree final : public TensorTree<C> {
 public:
  using Digest = typename pcs::Iop<C>::Digest;
  HostTree(std::span<const uint32_t> values, size_t height, size_t width, unsigned threads) {
    levels_.emplace_back(height);
    parallel_ranges(height, threads, 16, [&](size_t b, size_t e) {
      std::vector<F> row(width);
      for (size_t r = b; r < e; ++r) {
        for (size_t c = 0; c < width; ++c) row[c] = F::from_canonical(values[r * width + c]);
        levels_[0][r] = pcs::Iop<C>::hash(row);
      }
    });
    while (levels_.back().size() > 1) {
      const std::vector<Digest>& below = levels_.back();
      std::vector<Digest> above(below.size() / 2);
      parallel_ranges(above.size(), threads, 16, [&](size_t b, size_t e) {
        for (size_t i = b; i < e; ++i) above[i] = pcs::Iop<C>::compress(below[2 * i], below[2 * i + 1]);
      });
      levels_.push_back(std::move(above));
    }
  }
  Digest root() const override { return levels_.back()[0]; }
  std::vector<Digest> path(size_t index) const override {
    std::vector<Digest> out;
    for (size_t level = 0; level + 1 < levels_.size(); ++level, index >>= 1) out.push_back(levels_[level][index ^ 1]);
    return out;
  }

 private:
  std::vector<std::vector<Digest>> levels_;  // leaves first, the root last
};

template <class C>
std::unique_ptr<TensorTree<C>> build_tree(StarkOps& ops, std::span<const uint32_t> values, size_t height,
                                          size_t width, unsigned threads) {
  if constexpr (std::is_same_v<C, wire::InnerConfig>) {
    (void)threads;
    return std::make_unique<InnerTree>(ops, values, height, width);
  } else {
    (void)ops;
    return std::make_unique<HostTree<C>>(values, height, width, threads);
  }
}

}  // namespace

template <class C>
CommittedTensor<C>::CommittedTensor(StarkOps& ops, std::vector<uint32_t> values, size_t height, size_t width,
                                    unsigned threads)
    : values_(std::move(values)), height_(height), width_(width) {
  if (height == 0 || !std::has_single_bit(height) || width == 0 || values_.size() != height * width)
    throw std::invalid_argument("tensor commitment: a " + std::to_string(height) + " x " + std::to_string(width) +
                                " matrix needs a power-of-two height, a width and height * width values");
  log_height_ = size_t(std::countr_zero(height));
  tree_ = build_tree<C>(ops, values_, height, width, threads);
  commitment_ = pcs::tensor_commitment<C>(tree_->root(), log_height_, width_);
}

template <class C>
wire::MerkleTreeOpeningAndProof<C> CommittedTensor<C>::open(std::span<const size_t> indices) const {
  wire::MerkleTreeOpeningAndProof<C> out;
  out.values.sizes = {indices.size(), width_};
  out.values.values.reserve(indices.size() * width_);
  out.proof.merkle_root = tree_->root();
  out.proof.log_tensor_height = log_height_;
  out.proof.width = width_;
  out.proof.paths.sizes = {indices.size(), log_height_};
  out.proof.paths.values.reserve(indices.size() * log_height_);
  for (size_t index : indices) {
    if (index >= height_) throw std::invalid_argument("tensor commitment: opening index beyond the height");
    for (size_t c = 0; c < width_; ++c) out.values.values.push_back(F::from_canonical(values_[index * width_ + c]));
    const auto path = tree_->path(index);
    out.proof.paths.values.insert(out.proof.paths.values.end(), path.begin(), path.end());
  }
  return out;
}

template class CommittedTensor<wire::InnerConfig>;
template class CommittedTensor<wire::OuterConfig>;

}  // namespace zkgpu::sp1::prover
