#include "sp1/riscv/keccak_traces.hpp"

#include <algorithm>
#include <bit>
#include <stdexcept>
#include <string>
#include <vector>

#include "sp1/air/riscv/keccak_control.hpp"
#include "sp1/air/riscv/keccak_permute.hpp"
#include "sp1/riscv/precompile_rows.hpp"
#include "sp1/riscv/slice_page_prot_populate.hpp"
#include "sp1/riscv/u32_populate.hpp"
#include "zkvm/syscall_codes.hpp"

namespace zkgpu::sp1::riscv {

namespace {

using rv::kKeccakLimbs;
using rv::kKeccakRounds;
using rv::kKeccakStateWords;

constexpr auto kRound = rv::KeccakPermuteChip::kMain;
constexpr auto kControl = air::col_map<rv::KeccakPermuteControlCols<size_t>>();
constexpr size_t kRoundWidth = rv::KeccakPermuteChip::kWidth;

// Lanes as Keccak indexes them: lane[x][y] is the word at 8 (x + 5 y).
using Lanes = std::array<std::array<uint64_t, 5>, 5>;

void put_lane_limbs(Row row, const std::array<size_t, kKeccakLimbs>& cols, uint64_t lane) {
  for (size_t limb = 0; limb < kKeccakLimbs; ++limb) put(row, cols[limb], (lane >> (16 * limb)) & 0xFFFF);
}

void put_bits(Row row, const std::array<size_t, 64>& cols, uint64_t x) {
  for (size_t z = 0; z < 64; ++z) put(row, cols[z], (x >> z) & 1);
}

// One round's KeccakCols from its input `s`, which becomes the round's output.
void fill_round(Row row, size_t round, Lanes& s, const Lanes& input) {
  const auto& k = kRound.keccak;
  put(row, k.step_flags[round], 1);
  for (size_t y = 0; y < 5; ++y)
    for (size_t x = 0; x < 5; ++x) {
      put_lane_limbs(row, k.preimage[y][x], input[x][y]);
      put_lane_limbs(row, k.a[y][x], s[x][y]);
    }
  // Theta: the parities C, C' = C[x] ^ C[x - 1] ^ ROT(C[x + 1], 1), A' = A ^ C ^ C'.
  std::array<uint64_t, 5> c{}, c_prime{};
  for (size_t x = 0; x < 5; ++x) c[x] = s[x][0] ^ s[x][1] ^ s[x][2] ^ s[x][3] ^ s[x][4];
  for (size_t x = 0; x < 5; ++x) c_prime[x] = c[x] ^ c[(x + 4) % 5] ^ std::rotl(c[(x + 1) % 5], 1);
  for (size_t x = 0; x < 5; ++x) {
    put_bits(row, k.c[x], c[x]);
    put_bits(row, k.c_prime[x], c_prime[x]);
    for (size_t y = 0; y < 5; ++y) {
      s[x][y] ^= c[x] ^ c_prime[x];
      put_bits(row, k.a_prime[y][x], s[x][y]);
    }
  }
  // Rho and pi: B[x, y] = ROT(A'[(x + 3 y) % 5, x], r); chi: A'' = B ^ (~B[x + 1] & B[x + 2]).
  Lanes bl{};
  for (size_t x = 0; x < 5; ++x)
    for (size_t y = 0; y < 5; ++y) {
      const size_t ax = (x + 3 * y) % 5;
      bl[x][y] = std::rotl(s[ax][x], int(rv::kKeccakRotation[ax][x]));
    }
  for (size_t x = 0; x < 5; ++x)
    for (size_t y = 0; y < 5; ++y) {
      s[x][y] = bl[x][y] ^ (~bl[(x + 1) % 5][y] & bl[(x + 2) % 5][y]);
      put_lane_limbs(row, k.a_prime_prime[y][x], s[x][y]);
    }
  put_bits(row, k.a_prime_prime_0_0_bits, s[0][0]);
  // Iota.
  s[0][0] ^= rv::kKeccakRoundConstants[round];
  put_lane_limbs(row, k.a_prime_prime_prime_0_0_limbs, s[0][0]);
}

// The call's 25 reads and 25 writes of its state, in word order.
struct StateAccesses {
  std::array<const zkvm::MemoryAccess*, kKeccakStateWords> read{}, write{};
};

// A call's accesses in StateAccesses (precompile_calls has checked their number).
StateAccesses state_accesses(const zkvm::PrecompileEvent& p) {
  const uint64_t base = p.syscall.arg1;
  const auto bad = [&](const std::string& why) {
    return std::invalid_argument("KECCAK_PERMUTE call at clk " + std::to_string(p.syscall.clk) + ": " + why);
  };
  StateAccesses s;
  for (size_t i = 0; i < kKeccakStateWords; ++i) {
    s.read[i] = &p.memory[i];
    s.write[i] = &p.memory[kKeccakStateWords + i];
    if (s.read[i]->write || s.read[i]->addr != base + 8 * i || !s.write[i]->write || s.write[i]->addr != base + 8 * i)
      throw bad("memory record " + std::to_string(i) + " is not the state word's read and write");
    if (s.read[i]->timestamp != p.syscall.clk || s.write[i]->timestamp != p.syscall.clk + 1)
      throw bad("the state is not read at clk and written at clk + 1");
  }
  return s;
}

// The shard's calls: each the state's 25 reads and 25 writes, or none when it
// trapped on its page checks.
std::vector<const zkvm::PrecompileEvent*> keccak_calls(const zkvm::ShardRecord& shard) {
  return precompile_calls(shard, zkvm::sys::KECCAK_PERMUTE, 2 * kKeccakStateWords);
}

// A call's row; a User row checks the state's pages (read) at clk, then again
// (written) at clk + 1; a call that trapped on them keeps its accesses and
// final state zero.
template <class Chip>
void fill_control(Row row, const zkvm::PrecompileEvent* p) {
  const auto& c = kControl;
  const uint64_t base = p->syscall.arg1;
  put(row, c.clk_high, p->syscall.clk >> 24);
  put(row, c.clk_low, p->syscall.clk & 0xFFFFFF);
  fill_syscall_addr(row, c.state_addr, base);
  put(row, c.is_real, 1);
  for (size_t i = 0; i < kKeccakStateWords; ++i) fill_addr_add(row, c.addrs[i], base, 8 * i);
  if constexpr (Chip::kMode == rv::TrustMode::User) {
    const uint64_t last = base + 8 * (kKeccakStateWords - 1);
    if (!fill_page_checks(row, *p,
                          {{Chip::kUser.read_state_slice_page_prot_access, base, last, zkvm::kProtRead},
                           {Chip::kUser.write_state_slice_page_prot_access, base, last, zkvm::kProtWrite}}))
      return;
  }
  const StateAccesses s = state_accesses(*p);
  for (size_t i = 0; i < kKeccakStateWords; ++i) {
    fill_memory_access(row, c.initial_memory_access[i], *s.read[i]);
    fill_memory_access(row, c.final_memory_access[i], *s.write[i]);
    put_word(row, c.final_value[i], s.write[i]->value);
  }
}

}  // namespace

void fill_keccak_rounds(std::span<Felt> rows, const std::array<uint64_t, 25>& input, const zkvm::SyscallEvent* call) {
  Lanes in{}, s{};
  for (size_t x = 0; x < 5; ++x)
    for (size_t y = 0; y < 5; ++y) in[x][y] = input[x + 5 * y];
  s = in;
  for (size_t round = 0; round < kKeccakRounds && (round + 1) * kRoundWidth <= rows.size(); ++round) {
    const Row row = rows.subspan(round * kRoundWidth, kRoundWidth);
    fill_round(row, round, s, in);
    if (!call) continue;
    put(row, kRound.clk_high, call->clk >> 24);
    put(row, kRound.clk_low, call->clk & 0xFFFFFF);
    put_limbs(row, kRound.state_addr, call->arg1);
    put(row, kRound.index, round);
    put(row, kRound.is_real, 1);
  }
}

RiscvChipTrace keccak_permute_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options) {
  const std::vector<const zkvm::PrecompileEvent*> calls = keccak_calls(shard);
  RiscvChipTrace t;
  t.name = rv::KeccakPermuteChip::kName;
  t.width = kRoundWidth;
  const size_t real = calls.size() * kKeccakRounds;
  t.rows = air::padded_height(real, options.fixed_height);
  t.main.assign(t.rows * t.width, Felt::zero());
  parallel_ranges(calls.size(), cpu_count(), 16, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      const std::span<Felt> rounds =
          std::span<Felt>(t.main).subspan(i * kKeccakRounds * t.width, kKeccakRounds * t.width);
      // A trapped call's rows are the padding rows' (the zero state's rounds).
      if (calls[i]->syscall.trap_result) {
        fill_keccak_rounds(rounds, {}, nullptr);
        continue;
      }
      const StateAccesses s = state_accesses(*calls[i]);
      std::array<uint64_t, 25> input{};
      for (size_t w = 0; w < kKeccakStateWords; ++w) input[w] = s.read[w]->value;
      fill_keccak_rounds(rounds, input, &calls[i]->syscall);
    }
  });
  // Padding: the zero state's rounds, row r taking round r mod 24.
  if (t.rows > real) {
    std::vector<Felt> dummy(kKeccakRounds * t.width, Felt::zero());
    fill_keccak_rounds(dummy, {}, nullptr);
    for (size_t r = real; r < t.rows; ++r)
      std::copy_n(dummy.begin() + (r % kKeccakRounds) * t.width, t.width, t.main.begin() + r * t.width);
  }
  return t;
}

RiscvChipTrace keccak_control_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options) {
  const std::vector<const zkvm::PrecompileEvent*> calls = keccak_calls(shard);
  const std::span<const zkvm::PrecompileEvent* const> rows(calls);
  if (options.mode == rv::TrustMode::User) {
    using User = rv::KeccakPermuteControlChip<rv::TrustMode::User, rv::Features::Default>;
    return detail::event_chip_trace<User>(rows, options, fill_control<User>);
  }
  using Sup = rv::KeccakPermuteControlChip<rv::TrustMode::Supervisor, rv::Features::Default>;
  if (detail::has_rows(rv::TrustMode::Supervisor, options)) expect_no_page_checks(Sup::kName, calls);
  return detail::event_chip_trace<Sup>(rows, options, fill_control<Sup>);
}

}  // namespace zkgpu::sp1::riscv
