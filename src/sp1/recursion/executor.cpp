#include "sp1/recursion/executor.hpp"

#include <string>

#include "common/default_init_allocator.hpp"
#include "math/poseidon2/poseidon2_31.hpp"
#include "sp1/recursion/assembler.hpp"
#include "sp1/recursion/errors.hpp"
#include "sp1/recursion/septic.hpp"
#include "sp1/recursion/text_format.hpp"

namespace zkgpu::sp1::recursion {

namespace {

using P2 = zkgpu::poseidon2::KoalaBear16;

Ext to_ext(const Block& b) { return Ext{{b[0], b[1], b[2], b[3]}}; }
Block to_block(const Ext& e) { return {e.c[0], e.c[1], e.c[2], e.c[3]}; }
Block from_felt(Felt v) { return {v, Felt::zero(), Felt::zero(), Felt::zero()}; }

// How many events of each kind a program makes (its record's vector sizes).
struct EventCounts {
  size_t base_alu = 0, ext_alu = 0, mem_var = 0, ext_felt = 0, poseidon2 = 0, linear = 0, sbox = 0, select = 0,
         prefix = 0;
  void operator()(const BaseAluInstr&) { ++base_alu; }
  void operator()(const ExtAluInstr&) { ++ext_alu; }
  void operator()(const Poseidon2Instr&) { ++poseidon2; }
  void operator()(const Poseidon2LinearLayerInstr&) { ++linear; }
  void operator()(const Poseidon2SBoxInstr&) { ++sbox; }
  void operator()(const ExtFeltInstr&) { ++ext_felt; }
  void operator()(const SelectInstr&) { ++select; }
  void operator()(const PrefixSumChecksInstr& i) { prefix += i.x1.size(); }
  void operator()(const HintInstr& i) { mem_var += i.outputs.size(); }
  void operator()(const HintBitsInstr& i) { mem_var += i.outputs.size(); }
  void operator()(const HintExt2FeltsInstr& i) { mem_var += i.outputs.size(); }
  void operator()(const HintAddCurveInstr& i) { mem_var += i.out_x.size() + i.out_y.size(); }
  void operator()(const auto&) {}
};

class Machine {
 public:
  Machine(const Program& p, std::ostream* out) : p_(p), out_(out), memory_(p.memory_size), written_(p.memory_size, 0) {}

  ExecutionRecord run() {
    for (index_ = 0; index_ < p_.instructions.size(); ++index_) check_instruction_shape(p_, index_);
    reserve_events();
    for (index_ = 0; index_ < p_.instructions.size(); ++index_)
      visit_instruction(p_.instructions[index_], [&](const auto& i) { step(i); });
    return std::move(rec_);
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw ExecutionError(where(p_, index_) + ": " + mnemonic(p_.instructions[index_]) + ": " + what);
  }

  // Every event vector gets its final size up front: a program of millions of
  // instructions would otherwise spend much of its run regrowing them.
  void reserve_events() {
    EventCounts n;
    for (const Instruction& ins : p_.instructions) visit_instruction(ins, n);
    rec_.base_alu.reserve(n.base_alu);
    rec_.ext_alu.reserve(n.ext_alu);
    rec_.mem_var.reserve(n.mem_var);
    rec_.ext_felt.reserve(n.ext_felt);
    rec_.poseidon2.reserve(n.poseidon2);
    rec_.poseidon2_linear_layer.reserve(n.linear);
    rec_.poseidon2_sbox.reserve(n.sbox);
    rec_.select.reserve(n.select);
    rec_.prefix_sum_checks.reserve(n.prefix);
  }

  const Block& read(Addr a) const {
    if (a >= memory_.size() || !written_[a]) fail("reads address " + std::to_string(a) + " before it is written");
    return memory_[a];
  }
  Felt read_felt(Addr a) const { return read(a)[0]; }
  void write(Addr a, const Block& v) {
    if (a >= memory_.size()) fail("address " + std::to_string(a) + " is beyond memory (assemble the program first)");
    memory_[a] = v;
    written_[a] = 1;
  }

  void step(const BaseAluInstr& i) {
    const Felt in1 = read_felt(i.in1), in2 = read_felt(i.in2);
    Felt out;
    switch (i.op) {
      case BaseAluOp::Add:
        out = in1 + in2;
        break;
      case BaseAluOp::Sub:
        out = in1 - in2;
        break;
      case BaseAluOp::Mul:
        out = in1 * in2;
        break;
      case BaseAluOp::Div:
        if (!in2.is_zero())
          out = in1 * in2.inverse();
        else if (in1.is_zero())
          out = Felt::one();
        else
          fail("divides " + std::to_string(in1.to_canonical()) + " by zero");
        break;
    }
    write(i.out, from_felt(out));
    rec_.base_alu.push_back({out, in1, in2});
  }

  void step(const ExtAluInstr& i) {
    const Block in1 = read(i.in1), in2 = read(i.in2);
    const Ext a = to_ext(in1), b = to_ext(in2);
    Ext out;
    switch (i.op) {
      case ExtAluOp::Add:
        out = a + b;
        break;
      case ExtAluOp::Sub:
        out = a - b;
        break;
      case ExtAluOp::Mul:
        out = a * b;
        break;
      case ExtAluOp::Div:
        if (!b.is_zero())
          out = a * b.inverse();
        else if (a.is_zero())
          out = Ext::one();
        else
          fail("divides a nonzero extension element by zero");
        break;
    }
    write(i.out, to_block(out));
    rec_.ext_alu.push_back({to_block(out), in1, in2});
  }

  void step(const MemInstr& i) {
    if (i.kind == MemAccess::Read) {
      if (read(i.addr) != i.value) fail("address " + std::to_string(i.addr) + " holds another value");
    } else {
      write(i.addr, i.value);
    }
    ++rec_.mem_const_count;
  }

  void step(const Poseidon2Instr& i) {
    Poseidon2Event e;
    Felt s[kPermutationWidth];
    for (size_t k = 0; k < kPermutationWidth; ++k) s[k] = e.input[k] = read_felt(i.input[k]);
    zkgpu::poseidon2::permute<P2>(s, zkgpu::poseidon2::kHostConstants<P2>);
    for (size_t k = 0; k < kPermutationWidth; ++k) {
      e.output[k] = s[k];
      write(i.output[k], from_felt(s[k]));
    }
    rec_.poseidon2.push_back(e);
  }

  void step(const Poseidon2LinearLayerInstr& i) {
    Poseidon2LinearLayerEvent e;
    Felt s[kPermutationWidth];
    for (size_t b = 0; b < 4; ++b) {
      e.input[b] = read(i.input[b]);
      for (size_t k = 0; k < 4; ++k) s[4 * b + k] = e.input[b][k];
    }
    if (i.external)
      zkgpu::poseidon2::external_layer(s);
    else
      P2::internal_layer(s);
    for (size_t b = 0; b < 4; ++b) {
      e.output[b] = {s[4 * b], s[4 * b + 1], s[4 * b + 2], s[4 * b + 3]};
      write(i.output[b], e.output[b]);
    }
    rec_.poseidon2_linear_layer.push_back(e);
  }

  void step(const Poseidon2SBoxInstr& i) {
    const Block in = read(i.input);
    const auto cube = [](Felt x) { return x * x * x; };
    const Block out = i.external ? Block{cube(in[0]), cube(in[1]), cube(in[2]), cube(in[3])}
                                 : Block{cube(in[0]), in[1], in[2], in[3]};
    write(i.output, out);
    rec_.poseidon2_sbox.push_back({in, out});
  }

  void step(const ExtFeltInstr& i) {
    Block value;
    if (i.ext2felt) {
      value = read(i.addrs[0]);
      for (size_t k = 0; k < 4; ++k) write(i.addrs[1 + k], from_felt(value[k]));
    } else {
      for (size_t k = 0; k < 4; ++k) value[k] = read_felt(i.addrs[1 + k]);
      write(i.addrs[0], value);
    }
    rec_.ext_felt.push_back(value);
  }

  void step(const SelectInstr& i) {
    const Felt bit = read_felt(i.bit), in1 = read_felt(i.in1), in2 = read_felt(i.in2);
    const Felt out1 = bit * in2 + (Felt::one() - bit) * in1;
    const Felt out2 = bit * in1 + (Felt::one() - bit) * in2;
    write(i.out1, from_felt(out1));
    write(i.out2, from_felt(out2));
    rec_.select.push_back({bit, out1, out2, in1, in2});
  }

  void hinted(const AddrMult& o, const Block& v) {
    write(o.addr, v);
    rec_.mem_var.push_back(v);
  }

  void step(const HintBitsInstr& i) {
    const uint32_t num = read_felt(i.input).to_canonical();
    for (size_t k = 0; k < i.outputs.size(); ++k) hinted(i.outputs[k], from_felt(Felt::from_canonical((num >> k) & 1)));
  }

  void step(const HintAddCurveInstr& i) {
    const auto coords = [&](const std::array<Addr, kSepticDegree>& addrs) {
      septic::Element e;
      for (size_t k = 0; k < kSepticDegree; ++k) e[k] = read_felt(addrs[k]);
      return e;
    };
    const auto sum = septic::add_incomplete({coords(i.in1_x), coords(i.in1_y)}, {coords(i.in2_x), coords(i.in2_y)});
    if (!sum) fail("adds two points with the same x coordinate");
    for (size_t k = 0; k < kSepticDegree; ++k) hinted(i.out_x[k], from_felt(sum->x[k]));
    for (size_t k = 0; k < kSepticDegree; ++k) hinted(i.out_y[k], from_felt(sum->y[k]));
  }

  void step(const PrefixSumChecksInstr& i) {
    const Felt zero = read_felt(i.zero);
    const Block one = read(i.one);
    std::vector<Felt> x1(i.x1.size());
    std::vector<Ext> x2(i.x2.size());
    for (size_t m = 0; m < x1.size(); ++m) {
      x1[m] = read_felt(i.x1[m]);
      x2[m] = to_ext(read(i.x2[m]));
    }
    Ext acc = Ext::one();
    Felt field_acc = Felt::zero();
    for (size_t m = 0; m < x1.size(); ++m) {
      const Ext x1e{{x1[m], Felt::zero(), Felt::zero(), Felt::zero()}};
      const Ext product = x1e * x2[m];
      const Ext eq = Ext::one() - x1e - x2[m] + product + product;
      const Felt new_field_acc = x1[m] + field_acc * Felt::from_canonical(2);
      const Ext new_acc = acc * eq;
      rec_.prefix_sum_checks.push_back(
          {x1[m], to_block(x2[m]), zero, one, to_block(acc), to_block(new_acc), field_acc, new_field_acc});
      acc = new_acc;
      field_acc = new_field_acc;
      write(i.accs[m], to_block(acc));
      write(i.field_accs[m], from_felt(field_acc));
    }
  }

  void step(const PrintInstr& i) {
    const Block v = read(i.addr);
    if (!out_) return;
    if (i.kind == PrintKind::Base) {
      *out_ << "PRINTF=" << v[0].to_canonical() << "\n";
    } else {
      *out_ << "PRINTEF=Block([" << v[0].to_canonical() << ", " << v[1].to_canonical() << ", " << v[2].to_canonical()
            << ", " << v[3].to_canonical() << "])\n";
    }
  }

  void step(const HintExt2FeltsInstr& i) {
    const Block v = read(i.input);
    for (size_t k = 0; k < 4; ++k) hinted(i.outputs[k], from_felt(v[k]));
  }

  void step(const CommitPublicValuesInstr& i) {
    PublicValues pv;
    for (size_t k = 0; k < kNumPublicValues; ++k) pv[k] = read_felt(i.pv_addrs[k]);
    rec_.public_values = pv;
    rec_.commit_public_values.push_back(pv);
  }

  void step(const HintInstr& i) {
    if (p_.witness.size() - witness_pos_ < i.outputs.size())
      fail("needs " + std::to_string(i.outputs.size()) + " witness blocks, " +
           std::to_string(p_.witness.size() - witness_pos_) + " left");
    for (const AddrMult& o : i.outputs) hinted(o, p_.witness[witness_pos_++]);
  }

  const Program& p_;
  std::ostream* out_;
  std::vector<Block, DefaultInitAllocator<Block>> memory_;  // a cell is read only once `written_`
  std::vector<uint8_t> written_;
  size_t index_ = 0;
  size_t witness_pos_ = 0;
  ExecutionRecord rec_;
};

}  // namespace

ExecutionRecord execute(const Program& program, std::ostream* debug_out) { return Machine(program, debug_out).run(); }

}  // namespace zkgpu::sp1::recursion
