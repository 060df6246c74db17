#include "sp1/riscv/corrupt_cell.hpp"

#include <random>
#include <vector>

namespace zkgpu::sp1::riscv {
namespace {

constexpr size_t kDraws = 100000;

bool breaks_a_constraint(const ShardChipTrace& t, std::span<const air::Felt> row, size_t r,
                         std::span<const air::Felt> public_values) {
  const size_t pw = t.chip->preprocessed_width();
  const auto eval = t.chip->eval(row, t.preprocessed.subspan(r * pw, pw), public_values);
  for (const air::Felt& c : eval.constraints)
    if (!c.is_zero()) return true;
  return false;
}

}  // namespace

std::optional<CorruptedCell> corrupt_one_cell(ShardTraces& shard, uint64_t seed) {
  std::vector<size_t> candidates;
  for (size_t i = 0; i < shard.chips.size(); ++i)
    if (shard.chips[i].rows && shard.chips[i].chip->width()) candidates.push_back(i);
  if (candidates.empty()) return std::nullopt;
  std::mt19937_64 rng(seed);
  for (size_t draw = 0; draw < kDraws; ++draw) {
    ShardChipTrace& t = shard.chips[candidates[rng() % candidates.size()]];
    const size_t w = t.chip->width(), r = rng() % t.rows, col = rng() % w;
    const air::Felt delta = air::Felt::from_canonical(uint32_t(1 + rng() % (air::Felt::kP - 1)));
    std::vector<air::Felt> row(t.main.begin() + r * w, t.main.begin() + (r + 1) * w);
    row[col] = row[col] + delta;
    if (!breaks_a_constraint(t, row, r, shard.public_value_felts)) continue;
    t.main[r * w + col] = row[col];
    return CorruptedCell{std::string(t.chip->name()), r, col};
  }
  return std::nullopt;
}

}  // namespace zkgpu::sp1::riscv
