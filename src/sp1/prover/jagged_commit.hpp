// The jagged trace commitment (JaggedProver::commit_multilinears in
// succinctlabs/sp1 slop/crates/jagged/src/prover.rs over StackedPcsProver::
// commit_multilinears and interleave_multilinears_with_fixed_rate in
// slop/crates/stacked/src/{prover,fixed_rate}.rs): the round's tables (chip traces
// of any height up to 2^max_log_row_count) are laid end to end, column after
// column, into one dense vector; it is zero-padded to a multiple of
// 2^log_stacking_height (at least one), cut into columns of that height and
// committed with BaseFold. SP1 groups the columns into batches before committing;
// the Merkle leaf hashes a row across all of them in order, so the commitment is
// that of the one matrix built here. The table of (rows, columns) gains two
// padding entries, (2^max_log_row_count, added columns - 1) and (the rest, 1), and
// the commitment the verifier sees binds it:
// compress(stacked commitment, hash([entries, rows..., columns...])).
#pragma once

#include <span>
#include <utility>
#include <vector>

#include "sp1/pcs/jagged.hpp"
#include "sp1/prover/basefold_commit.hpp"

namespace zkgpu::sp1::prover {

// One chip's trace: `rows` rows of `cols` values, row-major (rows may be 0).
struct TraceTable {
  size_t rows = 0;
  size_t cols = 0;
  std::span<const F> values;
};

// The round's stacked message in host memory, 2^lsh x width canonical values,
// row-major (PcsDevice::stacked_message builds the same on a device).
std::vector<uint32_t> host_stacked_message(std::span<const TraceTable> tables, unsigned lsh, size_t width,
                                          unsigned threads);

template <class C>
struct JaggedCommitted {
  typename pcs::Iop<C>::Digest commitment;                     // what the verifier is given
  std::vector<std::pair<size_t, size_t>> row_and_column_counts;  // the tables', then the two padding entries
  size_t padding_columns = 0;                                  // added columns (the two entries' columns)
  BasefoldCommitted<C> stacked;                                // the dense trace in columns of the stacking height
};

// Throws std::invalid_argument for a table taller than 2^max_log_row_count, values
// that do not fill a table, a round without values, or more than 2^30 of them.
template <class C>
JaggedCommitted<C> commit_jagged_round(const PcsProverContext& ctx, const pcs::JaggedParams& params,
                                       std::span<const TraceTable> tables);

extern template JaggedCommitted<wire::InnerConfig> commit_jagged_round<wire::InnerConfig>(const PcsProverContext&,
                                                                                          const pcs::JaggedParams&,
                                                                                          std::span<const TraceTable>);
extern template JaggedCommitted<wire::OuterConfig> commit_jagged_round<wire::OuterConfig>(const PcsProverContext&,
                                                                                          const pcs::JaggedParams&,
                                                                                          std::span<const TraceTable>);

}  // namespace zkgpu::sp1::prover
