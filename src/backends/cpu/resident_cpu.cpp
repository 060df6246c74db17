// CpuStarkOps's resident matrices: host vectors, so that chained operations have
// the same reference as the host-memory ones; the Reed-Solomon encoding.
#include <algorithm>
#include <vector>

#include "backends/cpu/stark_ops_cpu.hpp"

namespace zkgpu {
namespace {

struct CpuResidentMatrix final : ResidentMatrix {
  CpuResidentMatrix(const CpuStarkOps* o, Field31 f, size_t r, size_t c)
      : owner(o), field_id(f), n_rows(r), n_cols(c), values(r * c) {}
  Field31 field() const noexcept override { return field_id; }
  size_t rows() const noexcept override { return n_rows; }
  size_t cols() const noexcept override { return n_cols; }
  ConstMatrixView view() const { return {values.data(), n_rows, n_cols}; }

  const CpuStarkOps* owner;
  Field31 field_id;
  size_t n_rows, n_cols;
  std::vector<uint32_t> values;  // row-major, canonical
};

const CpuResidentMatrix& cpu(const ResidentMatrix& m) { return static_cast<const CpuResidentMatrix&>(m); }

}  // namespace

bool CpuStarkOps::owns(const ResidentMatrix& m) const noexcept {
  const auto* c = dynamic_cast<const CpuResidentMatrix*>(&m);
  return c && c->owner == this;
}

std::unique_ptr<ResidentMatrix> CpuStarkOps::do_upload(Field31 f, ConstMatrixView m) {
  auto r = std::make_unique<CpuResidentMatrix>(this, f, m.rows, m.cols);
  std::copy(m.data, m.data + m.rows * m.cols, r->values.begin());
  return r;
}

void CpuStarkOps::do_download(const ResidentMatrix& m, MatrixView out) {
  std::copy(cpu(m).values.begin(), cpu(m).values.end(), out.data);
}

std::unique_ptr<ResidentMatrix> CpuStarkOps::do_lde(const ResidentMatrix& in, unsigned log_blowup) {
  auto out = std::make_unique<CpuResidentMatrix>(this, in.field(), in.rows() << log_blowup, in.cols());
  do_lde(in.field(), cpu(in).view(), log_blowup, MatrixView{out->values.data(), out->rows(), out->cols()});
  return out;
}

std::unique_ptr<MerkleTree> CpuStarkOps::do_merkle_commit(std::span<const ResidentMatrix* const> matrices,
                                                          const TensorShape& shape) {
  std::vector<ConstMatrixView> views;
  for (const ResidentMatrix* m : matrices) views.push_back(cpu(*m).view());
  return cpu_merkle_tree(matrices[0]->field(), views, shape, true, threads());
}

// The coefficients zero-padded in place of the result, a forward NTT (natural
// order in and out), then the rows to bit-reversed positions.
std::unique_ptr<ResidentMatrix> CpuStarkOps::do_rs_encode(Field31 f, ConstMatrixView coefficients,
                                                          unsigned log_blowup) {
  auto out = std::make_unique<CpuResidentMatrix>(this, f, coefficients.rows << log_blowup, coefficients.cols);
  std::copy(coefficients.data, coefficients.data + coefficients.rows * coefficients.cols, out->values.begin());
  const MatrixView m{out->values.data(), out->rows(), out->cols()};
  do_ntt(f, m, NttDirection::forward);
  if (m.rows > 1) do_bit_reverse_rows(m);
  return out;
}

std::unique_ptr<ResidentMatrix> CpuStarkOps::do_rs_encode(const ResidentMatrix& coefficients, unsigned log_blowup) {
  return do_rs_encode(coefficients.field(), cpu(coefficients).view(), log_blowup);
}

}  // namespace zkgpu
