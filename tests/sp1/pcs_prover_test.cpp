// The PCS prover against the PCS verifier: random jagged tables of several shapes
// are committed, opened at a random point, and the verifier in sp1/pcs accepts the
// proof with the transcript ending in the prover's state; a wrong claim is
// rejected; proofs round-trip through the wire format byte for byte; the same
// inputs give the same bytes. Both configurations (KoalaBear inner, BN254 outer).
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "backends/backend.hpp"
#include "sp1/errors.hpp"
#include "sp1/multilinear/eq.hpp"
#include "sp1/multilinear/univariate.hpp"
#include "sp1/pcs/params.hpp"
#include "sp1/prover/basefold_encoder.hpp"
#include "sp1/prover/jagged_prover.hpp"
#include "sp1/prover/grinding.hpp"
#include "sp1/wire/decode.hpp"
#include "sp1/wire/encode.hpp"

namespace zkgpu::sp1::prover {
namespace {

using wire::InnerConfig;
using wire::OuterConfig;

// (rows, cols) of each table, per round.
using Shape = std::vector<std::vector<std::pair<size_t, size_t>>>;

struct Tables {
  std::vector<std::vector<std::vector<F>>> values;  // per round, per table
  std::vector<std::vector<TraceTable>> views;
};

Tables random_tables(const Shape& shape, uint64_t seed) {
  std::mt19937_64 gen(seed);
  Tables t;
  t.values.resize(shape.size());
  t.views.resize(shape.size());
  for (size_t r = 0; r < shape.size(); ++r) {
    for (const auto& [rows, cols] : shape[r]) {
      std::vector<F> v(rows * cols);
      for (F& x : v) x = F::from_canonical(uint32_t(gen() % F::kP));
      t.values[r].push_back(std::move(v));
    }
    for (size_t i = 0; i < shape[r].size(); ++i)
      t.views[r].push_back({shape[r][i].first, shape[r][i].second, t.values[r][i]});
  }
  return t;
}

pcs::JaggedParams small_params(size_t rounds, unsigned lsh, size_t max_log_rows, size_t log_blowup, size_t pow_bits) {
  pcs::JaggedParams p;
  p.stacked.fri = {log_blowup, 12, pow_bits};
  p.stacked.num_expected_commitments = rounds;
  p.stacked.log_stacking_height = lsh;
  p.max_log_row_count = max_log_rows;
  return p;
}

template <class C>
struct ProverRun {
  std::vector<typename pcs::Iop<C>::Digest> commitments;
  std::vector<EF> z_row;
  std::vector<std::vector<EF>> claims;
  wire::JaggedPcsProof<C> proof;
  typename pcs::Iop<C>::Challenger end_state;
};

// The prover's side of the protocol around the PCS: commitments observed, a row
// point sampled, the columns' values there claimed, the opening proved.
// `bad_claim` (round, column) adds one to that claim before proving.
template <class C>
ProverRun<C> prove(const pcs::JaggedParams& params, const Tables& tables, std::pair<int, int> bad_claim = {-1, -1},
                   unsigned threads = 2) {
  const auto backend = make_cpu_backend(threads);
  const PcsProverContext ctx{backend->stark(), threads};
  std::vector<JaggedCommitted<C>> rounds;
  for (const auto& views : tables.views) rounds.push_back(commit_jagged_round<C>(ctx, params, views));
  typename pcs::Iop<C>::Challenger ch;
  ProverRun<C> run;
  for (const auto& r : rounds) {
    run.commitments.push_back(r.commitment);
    ch.observe_digest(r.commitment);
  }
  run.z_row = ch.sample_point(params.max_log_row_count);
  for (const auto& views : tables.views) run.claims.push_back(jagged_column_evaluations(views, run.z_row, 2));
  if (bad_claim.first >= 0) {
    EF& c = run.claims[size_t(bad_claim.first)][size_t(bad_claim.second)];
    c = c + EF::one();
  }
  std::vector<const JaggedCommitted<C>*> ptrs;
  for (const auto& r : rounds) ptrs.push_back(&r);
  run.proof = prove_jagged<C>(ctx, params, ptrs, run.z_row, run.claims, ch);
  run.end_state = ch;
  return run;
}

// The verifier's side; returns the verifier's challenger after it accepted.
template <class C>
typename pcs::Iop<C>::Challenger verify(const pcs::JaggedParams& params, const ProverRun<C>& run,
                                        const std::vector<std::vector<EF>>& claims) {
  typename pcs::Iop<C>::Challenger ch;
  for (const auto& c : run.commitments) ch.observe_digest(c);
  const std::vector<EF> z_row = ch.sample_point(params.max_log_row_count);
  EXPECT_EQ(z_row, run.z_row);
  pcs::verify_jagged<C>(params, run.commitments, z_row, claims, run.proof, ch);
  return ch;
}

template <class C>
void expect_accepted(const pcs::JaggedParams& params, const Shape& shape, uint64_t seed) {
  const Tables tables = random_tables(shape, seed);
  const ProverRun<C> run = prove<C>(params, tables);
  typename pcs::Iop<C>::Challenger ch;
  ASSERT_NO_THROW(ch = verify<C>(params, run, run.claims));
  EXPECT_EQ(ch.sample(), typename pcs::Iop<C>::Challenger(run.end_state).sample())
      << "prover and verifier transcripts end in different states";
}

// A preprocessed-like round and a main-like round: heights 1 and 2, non-powers of
// two, a full-height table, an empty table.
const Shape kMixed = {{{1, 3}, {2, 1}, {5, 2}},
                      {{128, 2}, {37, 5}, {0, 3}, {1, 4}, {64, 1}, {100, 7}}};

TEST(Sp1PcsProver, InnerMixedHeightsAccepted) { expect_accepted<InnerConfig>(small_params(2, 6, 7, 1, 4), kMixed, 1); }

TEST(Sp1PcsProver, InnerBlowupFourAccepted) { expect_accepted<InnerConfig>(small_params(2, 7, 7, 2, 6), kMixed, 2); }

// 300 columns of 3 rows; the stacking height exceeds the tallest table, so the
// padding needs several full columns plus the last partial one.
TEST(Sp1PcsProver, InnerManyColumnsAndWidePaddingAccepted) {
  expect_accepted<InnerConfig>(small_params(2, 9, 4, 1, 3), {{{3, 300}}, {{16, 2}, {7, 40}, {1, 1}}}, 3);
}

TEST(Sp1PcsProver, InnerSingleRoundAccepted) {
  expect_accepted<InnerConfig>(small_params(1, 5, 6, 1, 2), {{{64, 3}, {9, 9}, {2, 2}}}, 4);
}

// One value in each round: the smallest tables there are.
TEST(Sp1PcsProver, InnerSingleValueTablesAccepted) {
  expect_accepted<InnerConfig>(small_params(2, 3, 3, 1, 2), {{{1, 1}}, {{1, 1}}}, 5);
}

TEST(Sp1PcsProver, OuterMixedHeightsAccepted) { expect_accepted<OuterConfig>(small_params(2, 6, 7, 1, 3), kMixed, 6); }

// SP1's compress parameters (stacking height 2^20, blowup 4, 16 bits of grinding,
// rows up to 2^21) on tables shaped like a small recursion shard.
TEST(Sp1PcsProver, InnerCompressParametersAccepted) {
  expect_accepted<InnerConfig>(pcs::compress_params(), {{{1 << 10, 3}, {77, 12}}, {{1 << 12, 40}, {300, 20}, {1, 5}}},
                               7);
}

TEST(Sp1PcsProver, WrongClaimRejected) {
  const auto params = small_params(2, 6, 7, 1, 4);
  const Tables tables = random_tables(kMixed, 8);
  // An honest proof checked against a changed claim.
  const ProverRun<InnerConfig> honest = prove<InnerConfig>(params, tables);
  auto claims = honest.claims;
  claims[1][4] = claims[1][4] + EF::one();
  EXPECT_THROW(verify<InnerConfig>(params, honest, claims), Rejected);
  // A proof made for a wrong claim, checked against that claim.
  const ProverRun<InnerConfig> lying = prove<InnerConfig>(params, tables, {0, 2});
  EXPECT_THROW(verify<InnerConfig>(params, lying, lying.claims), Rejected);
}

template <class C>
std::vector<uint8_t> encode(const wire::JaggedPcsProof<C>& p) {
  // The PCS proof inside an otherwise empty shard proof (empty tensors have one
  // dimension of size 0).
  wire::ShardProof<C> shard{};
  shard.logup_gkr_proof.output_numerator.sizes = {0};
  shard.logup_gkr_proof.output_denominator.sizes = {0};
  shard.evaluation_proof = p;
  return wire::encode_shard_proof(shard);
}

template <class C>
void expect_round_trip(const pcs::JaggedParams& params, uint64_t seed) {
  const Tables tables = random_tables(kMixed, seed);
  const ProverRun<C> run = prove<C>(params, tables);
  const std::vector<uint8_t> bytes = encode(run.proof);
  const wire::ShardProof<C> decoded = wire::decode_shard_proof<C>(bytes);
  EXPECT_EQ(wire::encode_shard_proof(decoded), bytes);
  ProverRun<C> again = run;
  again.proof = decoded.evaluation_proof;
  EXPECT_NO_THROW(verify<C>(params, again, again.claims));
  // Deterministic: the same tables give the same bytes, whatever the thread count.
  EXPECT_EQ(encode(prove<C>(params, tables, {-1, -1}, 1).proof), bytes);
}

TEST(Sp1PcsProver, InnerProofRoundTripsThroughTheWireFormat) {
  expect_round_trip<InnerConfig>(small_params(2, 6, 7, 1, 4), 9);
}

TEST(Sp1PcsProver, OuterProofRoundTripsThroughTheWireFormat) {
  expect_round_trip<OuterConfig>(small_params(2, 6, 7, 1, 2), 10);
}

// Single-bit flips of an encoded proof: each one is malformed or rejected (flips
// that land outside the PCS proof, in the otherwise empty shard proof around it,
// are skipped).
TEST(Sp1PcsProver, BitFlipsAreRejected) {
  const auto params = small_params(2, 6, 7, 1, 4);
  const ProverRun<InnerConfig> run = prove<InnerConfig>(params, random_tables(kMixed, 12));
  const std::vector<uint8_t> bytes = encode(run.proof);
  std::mt19937_64 gen(13);
  int checked = 0;
  for (int trial = 0; trial < 64; ++trial) {
    std::vector<uint8_t> bad = bytes;
    const size_t bit = gen() % (bad.size() * 8);
    bad[bit / 8] ^= uint8_t(1u << (bit % 8));
    wire::ShardProof<InnerConfig> decoded;
    try {
      decoded = wire::decode_shard_proof<InnerConfig>(bad);
    } catch (const ParseError&) {
      ++checked;
      continue;
    }
    if (encode(decoded.evaluation_proof) == bytes) continue;
    ProverRun<InnerConfig> tampered = run;
    tampered.proof = decoded.evaluation_proof;
    EXPECT_THROW(verify<InnerConfig>(params, tampered, tampered.claims), Rejected) << "bit " << bit;
    ++checked;
  }
  EXPECT_GT(checked, 48);
}

TEST(Sp1PcsProver, BadInputsThrow) {
  const auto params = small_params(2, 6, 7, 1, 2);
  const auto backend = make_cpu_backend(1);
  const PcsProverContext ctx{backend->stark(), 1};
  const Tables tall = random_tables({{{129, 1}}}, 14);  // 2^7 + 1 rows
  EXPECT_THROW(commit_jagged_round<InnerConfig>(ctx, params, tall.views[0]), std::invalid_argument);
  const Tables empty = random_tables({{{0, 4}, {3, 0}}}, 15);
  EXPECT_THROW(commit_jagged_round<InnerConfig>(ctx, params, empty.views[0]), std::invalid_argument);
  const std::vector<F> short_values(5);
  const std::vector<TraceTable> unfilled = {{3, 2, short_values}};
  EXPECT_THROW(commit_jagged_round<InnerConfig>(ctx, params, unfilled), std::invalid_argument);

  const Tables ok = random_tables(kMixed, 16);
  std::vector<JaggedCommitted<InnerConfig>> rounds;
  for (const auto& v : ok.views) rounds.push_back(commit_jagged_round<InnerConfig>(ctx, params, v));
  const std::vector<const JaggedCommitted<InnerConfig>*> ptrs = {&rounds[0], &rounds[1]};
  transcript::DuplexChallenger ch;
  const std::vector<EF> z_row = ch.sample_point(params.max_log_row_count);
  std::vector<std::vector<EF>> claims = {jagged_column_evaluations(ok.views[0], z_row, 1),
                                         jagged_column_evaluations(ok.views[1], z_row, 1)};
  claims[1].pop_back();
  EXPECT_THROW(prove_jagged<InnerConfig>(ctx, params, ptrs, z_row, claims, ch), std::invalid_argument);
  EXPECT_THROW(prove_jagged<InnerConfig>(ctx, params, ptrs, std::span<const EF>(z_row).first(3), claims, ch),
               std::invalid_argument);
}

TEST(Sp1PcsProver, EncodingEvaluatesCoefficientsAtBitReversedPoints) {
  const auto backend = make_cpu_backend(1);
  std::mt19937_64 gen(11);
  constexpr size_t kRows = 8, kCols = 3;
  constexpr unsigned kLogBlowup = 2, kLogBig = 5;
  std::vector<uint32_t> msg(kRows * kCols);
  for (uint32_t& x : msg) x = uint32_t(gen() % F::kP);
  const std::vector<uint32_t> code = rs_encode(backend->stark(), msg, kRows, kCols, kLogBlowup);
  ASSERT_EQ(code.size(), (kRows << kLogBlowup) * kCols);
  const F w = F::two_adic_generator(kLogBig);
  for (size_t i = 0; i < (kRows << kLogBlowup); ++i) {
    size_t rev = 0;
    for (unsigned b = 0; b < kLogBig; ++b) rev |= ((i >> b) & 1) << (kLogBig - 1 - b);
    const F x = w.pow(rev);
    for (size_t c = 0; c < kCols; ++c) {
      std::vector<F> coeffs(kRows);
      for (size_t j = 0; j < kRows; ++j) coeffs[j] = F::from_canonical(msg[j * kCols + c]);
      ASSERT_EQ(code[i * kCols + c], multilinear::eval_univariate<F>(coeffs, x).to_canonical()) << i << " " << c;
    }
  }
}

TEST(Sp1PcsProver, GrindingFindsTheSmallestWitness) {
  transcript::DuplexChallenger ch;
  ch.observe(F::from_canonical(12345));
  const transcript::DuplexChallenger before = ch;
  constexpr unsigned kBits = 8;
  const F w = grind(ch, kBits, 2);
  for (uint32_t v = 0; v < w.to_canonical(); ++v) {
    transcript::DuplexChallenger copy = before;
    EXPECT_FALSE(copy.check_witness(kBits, F::from_canonical(v))) << v;
  }
  transcript::DuplexChallenger check = before;
  EXPECT_TRUE(check.check_witness(kBits, w));
  EXPECT_EQ(check.sample(), ch.sample());
}

}  // namespace
}  // namespace zkgpu::sp1::prover
