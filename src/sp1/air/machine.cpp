#include "sp1/air/machine.hpp"

#include <utility>

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

MachineChip::MachineChip(ConstraintProgram program) : program_(std::move(program)) { check_degrees(program_); }

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
