#pragma once
// Handlers of the primitive ops over the STARK fields (and their bn254
// counterparts): field_arith, ntt, lde, poseidon2, merkle_commit. Bodies are
// described in stark_body.hpp and proto/ops-stark.md. One file per op.
#include <map>

#include "pipelines/pipeline.hpp"

namespace zkgpu {

OpHandler make_field_arith_handler();
OpHandler make_ntt_handler();
OpHandler make_lde_handler();
OpHandler make_poseidon2_handler();
OpHandler make_merkle_commit_handler();

// Adds the five handlers above to the daemon's op table.
void register_stark_handlers(std::map<proto::Op, OpHandler>& handlers);

}  // namespace zkgpu
