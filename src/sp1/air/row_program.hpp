// A ConstraintProgram in the form a device thread runs on one row: the same nodes
// in the same order, each writing its value into a slot of a small scratch array
// (slots are reused once a value is dead, so the array holds max_live_values-many
// values plus the constants), the constraint roots flagged for the fold, the
// interactions' values and multiplicities read from their slots at the end. The
// interpreter below is host and device code (math/hd.hpp); row_program_compile.hpp
// builds the form from a program.
#pragma once

#include <cstdint>

#include "math/field31/field31.hpp"
#include "math/hd.hpp"

namespace zkgpu::sp1::air {

// The operations, numbered as air::Op (program.hpp).
enum RowOp : uint32_t {
  kRowMain = 0,          // a: column
  kRowPreprocessed = 1,  // a: column
  kRowPublicValue = 2,   // a: index (past the public values: 0)
  kRowConstant = 3,      // a: the constant in Montgomery form
  kRowAdd = 4,           // slots a + b
  kRowSub = 5,           // slots a - b
  kRowMul = 6,           // slots a * b
  kRowNeg = 7,           // -slot a
};

// The value is a constraint root: weigh it into the fold (the next weight in order).
inline constexpr uint32_t kRowFold = 0x100;

struct RowInstr {
  uint32_t op;  // RowOp | kRowFold
  uint32_t dst;
  uint32_t a;
  uint32_t b;
};
static_assert(sizeof(RowInstr) == 16);

// An interaction as the GKR's leaves read it: kind, the multiplicity's slot, its
// values' slots (value_slots[begin, begin + count)) and whether it is a receive.
struct RowInteraction {
  uint32_t kind;
  uint32_t multiplicity_slot;
  uint32_t values_begin;
  uint32_t values_count;
  uint32_t receive;  // 0 send, 1 receive (its multiplicity counts negated)
};

namespace row {

using Fe = f31::KoalaBear;
using Ef = f31::KoalaBearExt4;

template <class E>
ZK_HD E embed(Fe x);
template <>
ZK_HD Fe embed<Fe>(Fe x) {
  return x;
}
template <>
ZK_HD Ef embed<Ef>(Fe x) {
  return Ef{{x, Fe::zero(), Fe::zero(), Fe::zero()}};
}

ZK_HD Ef weigh(const Ef& w, Fe x) { return w.scale(x); }
ZK_HD Ef weigh(const Ef& w, const Ef& x) { return w * x; }

// Runs code[0, count) on one row: leaf(op, a) gives the value of a Main,
// Preprocessed or PublicValue leaf. Returns sum over the flagged roots of
// weights[i] * value (i counting the flagged instructions in order); with the
// weights of fold_weights (row_program_compile.hpp) that is the chip's constraint
// fold. The slots hold every value afterwards, the interactions' included.
template <class E, class Leaf>
ZK_HD Ef run(const RowInstr* code, uint32_t count, E* slots, Leaf&& leaf, const Ef* weights) {
  Ef acc = Ef::zero();
  uint32_t w = 0;
  for (uint32_t i = 0; i < count; ++i) {
    const RowInstr x = code[i];
    E v;
    switch (x.op & 0xff) {
      case kRowMain:
      case kRowPreprocessed:
      case kRowPublicValue: v = leaf(x.op & 0xff, x.a); break;
      case kRowConstant: v = embed<E>(Fe::from_raw(x.a)); break;
      case kRowAdd: v = slots[x.a] + slots[x.b]; break;
      case kRowSub: v = slots[x.a] - slots[x.b]; break;
      case kRowMul: v = slots[x.a] * slots[x.b]; break;
      default: v = embed<E>(Fe::zero()) - slots[x.a]; break;  // kRowNeg
    }
    slots[x.dst] = v;
    if (x.op & kRowFold) acc = acc + weigh(weights[w++], v);
  }
  return acc;
}

// An interaction's leaf of the LogUp-GKR circuit after run(): numerator (the
// multiplicity, negated for a receive) and the fingerprint
//   alpha + beta_0 kind + sum_k beta_{k+1} value_k
// (interaction.hpp); betas has at least values_count + 1 entries.
template <class E>
ZK_HD void fraction(const RowInteraction& i, const uint32_t* value_slots, const E* slots, const Ef& alpha,
                    const Ef* betas, Ef& numerator, Ef& denominator) {
  const E m = slots[i.multiplicity_slot];
  numerator = weigh(Ef::one(), i.receive ? embed<E>(Fe::zero()) - m : m);
  Ef acc = alpha + betas[0] * embed<Ef>(Fe::from_canonical(i.kind));
  for (uint32_t k = 0; k < i.values_count; ++k) acc = acc + weigh(betas[k + 1], slots[value_slots[i.values_begin + k]]);
  denominator = acc;
}

}  // namespace row
}  // namespace zkgpu::sp1::air
