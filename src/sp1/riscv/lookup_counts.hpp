// What a shard's chips look up in the three tables with preprocessed columns
// (Byte, Range, Program), counted from the chips' own interactions: every Byte
// and Program send of every row of a trace (and of the public values), weighted
// by its multiplicity, as SP1's byte_lookups map and the Program chip's
// multiplicity counts (crates/core/machine/src/bytes/trace.rs, program/trusted.rs)
// would hold them. The tables' main traces (sp1/setup/lookup_tables.hpp) are made
// from these counts, so that each table receives what the chips send.
//
// A send that addresses no row of its table (a byte above 255, a result that is
// not the operation's, a Range value of more bits than it claims, a pc limb above
// 16 bits) is not counted: the
// shard's LogUp sum then does not balance, which is how a checker finds it.
#pragma once

#include <cstdint>
#include <span>
#include <unordered_map>

#include "sp1/air/machine.hpp"
#include "sp1/air/trace_check.hpp"
#include "sp1/setup/lookup_tables.hpp"

namespace zkgpu::sp1::riscv {

struct LookupCounts {
  setup::ByteLookupCounts bytes;                 // Byte table operations and Range lookups
  std::unordered_map<uint64_t, uint64_t> pcs;    // Program sends, by pc
  uint64_t uncounted = 0;                        // sends that address no table row
};

// Adds the Byte and Program sends of `chip` over the rows of `trace`.
void count_lookups(const air::MachineChip& chip, const air::TraceView& trace, std::span<const air::Felt> public_values,
                   LookupCounts& out);

// Adds counts made apart (another chip's) into `into`.
void add_counts(const LookupCounts& part, LookupCounts& into);

// Adds the Byte and Program sends of one evaluated row (a chip's row or the
// public values' evaluation).
void count_lookups(const air::RowEvaluation<air::Felt>& row, LookupCounts& out);

}  // namespace zkgpu::sp1::riscv
