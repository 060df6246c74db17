// A prover's view of a chip: its constraints and interactions on every row of a
// trace. `first_violation` finds a row that breaks a constraint (what a prover checks
// before committing to a trace); `interaction_sum` is the trace's share of the LogUp
// sum, which is zero over all the chips of a correct shard.
#pragma once

#include <array>
#include <optional>
#include <span>

#include "sp1/air/interaction.hpp"
#include "sp1/air/machine.hpp"

namespace zkgpu::sp1::air {

// Row-major matrices of one chip: rows x width and rows x preprocessed width.
struct TraceView {
  std::span<const Felt> main;
  std::span<const Felt> preprocessed;
  size_t rows;
};

struct Violation {
  size_t row;
  size_t constraint;
};

// Throws std::invalid_argument when the matrices do not have the chip's widths.
std::optional<Violation> first_violation(const MachineChip& chip, const TraceView& trace,
                                         std::span<const Felt> public_values);

// sum over rows of sends' multiplicity / fingerprint minus receives'. A zero
// fingerprint is std::invalid_argument (the challenge is then unusable).
Ext interaction_sum(const MachineChip& chip, const TraceView& trace, std::span<const Felt> public_values,
                    const Ext& alpha, std::span<const Ext> betas);

// The same sum split by interaction kind: sums[k] holds the kind whose value is k
// (each kind must balance on its own, as the kind is part of the fingerprint).
// Rows whose multiplicity is zero add nothing and are not evaluated further.
inline constexpr size_t kInteractionKindSlots = 32;
using KindSums = std::array<Ext, kInteractionKindSlots>;
void add_interaction_sums(const MachineChip& chip, const TraceView& trace, std::span<const Felt> public_values,
                          const Ext& alpha, std::span<const Ext> betas, KindSums& sums);

}  // namespace zkgpu::sp1::air
