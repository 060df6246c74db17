// ntt: forward or inverse NTT of every column of a row-major matrix, natural
// order in and out. 31-bit fields: Plonky3's two-adic generators; bn254: the
// ffjavascript / snarkjs roots of unity (Bn254Ops::ntt_fr, no coset).
#include "backends/stark_workspace.hpp"
#include "pipelines/stark_body.hpp"
#include "pipelines/stark_handlers.hpp"
#include "pipelines/stark_job.hpp"

namespace zkgpu {
namespace {

using namespace stark_body;

// 31-bit: the StarkOps NTT workspace; bn254 goes one column at a time: values,
// scratch and twiddles.
uint64_t estimate(std::span<const uint8_t> body) {
  const MatrixShape s = ntt_shape(body);
  if (is_31bit(s.field)) return stark_workspace::ntt(s.rows, s.cols);
  return 3 * uint64_t(s.rows) * 32;
}

std::vector<uint8_t> run(JobContext& ctx, std::span<const uint8_t> body) {
  MatrixBody m = decode_ntt(body);
  const bool inverse = m.variant == 1;
  if (is_31bit(m.field)) {
    stark_job::single_stage(ctx, inverse ? "intt" : "ntt", [&] {
      ctx.backend.stark().ntt(to_field31(m.field), MatrixView{m.values.data(), m.rows, m.cols},
                              inverse ? NttDirection::inverse : NttDirection::forward);
    });
    return encode(m);
  }
  // bn254: one column per backend call.
  std::vector<bn254::Fr> column(m.rows);
  stark_job::for_chunks(ctx, inverse ? "intt" : "ntt", m.cols, 1, [&](size_t c, size_t) {
    for (size_t r = 0; r < m.rows; ++r) column[r] = stark_job::fr_at(&m.values[8 * (r * m.cols + c)]);
    ctx.backend.bn254().ntt_fr(column, inverse, /*coset=*/false);
    for (size_t r = 0; r < m.rows; ++r) stark_job::store_fr(column[r], &m.values[8 * (r * m.cols + c)]);
  });
  return encode(m);
}

}  // namespace

OpHandler make_ntt_handler() { return {estimate, run}; }

}  // namespace zkgpu
