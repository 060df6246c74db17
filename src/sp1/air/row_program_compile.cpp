#include "sp1/air/row_program_compile.hpp"

#include <cstdint>
#include <stdexcept>
#include <string>

namespace zkgpu::sp1::air {

RowProgram compile_rows(const ConstraintProgram& p) {
  validate(p);
  const size_t count = p.nodes.size();
  constexpr size_t kKept = SIZE_MAX;  // used at the end (an interaction's)
  // The last node reading each value (itself when none does).
  std::vector<size_t> last_use(count);
  for (size_t n = 0; n < count; ++n) last_use[n] = n;
  for (size_t n = 0; n < count; ++n) {
    const Node& x = p.nodes[n];
    if (is_leaf(x.op)) continue;
    last_use[x.a] = n;
    if (x.op != Op::Neg) last_use[x.b] = n;
  }
  for (uint32_t v : p.interaction_values) last_use[v] = kKept;
  for (const auto* list : {&p.sends, &p.receives})
    for (const ProgramInteraction& i : *list) last_use[i.multiplicity] = kKept;

  std::vector<bool> is_root(count, false);
  for (uint32_t c : p.constraints) is_root[c] = true;

  RowProgram out;
  std::vector<uint32_t> slot(count), free_slots, root_index(count, 0);
  auto release = [&](uint32_t s) { free_slots.push_back(s); };
  for (size_t n = 0; n < count; ++n) {
    const Node& x = p.nodes[n];
    RowInstr r{uint32_t(x.op), 0, x.a, x.b};
    if (x.op == Op::Constant) r.a = Felt::from_canonical(x.a).v;
    if (!is_leaf(x.op)) {
      r.a = slot[x.a];
      r.b = x.op == Op::Neg ? 0 : slot[x.b];
      // The operands dying here free their slots first: the result may take one
      // (the interpreter reads both operands before it writes).
      if (last_use[x.a] == n) release(slot[x.a]);
      if (x.op != Op::Neg && x.b != x.a && last_use[x.b] == n) release(slot[x.b]);
    }
    if (free_slots.empty()) {
      slot[n] = out.slots++;
    } else {
      slot[n] = free_slots.back();
      free_slots.pop_back();
    }
    r.dst = slot[n];
    if (is_root[n]) {
      r.op |= kRowFold;
      root_index[n] = out.num_roots++;
    }
    if (last_use[n] == n) release(slot[n]);  // nothing reads it (a folded root)
    out.code.push_back(r);
  }
  for (uint32_t c : p.constraints) out.root_of.push_back(root_index[c]);
  for (const auto* list : {&p.sends, &p.receives})
    for (const ProgramInteraction& i : *list) {
      out.interactions.push_back({uint32_t(i.kind), slot[i.multiplicity], uint32_t(out.value_slots.size()),
                                  i.values_count, list == &p.receives ? 1u : 0u});
      for (uint32_t k = 0; k < i.values_count; ++k) out.value_slots.push_back(slot[p.interaction_values[i.values_begin + k]]);
    }
  return out;
}

std::vector<Ext> fold_weights(const RowProgram& program, std::span<const Ext> powers) {
  if (powers.size() != program.root_of.size())
    throw std::invalid_argument("fold_weights: " + std::to_string(powers.size()) + " powers for " +
                                std::to_string(program.root_of.size()) + " constraints");
  std::vector<Ext> weights(program.num_roots, Ext::zero());
  for (size_t k = 0; k < powers.size(); ++k) weights[program.root_of[k]] = weights[program.root_of[k]] + powers[k];
  return weights;
}

}  // namespace zkgpu::sp1::air
