#include "sp1/recursion/septic.hpp"

#include <type_traits>

#include "sp1/air/septic_curve.hpp"

// The field arithmetic is the AIR layer's (sp1/air/septic_curve.hpp); this keeps the
// executor's view: no exceptions, nullopt where SP1's incomplete formulas do not apply.
namespace zkgpu::sp1::recursion::septic {

namespace curve = air::septic;
static_assert(std::is_same_v<Element, curve::Element>);

Element add(const Element& a, const Element& b) { return curve::add(a, b); }
Element sub(const Element& a, const Element& b) { return curve::sub(a, b); }
Element mul(const Element& a, const Element& b) { return curve::mul(a, b); }

std::optional<Element> inverse(const Element& a) {
  if (curve::is_zero(a)) return std::nullopt;
  return curve::inverse(a);
}

std::optional<Point> add_incomplete(const Point& p, const Point& q) {
  const auto inv = inverse(sub(q.x, p.x));
  if (!inv) return std::nullopt;
  const Element slope = mul(sub(q.y, p.y), *inv);
  const Element x = sub(sub(mul(slope, slope), p.x), q.x);
  const Element y = sub(mul(slope, sub(p.x, x)), p.y);
  return Point{x, y};
}

}  // namespace zkgpu::sp1::recursion::septic
