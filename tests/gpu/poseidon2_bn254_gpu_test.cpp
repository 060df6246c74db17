// Bn254Ops::poseidon2_x3 (BN254 width-3 Poseidon2) of the CUDA backend against
// the CPU backend, bit for bit, on random and edge states (0, 1, r - 1) and
// batch sizes 1, 2, odd and large; plus HorizenLabs' known answer on the GPU.
// Skips without a CUDA device.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "tests/gpu/bn254_gpu_fixture.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu {
namespace {

using bn254::Fr;
using bn254::U256;

class Poseidon2Bn254Gpu : public gpu_test::Bn254GpuFixture {};

// r - 1, 0 and 1 mixed into random elements below r.
std::vector<Fr> random_states(size_t states, std::mt19937_64& rng) {
  const U256 r_minus_1{{0x43e1f593f0000000, 0x2833e84879b97091, 0xb85045b68181585d, 0x30644e72e131a029}};
  std::vector<Fr> v(3 * states);
  for (auto& x : v) {
    switch (rng() % 6) {
      case 0:
        x = Fr::zero();
        break;
      case 1:
        x = Fr::one();
        break;
      case 2:
        x = Fr::from_canonical(r_minus_1);
        break;
      default:
        x = Fr::from_canonical(U256{{rng(), rng(), rng(), rng() >> 3}});  // < 2^253 < r
    }
  }
  return v;
}

TEST_F(Poseidon2Bn254Gpu, MatchesCpu) {
  std::mt19937_64 rng(31);
  for (size_t n : {1u, 2u, 3u, 127u, 128u, 129u, 1000u, 65537u}) {
    auto want = random_states(n, rng);
    if (n == 3) {  // whole states of 0, 1 and r - 1
      for (int k = 0; k < 3; ++k) {
        want[k] = Fr::zero();
        want[3 + k] = Fr::one();
        want[6 + k] = Fr::zero() - Fr::one();
      }
    }
    auto got = want;
    cpu_.poseidon2_x3(want);
    gpu_->poseidon2_x3(got);
    ASSERT_EQ(got.size(), want.size());
    for (size_t i = 0; i < got.size(); ++i)
      ASSERT_EQ(got[i].to_canonical(), want[i].to_canonical()) << "n " << n << " i " << i;
  }
}

// HorizenLabs/poseidon2 plain_implementations, poseidon2_tests_bn256::kats.
TEST_F(Poseidon2Bn254Gpu, KnownAnswer) {
  std::vector<Fr> s = {Fr::from_u64(0), Fr::from_u64(1), Fr::from_u64(2)};
  gpu_->poseidon2_x3(s);
  EXPECT_EQ(s[0].to_canonical(),
            (U256{{0x47f760054f4a3033, 0x8134334da98ea4f8, 0xbcb1929a82650f32, 0x0bb61d24daca55ee}}));
  EXPECT_EQ(s[1].to_canonical(),
            (U256{{0x92defe7ff8d03570, 0x77a15d3f74ca6549, 0xcbcc80214f26a302, 0x303b6f7c86d043bf}}));
  EXPECT_EQ(s[2].to_canonical(),
            (U256{{0x86296242cf766ec8, 0xe660b145994427cc, 0xf8617361c3ba7c52, 0x1ed25194542b12ee}}));
}

TEST_F(Poseidon2Bn254Gpu, RejectsPartialStatesAndAcceptsEmpty) {
  std::vector<Fr> v(4, Fr::one());
  try {
    gpu_->poseidon2_x3(v);
    FAIL() << "4 elements accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::invalid_argument);
  }
  std::vector<Fr> none;
  EXPECT_NO_THROW(gpu_->poseidon2_x3(none));
}

}  // namespace
}  // namespace zkgpu
