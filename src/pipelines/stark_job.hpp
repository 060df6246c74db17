#pragma once
// Helpers shared by the primitive-op handlers: chunked execution with progress
// and cancellation, and bn254 conversions between body words and Fr values.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "math/bn254/fields.hpp"
#include "pipelines/pipeline.hpp"
#include "pipelines/stark_body.hpp"

namespace zkgpu::stark_job {

// Element-wise ops work through their data in pieces of about this many input
// bytes: each piece is one backend call, so a cancelled job stops within one
// piece, progress advances piece by piece, and the device holds one piece at a time.
inline constexpr size_t kChunkBytes = size_t(16) << 20;

// fn(begin, end) over [0, n) in pieces of `chunk` items; cancellation is checked
// before each piece and progress (items done of n) reported after it.
template <class Fn>
void for_chunks(const JobContext& ctx, const char* stage, size_t n, size_t chunk, Fn&& fn) {
  ctx.progress({0, n, stage});
  for (size_t begin = 0; begin < n; begin += chunk) {
    ctx.check_cancelled();
    const size_t end = std::min(n, begin + chunk);
    fn(begin, end);
    ctx.progress({end, n, stage});
  }
}

// One stage run by a single backend call: cancellation checked before, progress
// 0/1 before and 1/1 after.
template <class Fn>
void single_stage(const JobContext& ctx, const char* stage, Fn&& fn) {
  ctx.check_cancelled();
  ctx.progress({0, 1, stage});
  fn();
  ctx.progress({1, 1, stage});
}

// bn254 elements as 8 u32 words each (canonical) <-> canonical integers / Montgomery form.
inline std::vector<bn254::FrRaw> to_fr_raw(std::span<const uint32_t> words) {
  std::vector<bn254::FrRaw> v(words.size() / 8);
  for (size_t i = 0; i < v.size(); ++i) v[i] = stark_body::words_to_u256(&words[8 * i]);
  return v;
}
inline void from_fr_raw(std::span<const bn254::FrRaw> v, uint32_t* words) {
  for (size_t i = 0; i < v.size(); ++i) stark_body::u256_to_words(v[i], words + 8 * i);
}
inline bn254::Fr fr_at(const uint32_t* words) { return bn254::Fr::from_canonical(stark_body::words_to_u256(words)); }
inline void store_fr(const bn254::Fr& x, uint32_t* words) { stark_body::u256_to_words(x.to_canonical(), words); }

}  // namespace zkgpu::stark_job
