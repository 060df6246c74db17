// SP1's Reed-Solomon encoding for BaseFold (CpuDftEncoder::encode_batch in
// succinctlabs/sp1 slop/crates/basefold-prover/src/encoder.rs, Radix2DitParallel's
// coset_dft_into in slop/crates/dft/src/p3.rs): each column of the message is the
// COEFFICIENT vector of a polynomial (the multilinear's hypercube values, in
// order); it is zero-padded to n << log_blowup and evaluated on the subgroup of
// that size (shift 1, no coset), rows in bit-reversed order. Row i of the codeword
// is therefore the evaluation at w^bitrev(i), the point sp1/pcs/basefold.cpp
// queries. The backend computes it (StarkOps::rs_encode: a forward NTT of the
// padded matrix and its row bit-reversal) and may keep it resident.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "backends/stark_ops.hpp"
#include "sp1/wire/config.hpp"

namespace zkgpu::sp1::prover {

// message: height x width canonical KoalaBear values, row-major (height a power of
// two, width at least 1). The codeword, (height << log_blowup) x width, resident
// on ops's backend (StarkOps::rs_encode).
std::unique_ptr<ResidentMatrix> rs_encode_resident(StarkOps& ops, std::span<const uint32_t> message, size_t height,
                                                   size_t width, unsigned log_blowup);

// The same codeword in host memory, row-major.
std::vector<uint32_t> rs_encode(StarkOps& ops, std::span<const uint32_t> message, size_t height, size_t width,
                                unsigned log_blowup);

// The same for a column of extension elements, as SP1 encodes its batched
// multilinear: the four base coordinates as four columns.
std::vector<wire::EF> rs_encode_ext(StarkOps& ops, std::span<const wire::EF> message, unsigned log_blowup);

}  // namespace zkgpu::sp1::prover
