// BaseFold's commit phase on the device (sp1/prover_cuda/cuda_fri_folder, through
// make_cuda_pcs_device) over one committed round of `columns` stacked columns, at
// the PCS parameters the prover uses (sp1/pcs/params.hpp): the core machine's
// (2^21 rows, log_blowup 2) and compress's (2^20 rows, log_blowup 2). The round is
// committed on the device first (encoding and Merkle tree, not timed), as
// prove_basefold finds it.
#include <memory>
#include <random>
#include <string>

#include "backends/cuda/resident_matrix_cuda.hpp"
#include "bench/sp1_kernels/device_fill.hpp"
#include "bench/sp1_kernels/family.hpp"
#include "bench/sp1_kernels/host_random.hpp"
#include "sp1/pcs/params.hpp"
#include "sp1/prover/fri_folder.hpp"
#include "sp1/prover_cuda/cuda_pcs_device.hpp"

namespace zkgpu::bench::sp1k {

namespace {

using sp1::prover::BasefoldCommitted;
using sp1::prover::FriFolder;
using sp1::prover::PcsProverContext;
using Inner = sp1::wire::InnerConfig;

std::unique_ptr<ResidentMatrix> random_message(const Env& env, size_t height, size_t width, uint64_t seed) {
  auto m = std::make_unique<CudaResidentMatrix>(&env.ops, Field31::koalabear, height, width, env.stream);
  fill_koalabear(m->values, seed);
  return m;
}

// Bytes of round j's message, commitment and folds: the multilinear has n values,
// the codeword len (extension elements); the tree writes about one digest per
// codeword element.
double round_bytes(double n, double len) { return 56 * n + 72 * len; }

// The device folder against the host's (host_fri_folder) on one small committed
// round at the prover's blowup: the batched codeword's first value, then each
// round's message, tree root and folded first value.
bool check(const Env& env, unsigned log_blowup, nlohmann::json& shape) {
  std::mt19937_64 rng(51);
  const size_t log_height = 10, height = size_t(1) << log_height, width = 5;
  shape = {{"rows", height}, {"columns", width}, {"log_blowup", log_blowup}};
  const PcsProverContext ctx{env.ops, 2};
  const BasefoldCommitted<Inner> round =
      sp1::prover::basefold_commit<Inner>(ctx, log_blowup, random_canonicals(height * width, rng), height, width);
  const BasefoldCommitted<Inner>* views[] = {&round};
  const std::vector<EF> coeffs = random_exts(width, rng), point = random_exts(log_height, rng);
  const auto host = sp1::prover::host_fri_folder<Inner>(ctx, views, coeffs, log_blowup);
  const auto device = sp1::prover::make_cuda_pcs_device(env.ops)->fri_folder(views, coeffs, log_blowup);
  bool same = device->first_value() == host->first_value();
  for (size_t j = 0; j < log_height; ++j) {
    const std::span<const EF> rest = std::span<const EF>(point).first(log_height - 1 - j);
    same = same && device->message(rest) == host->message(rest);
    const auto host_tree = host->commit(), device_tree = device->commit();
    same = same && device_tree.commitment() == host_tree.commitment();
    const EF beta = random_ext(rng);
    host->fold(beta);
    device->fold(beta);
    same = same && device->first_value() == host->first_value();
  }
  return same;
}

void time_shape(const Env& env, const std::string& config, unsigned log_height, unsigned log_blowup, uint32_t columns,
                Family& out) {
  std::mt19937_64 rng(61 + log_height);
  const size_t height = size_t(1) << log_height, len = height << log_blowup;
  const PcsProverContext ctx{env.ops, 1};
  const BasefoldCommitted<Inner> round =
      sp1::prover::basefold_commit(ctx, log_blowup, random_message(env, height, columns, 700 + log_height));
  const BasefoldCommitted<Inner>* views[] = {&round};
  const std::vector<EF> coeffs = random_exts(columns, rng), point = random_exts(log_height, rng);
  const std::vector<EF> betas = random_exts(log_height, rng);
  const auto device = sp1::prover::make_cuda_pcs_device(env.ops);
  auto open = [&] { return device->fri_folder(views, coeffs, log_blowup); };
  const nlohmann::json shape = {{"config", config},
                                {"matches_sp1_shape", log_height == 21 && log_blowup == 2},
                                {"rows", height},
                                {"columns", columns},
                                {"log_blowup", log_blowup},
                                {"codeword_rows", len}};

  {
    const double ms = median_ms(env.stream, env.reps, [&] { (void)open(); });
    const double bytes = 4.0 * double(height + len) * columns + 16.0 * double(height) + 48.0 * double(len);
    out.cases.push_back({"batching", shape, {"batch_columns (message)", "batch_columns (codeword)", "ext_to_canonical"},
                         bytes, ms});
  }
  std::unique_ptr<FriFolder<Inner>> folder;
  {
    const double ms = median_ms_fresh(
        env.stream, env.reps, [&] {
          folder.reset();
          folder = open();
        },
        [&] {
          (void)folder->message(std::span<const EF>(point).first(log_height - 1));
          const auto tree = folder->commit();
          folder->fold(betas[0]);
        });
    out.cases.push_back({"first_commit_round", shape,
                         {"eq_table", "pair_dots", "reduce_partials", "Merkle tree of the codeword's pairs",
                          "fold_codeword", "fold_multilinear"},
                         round_bytes(double(height), double(len)), ms});
  }
  {
    double bytes = 0;
    for (unsigned j = 0; j < log_height; ++j) bytes += round_bytes(double(height >> j), double(len >> j));
    const double ms = median_ms_fresh(
        env.stream, env.reps, [&] {
          folder.reset();
          folder = open();
        },
        [&] {
          std::vector<sp1::prover::CommittedTensor<Inner>> trees;
          trees.reserve(log_height);
          for (unsigned j = 0; j < log_height; ++j) {
            (void)folder->message(std::span<const EF>(point).first(log_height - 1 - j));
            trees.push_back(folder->commit());
            folder->fold(betas[j]);
          }
          (void)folder->first_value();
        });
    out.cases.push_back({"commit_phase", shape,
                         {std::to_string(log_height) + " x (message: eq_table, pair_dots, reduce_partials; commit: "
                                                       "Merkle tree; fold_codeword, fold_multilinear)",
                          "first_value"},
                         bytes, ms});
  }
}

}  // namespace

Family basefold_family(const Env& env, uint32_t columns) {
  const sp1::pcs::JaggedParams core = sp1::pcs::core_params(), compress = sp1::pcs::compress_params();
  Family f{"basefold", false, {}, {}};
  f.check = check(env, unsigned(core.stacked.fri.log_blowup), f.check_shape);
  time_shape(env, "core_params", core.stacked.log_stacking_height, unsigned(core.stacked.fri.log_blowup), columns, f);
  time_shape(env, "compress_params", compress.stacked.log_stacking_height, unsigned(compress.stacked.fri.log_blowup),
             columns, f);
  return f;
}

}  // namespace zkgpu::bench::sp1k
