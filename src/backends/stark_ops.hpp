#pragma once
// Operations over the 31-bit STARK fields (KoalaBear, BabyBear). Values cross
// this interface as canonical integers 0 <= v < p in host memory; how an
// implementation represents them inside (Montgomery form, device buffers) is its
// own business. Matrices are row-major, as Plonky3 lays them out.
//
// The public operations are not virtual: they check their arguments (one set of
// rules and messages for every backend; bad input -> Error(invalid_argument))
// and hand the checked call to the backend's private do_* implementation.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

#include "math/field_id.hpp"
#include "math/matrix_view.hpp"
#include "math/merkle/opening.hpp"
#include "math/op_kinds.hpp"

namespace zkgpu {

// A Merkle tree kept where it was built (on the device for CUDA) for openings.
class MerkleTree {
 public:
  virtual ~MerkleTree() = default;
  virtual Digest31 root() const = 0;
  virtual Digest31 commitment() const = 0;  // compress(root, hash([log_height, width]))
  virtual size_t height() const = 0;        // number of leaves (rows)
  // The opened row and its sibling path; row >= height() -> Error(invalid_argument).
  MerkleOpening open(size_t row) const;

 private:
  virtual MerkleOpening do_open(size_t row) const = 0;  // row < height()
};

// A matrix of canonical values kept where the backend computes: device memory
// for CUDA, host memory for the CPU backend. Operations on resident matrices
// chain (upload -> LDE -> commit -> open) without a host round trip; host copies
// happen only at the edges (upload, download, openings). Only the backend that
// made one may use it.
class ResidentMatrix {
 public:
  virtual ~ResidentMatrix() = default;
  virtual Field31 field() const noexcept = 0;
  virtual size_t rows() const noexcept = 0;
  virtual size_t cols() const noexcept = 0;
};

// Shape of a tensor commitment: equal power-of-two heights, some columns.
struct TensorShape {
  size_t height = 0;
  unsigned log_height = 0;
  size_t width = 0;  // total over all matrices
};

class StarkOps {
 public:
  virtual ~StarkOps() = default;

  // Element-wise: out[i] = a[i] op b[i]. inv ignores b (0 -> Error(invalid_argument)).
  // ext_mul works on the degree-4 extension of KoalaBear, 4 values per element.
  void arith(Field31 f, ArithOp op, std::span<const uint32_t> a, std::span<const uint32_t> b,
             std::span<uint32_t> out);

  // In place, every column independently; natural order in and out.
  // rows must be a power of two within the field's two-adicity.
  void ntt(Field31 f, MatrixView m, NttDirection dir);

  // Explicit bit-reversal permutation of the rows, in place: row i moves to row
  // bitrev(i) (log2(rows) bits). rows must be a power of two (1 is allowed).
  // ntt() and lde() already return natural order; this is the separate step for
  // callers that want bit-reversed order (e.g. Plonky3's bit-reversed LDE layout).
  void bit_reverse_rows(MatrixView m);

  // Coset low-degree extension: `in` holds evaluations on the subgroup H of size
  // n = in.rows; `out` (n << log_blowup rows, same cols) receives evaluations on
  // g * H' where |H'| = n << log_blowup and g is the field's generator.
  void lde(Field31 f, ConstMatrixView in, unsigned log_blowup, MatrixView out);

  // Poseidon2 permutation of every state, in place; states.size() % width == 0.
  void poseidon2(Field31 f, unsigned width, std::span<uint32_t> states);

  // Tensor commitment over matrices of equal power-of-two height.
  std::unique_ptr<MerkleTree> merkle_commit(Field31 f, std::span<const ConstMatrixView> matrices);

  // ---- Resident matrices (see ResidentMatrix).
  // Copies a host matrix of canonical values in (a value >= p -> invalid_argument).
  std::unique_ptr<ResidentMatrix> upload(Field31 f, ConstMatrixView m);
  // Copies it out; `out` has the matrix's shape.
  void download(const ResidentMatrix& m, MatrixView out);
  // The coset LDE of `in` (as lde() above), kept resident; `in` is unchanged.
  std::unique_ptr<ResidentMatrix> lde(const ResidentMatrix& in, unsigned log_blowup);
  // Tensor commitment over resident matrices of one field and equal height.
  std::unique_ptr<MerkleTree> merkle_commit(std::span<const ResidentMatrix* const> matrices);

 private:
  // The implementations see checked arguments only: a known field, matching
  // sizes, power-of-two rows within the two-adicity, canonical values where the
  // public operation promises to check them, and never an empty operation
  // (those return before reaching them).
  virtual void do_arith(Field31 f, ArithOp op, std::span<const uint32_t> a, std::span<const uint32_t> b,
                        std::span<uint32_t> out) = 0;
  virtual void do_ntt(Field31 f, MatrixView m, NttDirection dir) = 0;
  virtual void do_bit_reverse_rows(MatrixView m) = 0;
  virtual void do_lde(Field31 f, ConstMatrixView in, unsigned log_blowup, MatrixView out) = 0;
  virtual void do_poseidon2(Field31 f, std::span<uint32_t> states) = 0;  // width 16
  virtual std::unique_ptr<MerkleTree> do_merkle_commit(Field31 f, std::span<const ConstMatrixView> matrices,
                                                       const TensorShape& shape) = 0;
  // Resident matrices: the backend's own type (checked by the public operations
  // through owns()), non-empty shapes.
  virtual bool owns(const ResidentMatrix& m) const noexcept = 0;
  virtual std::unique_ptr<ResidentMatrix> do_upload(Field31 f, ConstMatrixView m) = 0;
  virtual void do_download(const ResidentMatrix& m, MatrixView out) = 0;
  virtual std::unique_ptr<ResidentMatrix> do_lde(const ResidentMatrix& in, unsigned log_blowup) = 0;
  virtual std::unique_ptr<MerkleTree> do_merkle_commit(std::span<const ResidentMatrix* const> matrices,
                                                       const TensorShape& shape) = 0;
};

}  // namespace zkgpu
