#include "sp1/prover/basefold_commit.hpp"

#include <type_traits>

#include "sp1/prover/basefold_encoder.hpp"

namespace zkgpu::sp1::prover {

template <class C>
BasefoldCommitted<C> basefold_commit(const PcsProverContext& ctx, unsigned log_blowup, std::vector<uint32_t> message,
                                     size_t height, size_t width) {
  if constexpr (std::is_same_v<C, wire::InnerConfig>) {
    // The backend's tree borrows the resident codeword, which stays for the queries.
    CommittedTensor<C> tensor(ctx.ops, rs_encode_resident(ctx.ops, message, height, width, log_blowup));
    return BasefoldCommitted<C>{std::move(message), nullptr, nullptr, height, width, std::move(tensor)};
  } else {
    // The BN254 tree is built on the host.
    CommittedTensor<C> tensor(ctx.ops, rs_encode(ctx.ops, message, height, width, log_blowup), height << log_blowup,
                              width, ctx.threads);
    return BasefoldCommitted<C>{std::move(message), nullptr, nullptr, height, width, std::move(tensor)};
  }
}

BasefoldCommitted<wire::InnerConfig> basefold_commit(const PcsProverContext& ctx, unsigned log_blowup,
                                                     std::unique_ptr<ResidentMatrix> message) {
  const size_t height = message->rows(), width = message->cols();
  CommittedTensor<wire::InnerConfig> tensor(ctx.ops, ctx.ops.rs_encode(*message, log_blowup));
  return BasefoldCommitted<wire::InnerConfig>{{}, std::move(message), &ctx.ops, height, width, std::move(tensor)};
}

template <class C>
std::span<const uint32_t> host_message(const BasefoldCommitted<C>& round, std::vector<uint32_t>& scratch) {
  if (!round.resident_message) return round.message;
  scratch.resize(round.height * round.width);
  round.message_ops->download(*round.resident_message, MatrixView{scratch.data(), round.height, round.width});
  return scratch;
}

template BasefoldCommitted<wire::InnerConfig> basefold_commit<wire::InnerConfig>(const PcsProverContext&, unsigned,
                                                                                 std::vector<uint32_t>, size_t, size_t);
template BasefoldCommitted<wire::OuterConfig> basefold_commit<wire::OuterConfig>(const PcsProverContext&, unsigned,
                                                                                 std::vector<uint32_t>, size_t, size_t);

template std::span<const uint32_t> host_message<wire::InnerConfig>(const BasefoldCommitted<wire::InnerConfig>&,
                                                                  std::vector<uint32_t>&);
template std::span<const uint32_t> host_message<wire::OuterConfig>(const BasefoldCommitted<wire::OuterConfig>&,
                                                                  std::vector<uint32_t>&);

}  // namespace zkgpu::sp1::prover
