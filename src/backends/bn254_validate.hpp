#pragma once
// Input checks shared by the Bn254Ops implementations, so the CPU and CUDA
// backends reject exactly the same inputs with the same messages.
#include <bit>
#include <cstddef>
#include <span>
#include <string>

#include "math/op_kinds.hpp"
#include "math/bn254/types.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu::bn254_validate {

inline void scalars_canonical(std::span<const bn254::FrRaw> s, const char* what) {
  for (size_t i = 0; i < s.size(); ++i)
    if (!bn254::Fr::is_canonical(s[i]))
      throw Error(ErrorCode::invalid_argument, std::string(what) + ": element " + std::to_string(i) + " is not below r");
}

inline void msm_inputs(size_t bases, std::span<const bn254::FrRaw> scalars) {
  if (bases != scalars.size())
    throw Error(ErrorCode::bad_request, "msm: " + std::to_string(bases) + " bases but " +
                                            std::to_string(scalars.size()) + " scalars");
  scalars_canonical(scalars, "msm scalar");
}

inline void resident_msm_size(size_t bases, size_t scalars) {
  if (scalars > bases)
    throw Error(ErrorCode::bad_request, "msm: " + std::to_string(scalars) + " scalars but only " +
                                            std::to_string(bases) + " resident bases");
}

inline void resident_msm_inputs(size_t bases, std::span<const bn254::FrRaw> scalars) {
  resident_msm_size(bases, scalars.size());
  scalars_canonical(scalars, "msm scalar");
}

inline void ntt_size(size_t n) {
  if (n == 0 || !std::has_single_bit(n) || n > (size_t(1) << bn254::FrParams::two_adicity))
    throw Error(ErrorCode::invalid_argument,
                "ntt_fr: size " + std::to_string(n) + " is not a power of two in 1 .. 2^28");
}

inline void arith_inputs(ArithOp op, std::span<const bn254::FrRaw> a, std::span<const bn254::FrRaw> b,
                         std::span<const bn254::FrRaw> out) {
  if (op != ArithOp::add && op != ArithOp::sub && op != ArithOp::mul && op != ArithOp::inv)
    throw Error(ErrorCode::invalid_argument, "fr_arith: operation not defined over BN254 Fr");
  if (out.size() != a.size() || (op != ArithOp::inv && b.size() != a.size()))
    throw Error(ErrorCode::bad_request, "fr_arith: operand lengths differ");
  scalars_canonical(a, "fr_arith operand a");
  if (op != ArithOp::inv) scalars_canonical(b, "fr_arith operand b");
  if (op == ArithOp::inv)
    for (size_t i = 0; i < a.size(); ++i)
      if (a[i].is_zero())
        throw Error(ErrorCode::invalid_argument, "fr_arith: inverse of zero at element " + std::to_string(i));
}

}  // namespace zkgpu::bn254_validate
