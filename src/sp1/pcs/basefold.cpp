#include "sp1/pcs/basefold.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <string>
#include <thread>

#include "common/parallel_ranges.hpp"
#include "sp1/errors.hpp"
#include "sp1/multilinear/eq.hpp"
#include "sp1/pcs/merkle.hpp"
#include "sp1/pcs/tensor.hpp"

namespace zkgpu::sp1::pcs {

namespace {

[[noreturn]] void reject(const std::string& what) { throw Rejected("basefold: " + what); }

uint64_t reverse_bits(uint64_t x, size_t bits) {
  uint64_t r = 0;
  for (size_t i = 0; i < bits; ++i) r |= ((x >> i) & 1) << (bits - 1 - i);
  return r;
}

// The FRI query phase's arithmetic (BasefoldVerifier::verify_queries): fold each
// query's value through the rounds; each round's opened pair must contain the running
// value. Returns, per round, the indices its Merkle openings are checked at.
template <class C>
std::vector<std::vector<size_t>> fold_queries(const FriConfig& fri, const wire::BasefoldProof<C>& proof,
                                              std::vector<size_t> indices, std::vector<EF> folded,
                                              std::span<const EF> betas) {
  const auto& commitments = proof.fri_commitments;
  const auto& openings = proof.query_phase_openings_and_proofs;
  const size_t log_max_height = commitments.size() + fri.log_blowup;
  if (openings.size() != commitments.size() || betas.size() != commitments.size())
    reject("FRI rounds, query openings and challenges differ in number");
  const F root = F::two_adic_generator(unsigned(log_max_height));
  std::vector<F> xs(indices.size());
  for (size_t q = 0; q < indices.size(); ++q) xs[q] = root.pow(reverse_bits(indices[q], log_max_height));
  const F minus_one = F::two_adic_generator(1);

  std::vector<std::vector<size_t>> round_indices;
  round_indices.reserve(commitments.size());
  for (size_t round = 0; round < commitments.size(); ++round) {
    const wire::Tensor<F>& values = openings[round].values;
    const std::string where = "FRI round " + std::to_string(round);
    if (!is_matrix(values) || values.sizes[0] != indices.size() || values.sizes[1] != 2 * kExtDegree)
      reject(where + " opening has the wrong shape");
    for (size_t q = 0; q < indices.size(); ++q) {
      const F* row = values.values.data() + q * 2 * kExtDegree;
      const EF evals[2] = {EF{{row[0], row[1], row[2], row[3]}}, EF{{row[4], row[5], row[6], row[7]}}};
      if (!(evals[indices[q] % 2] == folded[q])) reject(where + " query " + std::to_string(q) + " value mismatch");
      // The pair's points: x at the index's own position, -x at its sibling's.
      F pts[2] = {xs[q], xs[q]};
      pts[(indices[q] ^ 1) % 2] = pts[(indices[q] ^ 1) % 2] * minus_one;
      const F inv = (pts[1] - pts[0]).inverse();
      folded[q] = evals[0] + (betas[round] - ext(pts[0])) * (evals[1] - evals[0]).scale(inv);
      indices[q] >>= 1;
      xs[q] = xs[q].square();
    }
    round_indices.push_back(indices);
  }
  for (size_t q = 0; q < folded.size(); ++q)
    if (!(folded[q] == proof.final_poly)) reject("query " + std::to_string(q) + " does not fold to the final polynomial");
  return round_indices;
}

// Runs jobs[0..n) on the machine's cores; if any throws, rethrows the failure of the
// lowest-numbered failing job (the same one whatever the scheduling).
template <class Job>
void run_jobs(size_t n, const Job& job) {
  std::vector<std::exception_ptr> errors(n);
  std::atomic<size_t> next{0};
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  parallel_ranges(threads, threads, 1, [&](size_t, size_t) {
    for (size_t j; (j = next.fetch_add(1)) < n;) {
      try {
        job(j);
      } catch (...) {
        errors[j] = std::current_exception();
      }
    }
  });
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace

template <class C>
void verify_basefold(const FriConfig& fri, size_t num_expected_commitments,
                     std::span<const typename Iop<C>::Digest> commitments, std::vector<EF> point,
                     std::span<const wire::Tensor<EF>> claims, const wire::BasefoldProof<C>& proof,
                     typename Iop<C>::Challenger& challenger) {
  if (!challenger.check_witness(kBatchGrindingBits, proof.batch_grinding_witness))
    reject("batch grinding witness is invalid");

  size_t total = 0;
  for (const auto& c : claims) total += num_values(c);
  const std::vector<EF> coeffs =
      multilinear::partial_lagrange<EF>(challenger.sample_point(multilinear::log2_ceil(total)));
  EF eval_claim = EF::zero();
  {
    size_t k = 0;
    for (const auto& c : claims)
      for (const EF& v : c.values) eval_claim = eval_claim + v * coeffs[k++];
  }

  if (claims.size() != commitments.size() ||
      commitments.size() != proof.component_polynomials_query_openings_and_proofs.size() ||
      commitments.size() != num_expected_commitments)
    reject("claims, commitments and component openings differ in number");
  const auto& messages = proof.univariate_messages;
  if (proof.fri_commitments.size() != messages.size() || messages.size() != point.size() || messages.empty())
    reject("sumcheck and FRI round counts do not match the point");

  std::reverse(point.begin(), point.end());
  challenger.observe_length(proof.fri_commitments.size());
  std::vector<EF> betas;
  betas.reserve(messages.size());
  for (size_t i = 0; i < messages.size(); ++i) {
    challenger.observe_ext_slice(messages[i]);
    challenger.observe_digest(proof.fri_commitments[i]);
    betas.push_back(challenger.sample_ext());
  }
  EF expected = eval_claim;
  for (size_t i = 0; i < messages.size(); ++i) {
    const auto& m = messages[i];
    if (!(expected == (EF::one() - point[i]) * m[0] + point[i] * m[1]))
      reject("sumcheck round " + std::to_string(i) + " mismatch");
    expected = m[0] + betas[i] * m[1];
  }

  challenger.observe_ext(proof.final_poly);
  if (!challenger.check_witness(unsigned(fri.proof_of_work_bits), proof.pow_witness))
    reject("proof-of-work witness is invalid");

  const size_t log_len = proof.fri_commitments.size();
  if (log_len + fri.log_blowup > kTwoAdicity) reject("instance exceeds the field's two-adicity");
  const size_t log_height = log_len + fri.log_blowup;
  std::vector<size_t> indices(fri.num_queries);
  for (size_t& i : indices) i = challenger.sample_bits(unsigned(log_height));

  // Each query's opened rows, batched with the claims' coefficients.
  std::vector<EF> batch_evals(indices.size(), EF::zero());
  size_t batch_idx = 0;
  for (size_t round = 0; round < commitments.size(); ++round) {
    const auto& values = proof.component_polynomials_query_openings_and_proofs[round].values;
    const size_t width = num_values(claims[round]);
    if (!is_matrix(values) || values.sizes[0] != indices.size() || values.sizes[1] != width)
      reject("component opening " + std::to_string(round) + " has the wrong shape");
    for (size_t q = 0; q < indices.size(); ++q) {
      const F* row = values.values.data() + q * width;
      EF acc = batch_evals[q];
      for (size_t j = 0; j < width; ++j) acc = acc + coeffs[batch_idx + j].scale(row[j]);
      batch_evals[q] = acc;
    }
    batch_idx += width;
  }
  const std::vector<std::vector<size_t>> round_indices =
      fold_queries<C>(fri, proof, indices, std::move(batch_evals), betas);

  // Every Merkle opening: the components' at the query indices, each FRI round's at
  // the halved ones. These dominate the verifier's time and are independent.
  const size_t components = commitments.size();
  run_jobs(components + round_indices.size(), [&](size_t j) {
    if (j < components) {
      const auto& op = proof.component_polynomials_query_openings_and_proofs[j];
      verify_tensor_openings<C>(commitments[j], indices, op.values, op.values.sizes[1], log_height, op.proof,
                                "basefold: component opening " + std::to_string(j));
    } else {
      const size_t round = j - components;
      const auto& op = proof.query_phase_openings_and_proofs[round];
      verify_tensor_openings<C>(proof.fri_commitments[round], round_indices[round], op.values, 2 * kExtDegree,
                                log_height - 1 - round, op.proof,
                                "basefold: FRI round " + std::to_string(round) + " Merkle opening");
    }
  });

  if (!(proof.final_poly == messages.back()[0] + betas.back() * messages.back()[1]))
    reject("final polynomial does not match the last sumcheck message");
}

template void verify_basefold<wire::InnerConfig>(const FriConfig&, size_t, std::span<const wire::InnerDigest>,
                                                 std::vector<EF>, std::span<const wire::Tensor<EF>>,
                                                 const wire::BasefoldProof<wire::InnerConfig>&,
                                                 transcript::DuplexChallenger&);
template void verify_basefold<wire::OuterConfig>(const FriConfig&, size_t, std::span<const wire::OuterDigest>,
                                                 std::vector<EF>, std::span<const wire::Tensor<EF>>,
                                                 const wire::BasefoldProof<wire::OuterConfig>&,
                                                 transcript::MultiFieldChallenger&);

}  // namespace zkgpu::sp1::pcs
