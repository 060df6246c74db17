// CudaStarkOps::merkle_commit: the matrices are copied side by side into one
// row-major device buffer (the rows of the tensor), the leaves and every level are
// computed on the device and stay there; openings copy one row and one path out.
#include <vector>

#include "backends/cuda/p2_instance.hpp"
#include "backends/cuda/stark_cuda_util.hpp"
#include "backends/cuda/stark_ops_cuda.hpp"
#include "kernels/common/device_buffer.hpp"
#include "kernels/merkle/merkle_kernels.hpp"
#include "math/poseidon2/host31.hpp"

namespace zkgpu {

namespace {

class CudaMerkleTree final : public MerkleTree {
 public:
  CudaMerkleTree(Field31 f, std::span<const ConstMatrixView> matrices, const poseidon2::TensorShape& shape,
                 cudaStream_t stream)
      : field_(f),
        shape_(shape),
        stream_(stream),
        rows_(shape.height * shape.width, stream),
        nodes_(8 * (2 * shape.height - 1), stream) {
    // Matrix m's rows land in columns [col0, col0 + cols) of the tensor rows.
    size_t col0 = 0;
    for (const ConstMatrixView& m : matrices) {
      if (m.cols)
        cuda::check(cudaMemcpy2DAsync(rows_.data() + col0, shape.width * 4, m.data, m.cols * 4, m.cols * 4,
                                      shape.height, cudaMemcpyHostToDevice, stream),
                    "merkle commit upload");
      col0 += m.cols;
    }
    const cuda::P2Instance inst = cuda::p2_instance(f);
    cuda::merkle_hash_leaves(inst, rows_.data(), shape.height, shape.width, nodes_.data(), stream);
    cuda::merkle_build_levels(inst, nodes_.data(), shape.height, stream);
    const MerkleOpening path = read_path(0);  // ends with the root
    root_ = path.siblings.back();
    commitment_ = poseidon2::with_instance(f, [&](auto i) {
      return poseidon2::tensor_commitment<decltype(i)>(root_, shape_.log_height, shape_.width);
    });
  }

  Digest31 root() const override { return root_; }
  Digest31 commitment() const override { return commitment_; }
  size_t height() const override { return shape_.height; }

  MerkleOpening open(size_t row) const override {
    if (row >= shape_.height)
      throw Error(ErrorCode::invalid_argument, "merkle open: row " + std::to_string(row) +
                                                   " is out of range (height " + std::to_string(shape_.height) + ")");
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
    cuda::merkle_gather_path(cuda::p2_instance(field_), nodes_.data(), shape_.height, row, d.data(), stream_);
    std::vector<uint32_t> words(8 * digests);
    d.download(words);
    MerkleOpening o;
    o.siblings.resize(digests);
    for (size_t k = 0; k < digests; ++k)
      for (int j = 0; j < 8; ++j) o.siblings[k][j] = words[8 * k + j];
    return o;
  }

  Field31 field_;
  poseidon2::TensorShape shape_;
  cudaStream_t stream_;
  cuda::DeviceBuffer<uint32_t> rows_;   // height x width canonical values, row-major
  cuda::DeviceBuffer<uint32_t> nodes_;  // 2 * height - 1 digests, Montgomery form (merkle_kernels.hpp)
  Digest31 root_{};
  Digest31 commitment_{};
};

}  // namespace

std::unique_ptr<MerkleTree> CudaStarkOps::merkle_commit(Field31 f, std::span<const ConstMatrixView> matrices) {
  const poseidon2::TensorShape shape = poseidon2::check_commit_args(f, matrices);
  cuda::check_fits_device(uint64_t(shape.height) * shape.width * 4 + uint64_t(2 * shape.height) * 32, "merkle commit");
  return std::make_unique<CudaMerkleTree>(f, matrices, shape, stream_);
}

}  // namespace zkgpu
