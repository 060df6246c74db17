#include "sp1/pcs/iop.hpp"

#include <algorithm>

#include "math/poseidon2/poseidon2_bn254.hpp"
#include "math/poseidon2/sponge31.hpp"

namespace zkgpu::sp1::pcs {

namespace {
using Kb = poseidon2::KoalaBear16;
using Bn = poseidon2::Bn254x3;
}  // namespace

wire::InnerDigest Iop<wire::InnerConfig>::hash(std::span<const F> values) {
  poseidon2::Sponge31<Kb> sponge;
  for (F x : values) sponge.absorb(x, poseidon2::kHostConstants<Kb>);
  F out[poseidon2::kDigest31];
  sponge.finish(out, poseidon2::kHostConstants<Kb>);
  Digest d;
  std::copy(out, out + poseidon2::kDigest31, d.begin());
  return d;
}

wire::InnerDigest Iop<wire::InnerConfig>::compress(const Digest& left, const Digest& right) {
  F l[poseidon2::kDigest31], r[poseidon2::kDigest31], out[poseidon2::kDigest31];
  std::copy(left.begin(), left.end(), l);
  std::copy(right.begin(), right.end(), r);
  poseidon2::compress<Kb>(l, r, out, poseidon2::kHostConstants<Kb>);
  Digest d;
  std::copy(out, out + poseidon2::kDigest31, d.begin());
  return d;
}

wire::OuterDigest Iop<wire::OuterConfig>::hash(std::span<const F> values) {
  constexpr size_t kBlock = 16;
  constexpr size_t kChunk = transcript::kPackedPerScalar;
  bn254::Fr s[3] = {bn254::Fr::zero(), bn254::Fr::zero(), bn254::Fr::zero()};
  for (size_t start = 0; start < values.size(); start += kBlock) {
    const size_t end = std::min(values.size(), start + kBlock);
    for (size_t c = start, slot = 0; c < end; c += kChunk, ++slot)
      s[slot] = transcript::pack_koalabear(values.subspan(c, std::min(kChunk, end - c)));
    Bn::permute(s, Bn::host_constants());
  }
  return {s[0]};
}

wire::OuterDigest Iop<wire::OuterConfig>::compress(const Digest& left, const Digest& right) {
  bn254::Fr s[3] = {left[0], right[0], bn254::Fr::zero()};
  Bn::permute(s, Bn::host_constants());
  return {s[0]};
}

}  // namespace zkgpu::sp1::pcs
