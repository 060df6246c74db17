#include "sp1/prover_cuda/cuda_zerocheck.hpp"

#include <algorithm>
#include <stdexcept>

#include "sp1/air/program_eval.hpp"
#include "sp1/prover/zerocheck_round.hpp"
#include "sp1/prover_cuda/stream_fan.hpp"

namespace zkgpu::sp1::prover::gpu {

namespace {

// Chips beyond this share side streams (a shard's rounds rarely have more than a
// handful of chips with work large enough to matter).
constexpr size_t kSideStreams = 16;

class DeviceZerocheck final : public ZerocheckRoundOracle {
 public:
  DeviceZerocheck(std::shared_ptr<const DeviceShard> shard, const EF& alpha, const EF& batch, const EF& lambda)
      : shard_(std::move(shard)), lambda_(lambda), fan_(std::min<size_t>(shard_->chips.size(), kSideStreams)) {
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
    DeviceBuffer<Ef> partials(size_t(4) * cuda::sp1::kMaxBlocks * n, s), sums(4 * n, s);
    fan_.fork(s);
    for (size_t i = 0; i < n; ++i) {
      const DeviceChip& c = shard_->chips[i];
      const State& st = states_[i];
      if (st.rows == 0) continue;
      const cuda::sp1::ZerocheckChip z{st.weights.data(), st.batch_powers.data(), st.padding, uint32_t(c.width),
                                       uint32_t(c.prep_width)};
      Ef* own = partials.data() + size_t(4) * cuda::sp1::kMaxBlocks * i;
      const uint32_t blocks =
          extension_ ? cuda::sp1::zerocheck_round_sums<Ef>(c.constraints.view(), c.constraints.host.slots, z,
                                                           st.main.data(), st.prep.data(), st.geq.data(), st.rows,
                                                           shard_->pv.data(), shard_->num_pv(), eq_row.data(), own,
                                                           fan_.at(i))
                     : cuda::sp1::zerocheck_round_sums<Fe>(c.constraints.view(), c.constraints.host.slots, z,
                                                           c.main.data(), c.prep.data(), nullptr, st.rows,
                                                           shard_->pv.data(), shard_->num_pv(), eq_row.data(), own,
                                                           fan_.at(i));
      cuda::sp1::reduce_partials(own, blocks, 4, sums.data() + 4 * i, fan_.at(i));
    }
    fan_.join(s);
    const std::vector<EF> chip_sums = download(sums, 4 * n);
    std::fill(q.begin(), q.end(), EF::zero());
    for (size_t i = 0; i < n; ++i)
      for (size_t t = 0; t < 4; ++t) q[t] = q[t] * lambda_ + (states_[i].rows == 0 ? EF::zero() : chip_sums[4 * i + t]);
  }

  void fix_last_variable(const EF& c) override {
    cudaStream_t s = shard_->s();
    // The new buffers come from the shard's stream before the fork, the old ones go
    // back to it after the join.
    std::vector<State> next;
    for (size_t i = 0; i < states_.size(); ++i) {
      const DeviceChip& chip = shard_->chips[i];
      const uint64_t pairs = (states_[i].rows + 1) / 2;
      next.push_back({pairs, {}, {}, {}, DeviceBuffer<Ef>(pairs * chip.width, s),
                      DeviceBuffer<Ef>(pairs * chip.prep_width, s), DeviceBuffer<Ef>(pairs, s)});
    }
    fan_.fork(s);
    for (size_t i = 0; i < states_.size(); ++i) {
      const DeviceChip& chip = shard_->chips[i];
      const State& st = states_[i];
      State& out = next[i];
      if (extension_)
        cuda::sp1::zerocheck_fold<Ef>(st.main.data(), st.prep.data(), st.geq.data(), st.rows, uint32_t(chip.width),
                                      uint32_t(chip.prep_width), c, out.main.data(), out.prep.data(), out.geq.data(),
                                      fan_.at(i));
      else
        cuda::sp1::zerocheck_fold<Fe>(chip.main.data(), chip.prep.data(), nullptr, st.rows, uint32_t(chip.width),
                                      uint32_t(chip.prep_width), c, out.main.data(), out.prep.data(), out.geq.data(),
                                      fan_.at(i));
    }
    fan_.join(s);
    for (size_t i = 0; i < states_.size(); ++i) {
      states_[i].main = std::move(next[i].main);
      states_[i].prep = std::move(next[i].prep);
      states_[i].geq = std::move(next[i].geq);
      states_[i].rows = next[i].rows;
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
  StreamFan fan_;
  bool extension_ = false;
};

}  // namespace

std::unique_ptr<ZerocheckRoundOracle> make_device_zerocheck(std::shared_ptr<const DeviceShard> shard, const EF& alpha,
                                                            const EF& batch_challenge, const EF& lambda) {
  return std::make_unique<DeviceZerocheck>(std::move(shard), alpha, batch_challenge, lambda);
}

}  // namespace zkgpu::sp1::prover::gpu
