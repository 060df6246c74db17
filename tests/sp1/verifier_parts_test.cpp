// The shard verifier's small pieces on hand-made inputs.
#include <gtest/gtest.h>

#include <vector>

#include "sp1/air/machine.hpp"
#include "sp1/errors.hpp"
#include "sp1/verifier/padding.hpp"
#include "sp1/verifier/public_values_sum.hpp"
#include "sp1/verifier/shard_verifier.hpp"
#include "sp1/verifier/zerocheck.hpp"

namespace zkgpu::sp1::verifier {
namespace {

F f(uint32_t x) { return F::from_canonical(x); }
EF e(uint32_t x) { return ext(f(x)); }

std::vector<F> bits(uint64_t n, size_t len) {
  std::vector<F> out(len);
  for (size_t i = 0; i < len; ++i) out[i] = f((n >> (len - 1 - i)) & 1);
  return out;
}

TEST(Sp1VerifierParts, RowCountReadsBigEndianBits) {
  EXPECT_EQ(row_count(bits(5, 22)), 5u);
  EXPECT_EQ(row_count(bits(1u << 21, 22)), 1u << 21);
  EXPECT_EQ(row_count({}), 0u);
}

// At boolean points the indicator is [row >= height], the row read from the point's
// bits under a leading 0 (rows never reach 2^n at the point's scale).
TEST(Sp1VerifierParts, PaddingIndicatorIsRowAtLeastHeight) {
  const size_t n = 3;
  for (uint64_t height = 0; height <= 8; ++height)
    for (uint64_t row = 0; row < 8; ++row) {
      std::vector<EF> point;
      for (F b : bits(row, n)) point.push_back(ext(b));
      EXPECT_EQ(padding_indicator(bits(height, n + 1), point), row >= height ? EF::one() : EF::zero())
          << "height " << height << " row " << row;
    }
}

// BaseAlu's constraints on the row (out, in1, in2) = (1, 2, 3) with only is_add set:
// is_real(is_real - 1) = 0, then add: 2 + 3 - 1 = 4, then sub/mul/div gated off (0).
TEST(Sp1VerifierParts, FoldIsHornerInConstraintOrder) {
  const air::MachineChip& alu = *air::compress_machine().find("BaseAlu");
  const std::vector<EF> main{e(1), e(2), e(3)};
  const std::vector<EF> prep{e(0), e(0), e(0), e(1), e(0), e(0), e(0), e(0)};
  const EF alpha = EF{{f(7), f(1), f(0), f(2)}};
  // Constraints [0, 4, 0, 0, 0]: acc is 0, then 4, then multiplied by alpha three times.
  EXPECT_EQ(fold_constraints(alu, main, prep, {}, alpha), e(4) * alpha * alpha * alpha);
}

// A public-values AIR made for the test: the RISC-V record's shape (constraints on
// the public values, a state sent and another received), with chosen values.
class TestPublicValuesAir final : public PublicValuesAir {
 public:
  std::vector<F> constraints;
  bool receive_back = false;  // receive exactly what is sent
  air::RowEvaluation<air::Felt> eval(std::span<const air::Felt> pv) const override {
    air::RowEvaluation<air::Felt> r;
    r.constraints = constraints;
    const auto kind = static_cast<air::InteractionKind>(3);
    r.sends.push_back({kind, {pv[0], pv[1]}, f(2)});
    if (receive_back) r.receives.push_back({kind, {pv[0], pv[1]}, f(2)});
    return r;
  }
  size_t max_interaction_arity() const override { return 3; }
};

TEST(Sp1VerifierParts, PublicValuesShareOfTheLogupSum) {
  const std::vector<F> pv{f(5), f(9)};
  const EF challenge = EF{{f(3), f(1), f(4), f(1)}}, alpha = EF{{f(5), f(9), f(2), f(6)}};
  const std::vector<EF> betas{EF{{f(11), f(0), f(1), f(0)}}, e(13), EF{{f(0), f(17), f(0), f(1)}}};
  // No AIR (the recursion machines): zero, as before.
  EXPECT_EQ(public_values_cumulative_sum(nullptr, pv, challenge, alpha, betas), EF::zero());
  // One send of multiplicity 2: the circuit must output minus 2 / fingerprint, where
  // fingerprint = alpha + beta_0 kind + beta_1 pv[0] + beta_2 pv[1].
  TestPublicValuesAir send;
  const EF fp = alpha + betas[0] * e(3) + betas[1] * e(5) + betas[2] * e(9);
  EXPECT_EQ(public_values_cumulative_sum(&send, pv, challenge, alpha, betas), EF::zero() - e(2) * fp.inverse());
  // Sent and received back: they cancel.
  TestPublicValuesAir both;
  both.receive_back = true;
  EXPECT_EQ(public_values_cumulative_sum(&both, pv, challenge, alpha, betas), EF::zero());
  // Constraints folded with the challenge: [0, 0] hold, [0, 1] do not.
  send.constraints = {f(0), f(0)};
  EXPECT_NO_THROW(public_values_cumulative_sum(&send, pv, challenge, alpha, betas));
  send.constraints = {f(0), f(1)};
  try {
    public_values_cumulative_sum(&send, pv, challenge, alpha, betas);
    ADD_FAILURE() << "a failing public-values constraint was accepted";
  } catch (const Rejected& e) {
    EXPECT_EQ(std::string(e.what()), "logup_gkr: public values constraints do not hold");
  }
}

}  // namespace
}  // namespace zkgpu::sp1::verifier
