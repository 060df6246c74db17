#include "sp1/recursion/random_program.hpp"

#include <algorithm>
#include <random>
#include <stdexcept>
#include <string>

#include "sp1/recursion/assembler.hpp"

namespace zkgpu::sp1::recursion {

namespace {

class Generator {
 public:
  Generator(uint64_t seed, air::MachineKind machine) : rng_(seed), wrap_(machine == air::MachineKind::Wrap) {}

  Program with_size(size_t size) {
    setup();
    p_.instructions.reserve(size + 16);
    while (p_.instructions.size() < size) step();
    return finish();
  }

  Program with_rows(const ChipRows& rows, size_t mem_var_per_row) {
    setup();
    fill_rows(rows, mem_var_per_row);
    return finish();
  }

 private:
  // Constants every operation may use: 0 and 1 (also the first bits), nonzero
  // divisors.
  void setup() {
    zero_ = constant(Felt::zero());
    one_ = constant(Felt::one());
    bits_ = {zero_, one_};
    for (int k = 0; k < 4; ++k) nonzero_felts_.push_back(constant(random_nonzero()));
    for (int k = 0; k < 2; ++k) {
      const Block b{random_nonzero(), random_felt(), random_felt(), random_felt()};
      nonzero_exts_.push_back(constant_block(b));
      exts_.push_back(nonzero_exts_.back());
    }
  }

  Program finish() {
    commit();
    assemble(p_);
    return std::move(p_);
  }

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

  // --- one instruction (or a few) per operation ---

  void base_op() {
    const auto op = BaseAluOp(below(4));
    const Addr in1 = felt(), in2 = op == BaseAluOp::Div ? pick(nonzero_felts_) : felt();
    emit(BaseAluInstr{op, Felt::zero(), new_felt(), in1, in2});
  }
  void zero_div_op() { emit(BaseAluInstr{BaseAluOp::Div, Felt::zero(), new_felt(), zero_, zero_}); }  // 0 / 0 = 1
  void ext_op() {
    const auto op = ExtAluOp(below(4));
    const Addr in1 = any(), in2 = op == ExtAluOp::Div ? pick(nonzero_exts_) : any();
    emit(ExtAluInstr{op, Felt::zero(), new_ext(), in1, in2});
  }
  void mem_op() {
    if (below(2)) {
      const auto& [a, v] = consts_[below(consts_.size())];
      emit(MemInstr{a, v, Felt::zero(), MemAccess::Read});
    } else if (below(2)) {
      constant(random_felt());
    } else {
      constant_block({random_felt(), random_felt(), random_felt(), random_felt()});
      exts_.push_back(consts_.back().first);
    }
  }
  void select_op() {
    SelectInstr s{pick(bits_), 0, 0, felt(), felt(), Felt::zero(), Felt::zero()};
    s.out1 = new_felt();
    s.out2 = new_felt();
    emit(s);
  }
  // A hint of up to n values (at most 4), the n bits of a value (n <= 32) or an
  // extension element's coefficients (n = 4); returns the MemoryVar events.
  size_t hint_op(size_t n) {
    const uint64_t kind = below(3);
    if (kind == 0) {
      const bool ext = below(2);
      n = std::min<size_t>(n, 4);
      for (size_t k = 0; k < n; ++k)
        p_.witness.push_back(ext ? Block{random_felt(), random_felt(), random_felt(), random_felt()}
                                 : Block{random_felt(), Felt::zero(), Felt::zero(), Felt::zero()});
      emit(HintInstr{outputs(n, ext)});
    } else if (kind == 1 || n != 4) {
      n = std::min<size_t>(n, 32);
      const Addr in = felt();
      auto outs = outputs(n, false);
      for (const AddrMult& o : outs) bits_.push_back(o.addr);
      emit(HintBitsInstr{std::move(outs), in});
    } else {
      const Addr in = any();
      const auto outs = outputs(4, false);
      emit(HintExt2FeltsInstr{{outs[0], outs[1], outs[2], outs[3]}, in});
    }
    return n;
  }
  // 14 MemoryVar events and one BaseAlu row.
  void add_curve_op() {
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
  }
  void print_op() { emit(PrintInstr{below(2) ? PrintKind::Base : PrintKind::Extension, any()}); }
  void poseidon2_op() {
    Poseidon2Instr i;
    for (Addr& a : i.input) a = felt();
    for (Addr& a : i.output) a = new_felt();
    i.mults.fill(Felt::zero());
    emit(i);
  }
  // n steps.
  void prefix_op(size_t n) {
    PrefixSumChecksInstr i;
    i.zero = zero_;
    i.one = one_;
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
  // Also four ExtAlu rows: the outputs' consumers.
  void linear_op() {
    Poseidon2LinearLayerInstr i;
    for (Addr& a : i.input) a = any();
    for (Addr& a : i.output) a = fresh();
    i.mults.fill(Felt::zero());
    i.external = below(2);
    emit(i);
    for (Addr a : i.output) consume(a);
  }
  // Also one ExtAlu row: the output's consumer.
  void sbox_op() {
    const Addr out = fresh();
    emit(Poseidon2SBoxInstr{any(), out, Felt::zero(), bool(below(2))});
    consume(out);
  }
  void ext_felt_op() {
    if (below(2)) {
      ExtFeltInstr i{{any(), 0, 0, 0, 0}, {}, true};
      for (size_t k = 1; k < 5; ++k) i.addrs[k] = new_felt();
      i.mults.fill(Felt::zero());
      emit(i);
    } else {
      ExtFeltInstr i{{0, felt(), felt(), felt(), felt()}, {}, false};
      i.addrs[0] = new_ext();
      i.mults.fill(Felt::zero());
      emit(i);
    }
  }

  // --- drivers ---

  void step() {
    switch (below(wrap_ ? 14 : 12)) {
      case 0:
        base_op();
        break;
      case 1:
        ext_op();
        break;
      case 2:
        below(4) == 0 ? zero_div_op() : mem_op();
        break;
      case 3:
        select_op();
        break;
      case 4:
        hint_op(1 + below(4));
        break;
      case 5:
        hint_op(1 + below(31));
        break;
      case 6:
        hint_op(4);
        break;
      case 7:
        add_curve_op();
        break;
      case 8:
        print_op();
        break;
      case 9:
        mem_op();
        break;
      default:
        if (!wrap_) {
          below(2) ? poseidon2_op() : prefix_op(1 + below(8));
        } else {
          const uint64_t k = below(3);
          k == 0 ? linear_op() : k == 1 ? sbox_op() : ext_felt_op();
        }
        break;
    }
  }

  // Emits instructions until each chip in `rows` has that many rows of events.
  void fill_rows(const ChipRows& rows, size_t mem_var_per_row) {
    const auto target = [&](std::string_view chip) {
      const auto it = rows.find(chip);
      return it == rows.end() ? size_t(0) : it->second;
    };
    const size_t mem_const_done = consts_.size();
    struct Need {
      std::string_view chip;
      size_t left;
    };
    std::vector<Need> needs;
    const auto need = [&](std::string_view chip, size_t done) {
      if (target(chip) > done) needs.push_back({chip, target(chip) - done});
    };
    const size_t linear = wrap_ ? target("Poseidon2LinearLayer") : 0, sbox = wrap_ ? target("Poseidon2SBox") : 0;
    need("MemoryConst", mem_const_done);
    need("MemoryVar", 0);
    need("BaseAlu", 0);
    need("ExtAlu", 4 * linear + sbox);  // the consumers count
    need("Select", 0);
    if (wrap_) {
      need("Poseidon2LinearLayer", 0);
      need("Poseidon2SBox", 0);
      need("ExtFeltConvert", 0);
    } else {
      need("Poseidon2WideDeg3", 0);
      need("PrefixSumChecks", 0);
    }
    for (const auto& [chip, n] : rows)
      if (chip != "PublicValues" &&
          air::machine(wrap_ ? air::MachineKind::Wrap : air::MachineKind::Compress).find(chip) == nullptr)
        throw std::invalid_argument("random program: the machine has no chip " + chip);
    // MemoryVar counts rows of mem_var_per_row events.
    for (Need& n : needs)
      if (n.chip == "MemoryVar") n.left *= mem_var_per_row;
    while (!needs.empty()) {
      const size_t k = below(needs.size());
      Need& n = needs[k];
      size_t done = 1;
      if (n.chip == "MemoryConst") {
        if (below(2))
          constant(random_felt());
        else
          mem_op_read();
      } else if (n.chip == "MemoryVar") {
        done = hint_op(std::min<size_t>(n.left, 1 + below(32)));
      } else if (n.chip == "BaseAlu") {
        below(8) == 0 ? zero_div_op() : base_op();
      } else if (n.chip == "ExtAlu") {
        ext_op();
      } else if (n.chip == "Select") {
        select_op();
      } else if (n.chip == "Poseidon2WideDeg3") {
        poseidon2_op();
      } else if (n.chip == "PrefixSumChecks") {
        done = std::min<size_t>(n.left, 1 + below(8));
        prefix_op(done);
      } else if (n.chip == "Poseidon2LinearLayer") {
        linear_op();
      } else if (n.chip == "Poseidon2SBox") {
        sbox_op();
      } else {
        ext_felt_op();
      }
      n.left -= done;
      if (n.left == 0) needs.erase(needs.begin() + std::ptrdiff_t(k));
    }
  }

  void mem_op_read() {
    const auto& [a, v] = consts_[below(consts_.size())];
    emit(MemInstr{a, v, Felt::zero(), MemAccess::Read});
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
  return Generator(seed, machine).with_size(instructions);
}

Program random_program_with_rows(uint64_t seed, const ChipRows& rows, air::MachineKind machine) {
  const air::MachineChip* mem_var = air::machine(machine).find("MemoryVar");
  return Generator(seed, machine).with_rows(rows, mem_var->width() / 4);
}

}  // namespace zkgpu::sp1::recursion
