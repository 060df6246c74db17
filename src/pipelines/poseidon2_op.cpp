// poseidon2: batched Poseidon2 permutations, in pieces (31-bit fields: width 16,
// SP1's KoalaBear and Plonky3's BabyBear instances; bn254: width 3).
#include "backends/stark_workspace.hpp"
#include "pipelines/stark_body.hpp"
#include "pipelines/stark_handlers.hpp"
#include "pipelines/stark_job.hpp"

namespace zkgpu {
namespace {

using namespace stark_body;

size_t state_bytes(const StatesShape& s) { return size_t(s.width) * words_per_element(s.field) * 4; }
size_t chunk_states(const StatesShape& s) { return std::max<size_t>(1, stark_job::kChunkBytes / state_bytes(s)); }

// The states of one piece.
uint64_t estimate(std::span<const uint8_t> body) {
  const StatesShape s = poseidon2_shape(body);
  return stark_workspace::poseidon2(uint64_t(std::min<size_t>(s.count, chunk_states(s))) * state_bytes(s) / 4);
}

std::vector<uint8_t> run(JobContext& ctx, std::span<const uint8_t> body) {
  StatesBody b = decode_poseidon2(body);
  const StatesShape s{b.field, b.width, b.count};
  const size_t words = b.width * words_per_element(b.field);
  std::vector<bn254::Fr> fr;
  stark_job::for_chunks(ctx, "poseidon2", b.count, chunk_states(s), [&](size_t begin, size_t end) {
    const std::span<uint32_t> piece(b.values.data() + begin * words, (end - begin) * words);
    if (is_31bit(b.field)) {
      ctx.backend.stark().poseidon2(to_field31(b.field), b.width, piece);
      return;
    }
    fr.resize(piece.size() / 8);
    for (size_t i = 0; i < fr.size(); ++i) fr[i] = stark_job::fr_at(&piece[8 * i]);
    ctx.backend.bn254().poseidon2_x3(fr);
    for (size_t i = 0; i < fr.size(); ++i) stark_job::store_fr(fr[i], &piece[8 * i]);
  });
  return encode(b);
}

}  // namespace

OpHandler make_poseidon2_handler() { return {estimate, run}; }

}  // namespace zkgpu
