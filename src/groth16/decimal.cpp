#include "groth16/decimal.hpp"

#include <algorithm>

#include "zkgpu/error.hpp"

namespace zkgpu::groth16 {

using bn254::U256;
using bn254::detail::u128;

U256 parse_decimal(std::string_view s, std::string_view what) {
  auto fail = [&](const std::string& why) -> U256 {
    throw Error(ErrorCode::bad_request, std::string(what) + ": " + why);
  };
  if (s.empty()) return fail("empty number");
  if (s.size() > 78) return fail("number with " + std::to_string(s.size()) + " digits does not fit 256 bits");
  U256 v{{0, 0, 0, 0}};
  for (char ch : s) {
    if (ch < '0' || ch > '9') return fail("'" + std::string(s) + "' is not a decimal integer");
    // v = v * 10 + digit, watching the carry out of the top limb.
    uint64_t carry = uint64_t(ch - '0');
    for (auto& limb : v.limbs) {
      const u128 t = u128(limb) * 10 + carry;
      limb = uint64_t(t);
      carry = uint64_t(t >> 64);
    }
    if (carry) return fail("'" + std::string(s) + "' does not fit 256 bits");
  }
  return v;
}

std::string to_decimal(const U256& value) {
  U256 v = value;
  std::string out;
  do {
    // v /= 10^19, collecting the remainder's 19 digits.
    constexpr uint64_t kChunk = 10000000000000000000ull;
    u128 rem = 0;
    for (int i = 3; i >= 0; --i) {
      const u128 cur = (rem << 64) | v.limbs[i];
      v.limbs[i] = uint64_t(cur / kChunk);
      rem = cur % kChunk;
    }
    uint64_t r = uint64_t(rem);
    for (int d = 0; d < 19; ++d) {
      out.push_back(char('0' + r % 10));
      r /= 10;
    }
  } while (!v.is_zero());
  while (out.size() > 1 && out.back() == '0') out.pop_back();
  std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace zkgpu::groth16
