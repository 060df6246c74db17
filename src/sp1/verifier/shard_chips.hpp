// The chips of one shard, in the order SP1 processes them (by name), each with its
// two openings: the zerocheck opening (ChipOpenedValues: values at the zerocheck
// point plus the row count's bits) and the LogUp-GKR opening (values at the GKR
// point). Built by the shard verifier after its shape checks, so every pointer is
// valid and the widths are the chip's.
#pragma once

#include <span>
#include <vector>

#include "sp1/air/machine.hpp"
#include "sp1/wire/types.hpp"

namespace zkgpu::sp1::verifier {

struct ShardChip {
  const air::MachineChip* chip;
  const wire::ChipOpenedValues* opening;
  const wire::ChipEvaluation* gkr_opening;
};

using ShardChips = std::vector<ShardChip>;

// The GKR opening's preprocessed values (none for a chip without preprocessed columns).
inline std::span<const wire::EF> gkr_preprocessed(const wire::ChipEvaluation& o) {
  return o.preprocessed_trace_evaluations ? std::span<const wire::EF>(o.preprocessed_trace_evaluations->values)
                                          : std::span<const wire::EF>();
}

}  // namespace zkgpu::sp1::verifier
