#include "sp1/air/program.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace zkgpu::sp1::air {

size_t ConstraintProgram::max_interaction_arity() const {
  size_t arity = 0;
  for (const auto* list : {&sends, &receives})
    for (const ProgramInteraction& i : *list) arity = std::max(arity, size_t(i.values_count) + 1);
  return arity;
}

void prune(ConstraintProgram& p) {
  const std::vector<Node>& all = p.nodes;
  // Mark what the roots reach: operands precede their users, so one pass from the
  // last node down marks every operand after its user.
  std::vector<bool> live(all.size(), false);
  for (uint32_t n : p.constraints) live[n] = true;
  for (uint32_t n : p.interaction_values) live[n] = true;
  for (const auto* list : {&p.sends, &p.receives})
    for (const ProgramInteraction& i : *list) live[i.multiplicity] = true;
  for (size_t n = all.size(); n-- > 0;) {
    if (!live[n] || is_leaf(all[n].op)) continue;
    live[all[n].a] = true;
    if (all[n].op != Op::Neg) live[all[n].b] = true;
  }

  std::vector<uint32_t> renumber(all.size(), UINT32_MAX);
  std::vector<Node> kept;
  for (size_t n = 0; n < all.size(); ++n) {
    if (!live[n]) continue;
    Node x = all[n];
    if (!is_leaf(x.op)) {
      x.a = renumber[x.a];
      if (x.op != Op::Neg) x.b = renumber[x.b];
    }
    renumber[n] = uint32_t(kept.size());
    kept.push_back(x);
  }
  p.nodes = std::move(kept);
  for (uint32_t& n : p.constraints) n = renumber[n];
  for (uint32_t& n : p.interaction_values) n = renumber[n];
  for (auto* list : {&p.sends, &p.receives})
    for (ProgramInteraction& i : *list) i.multiplicity = renumber[i.multiplicity];
}

ConstraintProgram constraints_only(ConstraintProgram p) {
  p.sends.clear();
  p.receives.clear();
  p.interaction_values.clear();
  prune(p);
  return p;
}

ConstraintProgram interactions_only(ConstraintProgram p) {
  p.constraints.clear();
  prune(p);
  return p;
}

ChipDegrees degrees(const ConstraintProgram& p) {
  std::vector<int> d(p.nodes.size(), 0);
  for (size_t n = 0; n < p.nodes.size(); ++n) {
    const Node& x = p.nodes[n];
    switch (x.op) {
      case Op::Main:
      case Op::Preprocessed: d[n] = 1; break;
      case Op::PublicValue:
      case Op::Constant: d[n] = 0; break;
      case Op::Add:
      case Op::Sub: d[n] = std::max(d[x.a], d[x.b]); break;
      case Op::Mul: d[n] = d[x.a] + d[x.b]; break;
      case Op::Neg: d[n] = d[x.a]; break;
    }
  }
  ChipDegrees out;
  for (uint32_t c : p.constraints) out.constraints.push_back(d[c]);
  for (const auto* list : {&p.sends, &p.receives})
    for (const ProgramInteraction& i : *list) {
      out.max_interaction = std::max(out.max_interaction, d[i.multiplicity]);
      for (uint32_t k = 0; k < i.values_count; ++k)
        out.max_interaction = std::max(out.max_interaction, d[p.interaction_values[i.values_begin + k]]);
    }
  return out;
}

size_t max_live_values(const ConstraintProgram& p) {
  const size_t count = p.nodes.size();
  std::vector<size_t> last_use(count);
  for (size_t n = 0; n < count; ++n) last_use[n] = n;
  for (size_t n = 0; n < count; ++n) {
    const Node& x = p.nodes[n];
    if (is_leaf(x.op)) continue;
    last_use[x.a] = n;
    if (x.op != Op::Neg) last_use[x.b] = n;
  }
  for (uint32_t v : p.interaction_values) last_use[v] = count;
  for (const auto* list : {&p.sends, &p.receives})
    for (const ProgramInteraction& i : *list) last_use[i.multiplicity] = count;
  // A value holds a slot from the node that makes it up to its last use; the node
  // that uses an operand last may write its result into the operand's slot. A
  // value used by nothing later (a folded constraint) needs a slot only at birth.
  std::vector<int> delta(count + 1, 0);
  for (size_t n = 0; n < count; ++n) {
    if (p.nodes[n].op == Op::Constant || last_use[n] == n) continue;
    ++delta[n];
    --delta[last_use[n]];
  }
  int64_t live = 0;
  size_t most = 0;
  for (size_t n = 0; n < count; ++n) {
    live += delta[n];  // the values alive after node n
    const bool momentary = last_use[n] == n && p.nodes[n].op != Op::Constant;
    most = std::max(most, size_t(live) + (momentary ? 1 : 0));
  }
  return most;
}

void check_degrees(const ConstraintProgram& p) {
  constexpr int kMaxConstraintDegree = 3;
  const ChipDegrees d = degrees(p);
  for (size_t k = 0; k < d.constraints.size(); ++k)
    if (d.constraints[k] > kMaxConstraintDegree)
      throw std::logic_error(p.name + ": constraint " + std::to_string(k) + " has degree " +
                             std::to_string(d.constraints[k]) + " > 3");
  if (d.max_interaction > 1) throw std::logic_error(p.name + ": an interaction is not affine in the columns");
}

void validate(const ConstraintProgram& p) {
  auto fail = [&](const std::string& what) { throw std::logic_error(p.name + ": program " + what); };
  for (size_t n = 0; n < p.nodes.size(); ++n) {
    const Node& x = p.nodes[n];
    switch (x.op) {
      case Op::Main:
        if (x.a >= p.width) fail("reads main column " + std::to_string(x.a) + " past the width");
        break;
      case Op::Preprocessed:
        if (x.a >= p.preprocessed_width)
          fail("reads preprocessed column " + std::to_string(x.a) + " past the width");
        break;
      case Op::PublicValue:
      case Op::Constant: break;
      case Op::Add:
      case Op::Sub:
      case Op::Mul:
        if (x.a >= n || x.b >= n) fail("node " + std::to_string(n) + " uses a later node");
        break;
      case Op::Neg:
        if (x.a >= n) fail("node " + std::to_string(n) + " uses a later node");
        break;
      default: fail("node " + std::to_string(n) + " has an unknown operation");
    }
  }
  auto check_root = [&](uint32_t n) {
    if (n >= p.nodes.size()) fail("root " + std::to_string(n) + " names no node");
  };
  for (uint32_t c : p.constraints) check_root(c);
  for (uint32_t v : p.interaction_values) check_root(v);
  for (const auto* list : {&p.sends, &p.receives})
    for (const ProgramInteraction& i : *list) {
      check_root(i.multiplicity);
      if (size_t(i.values_begin) + i.values_count > p.interaction_values.size())
        fail("interaction values out of range");
    }
}

}  // namespace zkgpu::sp1::air
