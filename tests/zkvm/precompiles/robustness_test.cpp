// Arbitrary guest data never breaks the host: every precompile on random memory
// and random pointers, and every hook on random bytes, either succeeds or throws
// PrecompileError (or the memory's own fault), never anything else.
#include <gtest/gtest.h>

#include <random>

#include "fake_guest_memory.hpp"

namespace zkgpu::zkvm {
namespace {

using precompiles::PrecompileError;
using test::FakeGuestMemory;

TEST(Robustness, PrecompilesOnRandomMemoryFailCleanly) {
  std::mt19937_64 rng(17);
  for (const auto& p : precompiles::table()) {
    for (int iter = 0; iter < 300; ++iter) {
      FakeGuestMemory mem(1024);
      for (uint64_t at = mem.kBase; at < mem.kBase + 1024; at += 8) {
        // Mostly small or all-ones words, so non-reduced and edge values come up often.
        uint64_t word = rng();
        if (word % 4 == 0) word = 0;
        if (word % 4 == 1) word = ~0ull;
        mem.write(at, std::as_bytes(std::span(&word, 1)));
      }
      const auto ptr = [&] { return mem.kBase + 8 * (rng() % 100) + (rng() % 16 == 0 ? 4 : 0); };
      precompiles::SyscallArgs args{ptr(), ptr(), ptr(), ptr(), ptr()};
      if (p.name == "ED_DECOMPRESS") args.a1 = rng() % 3;
      try {
        p.run(mem, args);
      } catch (const PrecompileError&) {
      } catch (const std::out_of_range&) {  // the fake memory's fault
      } catch (const std::exception& e) {
        ADD_FAILURE() << p.name << ": unexpected " << e.what();
      }
    }
  }
}

TEST(Robustness, HooksOnRandomBytesFailCleanly) {
  std::mt19937_64 rng(23);
  for (const auto& h : precompiles::hooks()) {
    for (int iter = 0; iter < 400; ++iter) {
      // Lengths around each hook's expected sizes, and FD_FP_* length prefixes that match.
      const size_t sizes[] = {0, 3, 4, 31, 32, 48, 64, 65, 66, 100, 768, 1152, 1536};
      std::vector<uint8_t> in(sizes[rng() % std::size(sizes)]);
      for (auto& b : in) b = uint8_t(rng() % 3 == 0 ? 0xff : rng());
      if ((h.fd == 20 || h.fd == 21) && iter % 2 == 0) {
        const size_t len = 1 + rng() % 8, count = h.fd == 20 ? 3 : 2;
        in.assign(4 + count * len, 0);
        in[3] = uint8_t(len);
        for (size_t i = 4; i < in.size(); ++i) in[i] = uint8_t(rng());
      }
      try {
        const auto out = h.run(in);
        EXPECT_FALSE(out.empty()) << h.name;
      } catch (const PrecompileError&) {
      } catch (const std::exception& e) {
        ADD_FAILURE() << h.name << ": unexpected " << e.what();
      }
    }
  }
}

// SP1 checks the whole destination before writing, so a fault on the second half
// of a point or Fp2 result must leave the first half as it was.
TEST(Robustness, AFaultingResultWriteLeavesTheDestinationUnchanged) {
  const uint64_t base = FakeGuestMemory::kBase;
  for (const char* name : {"BN254_ADD", "SECP256R1_ADD", "ED_ADD", "BN254_FP2_MUL", "BLS12381_FP2_ADD"}) {
    FakeGuestMemory mem;
    for (uint64_t at = base; at < base + 512; at += 8) mem.put(at, at * 7919 % 1000003, 8);
    mem.set_read_only_from(base + 256 + 48);  // inside the second half of the result at base + 256
    const mpz_class before = mem.get(base + 256, 48);
    EXPECT_THROW(test::run(name, mem, {base + 256, base}), std::out_of_range) << name;
    EXPECT_EQ(mem.get(base + 256, 48), before) << name;
  }
}

}  // namespace
}  // namespace zkgpu::zkvm
