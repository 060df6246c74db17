// CudaStarkOps::merkle_commit: the leaves and every level are computed on the
// device and stay there. The rows of the tensor are one row-major device buffer:
// a single resident matrix is used where it lies (borrowed, not copied); host
// matrices, or several resident ones, are copied side by side into a buffer the
// tree owns. Openings gather all asked rows and paths in one launch and copy them
// out in one transfer.
#include <vector>

#include "backends/cuda/resident_matrix_cuda.hpp"
#include "backends/cuda/stark_cuda_util.hpp"
#include "backends/cuda/stark_ops_cuda.hpp"
#include "backends/stark_workspace.hpp"
#include "kernels/common/device_buffer.hpp"
#include "kernels/merkle/merkle_kernels.hpp"
#include "math/poseidon2/host31.hpp"

namespace zkgpu {

namespace {

class CudaMerkleTree final : public MerkleTree {
 public:
  // `rows` (height x width, row-major, device) is `owned`'s data or a borrowed
  // resident matrix's.
  CudaMerkleTree(Field31 f, cuda::DeviceBuffer<uint32_t> owned, const uint32_t* rows, const TensorShape& shape,
                 cudaStream_t stream)
      : field_(f),
        shape_(shape),
        stream_(stream),
        owned_(std::move(owned)),
        rows_(rows),
        nodes_(8 * (2 * shape.height - 1), stream) {
    cuda::merkle_hash_leaves(f, rows_, shape.height, shape.width, nodes_.data(), stream);
    cuda::merkle_build_levels(f, nodes_.data(), shape.height, stream);
    cuda::DeviceBuffer<uint32_t> path(8 * (shape.log_height + 1), stream);
    cuda::merkle_gather_path(f, nodes_.data(), shape.height, 0, path.data(), stream);
    std::vector<uint32_t> words(path.size());
    path.download(words);
    for (int j = 0; j < 8; ++j) root_[j] = words[8 * shape.log_height + j];  // the path ends with the root
    commitment_ = poseidon2::with_instance(f, [&](auto i) {
      return poseidon2::tensor_commitment<decltype(i)>(root_, shape_.log_height, shape_.width);
    });
  }

  Digest31 root() const override { return root_; }
  Digest31 commitment() const override { return commitment_; }
  size_t height() const override { return shape_.height; }
  size_t width() const override { return shape_.width; }

 private:
  // One buffer: the indices (as 64-bit words), then the rows, then the paths;
  // the last two come back in one copy.
  MerkleOpenings do_open_rows(std::span<const size_t> rows) const override {
    const size_t count = rows.size(), width = shape_.width, depth = shape_.log_height;
    const size_t row_words = count * width, path_words = count * depth * 8;
    cuda::DeviceBuffer<uint32_t> d(2 * count + row_words + path_words, stream_);
    std::vector<uint64_t> indices(rows.begin(), rows.end());
    auto* d_indices = reinterpret_cast<uint64_t*>(d.data());
    cuda::check(cudaMemcpyAsync(d_indices, indices.data(), count * 8, cudaMemcpyHostToDevice, stream_),
                "merkle open indices");
    uint32_t* d_out = d.data() + 2 * count;
    cuda::merkle_gather_openings(field_, rows_, width, nodes_.data(), shape_.height, d_indices, count, d_out,
                                 d_out + row_words, stream_);
    std::vector<uint32_t> words(row_words + path_words);
    cuda::check(cudaMemcpyAsync(words.data(), d_out, words.size() * 4, cudaMemcpyDeviceToHost, stream_),
                "merkle open copy-out");
    cuda::check(cudaStreamSynchronize(stream_), "merkle open");
    MerkleOpenings o{width, depth, {}, std::vector<Digest31>(count * depth)};
    o.rows.assign(words.begin(), words.begin() + std::ptrdiff_t(row_words));
    for (size_t k = 0; k < o.siblings.size(); ++k)
      for (int j = 0; j < 8; ++j) o.siblings[k][j] = words[row_words + 8 * k + j];
    return o;
  }

  Field31 field_;
  TensorShape shape_;
  cudaStream_t stream_;
  cuda::DeviceBuffer<uint32_t> owned_;  // the rows when the tree keeps its own copy
  const uint32_t* rows_;                // height x width canonical values, row-major
  cuda::DeviceBuffer<uint32_t> nodes_;  // 2 * height - 1 digests, Montgomery form (merkle_kernels.hpp)
  Digest31 root_{};
  Digest31 commitment_{};
};

// Copies matrices (data, cols) of `kind` side by side into a new device buffer.
struct Source {
  const uint32_t* data;
  size_t cols;
};
cuda::DeviceBuffer<uint32_t> side_by_side(std::span<const Source> matrices, cudaMemcpyKind kind,
                                          const TensorShape& shape, cudaStream_t stream) {
  cuda::DeviceBuffer<uint32_t> rows(shape.height * shape.width, stream);
  size_t col0 = 0;
  for (const Source& m : matrices) {
    if (m.cols)
      cuda::check(cudaMemcpy2DAsync(rows.data() + col0, shape.width * 4, m.data, m.cols * 4, m.cols * 4,
                                    shape.height, kind, stream),
                  "merkle commit copy-in");
    col0 += m.cols;
  }
  return rows;
}

}  // namespace

std::unique_ptr<MerkleTree> CudaStarkOps::do_merkle_commit(Field31 f, std::span<const ConstMatrixView> matrices,
                                                           const TensorShape& shape) {
  cuda::check_fits_device(stark_workspace::merkle_commit(shape.height, shape.width), "merkle commit");
  std::vector<Source> sources;
  for (const ConstMatrixView& m : matrices) sources.push_back({m.data, m.cols});
  auto rows = side_by_side(sources, cudaMemcpyHostToDevice, shape, stream_);
  const uint32_t* data = rows.data();
  return std::make_unique<CudaMerkleTree>(f, std::move(rows), data, shape, stream_);
}

std::unique_ptr<MerkleTree> CudaStarkOps::do_merkle_commit(std::span<const ResidentMatrix* const> matrices,
                                                           const TensorShape& shape) {
  const Field31 f = matrices[0]->field();
  if (matrices.size() == 1) {
    cuda::check_fits_device(stark_workspace::merkle_nodes(shape.height), "merkle commit");
    return std::make_unique<CudaMerkleTree>(f, cuda::DeviceBuffer<uint32_t>{}, cuda_matrix(*matrices[0]).values.data(),
                                            shape, stream_);
  }
  cuda::check_fits_device(stark_workspace::merkle_commit(shape.height, shape.width), "merkle commit");
  std::vector<Source> sources;
  for (const ResidentMatrix* m : matrices) sources.push_back({cuda_matrix(*m).values.data(), m->cols()});
  auto rows = side_by_side(sources, cudaMemcpyDeviceToDevice, shape, stream_);
  const uint32_t* data = rows.data();
  return std::make_unique<CudaMerkleTree>(f, std::move(rows), data, shape, stream_);
}

}  // namespace zkgpu
