#pragma once
// Operations over the 31-bit STARK fields (KoalaBear, BabyBear). Values cross
// this interface as canonical integers 0 <= v < p in host memory; how an
// implementation represents them inside (Montgomery form, device buffers) is its
// own business. Matrices are row-major, as Plonky3 lays them out.
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace zkgpu {

enum class Field31 : uint8_t { koalabear = 1, babybear = 2 };

struct MatrixView {
  uint32_t* data = nullptr;
  size_t rows = 0;
  size_t cols = 0;
};

struct ConstMatrixView {
  const uint32_t* data = nullptr;
  size_t rows = 0;
  size_t cols = 0;
};

enum class NttDirection { forward, inverse };

enum class ArithOp : uint8_t { add = 0, sub = 1, mul = 2, inv = 3, ext_mul = 4 };

using Digest31 = std::array<uint32_t, 8>;

// A Merkle tree kept where it was built (on the device for CUDA) for openings.
struct MerkleOpening {
  std::vector<uint32_t> row;          // the opened row of every matrix, concatenated
  std::vector<Digest31> siblings;     // leaf level first
};

class MerkleTree {
 public:
  virtual ~MerkleTree() = default;
  virtual Digest31 root() const = 0;
  virtual Digest31 commitment() const = 0;  // compress(root, hash([log_height, width]))
  virtual size_t height() const = 0;        // number of leaves (rows)
  virtual MerkleOpening open(size_t row) const = 0;
};

class StarkOps {
 public:
  virtual ~StarkOps() = default;

  // Element-wise: out[i] = a[i] op b[i]. inv ignores b (0 -> Error(invalid_argument)).
  // ext_mul works on the degree-4 extension of KoalaBear, 4 values per element.
  virtual void arith(Field31 f, ArithOp op, std::span<const uint32_t> a,
                     std::span<const uint32_t> b, std::span<uint32_t> out) = 0;

  // In place, every column independently; natural order in and out.
  // rows must be a power of two within the field's two-adicity.
  virtual void ntt(Field31 f, MatrixView m, NttDirection dir) = 0;

  // Explicit bit-reversal permutation of the rows, in place: row i moves to row
  // bitrev(i) (log2(rows) bits). rows must be a power of two (1 is allowed).
  // ntt() and lde() already return natural order; this is the separate step for
  // callers that want bit-reversed order (e.g. Plonky3's bit-reversed LDE layout).
  virtual void bit_reverse_rows(MatrixView m) = 0;

  // Coset low-degree extension: `in` holds evaluations on the subgroup H of size
  // n = in.rows; `out` (n << log_blowup rows, same cols) receives evaluations on
  // g * H' where |H'| = n << log_blowup and g is the field's generator.
  virtual void lde(Field31 f, ConstMatrixView in, unsigned log_blowup, MatrixView out) = 0;

  // Poseidon2 permutation of every state, in place; states.size() % width == 0.
  virtual void poseidon2(Field31 f, unsigned width, std::span<uint32_t> states) = 0;

  // Tensor commitment over matrices of equal power-of-two height.
  virtual std::unique_ptr<MerkleTree> merkle_commit(Field31 f,
                                                    std::span<const ConstMatrixView> matrices) = 0;
};

}  // namespace zkgpu
