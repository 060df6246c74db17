// SP1 v6.4's SHA-256 compression precompile (crates/core/machine/src/syscall/
// precompiles/sha256/compress/): SHA_COMPRESS(w_ptr, h_ptr) compresses the 64
// schedule words at w_ptr into the 8 state words at h_ptr (each word the low 32 bits
// of an 8-byte memory word).
//
// ShaCompressControl (controller.rs), one row per call: receives the call, checks
// both pointers (SyscallAddrOperation over 512 and 64 bytes) and the slices' last
// words, starts the ShaCompress chain at index 0 with the initial state and ends it
// at index 80 with the final one (InteractionKind::ShaCompress: [clk_high, clk_low,
// w_ptr (3), h_ptr (3), index, a..h as 8 x 2 u16 limbs]). ShaCompressControlUser also
// checks the pages of h (read at clk, written at clk + 2) and w (read at clk + 1).
//
// ShaCompress (air.rs, columns.rs), 80 rows per call in 10 octets of 8: octet 0
// reads h[0..8] into a..h (initialize, at clk); octets 1..8 run the 64 rounds, each
// reading w[j] (at clk + 1) and sending the next a..h; octet 9 writes h[j] + the
// final a..h word (finalize, at clk + 2). Round constants K (SP1's SHA_COMPRESS_K)
// are constrained by the octet flags.
//
// Columns: ShaCompress 206, ShaCompressControl 53, ShaCompressControlUser 125 (SP1's
// rv64im_costs.json). Constraints: 300; 21 and 148 (rv64im_complexity.json;
// `mprotect` adds the untrusted-code assertion to the control chips: 22).
#pragma once

#include "math/sha256/sha256_blocks.hpp"
#include "sp1/air/riscv/sha_extend.hpp"

namespace zkgpu::sp1::air::riscv {

// SHA-256's round constants (FIPS 180-4 4.2.2; SP1's SHA_COMPRESS_K).
using crypto::detail::kSha256K;

inline constexpr size_t kShaCompressRows = 80;

template <class T>
using HalfWordCols = std::array<T, 2>;

template <class T>
struct ShaCompressCols {
  T clk_high;
  T clk_low;
  std::array<T, 3> w_ptr;
  std::array<T, 3> h_ptr;
  T index;
  std::array<T, 8> octet;       // the row within its octet
  std::array<T, 10> octet_num;  // the octet: initialize, 8 x compress, finalize
  MemoryAccessCols<T> mem;
  HalfWordCols<T> mem_value;
  std::array<T, 3> mem_addr;
  AddrAddOperation<T> mem_addr_init;
  AddrAddOperation<T> mem_addr_compress;
  AddrAddOperation<T> mem_addr_finalize;
  HalfWordCols<T> a, b, c, d, e, f, g, h;
  HalfWordCols<T> k;
  FixedRotateRightOperation<T> e_rr_6;
  FixedRotateRightOperation<T> e_rr_11;
  FixedRotateRightOperation<T> e_rr_25;
  XorU32Operation<T> s1_intermediate;
  XorU32Operation<T> s1;
  AndU32Operation<T> e_and_f;
  NotU32Operation<T> e_not;
  AndU32Operation<T> e_not_and_g;
  XorU32Operation<T> ch;
  Add5Operation<T> temp1;
  FixedRotateRightOperation<T> a_rr_2;
  FixedRotateRightOperation<T> a_rr_13;
  FixedRotateRightOperation<T> a_rr_22;
  XorU32Operation<T> s0_intermediate;
  XorU32Operation<T> s0;
  AndU32Operation<T> a_and_b;
  AndU32Operation<T> a_and_c;
  AndU32Operation<T> b_and_c;
  XorU32Operation<T> maj_intermediate;
  XorU32Operation<T> maj;
  AddU32Operation<T> temp2;
  AddU32Operation<T> d_add_temp1;
  AddU32Operation<T> temp1_add_temp2;
  HalfWordCols<T> finalized_operand;
  AddU32Operation<T> finalize_add;
  T is_initialize;
  T is_compression;
  T is_finalize;
  T is_real;
};

struct ShaCompressChip {
  static constexpr const char* kName = "ShaCompress";
  static constexpr auto kMain = col_map<ShaCompressCols<size_t>>();
  static constexpr size_t kWidth = num_cols<ShaCompressCols<size_t>>;
  static constexpr size_t kPreprocessedWidth = 0;

  template <class B>
  void eval(B& b) const {
    eval_control_flow(b);
    eval_memory(b);
    eval_compression(b);
    eval_finalize(b);
  }

  // The state words a..h in order.
  static constexpr std::array<HalfWordCols<size_t>, 8> state_cols() {
    const auto& c = kMain;
    return {c.a, c.b, c.c, c.d, c.e, c.f, c.g, c.h};
  }

  // [clk_high, clk_low, w_ptr, h_ptr, index, the eight words' limbs].
  template <class B>
  static std::vector<E<B>> message(B& b, const E<B>& index, const std::array<HalfWordCols<size_t>, 8>& words) {
    const auto& c = kMain;
    std::vector<E<B>> v{b.main(c.clk_high), b.main(c.clk_low)};
    for (size_t x : c.w_ptr) v.push_back(b.main(x));
    for (size_t x : c.h_ptr) v.push_back(b.main(x));
    v.push_back(index);
    for (const auto& w : words) {
      v.push_back(b.main(w[0]));
      v.push_back(b.main(w[1]));
    }
    return v;
  }

  // Octet and octet_num one-hot, the index theirs (8 octet_num + octet), the phase
  // flags; receive the state at index, send it on at index + 1 (initialize and
  // finalize keep it; a round sends the next one).
  template <class B>
  void eval_control_flow(B& b) const {
    const auto& c = kMain;
    const E<B> is_real = b.main(c.is_real), one = b.constant(1);
    assert_bool(b, is_real);
    E<B> index = b.constant(0), octet_sum = b.constant(0);
    for (size_t i = 0; i < 8; ++i) {
      assert_bool(b, b.main(c.octet[i]));
      octet_sum = octet_sum + b.main(c.octet[i]);
      index = index + b.main(c.octet[i]) * b.constant(uint32_t(i));
    }
    b.assert_zero(octet_sum - one);
    E<B> octet_num_sum = b.constant(0);
    for (size_t i = 0; i < 10; ++i) {
      assert_bool(b, b.main(c.octet_num[i]));
      octet_num_sum = octet_num_sum + b.main(c.octet_num[i]);
      index = index + b.main(c.octet_num[i]) * b.constant(uint32_t(8 * i));
    }
    b.assert_zero(octet_num_sum - one);
    b.assert_zero(b.main(c.index) - index);
    b.assert_zero(b.main(c.is_initialize) - b.main(c.octet_num[0]) * is_real);
    E<B> compressing = b.main(c.octet_num[1]);
    for (size_t i = 2; i <= 8; ++i) compressing = compressing + b.main(c.octet_num[i]);
    b.assert_zero(b.main(c.is_compression) - compressing * is_real);
    b.assert_zero(b.main(c.is_finalize) - b.main(c.octet_num[9]) * is_real);

    const E<B> at = b.main(c.index), next = at + one;
    interact_values(b, Direction::Receive, InteractionKind::ShaCompress, message(b, at, state_cols()), is_real);
    interact_values(b, Direction::Send, InteractionKind::ShaCompress, message(b, next, state_cols()),
                    b.main(c.is_initialize) + b.main(c.is_finalize));
    // h := g, g := f, f := e, e := d + temp1, d := c, c := b, b := a, a := temp1 + temp2.
    interact_values(b, Direction::Send, InteractionKind::ShaCompress,
                    message(b, next, {c.temp1_add_temp2.value, c.a, c.b, c.c, c.d_add_temp1.value, c.e, c.f, c.g}),
                    b.main(c.is_compression));
  }

  // One memory word a row: h[index] read (initialize, at clk), w[index - 8] read
  // (compress, clk + 1), h[index - 72] written (finalize, clk + 2).
  template <class B>
  void eval_memory(B& b) const {
    const auto& c = kMain;
    const E<B> is_real = b.main(c.is_real), is_init = b.main(c.is_initialize), is_comp = b.main(c.is_compression);
    const E<B> is_final = b.main(c.is_finalize);
    const Word<E<B>> mem_value = extend_half(b, main_half(b, c.mem_value));
    const std::array<E<B>, 3> mem_addr = main_addr(b, c.mem_addr);
    eval_memory_access(b, b.main(c.clk_high), b.main(c.clk_low) + is_comp + is_final * b.constant(2), mem_addr, c.mem,
                       mem_value, is_real);
    const Word<E<B>> prev = main_word(b, c.mem.prev_value);
    assert_word_eq_when(b, is_init + is_comp, prev, mem_value);
    b.assert_zero(prev[2]);
    b.assert_zero(prev[3]);
    const auto addr_is = [&](const E<B>& flag, const AddrAddOperation<size_t>& op) {
      for (size_t i = 0; i < 3; ++i) b.assert_zero(flag * (mem_addr[i] - b.main(op.value[i])));
    };
    addr_is(is_init, c.mem_addr_init);
    addr_is(is_comp, c.mem_addr_compress);
    addr_is(is_final, c.mem_addr_finalize);
    const Word<E<B>> w_ptr = addr_word(b, main_addr(b, c.w_ptr)), h_ptr = addr_word(b, main_addr(b, c.h_ptr));
    const E<B> index = b.main(c.index), eight = b.constant(8);
    eval_addr_add(b, h_ptr, extend_word(b, index * eight), c.mem_addr_init, is_init);
    eval_addr_add(b, w_ptr, extend_word(b, (index - b.constant(8)) * eight), c.mem_addr_compress, is_comp);
    eval_addr_add(b, h_ptr, extend_word(b, (index - b.constant(72)) * eight), c.mem_addr_finalize, is_final);
    // Initialize: the row's word is both read and carried as a..h's word of its octet.
    const auto words = state_cols();
    for (size_t i = 0; i < 8; ++i) {
      const E<B> when = is_init * b.main(c.octet[i]);
      const Word<E<B>> var = extend_half(b, main_half(b, words[i]));
      assert_word_eq_when(b, when, var, prev);
      assert_word_eq_when(b, when, var, mem_value);
    }
    for (size_t i = 0; i < 2; ++i) b.assert_zero(is_final * (b.main(c.mem_value[i]) - b.main(c.finalize_add.value[i])));
  }

  template <class B>
  void eval_compression(B& b) const {
    const auto& c = kMain;
    for (size_t i = 0; i < 64; ++i) {
      const E<B> when = b.main(c.octet_num[i / 8 + 1]) * b.main(c.octet[i % 8]);
      b.assert_zero(when * (b.main(c.k[0]) - b.constant(kSha256K[i] & 0xFFFF)));
      b.assert_zero(when * (b.main(c.k[1]) - b.constant(kSha256K[i] >> 16)));
    }
    const E<B> on = b.main(c.is_compression);
    const HalfWord<B> a = main_half(b, c.a), bw = main_half(b, c.b), cw = main_half(b, c.c), d = main_half(b, c.d);
    const HalfWord<B> e = main_half(b, c.e), f = main_half(b, c.f), g = main_half(b, c.g), h = main_half(b, c.h);
    // S1 = rotr6(e) ^ rotr11(e) ^ rotr25(e).
    const HalfWord<B> s1 =
        eval_sigma(b, e, {6, 11, 25}, {c.e_rr_6, c.e_rr_11, c.e_rr_25}, false, c.s1_intermediate, c.s1, on);
    // ch = (e & f) ^ (!e & g).
    const HalfWord<B> e_and_f = eval_and_u32(b, e, f, c.e_and_f, on);
    eval_not_u32(b, e, c.e_not, on);
    const HalfWord<B> e_not_and_g = eval_and_u32(b, main_half(b, c.e_not.value), g, c.e_not_and_g, on);
    const HalfWord<B> ch = eval_xor_u32(b, e_and_f, e_not_and_g, c.ch, on);
    // temp1 = h + S1 + ch + k + w.
    eval_add_n<B, 5>(b, {h, s1, ch, main_half(b, c.k), main_half(b, c.mem_value)}, c.temp1, on);
    // S0 = rotr2(a) ^ rotr13(a) ^ rotr22(a).
    const HalfWord<B> s0 =
        eval_sigma(b, a, {2, 13, 22}, {c.a_rr_2, c.a_rr_13, c.a_rr_22}, false, c.s0_intermediate, c.s0, on);
    // maj = (a & b) ^ (a & c) ^ (b & c).
    const HalfWord<B> a_and_b = eval_and_u32(b, a, bw, c.a_and_b, on);
    const HalfWord<B> a_and_c = eval_and_u32(b, a, cw, c.a_and_c, on);
    const HalfWord<B> b_and_c = eval_and_u32(b, bw, cw, c.b_and_c, on);
    const HalfWord<B> maj_intermediate = eval_xor_u32(b, a_and_b, a_and_c, c.maj_intermediate, on);
    const HalfWord<B> maj = eval_xor_u32(b, maj_intermediate, b_and_c, c.maj, on);
    eval_add_u32(b, s0, maj, c.temp2, on);
    const HalfWord<B> temp1 = main_half(b, c.temp1.value);
    eval_add_u32(b, d, temp1, c.d_add_temp1, on);
    eval_add_u32(b, temp1, main_half(b, c.temp2.value), c.temp1_add_temp2, on);
  }

  // Finalize: the row's word of a..h (chosen by the octet flags) is added to h[j].
  template <class B>
  void eval_finalize(B& b) const {
    const auto& c = kMain;
    const auto words = state_cols();
    HalfWord<B> operand{b.constant(0), b.constant(0)};
    for (size_t i = 0; i < 8; ++i)
      for (size_t l = 0; l < 2; ++l) operand[l] = operand[l] + b.main(c.octet[i]) * b.main(words[i][l]);
    const E<B> is_final = b.main(c.is_finalize);
    for (size_t l = 0; l < 2; ++l) b.assert_zero(is_final * (operand[l] - b.main(c.finalized_operand[l])));
    eval_add_u32(b, HalfWord<B>{b.main(c.mem.prev_value[0]), b.main(c.mem.prev_value[1])},
                 main_half(b, c.finalized_operand), c.finalize_add, is_final);
  }
};

template <class T>
struct ShaCompressControlCols {
  T clk_high;
  T clk_low;
  SyscallAddrOperation<T> w_ptr;
  SyscallAddrOperation<T> h_ptr;
  AddrAddOperation<T> w_slice_end;
  AddrAddOperation<T> h_slice_end;
  T is_real;
  std::array<HalfWordCols<T>, 8> initial_state;
  std::array<HalfWordCols<T>, 8> final_state;
};

// UserMode's layout: the three slices' page checks at the end.
template <class T>
struct ShaCompressControlUserCols {
  ShaCompressControlCols<T> base;
  AddressSlicePageProtOperation<T> h_read_page_prot_access;
  AddressSlicePageProtOperation<T> w_read_page_prot_access;
  AddressSlicePageProtOperation<T> h_write_page_prot_access;
};

template <TrustMode M, Features F>
struct ShaCompressControlChip {
  static constexpr const char* kName = chip_name<M>("ShaCompressControl", "ShaCompressControlUser");
  static constexpr TrustMode kMode = M;
  static constexpr Features kFeatures = F;
  static constexpr auto kMain = col_map<ShaCompressControlCols<size_t>>();
  static constexpr auto kUser = col_map<ShaCompressControlUserCols<size_t>>();
  static constexpr size_t kWidth =
      M == TrustMode::User ? num_cols<ShaCompressControlUserCols<size_t>> : num_cols<ShaCompressControlCols<size_t>>;
  static constexpr size_t kPreprocessedWidth = 0;

  template <class B>
  void eval(B& b) const {
    const auto& c = kMain;
    const E<B> is_real = b.main(c.is_real), clk_high = b.main(c.clk_high), clk_low = b.main(c.clk_low);
    assert_bool(b, is_real);
    const std::array<E<B>, 3> w_ptr = eval_syscall_addr(b, 512, c.w_ptr, is_real);
    const std::array<E<B>, 3> h_ptr = eval_syscall_addr(b, 64, c.h_ptr, is_real);
    eval_addr_add(b, addr_word(b, w_ptr), extend_word(b, b.constant(63 * 8)), c.w_slice_end, is_real);
    eval_addr_add(b, addr_word(b, h_ptr), extend_word(b, b.constant(7 * 8)), c.h_slice_end, is_real);
    E<B> is_not_trap = is_real, trap_code = b.constant(0);
    if constexpr (M == TrustMode::User) {
      const auto& u = kUser;
      if (F == Features::Default) b.assert_zero(is_real);
      const std::array<E<B>, 3> h_end = main_addr(b, c.h_slice_end.value), w_end = main_addr(b, c.w_slice_end.value);
      eval_slice_page_prot(b, clk_high, clk_low, h_ptr, h_end, kProtRead, u.h_read_page_prot_access, is_not_trap,
                           trap_code);
      eval_slice_page_prot(b, clk_high, clk_low + b.constant(1), w_ptr, w_end, kProtRead, u.w_read_page_prot_access,
                           is_not_trap, trap_code);
      eval_slice_page_prot(b, clk_high, clk_low + b.constant(2), h_ptr, h_end, kProtWrite, u.h_write_page_prot_access,
                           is_not_trap, trap_code);
    }
    receive_syscall(b, F, clk_high, clk_low, kShaCompressSyscallId, trap_code, w_ptr, h_ptr, is_real);
    const auto state = [&](uint32_t index, const std::array<HalfWordCols<size_t>, 8>& words) {
      std::vector<E<B>> v{clk_high, clk_low,  w_ptr[0], w_ptr[1],         w_ptr[2],
                          h_ptr[0], h_ptr[1], h_ptr[2], b.constant(index)};
      for (const auto& w : words) {
        v.push_back(b.main(w[0]));
        v.push_back(b.main(w[1]));
      }
      return v;
    };
    interact_values(b, Direction::Send, InteractionKind::ShaCompress, state(0, c.initial_state), is_not_trap);
    interact_values(b, Direction::Receive, InteractionKind::ShaCompress, state(80, c.final_state), is_not_trap);
    eval_untrusted_flag(b, M, F);
  }
};

}  // namespace zkgpu::sp1::air::riscv
