// A seeded random program over two recursion chips, as traces that satisfy them and
// whose memory interactions balance: MemoryConst writes `consts` random constants
// (addresses 1..consts); BaseAlu runs `ops` random +, -, * rows, each reading two
// earlier addresses and writing a new one; every write's multiplicity is the number
// of later reads. The last op's result is never read (multiplicity 0), so its
// output cell can be changed without touching the LogUp sum.
#pragma once

#include <cstdint>
#include <random>
#include <stdexcept>
#include <vector>

#include "sp1/air/machine.hpp"
#include "sp1/prover/chip_traces.hpp"

namespace zkgpu::sp1::test {

struct AluProgram {
  std::vector<F> const_main, const_prep, alu_main, alu_prep;
  size_t consts = 0, ops = 0;

  // The two chips in name order (BaseAlu < MemoryConst) over the given machine.
  std::vector<prover::ChipTrace> chips(const air::Machine& m) const {
    return {{m.find("BaseAlu"), {alu_main, alu_prep, ops}}, {m.find("MemoryConst"), {const_main, const_prep, consts}}};
  }
};

inline AluProgram make_alu_program(size_t consts, size_t ops, uint64_t seed) {
  if (consts == 0) throw std::invalid_argument("make_alu_program: needs a constant to read");
  std::mt19937_64 rng(seed);
  auto felt = [&] { return F::from_canonical(uint32_t(rng() % F::kP)); };
  AluProgram p;
  p.consts = consts;
  p.ops = ops;
  std::vector<F> value;         // by address - 1
  std::vector<uint32_t> reads;  // by address - 1
  for (size_t i = 0; i < consts; ++i) {
    value.push_back(felt());
    reads.push_back(0);
  }
  p.alu_main.reserve(3 * ops);
  p.alu_prep.reserve(8 * ops);
  for (size_t i = 0; i < ops; ++i) {
    const size_t a = rng() % value.size(), b = rng() % value.size();
    ++reads[a];
    ++reads[b];
    const uint32_t op = uint32_t(rng() % 3);  // add, sub, mul
    const F x = value[a], y = value[b];
    const F out = op == 0 ? x + y : op == 1 ? x - y : x * y;
    p.alu_main.insert(p.alu_main.end(), {out, x, y});
    std::vector<F> prep(8, F::zero());
    prep[0] = F::from_canonical(uint32_t(value.size() + 1));
    prep[1] = F::from_canonical(uint32_t(a + 1));
    prep[2] = F::from_canonical(uint32_t(b + 1));
    prep[3 + op] = F::one();
    p.alu_prep.insert(p.alu_prep.end(), prep.begin(), prep.end());
    value.push_back(out);
    reads.push_back(0);
  }
  for (size_t i = 0; i < ops; ++i) p.alu_prep[8 * i + 7] = F::from_canonical(reads[consts + i]);
  for (size_t i = 0; i < consts; ++i) {
    p.const_main.push_back(F::zero());
    p.const_prep.insert(p.const_prep.end(), {value[i], F::zero(), F::zero(), F::zero(),
                                             F::from_canonical(uint32_t(i + 1)), F::from_canonical(reads[i])});
  }
  return p;
}

}  // namespace zkgpu::sp1::test
