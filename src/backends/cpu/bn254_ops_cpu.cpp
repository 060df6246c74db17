#include "backends/cpu/bn254_ops_cpu.hpp"

#include <algorithm>
#include <bit>
#include <string>
#include <thread>
#include <vector>

#include "backends/bn254_validate.hpp"
#include "common/parallel_ranges.hpp"
#include "math/bn254/msm_cpu.hpp"
#include "backends/cpu/ntt_fr_cpu.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu {

using namespace bn254;

namespace {

// Host copy of the bases: the CPU computes from host memory.
template <class F>
class CpuResidentBases final : public ResidentBases {
 public:
  explicit CpuResidentBases(std::span<const Affine<F>> b) : points(b.begin(), b.end()) {}
  size_t count() const noexcept override { return points.size(); }
  size_t bytes() const noexcept override { return points.size() * sizeof(Affine<F>); }
  std::vector<Affine<F>> points;
};

template <class F>
const CpuResidentBases<F>& as_cpu(const ResidentBases& b) {
  const auto* p = dynamic_cast<const CpuResidentBases<F>*>(&b);
  if (!p) throw Error(ErrorCode::invalid_argument, "msm: resident bases were not made by this CPU backend for this group");
  return *p;
}

}  // namespace

CpuBn254Ops::CpuBn254Ops(unsigned threads)
    : threads_(threads ? threads : std::max(1u, std::thread::hardware_concurrency())) {}

G1Jacobian CpuBn254Ops::msm_g1(std::span<const G1Affine> bases, std::span<const FrRaw> scalars) {
  bn254_validate::msm_inputs(bases.size(), scalars);
  return bn254_cpu::msm_pippenger<Fq>(bases, scalars, threads_);
}

G2Jacobian CpuBn254Ops::msm_g2(std::span<const G2Affine> bases, std::span<const FrRaw> scalars) {
  bn254_validate::msm_inputs(bases.size(), scalars);
  return bn254_cpu::msm_pippenger<Fq2>(bases, scalars, threads_);
}

std::unique_ptr<ResidentBases> CpuBn254Ops::upload_g1(std::span<const G1Affine> bases) {
  return std::make_unique<CpuResidentBases<Fq>>(bases);
}

std::unique_ptr<ResidentBases> CpuBn254Ops::upload_g2(std::span<const G2Affine> bases) {
  return std::make_unique<CpuResidentBases<Fq2>>(bases);
}

G1Jacobian CpuBn254Ops::msm_g1(const ResidentBases& bases, std::span<const FrRaw> scalars) {
  const auto& b = as_cpu<Fq>(bases);
  bn254_validate::resident_msm_inputs(b.count(), scalars);
  return bn254_cpu::msm_pippenger<Fq>(std::span(b.points).first(scalars.size()), scalars, threads_);
}

G2Jacobian CpuBn254Ops::msm_g2(const ResidentBases& bases, std::span<const FrRaw> scalars) {
  const auto& b = as_cpu<Fq2>(bases);
  bn254_validate::resident_msm_inputs(b.count(), scalars);
  return bn254_cpu::msm_pippenger<Fq2>(std::span(b.points).first(scalars.size()), scalars, threads_);
}

void CpuBn254Ops::ntt_fr(std::span<Fr> values, bool inverse, bool coset) {
  bn254_validate::ntt_size(values.size());
  bn254_cpu::ntt_fr(values, inverse, coset, threads_);
}

void CpuBn254Ops::fr_arith(ArithOp op, std::span<const FrRaw> a, std::span<const FrRaw> b, std::span<FrRaw> out) {
  bn254_validate::arith_inputs(op, a, b, out);
  parallel_ranges(a.size(), threads_, 1 << 14, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      const Fr x = Fr::from_canonical(a[i]);
      Fr r;
      switch (op) {
        case ArithOp::add: r = x + Fr::from_canonical(b[i]); break;
        case ArithOp::sub: r = x - Fr::from_canonical(b[i]); break;
        case ArithOp::mul: r = x * Fr::from_canonical(b[i]); break;
        default: r = x.inverse(); break;  // inv; zeros were rejected by validation
      }
      out[i] = r.to_canonical();
    }
  });
}

}  // namespace zkgpu
