#pragma once
// The host side of the Groth16 prover: the QAP evaluations A·w, B·w and
// C = A·w ∘ B·w over the domain from the zkey's coefficients (snarkjs
// groth16_prove.js buildABC1), and the pointwise (A·B − C) on the coset that
// becomes the H MSM's scalars (joinABC).
#include <span>

#include "groth16/host_buffer.hpp"
#include "groth16/zkey.hpp"

namespace zkgpu::groth16 {

struct QapEvaluations {
  HostBuffer<bn254::Fr> a, b, c;  // domain_size values each, Montgomery form
};

// True when key.coefficients are in constraint order (as snarkjs writes them).
bool coefficients_sorted(const ProvingKey& key, unsigned threads);

// `witness` holds key.n_vars canonical values (the caller checked them).
// Coefficients sorted by constraint (`sorted`, from coefficients_sorted) are
// split between threads at constraint boundaries; any other order is handled
// with each thread owning a range of constraints.
QapEvaluations evaluate_qap(const ProvingKey& key, std::span<const bn254::FrRaw> witness, unsigned threads,
                            bool sorted);

// out[i] = canonical(a[i] * b[i] - c[i]).
HostBuffer<bn254::FrRaw> join_abc(std::span<const bn254::Fr> a, std::span<const bn254::Fr> b,
                                  std::span<const bn254::Fr> c, unsigned threads);

}  // namespace zkgpu::groth16
