// The PCS's proofs of work. The inner configuration's duplex challenger searches
// on the backend (StarkOps::grind_duplex: on the GPU for CUDA, on ctx's threads
// for the CPU), from the challenger's pending state; the outer configuration's
// BN254 challenger searches on the host (grind). Both find the smallest witness,
// so the proof is the same on every backend; the witness is then observed and
// checked as the verifier's check_witness does.
#pragma once

#include <stdexcept>
#include <type_traits>

#include "sp1/prover/grinding.hpp"
#include "sp1/prover/pcs_context.hpp"
#include "sp1/transcript/duplex_challenger.hpp"

namespace zkgpu::sp1::prover {

template <class Challenger>
F grind_pcs(const PcsProverContext& ctx, Challenger& challenger, unsigned bits) {
  if constexpr (std::is_same_v<Challenger, transcript::DuplexChallenger>) {
    DuplexGrindQuery q;
    const auto state = challenger.pending_state();
    for (size_t i = 0; i < state.size(); ++i) q.state[i] = state[i].to_canonical();
    q.position = challenger.queued_inputs();
    q.bits = bits;
    const F witness = F::from_canonical(ctx.ops.grind_duplex(Field31::koalabear, q));
    if (!challenger.check_witness(bits, witness)) throw std::logic_error("grind: the backend's witness does not pass");
    return witness;
  } else {
    return grind(challenger, bits, ctx.threads);
  }
}

}  // namespace zkgpu::sp1::prover
