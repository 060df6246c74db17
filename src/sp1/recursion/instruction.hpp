// SP1 v6's recursion instruction set, one struct per variant of SP1's
// `Instruction<F>` (crates/recursion/executor/src/instruction.rs and lib.rs), with
// the same fields: addresses, the multiplicities of the values an instruction
// writes (how many times they are read; the assembler fills them), and flags.
// Addresses are canonical field elements (SP1's Address<F>); a memory cell holds one
// Block (four base elements); a base value v is stored as (v, 0, 0, 0).
// SP1's DebugBacktrace carries a Rust backtrace and has no effect on execution
// outside SP1's debug builds, so it has no counterpart here.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <type_traits>
#include <variant>
#include <vector>

#include "math/field31/field31.hpp"
#include "sp1/air/builder.hpp"

namespace zkgpu::sp1::recursion {

using Felt = f31::KoalaBear;
using Ext = f31::KoalaBearExt4;
using Block = air::Block<Felt>;
using Addr = uint32_t;

inline constexpr size_t kPermutationWidth = 16;
inline constexpr size_t kSepticDegree = 7;
// RECURSIVE_PROOF_NUM_PV_ELTS; the digest is elements [175, 183).
inline constexpr size_t kNumPublicValues = 187;
inline constexpr size_t kPvDigestOffset = 175;
inline constexpr size_t kPvDigestSize = 8;

struct AddrMult {
  Addr addr = 0;
  Felt mult = Felt::zero();
};

enum class BaseAluOp { Add, Sub, Mul, Div };  // BaseAluOpcode: AddF, SubF, MulF, DivF
enum class ExtAluOp { Add, Sub, Mul, Div };   // ExtAluOpcode: AddE, SubE, MulE, DivE
enum class MemAccess { Read, Write };         // MemAccessKind

struct BaseAluInstr {
  BaseAluOp op;
  Felt mult;
  Addr out, in1, in2;
};

struct ExtAluInstr {
  ExtAluOp op;
  Felt mult;
  Addr out, in1, in2;
};

// A constant: written (MemoryConst's rows), or read back and checked.
struct MemInstr {
  Addr addr;
  Block value;
  Felt mult;
  MemAccess kind;
};

struct Poseidon2Instr {
  std::array<Addr, kPermutationWidth> input, output;
  std::array<Felt, kPermutationWidth> mults;
};

struct Poseidon2LinearLayerInstr {
  std::array<Addr, 4> input, output;  // blocks of four lanes
  std::array<Felt, 4> mults;
  bool external;
};

struct Poseidon2SBoxInstr {
  Addr input, output;
  Felt mult;
  bool external;
};

// addrs[0] is the extension element, addrs[1..4] its coefficients; ext2felt reads
// the first and writes the others, felt2ext the reverse.
struct ExtFeltInstr {
  std::array<Addr, 5> addrs;
  std::array<Felt, 5> mults;
  bool ext2felt;
};

struct SelectInstr {
  Addr bit, out1, out2, in1, in2;
  Felt mult1, mult2;
};

// Little-endian bits of the input's canonical value, one per output.
struct HintBitsInstr {
  std::vector<AddrMult> outputs;
  Addr input;
};

// Incomplete addition of two points on SP1's septic curve (coordinates in
// KoalaBear[z] / (z^7 - 3z - 5), seven felts each).
struct HintAddCurveInstr {
  std::array<AddrMult, kSepticDegree> out_x, out_y;
  std::array<Addr, kSepticDegree> in1_x, in1_y, in2_x, in2_y;
};

// Running products of eq(x1[i], x2[i]) from `one`, and the running value of the
// bits x1 from `zero`; row i writes accs[i] and field_accs[i].
struct PrefixSumChecksInstr {
  Addr zero, one;
  std::vector<Addr> x1, x2, accs, field_accs;
  std::vector<Felt> acc_mults, field_acc_mults;
};

enum class PrintKind { Base, Extension };  // FieldEltType

struct PrintInstr {
  PrintKind kind;
  Addr addr;
};

struct HintExt2FeltsInstr {
  std::array<AddrMult, 4> outputs;
  Addr input;
};

// Reads the 187 public values (RecursionPublicValues, in its field order). On the
// heap, as SP1 boxes it: an instruction list holds few of them.
struct CommitPublicValuesInstr {
  std::vector<Addr> pv_addrs;  // kNumPublicValues addresses
};

// The next outputs.size() blocks of the witness stream.
struct HintInstr {
  std::vector<AddrMult> outputs;
};

// A large instruction kept on the heap, with value semantics, so that a program's
// list stays compact (SP1 boxes the same variants).
template <class T>
class Boxed {
 public:
  Boxed(T value) : p_(std::make_unique<T>(std::move(value))) {}  // NOLINT: converts implicitly
  Boxed(const Boxed& o) : p_(std::make_unique<T>(*o.p_)) {}
  Boxed(Boxed&&) noexcept = default;
  Boxed& operator=(const Boxed& o) {
    p_ = std::make_unique<T>(*o.p_);
    return *this;
  }
  Boxed& operator=(Boxed&&) noexcept = default;
  T& get() { return *p_; }
  const T& get() const { return *p_; }

 private:
  std::unique_ptr<T> p_;
};

using Instruction =
    std::variant<BaseAluInstr, ExtAluInstr, MemInstr, Boxed<Poseidon2Instr>, Poseidon2LinearLayerInstr,
                 Poseidon2SBoxInstr, ExtFeltInstr, SelectInstr, HintBitsInstr, Boxed<HintAddCurveInstr>,
                 Boxed<PrefixSumChecksInstr>, PrintInstr, HintExt2FeltsInstr, CommitPublicValuesInstr, HintInstr>;

template <class T>
T& unbox(T& x) {
  return x;
}
template <class T>
T& unbox(Boxed<T>& x) {
  return x.get();
}
template <class T>
const T& unbox(const Boxed<T>& x) {
  return x.get();
}

// std::visit on the instruction's struct (boxes opened).
template <class Ins, class F>
decltype(auto) visit_instruction(Ins& ins, F&& f) {
  return std::visit([&](auto& x) -> decltype(auto) { return f(unbox(x)); }, ins);
}

// std::get_if on the instruction's struct (boxes opened).
template <class T, class Ins>
auto get_instr(Ins* ins) {
  using Out = std::conditional_t<std::is_const_v<Ins>, const T*, T*>;
  if constexpr (std::is_same_v<T, Poseidon2Instr> || std::is_same_v<T, HintAddCurveInstr> ||
                std::is_same_v<T, PrefixSumChecksInstr>) {
    auto* b = std::get_if<Boxed<T>>(ins);
    return b ? Out(&b->get()) : Out(nullptr);
  } else {
    return Out(std::get_if<T>(ins));
  }
}

// A program: SP1's instructions in execution order. SP1's compiler nests parallel
// blocks (SeqBlock::Parallel) whose events still land in program order, so a
// flattened list runs to the same record. `lines[i]` is the source line of
// instruction i when it came from a file (empty otherwise); `memory_size` bounds
// every address (set by the assembler); `witness` is the hint stream.
struct Program {
  std::vector<Instruction> instructions;
  std::vector<size_t> lines;
  size_t memory_size = 0;
  std::vector<Block> witness;
};

}  // namespace zkgpu::sp1::recursion
