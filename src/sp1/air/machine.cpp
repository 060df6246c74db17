#include "sp1/air/machine.hpp"

#include <algorithm>
#include <vector>

#include "sp1/air/chips/base_alu.hpp"
#include "sp1/air/chips/ext_alu.hpp"
#include "sp1/air/chips/ext_felt_convert.hpp"
#include "sp1/air/chips/memory_const.hpp"
#include "sp1/air/chips/memory_var.hpp"
#include "sp1/air/chips/poseidon2_linear_layer.hpp"
#include "sp1/air/chips/poseidon2_sbox.hpp"
#include "sp1/air/chips/poseidon2_wide.hpp"
#include "sp1/air/chips/prefix_sum_checks.hpp"
#include "sp1/air/chips/public_values.hpp"
#include "sp1/air/chips/select.hpp"

namespace zkgpu::sp1::air {

void MachineChip::measure() {
  const std::vector<Felt> main(width(), Felt::zero()), prep(preprocessed_width(), Felt::zero());
  const RowEvaluation<Felt> e = eval(main, prep, {});
  num_constraints_ = e.constraints.size();
  num_sends_ = e.sends.size();
  num_receives_ = e.receives.size();
  for (const auto* list : {&e.sends, &e.receives})
    for (const auto& i : *list) max_arity_ = std::max(max_arity_, i.values.size() + 1);
}

const MachineChip* Machine::find(std::string_view chip_name) const {
  for (const auto& c : chips)
    if (c->name() == chip_name) return c.get();
  return nullptr;
}

namespace {

template <class... Chips>
Machine make_machine(MachineKind kind) {
  Machine m{kind, std::string(machine_name(kind)), {}};
  (m.chips.push_back(std::make_unique<ChipModel<Chips>>()), ...);
  return m;
}

}  // namespace

const Machine& compress_machine() {
  static const Machine m =
      make_machine<MemoryConstChip, MemoryVarChip<2>, BaseAluChip, ExtAluChip, Poseidon2WideChip,
                   PrefixSumChecksChip, SelectChip, PublicValuesChip>(MachineKind::Compress);
  return m;
}

const Machine& wrap_machine() {
  static const Machine m =
      make_machine<MemoryConstChip, MemoryVarChip<1>, BaseAluChip, ExtAluChip, Poseidon2LinearLayerChip,
                   Poseidon2SBoxChip, ExtFeltConvertChip, SelectChip, PublicValuesChip>(MachineKind::Wrap);
  return m;
}

const Machine& machine(MachineKind kind) { return kind == MachineKind::Wrap ? wrap_machine() : compress_machine(); }

std::string_view machine_name(MachineKind kind) { return kind == MachineKind::Wrap ? "wrap" : "compress"; }

}  // namespace zkgpu::sp1::air
