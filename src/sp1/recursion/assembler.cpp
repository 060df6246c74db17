#include "sp1/recursion/assembler.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "sp1/recursion/accesses.hpp"
#include "sp1/recursion/errors.hpp"
#include "sp1/recursion/text_format.hpp"

namespace zkgpu::sp1::recursion {

namespace {

[[noreturn]] void fail(const Program& p, size_t index, const std::string& what) {
  throw ProgramError(where(p, index) + ": " + mnemonic(p.instructions[index]) + ": " + what);
}

struct Bounds {
  const Program& p;
  size_t index = 0;
  size_t max = 0;
  void check(Addr a) {
    if (a >= kMaxMemoryCells)
      fail(p, index,
           "address " + std::to_string(a) + " is beyond the " + std::to_string(kMaxMemoryCells) + "-cell memory");
    max = std::max<size_t>(max, a + size_t(1));
  }
  void read(Addr a) { check(a); }
  void ghost(Addr a) { check(a); }
  void write(Addr a, Felt&) { check(a); }
};

struct Counter {
  const Program& p;
  std::vector<Felt*> writer;  // the multiplicity of the value at each address
  size_t index = 0;
  void read(Addr a) {
    ghost(a);
    *writer[a] += Felt::one();
  }
  void ghost(Addr a) {
    if (!writer[a]) fail(p, index, "reads address " + std::to_string(a) + ", which no earlier instruction writes");
  }
  void write(Addr a, Felt& mult) {
    if (writer[a]) fail(p, index, "writes address " + std::to_string(a) + " a second time");
    mult = Felt::zero();
    writer[a] = &mult;
  }
};

void check_single_use_outputs(const Program& p, size_t index) {
  auto once = [&](Felt mult, Addr a) {
    if (mult != Felt::one())
      fail(p, index,
           "output " + std::to_string(a) + " is read " + std::to_string(mult.to_canonical()) +
               " times; the chip writes it for exactly one read");
  };
  const Instruction& ins = p.instructions[index];
  if (const auto* l = get_instr<Poseidon2LinearLayerInstr>(&ins))
    for (size_t k = 0; k < 4; ++k) once(l->mults[k], l->output[k]);
  else if (const auto* s = get_instr<Poseidon2SBoxInstr>(&ins))
    once(s->mult, s->output);
}

}  // namespace

void check_instruction_shape(const Program& p, size_t index) {
  const Instruction& ins = p.instructions[index];
  if (const auto* i = get_instr<PrefixSumChecksInstr>(&ins)) {
    const size_t n = i->x1.size();
    if (n == 0) fail(p, index, "no steps");
    if (i->x2.size() != n || i->accs.size() != n || i->field_accs.size() != n || i->acc_mults.size() != n ||
        i->field_acc_mults.size() != n)
      fail(p, index, "x1, x2, accs and field_accs must have the same length");
  } else if (const auto* h = get_instr<HintBitsInstr>(&ins)) {
    if (h->outputs.size() > 32) fail(p, index, "more than 32 bits of a 32-bit value");
  } else if (const auto* c = get_instr<CommitPublicValuesInstr>(&ins)) {
    if (c->pv_addrs.size() != kNumPublicValues)
      fail(p, index,
           std::to_string(c->pv_addrs.size()) + " public values, expected " + std::to_string(kNumPublicValues));
  }
}

void assemble(Program& p) {
  Bounds bounds{p};
  size_t commits = 0;
  for (size_t i = 0; i < p.instructions.size(); ++i) {
    check_instruction_shape(p, i);
    if (get_instr<CommitPublicValuesInstr>(&p.instructions[i]) && ++commits > 1)
      fail(p, i, "a second commit of the public values");
    bounds.index = i;
    visit_accesses(p.instructions[i], bounds);
  }
  p.memory_size = bounds.max;

  Counter counter{p, std::vector<Felt*>(p.memory_size, nullptr)};
  for (size_t i = 0; i < p.instructions.size(); ++i) {
    if (auto* m = get_instr<MemInstr>(&p.instructions[i]); m && m->kind == MemAccess::Read) m->mult = Felt::one();
    counter.index = i;
    visit_accesses(p.instructions[i], counter);
  }
  for (size_t i = 0; i < p.instructions.size(); ++i) check_single_use_outputs(p, i);
}

}  // namespace zkgpu::sp1::recursion
