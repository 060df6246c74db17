#pragma once
// The concrete 31-bit STARK field types.
#include "math/field31/ext4.hpp"
#include "math/field31/monty31.hpp"
#include "math/field31/params.hpp"

namespace zkgpu::f31 {

using KoalaBear = Monty31<KoalaBearParams>;
using BabyBear = Monty31<BabyBearParams>;
// SP1's extension field: KoalaBear[x] / (x^4 - 3).
using KoalaBearExt4 = Ext4<KoalaBear, 3>;

static_assert(KoalaBear::kMu == 0x81000001u, "Plonky3 MONTY_MU for KoalaBear");
static_assert(BabyBear::kMu == 0x88000001u, "Plonky3 MONTY_MU for BabyBear");

}  // namespace zkgpu::f31
