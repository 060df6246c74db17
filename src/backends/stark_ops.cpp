// The argument checks of StarkOps, once for every backend: each public operation
// checks, returns early when there is nothing to compute, and calls do_*.
#include "backends/stark_ops.hpp"

#include <bit>
#include <string>
#include <utility>

#include "zkgpu/error.hpp"

namespace zkgpu {
namespace {

[[noreturn]] void invalid(const std::string& message) { throw Error(ErrorCode::invalid_argument, message); }

// `rows` is a power of two within the field's two-adicity; returns log2(rows).
unsigned check_ntt_rows(Field31 f, size_t rows, const char* what) {
  if (!std::has_single_bit(rows))
    invalid(std::string(what) + ": row count " + std::to_string(rows) + " is not a power of two");
  const unsigned log_n = unsigned(std::countr_zero(rows)), max_log = traits(f).two_adicity;
  if (log_n > max_log)
    invalid(std::string(what) + ": 2^" + std::to_string(log_n) + " rows exceed the field's two-adicity 2^" +
            std::to_string(max_log));
  return log_n;
}

void check_canonical(Field31 f, std::span<const uint32_t> values, const char* what) {
  const uint32_t p = traits(f).modulus31;
  for (size_t i = 0; i < values.size(); ++i)
    if (values[i] >= p)
      invalid(std::string(what) + ": value " + std::to_string(values[i]) + " at index " + std::to_string(i) +
              " is not below p = " + std::to_string(p));
}

// Height, width and the width bound of a commitment over matrices of these shapes.
template <class Rows, class Cols>
TensorShape commit_shape(Field31 f, size_t count, Rows&& rows_of, Cols&& cols_of) {
  if (count == 0) invalid("merkle commit: no matrices");
  TensorShape s;
  s.height = rows_of(0);
  if (!std::has_single_bit(s.height))
    invalid("merkle commit: height " + std::to_string(s.height) + " is not a power of two");
  s.log_height = unsigned(std::countr_zero(s.height));
  for (size_t m = 0; m < count; ++m) {
    if (rows_of(m) != s.height)
      invalid("merkle commit: matrix " + std::to_string(m) + " has " + std::to_string(rows_of(m)) +
              " rows, matrix 0 has " + std::to_string(s.height));
    s.width += cols_of(m);
  }
  if (s.width == 0) invalid("merkle commit: the matrices have no columns");
  // The shape is hashed as field elements (tcs.rs rejects widths >= p as BaseFieldOverflow).
  if (s.width >= traits(f).modulus31)
    invalid("merkle commit: total width " + std::to_string(s.width) + " is not below p");
  return s;
}

TensorShape check_commit(Field31 f, std::span<const ConstMatrixView> matrices) {
  const TensorShape s = commit_shape(
      f, matrices.size(), [&](size_t i) { return matrices[i].rows; }, [&](size_t i) { return matrices[i].cols; });
  for (size_t m = 0; m < matrices.size(); ++m) {
    const ConstMatrixView& v = matrices[m];
    if (v.cols && !v.data) invalid("merkle commit: matrix " + std::to_string(m) + " has no data");
    check_canonical(f, std::span<const uint32_t>(v.data, v.rows * v.cols), "merkle commit");
  }
  return s;
}

void check_resident(bool owned, const ResidentMatrix* m, const char* what) {
  if (!m) invalid(std::string(what) + ": no matrix");
  if (!owned) invalid(std::string(what) + ": the matrix belongs to another backend");
}

}  // namespace

MerkleOpenings MerkleTree::open_rows(std::span<const size_t> rows) const {
  for (size_t k = 0; k < rows.size(); ++k)
    if (rows[k] >= height())
      invalid("merkle open: row " + std::to_string(rows[k]) + " (opening " + std::to_string(k) +
              ") is out of range (height " + std::to_string(height()) + ")");
  if (rows.empty()) return MerkleOpenings{width(), size_t(std::countr_zero(height())), {}, {}};
  return do_open_rows(rows);
}

MerkleOpening MerkleTree::open(size_t row) const {
  MerkleOpenings o = open_rows(std::span<const size_t>(&row, 1));
  return MerkleOpening{std::move(o.rows), std::move(o.siblings)};
}

void StarkOps::arith(Field31 f, ArithOp op, std::span<const uint32_t> a, std::span<const uint32_t> b,
                     std::span<uint32_t> out) {
  traits(f);  // rejects unknown field ids
  if (op > ArithOp::ext_mul) invalid("arith: unknown op " + std::to_string(int(op)));
  const bool unary = op == ArithOp::inv;
  if ((!unary && a.size() != b.size()) || a.size() != out.size())
    invalid("arith: operand sizes differ (a " + std::to_string(a.size()) + ", b " + std::to_string(b.size()) +
            ", out " + std::to_string(out.size()) + ")");
  if (op == ArithOp::ext_mul && f != Field31::koalabear) invalid("arith: ext_mul is defined for koalabear only");
  if (op == ArithOp::ext_mul && a.size() % 4 != 0)
    invalid("arith: ext_mul needs 4 values per element, got " + std::to_string(a.size()));
  if (unary)
    for (size_t i = 0; i < a.size(); ++i)
      if (a[i] == 0) invalid("arith: inverse of zero at index " + std::to_string(i));
  if (a.empty()) return;
  do_arith(f, op, a, b, out);
}

void StarkOps::ntt(Field31 f, MatrixView m, NttDirection dir) {
  check_ntt_rows(f, m.rows, "ntt");
  if (m.cols == 0) return;
  if (!m.data) invalid("ntt: null matrix data");
  do_ntt(f, m, dir);
}

void StarkOps::bit_reverse_rows(MatrixView m) {
  if (!std::has_single_bit(m.rows))
    invalid("bit_reverse_rows: row count " + std::to_string(m.rows) + " is not a power of two");
  if (m.cols == 0 || m.rows == 1) return;
  if (!m.data) invalid("bit_reverse_rows: null matrix data");
  do_bit_reverse_rows(m);
}

void StarkOps::lde(Field31 f, ConstMatrixView in, unsigned log_blowup, MatrixView out) {
  check_ntt_rows(f, in.rows, "lde");
  if (log_blowup > traits(f).two_adicity || (in.rows << log_blowup) != out.rows)
    invalid("lde: output must have rows << log_blowup = " + std::to_string(in.rows) + " << " +
            std::to_string(log_blowup) + " rows, got " + std::to_string(out.rows));
  check_ntt_rows(f, out.rows, "lde");
  if (out.cols != in.cols)
    invalid("lde: input has " + std::to_string(in.cols) + " columns, output " + std::to_string(out.cols));
  if (in.cols == 0) return;
  if (!in.data || !out.data) invalid("lde: null matrix data");
  do_lde(f, in, log_blowup, out);
}

void StarkOps::poseidon2(Field31 f, unsigned width, std::span<uint32_t> states) {
  traits(f);
  if (width == 24)
    invalid("poseidon2: width 24 is not supported (SP1 v6 defines only the width-16 KoalaBear "
            "permutation; BabyBear is provided at width 16)");
  if (width != 16) invalid("poseidon2: width " + std::to_string(width) + " is not supported for 31-bit fields (use 16)");
  if (states.size() % width != 0)
    invalid("poseidon2: " + std::to_string(states.size()) + " values do not form whole states of width 16");
  check_canonical(f, states, "poseidon2");
  if (states.empty()) return;
  do_poseidon2(f, states);
}

std::unique_ptr<MerkleTree> StarkOps::merkle_commit(Field31 f, std::span<const ConstMatrixView> matrices) {
  traits(f);
  const TensorShape shape = check_commit(f, matrices);
  return do_merkle_commit(f, matrices, shape);
}

std::unique_ptr<ResidentMatrix> StarkOps::upload(Field31 f, ConstMatrixView m) {
  traits(f);
  if (m.rows == 0 || m.cols == 0) invalid("upload: empty matrix (" + std::to_string(m.rows) + " x " +
                                          std::to_string(m.cols) + ")");
  if (!m.data) invalid("upload: null matrix data");
  check_canonical(f, std::span<const uint32_t>(m.data, m.rows * m.cols), "upload");
  return do_upload(f, m);
}

void StarkOps::download(const ResidentMatrix& m, MatrixView out) {
  check_resident(owns(m), &m, "download");
  if (out.rows != m.rows() || out.cols != m.cols())
    invalid("download: the matrix is " + std::to_string(m.rows()) + " x " + std::to_string(m.cols()) +
            ", the output " + std::to_string(out.rows) + " x " + std::to_string(out.cols));
  if (!out.data) invalid("download: null matrix data");
  do_download(m, out);
}

std::unique_ptr<ResidentMatrix> StarkOps::lde(const ResidentMatrix& in, unsigned log_blowup) {
  check_resident(owns(in), &in, "lde");
  const Field31 f = in.field();
  check_ntt_rows(f, in.rows(), "lde");
  if (log_blowup > traits(f).two_adicity) invalid("lde: log_blowup " + std::to_string(log_blowup) + " is too large");
  check_ntt_rows(f, in.rows() << log_blowup, "lde");
  return do_lde(in, log_blowup);
}

std::unique_ptr<MerkleTree> StarkOps::merkle_commit(std::span<const ResidentMatrix* const> matrices) {
  for (const ResidentMatrix* m : matrices) check_resident(m && owns(*m), m, "merkle commit");
  if (!matrices.empty())
    for (const ResidentMatrix* m : matrices)
      if (m->field() != matrices[0]->field()) invalid("merkle commit: the matrices are over different fields");
  const Field31 f = matrices.empty() ? Field31::koalabear : matrices[0]->field();
  const TensorShape shape = commit_shape(
      f, matrices.size(), [&](size_t i) { return matrices[i]->rows(); }, [&](size_t i) { return matrices[i]->cols(); });
  return do_merkle_commit(matrices, shape);
}

std::unique_ptr<ResidentMatrix> StarkOps::rs_encode(Field31 f, ConstMatrixView coefficients, unsigned log_blowup) {
  check_ntt_rows(f, coefficients.rows, "rs_encode");
  if (log_blowup > traits(f).two_adicity)
    invalid("rs_encode: log_blowup " + std::to_string(log_blowup) + " is too large");
  check_ntt_rows(f, coefficients.rows << log_blowup, "rs_encode");
  if (coefficients.cols == 0) invalid("rs_encode: the matrix has no columns");
  if (!coefficients.data) invalid("rs_encode: null matrix data");
  check_canonical(f, std::span<const uint32_t>(coefficients.data, coefficients.rows * coefficients.cols),
                  "rs_encode");
  return do_rs_encode(f, coefficients, log_blowup);
}

std::unique_ptr<ResidentMatrix> StarkOps::rs_encode(const ResidentMatrix& coefficients, unsigned log_blowup) {
  check_resident(owns(coefficients), &coefficients, "rs_encode");
  const Field31 f = coefficients.field();
  check_ntt_rows(f, coefficients.rows(), "rs_encode");
  if (log_blowup > traits(f).two_adicity)
    invalid("rs_encode: log_blowup " + std::to_string(log_blowup) + " is too large");
  check_ntt_rows(f, coefficients.rows() << log_blowup, "rs_encode");
  return do_rs_encode(coefficients, log_blowup);
}

uint32_t StarkOps::grind_duplex(Field31 f, const DuplexGrindQuery& q) {
  check_canonical(f, q.state, "grind_duplex state");
  if (q.position >= 8) invalid("grind_duplex: position " + std::to_string(q.position) + " is beyond the rate 8");
  if (q.bits > 30) invalid("grind_duplex: " + std::to_string(q.bits) + " bits (at most 30)");
  const uint32_t w = do_grind_duplex(f, q);
  if (w >= traits(f).modulus31)
    throw Error(ErrorCode::internal, "grind_duplex: no witness in the field passes " + std::to_string(q.bits) + " bits");
  return w;
}

}  // namespace zkgpu
