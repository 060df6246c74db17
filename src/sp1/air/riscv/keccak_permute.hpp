// SP1 v6.4's KeccakPermute chip (crates/core/machine/src/syscall/precompiles/
// keccak256/{columns,air}.rs): one row per round of a Keccak-f[1600] permutation,
// 24 rows per call. The round's columns are Plonky3's KeccakCols (p3-keccak-air
// 0.4.3, which SP1 embeds as the first field of its KeccakMemCols): the state as
// 16-bit limbs, the theta parities C and C' as bits, A' (the state after theta) as
// bits, A'' (after rho, pi and chi) as limbs, A''[0, 0]'s bits and A''' [0, 0]
// (after iota). The state arrays are y-major: a[y][x] is lane (x, y), the word at
// state_addr + 8 (x + 5 y). SP1 evaluates the round itself (Plonky3's transition
// and export constraints are not used); rows are linked by the Keccak
// interaction instead: each row receives (clk, state_addr, index, A) and sends
// (clk, state_addr, index + 1, A'''), so the control chip's send of the state it
// read at index 0 reaches its receive of the state it writes at index 24 only
// through the 24 rounds.
//
// Columns: KeccakCols 2633 (step_flags 24, export 1, preimage 100, a 100, c 320,
// c' 320, a' 1600, a'' 100, a''[0, 0] bits 64, a'''[0, 0] limbs 4), clk_high,
// clk_low, state_addr 3, index, is_real = 2640 (SP1's NUM_KECCAK_MEM_COLS,
// rv64im_costs.json). `export` and `preimage` are not constrained.
// Constraints, in SP1's order (2859, rv64im_complexity.json): is_real a bit; the
// step flags bits (24), their sum one, their index the row's where is_real; per
// C bit: a bit, C' its xor with its neighbours (640); per limb of A: A' bits
// (16, the high bit first) and the limb from A' xor C xor C' (1700); per A' column
// the parity check (320); per limb of A'' its chi (100); A''[0, 0]'s bits and
// limbs (68); A'''[0, 0] = A''[0, 0] xor the round constant (4).
#pragma once

#include "sp1/air/riscv/adapters.hpp"

namespace zkgpu::sp1::air::riscv {

inline constexpr size_t kKeccakRounds = 24;
inline constexpr size_t kKeccakLimbs = 4;      // 16-bit limbs of a lane (Plonky3's U64_LIMBS)
inline constexpr size_t kKeccakLimbBits = 16;  // SP1's BITS_PER_LIMB

// Keccak-f[1600]'s round constants (iota) and rotation offsets r[x][y] (rho),
// as SP1's constants.rs and Plonky3's constants.rs give them.
inline constexpr uint64_t kKeccakRoundConstants[kKeccakRounds] = {
    0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000, 0x000000000000808B,
    0x0000000080000001, 0x8000000080008081, 0x8000000000008009, 0x000000000000008A, 0x0000000000000088,
    0x0000000080008009, 0x000000008000000A, 0x000000008000808B, 0x800000000000008B, 0x8000000000008089,
    0x8000000000008003, 0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
    0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
};
inline constexpr uint8_t kKeccakRotation[5][5] = {
    {0, 36, 3, 41, 18}, {1, 44, 10, 45, 2}, {62, 6, 43, 15, 61}, {28, 55, 25, 21, 56}, {27, 20, 39, 8, 14},
};

template <class T>
using KeccakLanes = std::array<std::array<std::array<T, kKeccakLimbs>, 5>, 5>;  // [y][x][limb]

// Plonky3's KeccakCols.
template <class T>
struct KeccakCols {
  std::array<T, kKeccakRounds> step_flags;
  T export_flag;  // Plonky3's `export`
  KeccakLanes<T> preimage;
  KeccakLanes<T> a;
  std::array<std::array<T, 64>, 5> c;        // [x][z]
  std::array<std::array<T, 64>, 5> c_prime;  // [x][z]
  std::array<std::array<std::array<T, 64>, 5>, 5> a_prime;  // [y][x][z]
  KeccakLanes<T> a_prime_prime;
  std::array<T, 64> a_prime_prime_0_0_bits;
  std::array<T, kKeccakLimbs> a_prime_prime_prime_0_0_limbs;
};

// B[x, y] = ROT(A'[(x + 3 y) % 5, x], r), an alias of A' (KeccakCols::b).
inline size_t keccak_b_col(const KeccakCols<size_t>& k, size_t x, size_t y, size_t z) {
  const size_t ax = (x + 3 * y) % 5, ay = x;
  return k.a_prime[ay][ax][(z + 64 - kKeccakRotation[ax][ay]) % 64];
}

// A''' (KeccakCols::a_prime_prime_prime): A'' except lane (0, 0), which iota changed.
inline size_t keccak_a_ppp_col(const KeccakCols<size_t>& k, size_t y, size_t x, size_t limb) {
  return x == 0 && y == 0 ? k.a_prime_prime_prime_0_0_limbs[limb] : k.a_prime_prime[y][x][limb];
}

template <class T>
struct KeccakMemCols {
  KeccakCols<T> keccak;
  T clk_high;
  T clk_low;
  std::array<T, 3> state_addr;
  T index;
  T is_real;
};

struct KeccakPermuteChip {
  static constexpr const char* kName = "KeccakPermute";
  static constexpr auto kMain = col_map<KeccakMemCols<size_t>>();
  static constexpr size_t kWidth = num_cols<KeccakMemCols<size_t>>;
  static constexpr size_t kPreprocessedWidth = 0;

  template <class B>
  void eval(B& b) const {
    const auto& c = kMain;
    const auto& k = c.keccak;
    const auto m = [&](size_t col) { return b.main(col); };
    const E<B> one = b.constant(1), two = b.constant(2);
    const auto xor2 = [&](const E<B>& x, const E<B>& y) { return x + y - x * (y * two); };
    const auto xor3 = [&](const E<B>& x, const E<B>& y, const E<B>& z) { return xor2(x, xor2(y, z)); };
    const auto andn = [&](const E<B>& x, const E<B>& y) { return y - x * y; };
    // A limb from its 16 bits, the high bit first: acc = 2 acc + bit(z).
    const auto limb_of = [&](size_t limb, auto&& bit) {
      E<B> acc = b.constant(0);
      for (size_t z = (limb + 1) * kKeccakLimbBits; z-- > limb * kKeccakLimbBits;) acc = acc * two + bit(z);
      return acc;
    };

    const E<B> is_real = m(c.is_real);
    assert_bool(b, is_real);

    // The round: one step flag set, its number the row's index.
    E<B> sum_flags = b.constant(0), computed_index = b.constant(0);
    for (size_t i = 0; i < kKeccakRounds; ++i) {
      const E<B> flag = m(k.step_flags[i]);
      assert_bool(b, flag);
      sum_flags = sum_flags + flag;
      computed_index = computed_index + b.constant(uint32_t(i)) * flag;
    }
    b.assert_zero(sum_flags - one);
    b.assert_zero(is_real * (computed_index - m(c.index)));

    // C'[x, z] = C[x, z] xor C[x - 1, z] xor C[x + 1, z - 1].
    for (size_t x = 0; x < 5; ++x)
      for (size_t z = 0; z < 64; ++z) {
        assert_bool(b, m(k.c[x][z]));
        b.assert_zero(m(k.c_prime[x][z]) -
                      xor3(m(k.c[x][z]), m(k.c[(x + 4) % 5][z]), m(k.c[(x + 1) % 5][(z + 63) % 64])));
      }

    // A[x, y] = A'[x, y] xor C[x] xor C'[x], limb by limb; A' bits checked on the way.
    for (size_t y = 0; y < 5; ++y)
      for (size_t x = 0; x < 5; ++x)
        for (size_t limb = 0; limb < kKeccakLimbs; ++limb) {
          const E<B> computed = limb_of(limb, [&](size_t z) {
            const E<B> a_prime = m(k.a_prime[y][x][z]);
            assert_bool(b, a_prime);
            return xor3(a_prime, m(k.c[x][z]), m(k.c_prime[x][z]));
          });
          b.assert_zero(computed - m(k.a[y][x][limb]));
        }

    // The xor of A'[x, 0..5, z] is C'[x, z]: their sum less C' is 0, 2 or 4.
    for (size_t x = 0; x < 5; ++x)
      for (size_t z = 0; z < 64; ++z) {
        E<B> sum = m(k.a_prime[0][x][z]);
        for (size_t y = 1; y < 5; ++y) sum = sum + m(k.a_prime[y][x][z]);
        const E<B> diff = sum - m(k.c_prime[x][z]);
        b.assert_zero(diff * (diff - two) * (diff - b.constant(4)));
      }

    // A''[x, y] = B[x, y] xor andn(B[x + 1, y], B[x + 2, y]).
    for (size_t y = 0; y < 5; ++y)
      for (size_t x = 0; x < 5; ++x)
        for (size_t limb = 0; limb < kKeccakLimbs; ++limb) {
          const E<B> computed = limb_of(limb, [&](size_t z) {
            return xor2(m(keccak_b_col(k, x, y, z)),
                        andn(m(keccak_b_col(k, (x + 1) % 5, y, z)), m(keccak_b_col(k, (x + 2) % 5, y, z))));
          });
          b.assert_zero(computed - m(k.a_prime_prime[y][x][limb]));
        }

    // A''[0, 0]'s bits.
    for (size_t limb = 0; limb < kKeccakLimbs; ++limb) {
      const E<B> computed = limb_of(limb, [&](size_t z) {
        const E<B> bit = m(k.a_prime_prime_0_0_bits[z]);
        assert_bool(b, bit);
        return bit;
      });
      b.assert_zero(computed - m(k.a_prime_prime[0][0][limb]));
    }

    // A'''[0, 0] = A''[0, 0] xor RC[round], the constant's bit z chosen by the step flags.
    for (size_t limb = 0; limb < kKeccakLimbs; ++limb) {
      const E<B> computed = limb_of(limb, [&](size_t z) {
        E<B> rc_bit = b.constant(0);
        for (size_t r = 0; r < kKeccakRounds; ++r)
          rc_bit = rc_bit + m(k.step_flags[r]) * b.constant(uint32_t((kKeccakRoundConstants[r] >> z) & 1));
        return xor2(m(k.a_prime_prime_0_0_bits[z]), rc_bit);
      });
      b.assert_zero(m(k.a_prime_prime_prime_0_0_limbs[limb]) - computed);
    }

    // The round takes (clk, state_addr, index, A) and gives (clk, state_addr, index + 1, A''').
    std::vector<E<B>> in{m(c.clk_high), m(c.clk_low), m(c.state_addr[0]), m(c.state_addr[1]), m(c.state_addr[2]),
                         m(c.index)};
    std::vector<E<B>> out{m(c.clk_high),       m(c.clk_low), m(c.state_addr[0]), m(c.state_addr[1]),
                          m(c.state_addr[2]), m(c.index) + one};
    for (size_t y = 0; y < 5; ++y)
      for (size_t x = 0; x < 5; ++x)
        for (size_t limb = 0; limb < kKeccakLimbs; ++limb) {
          in.push_back(m(k.a[y][x][limb]));
          out.push_back(m(keccak_a_ppp_col(k, y, x, limb)));
        }
    interact_values(b, Direction::Receive, InteractionKind::Keccak, in, is_real);
    interact_values(b, Direction::Send, InteractionKind::Keccak, out, is_real);
  }
};

}  // namespace zkgpu::sp1::air::riscv
