// The recursion machine's chips behind one interface, and the two machines SP1's
// compress and wrap stages prove with (SP1 crates/recursion/machine/src/machine.rs;
// crates/prover/src/components.rs: CompressAir = RecursionAir<F, 3, 2>, WrapAir =
// RecursionAir<F, 3, 1>). A shard orders its chips by name (SP1 keeps them in a
// BTreeSet ordered by name); `Machine::chips` keeps SP1's declaration order.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sp1/air/evaluator.hpp"
#include "sp1/air/program.hpp"
#include "sp1/air/symbolic_builder.hpp"

namespace zkgpu::sp1::air {

class MachineChip {
 public:
  virtual ~MachineChip() = default;
  virtual std::string_view name() const = 0;
  virtual size_t width() const = 0;
  virtual size_t preprocessed_width() const = 0;

  // The chip compiled once (symbolic_builder.hpp): what the verifier, the trace
  // checks and the provers evaluate, with ProgramRunner (program_eval.hpp).
  const ConstraintProgram& program() const { return program_; }

  // One row through the chip's template eval: trace values (prover) or column
  // evaluations at a point (verifier); the reference the program equals. The spans
  // must have the chip's widths (std::invalid_argument otherwise).
  virtual RowEvaluation<Felt> eval(std::span<const Felt> main, std::span<const Felt> preprocessed,
                                   std::span<const Felt> public_values) const = 0;
  virtual RowEvaluation<Ext> eval(std::span<const Ext> main, std::span<const Ext> preprocessed,
                                  std::span<const Felt> public_values) const = 0;

  size_t num_constraints() const { return program_.constraints.size(); }
  size_t num_sends() const { return program_.sends.size(); }
  size_t num_receives() const { return program_.receives.size(); }
  size_t num_interactions() const { return program_.num_interactions(); }
  // The most values any one interaction carries, plus one for its kind.
  size_t max_interaction_arity() const { return program_.max_interaction_arity(); }

 protected:
  // Checks the degrees SP1 requires of every chip (check_degrees).
  explicit MachineChip(ConstraintProgram program);

 private:
  ConstraintProgram program_;
};

template <class Chip>
class ChipModel final : public MachineChip {
 public:
  ChipModel() : MachineChip(compile(Chip{})) {}
  std::string_view name() const override { return Chip::kName; }
  size_t width() const override { return Chip::kWidth; }
  size_t preprocessed_width() const override { return Chip::kPreprocessedWidth; }
  RowEvaluation<Felt> eval(std::span<const Felt> main, std::span<const Felt> preprocessed,
                           std::span<const Felt> public_values) const override {
    return evaluate(chip_, main, preprocessed, public_values);
  }
  RowEvaluation<Ext> eval(std::span<const Ext> main, std::span<const Ext> preprocessed,
                          std::span<const Felt> public_values) const override {
    return evaluate(chip_, main, preprocessed, public_values);
  }

 private:
  Chip chip_;
};

enum class MachineKind { Compress, Wrap };

struct Machine {
  MachineKind kind;
  std::string name;
  std::vector<std::unique_ptr<MachineChip>> chips;  // SP1's declaration order
  // PROOF_MAX_NUM_PVS (crates/hypercube/src/verifier/proof.rs) = the size of
  // RecursionPublicValues.
  size_t num_public_values = 187;

  const MachineChip* find(std::string_view chip_name) const;
};

// The machine of SP1's compress and shrink stages (8 chips) and of its wrap stage (9).
const Machine& compress_machine();
const Machine& wrap_machine();
const Machine& machine(MachineKind kind);
std::string_view machine_name(MachineKind kind);

}  // namespace zkgpu::sp1::air
