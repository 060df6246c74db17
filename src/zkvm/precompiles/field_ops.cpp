// BN254_FP{,2}_{ADD,SUB,MUL} and BLS12381_FP{,2}_{ADD,SUB,MUL}: x <- x op y in place,
// x at a0 and y at a1 (SP1 v6, crates/core/executor/src/minimal/precompiles/fptower/).
// An Fp operand is one element of field.bytes little-endian bytes; an Fp2 operand
// is c0 then c1 (the element c0 + c1 u), each of field.bytes bytes.
#include <array>

#include "zkvm/precompiles/curve_params.hpp"
#include "zkvm/precompiles/guest_io.hpp"
#include "zkvm/precompiles/handlers.hpp"

namespace zkgpu::zkvm::precompiles {
namespace {

enum class Op { add, sub, mul };

constexpr std::string_view op_name(Op op) {
  return op == Op::add ? "ADD" : op == Op::sub ? "SUB" : "MUL";
}

std::string precompile_name(const PrimeField& f, bool fp2, Op op) {
  return std::string(f.name) + (fp2 ? "_FP2_" : "_FP_") + std::string(op_name(op));
}

// Fp: both operands are reduced first, so any 2^(8 bytes) inputs are accepted.
template <const PrimeField& (*Field)(), Op op>
void fp_op(GuestMemory& mem, const SyscallArgs& args) {
  const PrimeField& f = Field();
  static const std::string name = precompile_name(f, false, op);
  require_aligned(name, "x", args.a0);
  require_aligned(name, "y", args.a1);
  const mpz_class b = mod(read_uint(mem, args.a1, f.bytes), f.p);
  const mpz_class a = mod(read_uint(mem, args.a0, f.bytes), f.p);
  mpz_class r;
  switch (op) {
    case Op::add: r = a + b; break;
    case Op::sub: r = a - b; break;
    case Op::mul: r = a * b; break;
  }
  write_uint(mem, args.a0, mod(r, f.p), f.bytes);
}

struct Fp2 {
  mpz_class c0, c1;
};

Fp2 read_fp2(GuestMemory& mem, uint64_t addr, const PrimeField& f) {
  return {read_uint(mem, addr, f.bytes), read_uint(mem, addr + f.bytes, f.bytes)};
}

// Fp2: SP1 does not reduce the coordinates first. Add and mul are correct for any
// inputs; sub computes (a + p - b) mod p in unsigned arithmetic, which SP1 cannot
// do (it panics) when b > a + p.
template <const PrimeField& (*Field)(), Op op>
void fp2_op(GuestMemory& mem, const SyscallArgs& args) {
  const PrimeField& f = Field();
  static const std::string name = precompile_name(f, true, op);
  require_aligned(name, "x", args.a0);
  require_aligned(name, "y", args.a1);
  const Fp2 b = read_fp2(mem, args.a1, f);
  const Fp2 a = read_fp2(mem, args.a0, f);
  Fp2 r;
  switch (op) {
    case Op::add:
      r = {a.c0 + b.c0, a.c1 + b.c1};
      break;
    case Op::sub:
      if (b.c0 > a.c0 + f.p || b.c1 > a.c1 + f.p)
        fail(name, "a coordinate of y exceeds the matching coordinate of x by more than p");
      r = {a.c0 - b.c0, a.c1 - b.c1};
      break;
    case Op::mul:
      r = {mod(a.c0 * b.c0, f.p) - mod(a.c1 * b.c1, f.p), a.c0 * b.c1 + a.c1 * b.c0};
      break;
  }
  const mpz_class c0 = mod(r.c0, f.p), c1 = mod(r.c1, f.p);
  write_uints(mem, args.a0, {&c0, &c1}, f.bytes);
}

// Codes: SP1 v6 crates/core/executor/src/syscall_code.rs.
constexpr std::array kFieldPrecompiles{
    Precompile{0x00'01'01'20, "BLS12381_FP_ADD", fp_op<bls12_381_fp, Op::add>},
    Precompile{0x00'01'01'21, "BLS12381_FP_SUB", fp_op<bls12_381_fp, Op::sub>},
    Precompile{0x00'01'01'22, "BLS12381_FP_MUL", fp_op<bls12_381_fp, Op::mul>},
    Precompile{0x00'01'01'23, "BLS12381_FP2_ADD", fp2_op<bls12_381_fp, Op::add>},
    Precompile{0x00'01'01'24, "BLS12381_FP2_SUB", fp2_op<bls12_381_fp, Op::sub>},
    Precompile{0x00'01'01'25, "BLS12381_FP2_MUL", fp2_op<bls12_381_fp, Op::mul>},
    Precompile{0x00'01'01'26, "BN254_FP_ADD", fp_op<bn254_fp, Op::add>},
    Precompile{0x00'01'01'27, "BN254_FP_SUB", fp_op<bn254_fp, Op::sub>},
    Precompile{0x00'01'01'28, "BN254_FP_MUL", fp_op<bn254_fp, Op::mul>},
    Precompile{0x00'01'01'29, "BN254_FP2_ADD", fp2_op<bn254_fp, Op::add>},
    Precompile{0x00'01'01'2A, "BN254_FP2_SUB", fp2_op<bn254_fp, Op::sub>},
    Precompile{0x00'01'01'2B, "BN254_FP2_MUL", fp2_op<bn254_fp, Op::mul>},
};

}  // namespace

std::span<const Precompile> field_precompiles() { return kFieldPrecompiles; }

}  // namespace zkgpu::zkvm::precompiles
