#include "sp1/riscv/sha256_traces.hpp"

#include <stdexcept>
#include <string>
#include <vector>

#include "sp1/air/riscv/sha_compress.hpp"
#include "sp1/air/riscv/sha_extend.hpp"
#include "sp1/riscv/precompile_rows.hpp"
#include "sp1/riscv/slice_page_prot_populate.hpp"
#include "sp1/riscv/u32_populate.hpp"
#include "zkvm/syscall_codes.hpp"

namespace zkgpu::sp1::riscv {
namespace {

using rv::TrustMode;
using zkvm::MemoryAccess;
using zkvm::PrecompileEvent;

constexpr size_t kExtendAccesses = 5 * rv::kShaExtendRounds;  // 4 reads and a write a round
constexpr size_t kCompressAccesses = 8 + 64 + 8;

// A chip of `rows_per_call` rows a call: each call's rows filled in parallel by
// `fill(rows, call)` (rows: the call's first row and the width), padding rows
// by `pad(row, k)` (k: the padding row's number, from 0).
template <class Chip, class Fill, class Pad>
RiscvChipTrace multi_row_trace(const std::vector<const PrecompileEvent*>& calls, size_t rows_per_call,
                               const RiscvTraceOptions& options, Fill&& fill, Pad&& pad) {
  RiscvChipTrace t;
  t.name = Chip::kName;
  t.width = Chip::kWidth;
  const size_t real = calls.size() * rows_per_call;
  t.rows = air::padded_height(real, options.fixed_height);
  t.main.assign(t.rows * t.width, Felt::zero());
  parallel_ranges(calls.size(), cpu_count(), 16, [&](size_t begin, size_t end) {
    for (size_t k = begin; k < end; ++k) fill(t.main.data() + k * rows_per_call * t.width, *calls[k]);
  });
  for (size_t r = real; r < t.rows; ++r) pad(Row(t.main.data() + r * t.width, t.width), r - real);
  return t;
}

// --- ShaExtend ---------------------------------------------------------------------

constexpr auto kExtend = rv::ShaExtendChip::kMain;

// The 48 rounds of a call, at clk + 1 + (i - 16); a call that trapped on its page
// checks keeps its 48 rows zero (SP1's).
void fill_extend_call(Felt* rows, const PrecompileEvent& p) {
  if (p.syscall.trap_result) return;
  const uint64_t clk = p.syscall.clk + 1, w_ptr = p.syscall.arg1;
  const auto& c = kExtend;
  for (size_t j = 0; j < rv::kShaExtendRounds; ++j) {
    const Row row(rows + j * rv::ShaExtendChip::kWidth, rv::ShaExtendChip::kWidth);
    const uint64_t i = j + 16;
    const MemoryAccess* m = &p.memory[5 * j];
    put(row, c.is_real, 1);
    put(row, c.i, i);
    put(row, c.clk_high, clk >> 24);
    put(row, c.clk_low, clk & 0xFFFFFF);
    fill_clk(row, c.next_clk, clk, j);
    put_limbs(row, c.w_ptr, w_ptr);
    fill_addr_add(row, c.w_i_minus_15_ptr, w_ptr, (i - 15) * 8);
    fill_addr_add(row, c.w_i_minus_2_ptr, w_ptr, (i - 2) * 8);
    fill_addr_add(row, c.w_i_minus_16_ptr, w_ptr, (i - 16) * 8);
    fill_addr_add(row, c.w_i_minus_7_ptr, w_ptr, (i - 7) * 8);
    fill_addr_add(row, c.w_i_ptr, w_ptr, i * 8);
    for (size_t k = 0; k < 4; ++k)
      if (m[k].write || m[k].timestamp != clk + j)
        throw std::invalid_argument("SHA_EXTEND round " + std::to_string(i) + ": access " + std::to_string(k) +
                                    " is not a read at clk " + std::to_string(clk + j));
    fill_memory_access(row, c.w_i_minus_15, m[0]);
    fill_memory_access(row, c.w_i_minus_2, m[1]);
    fill_memory_access(row, c.w_i_minus_16, m[2]);
    fill_memory_access(row, c.w_i_minus_7, m[3]);
    const uint32_t w15 = uint32_t(m[0].value), w2 = uint32_t(m[1].value), w16 = uint32_t(m[2].value),
                   w7 = uint32_t(m[3].value);
    const uint32_t s0 =
        fill_sigma(row, w15, {7, 18, 3}, {c.w_i_minus_15_rr_7, c.w_i_minus_15_rr_18, c.w_i_minus_15_rs_3}, true,
                   c.s0_intermediate, c.s0);
    const uint32_t s1 =
        fill_sigma(row, w2, {17, 19, 10}, {c.w_i_minus_2_rr_17, c.w_i_minus_2_rr_19, c.w_i_minus_2_rs_10}, true,
                   c.s1_intermediate, c.s1);
    fill_add_u32(row, c.s2, w16 + s0 + w7 + s1);
    if (!m[4].write || m[4].timestamp != clk + j)
      throw std::invalid_argument("SHA_EXTEND round " + std::to_string(i) + ": no write of w[i] at clk " +
                                  std::to_string(clk + j));
    fill_memory_access(row, c.w_i, m[4]);
  }
}

// --- ShaCompress -------------------------------------------------------------------

constexpr auto kCompress = rv::ShaCompressChip::kMain;

// Row `index` of a call (octet index % 8 of octet index / 8): its flags and, in
// the rounds, the round constant; what padding rows keep too.
void fill_compress_position(Row row, size_t index) {
  const auto& c = kCompress;
  const size_t octet_num = index / 8, octet = index % 8;
  put(row, c.octet_num[octet_num], 1);
  put(row, c.octet[octet], 1);
  put(row, c.index, index);
  if (octet_num != 0 && octet_num != 9) put_half(row, c.k, rv::kSha256K[index - 8]);
}

void put_state(Row row, const std::array<uint32_t, 8>& s) {
  const auto words = rv::ShaCompressChip::state_cols();
  for (size_t i = 0; i < 8; ++i) put_half(row, words[i], s[i]);
}

// A call's 80 rows; those of a call that trapped on its page checks have their
// positions only, as padding rows (SP1's).
void fill_compress_call(Felt* rows, const PrecompileEvent& p) {
  const auto& c = kCompress;
  if (p.syscall.trap_result) {
    for (size_t index = 0; index < rv::kShaCompressRows; ++index)
      fill_compress_position(Row(rows + index * rv::ShaCompressChip::kWidth, rv::ShaCompressChip::kWidth), index);
    return;
  }
  const uint64_t clk = p.syscall.clk, w_ptr = p.syscall.arg1, h_ptr = p.syscall.arg2;
  const MemoryAccess* h_read = &p.memory[0];
  const MemoryAccess* w_read = &p.memory[8];
  const MemoryAccess* h_write = &p.memory[72];
  for (size_t k = 0; k < kCompressAccesses; ++k) {
    const bool write = k >= 72;
    const uint64_t at = clk + (k < 8 ? 0 : write ? 2 : 1);
    if (p.memory[k].write != write || p.memory[k].timestamp != at)
      throw std::invalid_argument("SHA_COMPRESS at clk " + std::to_string(clk) + ": access " + std::to_string(k) +
                                  " is not the " + (write ? "write" : "read") + " at clk " + std::to_string(at));
  }
  std::array<uint32_t, 8> h{};
  for (size_t i = 0; i < 8; ++i) h[i] = uint32_t(h_read[i].value);
  const auto row_at = [&](size_t index) {
    const Row row(rows + index * rv::ShaCompressChip::kWidth, rv::ShaCompressChip::kWidth);
    fill_compress_position(row, index);
    put(row, c.clk_high, clk >> 24);
    put(row, c.clk_low, clk & 0xFFFFFF);
    put_limbs(row, c.w_ptr, w_ptr);
    put_limbs(row, c.h_ptr, h_ptr);
    put(row, c.is_real, 1);
    return row;
  };
  // Initialize: h[j] read into its word of a..h.
  for (size_t j = 0; j < 8; ++j) {
    const Row row = row_at(j);
    put(row, c.is_initialize, 1);
    fill_addr_add(row, c.mem_addr_init, h_ptr, j * 8);
    put_limbs(row, c.mem_addr, h_ptr + j * 8);
    fill_memory_access(row, c.mem, h_read[j]);
    put_half(row, c.mem_value, uint32_t(h_read[j].value));
    put_state(row, h);
  }
  // The 64 rounds, round j reading w[j].
  std::array<uint32_t, 8> s = h;
  for (size_t j = 0; j < 64; ++j) {
    const Row row = row_at(j + 8);
    put(row, c.is_compression, 1);
    fill_addr_add(row, c.mem_addr_compress, w_ptr, j * 8);
    put_limbs(row, c.mem_addr, w_ptr + j * 8);
    fill_memory_access(row, c.mem, w_read[j]);
    const uint32_t w = uint32_t(w_read[j].value);
    put_half(row, c.mem_value, w);
    put_state(row, s);
    const auto [a, b, cc, d, e, f, g, hh] = s;
    const uint32_t s1 =
        fill_sigma(row, e, {6, 11, 25}, {c.e_rr_6, c.e_rr_11, c.e_rr_25}, false, c.s1_intermediate, c.s1);
    const uint32_t e_and_f = fill_and_u32(row, c.e_and_f, e, f);
    const uint32_t e_not = fill_not_u32(row, c.e_not, e);
    const uint32_t ch = fill_xor_u32(row, c.ch, e_and_f, fill_and_u32(row, c.e_not_and_g, e_not, g));
    const uint32_t temp1 = fill_add_u32(row, c.temp1, hh + s1 + ch + rv::kSha256K[j] + w);
    const uint32_t s0 =
        fill_sigma(row, a, {2, 13, 22}, {c.a_rr_2, c.a_rr_13, c.a_rr_22}, false, c.s0_intermediate, c.s0);
    const uint32_t a_and_b = fill_and_u32(row, c.a_and_b, a, b);
    const uint32_t a_and_c = fill_and_u32(row, c.a_and_c, a, cc);
    const uint32_t b_and_c = fill_and_u32(row, c.b_and_c, b, cc);
    const uint32_t maj = fill_xor_u32(row, c.maj, fill_xor_u32(row, c.maj_intermediate, a_and_b, a_and_c), b_and_c);
    const uint32_t temp2 = fill_add_u32(row, c.temp2, s0 + maj);
    const uint32_t new_e = fill_add_u32(row, c.d_add_temp1, d + temp1);
    const uint32_t new_a = fill_add_u32(row, c.temp1_add_temp2, temp1 + temp2);
    s = {new_a, a, b, cc, new_e, e, f, g};
  }
  // Finalize: h[j] += the j-th word of a..h, written.
  for (size_t j = 0; j < 8; ++j) {
    const Row row = row_at(72 + j);
    put(row, c.is_finalize, 1);
    fill_addr_add(row, c.mem_addr_finalize, h_ptr, j * 8);
    put_limbs(row, c.mem_addr, h_ptr + j * 8);
    fill_memory_access(row, c.mem, h_write[j]);
    put_half(row, c.mem_value, uint32_t(h_write[j].value));
    fill_add_u32(row, c.finalize_add, h[j] + s[j]);
    put_state(row, s);
    put_half(row, c.finalized_operand, s[j]);
  }
}

// --- the control chips ------------------------------------------------------------

// The control chip of the trust mode of `options`, one row a call written by
// `Rows::fill<the chip>`.
template <template <TrustMode, rv::Features> class Chip, class Rows>
RiscvChipTrace control_trace(const std::vector<const PrecompileEvent*>& calls, const RiscvTraceOptions& options) {
  const std::span<const PrecompileEvent* const> rows(calls);
  // The build (Features) changes constraints only, not the trace.
  if (options.mode == TrustMode::User) {
    using User = Chip<TrustMode::User, rv::Features::Default>;
    return detail::event_chip_trace<User>(rows, options, Rows::template fill<User>);
  }
  using Sup = Chip<TrustMode::Supervisor, rv::Features::Default>;
  if (detail::has_rows(TrustMode::Supervisor, options)) expect_no_page_checks(Sup::kName, calls);
  return detail::event_chip_trace<Sup>(rows, options, Rows::template fill<Sup>);
}

// A call's row; a User row checks w[0..16)'s pages (read) at clk, then
// w[16..64)'s (read and written) at clk + 1.
struct ExtendControlRows {
  template <class Chip>
  static void fill(Row row, const PrecompileEvent* p) {
    const auto& c = Chip::kMain.head;
    const uint64_t clk = p->syscall.clk, w_ptr = p->syscall.arg1;
    put(row, c.clk_high, clk >> 24);
    put(row, c.clk_low, clk & 0xFFFFFF);
    fill_syscall_addr(row, c.w_ptr, w_ptr);
    fill_addr_add(row, c.w_16th_addr, w_ptr, 15 * 8);
    fill_addr_add(row, c.w_17th_addr, w_ptr, 16 * 8);
    fill_addr_add(row, c.w_64th_addr, w_ptr, 63 * 8);
    put(row, Chip::kMain.is_real, 1);
    if constexpr (Chip::kMode == TrustMode::User)
      fill_page_checks(row, *p,
                       {{Chip::kMain.initial_page_prot_access, w_ptr, w_ptr + 15 * 8, zkvm::kProtRead},
                        {Chip::kMain.extension_page_prot_access, w_ptr + 16 * 8, w_ptr + 63 * 8,
                         zkvm::kProtRead | zkvm::kProtWrite}});
  }
};

// A call's row; a User row checks h's pages (read) at clk, w's (read) at clk + 1
// and h's (written) at clk + 2; a call that trapped on them keeps its states zero.
struct CompressControlRows {
  template <class Chip>
  static void fill(Row row, const PrecompileEvent* p) {
    const auto& c = Chip::kMain;
    const uint64_t clk = p->syscall.clk, w_ptr = p->syscall.arg1, h_ptr = p->syscall.arg2;
    put(row, c.clk_high, clk >> 24);
    put(row, c.clk_low, clk & 0xFFFFFF);
    fill_syscall_addr(row, c.w_ptr, w_ptr);
    fill_syscall_addr(row, c.h_ptr, h_ptr);
    fill_addr_add(row, c.w_slice_end, w_ptr, 63 * 8);
    fill_addr_add(row, c.h_slice_end, h_ptr, 7 * 8);
    put(row, c.is_real, 1);
    if constexpr (Chip::kMode == TrustMode::User) {
      constexpr auto& u = Chip::kUser;
      if (!fill_page_checks(row, *p,
                            {{u.h_read_page_prot_access, h_ptr, h_ptr + 7 * 8, zkvm::kProtRead},
                             {u.w_read_page_prot_access, w_ptr, w_ptr + 63 * 8, zkvm::kProtRead},
                             {u.h_write_page_prot_access, h_ptr, h_ptr + 7 * 8, zkvm::kProtWrite}}))
        return;
    }
    for (size_t i = 0; i < 8; ++i) {
      const uint32_t before = uint32_t(p->memory[i].value), after = uint32_t(p->memory[72 + i].value);
      put_half(row, c.initial_state[i], before);
      // The chain's final a..h: what the compression added to h.
      put_half(row, c.final_state[i], after - before);
    }
  }
};

}  // namespace

RiscvChipTrace sha_extend_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options) {
  return multi_row_trace<rv::ShaExtendChip>(precompile_calls(shard, zkvm::sys::SHA_EXTEND, kExtendAccesses),
                                            rv::kShaExtendRounds, options, fill_extend_call, [](Row, size_t) {});
}

RiscvChipTrace sha_extend_control_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options) {
  return control_trace<rv::ShaExtendControlChip, ExtendControlRows>(
      precompile_calls(shard, zkvm::sys::SHA_EXTEND, kExtendAccesses), options);
}

// Padding rows count their positions from 0, as SP1's do.
RiscvChipTrace sha_compress_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options) {
  return multi_row_trace<rv::ShaCompressChip>(
      precompile_calls(shard, zkvm::sys::SHA_COMPRESS, kCompressAccesses), rv::kShaCompressRows, options, fill_compress_call,
      [](Row row, size_t k) { fill_compress_position(row, k % rv::kShaCompressRows); });
}

RiscvChipTrace sha_compress_control_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options) {
  return control_trace<rv::ShaCompressControlChip, CompressControlRows>(
      precompile_calls(shard, zkvm::sys::SHA_COMPRESS, kCompressAccesses), options);
}

}  // namespace zkgpu::sp1::riscv
