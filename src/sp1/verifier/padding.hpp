// Where a chip's padding rows start. A chip's trace has 2^max_log_row_count rows
// at the evaluation point's scale, of which the first `height` are real; the rest
// hold zeros and must not count. SP1 encodes the height as max_log_row_count + 1
// big-endian bits (ChipOpenedValues::degree) and uses the multilinear [row >= height]
// at (0, point) to subtract the padding rows' share.
#pragma once

#include <span>
#include <vector>

#include "sp1/multilinear/eq.hpp"
#include "sp1/transcript/fields.hpp"

namespace zkgpu::sp1::verifier {

// full_geq(height bits, (0, point)). The caller has checked bits.size() == point.size() + 1.
inline EF padding_indicator(std::span<const F> height_bits, std::span<const EF> point) {
  std::vector<EF> threshold, extended{EF::zero()};
  for (F b : height_bits) threshold.push_back(ext(b));
  extended.insert(extended.end(), point.begin(), point.end());
  return multilinear::full_geq<EF>(threshold, extended);
}

}  // namespace zkgpu::sp1::verifier
