#include "test_ptau.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <thread>

#include "math/sha256/sha256.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu::test_ptau {

using bn254::Affine;
using bn254::Fq;
using bn254::Fq2;
using bn254::Fr;
using bn254::G1Affine;
using bn254::G2Affine;
using bn254::Jacobian;
using bn254::U256;

namespace {

unsigned resolve_threads(unsigned threads) {
  if (threads != 0) return threads;
  return std::max(1u, std::thread::hardware_concurrency());
}

// Runs body(begin, end) over [0, count) split into `threads` contiguous chunks.
template <class Body>
void parallel_chunks(std::size_t count, unsigned threads, const Body& body) {
  const std::size_t t = std::min<std::size_t>(threads, std::max<std::size_t>(count, 1));
  const std::size_t per = (count + t - 1) / t;
  std::vector<std::thread> pool;
  for (std::size_t i = 1; i < t; ++i) {
    const std::size_t b = std::min(count, i * per), e = std::min(count, (i + 1) * per);
    pool.emplace_back([&body, b, e] { body(b, e); });
  }
  body(0, std::min(count, per));
  for (auto& th : pool) th.join();
}

// Montgomery's trick: values[i] <- 1 / values[i] with one field inversion.
// Zeros are left as zeros.
template <class F>
void batch_inverse(F* values, std::size_t n) {
  std::vector<F> prefix(n);
  F acc = F::one();
  for (std::size_t i = 0; i < n; ++i) {
    prefix[i] = acc;
    if (!values[i].is_zero()) acc = acc * values[i];
  }
  F inv = acc.inverse();
  for (std::size_t i = n; i-- > 0;) {
    if (values[i].is_zero()) continue;
    const F v = values[i];
    values[i] = inv * prefix[i];
    inv = inv * v;
  }
}

// Jacobian -> affine for a whole range with one inversion.
template <class F>
void batch_to_affine(const Jacobian<F>* in, Affine<F>* out, std::size_t n) {
  std::vector<F> zinv(n);
  for (std::size_t i = 0; i < n; ++i) zinv[i] = in[i].z;
  batch_inverse(zinv.data(), n);
  for (std::size_t i = 0; i < n; ++i) {
    if (in[i].is_infinity()) {
      out[i] = Affine<F>::infinity();
      continue;
    }
    const F z2 = zinv[i].sqr();
    out[i] = {in[i].x * z2, in[i].y * z2 * zinv[i]};
  }
}

// k * base for a fixed base: the scalar is cut into kWindow-bit digits and
// table[j][d - 1] = d * 2^(kWindow*j) * base, so a product costs one mixed
// addition per non-zero digit and no doublings.
template <class F>
class FixedBase {
 public:
  static constexpr unsigned kWindow = 12;
  static constexpr unsigned kWindows = (256 + kWindow - 1) / kWindow;
  static constexpr std::size_t kPerWindow = (std::size_t(1) << kWindow) - 1;

  FixedBase(const Affine<F>& base, unsigned threads) : table_(kWindows * kPerWindow) {
    // The window bases 2^(kWindow*j) * base, sequentially (cheap).
    std::vector<Jacobian<F>> window_base(kWindows);
    Jacobian<F> b = Jacobian<F>::from_affine(base);
    for (unsigned j = 0; j < kWindows; ++j) {
      window_base[j] = b;
      for (unsigned s = 0; s < kWindow; ++s) b = b.dbl();
    }
    std::vector<Affine<F>> window_base_affine(kWindows);
    batch_to_affine(window_base.data(), window_base_affine.data(), kWindows);
    parallel_chunks(kWindows, threads, [&](std::size_t begin, std::size_t end) {
      std::vector<Jacobian<F>> multiples(kPerWindow);
      for (std::size_t j = begin; j < end; ++j) {
        Jacobian<F> acc = Jacobian<F>::from_affine(window_base_affine[j]);
        for (std::size_t d = 0; d < kPerWindow; ++d) {
          multiples[d] = acc;
          acc = acc.add_mixed(window_base_affine[j]);
        }
        batch_to_affine(multiples.data(), &table_[j * kPerWindow], kPerWindow);
      }
    });
  }

  Jacobian<F> mul(const U256& k) const {
    Jacobian<F> acc = Jacobian<F>::infinity();
    for (unsigned j = 0; j < kWindows; ++j) {
      const unsigned d = digit(k, j * kWindow);
      if (d != 0) acc = acc.add_mixed(table_[j * kPerWindow + d - 1]);
    }
    return acc;
  }

 private:
  static unsigned digit(const U256& k, unsigned bit) {
    const unsigned limb = bit / 64, shift = bit % 64;
    uint64_t v = k.limbs[limb] >> shift;
    if (shift + kWindow > 64 && limb + 1 < 4) v |= k.limbs[limb + 1] << (64 - shift);
    return unsigned(v & kPerWindow);
  }

  std::vector<Affine<F>> table_;
};

template <class F>
std::vector<Affine<F>> times_generator(const Affine<F>& generator, const std::vector<Fr>& scalars,
                                       unsigned threads) {
  threads = resolve_threads(threads);
  const FixedBase<F> table(generator, threads);
  std::vector<Affine<F>> out(scalars.size());
  parallel_chunks(scalars.size(), threads, [&](std::size_t begin, std::size_t end) {
    // Blocks keep the Jacobian scratch small; one inversion per block.
    constexpr std::size_t kBlock = 4096;
    std::vector<Jacobian<F>> jac(kBlock);
    for (std::size_t b = begin; b < end; b += kBlock) {
      const std::size_t n = std::min(kBlock, end - b);
      for (std::size_t i = 0; i < n; ++i) jac[i] = table.mul(scalars[b + i].to_canonical());
      batch_to_affine(jac.data(), &out[b], n);
    }
  });
  return out;
}

// Binary writer for the .ptau container.
class PtauWriter {
 public:
  explicit PtauWriter(uint32_t sections) {
    bytes_.insert(bytes_.end(), {'p', 't', 'a', 'u'});
    u32(1);  // version
    u32(sections);
  }
  void begin_section(uint32_t type) {
    u32(type);
    size_at_ = bytes_.size();
    u64(0);
  }
  void end_section() {
    const uint64_t size = bytes_.size() - size_at_ - 8;
    for (int i = 0; i < 8; ++i) bytes_[size_at_ + i] = uint8_t(size >> (8 * i));
  }
  void u32(uint32_t v) {
    for (int i = 0; i < 4; ++i) bytes_.push_back(uint8_t(v >> (8 * i)));
  }
  void u64(uint64_t v) {
    for (int i = 0; i < 8; ++i) bytes_.push_back(uint8_t(v >> (8 * i)));
  }
  void u256(const U256& v) {
    for (uint64_t limb : v.limbs) u64(limb);
  }
  void fq(const Fq& v) { u256(v.montgomery()); }
  void fq(const Fq2& v) {
    fq(v.c0);
    fq(v.c1);
  }
  template <class F>
  void points(const std::vector<Affine<F>>& pts) {
    for (const auto& p : pts) {  // infinity is (0, 0): all zero bytes
      fq(p.x);
      fq(p.y);
    }
  }
  std::vector<uint8_t> take() { return std::move(bytes_); }

 private:
  std::vector<uint8_t> bytes_;
  std::size_t size_at_ = 0;
};

Fr field_from_hash(std::string_view seed, std::string_view label, uint32_t counter) {
  std::string msg = "zkgpud TEST-ONLY powers of tau|";
  msg += label;
  msg += '|';
  msg += seed;
  msg += '|';
  msg += std::to_string(counter);
  const auto d = crypto::sha256({reinterpret_cast<const uint8_t*>(msg.data()), msg.size()});
  U256 v{};
  for (int i = 0; i < 32; ++i) v.limbs[i / 8] |= uint64_t(d[i]) << (8 * (i % 8));
  v.limbs[3] &= (uint64_t(1) << 62) - 1;  // < 2^254: a near-uniform value once reduced
  return Fr::from_canonical(v);
}

Fr nonzero_from_seed(std::string_view seed, std::string_view label) {
  for (uint32_t counter = 0;; ++counter) {
    const Fr v = field_from_hash(seed, label, counter);
    if (!v.is_zero() && v != Fr::one()) return v;
  }
}

}  // namespace

ToxicWaste toxic_waste_from_seed(std::string_view seed) {
  return {nonzero_from_seed(seed, "tau"), nonzero_from_seed(seed, "alpha"), nonzero_from_seed(seed, "beta")};
}

std::vector<Fr> geometric(const Fr& start, const Fr& x, std::size_t count) {
  std::vector<Fr> out(count);
  Fr v = start;
  for (std::size_t i = 0; i < count; ++i) {
    out[i] = v;
    v = v * x;
  }
  return out;
}

std::vector<Fr> lagrange_evaluations(const Fr& tau, unsigned log_n, bool zero_last_power) {
  if (log_n > bn254::FrParams::two_adicity) {
    throw Error(ErrorCode::invalid_argument,
                "lagrange_evaluations: domain 2^" + std::to_string(log_n) + " is larger than Fr's 2^28");
  }
  const std::size_t n = std::size_t(1) << log_n;
  const std::vector<Fr> w_pow = geometric(Fr::one(), bn254::root_of_unity(log_n), n);
  std::vector<Fr> inv(n);
  for (std::size_t i = 0; i < n; ++i) {
    inv[i] = tau - w_pow[i];
    if (inv[i].is_zero()) {
      throw Error(ErrorCode::invalid_argument, "lagrange_evaluations: tau is a root of unity of the domain");
    }
  }
  batch_inverse(inv.data(), n);
  const Fr inv_n = Fr::from_u64(n).inverse();
  const Fr tau_n1 = tau.pow(uint64_t(n - 1));
  const Fr scale = (tau_n1 * tau - Fr::one()) * inv_n;
  const Fr last = tau_n1 * inv_n;
  std::vector<Fr> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    out[i] = scale * w_pow[i] * inv[i];
    if (zero_last_power) out[i] = out[i] - w_pow[i] * last;
  }
  return out;
}

std::vector<G1Affine> g1_times(const std::vector<Fr>& scalars, unsigned threads) {
  return times_generator(bn254::g1_generator(), scalars, threads);
}

std::vector<G2Affine> g2_times(const std::vector<Fr>& scalars, unsigned threads) {
  return times_generator(bn254::g2_generator(), scalars, threads);
}

std::vector<uint8_t> build_ptau(unsigned power, const ToxicWaste& waste, unsigned threads) {
  if (power < 1 || power > bn254::FrParams::two_adicity - 1) {
    throw Error(ErrorCode::invalid_argument,
                "build_ptau: power must be 1..27, got " + std::to_string(power));
  }
  if (waste.tau.is_zero() || waste.alpha.is_zero() || waste.beta.is_zero()) {
    throw Error(ErrorCode::invalid_argument, "build_ptau: tau, alpha and beta must be non-zero");
  }
  if (waste.tau.pow(uint64_t(1) << (power + 1)) == Fr::one()) {
    throw Error(ErrorCode::invalid_argument, "build_ptau: tau is a root of unity of a Lagrange domain");
  }
  const std::size_t n = std::size_t(1) << power;
  const auto scaled = [](std::vector<Fr> v, const Fr& s) {
    for (auto& x : v) x = x * s;
    return v;
  };

  // Lagrange blocks of every domain size, concatenated (sections 12..15).
  std::vector<Fr> lagrange;
  for (unsigned p = 0; p <= power; ++p) {
    const auto block = lagrange_evaluations(waste.tau, p);
    lagrange.insert(lagrange.end(), block.begin(), block.end());
  }
  std::vector<Fr> lagrange_tau_g1 = lagrange;
  {
    const auto block = lagrange_evaluations(waste.tau, power + 1, /*zero_last_power=*/true);
    lagrange_tau_g1.insert(lagrange_tau_g1.end(), block.begin(), block.end());
  }
  const std::vector<Fr> tau_powers = geometric(Fr::one(), waste.tau, 2 * n - 1);
  const std::vector<Fr> tau_powers_n(tau_powers.begin(), tau_powers.begin() + std::ptrdiff_t(n));

  PtauWriter w(11);
  w.begin_section(1);
  w.u32(32);
  w.u256(bn254::FqParams::modulus());
  w.u32(power);
  w.u32(power);  // ceremony power
  w.end_section();

  w.begin_section(2);
  w.points(g1_times(tau_powers, threads));
  w.end_section();
  w.begin_section(3);
  w.points(g2_times(tau_powers_n, threads));
  w.end_section();
  w.begin_section(4);
  w.points(g1_times(scaled(tau_powers_n, waste.alpha), threads));
  w.end_section();
  w.begin_section(5);
  w.points(g1_times(scaled(tau_powers_n, waste.beta), threads));
  w.end_section();
  w.begin_section(6);
  w.points(g2_times({waste.beta}, threads));
  w.end_section();
  // No contribution records: `snarkjs groth16 setup` never reads this section
  // (`powersoftau verify` refuses such a file, as it should for test keys).
  w.begin_section(7);
  w.u32(0);
  w.end_section();

  w.begin_section(12);
  w.points(g1_times(lagrange_tau_g1, threads));
  w.end_section();
  w.begin_section(13);
  w.points(g2_times(lagrange, threads));
  w.end_section();
  w.begin_section(14);
  w.points(g1_times(scaled(lagrange, waste.alpha), threads));
  w.end_section();
  w.begin_section(15);
  w.points(g1_times(scaled(lagrange, waste.beta), threads));
  w.end_section();
  return w.take();
}

void write_ptau_file(const std::string& path, unsigned power, const ToxicWaste& waste, unsigned threads) {
  const std::vector<uint8_t> bytes = build_ptau(power, waste, threads);
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
    out.close();
    if (!out) throw Error(ErrorCode::internal, "cannot write " + tmp);
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    throw Error(ErrorCode::internal, "cannot rename " + tmp + " to " + path);
  }
}

}  // namespace zkgpu::test_ptau
