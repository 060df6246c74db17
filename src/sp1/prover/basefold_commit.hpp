// BaseFold's commitment (BasefoldProver::commit_mles, succinctlabs/sp1
// slop/crates/basefold-prover/src/prover.rs): the message matrix, Reed-Solomon
// encoded column by column, committed as one tensor. What the opening needs later
// is kept: the message (the multilinears) and the committed codeword (for the
// inner configuration resident on the backend, where its tree reads it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "sp1/prover/commit_tensor.hpp"
#include "sp1/prover/pcs_context.hpp"

namespace zkgpu::sp1::prover {

template <class C>
struct BasefoldCommitted {
  // height x width canonical values, row-major; column k is multilinear k. In
  // host memory, or (empty here) resident on the backend that built and encoded
  // it, where a device's opening phases read it.
  std::vector<uint32_t> message;
  std::unique_ptr<ResidentMatrix> resident_message;
  StarkOps* message_ops = nullptr;  // the backend holding resident_message
  size_t height = 0;
  size_t width = 0;
  CommittedTensor<C> codeword;  // (height << log_blowup) x width
};

template <class C>
BasefoldCommitted<C> basefold_commit(const PcsProverContext& ctx, unsigned log_blowup, std::vector<uint32_t> message,
                                     size_t height, size_t width);

// The same for a message resident on ctx.ops's backend (inner configuration).
BasefoldCommitted<wire::InnerConfig> basefold_commit(const PcsProverContext& ctx, unsigned log_blowup,
                                                     std::unique_ptr<ResidentMatrix> message);

// The message in host memory: the host copy, or `scratch` filled from the backend.
template <class C>
std::span<const uint32_t> host_message(const BasefoldCommitted<C>& round, std::vector<uint32_t>& scratch);

}  // namespace zkgpu::sp1::prover
