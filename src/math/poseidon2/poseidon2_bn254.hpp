#pragma once
// Poseidon2 over the BN254 scalar field, width 3 (SP1's outer-layer hash), host and
// device. S-box x^5, 4 + 4 full rounds, 56 partial rounds. Linear layers as in
// HorizenLabs/poseidon2 plain_implementations/src/poseidon2/poseidon2.rs for t = 3
// (and Plonky3/Plonky3 bn254/src/poseidon2.rs, SP1's poseidon2_bn254_3.cuh):
//   external: circ(2, 1, 1)                    s_i += s0 + s1 + s2
//   internal: [[2,1,1],[1,2,1],[1,1,3]]       s_i += sum, with s2 doubled first
// Round structure is the one of the 31-bit instances (see poseidon2_31.hpp).
#include <cstdint>

#include "math/bn254/fields.hpp"
#include "math/hd.hpp"
#include "math/poseidon2/constants_bn254x3.hpp"

namespace zkgpu::poseidon2 {

struct Bn254x3 {
  using F = bn254::Fr;
  static constexpr int kWidth = 3;
  static constexpr int kHalfFull = 4;
  static constexpr int kPartial = 56;

  // Round constants in Montgomery form.
  struct Constants {
    F initial[kHalfFull][kWidth];
    F internal[kPartial];
    F terminal[kHalfFull][kWidth];
  };

  static Constants make_constants() {
    auto fe = [](const uint64_t (&l)[4]) { return F::from_canonical(bn254::U256{{l[0], l[1], l[2], l[3]}}); };
    Constants c{};
    for (int r = 0; r < kHalfFull; ++r)
      for (int i = 0; i < kWidth; ++i) {
        c.initial[r][i] = fe(constants::bn254x3_initial[r][i]);
        c.terminal[r][i] = fe(constants::bn254x3_terminal[r][i]);
      }
    for (int r = 0; r < kPartial; ++r) c.internal[r] = fe(constants::bn254x3_internal[r]);
    return c;
  }

  // The host copy, built once.
  static const Constants& host_constants() {
    static const Constants c = make_constants();
    return c;
  }

  static ZK_HD F sbox(const F& x) {
    const F x2 = x.sqr();
    return x2.sqr() * x;
  }

  static ZK_HD void external_layer(F (&s)[kWidth]) {
    const F sum = s[0] + s[1] + s[2];
    s[0] += sum;
    s[1] += sum;
    s[2] += sum;
  }

  static ZK_HD void internal_layer(F (&s)[kWidth]) {
    const F sum = s[0] + s[1] + s[2];
    s[0] += sum;
    s[1] += sum;
    s[2] = s[2].dbl() + sum;
  }

  static ZK_HD void permute(F (&s)[kWidth], const Constants& rc) {
    external_layer(s);
    for (int r = 0; r < kHalfFull; ++r) {
      for (int i = 0; i < kWidth; ++i) s[i] = sbox(s[i] + rc.initial[r][i]);
      external_layer(s);
    }
    for (int r = 0; r < kPartial; ++r) {
      s[0] = sbox(s[0] + rc.internal[r]);
      internal_layer(s);
    }
    for (int r = 0; r < kHalfFull; ++r) {
      for (int i = 0; i < kWidth; ++i) s[i] = sbox(s[i] + rc.terminal[r][i]);
      external_layer(s);
    }
  }
};

}  // namespace zkgpu::poseidon2
