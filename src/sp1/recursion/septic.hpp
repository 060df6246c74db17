// SP1's septic extension KoalaBear[z] / (z^7 - 3z - 5) and the incomplete point
// addition the HintAddCurve instruction computes (SP1 crates/hypercube/src/
// septic_extension.rs `Mul`, septic_curve.rs `add_incomplete`).
#pragma once

#include <array>
#include <optional>

#include "sp1/recursion/instruction.hpp"

namespace zkgpu::sp1::recursion::septic {

using Element = std::array<Felt, kSepticDegree>;

Element add(const Element& a, const Element& b);
Element sub(const Element& a, const Element& b);
Element mul(const Element& a, const Element& b);
// nullopt for zero.
std::optional<Element> inverse(const Element& a);

struct Point {
  Element x, y;
};

// slope = (y2 - y1) / (x2 - x1), x3 = slope^2 - x1 - x2, y3 = slope (x1 - x3) - y1;
// nullopt when x1 = x2 (the exception the incomplete formula excludes).
std::optional<Point> add_incomplete(const Point& p, const Point& q);

}  // namespace zkgpu::sp1::recursion::septic
