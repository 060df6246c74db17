// The host hooks (SP1 v6 crates/core/executor/src/hook.rs). Each takes the bytes
// the guest wrote to the hook's fd and returns the hint entries, in order; each
// throws PrecompileError where SP1's hook panics.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "zkvm/precompiles/precompile.hpp"

namespace zkgpu::zkvm::precompiles {

using HookOutput = std::vector<std::vector<uint8_t>>;

// FD_ECRECOVER_HOOK. In: 65 bytes, (curve_id | y_is_odd << 7), r, alpha (big-endian;
// curve 1 = secp256k1, 2 = secp256r1; alpha = r^3 + a r + b). Out: {1}, y, r^-1 mod n
// when alpha is a square (y its root of the requested parity), else {0}, sqrt(3 alpha).
HookOutput hook_ecrecover(std::span<const uint8_t> in);

// FD_EDDECOMPRESS. In: compressed y (32 bytes LE, bit 255 the sign), then
// v = d y^2 + 1 (LE). Out: {1} when y decompresses; {0} when y >= p; else {0},
// v^-1, sqrt(2 u / v) (32 bytes LE each, u = y^2 - 1).
HookOutput hook_ed_decompress(std::span<const uint8_t> in);

// FD_RSA_MUL_MOD. In: product (2k bytes LE) then modulus (k bytes LE), k in
// {256, 384, 512}. Out: product mod m, floor(product / m) mod 2^(8k) (k bytes LE each).
HookOutput hook_rsa_mul_mod(std::span<const uint8_t> in);

// FD_BLS12_381_SQRT. In: a (48 bytes BE; more bytes ignored). Out: {1}, sqrt(a), or
// {0}, sqrt(2 a) when a is not a square (48 bytes BE).
HookOutput hook_bls12_381_sqrt(std::span<const uint8_t> in);

// FD_BLS12_381_INVERSE. In: a (48 bytes BE; more ignored), a != 0. Out: a^-1 (48 BE).
HookOutput hook_bls12_381_inverse(std::span<const uint8_t> in);

// FD_FP_SQRT. In: len (u32 BE), a, m, nqr (len bytes BE each; a, nqr < m). Out: {1},
// sqrt(a), or {0}, sqrt(nqr a) when a is not a square mod m (len bytes BE).
HookOutput hook_fp_sqrt(std::span<const uint8_t> in);

// FD_FP_INV. In: len (u32 BE), a, m (len bytes BE each), a != 0. Out: a^(m-2) mod m.
HookOutput hook_fp_inverse(std::span<const uint8_t> in);

}  // namespace zkgpu::zkvm::precompiles
