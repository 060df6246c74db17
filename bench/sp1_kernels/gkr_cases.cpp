// LogUp-GKR (sp1/prover_cuda/cuda_gkr) on one layer of `columns` interactions,
// each 2^(log_pairs + 1) rows stored (2^log_pairs pairs: no padding rows, the
// heaviest layer a shard of that height has): building the layer above it (the
// circuit's step) and the sumcheck over it (its row rounds on the device, then
// the interaction rounds on the host).
#include <random>
#include <string>

#include "bench/sp1_kernels/device_fill.hpp"
#include "bench/sp1_kernels/family.hpp"
#include "bench/sp1_kernels/host_random.hpp"
#include "sp1/multilinear/eq.hpp"
#include "sp1/prover/logup_gkr_round.hpp"
#include "sp1/prover_cuda/cuda_gkr.hpp"

namespace zkgpu::bench::sp1k {

namespace {

using sp1::prover::GkrLayer;
using sp1::prover::GkrLayerOracle;
using sp1::prover::gpu::DeviceBuffer;
using sp1::prover::gpu::DeviceGkrLayerView;
using sp1::prover::gpu::Ef;
using sp1::prover::gpu::upload;

std::vector<uint64_t> even_offsets(uint32_t columns, uint64_t rows) {
  std::vector<uint64_t> offsets(columns + 1);
  for (uint32_t k = 0; k <= columns; ++k) offsets[k] = k * rows;
  return offsets;
}

// Both oracles through every round at the same challenges: equal sums each round,
// then equal final values (prove_eq_sumcheck's order: z.first(n - 1 - r) in round r).
bool same_layer_sumcheck(GkrLayerOracle& device, sp1::prover::GkrRoundOracle& host, std::span<const EF> z,
                         std::mt19937_64& rng) {
  bool same = true;
  std::vector<EF> qd(3), qh(3);
  for (size_t r = 0; r < z.size(); ++r) {
    device.round_sums(z.first(z.size() - 1 - r), qd);
    host.round_sums(z.first(z.size() - 1 - r), qh);
    same = same && qd == qh;
    const EF c = r == 0 ? EF::zero() : r == 1 ? EF::one() : random_ext(rng);
    device.fix_last_variable(c);
    host.fix_last_variable(c);
  }
  return same && device.final_values() == host.final_values();
}

// Ragged columns (full, one row, empty, odd, one short of full): the device's layer
// above and layer sumcheck against parent_layer and GkrRoundOracle.
bool check(const Env& env, nlohmann::json& shape) {
  std::mt19937_64 rng(31);
  const size_t row_vars = 6;
  const std::vector<uint64_t> lengths = {64, 1, 0, 37, 64, 63};
  GkrLayer child{row_vars, {}};
  std::vector<uint64_t> offsets{0};
  std::vector<EF> num, den;
  for (uint64_t len : lengths) {
    child.columns.push_back({random_exts(len, rng), random_exts(len, rng)});
    num.insert(num.end(), child.columns.back().num.begin(), child.columns.back().num.end());
    den.insert(den.end(), child.columns.back().den.begin(), child.columns.back().den.end());
    offsets.push_back(offsets.back() + len);
  }
  shape = {{"row_vars", row_vars}, {"column_rows", lengths}};
  const size_t interaction_vars = sp1::multilinear::log2_ceil(lengths.size());
  const DeviceBuffer<uint64_t> d_offsets = upload<uint64_t>(offsets, env.stream);
  const DeviceBuffer<Ef> d_num = upload<Ef>(num, env.stream), d_den = upload<Ef>(den, env.stream);

  // The layer above.
  const GkrLayer parent = sp1::prover::parent_layer(child);
  std::vector<uint64_t> parent_offsets{0};
  std::vector<EF> want_num, want_den;
  for (const auto& c : parent.columns) {
    parent_offsets.push_back(parent_offsets.back() + c.num.size());
    want_num.insert(want_num.end(), c.num.begin(), c.num.end());
    want_den.insert(want_den.end(), c.den.begin(), c.den.end());
  }
  const DeviceBuffer<uint64_t> d_parent_offsets = upload<uint64_t>(parent_offsets, env.stream);
  DeviceBuffer<Ef> p_num(want_num.size(), env.stream), p_den(want_den.size(), env.stream);
  cuda::sp1::gkr_parent_layer(d_num.data(), d_den.data(), d_offsets.data(), p_num.data(), p_den.data(),
                              d_parent_offsets.data(), uint32_t(lengths.size()), want_num.size(), env.stream);
  bool same = sp1::prover::gpu::download(p_num, want_num.size()) == want_num &&
              sp1::prover::gpu::download(p_den, want_den.size()) == want_den;

  // The sumcheck over the layer.
  const EF lambda = random_ext(rng);
  const DeviceGkrLayerView view{offsets, d_offsets.data(), d_num.data(), d_den.data()};
  const auto device = sp1::prover::gpu::open_device_gkr_layer(view, row_vars, interaction_vars, lambda, env.stream);
  sp1::prover::GkrRoundOracle host(child, interaction_vars, lambda, 2);
  const std::vector<EF> z = random_exts(interaction_vars + row_vars - 1, rng);
  return same_layer_sumcheck(*device, host, z, rng) && same;
}

}  // namespace

Family gkr_family(const Env& env, uint32_t columns, unsigned log_pairs) {
  Family f{"logup_gkr", false, {}, {}};
  f.check = check(env, f.check_shape);

  cudaStream_t s = env.stream;
  std::mt19937_64 rng(41);
  const uint64_t rows = uint64_t(2) << log_pairs, total = uint64_t(columns) * rows, pairs = total / 2;
  const size_t row_vars = log_pairs + 1, interaction_vars = sp1::multilinear::log2_ceil(columns);
  const nlohmann::json shape = {{"columns", columns},
                                {"rows_per_column", rows},
                                {"pairs_per_column", rows / 2},
                                {"interaction_vars", interaction_vars},
                                {"row_rounds", log_pairs}};
  const std::vector<uint64_t> offsets = even_offsets(columns, rows);
  const DeviceBuffer<uint64_t> d_offsets = upload<uint64_t>(offsets, s);
  DeviceBuffer<Ef> num(total, s), den(total, s);
  fill_koalabear(num, 11);
  fill_koalabear(den, 12);
  const DeviceGkrLayerView child{offsets, d_offsets.data(), num.data(), den.data()};
  const EF lambda = random_ext(rng);
  const std::vector<EF> z = random_exts(interaction_vars + log_pairs, rng), challenges = random_exts(z.size(), rng);
  auto open = [&] { return sp1::prover::gpu::open_device_gkr_layer(child, row_vars, interaction_vars, lambda, s); };

  {  // The circuit's step: this layer -> the one above (2^log_pairs rows per column).
    const DeviceBuffer<uint64_t> d_parent = upload<uint64_t>(even_offsets(columns, rows / 2), s);
    DeviceBuffer<Ef> p_num(pairs, s), p_den(pairs, s);
    const double ms = median_ms(s, env.reps, [&] {
      cuda::sp1::gkr_parent_layer(num.data(), den.data(), d_offsets.data(), p_num.data(), p_den.data(),
                                  d_parent.data(), columns, pairs, s);
    });
    f.cases.push_back({"circuit_transition", shape, {"gkr_parent_layer"}, double(total) * 32 + double(pairs) * 32, ms});
  }
  {  // The first row round's kernel alone, on a split state of the same size.
    const DeviceBuffer<uint64_t> d_state = upload<uint64_t>(even_offsets(columns, rows / 2), s);
    const DeviceBuffer<uint64_t> d_pairs = upload<uint64_t>(even_offsets(columns, rows / 4), s);
    std::array<DeviceBuffer<Ef>, 4> state;
    for (unsigned v = 0; v < 4; ++v) {
      state[v] = DeviceBuffer<Ef>(pairs, s);
      fill_koalabear(state[v], 20 + v);
    }
    DeviceBuffer<Ef> eq_int(size_t(1) << interaction_vars, s), eq_row(rows / 4, s),
        partials(3 * cuda::sp1::kMaxBlocks, s);
    fill_koalabear(eq_int, 30);
    fill_koalabear(eq_row, 31);
    const Ef* st[4] = {state[0].data(), state[1].data(), state[2].data(), state[3].data()};
    const double ms = median_ms(s, env.reps, [&] {
      cuda::sp1::gkr_round_sums(st, d_state.data(), d_pairs.data(), columns, pairs / 2, eq_int.data(),
                                eq_row.data(), lambda, partials.data(), s);
    });
    f.cases.push_back({"first_row_round_kernel", shape, {"gkr_round_sums"},
                       double(pairs) * 64 + double(rows / 4) * 16, ms});
  }
  const double round_bytes = double(pairs) * 64 + double(rows / 4) * 16;
  const double fold_bytes = double(pairs) * 64 + double(pairs / 2) * 64;
  const double split_bytes = double(total) * 32 + double(pairs) * 64;
  {
    const double ms = median_ms(s, env.reps, [&] { (void)open(); });
    f.cases.push_back({"layer_open", shape, {"gkr_split"}, split_bytes, ms});
  }
  {
    const auto oracle = open();
    std::vector<EF> q(3);
    const std::span<const EF> high = std::span<const EF>(z).first(z.size() - 1);
    const double ms = median_ms(s, env.reps, [&] { oracle->round_sums(high, q); });
    f.cases.push_back({"first_row_round_sums", shape,
                       {"eq_table (row point)", "gkr_round_sums", "reduce_partials", "3 values to the host",
                        "padding share (host)"},
                       round_bytes, ms});
  }
  {
    std::unique_ptr<GkrLayerOracle> oracle;
    std::vector<EF> q(3);
    const double ms = median_ms_fresh(
        s, env.reps, [&] {
          oracle.reset();
          oracle = open();
        },
        [&] {
          oracle->round_sums(std::span<const EF>(z).first(z.size() - 1), q);
          oracle->fix_last_variable(challenges[0]);
        });
    f.cases.push_back({"first_row_round_with_fold", shape,
                       {"eq_table", "gkr_round_sums", "reduce_partials", "gkr_fold"}, round_bytes + fold_bytes, ms});
  }
  {
    double bytes = split_bytes;
    for (unsigned r = 0; r < log_pairs; ++r) bytes += double(pairs >> r) * 160;
    const double ms = median_ms(s, env.reps, [&] {
      const auto oracle = open();
      std::vector<EF> q(3);
      for (size_t r = 0; r < z.size(); ++r) {
        oracle->round_sums(std::span<const EF>(z).first(z.size() - 1 - r), q);
        oracle->fix_last_variable(challenges[r]);
      }
      (void)oracle->final_values();
    }, 1);
    f.cases.push_back({"whole_layer_sumcheck", shape,
                       {"gkr_split", std::to_string(log_pairs) + " row rounds (eq_table, gkr_round_sums, "
                                                                  "reduce_partials, gkr_fold)",
                        std::to_string(interaction_vars) + " interaction rounds on the host"},
                       bytes, ms});
  }
  return f;
}

}  // namespace zkgpu::bench::sp1k
