// The wire's sumcheck proof in the form the multilinear sumcheck check takes.
#pragma once

#include "sp1/multilinear/sumcheck.hpp"
#include "sp1/wire/types.hpp"

namespace zkgpu::sp1::verifier {

inline multilinear::PartialSumcheckProof as_sumcheck(const wire::PartialSumcheckProof& p) {
  return multilinear::PartialSumcheckProof{p.univariate_polys, p.claimed_sum, p.point, p.eval};
}

}  // namespace zkgpu::sp1::verifier
