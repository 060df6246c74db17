#include "sp1/prover/basefold_commit.hpp"

#include "sp1/prover/basefold_encoder.hpp"

namespace zkgpu::sp1::prover {

template <class C>
BasefoldCommitted<C> basefold_commit(const PcsProverContext& ctx, unsigned log_blowup, std::vector<uint32_t> message,
                                     size_t height, size_t width) {
  std::vector<uint32_t> code = rs_encode(ctx.ops, message, height, width, log_blowup);
  CommittedTensor<C> tensor(ctx.ops, std::move(code), height << log_blowup, width, ctx.threads);
  return BasefoldCommitted<C>{std::move(message), height, width, std::move(tensor)};
}

template BasefoldCommitted<wire::InnerConfig> basefold_commit<wire::InnerConfig>(const PcsProverContext&, unsigned,
                                                                                 std::vector<uint32_t>, size_t, size_t);
template BasefoldCommitted<wire::OuterConfig> basefold_commit<wire::OuterConfig>(const PcsProverContext&, unsigned,
                                                                                 std::vector<uint32_t>, size_t, size_t);

}  // namespace zkgpu::sp1::prover
