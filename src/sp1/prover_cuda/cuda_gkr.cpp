#include "sp1/prover_cuda/cuda_gkr.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>

#include "sp1/multilinear/eq.hpp"
#include "sp1/prover/logup_gkr_round.hpp"
#include "sp1/prover/sumcheck_terms.hpp"

namespace zkgpu::sp1::prover::gpu {

namespace {

// Flat columns: host offsets (columns + 1 of them) and their device copy.
struct Columns {
  std::vector<uint64_t> offsets;
  DeviceBuffer<uint64_t> device;

  Columns(std::vector<uint64_t> host, cudaStream_t stream)
      : offsets(std::move(host)), device(upload<uint64_t>(offsets, stream)) {}
  uint32_t count() const { return uint32_t(offsets.size() - 1); }
  uint64_t total() const { return offsets.back(); }
  uint64_t length(size_t k) const { return offsets[k + 1] - offsets[k]; }
};

// Each column halved (rounded up): the layer above, or the pairs of a round.
std::vector<uint64_t> halved(std::span<const uint64_t> offsets) {
  std::vector<uint64_t> out{0};
  for (size_t k = 0; k + 1 < offsets.size(); ++k) out.push_back(out.back() + (offsets[k + 1] - offsets[k] + 1) / 2);
  return out;
}

struct Layer {
  Columns columns;
  DeviceBuffer<Ef> num, den;
};

// Every level of a layer oracle's columns, computed and uploaded once: level j
// holds the columns after j halvings (round j's state; its pairs are level j + 1).
class ColumnLevels {
 public:
  ColumnLevels(std::vector<uint64_t> first, size_t rounds, cudaStream_t stream) {
    std::vector<uint64_t> flat;
    std::vector<uint64_t> level = std::move(first);
    for (size_t j = 0; j <= rounds; ++j) {
      at_.push_back(flat.size());
      flat.insert(flat.end(), level.begin(), level.end());
      host_.push_back(level);
      level = halved(level);
    }
    device_ = upload<uint64_t>(flat, stream);
  }
  std::span<const uint64_t> host(size_t j) const { return host_.at(j); }
  const uint64_t* device(size_t j) const { return device_.data() + at_.at(j); }
  uint32_t count() const { return uint32_t(host_.front().size() - 1); }
  uint64_t total(size_t j) const { return host_.at(j).back(); }
  uint64_t length(size_t j, size_t k) const { return host_[j][k + 1] - host_[j][k]; }

 private:
  std::vector<std::vector<uint64_t>> host_;
  std::vector<size_t> at_;
  DeviceBuffer<uint64_t> device_;
};

size_t parent_row_vars(size_t child_row_vars) {
  if (child_row_vars < 2) throw std::invalid_argument("GKR round: the child layer needs two row variables");
  return child_row_vars - 1;
}

class DeviceGkrLayer final : public GkrLayerOracle {
 public:
  // `owner` keeps the stream alive (the shard whose stream it is; null where the
  // caller does).
  DeviceGkrLayer(std::shared_ptr<const void> owner, cudaStream_t stream, const DeviceGkrLayerView& child,
                 size_t child_row_vars, size_t interaction_vars, const EF& lambda)
      : owner_(std::move(owner)),
        s_(stream),
        interaction_vars_(interaction_vars),
        row_vars_(parent_row_vars(child_row_vars)),
        lambda_(lambda),
        levels_(halved(child.offsets), row_vars_, s_),
        partials_(size_t(3) * cuda::sp1::kMaxBlocks, s_) {
    for (auto& v : state_) v = DeviceBuffer<Ef>(levels_.total(0), s_);
    Ef* out[4] = {state_[0].data(), state_[1].data(), state_[2].data(), state_[3].data()};
    cuda::sp1::gkr_split(child.num, child.den, child.device_offsets, out, levels_.device(0), levels_.count(),
                         levels_.total(0), s_);
  }

  void round_sums(std::span<const EF> high, std::span<EF> q) override {
    if (q.size() != 3) throw std::invalid_argument("GKR round: wrong number of sums");
    if (dense_) return dense_->round_sums(high, q);
    if (high.size() < interaction_vars_) throw std::invalid_argument("GKR round: point too short");
    cudaStream_t s = s_;
    set_interaction_point(high.first(interaction_vars_));
    const std::span<const EF> row_point = high.subspan(interaction_vars_);
    const size_t pairs = level_ + 1;
    std::vector<uint64_t> pair_counts(levels_.count());
    uint64_t max_pairs = 0;
    for (size_t k = 0; k < pair_counts.size(); ++k) {
      pair_counts[k] = levels_.length(pairs, k);
      max_pairs = std::max(max_pairs, pair_counts[k]);
    }

    std::vector<EF> sums(3, EF::zero());
    if (levels_.total(pairs) > 0) {
      const DeviceBuffer<Ef> eq_row = device_eq(row_point, max_pairs, s);
      const Ef* st[4] = {state_[0].data(), state_[1].data(), state_[2].data(), state_[3].data()};
      const uint32_t blocks = cuda::sp1::gkr_round_sums(st, levels_.device(level_), levels_.device(pairs),
                                                        levels_.count(), levels_.total(pairs), eq_int_d_.data(),
                                                        eq_row.data(), lambda_, partials_.data(), s);
      sums = sum_partials(partials_, blocks, 3, s);
    }
    const EF padding = gkr_padding_share(eq_int_, row_point, pair_counts);
    for (size_t t = 0; t < 3; ++t) q[t] = sums[t] + padding;
  }

  void fix_last_variable(const EF& c) override {
    if (dense_) return dense_->fix_last_variable(c);
    cudaStream_t s = s_;
    const size_t next = level_ + 1;
    std::array<DeviceBuffer<Ef>, 4> out;
    for (auto& v : out) v = DeviceBuffer<Ef>(levels_.total(next), s);
    const Ef* in[4] = {state_[0].data(), state_[1].data(), state_[2].data(), state_[3].data()};
    Ef* o[4] = {out[0].data(), out[1].data(), out[2].data(), out[3].data()};
    cuda::sp1::gkr_fold(in, levels_.device(level_), o, levels_.device(next), levels_.count(), levels_.total(next), c,
                        s);
    state_ = std::move(out);
    level_ = next;
    if (--row_vars_ > 0) return;
    // Every row bound: one value per interaction (none for an empty column), the
    // rest of the hypercube padding; the interaction rounds run on the host.
    GkrInteractionRounds::Tables dense;
    const std::span<const uint64_t> offsets = levels_.host(level_);
    for (unsigned v = 0; v < 4; ++v) {
      const std::vector<EF> values = download(state_[v], levels_.total(level_));
      dense[v].assign(size_t(1) << interaction_vars_, terms::gkr_fill(v));
      for (size_t k = 0; k < levels_.count(); ++k)
        if (levels_.length(level_, k) > 0) dense[v][k] = values[offsets[k]];
    }
    for (auto& v : state_) v = DeviceBuffer<Ef>();
    dense_.emplace(std::move(dense), lambda_);
  }

  std::array<EF, 4> final_values() const override {
    if (!dense_) throw std::logic_error("GKR round: variables left unbound");
    return dense_->final_values();
  }

 private:
  // eq over the interaction coordinates: fixed while the rows are bound, so it is
  // computed and uploaded again only when the point's first coordinates change.
  void set_interaction_point(std::span<const EF> point) {
    if (has_eq_int_ && std::equal(point.begin(), point.end(), interaction_point_.begin(), interaction_point_.end()))
      return;
    interaction_point_.assign(point.begin(), point.end());
    eq_int_ = multilinear::partial_lagrange<EF>(point);
    eq_int_d_ = upload<Ef>(eq_int_, s_);
    has_eq_int_ = true;
  }

  std::shared_ptr<const void> owner_;
  cudaStream_t s_;
  size_t interaction_vars_, row_vars_;
  EF lambda_;
  ColumnLevels levels_;  // N0, N1, D0, D1 share the layout
  size_t level_ = 0;     // the state's level
  std::array<DeviceBuffer<Ef>, 4> state_;
  DeviceBuffer<Ef> partials_;
  bool has_eq_int_ = false;
  std::vector<EF> interaction_point_, eq_int_;
  DeviceBuffer<Ef> eq_int_d_;
  std::optional<GkrInteractionRounds> dense_;
};

class DeviceGkrCircuit final : public GkrCircuitTables {
 public:
  DeviceGkrCircuit(std::shared_ptr<const DeviceShard> shard, const EF& alpha, std::span<const EF> betas)
      : shard_(std::move(shard)) {
    cudaStream_t s = shard_->s();
    std::vector<uint64_t> offsets{0};
    for (const DeviceChip& c : shard_->chips) {
      if (betas.size() < c.chip->max_interaction_arity())
        throw std::invalid_argument(std::string(c.chip->name()) + ": fewer betas than an interaction's arity");
      for (size_t k = 0; k < c.interactions.host.interactions.size(); ++k) offsets.push_back(offsets.back() + c.rows);
    }
    num_interactions_ = offsets.size() - 1;
    interaction_vars_ = multilinear::log2_ceil(num_interactions_);
    const size_t n = shard_->max_log_row_count;
    layers_.resize(n);
    Columns leaf_columns(std::move(offsets), s);
    Layer leaves{std::move(leaf_columns), DeviceBuffer<Ef>(), DeviceBuffer<Ef>()};
    leaves.num = DeviceBuffer<Ef>(leaves.columns.total(), s);
    leaves.den = DeviceBuffer<Ef>(leaves.columns.total(), s);
    const DeviceBuffer<Ef> betas_d = upload<Ef>(betas, s);
    size_t first = 0;
    for (const DeviceChip& c : shard_->chips) {
      const uint64_t at = leaves.columns.offsets[first];
      cuda::sp1::gkr_leaves(c.interactions.view(), c.interactions.host.slots, c.main.data(), uint32_t(c.width),
                            c.prep.data(), uint32_t(c.prep_width), c.rows, shard_->pv.data(), shard_->num_pv(), alpha,
                            betas_d.data(), leaves.num.data() + at, leaves.den.data() + at, s);
      first += c.interactions.host.interactions.size();
    }
    layers_[n - 1].emplace(std::move(leaves));
    for (size_t l = n - 1; l-- > 0;) {
      const Layer& child = *layers_[l + 1];
      Layer parent{Columns(halved(child.columns.offsets), s), DeviceBuffer<Ef>(), DeviceBuffer<Ef>()};
      parent.num = DeviceBuffer<Ef>(parent.columns.total(), s);
      parent.den = DeviceBuffer<Ef>(parent.columns.total(), s);
      cuda::sp1::gkr_parent_layer(child.num.data(), child.den.data(), child.columns.device.data(), parent.num.data(),
                                  parent.den.data(), parent.columns.device.data(), parent.columns.count(),
                                  parent.columns.total(), s);
      layers_[l].emplace(std::move(parent));
    }
  }

  size_t num_layers() const override { return layers_.size(); }
  size_t interaction_vars() const override { return interaction_vars_; }

  void output(std::vector<EF>& numerator, std::vector<EF>& denominator) const override {
    const Layer& top = *layers_.front();
    const std::vector<EF> num = download(top.num, top.columns.total()), den = download(top.den, top.columns.total());
    const size_t size = size_t(2) << interaction_vars_;
    numerator.assign(size, EF::zero());
    denominator.assign(size, EF::one());
    for (size_t k = 0; k < top.columns.count(); ++k)
      for (size_t b = 0; b < top.columns.length(k); ++b) {
        numerator[2 * k + b] = num[top.columns.offsets[k] + b];
        denominator[2 * k + b] = den[top.columns.offsets[k] + b];
      }
  }

  std::unique_ptr<GkrLayerOracle> layer_oracle(size_t layer, const EF& lambda) const override {
    if (layer == 0 || layer >= layers_.size()) throw std::out_of_range("GKR: no such layer below a claim");
    const Layer& child = *layers_[layer];
    const DeviceGkrLayerView view{child.columns.offsets, child.columns.device.data(), child.num.data(),
                                  child.den.data()};
    return std::make_unique<DeviceGkrLayer>(shard_, shard_->s(), view, layer + 1, interaction_vars_, lambda);
  }

 private:
  std::shared_ptr<const DeviceShard> shard_;
  size_t num_interactions_ = 0, interaction_vars_ = 0;
  std::vector<std::optional<Layer>> layers_;  // layers_[l] has l + 1 row variables
};

}  // namespace

std::unique_ptr<GkrCircuitTables> build_device_gkr_circuit(std::shared_ptr<const DeviceShard> shard, const EF& alpha,
                                                           std::span<const EF> betas) {
  return std::make_unique<DeviceGkrCircuit>(std::move(shard), alpha, betas);
}

std::unique_ptr<GkrLayerOracle> open_device_gkr_layer(const DeviceGkrLayerView& child, size_t row_vars,
                                                      size_t interaction_vars, const EF& lambda, cudaStream_t stream) {
  if (child.offsets.size() < 2 || child.offsets.size() - 1 > (size_t(1) << interaction_vars))
    throw std::invalid_argument("GKR layer: the columns do not fit the interaction variables");
  for (size_t k = 0; k + 1 < child.offsets.size(); ++k)
    if (child.offsets[k + 1] < child.offsets[k] || child.offsets[k + 1] - child.offsets[k] > (uint64_t(1) << row_vars))
      throw std::invalid_argument("GKR layer: a column longer than 2^row_vars rows");
  return std::make_unique<DeviceGkrLayer>(nullptr, stream, child, row_vars, interaction_vars, lambda);
}

}  // namespace zkgpu::sp1::prover::gpu
