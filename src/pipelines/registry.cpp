#include <map>

#include "pipelines/pipeline.hpp"

namespace zkgpu {

using HandlerMap = std::map<proto::Op, OpHandler>;

// One registration function per op family, each in its own file.
// (families add their declarations and calls here)
void register_stark_handlers(HandlerMap& m);  // field_arith, ntt, lde, poseidon2, merkle_commit
OpHandler groth16_prove_handler();            // groth16_prove.cpp
OpHandler sp1_execute_handler();              // sp1_execute_op.cpp
OpHandler sp1_prove_recursion_handler();      // sp1_prove_op.cpp

namespace {
HandlerMap build() {
  HandlerMap m;
  register_stark_handlers(m);
  m[proto::Op::groth16_prove] = groth16_prove_handler();
  m[proto::Op::sp1_execute] = sp1_execute_handler();
  m[proto::Op::sp1_prove_recursion] = sp1_prove_recursion_handler();
  return m;
}
}  // namespace

const OpHandler* find_handler(proto::Op op) {
  static const HandlerMap handlers = build();
  auto it = handlers.find(op);
  return it == handlers.end() ? nullptr : &it->second;
}

}  // namespace zkgpu
