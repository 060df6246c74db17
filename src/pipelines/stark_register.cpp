// Registers the primitive-op handlers in the daemon's op table.
#include "pipelines/stark_handlers.hpp"

namespace zkgpu {

void register_stark_handlers(std::map<proto::Op, OpHandler>& handlers) {
  handlers[proto::Op::field_arith] = make_field_arith_handler();
  handlers[proto::Op::ntt] = make_ntt_handler();
  handlers[proto::Op::lde] = make_lde_handler();
  handlers[proto::Op::poseidon2] = make_poseidon2_handler();
  handlers[proto::Op::merkle_commit] = make_merkle_commit_handler();
}

}  // namespace zkgpu
