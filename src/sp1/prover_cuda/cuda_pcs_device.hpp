// The PCS opening's device (sp1/prover/pcs_device.hpp) on a CUDA GPU: the jagged
// sumcheck (cuda_jagged_sumcheck) and BaseFold's folding (cuda_fri_folder), on the
// stream of the CUDA backend's StarkOps that commits the traces.
#pragma once

#include <memory>

#include "backends/stark_ops.hpp"
#include "sp1/prover/pcs_device.hpp"

namespace zkgpu::sp1::prover {

// `ops` must be a CUDA backend's StarkOps, on the device where the traces are
// committed; anything else is std::invalid_argument.
std::unique_ptr<PcsDevice> make_cuda_pcs_device(StarkOps& ops);

}  // namespace zkgpu::sp1::prover
