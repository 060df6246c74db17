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

// Offsets of several layouts of the same columns, computed and uploaded once.
class ColumnLevels {
 public:
  ColumnLevels(std::vector<std::vector<uint64_t>> levels, cudaStream_t stream) : host_(std::move(levels)) {
    std::vector<uint64_t> flat;
    for (const auto& level : host_) {
      at_.push_back(flat.size());
      flat.insert(flat.end(), level.begin(), level.end());
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

// Level j of a layer sumcheck's state has its row coordinates bound j times: its
// entries (N0, N1, D0, D1) are the child's offsets halved j + 1 times, j = 0 up
// to one past the last row round (the last level's pairs); its rows are the
// child's own at j = 0 (the state is the child until the first fold) and two per
// entry after.
ColumnLevels entry_levels(std::span<const uint64_t> child, size_t rounds, cudaStream_t stream) {
  std::vector<std::vector<uint64_t>> levels{halved(child)};
  while (levels.size() < rounds + 2) levels.push_back(halved(levels.back()));
  return ColumnLevels(std::move(levels), stream);
}
ColumnLevels row_levels(std::span<const uint64_t> child, const ColumnLevels& entries, size_t rounds,
                        cudaStream_t stream) {
  std::vector<std::vector<uint64_t>> levels{std::vector<uint64_t>(child.begin(), child.end())};
  for (size_t j = 1; j <= rounds; ++j) {
    levels.emplace_back();
    for (uint64_t e : entries.host(j)) levels.back().push_back(2 * e);
  }
  return ColumnLevels(std::move(levels), stream);
}

// Each round after the first is one pass over the state: fix_last_variable folds
// and, in the same kernel, sums the next round at the point prove_eq_sumcheck
// asks next (this round's point less its last coordinate); round_sums then only
// downloads them (it sums afresh at any other point).
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
        entries_(entry_levels(child.offsets, row_vars_, s_)),
        rows_(row_levels(child.offsets, entries_, row_vars_, s_)),
        child_num_(child.num),
        child_den_(child.den),
        partials_(size_t(3) * cuda::sp1::kMaxBlocks, s_) {}

  void round_sums(std::span<const EF> high, std::span<EF> q) override {
    if (q.size() != 3) throw std::invalid_argument("GKR round: wrong number of sums");
    if (dense_) return dense_->round_sums(high, q);
    if (high.size() < interaction_vars_) throw std::invalid_argument("GKR round: point too short");
    cudaStream_t s = s_;
    set_interaction_point(high.first(interaction_vars_));
    const std::span<const EF> row_point = high.subspan(interaction_vars_);
    const size_t pairs = level_ + 1;
    std::vector<uint64_t> pair_counts(entries_.count());
    for (size_t k = 0; k < pair_counts.size(); ++k) pair_counts[k] = entries_.length(pairs, k);

    std::vector<EF> sums(3, EF::zero());
    if (entries_.total(pairs) > 0) {
      if (!summed_at_ || !std::equal(high.begin(), high.end(), summed_at_->begin(), summed_at_->end())) {
        const DeviceBuffer<Ef> eq_row = device_eq(row_point, max_pairs(pairs), s);
        summed_blocks_ = cuda::sp1::gkr_round_sums(num(), den(), rows_.device(level_), entries_.device(pairs),
                                                   entries_.count(), entries_.total(pairs), eq_int_d_.data(),
                                                   eq_row.data(), lambda_, partials_.data(), s);
        summed_at_.emplace(high.begin(), high.end());
      }
      sums = sum_partials(partials_, summed_blocks_, 3, s);
    }
    const EF padding = gkr_padding_share(eq_int_, row_point, pair_counts);
    for (size_t t = 0; t < 3; ++t) q[t] = sums[t] + padding;
  }

  void fix_last_variable(const EF& c) override {
    if (dense_) return dense_->fix_last_variable(c);
    cudaStream_t s = s_;
    const size_t next = level_ + 1, next_pairs = next + 1;
    DeviceBuffer<Ef> out_num(rows_.total(next), s), out_den(rows_.total(next), s);
    // The next round's sums ride along when a row round follows and this round
    // was summed at a point of its length: the next point is that one less its
    // last coordinate (eq_int_d_ is still its interaction part).
    const bool ahead = row_vars_ > 1 && summed_at_ && summed_at_->size() == interaction_vars_ + row_vars_ - 1 &&
                       entries_.total(next_pairs) > 0;
    DeviceBuffer<Ef> eq_row;
    if (ahead) {
      summed_at_->pop_back();
      eq_row = device_eq(std::span<const EF>(*summed_at_).subspan(interaction_vars_), max_pairs(next_pairs), s);
    } else {
      summed_at_.reset();
    }
    summed_blocks_ = cuda::sp1::gkr_fold(num(), den(), rows_.device(level_), out_num.data(), out_den.data(),
                                         rows_.device(next), entries_.device(next_pairs), entries_.count(),
                                         entries_.total(next_pairs), c, eq_int_d_.data(),
                                         ahead ? eq_row.data() : nullptr, lambda_, partials_.data(), s);
    num_ = std::move(out_num);
    den_ = std::move(out_den);
    level_ = next;
    if (--row_vars_ > 0) return;
    // Every row bound: one entry per interaction (none for an empty column), the
    // rest of the hypercube padding; the interaction rounds run on the host.
    const std::vector<EF> num = download(num_, rows_.total(level_)), den = download(den_, rows_.total(level_));
    GkrInteractionRounds::Tables dense;
    for (unsigned v = 0; v < 4; ++v) dense[v].assign(size_t(1) << interaction_vars_, terms::gkr_fill(v));
    const std::span<const uint64_t> rows = rows_.host(level_);
    for (size_t k = 0; k < entries_.count(); ++k) {
      if (rows_.length(level_, k) == 0) continue;
      dense[0][k] = num[rows[k]];
      dense[1][k] = num[rows[k] + 1];
      dense[2][k] = den[rows[k]];
      dense[3][k] = den[rows[k] + 1];
    }
    num_ = DeviceBuffer<Ef>();
    den_ = DeviceBuffer<Ef>();
    dense_.emplace(std::move(dense), lambda_);
  }

  std::array<EF, 4> final_values() const override {
    if (!dense_) throw std::logic_error("GKR round: variables left unbound");
    return dense_->final_values();
  }

 private:
  const Ef* num() const { return level_ == 0 ? child_num_ : num_.data(); }
  const Ef* den() const { return level_ == 0 ? child_den_ : den_.data(); }

  uint64_t max_pairs(size_t pairs_level) const {
    uint64_t most = 0;
    for (size_t k = 0; k < entries_.count(); ++k) most = std::max(most, entries_.length(pairs_level, k));
    return most;
  }

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
  ColumnLevels entries_, rows_;  // N0, N1, D0, D1 share the layout
  size_t level_ = 0;             // the state's level
  const Ef *child_num_, *child_den_;  // the state at level 0
  DeviceBuffer<Ef> num_, den_;        // after
  DeviceBuffer<Ef> partials_;
  // The point whose round sums partials_ holds (summed_blocks_ groups of them).
  std::optional<std::vector<EF>> summed_at_;
  uint32_t summed_blocks_ = 0;
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
    const DeviceGkrLayerView view{child.columns.offsets, child.num.data(), child.den.data()};
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
