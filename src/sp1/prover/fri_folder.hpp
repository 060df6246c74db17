// BaseFold's commit phase (FriCpuProver::commit_phase_round in succinctlabs/sp1
// slop/crates/basefold-prover/src/fri.rs) split between the transcript and the
// data: prove_basefold observes and samples in SP1's order; a FriFolder holds the
// batched multilinear and its codeword and computes each round's message,
// commitment and fold. The host folder works on ctx.threads; a device one
// (pcs_device.hpp) keeps both on the device. Both give the same field values, so
// the proof does not depend on where the folding ran.
#pragma once

#include <array>
#include <memory>
#include <span>

#include "sp1/prover/basefold_commit.hpp"

namespace zkgpu::sp1::prover {

template <class C>
class FriFolder {
 public:
  virtual ~FriFolder() = default;
  // [g(rest, 0), g(rest, 1)]: sum_i eq(rest, i) v[2i] and sum_i eq(rest, i) v[2i + 1],
  // rest being the point's coordinates not bound yet (all but the last).
  virtual std::array<EF, 2> message(std::span<const EF> rest) = 0;
  // Commits the codeword's (even, odd) pairs as rows of eight base values. A device
  // folder's next fold reads the codeword from the returned tree: keep it until then.
  virtual CommittedTensor<C> commit() = 0;
  // Binds the multilinear's last coordinate to beta and folds the codeword with it.
  virtual void fold(const EF& beta) = 0;
  // The codeword's first value (once every coordinate is folded, its constant).
  virtual EF first_value() const = 0;
};

// The committed rounds batched into one multilinear: column k counted across
// rounds weighs coeffs[k]; its codeword is encoded with `log_blowup`.
template <class C>
std::unique_ptr<FriFolder<C>> host_fri_folder(const PcsProverContext& ctx,
                                              std::span<const BasefoldCommitted<C>* const> rounds,
                                              std::span<const EF> coeffs, unsigned log_blowup);

extern template std::unique_ptr<FriFolder<wire::InnerConfig>> host_fri_folder<wire::InnerConfig>(
    const PcsProverContext&, std::span<const BasefoldCommitted<wire::InnerConfig>* const>, std::span<const EF>,
    unsigned);
extern template std::unique_ptr<FriFolder<wire::OuterConfig>> host_fri_folder<wire::OuterConfig>(
    const PcsProverContext&, std::span<const BasefoldCommitted<wire::OuterConfig>* const>, std::span<const EF>,
    unsigned);

}  // namespace zkgpu::sp1::prover
