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
  InnerTree(StarkOps& ops, std::unique_ptr<ResidentMatrix> values) : values_(std::move(values)) {
    const ResidentMatrix* m[] = {values_.get()};
    tree_ = ops.merkle_commit(m);
  }
  Digest root() const override { return convert(tree_->root()); }
  void open(std::span<const size_t> indices, std::vector<F>& rows, std::vector<Digest>& paths) const override {
    const MerkleOpenings o = tree_->open_rows(indices);
    rows.reserve(rows.size() + o.rows.size());
    for (uint32_t v : o.rows) rows.push_back(F::from_canonical(v));
    paths.reserve(paths.size() + o.siblings.size());
    for (const Digest31& d : o.siblings) paths.push_back(convert(d));
  }
  const ResidentMatrix* resident() const override { return values_.get(); }

 private:
  static Digest convert(const Digest31& d) {
    Digest out;
    for (size_t i = 0; i < out.size(); ++i) out[i] = F::from_canonical(d[i]);
    return out;
  }
  std::unique_ptr<ResidentMatrix> values_;  // when resident: borrowed by tree_, so destroyed after it
  std::unique_ptr<MerkleTree> tree_;
};

// Any configuration's tree on the host, with the PCS's own hasher and compressor.
template <class C>
class HostTree final : public TensorTree<C> {
 public:
  using Digest = typename pcs::Iop<C>::Digest;
  HostTree(std::vector<uint32_t> values, size_t height, size_t width, unsigned threads)
      : values_(std::move(values)), width_(width) {
    levels_.emplace_back(height);
    parallel_ranges(height, threads, 16, [&](size_t b, size_t e) {
      std::vector<F> row(width);
      for (size_t r = b; r < e; ++r) {
        for (size_t c = 0; c < width; ++c) row[c] = F::from_canonical(values_[r * width + c]);
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
  void open(std::span<const size_t> indices, std::vector<F>& rows, std::vector<Digest>& paths) const override {
    for (size_t index : indices) {
      if (index >= levels_[0].size()) throw std::invalid_argument("tensor commitment: opening index beyond the height");
      for (size_t c = 0; c < width_; ++c) rows.push_back(F::from_canonical(values_[index * width_ + c]));
      for (size_t level = 0, i = index; level + 1 < levels_.size(); ++level, i >>= 1)
        paths.push_back(levels_[level][i ^ 1]);
    }
  }

 private:
  std::vector<uint32_t> values_;  // height x width, row-major
  size_t width_;
  std::vector<std::vector<Digest>> levels_;  // leaves first, the root last
};

}  // namespace

template <class C>
void CommittedTensor<C>::set_shape(size_t height, size_t width) {
  if (height == 0 || !std::has_single_bit(height) || width == 0)
    throw std::invalid_argument("tensor commitment: a " + std::to_string(height) + " x " + std::to_string(width) +
                                " matrix needs a power-of-two height and a width");
  height_ = height;
  width_ = width;
  log_height_ = size_t(std::countr_zero(height));
}

template <class C>
CommittedTensor<C>::CommittedTensor(StarkOps& ops, std::vector<uint32_t> values, size_t height, size_t width,
                                    unsigned threads) {
  set_shape(height, width);
  if (values.size() != height * width)
    throw std::invalid_argument("tensor commitment: " + std::to_string(values.size()) + " values for a " +
                                std::to_string(height) + " x " + std::to_string(width) + " matrix");
  if constexpr (std::is_same_v<C, wire::InnerConfig>) {
    (void)threads;
    tree_ = std::make_unique<InnerTree>(ops, values, height, width);
  } else {
    (void)ops;
    tree_ = std::make_unique<HostTree<C>>(std::move(values), height, width, threads);
  }
  commitment_ = pcs::tensor_commitment<C>(tree_->root(), log_height_, width_);
}

template <class C>
CommittedTensor<C>::CommittedTensor(StarkOps& ops, std::unique_ptr<ResidentMatrix> values)
  requires std::is_same_v<C, wire::InnerConfig>
{
  if (!values) throw std::invalid_argument("tensor commitment: no resident matrix");
  set_shape(values->rows(), values->cols());
  tree_ = std::make_unique<InnerTree>(ops, std::move(values));
  commitment_ = pcs::tensor_commitment<C>(tree_->root(), log_height_, width_);
}

template <class C>
wire::MerkleTreeOpeningAndProof<C> CommittedTensor<C>::open(std::span<const size_t> indices) const {
  for (size_t index : indices)
    if (index >= height_) throw std::invalid_argument("tensor commitment: opening index beyond the height");
  wire::MerkleTreeOpeningAndProof<C> out;
  out.values.sizes = {indices.size(), width_};
  out.proof.merkle_root = tree_->root();
  out.proof.log_tensor_height = log_height_;
  out.proof.width = width_;
  out.proof.paths.sizes = {indices.size(), log_height_};
  tree_->open(indices, out.values.values, out.proof.paths.values);
  return out;
}

template class CommittedTensor<wire::InnerConfig>;
template class CommittedTensor<wire::OuterConfig>;

}  // namespace zkgpu::sp1::prover
