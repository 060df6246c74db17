#include "sp1/prover_cuda/cuda_zerocheck.hpp"

#include <algorithm>
#include <stdexcept>

#include "sp1/air/program_eval.hpp"
#include "sp1/prover/zerocheck_round.hpp"

namespace zkgpu::sp1::prover::gpu {

namespace {

class DeviceZerocheck final : public ZerocheckRoundOracle {
 public:
  DeviceZerocheck(std::shared_ptr<const DeviceShard> shard, const EF& alpha, const EF& batch, const EF& lambda)
      : shard_(std::move(shard)), lambda_(lambda) {
    cudaStream_t s = shard_->s();
    for (const DeviceChip& c : shard_->chips) {
      const air::RowProgram& rp = c.constraints.host;
      State st{c.rows,
               upload<Ef>(air::fold_weights(rp, air::constraint_powers(alpha, rp.root_of.size())), s),
               upload<Ef>(zerocheck_batch_powers(batch, c.width + c.prep_width), s),
               zerocheck_padding(*c.chip, shard_->public_values, alpha),
               {},
               {},
               {}};
      states_.push_back(std::move(st));
    }
  }

  void round_sums(std::span<const EF> high, std::span<EF> q) override {
    if (q.size() != ZerocheckOracle::kDegree + 1) throw std::invalid_argument("zerocheck round: wrong number of sums");
    cudaStream_t s = shard_->s();
    const size_t n = states_.size();
    uint64_t max_pairs = 0;
    for (const State& st : states_) max_pairs = std::max<uint64_t>(max_pairs, (st.rows + 1) / 2);
    const DeviceBuffer<Ef> eq_row = device_eq(high, max_pairs, s);
    DeviceBuffer<Ef> partials(size_t(4) * cuda::sp1::kMaxBlocks, s), sums(4 * n, s);
    std::vector<bool> empty(n, false);
    for (size_t i = 0; i < n; ++i) {
      const DeviceChip& c = shard_->chips[i];
      const State& st = states_[i];
      if (st.rows == 0) {
        empty[i] = true;
        continue;
      }
      const cuda::sp1::ZerocheckChip z{st.weights.data(), st.batch_powers.data(), st.padding, uint32_t(c.width),
                                       uint32_t(c.prep_width)};
      const uint32_t blocks =
          extension_ ? cuda::sp1::zerocheck_round_sums<Ef>(c.constraints.view(), c.constraints.host.slots, z,
                                                           st.main.data(), st.prep.data(), st.geq.data(), st.rows,
                                                           shard_->pv.data(), shard_->num_pv(), eq_row.data(),
                                                           partials.data(), s)
                     : cuda::sp1::zerocheck_round_sums<Fe>(c.constraints.view(), c.constraints.host.slots, z,
                                                           c.main.data(), c.prep.data(), nullptr, st.rows,
                                                           shard_->pv.data(), shard_->num_pv(), eq_row.data(),
                                                           partials.data(), s);
      cuda::sp1::reduce_partials(partials.data(), blocks, 4, sums.data() + 4 * i, s);
    }
    const std::vector<EF> chip_sums = download(sums, 4 * n);
    std::fill(q.begin(), q.end(), EF::zero());
    for (size_t i = 0; i < n; ++i)
      for (size_t t = 0; t < 4; ++t) q[t] = q[t] * lambda_ + (empty[i] ? EF::zero() : chip_sums[4 * i + t]);
  }

  void fix_last_variable(const EF& c) override {
    cudaStream_t s = shard_->s();
    for (size_t i = 0; i < states_.size(); ++i) {
      const DeviceChip& chip = shard_->chips[i];
      State& st = states_[i];
      const uint64_t pairs = (st.rows + 1) / 2;
      DeviceBuffer<Ef> main(pairs * chip.width, s), prep(pairs * chip.prep_width, s), geq(pairs, s);
      if (extension_)
        cuda::sp1::zerocheck_fold<Ef>(st.main.data(), st.prep.data(), st.geq.data(), st.rows, uint32_t(chip.width),
                                      uint32_t(chip.prep_width), c, main.data(), prep.data(), geq.data(), s);
      else
        cuda::sp1::zerocheck_fold<Fe>(chip.main.data(), chip.prep.data(), nullptr, st.rows, uint32_t(chip.width),
                                      uint32_t(chip.prep_width), c, main.data(), prep.data(), geq.data(), s);
      st.main = std::move(main);
      st.prep = std::move(prep);
      st.geq = std::move(geq);
      st.rows = pairs;
    }
    extension_ = true;
  }

  TraceEvaluations openings(size_t chip) const override {
    const State& st = states_.at(chip);
    const DeviceChip& c = shard_->chips[chip];
    if (!extension_ || st.rows > 1) throw std::logic_error("zerocheck: variables left unbound");
    if (st.rows == 0) return {std::vector<EF>(c.width, EF::zero()), std::vector<EF>(c.prep_width, EF::zero())};
    return {download(st.main, c.width), download(st.prep, c.prep_width)};
  }

 private:
  struct State {
    uint64_t rows;  // rows stored (the others zero, geq one)
    DeviceBuffer<Ef> weights, batch_powers;
    EF padding;
    DeviceBuffer<Ef> main, prep, geq;  // once a coordinate is bound
  };

  std::shared_ptr<const DeviceShard> shard_;
  EF lambda_;
  std::vector<State> states_;
  bool extension_ = false;
};

}  // namespace

std::unique_ptr<ZerocheckRoundOracle> make_device_zerocheck(std::shared_ptr<const DeviceShard> shard, const EF& alpha,
                                                            const EF& batch_challenge, const EF& lambda) {
  return std::make_unique<DeviceZerocheck>(std::move(shard), alpha, batch_challenge, lambda);
}

}  // namespace zkgpu::sp1::prover::gpu
