// FD_RSA_MUL_MOD (SP1 v6 crates/core/executor/src/hook.rs, hook_rsa_mul_mod): the
// remainder and quotient of an RSA product by the modulus, for the guest to check.
// SP1 keeps only the low k bytes of the quotient; so does this.
#include <string>

#include "zkvm/precompiles/guest_io.hpp"
#include "zkvm/precompiles/hook_fns.hpp"

namespace zkgpu::zkvm::precompiles {

HookOutput hook_rsa_mul_mod(std::span<const uint8_t> in) {
  constexpr std::string_view name = "FD_RSA_MUL_MOD";
  if (in.size() != 3 * 256 && in.size() != 3 * 384 && in.size() != 3 * 512)
    fail(name, "input must be 3 k bytes for k in {256, 384, 512}, got " +
                   std::to_string(in.size()));
  const size_t k = in.size() / 3;
  const mpz_class product = from_le(in.first(2 * k));
  const mpz_class m = from_le(in.subspan(2 * k));
  if (m == 0) fail(name, "the modulus is zero");
  mpz_class q, r;
  mpz_fdiv_qr(q.get_mpz_t(), r.get_mpz_t(), product.get_mpz_t(), m.get_mpz_t());
  mpz_fdiv_r_2exp(q.get_mpz_t(), q.get_mpz_t(), 8 * k);
  return {to_le(r, k), to_le(q, k)};
}

}  // namespace zkgpu::zkvm::precompiles
