// Where the PCS's heavy tables live when not in host memory: a device
// (sp1/prover_cuda) stacks the traces it commits, runs the jagged sumcheck over its dense trace and jagged
// polynomial, the stacked columns' evaluations, and BaseFold's commit phase over
// the batched multilinear and its codeword. prove_jagged, prove_stacked and
// prove_basefold keep the transcript; the device gives the same field values as
// the host, so the proof does not depend on it.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "sp1/multilinear/sumcheck_prover_product.hpp"
#include "sp1/prover/fri_folder.hpp"
#include "sp1/prover/jagged_commit.hpp"
#include "sp1/prover/jagged_sumcheck.hpp"

namespace zkgpu::sp1::prover {

class PcsDevice {
 public:
  virtual ~PcsDevice() = default;
  // A round's stacked message as commit_jagged_round lays it out (`width` columns
  // of 2^log_stacking_height values, the tables end to end, zero after them),
  // built on the device and resident on the backend the device works with.
  virtual std::unique_ptr<ResidentMatrix> stacked_message(std::span<const TraceTable> tables,
                                                          unsigned log_stacking_height, size_t width) const = 0;
  // host_jagged_sumcheck's tables, on the device.
  virtual std::unique_ptr<multilinear::ProductSumcheckOracle> jagged_sumcheck(std::span<const StackedMessage> rounds,
                                                                              std::span<const uint64_t> prefix_sums,
                                                                              std::span<const EF> z_row,
                                                                              std::span<const EF> z_col,
                                                                              size_t log_m) const = 0;
  // Each column of a stacked message at `point` (2^point.size() = its height), as
  // stacked_prover.hpp's column_evaluations.
  virtual std::vector<EF> stacked_evaluations(const StackedMessage& message, std::span<const EF> point) const = 0;
  // host_fri_folder's folder, on the device. The rounds' codewords must be
  // resident on it.
  virtual std::unique_ptr<FriFolder<wire::InnerConfig>> fri_folder(
      std::span<const BasefoldCommitted<wire::InnerConfig>* const> rounds, std::span<const EF> coeffs,
      unsigned log_blowup) const = 0;
};

}  // namespace zkgpu::sp1::prover
