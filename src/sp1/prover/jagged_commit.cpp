#include "sp1/prover/jagged_commit.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "common/parallel_ranges.hpp"

namespace zkgpu::sp1::prover {

template <class C>
JaggedCommitted<C> commit_jagged_round(const PcsProverContext& ctx, const pcs::JaggedParams& params,
                                       std::span<const TraceTable> tables) {
  const uint64_t max_rows = uint64_t(1) << params.max_log_row_count;
  const uint64_t stack = uint64_t(1) << params.stacked.log_stacking_height;
  uint64_t area = 0;
  for (size_t t = 0; t < tables.size(); ++t) {
    const TraceTable& tab = tables[t];
    if (tab.rows > max_rows || tab.values.size() != tab.rows * tab.cols || tab.cols >= F::kP)
      throw std::invalid_argument("jagged commit: table " + std::to_string(t) + " (" + std::to_string(tab.rows) +
                                  " x " + std::to_string(tab.cols) + ") is taller than 2^" +
                                  std::to_string(params.max_log_row_count) + " or not filled by its values");
    area += uint64_t(tab.rows) * tab.cols;
    if (area >= (uint64_t(1) << 30)) throw std::invalid_argument("jagged commit: round area reaches 2^30");
  }
  if (area == 0) throw std::invalid_argument("jagged commit: the round has no values");

  const uint64_t padded = (area + stack - 1) / stack * stack;
  const uint64_t added_vals = padded - area;
  const uint64_t added_cols = std::max<uint64_t>(1, (added_vals + max_rows - 1) / max_rows);
  const size_t width = size_t(padded / stack), height = size_t(stack);

  // Dense position p (table after table, column after column) is row p mod 2^lsh
  // of stacked column p / 2^lsh.
  std::vector<uint32_t> message(size_t(padded), 0);
  const unsigned lsh = params.stacked.log_stacking_height;
  uint64_t base = 0;
  for (const TraceTable& tab : tables) {
    parallel_ranges(tab.cols, ctx.threads, 1, [&](size_t c0, size_t c1) {
      for (size_t c = c0; c < c1; ++c)
        for (size_t r = 0; r < tab.rows; ++r) {
          const uint64_t p = base + uint64_t(c) * tab.rows + r;
          message[size_t((p & (stack - 1)) * width + (p >> lsh))] = tab.values[r * tab.cols + c].to_canonical();
        }
    });
    base += uint64_t(tab.rows) * tab.cols;
  }

  JaggedCommitted<C> out{{}, {}, size_t(added_cols),
                         basefold_commit<C>(ctx, unsigned(params.stacked.fri.log_blowup), std::move(message), height,
                                            width)};
  for (const TraceTable& tab : tables) out.row_and_column_counts.emplace_back(tab.rows, tab.cols);
  out.row_and_column_counts.emplace_back(size_t(max_rows), size_t(added_cols - 1));
  out.row_and_column_counts.emplace_back(size_t(added_vals - (added_cols - 1) * max_rows), 1);

  std::vector<F> shape;
  shape.push_back(F::from_canonical(uint32_t(out.row_and_column_counts.size())));
  for (const auto& rc : out.row_and_column_counts) shape.push_back(F::from_canonical(uint32_t(rc.first)));
  for (const auto& rc : out.row_and_column_counts) shape.push_back(F::from_canonical(uint32_t(rc.second)));
  out.commitment = pcs::Iop<C>::compress(out.stacked.codeword.commitment(), pcs::Iop<C>::hash(shape));
  return out;
}

template JaggedCommitted<wire::InnerConfig> commit_jagged_round<wire::InnerConfig>(const PcsProverContext&,
                                                                                   const pcs::JaggedParams&,
                                                                                   std::span<const TraceTable>);
template JaggedCommitted<wire::OuterConfig> commit_jagged_round<wire::OuterConfig>(const PcsProverContext&,
                                                                                   const pcs::JaggedParams&,
                                                                                   std::span<const TraceTable>);

}  // namespace zkgpu::sp1::prover
