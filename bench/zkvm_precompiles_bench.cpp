// Host time per call of each SP1 precompile and hook (GMP arithmetic), on valid
// inputs in a flat guest memory. Prints one JSON document: the median over 15
// batches of ns per call.
#include <algorithm>
#include <chrono>
#include <cstring>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "zkvm/precompiles/curve_params.hpp"
#include "zkvm/precompiles/precompile.hpp"
#include "zkvm/precompiles/weierstrass.hpp"

namespace {

using namespace zkgpu::zkvm;
using namespace zkgpu::zkvm::precompiles;

constexpr uint64_t kBase = 0x10000, P = kBase, Q = kBase + 256;

class FlatMemory : public GuestMemory {
 public:
  FlatMemory() : bytes_(1024) {}
  void read(uint64_t addr, std::span<std::byte> out) override {
    std::memcpy(out.data(), bytes_.data() + (addr - kBase), out.size());
  }
  void write(uint64_t addr, std::span<const std::byte> in) override {
    std::memcpy(bytes_.data() + (addr - kBase), in.data(), in.size());
  }
  void put(uint64_t addr, const mpz_class& x, size_t len) {
    const auto le = to_le(x, len);
    std::memcpy(bytes_.data() + (addr - kBase), le.data(), len);
  }

 private:
  std::vector<std::byte> bytes_;
};

double median_ns_per_call(int calls, const std::function<void()>& fn) {
  for (int i = 0; i < calls / 10 + 1; ++i) fn();
  std::vector<double> per_call;
  for (int batch = 0; batch < 15; ++batch) {
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < calls; ++i) fn();
    const std::chrono::duration<double, std::nano> dt = std::chrono::steady_clock::now() - t0;
    per_call.push_back(dt.count() / calls);
  }
  std::nth_element(per_call.begin(), per_call.begin() + 7, per_call.end());
  return per_call[7];
}

const Precompile& by_name(std::string_view name) {
  for (const auto& p : table())
    if (p.name == name) return p;
  throw std::logic_error("no precompile " + std::string(name));
}

void put_point(FlatMemory& mem, uint64_t at, const AffinePoint& pt, size_t bytes) {
  mem.put(at, pt.x, bytes);
  mem.put(at + bytes, pt.y, bytes);
}

}  // namespace

int main() {
  nlohmann::json out;
  out["unit"] = "ns per call, median of 15 batches";
  auto& results = out["precompiles"];
  gmp_randclass rng(gmp_randinit_default);
  rng.seed(1);

  const auto time_precompile = [&](std::string_view name,
                                   const std::function<void(FlatMemory&)>& setup, SyscallArgs args,
                                   int calls = 2000) {
    FlatMemory mem;
    setup(mem);
    const Precompile& p = by_name(name);
    results[std::string(name)] = median_ns_per_call(calls, [&] { p.run(mem, args); });
  };

  const struct {
    const WeierstrassCurve& c;
    std::string prefix;
  } curves[] = {{secp256k1(), "SECP256K1"}, {secp256r1(), "SECP256R1"}, {bn254_g1(), "BN254"},
                {bls12_381_g1(), "BLS12381"}};
  for (const auto& k : curves) {
    const AffinePoint g{k.c.gx, k.c.gy};
    const AffinePoint g2 = weierstrass_double(k.c, g, "bench");
    const size_t n = k.c.field.bytes;
    time_precompile(
        k.prefix + "_ADD", [&](FlatMemory& m) { put_point(m, P, g2, n), put_point(m, Q, g, n); },
        {P, Q});
    time_precompile(k.prefix + "_DOUBLE", [&](FlatMemory& m) { put_point(m, P, g2, n); }, {P, 0});
  }
  const AffinePoint ed_g{ed25519().gx, ed25519().gy};
  time_precompile(
      "ED_ADD", [&](FlatMemory& m) { put_point(m, P, ed_g, 32), put_point(m, Q, ed_g, 32); },
      {P, Q});
  time_precompile("ED_DECOMPRESS", [&](FlatMemory& m) { m.put(P + 32, ed25519().gy, 32); }, {P, 0});

  for (const PrimeField* f : {&bn254_fp(), &bls12_381_fp()}) {
    const std::string prefix(f->name);
    const auto setup = [&](FlatMemory& m) {
      for (uint64_t at : {P, P + f->bytes, Q, Q + f->bytes})
        m.put(at, rng.get_z_range(f->p), f->bytes);
    };
    for (const char* op : {"_FP_ADD", "_FP_MUL", "_FP2_SUB", "_FP2_MUL"})
      time_precompile(prefix + op, setup, {P, Q});
  }
  const auto setup_u256 = [&](FlatMemory& m) {
    for (uint64_t at : {P, Q, Q + 32, kBase + 512}) m.put(at, rng.get_z_bits(256), 32);
  };
  time_precompile("UINT256_MUL", setup_u256, {P, Q});
  time_precompile("UINT256_MUL_CARRY", setup_u256, {P, Q, kBase + 512, kBase + 576, kBase + 640});
  time_precompile("UINT256_ADD_CARRY", setup_u256, {P, Q, kBase + 512, kBase + 576, kBase + 640});

  // Hooks.
  auto& hook_results = out["hooks"];
  const auto time_hook = [&](uint32_t fd, std::vector<uint8_t> input, int calls = 500) {
    const Hook* h = find_hook(fd);
    hook_results[std::string(h->name)] = median_ns_per_call(calls, [&] { h->run(input); });
  };
  {
    const auto& c = secp256k1();
    std::vector<uint8_t> in{1};
    const auto r = to_be(c.gx, 32);
    const auto alpha = to_be((c.gx * c.gx * c.gx + 7) % c.field.p, 32);
    in.insert(in.end(), r.begin(), r.end());
    in.insert(in.end(), alpha.begin(), alpha.end());
    time_hook(5, in);
  }
  {
    std::vector<uint8_t> in = to_le(ed25519().gy, 32);
    const auto v = to_le((ed25519().d * ed25519().gy * ed25519().gy + 1) % ed25519().field.p, 32);
    in.insert(in.end(), v.begin(), v.end());
    time_hook(6, in);
  }
  {
    const mpz_class m = rng.get_z_bits(2048) | (mpz_class(1) << 2047);
    std::vector<uint8_t> in = to_le(rng.get_z_range(m) * rng.get_z_range(m), 512);
    const auto mb = to_le(m, 256);
    in.insert(in.end(), mb.begin(), mb.end());
    time_hook(7, in);
  }
  time_hook(8, to_be(rng.get_z_range(bls12_381_fp().p), 48));
  time_hook(9, to_be(rng.get_z_range(bls12_381_fp().p), 48));
  {
    std::vector<uint8_t> in{0, 0, 0, 32};
    const mpz_class& p = ed25519().field.p;
    for (const mpz_class& v : {mpz_class(rng.get_z_range(p)), p, mpz_class(2)}) {
      const auto b = to_be(v, 32);
      in.insert(in.end(), b.begin(), b.end());
    }
    time_hook(10, in);
    in.resize(4 + 64);
    time_hook(11, in);
  }
  std::cout << out.dump(2) << "\n";
}
