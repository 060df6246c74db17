// The primitive-op handlers on the CPU backend against independent small
// computations: plain modular arithmetic, the extension product written out,
// a naive O(n^2) DFT, direct polynomial evaluation for the LDE, the Poseidon2
// permutation and the tensor commitment assembled from hash / compress. Also
// progress, cancellation and the memory estimates.
#include <gtest/gtest.h>

#include <random>

#include "field31_naive.hpp"
#include "math/bn254/domain.hpp"
#include "math/field31/params.hpp"
#include "math/poseidon2/host31.hpp"
#include "math/poseidon2/poseidon2_bn254.hpp"
#include "pipeline_test_util.hpp"
#include "pipelines/stark_body.hpp"

namespace zkgpu {
namespace {

using namespace stark_body;
using test::error_of;
using test31::invmod;
using test31::powmod;

struct FieldCase {
  FieldId id;
  uint64_t p;
  uint64_t generator;
  uint64_t (*two_adic)(unsigned);
};

const FieldCase kFields[] = {
    {FieldId::koalabear, f31::KoalaBearParams::kP, f31::KoalaBearParams::kGenerator,
     [](unsigned b) { return uint64_t(f31::KoalaBearParams::two_adic_generator(b)); }},
    {FieldId::babybear, f31::BabyBearParams::kP, f31::BabyBearParams::kGenerator,
     [](unsigned b) { return uint64_t(f31::BabyBearParams::two_adic_generator(b)); }},
};

std::vector<uint32_t> random_values(size_t n, uint64_t p, std::mt19937_64& rng) {
  return test31::random_values(n, uint32_t(p), rng);
}

TEST(PipelineStarkOps, ArithMatchesPlainModularArithmetic) {
  test::HandlerRunner run;
  std::mt19937_64 rng(11);
  for (const FieldCase& f : kFields)
    for (ArithOp op : {ArithOp::add, ArithOp::sub, ArithOp::mul, ArithOp::inv})
      for (uint32_t n : {0u, 1u, 2u, 37u, 1024u}) {
        auto a = random_values(n, f.p, rng), b = random_values(n, f.p, rng);
        if (op == ArithOp::inv) {
          b.clear();
          for (auto& x : a) x = x ? x : 1;
        }
        const auto reply = decode_arith_reply(run.run(proto::Op::field_arith, encode(ArithRequest{f.id, op, n, a, b})));
        ASSERT_EQ(reply.out.size(), n);
        for (size_t i = 0; i < n; ++i) {
          const uint64_t x = a[i], y = op == ArithOp::inv ? 0 : b[i];
          const uint64_t want = op == ArithOp::add   ? (x + y) % f.p
                                : op == ArithOp::sub ? (x + f.p - y) % f.p
                                : op == ArithOp::mul ? x * y % f.p
                                                     : invmod(x, f.p);
          ASSERT_EQ(reply.out[i], want) << field_name(f.id) << " op " << int(op) << " i " << i;
        }
      }
}

// (a0 + a1 x + a2 x^2 + a3 x^3)(b0 + ...) mod (x^4 - 3), SP1's KoalaBear extension.
TEST(PipelineStarkOps, ExtMulMatchesSchoolbookProduct) {
  test::HandlerRunner run;
  std::mt19937_64 rng(12);
  const uint64_t p = f31::KoalaBearParams::kP;
  const uint32_t n = 50;
  const auto a = random_values(4 * n, p, rng), b = random_values(4 * n, p, rng);
  const auto reply = decode_arith_reply(
      run.run(proto::Op::field_arith, encode(ArithRequest{FieldId::koalabear, ArithOp::ext_mul, n, a, b})));
  for (size_t e = 0; e < n; ++e) {
    uint64_t prod[7] = {};
    for (int i = 0; i < 4; ++i)
      for (int j = 0; j < 4; ++j) prod[i + j] = (prod[i + j] + uint64_t(a[4 * e + i]) * b[4 * e + j]) % p;
    for (int k = 0; k < 4; ++k) {
      const uint64_t want = (prod[k] + (k + 4 < 7 ? 3 * prod[k + 4] : 0)) % p;
      ASSERT_EQ(reply.out[4 * e + k], want) << "element " << e << " coefficient " << k;
    }
  }
}

TEST(PipelineStarkOps, Bn254ArithIdentities) {
  test::HandlerRunner run;
  std::mt19937_64 rng(13);
  const uint32_t n = 40;
  std::vector<uint32_t> a(8 * n), b(8 * n);
  for (size_t i = 0; i < n; ++i) {
    // Random values below r: the top word stays below r's top word 0x30644e72.
    for (int k = 0; k < 8; ++k) {
      a[8 * i + k] = uint32_t(rng());
      b[8 * i + k] = uint32_t(rng());
    }
    a[8 * i + 7] %= 0x30644e72;
    b[8 * i + 7] %= 0x30644e72;
  }
  auto call = [&](ArithOp op, const std::vector<uint32_t>& x, const std::vector<uint32_t>& y) {
    return decode_arith_reply(
               run.run(proto::Op::field_arith, encode(ArithRequest{FieldId::bn254, op, n, x,
                                                                   op == ArithOp::inv ? std::vector<uint32_t>{} : y})))
        .out;
  };
  const auto sum = call(ArithOp::add, a, b);
  EXPECT_EQ(call(ArithOp::sub, sum, b), a);
  const auto prod = call(ArithOp::mul, a, b);
  EXPECT_EQ(call(ArithOp::mul, prod, call(ArithOp::inv, b, {})), a);
  // Against the field type directly.
  for (size_t i = 0; i < n; ++i) {
    const bn254::Fr x = bn254::Fr::from_canonical(words_to_u256(&a[8 * i]));
    const bn254::Fr y = bn254::Fr::from_canonical(words_to_u256(&b[8 * i]));
    EXPECT_EQ(words_to_u256(&prod[8 * i]), (x * y).to_canonical());
  }
}

TEST(PipelineStarkOps, NttMatchesNaiveDft) {
  test::HandlerRunner run;
  std::mt19937_64 rng(14);
  for (const FieldCase& f : kFields)
    for (unsigned log_n : {0u, 1u, 2u, 3u, 6u})
      for (uint32_t cols : {1u, 3u}) {
        const uint32_t n = 1u << log_n;
        const auto in = random_values(size_t(n) * cols, f.p, rng);
        const auto fwd = decode_matrix_reply(run.run(proto::Op::ntt, encode(MatrixBody{f.id, 0, n, cols, in})), "ntt");
        const auto inv = decode_matrix_reply(run.run(proto::Op::ntt, encode(MatrixBody{f.id, 1, n, cols, in})), "ntt");
        const uint64_t w = f.two_adic(log_n), w_inv = invmod(w, f.p), n_inv = invmod(n, f.p);
        for (uint32_t c = 0; c < cols; ++c) {
          std::vector<uint64_t> col(n);
          for (uint32_t r = 0; r < n; ++r) col[r] = in[r * cols + c];
          const auto want = test31::naive_dft(col, w, f.p);
          const auto want_inv = test31::naive_dft(col, w_inv, f.p);
          for (uint32_t r = 0; r < n; ++r) {
            ASSERT_EQ(fwd.values[r * cols + c], want[r]) << field_name(f.id) << " n " << n << " c " << c;
            ASSERT_EQ(inv.values[r * cols + c], want_inv[r] * n_inv % f.p) << field_name(f.id) << " n " << n;
          }
        }
      }
}

TEST(PipelineStarkOps, Bn254NttMatchesNaiveDft) {
  test::HandlerRunner run;
  std::mt19937_64 rng(15);
  using bn254::Fr;
  for (unsigned log_n : {0u, 1u, 2u, 4u})
    for (uint32_t cols : {1u, 2u}) {
      const uint32_t n = 1u << log_n;
      std::vector<Fr> in(size_t(n) * cols);
      std::vector<uint32_t> words(8 * in.size());
      for (size_t i = 0; i < in.size(); ++i) {
        in[i] = Fr::from_u64(rng()) * Fr::from_u64(rng());
        u256_to_words(in[i].to_canonical(), &words[8 * i]);
      }
      const auto fwd =
          decode_matrix_reply(run.run(proto::Op::ntt, encode(MatrixBody{FieldId::bn254, 0, n, cols, words})), "ntt");
      const auto back = decode_matrix_reply(
          run.run(proto::Op::ntt, encode(MatrixBody{FieldId::bn254, 1, n, cols, fwd.values})), "ntt");
      EXPECT_EQ(back.values, words) << "n " << n;
      const Fr w = bn254::root_of_unity(log_n);
      for (uint32_t c = 0; c < cols; ++c)
        for (uint32_t k = 0; k < n; ++k) {
          Fr acc = Fr::zero(), wk = w.pow(uint64_t(k)), x = Fr::one();
          for (uint32_t j = 0; j < n; ++j, x = x * wk) acc = acc + in[j * cols + c] * x;
          ASSERT_EQ(words_to_u256(&fwd.values[8 * (k * cols + c)]), acc.to_canonical()) << "n " << n << " k " << k;
        }
    }
}

// Random polynomials of degree < n: their evaluations on H go in, and every output
// row must equal the polynomial evaluated directly at g * w'^i.
TEST(PipelineStarkOps, LdeMatchesDirectPolynomialEvaluation) {
  test::HandlerRunner run;
  std::mt19937_64 rng(16);
  for (const FieldCase& f : kFields)
    for (unsigned log_n : {0u, 1u, 2u, 3u})
      for (unsigned log_blowup : {0u, 1u, 3u}) {
        const uint32_t n = 1u << log_n, cols = 3, big = n << log_blowup;
        std::vector<std::vector<uint64_t>> coeffs(cols);
        std::vector<uint32_t> evals(size_t(n) * cols);
        auto eval = [&](const std::vector<uint64_t>& poly, uint64_t x) {
          uint64_t acc = 0;
          for (size_t j = poly.size(); j-- > 0;) acc = (acc * x + poly[j]) % f.p;
          return acc;
        };
        const uint64_t w = f.two_adic(log_n);
        for (uint32_t c = 0; c < cols; ++c) {
          const auto r = random_values(n, f.p, rng);
          coeffs[c].assign(r.begin(), r.end());
          for (uint32_t i = 0; i < n; ++i) evals[i * cols + c] = uint32_t(eval(coeffs[c], powmod(w, i, f.p)));
        }
        const auto out = decode_matrix_reply(
            run.run(proto::Op::lde, encode(MatrixBody{f.id, uint8_t(log_blowup), n, cols, evals})), "lde");
        ASSERT_EQ(out.rows, big);
        ASSERT_EQ(out.cols, cols);
        const uint64_t w_big = f.two_adic(log_n + log_blowup);
        for (uint32_t i = 0; i < big; ++i)
          for (uint32_t c = 0; c < cols; ++c) {
            const uint64_t x = f.generator * powmod(w_big, i, f.p) % f.p;
            ASSERT_EQ(out.values[i * cols + c], eval(coeffs[c], x))
                << field_name(f.id) << " n " << n << " blowup 2^" << log_blowup << " row " << i;
          }
      }
}

TEST(PipelineStarkOps, Poseidon2MatchesSingleStatePermutations) {
  test::HandlerRunner run;
  std::mt19937_64 rng(17);
  const uint32_t count = 33;
  auto states = random_values(16 * count, f31::KoalaBearParams::kP, rng);
  const auto out =
      decode_poseidon2_reply(run.run(proto::Op::poseidon2, encode(StatesBody{FieldId::koalabear, 16, count, states})));
  for (uint32_t s = 0; s < count; ++s) poseidon2::permute_canonical<poseidon2::KoalaBear16>(&states[16 * s]);
  EXPECT_EQ(out.values, states);

  // bn254 width 3: the same states permuted one by one with the host permutation.
  using P = poseidon2::Bn254x3;
  std::vector<uint32_t> words(8 * 3 * 5);
  std::vector<bn254::Fr> fr(3 * 5);
  for (size_t i = 0; i < fr.size(); ++i) {
    fr[i] = bn254::Fr::from_u64(rng()).pow(uint64_t(3));
    u256_to_words(fr[i].to_canonical(), &words[8 * i]);
  }
  const auto bn =
      decode_poseidon2_reply(run.run(proto::Op::poseidon2, encode(StatesBody{FieldId::bn254, 3, 5, words})));
  for (size_t s = 0; s < 5; ++s) {
    bn254::Fr st[3] = {fr[3 * s], fr[3 * s + 1], fr[3 * s + 2]};
    P::permute(st, P::host_constants());
    for (int k = 0; k < 3; ++k) EXPECT_EQ(words_to_u256(&bn.values[8 * (3 * s + k)]), st[k].to_canonical());
  }
}

// Root and commitment assembled from the sponge hash and the 2-to-1 compression.
TEST(PipelineStarkOps, MerkleCommitMatchesTreeBuiltByHand) {
  test::HandlerRunner run;
  std::mt19937_64 rng(18);
  using I = poseidon2::BabyBear16;
  const uint32_t h = 4;
  const auto m0 = random_values(h * 3, f31::BabyBearParams::kP, rng);
  const auto m1 = random_values(h * 10, f31::BabyBearParams::kP, rng);
  std::vector<uint32_t> values = m0;
  values.insert(values.end(), m1.begin(), m1.end());
  const auto reply = decode_merkle_reply(
      run.run(proto::Op::merkle_commit, encode(MerkleRequest{FieldId::babybear, {{h, 3}, {h, 10}}, values})));
  std::vector<Digest31> leaves;
  for (uint32_t r = 0; r < h; ++r) {
    std::vector<uint32_t> row(m0.begin() + r * 3, m0.begin() + r * 3 + 3);
    row.insert(row.end(), m1.begin() + r * 10, m1.begin() + r * 10 + 10);
    leaves.push_back(poseidon2::hash_canonical<I>(row));
  }
  const Digest31 root = poseidon2::compress_canonical<I>(poseidon2::compress_canonical<I>(leaves[0], leaves[1]),
                                                         poseidon2::compress_canonical<I>(leaves[2], leaves[3]));
  EXPECT_EQ(reply.root, root);
  EXPECT_EQ(reply.commitment, poseidon2::tensor_commitment<I>(root, 2, 13));
  EXPECT_EQ(reply.log_height, 2u);
  EXPECT_EQ(reply.width, 13u);
}

TEST(PipelineStarkOps, ReportsProgressPieceByPiece) {
  test::HandlerRunner run;
  // Two pieces of field_arith: 2^22 elements (16 MiB of a) and 3 more.
  const uint32_t n = (1u << 22) + 3;
  std::vector<uint32_t> a(n, 5), b(n, 7);
  const auto out = decode_arith_reply(
                       run.run(proto::Op::field_arith, encode(ArithRequest{FieldId::babybear, ArithOp::add, n, a, b})))
                       .out;
  EXPECT_EQ(out.front(), 12u);
  EXPECT_EQ(out.back(), 12u);
  ASSERT_EQ(run.progress.size(), 3u);
  EXPECT_EQ(run.progress[0].done, 0u);
  EXPECT_EQ(run.progress[1].done, 1u << 22);
  EXPECT_EQ(run.progress[2].done, n);
  for (const auto& p : run.progress) {
    EXPECT_EQ(p.total, n);
    EXPECT_EQ(p.stage, "field_arith");
  }
  run.progress.clear();
  run.run(proto::Op::merkle_commit, encode(MerkleRequest{FieldId::koalabear, {{2, 1}}, {1, 2}}));
  ASSERT_EQ(run.progress.size(), 2u);
  EXPECT_EQ(run.progress[1].done, 1u);
  EXPECT_EQ(run.progress[1].stage, "merkle_commit");
}

TEST(PipelineStarkOps, CancelledJobsStop) {
  test::HandlerRunner run;
  run.stop.request_stop();
  const std::vector<std::pair<proto::Op, std::vector<uint8_t>>> bodies = {
      {proto::Op::field_arith, encode(ArithRequest{FieldId::koalabear, ArithOp::mul, 1, {1}, {2}})},
      {proto::Op::ntt, encode(MatrixBody{FieldId::koalabear, 0, 2, 1, {1, 2}})},
      {proto::Op::ntt, encode(MatrixBody{FieldId::bn254, 0, 1, 1, std::vector<uint32_t>(8)})},
      {proto::Op::lde, encode(MatrixBody{FieldId::koalabear, 1, 2, 1, {1, 2}})},
      {proto::Op::poseidon2, encode(StatesBody{FieldId::koalabear, 16, 1, std::vector<uint32_t>(16)})},
      {proto::Op::merkle_commit, encode(MerkleRequest{FieldId::koalabear, {{2, 1}}, {1, 2}})},
  };
  for (const auto& [op, body] : bodies)
    EXPECT_EQ(error_of([&] { run.run(op, body); }, "cancelled"), ErrorCode::cancelled) << proto::op_name(op);
}

TEST(PipelineStarkOps, EstimatesCoverTheWholeJob) {
  test::HandlerRunner run;
  // LDE: input + 2 x output + twiddles, from a 12-byte shape (+ values).
  const auto lde = encode(MatrixBody{FieldId::koalabear, 3, 4, 2, std::vector<uint32_t>(8)});
  EXPECT_EQ(run.estimate(proto::Op::lde, lde), (8u + 2 * 64u + 32u) * 4);
  // A huge LDE from a tiny body: 1 row x 4096 columns blown up 2^24 times.
  const auto huge = encode(MatrixBody{FieldId::koalabear, 24, 1, 4096, std::vector<uint32_t>(4096)});
  EXPECT_GT(run.estimate(proto::Op::lde, huge), uint64_t(500) << 30);
  // Its output cannot travel in one frame: refused before anything is allocated.
  EXPECT_EQ(error_of([&] { run.run(proto::Op::lde, huge); }, "does not fit in one reply frame"),
            ErrorCode::invalid_argument);
  EXPECT_EQ(run.estimate(proto::Op::ntt, encode(MatrixBody{FieldId::babybear, 0, 8, 2, std::vector<uint32_t>(16)})),
            2u * 64 + 32);
  EXPECT_EQ(run.estimate(proto::Op::merkle_commit,
                         encode(MerkleRequest{FieldId::koalabear, {{4, 2}}, std::vector<uint32_t>(8)})),
            32u + 7 * 32);
  EXPECT_EQ(
      run.estimate(proto::Op::poseidon2, encode(StatesBody{FieldId::koalabear, 16, 3, std::vector<uint32_t>(48)})),
      3u * 64);
  EXPECT_EQ(
      run.estimate(proto::Op::field_arith, encode(ArithRequest{FieldId::koalabear, ArithOp::mul, 2, {1, 2}, {3, 4}})),
      3u * 8);
}

}  // namespace
}  // namespace zkgpu
