// CudaStarkOps::merkle_commit: the matrices (from host memory, or resident on the
// device) are copied side by side into one row-major device buffer (the rows of
// the tensor), the leaves and every level are computed on the device and stay
// there; openings copy one row and one path out.
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
  // Matrix m (data, cols) is copied into columns [col0, col0 + cols) of the
  // tensor rows; `kind` says where the matrices are.
  struct Source {
    const uint32_t* data;
    size_t cols;
  };
  CudaMerkleTree(Field31 f, std::span<const Source> matrices, cudaMemcpyKind kind, const TensorShape& shape,
                 cudaStream_t stream)
      : field_(f),
        shape_(shape),
        stream_(stream),
        rows_(shape.height * shape.width, stream),
        nodes_(8 * (2 * shape.height - 1), stream) {
    size_t col0 = 0;
    for (const Source& m : matrices) {
      if (m.cols)
        cuda::check(cudaMemcpy2DAsync(rows_.data() + col0, shape.width * 4, m.data, m.cols * 4, m.cols * 4,
                                      shape.height, kind, stream),
                    "merkle commit copy-in");
      col0 += m.cols;
    }
    cuda::merkle_hash_leaves(f, rows_.data(), shape.height, shape.width, nodes_.data(), stream);
    cuda::merkle_build_levels(f, nodes_.data(), shape.height, stream);
    const MerkleOpening path = read_path(0);  // ends with the root
    root_ = path.siblings.back();
    commitment_ = poseidon2::with_instance(f, [&](auto i) {
      return poseidon2::tensor_commitment<decltype(i)>(root_, shape_.log_height, shape_.width);
    });
  }

  Digest31 root() const override { return root_; }
  Digest31 commitment() const override { return commitment_; }
  size_t height() const override { return shape_.height; }

  MerkleOpening do_open(size_t row) const override {
    MerkleOpening o = read_path(row);
    o.siblings.pop_back();  // the root
    o.row.resize(shape_.width);
    cuda::check(cudaMemcpyAsync(o.row.data(), rows_.data() + row * shape_.width, shape_.width * 4,
                                cudaMemcpyDeviceToHost, stream_),
                "merkle open row");
    cuda::check(cudaStreamSynchronize(stream_), "merkle open");
    return o;
  }

 private:
  // Siblings of `row` (leaf level first) followed by the root, canonical.
  MerkleOpening read_path(size_t row) const {
    const size_t digests = shape_.log_height + 1;
    cuda::DeviceBuffer<uint32_t> d(8 * digests, stream_);
    cuda::merkle_gather_path(field_, nodes_.data(), shape_.height, row, d.data(), stream_);
    std::vector<uint32_t> words(8 * digests);
    d.download(words);
    MerkleOpening o;
    o.siblings.resize(digests);
    for (size_t k = 0; k < digests; ++k)
      for (int j = 0; j < 8; ++j) o.siblings[k][j] = words[8 * k + j];
    return o;
  }

  Field31 field_;
  TensorShape shape_;
  cudaStream_t stream_;
  cuda::DeviceBuffer<uint32_t> rows_;   // height x width canonical values, row-major
  cuda::DeviceBuffer<uint32_t> nodes_;  // 2 * height - 1 digests, Montgomery form (merkle_kernels.hpp)
  Digest31 root_{};
  Digest31 commitment_{};
};

}  // namespace

std::unique_ptr<MerkleTree> CudaStarkOps::do_merkle_commit(Field31 f, std::span<const ConstMatrixView> matrices,
                                                           const TensorShape& shape) {
  cuda::check_fits_device(stark_workspace::merkle_commit(shape.height, shape.width), "merkle commit");
  std::vector<CudaMerkleTree::Source> sources;
  for (const ConstMatrixView& m : matrices) sources.push_back({m.data, m.cols});
  return std::make_unique<CudaMerkleTree>(f, sources, cudaMemcpyHostToDevice, shape, stream_);
}

std::unique_ptr<MerkleTree> CudaStarkOps::do_merkle_commit(std::span<const ResidentMatrix* const> matrices,
                                                           const TensorShape& shape) {
  cuda::check_fits_device(stark_workspace::merkle_commit(shape.height, shape.width), "merkle commit");
  std::vector<CudaMerkleTree::Source> sources;
  for (const ResidentMatrix* m : matrices) sources.push_back({cuda_matrix(*m).values.data(), m->cols()});
  return std::make_unique<CudaMerkleTree>(matrices[0]->field(), sources, cudaMemcpyDeviceToDevice, shape, stream_);
}

}  // namespace zkgpu
