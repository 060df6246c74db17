// The jagged branching program against its definition: at boolean points it is the
// predicate "index = row + prefix_sum and index < next_prefix_sum", and everywhere it
// is that predicate's multilinear extension.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "sp1/multilinear/eq.hpp"
#include "sp1/pcs/jagged_eval.hpp"

namespace zkgpu::sp1::pcs {
namespace {

constexpr size_t kRowBits = 2, kIndexBits = 3, kPrefixBits = 4;

bool predicate(uint64_t row, uint64_t index, uint64_t prefix, uint64_t next) {
  return index == row + prefix && index < next;
}

std::vector<EF> bits(uint64_t v, size_t n) { return multilinear::point_from_usize<EF>(v, n); }

TEST(JaggedBranchingProgram, BooleanPointsEvaluateThePredicate) {
  for (uint64_t row = 0; row < (1u << kRowBits); ++row)
    for (uint64_t index = 0; index < (1u << kIndexBits); ++index)
      for (uint64_t prefix = 0; prefix < (1u << kPrefixBits); ++prefix)
        for (uint64_t next = 0; next < (1u << kPrefixBits); ++next) {
          const EF v = branching_program_eval(bits(row, kRowBits), bits(index, kIndexBits), bits(prefix, kPrefixBits),
                                              bits(next, kPrefixBits));
          ASSERT_EQ(v, predicate(row, index, prefix, next) ? EF::one() : EF::zero())
              << row << " " << index << " " << prefix << " " << next;
        }
}

TEST(JaggedBranchingProgram, IsThePredicatesMultilinearExtension) {
  std::mt19937_64 gen(7);
  const auto rand_ext = [&] {
    EF e;
    for (F& c : e.c) c = F::from_canonical(uint32_t(gen() % F::kP));
    return e;
  };
  constexpr size_t kVars = kRowBits + kIndexBits + 2 * kPrefixBits;
  std::vector<EF> point(kVars);
  for (EF& x : point) x = rand_ext();
  // Truth table over (row, index, prefix, next), big-endian in that order.
  std::vector<EF> table(size_t(1) << kVars);
  for (uint64_t i = 0; i < table.size(); ++i) {
    const uint64_t next = i & 15, prefix = (i >> 4) & 15, index = (i >> 8) & 7, row = i >> 11;
    table[i] = predicate(row, index, prefix, next) ? EF::one() : EF::zero();
  }
  const std::span<const EF> p(point);
  const EF direct = branching_program_eval(p.subspan(0, kRowBits), p.subspan(kRowBits, kIndexBits),
                                           p.subspan(kRowBits + kIndexBits, kPrefixBits), p.subspan(kRowBits + kIndexBits + kPrefixBits, kPrefixBits));
  EXPECT_EQ(direct, multilinear::mle_eval<EF>(table, point));
}

}  // namespace
}  // namespace zkgpu::sp1::pcs
