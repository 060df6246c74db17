// The key SP1 v6.4's executor files a precompile event under (add_precompile_event
// in crates/core/executor/src/vm/syscall/precompiles/fptower/): a field's FP_SUB
// and FP_MUL under its FP_ADD, FP2_SUB under FP2_ADD (their chips read all of a
// field's calls from that key), every other code under itself. ExecutionRecord::
// split cuts the deferred events of one key into precompile shards, so a shard of
// the Fp2 add/sub chip holds ADD and SUB calls together, in execution order.
#pragma once

#include <cstdint>

#include "zkvm/syscall_codes.hpp"

namespace zkgpu::zkvm {

constexpr uint32_t precompile_event_key(uint32_t code) {
  switch (code) {
    case sys::BLS12381_FP_SUB: case sys::BLS12381_FP_MUL: return sys::BLS12381_FP_ADD;
    case sys::BLS12381_FP2_SUB: return sys::BLS12381_FP2_ADD;
    case sys::BN254_FP_SUB: case sys::BN254_FP_MUL: return sys::BN254_FP_ADD;
    case sys::BN254_FP2_SUB: return sys::BN254_FP2_ADD;
    default: return code;
  }
}

}  // namespace zkgpu::zkvm
