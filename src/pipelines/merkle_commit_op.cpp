// merkle_commit: SP1's tensor commitment over matrices of one power-of-two
// height (31-bit fields); replies with the root and the shape-bound commitment.
#include <bit>

#include "backends/stark_workspace.hpp"
#include "pipelines/stark_body.hpp"
#include "pipelines/stark_handlers.hpp"
#include "pipelines/stark_job.hpp"

namespace zkgpu {
namespace {

using namespace stark_body;

uint64_t estimate(std::span<const uint8_t> body) {
  const MerkleShape s = merkle_shape(body);
  return stark_workspace::merkle_commit(s.height, s.width);
}

std::vector<uint8_t> run(JobContext& ctx, std::span<const uint8_t> body) {
  const MerkleRequest q = decode_merkle(body);
  std::vector<ConstMatrixView> views;
  views.reserve(q.dims.size());
  const uint32_t* at = q.values.data();
  uint32_t width = 0;
  for (const MatrixDims& d : q.dims) {
    views.push_back({at, d.rows, d.cols});
    at += size_t(d.rows) * d.cols;
    width += d.cols;
  }
  MerkleReply reply{q.field, uint32_t(std::countr_zero(q.dims[0].rows)), width, {}, {}};
  stark_job::single_stage(ctx, "merkle_commit", [&] {
    const auto tree = ctx.backend.stark().merkle_commit(to_field31(q.field), views);
    reply.root = tree->root();
    reply.commitment = tree->commitment();
  });
  return encode(reply);
}

}  // namespace

OpHandler make_merkle_commit_handler() { return {estimate, run}; }

}  // namespace zkgpu
