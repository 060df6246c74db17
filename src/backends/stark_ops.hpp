#pragma once
// Operations over the 31-bit STARK fields (KoalaBear, BabyBear). Values cross
// this interface as canonical integers 0 <= v < p in host memory; how an
// implementation represents them inside (Montgomery form, device buffers) is its
// own business. Matrices are row-major, as Plonky3 lays them out.
//
// The public operations are not virtual: they check their arguments (one set of
// rules and messages for every backend; bad input -> Error(invalid_argument))
// and hand the checked call to the backend's private do_* implementation.
#include <array>
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
  virtual size_t width() const = 0;         // values per row, over all matrices
  // The rows at `rows` (in that order, repeats allowed) and their sibling paths,
  // in one call: on CUDA one gather on the device, one allocation, one copy out.
  // A row >= height() -> Error(invalid_argument); no rows -> an empty answer.
  MerkleOpenings open_rows(std::span<const size_t> rows) const;
  // One row and its path (open_rows of one row).
  MerkleOpening open(size_t row) const;

 private:
  virtual MerkleOpenings do_open_rows(std::span<const size_t> rows) const = 0;  // non-empty, all < height()
};

// A proof-of-work search of a duplex challenger over a 31-bit field (Poseidon2
// width 16, rate 8; math/poseidon2/duplex_grinding.hpp has the rules): `state` is
// the sponge state with the queued inputs written in, `position` (0..7) where the
// witness is queued, and the sample must have its low `bits` bits zero.
struct DuplexGrindQuery {
  std::array<uint32_t, 16> state{};  // canonical values
  unsigned position = 0;
  unsigned bits = 0;  // at most 30
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
  // Tensor commitment over resident matrices of one field and equal height. The
  // tree BORROWS the matrices: it hashes them where they lie and its openings read
  // their rows there, so they must outlive the tree (and stay unchanged). Nothing
  // is copied for one matrix; several are laid side by side in one buffer.
  std::unique_ptr<MerkleTree> merkle_commit(std::span<const ResidentMatrix* const> matrices);
  // Reed-Solomon encoding as BaseFold commits it (SP1's CpuDftEncoder; Plonky3's
  // coset_dft with shift 1): each column of `coefficients` (rows a power of two) is
  // a polynomial's coefficient vector, zero-padded to rows << log_blowup and
  // evaluated on the subgroup of that size; row i of the result is the evaluation
  // at w^bitrev(i) (rows in bit-reversed order). Kept resident for a commitment
  // and its openings; the host matrix is read once.
  std::unique_ptr<ResidentMatrix> rs_encode(Field31 f, ConstMatrixView coefficients, unsigned log_blowup);
  // The same encoding of a resident matrix (left unchanged): a message built on
  // the device is encoded where it lies.
  std::unique_ptr<ResidentMatrix> rs_encode(const ResidentMatrix& coefficients, unsigned log_blowup);

  // ---- Proof of work.
  // The smallest witness w < p that passes the query (see DuplexGrindQuery), as a
  // canonical value. State values >= p, position > 7 or bits > 30 ->
  // Error(invalid_argument). The same answer on every backend.
  uint32_t grind_duplex(Field31 f, const DuplexGrindQuery& q);

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
  virtual std::unique_ptr<ResidentMatrix> do_rs_encode(Field31 f, ConstMatrixView coefficients,
                                                       unsigned log_blowup) = 0;
  virtual std::unique_ptr<ResidentMatrix> do_rs_encode(const ResidentMatrix& coefficients, unsigned log_blowup) = 0;
  virtual uint32_t do_grind_duplex(Field31 f, const DuplexGrindQuery& q) = 0;
};

}  // namespace zkgpu
