#include "pipelines/sp1_shard_keys.hpp"

#include <vector>

namespace zkgpu {
namespace {

void put_u64(crypto::Sha256& h, uint64_t v) {
  uint8_t b[8];
  for (int i = 0; i < 8; ++i) b[i] = uint8_t(v >> (8 * i));
  h.update(b);
}

}  // namespace

crypto::Sha256Digest sp1_program_digest(sp1::air::MachineKind machine,
                                        std::span<const sp1::prover::ChipTrace> chips) {
  crypto::Sha256 h;
  const uint8_t kind = machine == sp1::air::MachineKind::Wrap ? 1 : 0;
  h.update(std::span<const uint8_t>(&kind, 1));
  std::vector<uint8_t> values;
  for (const auto& c : chips) {
    const size_t width = c.chip->preprocessed_width();
    if (width == 0) continue;
    const std::string_view name = c.chip->name();
    put_u64(h, name.size());
    h.update({reinterpret_cast<const uint8_t*>(name.data()), name.size()});
    put_u64(h, c.trace.rows);
    put_u64(h, width);
    values.resize(4 * c.trace.preprocessed.size());
    for (size_t i = 0; i < c.trace.preprocessed.size(); ++i) {
      const uint32_t v = c.trace.preprocessed[i].to_canonical();
      for (int k = 0; k < 4; ++k) values[4 * i + k] = uint8_t(v >> (8 * k));
    }
    h.update(values);
  }
  return h.finish();
}

void Sp1ShardKeys::count(bool hit) {
  std::lock_guard lk(mutex_);
  ++(hit ? hits_ : setups_);
}

Sp1KeyStats Sp1ShardKeys::stats() const {
  Sp1KeyStats s;
  {
    std::lock_guard lk(mutex_);
    s.hits = hits_;
    s.setups = setups_;
  }
  const ResidentStats r = resident_.stats(ResidentKind::sp1_shard_key);
  s.entries = r.entries;
  s.bytes = r.bytes;
  s.evictions = r.evictions;
  return s;
}

}  // namespace zkgpu
