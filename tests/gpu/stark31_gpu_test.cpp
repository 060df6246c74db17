// CUDA StarkOps (arith / ntt / lde) against the CPU reference, bit for bit.
// Skips without a CUDA device.
#include <cuda_runtime_api.h>
#include <gtest/gtest.h>

#include <random>
#include <thread>
#include <tuple>
#include <utility>

#include "backends/cpu/stark_ops_cpu.hpp"
#include "backends/cuda/stark_ops_cuda.hpp"
#include "kernels/common/device_buffer.hpp"
#include "math/field31/field31.hpp"
#include "zkgpu/error.hpp"
#include "tests/gpu/gpu_test_util.hpp"
#include "tests/gpu/stark_gpu_fixture.hpp"

using namespace zkgpu;

namespace {

using gpu_test::random_values;

uint32_t prime(Field31 f) { return f == Field31::koalabear ? f31::KoalaBear::kP : f31::BabyBear::kP; }

class Stark31Gpu : public gpu_test::StarkGpuTest {
 protected:
  void check_ntt(Field31 f, size_t rows, size_t cols, std::mt19937_64& rng) {
    const auto orig = random_values(rows * cols, prime(f), rng);
    for (auto dir : {NttDirection::forward, NttDirection::inverse}) {
      auto want = orig, got = orig;
      cpu_.ntt(f, MatrixView{want.data(), rows, cols}, dir);
      gpu_->ntt(f, MatrixView{got.data(), rows, cols}, dir);
      ASSERT_EQ(got, want) << "field " << int(f) << " rows " << rows << " cols " << cols << " dir " << int(dir);
    }
  }

  void check_lde(Field31 f, size_t rows, size_t cols, unsigned log_blowup, std::mt19937_64& rng) {
    const auto in = random_values(rows * cols, prime(f), rng);
    const size_t big = rows << log_blowup;
    std::vector<uint32_t> want(big * cols), got(big * cols);
    cpu_.lde(f, ConstMatrixView{in.data(), rows, cols}, log_blowup, MatrixView{want.data(), big, cols});
    gpu_->lde(f, ConstMatrixView{in.data(), rows, cols}, log_blowup, MatrixView{got.data(), big, cols});
    ASSERT_EQ(got, want) << "field " << int(f) << " rows " << rows << " cols " << cols << " blowup 2^" << log_blowup;
  }

  CpuStarkOps cpu_{std::max(1u, std::thread::hardware_concurrency())};
};

const Field31 kFields[] = {Field31::koalabear, Field31::babybear};

}  // namespace

TEST_F(Stark31Gpu, ArithMatchesCpu) {
  std::mt19937_64 rng(1);
  for (Field31 f : kFields)
    for (size_t n : {size_t(1), size_t(2), size_t(1000), size_t(1) << 20}) {
      const auto a = random_values(n, prime(f), rng), b = random_values(n, prime(f), rng);
      for (ArithOp op : {ArithOp::add, ArithOp::sub, ArithOp::mul}) {
        std::vector<uint32_t> want(n), got(n);
        cpu_.arith(f, op, a, b, want);
        gpu_->arith(f, op, a, b, got);
        ASSERT_EQ(got, want) << int(op) << " n=" << n;
      }
      auto nz = a;
      for (auto& x : nz) x = x ? x : 1;
      std::vector<uint32_t> want(n), got(n);
      cpu_.arith(f, ArithOp::inv, nz, {}, want);
      gpu_->arith(f, ArithOp::inv, nz, {}, got);
      ASSERT_EQ(got, want) << "inv n=" << n;
    }
  const auto a = random_values(4 * 5001, f31::KoalaBear::kP, rng), b = random_values(4 * 5001, f31::KoalaBear::kP, rng);
  std::vector<uint32_t> want(a.size()), got(a.size());
  cpu_.arith(Field31::koalabear, ArithOp::ext_mul, a, b, want);
  gpu_->arith(Field31::koalabear, ArithOp::ext_mul, a, b, got);
  EXPECT_EQ(got, want);
  std::vector<uint32_t> z{5, 0}, out(2);
  EXPECT_THROW(gpu_->arith(Field31::koalabear, ArithOp::inv, z, {}, out), Error);
}

// Both tile widths (8 and 32 lines): wide, vectorised and narrow grouped tiles.
TEST_F(Stark31Gpu, NttSmallSizesAllColumnCounts) {
  std::mt19937_64 rng(2);
  for (unsigned lines : {8u, 32u}) {
    gpu_->set_ntt_policy({.tile_lines = lines});
    for (Field31 f : kFields)
      for (unsigned log_n = 0; log_n <= 13; ++log_n)
        for (size_t cols : {1, 2, 3, 7, 8, 9, 31, 32, 33, 64})
          if ((cols <= 9 || log_n % 4 == 1)) check_ntt(f, size_t(1) << log_n, cols, rng);
  }
}

// Forces small passes so the multi-pass paths (inter-pass twiddles, narrow tiles,
// bit-reversed stores across many blocks) run on sizes the CPU checks quickly.
TEST_F(Stark31Gpu, NttMultiPassPlans) {
  std::mt19937_64 rng(3);
  for (unsigned lines : {8u, 32u}) {
    for (unsigned max_log : {2u, 3u, 5u, 10u, 12u}) {
      gpu_->set_ntt_policy({.max_pass_log = max_log, .tile_lines = lines});
      for (Field31 f : kFields)
        for (unsigned log_n : {1u, 4u, 7u, 10u, 11u, 12u, 13u, 14u})
          for (size_t cols : {1, 3, 8, 16, 32, 40}) check_ntt(f, size_t(1) << log_n, cols, rng);
    }
  }
  EXPECT_THROW(gpu_->set_ntt_policy({.tile_lines = 16}), Error);
}

// Whole matrices of one edge value (0, 1, p - 1) through every pass kind.
TEST_F(Stark31Gpu, NttAndLdeOfConstantMatrices) {
  for (Field31 f : kFields)
    for (uint32_t fill : {0u, 1u, prime(f) - 1})
      for (size_t rows : {size_t(1), size_t(2), size_t(1) << 12, size_t(1) << 15})
        for (size_t cols : {1, 8, 9}) {
          const std::vector<uint32_t> orig(rows * cols, fill);
          for (auto dir : {NttDirection::forward, NttDirection::inverse}) {
            auto want = orig, got = orig;
            cpu_.ntt(f, MatrixView{want.data(), rows, cols}, dir);
            gpu_->ntt(f, MatrixView{got.data(), rows, cols}, dir);
            ASSERT_EQ(got, want) << "fill " << fill << " rows " << rows << " cols " << cols;
          }
          std::vector<uint32_t> want(2 * rows * cols), got(2 * rows * cols);
          cpu_.lde(f, ConstMatrixView{orig.data(), rows, cols}, 1, MatrixView{want.data(), 2 * rows, cols});
          gpu_->lde(f, ConstMatrixView{orig.data(), rows, cols}, 1, MatrixView{got.data(), 2 * rows, cols});
          ASSERT_EQ(got, want) << "lde fill " << fill << " rows " << rows << " cols " << cols;
        }
}

TEST_F(Stark31Gpu, NttLargeSizes) {
  std::mt19937_64 rng(4);
  check_ntt(Field31::koalabear, size_t(1) << 20, 5, rng);
  check_ntt(Field31::koalabear, size_t(1) << 24, 1, rng);
  check_ntt(Field31::babybear, size_t(1) << 25, 1, rng);
  check_ntt(Field31::babybear, size_t(1) << 16, 256, rng);
  check_ntt(Field31::koalabear, size_t(1) << 21, 16, rng);  // 16-byte vector passes across many blocks
  check_ntt(Field31::koalabear, size_t(1) << 21, 32, rng);  // 32-line tiles chosen by shape
}

// The tallest tiles of each width (2^12 rows x 8 lines, 2^10 rows x 32 lines) on
// large transforms.
TEST_F(Stark31Gpu, NttLargeTallestTiles) {
  std::mt19937_64 rng(7);
  for (unsigned lines : {8u, 32u}) {
    gpu_->set_ntt_policy({.max_pass_log = 12, .tile_lines = lines});
    check_ntt(Field31::koalabear, size_t(1) << 24, 1, rng);
    check_ntt(Field31::babybear, size_t(1) << 20, 9, rng);
    check_ntt(Field31::koalabear, size_t(1) << 20, 64, rng);
    check_lde(Field31::koalabear, size_t(1) << 18, 8, 2, rng);
  }
}

TEST_F(Stark31Gpu, LdeMatchesCpu) {
  std::mt19937_64 rng(5);
  for (unsigned lines : {8u, 32u}) {
    gpu_->set_ntt_policy({.tile_lines = lines});
    for (Field31 f : kFields)
      for (unsigned log_n : {0u, 1u, 2u, 5u, 10u, 12u})
        for (unsigned log_blowup : {0u, 1u, 2u, 3u})
          for (size_t cols : {1, 3, 8, 32}) check_lde(f, size_t(1) << log_n, cols, log_blowup, rng);
  }
  gpu_->set_ntt_policy({});
  check_lde(Field31::koalabear, size_t(1) << 20, 5, 2, rng);
  check_lde(Field31::babybear, size_t(1) << 14, 64, 1, rng);
  check_lde(Field31::koalabear, size_t(1) << 20, 16, 1, rng);
  check_lde(Field31::koalabear, size_t(1) << 20, 32, 1, rng);  // 8-line interpolation, 32-line evaluation
  check_lde(Field31::koalabear, size_t(1) << 22, 1, 2, rng);  // 2^24 rows out: KoalaBear's largest domain
  gpu_->set_ntt_policy({.max_pass_log = 4});
  check_lde(Field31::koalabear, size_t(1) << 13, 3, 2, rng);
}

// The explicit row bit-reversal: sizes 1, 2 and 2^k, word and 16-byte vector
// paths, against the CPU reference and the defining formula.
TEST_F(Stark31Gpu, BitReverseRowsMatchesCpu) {
  std::mt19937_64 rng(8);
  for (unsigned log_n : {0u, 1u, 2u, 3u, 7u, 10u, 16u, 20u})
    for (size_t cols : {1, 2, 3, 4, 5, 8, 64}) {
      if (log_n == 20 && cols > 8) continue;
      const size_t rows = size_t(1) << log_n;
      const auto orig = random_values(rows * cols, f31::KoalaBear::kP, rng);
      auto want = orig, got = orig;
      cpu_.bit_reverse_rows(MatrixView{want.data(), rows, cols});
      gpu_->bit_reverse_rows(MatrixView{got.data(), rows, cols});
      ASSERT_EQ(got, want) << "rows " << rows << " cols " << cols;
      for (size_t i = 0; i < rows; i += 1 + rows / 97) {
        size_t r = 0;
        for (unsigned b = 0; b < log_n; ++b) r |= ((i >> b) & 1) << (log_n - 1 - b);
        for (size_t c = 0; c < cols; ++c) ASSERT_EQ(got[r * cols + c], orig[i * cols + c]) << "row " << i;
      }
    }
  // Twice is the identity.
  const size_t rows = size_t(1) << 12, cols = 8;
  auto m = random_values(rows * cols, f31::BabyBear::kP, rng);
  const auto orig = m;
  gpu_->bit_reverse_rows(MatrixView{m.data(), rows, cols});
  gpu_->bit_reverse_rows(MatrixView{m.data(), rows, cols});
  EXPECT_EQ(m, orig);
  std::vector<uint32_t> odd(3 * 4, 1);
  EXPECT_THROW(gpu_->bit_reverse_rows(MatrixView{odd.data(), 3, 4}), Error);
  EXPECT_NO_THROW(gpu_->bit_reverse_rows(MatrixView{odd.data(), 1, 12}));
}

TEST_F(Stark31Gpu, RequestLargerThanDeviceMemoryFailsCleanlyAndNextCallWorks) {
  // 2^24 rows x 2^13 columns = 512 GiB: rejected before any host data is read.
  std::vector<uint32_t> tiny(16, 1);
  try {
    gpu_->ntt(Field31::koalabear, MatrixView{tiny.data(), size_t(1) << 24, size_t(1) << 13}, NttDirection::forward);
    FAIL() << "expected out_of_memory";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::out_of_memory) << e.what();
  }
  try {
    gpu_->lde(Field31::babybear, ConstMatrixView{tiny.data(), size_t(1) << 22, 4096}, 2,
              MatrixView{tiny.data(), size_t(1) << 24, 4096});
    FAIL() << "expected out_of_memory";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::out_of_memory) << e.what();
  }
  std::mt19937_64 rng(6);
  check_ntt(Field31::koalabear, 1024, 3, rng);
  check_lde(Field31::koalabear, 256, 2, 1, rng);
}

// A job that passes the up-front size check but whose allocation fails because
// other buffers hold the memory: a clear out_of_memory error, no sticky CUDA
// error, and the next job (and the next kernel launch) works.
TEST_F(Stark31Gpu, AllocationFailureIsCleanAndNextCallWorks) {
  size_t free_b = 0, total_b = 0;
  ASSERT_EQ(cudaMemGetInfo(&free_b, &total_b), cudaSuccess);
  const size_t rows = size_t(1) << 24, cols = 16;  // 1 GiB per device copy, 2 GiB per job
  ASSERT_GT(free_b, size_t(3) << 30);
  std::vector<uint32_t> host(rows * cols);
  for (size_t i = 0; i < host.size(); ++i) host[i] = uint32_t((i * 2654435761u) % prime(Field31::koalabear));
  {
    // Leave about 1 GiB free: the job's second buffer cannot be allocated.
    cuda::DeviceBuffer<uint8_t> blocker(free_b - (size_t(1) << 30), stream_);
    ASSERT_EQ(cudaStreamSynchronize(stream_), cudaSuccess);
    try {
      gpu_->ntt(Field31::koalabear, MatrixView{host.data(), rows, cols}, NttDirection::forward);
      FAIL() << "expected out_of_memory";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::out_of_memory) << e.what();
    }
    // A raw allocation larger than the device also fails cleanly.
    EXPECT_THROW((void)cuda::DeviceBuffer<uint32_t>(total_b, stream_), Error);
  }
  ASSERT_EQ(cudaStreamSynchronize(stream_), cudaSuccess);
  std::mt19937_64 rng(8);
  std::vector<uint32_t> a = random_values(4096, prime(Field31::koalabear), rng), b = a, want(4096), got(4096);
  cpu_.arith(Field31::koalabear, ArithOp::mul, a, b, want);
  gpu_->arith(Field31::koalabear, ArithOp::mul, a, b, got);
  EXPECT_EQ(got, want);
  check_ntt(Field31::koalabear, size_t(1) << 16, 4, rng);
  // The big job itself runs once the memory is back.
  auto want_big = host;
  gpu_->ntt(Field31::koalabear, MatrixView{host.data(), rows, cols}, NttDirection::forward);
  cpu_.ntt(Field31::koalabear, MatrixView{want_big.data(), rows, cols}, NttDirection::forward);
  EXPECT_EQ(host, want_big);
}

namespace {

// Resident matrices: upload -> LDE -> commit -> open on the device gives the CPU
// backend's chain bit for bit, and the input stays as uploaded.
TEST_F(Stark31Gpu, ResidentLdeCommitOpenMatchesTheCpuChain) {
  std::mt19937_64 rng(21);
  for (Field31 f : {Field31::koalabear, Field31::babybear})
    for (auto [rows, cols, log_blowup] : {std::tuple{size_t(1) << 10, size_t(8), 1u}, std::tuple{size_t(1) << 14, size_t(33), 2u}}) {
      const auto trace = random_values(rows * cols, prime(f), rng);
      const size_t big = rows << log_blowup;
      auto chain = [&](StarkOps& ops, std::vector<uint32_t>& ext_host, std::vector<uint32_t>& in_back) {
        const auto in = ops.upload(f, ConstMatrixView{trace.data(), rows, cols});
        auto ext = ops.lde(*in, log_blowup);
        const ResidentMatrix* m[] = {ext.get()};
        auto tree = ops.merkle_commit(m);
        ext_host.resize(big * cols);
        in_back.resize(rows * cols);
        ops.download(*ext, MatrixView{ext_host.data(), big, cols});
        ops.download(*in, MatrixView{in_back.data(), rows, cols});
        // The tree borrows the LDE: it goes first (a pair destroys its second first).
        return std::pair{std::move(ext), std::move(tree)};
      };
      std::vector<uint32_t> want_ext, want_in, got_ext, got_in;
      const auto [want_lde, want] = chain(cpu_, want_ext, want_in);
      const auto [got_lde, got] = chain(*gpu_, got_ext, got_in);
      ASSERT_EQ(got_ext, want_ext) << "field " << int(f) << " rows " << rows;
      EXPECT_EQ(got_in, trace);
      EXPECT_EQ(got->root(), want->root());
      EXPECT_EQ(got->commitment(), want->commitment());
      for (size_t row : {size_t(0), size_t(3), big - 1}) {
        const MerkleOpening a = got->open(row), b = want->open(row);
        EXPECT_EQ(a.row, b.row);
        EXPECT_EQ(a.siblings, b.siblings);
      }
    }
  // A CPU matrix is not the CUDA backend's.
  std::vector<uint32_t> v(16, 1);
  const auto cpu_matrix = cpu_.upload(Field31::koalabear, ConstMatrixView{v.data(), 8, 2});
  EXPECT_THROW(gpu_->lde(*cpu_matrix, 1), Error);
}

}  // namespace
