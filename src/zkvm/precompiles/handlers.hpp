// The precompile families; table.cpp gathers them into the one table.
#pragma once

#include <span>

#include "zkvm/precompiles/precompile.hpp"

namespace zkgpu::zkvm::precompiles {

void uint256_mul(GuestMemory& mem, const SyscallArgs& args);
void uint256_add_carry(GuestMemory& mem, const SyscallArgs& args);
void uint256_mul_carry(GuestMemory& mem, const SyscallArgs& args);

// BN254 and BLS12-381 Fp and Fp2 add / sub / mul.
std::span<const Precompile> field_precompiles();
// secp256k1, secp256r1, BN254 and BLS12-381 point add / double.
std::span<const Precompile> weierstrass_precompiles();
// Ed25519 point add and decompress.
std::span<const Precompile> edwards_precompiles();

}  // namespace zkgpu::zkvm::precompiles
