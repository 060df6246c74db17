// What the shard provers read: each chip of the shard with its traces, row-major,
// `rows` = the chip's height (its real rows). Every trace lives on a hypercube of
// 2^max_log_row_count rows; the rows at or above the height are implicitly zero
// (SP1's PaddedMle with zero padding), so they are never stored.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "sp1/air/machine.hpp"
#include "sp1/air/trace_check.hpp"
#include "sp1/transcript/fields.hpp"

namespace zkgpu::sp1::prover {

struct ChipTrace {
  const air::MachineChip* chip;
  air::TraceView trace;
};

// The chips must be ordered by name, without repeats (SP1's BTreeSet<Chip>, the
// order the verifier processes them), have traces of their widths and at most
// 2^max_log_row_count rows; throws std::invalid_argument naming the chip otherwise.
void check_chip_traces(std::span<const ChipTrace> chips, size_t max_log_row_count);

// The columns' multilinear extensions at `point` (dimension max_log_row_count).
struct TraceEvaluations {
  std::vector<EF> main, preprocessed;
};
TraceEvaluations evaluate_trace(const ChipTrace& c, std::span<const EF> point, unsigned threads = 1);

}  // namespace zkgpu::sp1::prover
