// lde: Plonky3's coset low-degree extension of every column (31-bit fields):
// evaluations on the subgroup H of size n in, evaluations on g * H' out, with
// |H'| = n << log_blowup and g the field's generator.
#include "backends/stark_workspace.hpp"
#include "pipelines/stark_body.hpp"
#include "pipelines/stark_handlers.hpp"
#include "pipelines/stark_job.hpp"

namespace zkgpu {
namespace {

using namespace stark_body;

uint64_t output_elements(const MatrixShape& s) { return lde_output_rows(s) * s.cols; }

// The whole LDE workspace (input, scratch, output, twiddles): an LDE larger than
// the device is refused up front.
uint64_t estimate(std::span<const uint8_t> body) {
  const MatrixShape s = lde_shape(body);
  return stark_workspace::lde(s.rows, s.cols, s.variant);
}

std::vector<uint8_t> run(JobContext& ctx, std::span<const uint8_t> body) {
  const MatrixShape shape = lde_shape(body);
  const uint64_t reply_bytes = kHeadBytes + 8 + output_elements(shape) * 4;
  if (reply_bytes > kMaxReplyBodyBytes)
    throw Error(ErrorCode::invalid_argument, "lde: the output of " + std::to_string(lde_output_rows(shape)) +
                                                 " rows x " + std::to_string(shape.cols) + " columns (" +
                                                 std::to_string(reply_bytes) +
                                                 " bytes) does not fit in one reply frame (at most 4 GiB)");
  const MatrixBody in = decode_lde(body);
  MatrixBody out{in.field, in.variant, uint32_t(lde_output_rows(shape)), in.cols,
                 std::vector<uint32_t>(output_elements(shape))};
  stark_job::single_stage(ctx, "lde", [&] {
    ctx.backend.stark().lde(to_field31(in.field), ConstMatrixView{in.values.data(), in.rows, in.cols}, in.variant,
                            MatrixView{out.values.data(), out.rows, out.cols});
  });
  return encode(out);
}

}  // namespace

OpHandler make_lde_handler() { return {estimate, run}; }

}  // namespace zkgpu
