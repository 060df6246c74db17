// What the PCS prover computes with: the backend that encodes and builds the
// KoalaBear Merkle trees, and the host threads for the rest (folding, sumchecks,
// grinding, the BN254 trees).
#pragma once

#include "backends/stark_ops.hpp"

namespace zkgpu::sp1::prover {

struct PcsProverContext {
  StarkOps& ops;
  unsigned threads = 1;  // at least 1
};

}  // namespace zkgpu::sp1::prover
