// CUDA Poseidon2 (batched permutations) and the CUDA tensor commitment against
// the CPU reference, bit for bit. Skips without a CUDA device.
#include <cuda_runtime_api.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <thread>
#include <vector>

#include "math/merkle/verify.hpp"
#include "backends/cpu/stark_ops_cpu.hpp"
#include "backends/cuda/stark_ops_cuda.hpp"
#include "kernels/common/device_buffer.hpp"
#include "kernels/poseidon2/poseidon2_kernels.hpp"
#include "math/poseidon2/host31.hpp"
#include "math/poseidon2/poseidon2_bn254.hpp"
#include "tests/gpu/gpu_test_util.hpp"
#include "tests/gpu/stark_gpu_fixture.hpp"

using namespace zkgpu;

namespace {

using gpu_test::random_values;

class Poseidon2Gpu : public gpu_test::StarkGpuTest {
 protected:
  ErrorCode error_of(auto&& fn) {
    try {
      fn();
    } catch (const Error& e) {
      return e.code();
    }
    return ErrorCode::ok;
  }

  CpuStarkOps cpu_{std::max(1u, std::thread::hardware_concurrency())};
};

TEST_F(Poseidon2Gpu, PermutationMatchesCpu) {
  std::mt19937_64 rng(1);
  for (Field31 f : {Field31::koalabear, Field31::babybear}) {
    const uint32_t p = poseidon2::modulus(f);
    for (size_t n : {1u, 2u, 3u, 127u, 128u, 129u, 4097u, 65536u, 1u << 20}) {
      auto want = random_values(16 * n, p, rng);
      if (n == 3) {  // whole states of 0, 1 and p - 1
        std::fill(want.begin(), want.begin() + 16, 0u);
        std::fill(want.begin() + 16, want.begin() + 32, 1u);
        std::fill(want.begin() + 32, want.end(), p - 1);
      }
      auto got = want;
      cpu_.poseidon2(f, 16, want);
      gpu_->poseidon2(f, 16, got);
      ASSERT_EQ(got, want) << "field " << int(f) << " states " << n;
    }
  }
}

TEST_F(Poseidon2Gpu, RejectsBadArguments) {
  std::vector<uint32_t> v(32, 3);
  EXPECT_EQ(error_of([&] { gpu_->poseidon2(Field31::koalabear, 24, v); }), ErrorCode::invalid_argument);
  v[5] = poseidon2::modulus(Field31::koalabear);
  EXPECT_EQ(error_of([&] { gpu_->poseidon2(Field31::koalabear, 16, v); }), ErrorCode::invalid_argument);
  std::vector<uint32_t> empty;
  EXPECT_EQ(error_of([&] { gpu_->poseidon2(Field31::koalabear, 16, empty); }), ErrorCode::ok);
}

TEST_F(Poseidon2Gpu, Bn254Width3MatchesCpu) {
  using P = poseidon2::Bn254x3;
  std::mt19937_64 rng(2);
  const size_t n = 1000;
  std::vector<P::F> states(3 * n);
  for (size_t i = 0; i < states.size(); ++i) {
    const auto k = rng() % 4;
    bn254::U256 v{{rng(), rng(), rng(), rng() >> 3}};  // < 2^253 < r
    states[i] = k == 0 ? P::F::zero() : k == 1 ? P::F::one() : k == 2 ? -P::F::one() : P::F::from_canonical(v);
  }
  std::vector<P::F> want = states;
  for (size_t s = 0; s < n; ++s) {
    P::F st[3] = {want[3 * s], want[3 * s + 1], want[3 * s + 2]};
    P::permute(st, P::host_constants());
    for (int i = 0; i < 3; ++i) want[3 * s + i] = st[i];
  }
  std::vector<uint64_t> words(12 * n);
  for (size_t i = 0; i < states.size(); ++i)
    for (int l = 0; l < 4; ++l) words[4 * i + l] = states[i].limbs[l];
  cuda::DeviceBuffer<uint64_t> d(words.size(), stream_);
  d.upload(words);
  cuda::poseidon2_bn254x3_permute(d.data(), n, stream_);
  d.download(words);
  for (size_t i = 0; i < states.size(); ++i)
    for (int l = 0; l < 4; ++l) ASSERT_EQ(words[4 * i + l], want[i].limbs[l]) << "element " << i;
}

struct Tensor {
  std::vector<std::vector<uint32_t>> data;
  std::vector<ConstMatrixView> views;
};

Tensor make_tensor(size_t height, const std::vector<size_t>& widths, uint32_t p, std::mt19937_64& rng) {
  Tensor t;
  t.data.reserve(widths.size());
  for (size_t w : widths) {
    t.data.push_back(random_values(height * w, p, rng));
    t.views.push_back({t.data.back().data(), height, w});
  }
  return t;
}

TEST_F(Poseidon2Gpu, MerkleCommitMatchesCpu) {
  std::mt19937_64 rng(3);
  const std::vector<std::vector<size_t>> shapes = {{1}, {8}, {16}, {7, 9, 33}, {3, 1, 8, 16, 2}};
  for (Field31 f : {Field31::koalabear, Field31::babybear}) {
    const uint32_t p = poseidon2::modulus(f);
    for (size_t height : {1u, 2u, 4u, 512u, 1024u, 8192u}) {
      for (const auto& widths : shapes) {
        const Tensor t = make_tensor(height, widths, p, rng);
        size_t width = 0;
        for (size_t w : widths) width += w;
        auto want = cpu_.merkle_commit(f, t.views);
        auto got = gpu_->merkle_commit(f, t.views);
        ASSERT_EQ(got->root(), want->root()) << "field " << int(f) << " height " << height << " width " << width;
        ASSERT_EQ(got->commitment(), want->commitment());
        ASSERT_EQ(got->height(), height);
        for (size_t row : {size_t(0), height - 1, size_t(rng() % height)}) {
          const MerkleOpening og = got->open(row), oc = want->open(row);
          ASSERT_EQ(og.row, oc.row);
          ASSERT_EQ(og.siblings, oc.siblings);
          ASSERT_TRUE(verify_opening(f, got->commitment(), height, width, row, og));
          MerkleOpening bad = og;
          bad.row[rng() % width] ^= 1;
          ASSERT_FALSE(verify_opening(f, got->commitment(), height, width, row, bad));
        }
        EXPECT_EQ(error_of([&] { got->open(height); }), ErrorCode::invalid_argument);
      }
    }
  }
}

// Tall trees: many one-launch levels below the single-block top, several matrices
// of different (odd) widths, openings checked by the CPU verifier.
TEST_F(Poseidon2Gpu, MerkleCommitLargeMatchesCpu) {
  std::mt19937_64 rng(4);
  const uint32_t p = poseidon2::modulus(Field31::koalabear);
  for (const auto& [log_h, widths] : std::vector<std::pair<unsigned, std::vector<size_t>>>{
           {20, {8}}, {18, {5, 3, 17, 64}}, {16, {256}}}) {
    const size_t height = size_t(1) << log_h;
    const Tensor t = make_tensor(height, widths, p, rng);
    size_t width = 0;
    for (size_t w : widths) width += w;
    auto want = cpu_.merkle_commit(Field31::koalabear, t.views);
    auto got = gpu_->merkle_commit(Field31::koalabear, t.views);
    ASSERT_EQ(got->root(), want->root()) << "height 2^" << log_h << " width " << width;
    ASSERT_EQ(got->commitment(), want->commitment());
    for (size_t row : {size_t(0), height / 2 - 1, height / 2, height - 1, size_t(rng() % height)}) {
      const MerkleOpening og = got->open(row);
      ASSERT_EQ(og.siblings, want->open(row).siblings) << "row " << row;
      ASSERT_EQ(og.siblings.size(), log_h);
      ASSERT_TRUE(verify_opening(Field31::koalabear, got->commitment(), height, width, row, og)) << "row " << row;
      ASSERT_FALSE(verify_opening(Field31::koalabear, got->commitment(), height, width, row ^ 1, og));
    }
  }
}

TEST_F(Poseidon2Gpu, MerkleCommitEdgeValues) {
  for (uint32_t fill : {0u, 1u, poseidon2::modulus(Field31::koalabear) - 1}) {
    std::vector<uint32_t> m(256 * 12, fill);
    const std::vector<ConstMatrixView> v = {{m.data(), 256, 12}};
    EXPECT_EQ(gpu_->merkle_commit(Field31::koalabear, v)->commitment(),
              cpu_.merkle_commit(Field31::koalabear, v)->commitment());
  }
}

TEST_F(Poseidon2Gpu, MerkleCommitRejectsBadInput) {
  std::vector<uint32_t> a(4 * 3, 1), b(8 * 3, 1);
  const std::vector<ConstMatrixView> mixed = {{a.data(), 4, 3}, {b.data(), 8, 3}};
  EXPECT_EQ(error_of([&] { gpu_->merkle_commit(Field31::koalabear, mixed); }), ErrorCode::invalid_argument);
  a[7] = poseidon2::modulus(Field31::babybear);
  const std::vector<ConstMatrixView> one = {{a.data(), 4, 3}};
  EXPECT_EQ(error_of([&] { gpu_->merkle_commit(Field31::babybear, one); }), ErrorCode::invalid_argument);
}

}  // namespace
