#pragma once
// Parameters of the 31-bit STARK fields, with the constants read from Plonky3.
#include <cstdint>

#include "math/hd.hpp"

namespace zkgpu::f31 {

// KoalaBear, p = 2^31 - 2^24 + 1: the field SP1 v6 proves over.
// Source: Plonky3/Plonky3 koala-bear/src/koala_bear.rs (PRIME = 0x7f000001,
// MONTY_MU = 0x81000001, GEN = 3, TWO_ADIC_GENERATORS; TWO_ADIC_GENERATORS[24] =
// 0x6ac49f88 = 3^127, and entry k is its 2^(24-k)-th power).
struct KoalaBearParams {
  static constexpr uint32_t kP = 0x7f000001;
  static constexpr uint32_t kGenerator = 3;
  static constexpr unsigned kTwoAdicity = 24;
  static constexpr const char* kName = "koalabear";
  static ZK_HD_CONSTEXPR uint32_t two_adic_generator(unsigned bits) {
    switch (bits) {
      case 0: return 0x1;
      case 1: return 0x7f000000;
      case 2: return 0x7e010002;
      case 3: return 0x6832fe4a;
      case 4: return 0x08dbd69c;
      case 5: return 0x0a28f031;
      case 6: return 0x5c4a5b99;
      case 7: return 0x29b75a80;
      case 8: return 0x17668b8a;
      case 9: return 0x27ad539b;
      case 10: return 0x334d48c7;
      case 11: return 0x7744959c;
      case 12: return 0x768fc6fa;
      case 13: return 0x303964b2;
      case 14: return 0x3e687d4d;
      case 15: return 0x45a60e61;
      case 16: return 0x6e2f4d7a;
      case 17: return 0x163bd499;
      case 18: return 0x6c4a8a45;
      case 19: return 0x143ef899;
      case 20: return 0x514ddcad;
      case 21: return 0x484ef19b;
      case 22: return 0x205d63c3;
      case 23: return 0x68e7dd49;
      default: return 0x6ac49f88;  // 24
    }
  }
};

// BabyBear, p = 2^31 - 2^27 + 1.
// Source: Plonky3/Plonky3 baby-bear/src/baby_bear.rs (P = 0x78000001,
// MONTY_MU = 0x88000001, generator 0x1f, two_adic_generator(bits) table;
// entry 27 = 0x1a427a41).
struct BabyBearParams {
  static constexpr uint32_t kP = 0x78000001;
  static constexpr uint32_t kGenerator = 0x1f;
  static constexpr unsigned kTwoAdicity = 27;
  static constexpr const char* kName = "babybear";
  static ZK_HD_CONSTEXPR uint32_t two_adic_generator(unsigned bits) {
    switch (bits) {
      case 0: return 0x1;
      case 1: return 0x78000000;
      case 2: return 0x67055c21;
      case 3: return 0x5ee99486;
      case 4: return 0x0bb4c4e4;
      case 5: return 0x2d4cc4da;
      case 6: return 0x669d6090;
      case 7: return 0x17b56c64;
      case 8: return 0x67456167;
      case 9: return 0x688442f9;
      case 10: return 0x145e952d;
      case 11: return 0x4fe61226;
      case 12: return 0x4c734715;
      case 13: return 0x11c33e2a;
      case 14: return 0x62c3d2b1;
      case 15: return 0x77cad399;
      case 16: return 0x54c131f4;
      case 17: return 0x4cabd6a6;
      case 18: return 0x5cf5713f;
      case 19: return 0x3e9430e8;
      case 20: return 0x0ba067a3;
      case 21: return 0x18adc27d;
      case 22: return 0x21fd55bc;
      case 23: return 0x4b859b3d;
      case 24: return 0x3bd57996;
      case 25: return 0x4483d85a;
      case 26: return 0x3a26eef8;
      default: return 0x1a427a41;  // 27
    }
  }
};

}  // namespace zkgpu::f31
