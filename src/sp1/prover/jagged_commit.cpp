#include "sp1/prover/jagged_commit.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "common/parallel_ranges.hpp"
#include "sp1/prover/pcs_device.hpp"

namespace zkgpu::sp1::prover {

// Dense position p (table after table, column after column) is row p mod 2^lsh
// of stacked column p / 2^lsh; the rest of the last column is zero.
std::vector<uint32_t> host_stacked_message(std::span<const TraceTable> tables, unsigned lsh, size_t width,
                                          unsigned threads) {
  const uint64_t stack = uint64_t(1) << lsh;
  std::vector<uint32_t> message(size_t(stack) * width, 0);
  uint64_t base = 0;
  for (const TraceTable& tab : tables) {
    parallel_ranges(tab.cols, threads, 1, [&](size_t c0, size_t c1) {
      for (size_t c = c0; c < c1; ++c)
        for (size_t r = 0; r < tab.rows; ++r) {
          const uint64_t p = base + uint64_t(c) * tab.rows + r;
          message[size_t((p & (stack - 1)) * width + (p >> lsh))] = tab.values[r * tab.cols + c].to_canonical();
        }
    });
    base += uint64_t(tab.rows) * tab.cols;
  }
  return message;
}

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

  const unsigned lsh = params.stacked.log_stacking_height;
  const auto log_blowup = unsigned(params.stacked.fri.log_blowup);
  const auto commit = [&]() -> BasefoldCommitted<C> {
    if constexpr (std::is_same_v<C, wire::InnerConfig>)
      if (ctx.device) return basefold_commit(ctx, log_blowup, ctx.device->stacked_message(tables, lsh, width));
    return basefold_commit<C>(ctx, log_blowup, host_stacked_message(tables, lsh, width, ctx.threads), height, width);
  };
  JaggedCommitted<C> out{{}, {}, size_t(added_cols), commit()};
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
