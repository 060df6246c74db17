#pragma once
// Uniform scalars for the prover's blinding factors r and s.
#include "math/bn254/u256.hpp"

namespace zkgpu::groth16 {

// A uniform integer in [0, r) from the OS CSPRNG (getrandom), by rejection
// sampling of 254-bit values. Error(internal) if the OS cannot provide entropy.
bn254::FrRaw random_fr();

}  // namespace zkgpu::groth16
