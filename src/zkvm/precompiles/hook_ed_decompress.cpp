// FD_EDDECOMPRESS (SP1 v6 crates/core/executor/src/hook.rs, hook_ed_decompress):
// tells the guest whether a compressed Ed25519 y decompresses, and if not, the
// values that prove it cannot (v^-1 and a root of 2 u / v, 2 being a non-square).
#include "zkvm/precompiles/edwards.hpp"
#include "zkvm/precompiles/guest_io.hpp"
#include "zkvm/precompiles/hook_fns.hpp"

namespace zkgpu::zkvm::precompiles {

HookOutput hook_ed_decompress(std::span<const uint8_t> in) {
  constexpr std::string_view name = "FD_EDDECOMPRESS";
  constexpr unsigned kNonSquare = 2;
  if (in.size() < 32) fail(name, "input must hold a 32-byte compressed point");
  const mpz_class& p = ed25519().field.p;

  mpz_class y = from_le(in.first(32));
  mpz_clrbit(y.get_mpz_t(), 255);
  if (y >= p) return {{0}};

  const mpz_class v = from_le(in.subspan(32));
  if (v >= p) fail(name, "v is not a canonical field element");
  const mpz_class v_inv = inverse_mod_prime(v, p);
  const mpz_class u_div_v = mod(mod(y * y - 1, p) * v_inv, p);
  if (ed25519_sqrt(u_div_v)) return {{1}};

  const std::optional<mpz_class> root = ed25519_sqrt(mod(u_div_v * kNonSquare, p));
  if (!root) fail(name, "neither u / v nor 2 u / v is a square");
  return {{0}, to_le(v_inv, 32), to_le(*root, 32)};
}

}  // namespace zkgpu::zkvm::precompiles
