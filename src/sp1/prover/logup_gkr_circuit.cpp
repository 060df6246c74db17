#include "sp1/prover/logup_gkr_circuit.hpp"

#include <stdexcept>

#include "sp1/air/interaction.hpp"
#include "sp1/multilinear/eq.hpp"
#include "sp1/prover/sumcheck_parallel.hpp"

namespace zkgpu::sp1::prover {

namespace {

GkrLayer leaf_layer(std::span<const ChipTrace> chips, size_t max_log_row_count, std::span<const F> public_values,
                    const EF& alpha, std::span<const EF> betas, unsigned threads) {
  GkrLayer layer{max_log_row_count, {}};
  for (const ChipTrace& c : chips) {
    const air::MachineChip& chip = *c.chip;
    if (betas.size() < chip.max_interaction_arity())
      throw std::invalid_argument(std::string(chip.name()) + ": fewer betas than an interaction's arity");
    const size_t first = layer.columns.size(), rows = c.trace.rows;
    layer.columns.resize(first + chip.num_interactions());
    for (size_t k = first; k < layer.columns.size(); ++k) {
      layer.columns[k].num.resize(rows);
      layer.columns[k].den.resize(rows);
    }
    const size_t w = chip.width(), pw = chip.preprocessed_width();
    for_ranges(rows, threads, [&](size_t begin, size_t end) {
      for (size_t r = begin; r < end; ++r) {
        const air::RowEvaluation<F> e =
            chip.eval(c.trace.main.subspan(r * w, w), c.trace.preprocessed.subspan(r * pw, pw), public_values);
        size_t k = first;
        for (const auto* list : {&e.sends, &e.receives})
          for (const air::Interaction<F>& i : *list) {
            const F m = list == &e.sends ? i.multiplicity : F::zero() - i.multiplicity;
            layer.columns[k].num[r] = ext(m);
            layer.columns[k].den[r] = air::fingerprint(i, alpha, betas);
            ++k;
          }
      }
    });
  }
  return layer;
}

}  // namespace

GkrLayer parent_layer(const GkrLayer& child, unsigned threads) {
  GkrLayer parent{child.row_vars - 1, std::vector<FractionColumn>(child.columns.size())};
  for (size_t k = 0; k < child.columns.size(); ++k) {
    const FractionColumn& c = child.columns[k];
    FractionColumn& p = parent.columns[k];
    const size_t len = c.num.size(), half = (len + 1) / 2;
    p.num.resize(half);
    p.den.resize(half);
    for_ranges(half, threads, [&](size_t begin, size_t end) {
      for (size_t j = begin; j < end; ++j) {
        const bool odd_real = 2 * j + 1 < len;
        const EF n0 = c.num[2 * j], d0 = c.den[2 * j];
        const EF n1 = odd_real ? c.num[2 * j + 1] : EF::zero();
        const EF d1 = odd_real ? c.den[2 * j + 1] : EF::one();
        p.num[j] = n0 * d1 + n1 * d0;
        p.den[j] = d0 * d1;
      }
    });
  }
  return parent;
}

GkrCircuit build_gkr_circuit(std::span<const ChipTrace> chips, size_t max_log_row_count,
                             std::span<const F> public_values, const EF& alpha, std::span<const EF> betas,
                             unsigned threads) {
  check_chip_traces(chips, max_log_row_count);
  GkrCircuit circuit;
  for (const ChipTrace& c : chips) circuit.num_interactions += c.chip->num_interactions();
  circuit.interaction_vars = multilinear::log2_ceil(circuit.num_interactions);
  circuit.layers.resize(max_log_row_count);
  circuit.layers.back() = leaf_layer(chips, max_log_row_count, public_values, alpha, betas, threads);
  for (size_t l = max_log_row_count - 1; l-- > 0;) circuit.layers[l] = parent_layer(circuit.layers[l + 1], threads);
  return circuit;
}

void circuit_output(const GkrCircuit& circuit, std::vector<EF>& numerator, std::vector<EF>& denominator) {
  const size_t size = size_t(2) << circuit.interaction_vars;
  numerator.assign(size, EF::zero());
  denominator.assign(size, EF::one());
  const GkrLayer& top = circuit.layers.front();
  for (size_t k = 0; k < top.columns.size(); ++k)
    for (size_t b = 0; b < top.columns[k].num.size(); ++b) {
      numerator[2 * k + b] = top.columns[k].num[b];
      denominator[2 * k + b] = top.columns[k].den[b];
    }
}

}  // namespace zkgpu::sp1::prover
