#include "sp1/recursion/random_program.hpp"

#include <random>

#include "sp1/recursion/assembler.hpp"

namespace zkgpu::sp1::recursion {

namespace {

class Generator {
 public:
  Generator(uint64_t seed, air::MachineKind machine) : rng_(seed), wrap_(machine == air::MachineKind::Wrap) {}

  Program run(size_t size) {
    zero_ = constant(Felt::zero());
    one_ = constant(Felt::one());
    bits_ = {zero_, one_};
    p_.instructions.reserve(size + 16);
    for (int k = 0; k < 4; ++k) nonzero_felts_.push_back(constant(random_nonzero()));
    for (int k = 0; k < 2; ++k) {
      const Block b{random_nonzero(), random_felt(), random_felt(), random_felt()};
      nonzero_exts_.push_back(constant_block(b));
      exts_.push_back(nonzero_exts_.back());
    }
    while (p_.instructions.size() < size) step();
    commit();
    assemble(p_);
    return std::move(p_);
  }

 private:
  uint64_t below(uint64_t n) { return rng_() % n; }
  Felt random_felt() { return Felt::from_canonical(uint32_t(below(Felt::kP))); }
  Felt random_nonzero() { return Felt::from_canonical(uint32_t(1 + below(Felt::kP - 1))); }
  Addr fresh() { return next_++; }
  Addr pick(const std::vector<Addr>& pool) { return pool[below(pool.size())]; }
  Addr felt() { return pick(felts_); }
  // Extension operands: any address (a base value is the block (v, 0, 0, 0)).
  Addr any() { return below(2) ? pick(exts_) : pick(felts_); }
  void emit(Instruction i) { p_.instructions.push_back(std::move(i)); }

  Addr constant_block(const Block& v) {
    const Addr a = fresh();
    emit(MemInstr{a, v, Felt::zero(), MemAccess::Write});
    consts_.push_back({a, v});
    return a;
  }
  Addr constant(Felt v) {
    const Addr a = constant_block({v, Felt::zero(), Felt::zero(), Felt::zero()});
    felts_.push_back(a);
    return a;
  }
  Addr new_felt() {
    const Addr a = fresh();
    felts_.push_back(a);
    return a;
  }
  Addr new_ext() {
    const Addr a = fresh();
    exts_.push_back(a);
    return a;
  }
  std::vector<AddrMult> outputs(size_t n, bool ext) {
    std::vector<AddrMult> out;
    for (size_t k = 0; k < n; ++k) out.push_back({ext ? new_ext() : new_felt(), Felt::zero()});
    return out;
  }
  // Reads `a` once into a fresh extension value (the consumer of a single-use output).
  void consume(Addr a) { emit(ExtAluInstr{ExtAluOp::Add, Felt::zero(), new_ext(), a, pick(nonzero_exts_)}); }

  void step() {
    const int kinds = wrap_ ? 14 : 12;
    switch (below(kinds)) {
      case 0: {
        const auto op = BaseAluOp(below(4));
        const Addr in1 = felt(), in2 = op == BaseAluOp::Div ? pick(nonzero_felts_) : felt();
        emit(BaseAluInstr{op, Felt::zero(), new_felt(), in1, in2});
        break;
      }
      case 1: {
        const auto op = ExtAluOp(below(4));
        const Addr in1 = any(), in2 = op == ExtAluOp::Div ? pick(nonzero_exts_) : any();
        emit(ExtAluInstr{op, Felt::zero(), new_ext(), in1, in2});
        break;
      }
      case 2:
        if (below(4) == 0) {
          emit(BaseAluInstr{BaseAluOp::Div, Felt::zero(), new_felt(), zero_, zero_});  // 0 / 0 = 1
        } else if (below(2)) {
          const auto& [a, v] = consts_[below(consts_.size())];
          emit(MemInstr{a, v, Felt::zero(), MemAccess::Read});
        } else {
          constant(random_felt());
        }
        break;
      case 3: {
        SelectInstr s{pick(bits_), 0, 0, felt(), felt(), Felt::zero(), Felt::zero()};
        s.out1 = new_felt();
        s.out2 = new_felt();
        emit(s);
        break;
      }
      case 4: {
        const bool ext = below(2);
        const size_t n = 1 + below(4);
        for (size_t k = 0; k < n; ++k)
          p_.witness.push_back(ext ? Block{random_felt(), random_felt(), random_felt(), random_felt()}
                                   : Block{random_felt(), Felt::zero(), Felt::zero(), Felt::zero()});
        emit(HintInstr{outputs(n, ext)});
        break;
      }
      case 5: {
        const Addr in = felt();
        auto outs = outputs(1 + below(31), false);
        for (const AddrMult& o : outs) bits_.push_back(o.addr);
        emit(HintBitsInstr{std::move(outs), in});
        break;
      }
      case 6: {
        const Addr in = any();
        const auto outs = outputs(4, false);
        emit(HintExt2FeltsInstr{{outs[0], outs[1], outs[2], outs[3]}, in});
        break;
      }
      case 7: {
        HintAddCurveInstr h;
        for (auto* in : {&h.in1_x, &h.in1_y, &h.in2_x, &h.in2_y})
          for (Addr& a : *in) a = felt();
        // Distinct x coordinates: x2 = x1 + c with c a nonzero constant in lane 0.
        h.in2_x[0] = fresh();
        emit(BaseAluInstr{BaseAluOp::Add, Felt::zero(), h.in2_x[0], h.in1_x[0], pick(nonzero_felts_)});
        for (size_t k = 1; k < kSepticDegree; ++k) h.in2_x[k] = h.in1_x[k];
        felts_.push_back(h.in2_x[0]);
        for (auto* out : {&h.out_x, &h.out_y})
          for (AddrMult& o : *out) o = {new_felt(), Felt::zero()};
        emit(h);
        break;
      }
      case 8:
        emit(PrintInstr{below(2) ? PrintKind::Base : PrintKind::Extension, any()});
        break;
      case 9:
        constant_block({random_felt(), random_felt(), random_felt(), random_felt()});
        exts_.push_back(consts_.back().first);
        break;
      case 10:
      case 11:
        if (wrap_)
          wrap_step(below(4));
        else
          compress_step(below(2));
        break;
      default:
        wrap_step(below(4));
        break;
    }
  }

  void compress_step(uint64_t kind) {
    if (kind == 0) {
      Poseidon2Instr i;
      for (Addr& a : i.input) a = felt();
      for (Addr& a : i.output) a = new_felt();
      i.mults.fill(Felt::zero());
      emit(i);
      return;
    }
    PrefixSumChecksInstr i;
    i.zero = zero_;
    i.one = one_;
    const size_t n = 1 + below(8);
    for (size_t m = 0; m < n; ++m) {
      i.x1.push_back(pick(bits_));
      i.x2.push_back(any());
    }
    for (size_t m = 0; m < n; ++m) {
      i.accs.push_back(new_ext());
      i.field_accs.push_back(new_felt());
    }
    i.acc_mults.assign(n, Felt::zero());
    i.field_acc_mults.assign(n, Felt::zero());
    emit(i);
  }

  void wrap_step(uint64_t kind) {
    switch (kind) {
      case 0: {
        Poseidon2LinearLayerInstr i;
        for (Addr& a : i.input) a = any();
        for (Addr& a : i.output) a = fresh();
        i.mults.fill(Felt::zero());
        i.external = below(2);
        emit(i);
        for (Addr a : i.output) consume(a);
        break;
      }
      case 1: {
        const Addr out = fresh();
        emit(Poseidon2SBoxInstr{any(), out, Felt::zero(), bool(below(2))});
        consume(out);
        break;
      }
      case 2: {
        ExtFeltInstr i{{any(), 0, 0, 0, 0}, {}, true};
        for (size_t k = 1; k < 5; ++k) i.addrs[k] = new_felt();
        i.mults.fill(Felt::zero());
        emit(i);
        break;
      }
      default: {
        ExtFeltInstr i{{0, felt(), felt(), felt(), felt()}, {}, false};
        i.addrs[0] = new_ext();
        i.mults.fill(Felt::zero());
        emit(i);
        break;
      }
    }
  }

  void commit() {
    CommitPublicValuesInstr c{std::vector<Addr>(kNumPublicValues)};
    for (Addr& a : c.pv_addrs) a = felt();
    emit(c);
  }

  std::mt19937_64 rng_;
  bool wrap_;
  Program p_;
  Addr next_ = 0;
  Addr zero_ = 0, one_ = 0;
  std::vector<Addr> felts_, exts_, bits_, nonzero_felts_, nonzero_exts_;
  std::vector<std::pair<Addr, Block>> consts_;
};

}  // namespace

Program random_program(uint64_t seed, size_t instructions, air::MachineKind machine) {
  return Generator(seed, machine).run(instructions);
}

}  // namespace zkgpu::sp1::recursion
