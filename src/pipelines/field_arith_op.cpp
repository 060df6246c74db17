// field_arith: element-wise add / sub / mul / inv over KoalaBear, BabyBear and
// bn254 Fr, and multiplication in the degree-4 extension of KoalaBear.
#include "backends/stark_workspace.hpp"
#include "pipelines/stark_body.hpp"
#include "pipelines/stark_handlers.hpp"
#include "pipelines/stark_job.hpp"

namespace zkgpu {
namespace {

using namespace stark_body;

size_t element_words(const ArithShape& s) { return s.op == ArithOp::ext_mul ? 4 : words_per_element(s.field); }

size_t chunk_elements(const ArithShape& s) {
  return std::max<size_t>(1, stark_job::kChunkBytes / (4 * element_words(s)));
}

// a, b and out of one piece.
uint64_t estimate(std::span<const uint8_t> body) {
  const ArithShape s = arith_shape(body);
  return stark_workspace::arith(uint64_t(std::min<size_t>(s.count, chunk_elements(s))) * element_words(s),
                                s.op == ArithOp::inv);
}

std::vector<uint8_t> run(JobContext& ctx, std::span<const uint8_t> body) {
  const ArithRequest q = decode_arith(body);
  const ArithShape s{q.field, q.op, q.count};
  const size_t w = element_words(s);
  ArithReply reply{q.field, q.op, q.count, std::vector<uint32_t>(q.a.size())};
  const bool unary = q.op == ArithOp::inv;
  stark_job::for_chunks(ctx, "field_arith", q.count, chunk_elements(s), [&](size_t begin, size_t end) {
    const size_t w0 = begin * w, wn = (end - begin) * w;
    const std::span<const uint32_t> a(q.a.data() + w0, wn);
    const std::span<const uint32_t> b =
        unary ? std::span<const uint32_t>() : std::span<const uint32_t>(q.b.data() + w0, wn);
    if (is_31bit(q.field)) {
      ctx.backend.stark().arith(to_field31(q.field), q.op, a, b, std::span<uint32_t>(reply.out.data() + w0, wn));
      return;
    }
    const auto fa = stark_job::to_fr_raw(a), fb = stark_job::to_fr_raw(b);
    std::vector<bn254::FrRaw> out(fa.size());
    ctx.backend.bn254().fr_arith(q.op, fa, fb, out);
    stark_job::from_fr_raw(out, reply.out.data() + w0);
  });
  return encode(reply);
}

}  // namespace

OpHandler make_field_arith_handler() { return {estimate, run}; }

}  // namespace zkgpu
