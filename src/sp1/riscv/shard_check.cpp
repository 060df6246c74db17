#include "sp1/riscv/shard_check.hpp"

#include <algorithm>
#include <mutex>
#include <random>

#include "common/parallel_ranges.hpp"
#include "sp1/air/interaction.hpp"

namespace zkgpu::sp1::riscv {
namespace {

using air::Ext;
using air::Felt;
using air::InteractionKind;

// More than any interaction's values plus its kind (Keccak: 106 + 1).
constexpr size_t kBetas = 128;

// The checks run on pieces of a chip's trace of this many rows, so that one tall
// chip spreads over the threads too; each piece is one part of parallel_ranges,
// which the pool's threads take in turn.
constexpr size_t kRowsPerPiece = size_t(1) << 15;

struct Piece {
  size_t chip, first_row;
  air::TraceView view;
};

std::vector<Piece> pieces_of(const ShardTraces& shard) {
  std::vector<Piece> out;
  for (size_t c = 0; c < shard.chips.size(); ++c) {
    const ShardChipTrace& t = shard.chips[c];
    const size_t w = t.chip->width(), pw = t.chip->preprocessed_width();
    for (size_t first = 0; first < t.rows; first += kRowsPerPiece) {
      const size_t rows = std::min(kRowsPerPiece, t.rows - first);
      out.push_back({c, first,
                     air::TraceView{std::span<const Felt>(t.main).subspan(first * w, rows * w),
                                    t.preprocessed.subspan(first * pw, rows * pw), rows}});
    }
  }
  return out;
}

Ext random_ext(std::mt19937_64& rng) {
  Ext e;
  for (Felt& c : e.c) c = Felt::from_canonical(uint32_t(rng() % Felt::kP));
  return e;
}

}  // namespace

std::optional<ConstraintFailure> first_violation(const ShardTraces& shard) {
  const std::vector<Piece> pieces = pieces_of(shard);
  std::vector<std::optional<air::Violation>> found(pieces.size());
  parallel_ranges(pieces.size(), unsigned(pieces.size()), 1, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i)
      found[i] = air::first_violation(*shard.chips[pieces[i].chip].chip, pieces[i].view, shard.public_value_felts);
  });
  for (size_t i = 0; i < found.size(); ++i)
    if (found[i])
      return ConstraintFailure{std::string(shard.chips[pieces[i].chip].chip->name()),
                               pieces[i].first_row + found[i]->row, found[i]->constraint};
  const auto pv = eval_public_values(shard.public_value_felts, shard.features);
  for (size_t k = 0; k < pv.constraints.size(); ++k)
    if (!pv.constraints[k].is_zero())
      return ConstraintFailure{std::string(public_values_chip(shard.features).name()), 0, k};
  return std::nullopt;
}

LogUpChallenge random_challenge() {
  std::random_device device;
  std::mt19937_64 rng((uint64_t(device()) << 32) | device());
  LogUpChallenge c;
  c.alpha = random_ext(rng);
  for (size_t i = 0; i < kBetas; ++i) c.betas.push_back(random_ext(rng));
  return c;
}

std::vector<InteractionKind> unbalanced_kinds(const ShardTraces& shard, const LogUpChallenge& challenge) {
  air::KindSums sums;
  sums.fill(Ext::zero());
  const std::vector<Piece> pieces = pieces_of(shard);
  std::mutex mutex;
  parallel_ranges(pieces.size(), unsigned(pieces.size()), 1, [&](size_t begin, size_t end) {
    air::KindSums part;
    part.fill(Ext::zero());
    for (size_t i = begin; i < end; ++i)
      air::add_interaction_sums(*shard.chips[pieces[i].chip].chip, pieces[i].view, shard.public_value_felts,
                                challenge.alpha, challenge.betas, part);
    const std::lock_guard lock(mutex);
    for (size_t k = 0; k < sums.size(); ++k) sums[k] = sums[k] + part[k];
  });
  const auto pv = eval_public_values(shard.public_value_felts, shard.features);
  for (const auto* list : {&pv.sends, &pv.receives})
    for (const auto& i : *list) {
      if (i.multiplicity.is_zero()) continue;
      const Ext term = air::as_ext(i.multiplicity) * air::fingerprint(i, challenge.alpha, challenge.betas).inverse();
      Ext& slot = sums.at(size_t(i.kind));
      slot = list == &pv.sends ? slot + term : slot - term;
    }
  std::vector<InteractionKind> out;
  for (size_t k = 0; k < sums.size(); ++k)
    if (!sums[k].is_zero()) out.push_back(InteractionKind(k));
  return out;
}

std::string_view kind_name(InteractionKind kind) {
  switch (kind) {
    case InteractionKind::Memory: return "Memory";
    case InteractionKind::Program: return "Program";
    case InteractionKind::Byte: return "Byte";
    case InteractionKind::State: return "State";
    case InteractionKind::Syscall: return "Syscall";
    case InteractionKind::Global: return "Global";
    case InteractionKind::ShaExtend: return "ShaExtend";
    case InteractionKind::ShaCompress: return "ShaCompress";
    case InteractionKind::Keccak: return "Keccak";
    case InteractionKind::GlobalAccumulation: return "GlobalAccumulation";
    case InteractionKind::MemoryGlobalInitControl: return "MemoryGlobalInitControl";
    case InteractionKind::MemoryGlobalFinalizeControl: return "MemoryGlobalFinalizeControl";
    case InteractionKind::InstructionFetch: return "InstructionFetch";
    case InteractionKind::InstructionDecode: return "InstructionDecode";
    case InteractionKind::PageProt: return "PageProt";
    case InteractionKind::PageProtAccess: return "PageProtAccess";
    case InteractionKind::PageProtGlobalInitControl: return "PageProtGlobalInitControl";
    case InteractionKind::PageProtGlobalFinalizeControl: return "PageProtGlobalFinalizeControl";
  }
  return "unknown";
}

bool global_sums_cancel(const air::septic::Point& initial, std::span<const air::septic::Point> shard_sums) {
  using air::septic::MaybePoint;
  const MaybePoint minus_start = air::septic::negate(air::septic::digest_zero());
  MaybePoint total = air::septic::add(initial, minus_start);
  for (const air::septic::Point& s : shard_sums) total = air::septic::add(total, air::septic::add(s, minus_start));
  return !total.has_value();
}

}  // namespace zkgpu::sp1::riscv
