// The CUDA LogUp-GKR and zerocheck (sp1/prover_cuda) against the CPU reference, value
// for value: the GKR circuit's output and every layer sumcheck's round sums and
// final values, the trace evaluations, every zerocheck round and the openings, on
// the traces of random and shipped recursion programs with random challenges; and
// whole shard proofs with the CUDA sumchecks byte for byte equal to the CPU's.
// Skips without a GPU.
#include <gtest/gtest.h>

#include <bit>
#include <random>
#include <string>
#include <vector>

#include "tests/gpu/gpu_test_util.hpp"

#include "backends/backend.hpp"
#include "sp1/multilinear/eq.hpp"
#include "sp1/prover/recursion_shard.hpp"
#include "sp1/prover/logup_gkr_round.hpp"
#include "sp1/prover_cuda/cuda_gkr.hpp"
#include "sp1/prover_cuda/cuda_sumchecks.hpp"
#include "sp1/recursion/random_program.hpp"
#include "sp1/recursion/text_format.hpp"
#include "sp1/verifier/shard_verifier.hpp"
#include "sp1/wire/encode.hpp"
#include "tests/sp1/recursion_program_files.hpp"

namespace zkgpu::sp1::prover {
namespace {

using air::MachineKind;

EF random_ext(std::mt19937_64& rng) {
  auto f = [&] {
    switch (rng() % 4) {
      case 0: return F::zero();
      case 1: return F::one();
      case 2: return F::zero() - F::one();
      default: return F::from_canonical(uint32_t(rng() % F::kP));
    }
  };
  return EF{{f(), f(), f(), f()}};
}
std::vector<EF> random_point(std::mt19937_64& rng, size_t n) {
  std::vector<EF> p(n);
  for (EF& x : p) x = random_ext(rng);
  return p;
}

size_t log_rows(std::span<const ChipTrace> chips) {
  size_t most = 2;
  for (const ChipTrace& c : chips) most = std::max(most, c.trace.rows);
  return size_t(std::bit_width(std::bit_ceil(most)) - 1);
}

// Both oracles through every round at the same random challenges: equal sums each
// round. The high coordinates follow prove_eq_sumcheck: z.first(n - 1 - r).
void run_rounds(EqSumcheckOracle& cpu, EqSumcheckOracle& gpu, std::span<const EF> z, size_t degree,
                std::mt19937_64& rng, const std::string& what) {
  std::vector<EF> q_cpu(degree + 1), q_gpu(degree + 1);
  for (size_t r = 0; r < z.size(); ++r) {
    cpu.round_sums(z.first(z.size() - 1 - r), q_cpu);
    gpu.round_sums(z.first(z.size() - 1 - r), q_gpu);
    ASSERT_EQ(q_gpu, q_cpu) << what << " round " << r;
    const EF c = random_ext(rng);
    cpu.fix_last_variable(c);
    gpu.fix_last_variable(c);
  }
}

struct NamedShard {
  std::string name;
  RecursionShard shard;
};

std::vector<NamedShard> shards() {
  std::vector<NamedShard> out;
  for (const char* file : {"poseidon2_chain.rasm", "ext_arithmetic.rasm", "selects.rasm", "prefix_sum.rasm"})
    out.push_back({file, recursion_shard(recursion::load_program(test::recursion_program_text(file)),
                                         MachineKind::Compress)});
  for (uint64_t seed : {11u, 12u})
    for (MachineKind kind : {MachineKind::Compress, MachineKind::Wrap})
      out.push_back({"random " + std::to_string(seed), recursion_shard(recursion::random_program(seed, 2000, kind), kind)});
  return out;
}

class Sp1SumcheckGpu : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!gpu_test::have_gpu()) GTEST_SKIP() << "no CUDA device";
  }
};

TEST_F(Sp1SumcheckGpu, GkrCircuitLayersAndTraceEvaluationsEqualTheCpu) {
  std::mt19937_64 rng(1);
  const auto backend = make_cuda_sumcheck_backend();
  for (const NamedShard& s : shards()) {
    const std::vector<ChipTrace> chips = s.shard.chips();
    const size_t n = log_rows(chips);
    const auto cpu = open_cpu_sumchecks(chips, n, s.shard.public_values, 2);
    const auto gpu = backend->open_shard(chips, n, s.shard.public_values);
    const EF alpha = random_ext(rng);
    const std::vector<EF> betas = multilinear::partial_lagrange<EF>(random_point(rng, 3));
    const auto cc = cpu->gkr_circuit(alpha, betas), gc = gpu->gkr_circuit(alpha, betas);
    ASSERT_EQ(gc->num_layers(), cc->num_layers());
    ASSERT_EQ(gc->interaction_vars(), cc->interaction_vars());
    std::vector<EF> cn, cd, gn, gd;
    cc->output(cn, cd);
    gc->output(gn, gd);
    EXPECT_EQ(gn, cn) << s.name;
    EXPECT_EQ(gd, cd) << s.name;
    for (size_t layer = 1; layer < cc->num_layers(); ++layer) {
      const EF lambda = random_ext(rng);
      const auto co = cc->layer_oracle(layer, lambda), go = gc->layer_oracle(layer, lambda);
      const std::vector<EF> z = random_point(rng, cc->interaction_vars() + layer);
      run_rounds(*co, *go, z, 2, rng, s.name + " layer " + std::to_string(layer));
      EXPECT_EQ(go->final_values(), co->final_values()) << s.name << " layer " << layer;
    }
    const std::vector<EF> point = random_point(rng, n);
    const std::vector<TraceEvaluations> ce = cpu->trace_evaluations(point), ge = gpu->trace_evaluations(point);
    ASSERT_EQ(ge.size(), ce.size());
    for (size_t i = 0; i < ce.size(); ++i) {
      EXPECT_EQ(ge[i].main, ce[i].main) << s.name << " chip " << i;
      EXPECT_EQ(ge[i].preprocessed, ce[i].preprocessed) << s.name << " chip " << i;
    }
  }
}

// A layer opened on its own (open_device_gkr_layer, no shard) over ragged columns
// (full, one row, empty, odd, one short) runs GkrRoundOracle's rounds.
TEST_F(Sp1SumcheckGpu, GkrLayerOpenedAloneEqualsTheCpu) {
  std::mt19937_64 rng(3);
  const size_t row_vars = 5;
  GkrLayer child{row_vars, {}};
  std::vector<uint64_t> offsets{0};
  std::vector<EF> num, den;
  for (const uint64_t len : {32u, 1u, 0u, 17u, 31u}) {
    child.columns.push_back({random_point(rng, len), random_point(rng, len)});
    num.insert(num.end(), child.columns.back().num.begin(), child.columns.back().num.end());
    den.insert(den.end(), child.columns.back().den.begin(), child.columns.back().den.end());
    offsets.push_back(offsets.back() + len);
  }
  const size_t interaction_vars = multilinear::log2_ceil(child.columns.size());
  cudaStream_t stream = nullptr;
  ASSERT_EQ(cudaStreamCreate(&stream), cudaSuccess);
  {
    const auto d_offsets = gpu::upload<uint64_t>(offsets, stream);
    const auto d_num = gpu::upload<gpu::Ef>(num, stream), d_den = gpu::upload<gpu::Ef>(den, stream);
    const EF lambda = random_ext(rng);
    const auto device = gpu::open_device_gkr_layer({offsets, d_offsets.data(), d_num.data(), d_den.data()}, row_vars,
                                                   interaction_vars, lambda, stream);
    GkrRoundOracle host(child, interaction_vars, lambda, 2);
    struct HostOracle final : EqSumcheckOracle {
      GkrRoundOracle& o;
      explicit HostOracle(GkrRoundOracle& h) : o(h) {}
      void round_sums(std::span<const EF> high, std::span<EF> q) override { o.round_sums(high, q); }
      void fix_last_variable(const EF& c) override { o.fix_last_variable(c); }
    } cpu(host);
    run_rounds(cpu, *device, random_point(rng, interaction_vars + row_vars - 1), 2, rng, "layer alone");
    EXPECT_EQ(device->final_values(), host.final_values());
  }
  cudaStreamDestroy(stream);
}

TEST_F(Sp1SumcheckGpu, ZerocheckRoundsAndOpeningsEqualTheCpu) {
  std::mt19937_64 rng(2);
  const auto backend = make_cuda_sumcheck_backend();
  for (const NamedShard& s : shards()) {
    const std::vector<ChipTrace> chips = s.shard.chips();
    const size_t n = log_rows(chips);
    const auto cpu = open_cpu_sumchecks(chips, n, s.shard.public_values, 2);
    const auto gpu = backend->open_shard(chips, n, s.shard.public_values);
    const EF alpha = random_ext(rng), batch = random_ext(rng), lambda = random_ext(rng);
    const auto co = cpu->zerocheck(alpha, batch, lambda), go = gpu->zerocheck(alpha, batch, lambda);
    run_rounds(*co, *go, random_point(rng, n), 3, rng, s.name);
    for (size_t i = 0; i < chips.size(); ++i) {
      const TraceEvaluations c = co->openings(i), g = go->openings(i);
      EXPECT_EQ(g.main, c.main) << s.name << " chip " << i;
      EXPECT_EQ(g.preprocessed, c.preprocessed) << s.name << " chip " << i;
    }
  }
}

// Whole shard proofs: the CUDA sumchecks give the CPU's bytes, which verify.
TEST_F(Sp1SumcheckGpu, ShardProofsAreByteIdenticalToTheCpus) {
  const auto cpu_backend = make_cpu_backend(2);
  const PcsProverContext ctx{cpu_backend->stark(), 2};
  const auto sumchecks = make_cuda_sumcheck_backend();
  const pcs::JaggedParams params = verifier::stage_params<wire::InnerConfig>();
  std::vector<RecursionShard> cases;
  cases.push_back(recursion_shard(recursion::load_program(test::recursion_program_text("poseidon2_chain.rasm")),
                                  MachineKind::Compress));
  cases.push_back(recursion_shard(recursion::random_program(7, 3000, MachineKind::Compress), MachineKind::Compress));
  for (const RecursionShard& shard : cases) {
    const std::vector<ChipTrace> chips = shard.chips();
    const auto pk = setup_shard<wire::InnerConfig>(ctx, params, chips, recursion_program_constants());
    const auto cpu = prove_shard<wire::InnerConfig>(ctx, params, pk, chips, shard.public_values);
    const auto gpu = prove_shard<wire::InnerConfig>(ctx, params, pk, chips, shard.public_values, nullptr, sumchecks.get());
    EXPECT_EQ(wire::encode_shard_proof(gpu), wire::encode_shard_proof(cpu));
    EXPECT_NO_THROW(verifier::verify_shard(pk.vk, gpu, MachineKind::Compress));
  }
}

}  // namespace
}  // namespace zkgpu::sp1::prover
