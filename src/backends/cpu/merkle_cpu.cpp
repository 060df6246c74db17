// CpuStarkOps::merkle_commit: the reference tensor commitment. Leaf i is the
// sponge hash of row i of every matrix, concatenated in order; each level above
// compresses pairs (2i, 2i+1); the commitment binds the root to the shape. Host
// matrices are copied into the tree; one resident matrix is borrowed.
#include <utility>
#include <vector>

#include "backends/cpu/stark_ops_cpu.hpp"
#include "common/parallel_ranges.hpp"
#include "math/poseidon2/host31.hpp"

namespace zkgpu {
namespace {

template <class I>
class CpuMerkleTree final : public MerkleTree {
 public:
  // `rows` (height x width, row-major) is `owned`'s data, or a resident matrix's
  // that the tree borrows.
  CpuMerkleTree(std::vector<uint32_t> owned, const uint32_t* rows, const TensorShape& shape, unsigned threads)
      : shape_(shape), owned_(std::move(owned)), rows_(rows) {
    levels_.emplace_back(shape_.height);
    parallel_ranges(shape_.height, threads, 64, [&](size_t b, size_t e) {
      for (size_t r = b; r < e; ++r) levels_[0][r] = poseidon2::hash_canonical<I>(row(r));
    });
    while (levels_.back().size() > 1) {
      const std::vector<Digest31>& below = levels_.back();
      std::vector<Digest31> above(below.size() / 2);
      parallel_ranges(above.size(), threads, 64, [&](size_t b, size_t e) {
        for (size_t i = b; i < e; ++i) above[i] = poseidon2::compress_canonical<I>(below[2 * i], below[2 * i + 1]);
      });
      levels_.push_back(std::move(above));
    }
    commitment_ = poseidon2::tensor_commitment<I>(root(), shape_.log_height, shape_.width);
  }

  Digest31 root() const override { return levels_.back()[0]; }
  Digest31 commitment() const override { return commitment_; }
  size_t height() const override { return shape_.height; }
  size_t width() const override { return shape_.width; }

 private:
  MerkleOpenings do_open_rows(std::span<const size_t> rows) const override {
    MerkleOpenings o{shape_.width, shape_.log_height, {}, {}};
    o.rows.reserve(rows.size() * shape_.width);
    o.siblings.reserve(rows.size() * shape_.log_height);
    for (size_t r : rows) {
      const auto values = row(r);
      o.rows.insert(o.rows.end(), values.begin(), values.end());
      size_t index = r;
      for (size_t level = 0; level + 1 < levels_.size(); ++level, index >>= 1)
        o.siblings.push_back(levels_[level][index ^ 1]);
    }
    return o;
  }

  std::span<const uint32_t> row(size_t r) const { return {rows_ + r * shape_.width, shape_.width}; }

  TensorShape shape_;
  std::vector<uint32_t> owned_;                // the rows when the tree keeps its own copy
  const uint32_t* rows_;                       // height x width, row-major
  std::vector<std::vector<Digest31>> levels_;  // levels_[0] = leaves, back() = {root}
  Digest31 commitment_{};
};

// The matrices' rows side by side: height x width, row-major.
std::vector<uint32_t> side_by_side(std::span<const ConstMatrixView> matrices, const TensorShape& shape) {
  std::vector<uint32_t> rows(shape.height * shape.width);
  size_t col0 = 0;
  for (const ConstMatrixView& m : matrices) {
    for (size_t r = 0; r < shape.height; ++r)
      for (size_t c = 0; c < m.cols; ++c) rows[r * shape.width + col0 + c] = m.data[r * m.cols + c];
    col0 += m.cols;
  }
  return rows;
}

}  // namespace

std::unique_ptr<MerkleTree> cpu_merkle_tree(Field31 f, std::span<const ConstMatrixView> matrices,
                                            const TensorShape& shape, bool borrow, unsigned threads) {
  std::vector<uint32_t> owned;
  const uint32_t* rows = nullptr;
  if (borrow && matrices.size() == 1) {
    rows = matrices[0].data;
  } else {
    owned = side_by_side(matrices, shape);
    rows = owned.data();
  }
  return poseidon2::with_instance(f, [&](auto inst) -> std::unique_ptr<MerkleTree> {
    return std::make_unique<CpuMerkleTree<decltype(inst)>>(std::move(owned), rows, shape, threads);
  });
}

std::unique_ptr<MerkleTree> CpuStarkOps::do_merkle_commit(Field31 f, std::span<const ConstMatrixView> matrices,
                                                          const TensorShape& shape) {
  return cpu_merkle_tree(f, matrices, shape, false, threads());
}

}  // namespace zkgpu
