#include "sp1/recursion/text_format.hpp"

#include <charconv>
#include <sstream>
#include <vector>

#include "sp1/recursion/assembler.hpp"
#include "sp1/recursion/errors.hpp"

namespace zkgpu::sp1::recursion {

namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

// The tokens of one line: words, and "[" / "]" on their own.
class Line {
 public:
  Line(std::string_view text, size_t number) : number_(number) {
    std::string_view s = text.substr(0, text.find('#'));
    size_t i = 0;
    while (i < s.size()) {
      const char c = s[i];
      if (c == ' ' || c == '\t' || c == '\r') {
        ++i;
      } else if (c == '[' || c == ']') {
        tokens_.push_back(s.substr(i, 1));
        ++i;
      } else {
        size_t j = i;
        while (j < s.size() && s[j] != ' ' && s[j] != '\t' && s[j] != '\r' && s[j] != '[' && s[j] != ']') ++j;
        tokens_.push_back(s.substr(i, j - i));
        i = j;
      }
    }
  }

  bool empty() const { return tokens_.empty(); }
  size_t number() const { return number_; }

  [[noreturn]] void fail(const std::string& what) const {
    throw ProgramError("line " + std::to_string(number_) + ": " + what);
  }

  std::string_view next(const char* what) {
    if (pos_ == tokens_.size()) fail(std::string("expected ") + what + " at the end of the line");
    return tokens_[pos_++];
  }

  uint32_t number_below(const char* what, uint64_t bound) { return parse_number(next(what), what, bound); }

  uint32_t parse_number(std::string_view t, const char* what, uint64_t bound) const {
    uint64_t v = 0;
    const bool hex = t.size() > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X');
    const char* b = t.data() + (hex ? 2 : 0);
    const auto [ptr, ec] = std::from_chars(b, t.data() + t.size(), v, hex ? 16 : 10);
    if (ec != std::errc() || ptr != t.data() + t.size())
      fail(std::string("expected ") + what + ", found '" + std::string(t) + "'");
    if (v >= bound) fail(std::string(what) + " " + std::string(t) + " is not below " + std::to_string(bound));
    return uint32_t(v);
  }

  Addr addr() { return number_below("an address", Felt::kP); }
  Felt felt() { return Felt::from_canonical(number_below("a field element", Felt::kP)); }

  // One felt (stored as (v, 0, 0, 0)) or four coefficients.
  Block block() {
    Block b{felt(), Felt::zero(), Felt::zero(), Felt::zero()};
    if (pos_ == tokens_.size()) return b;
    for (size_t k = 1; k < 4; ++k) b[k] = felt();
    return b;
  }

  // "[" a* "]"; `count` 0 means any length.
  std::vector<Addr> addr_list(size_t count, const char* what) {
    if (next("'['") != "[") fail(std::string("expected '[' before ") + what);
    std::vector<Addr> out;
    while (pos_ < tokens_.size() && tokens_[pos_] != "]") list_item(tokens_[pos_++], out);
    if (pos_ == tokens_.size()) fail(std::string("missing ']' after ") + what);
    ++pos_;
    if (count && out.size() != count)
      fail(std::string(what) + " has " + std::to_string(out.size()) + " addresses, expected " + std::to_string(count));
    return out;
  }

  // A, A..B (A up to B, B excluded) or A*N (A repeated N times).
  void list_item(std::string_view t, std::vector<Addr>& out) const {
    constexpr uint64_t kMaxItems = 1u << 20;
    if (const size_t dots = t.find(".."); dots != std::string_view::npos) {
      const Addr a = parse_number(t.substr(0, dots), "an address", Felt::kP);
      const Addr b = parse_number(t.substr(dots + 2), "an address", Felt::kP + uint64_t(1));
      if (b < a || b - a > kMaxItems) fail("bad range '" + std::string(t) + "'");
      for (Addr x = a; x < b; ++x) out.push_back(x);
    } else if (const size_t star = t.find('*'); star != std::string_view::npos) {
      const Addr a = parse_number(t.substr(0, star), "an address", Felt::kP);
      const uint32_t n = parse_number(t.substr(star + 1), "a repeat count", kMaxItems + 1);
      out.insert(out.end(), n, a);
    } else {
      out.push_back(parse_number(t, "an address", Felt::kP));
    }
  }

  template <size_t N>
  std::array<Addr, N> addr_array(const char* what) {
    const auto v = addr_list(N, what);
    std::array<Addr, N> out{};
    std::copy(v.begin(), v.end(), out.begin());
    return out;
  }

  void end() const {
    if (pos_ != tokens_.size()) fail("unexpected '" + std::string(tokens_[pos_]) + "'");
  }

 private:
  std::vector<std::string_view> tokens_;
  size_t pos_ = 0;
  size_t number_;
};

std::vector<AddrMult> outputs(const std::vector<Addr>& addrs) {
  std::vector<AddrMult> out;
  for (Addr a : addrs) out.push_back({a, Felt::zero()});
  return out;
}

template <size_t N>
std::array<AddrMult, N> outputs(const std::array<Addr, N>& addrs) {
  std::array<AddrMult, N> out;
  for (size_t k = 0; k < N; ++k) out[k] = {addrs[k], Felt::zero()};
  return out;
}

template <size_t N>
std::array<Felt, N> zeros() {
  std::array<Felt, N> z;
  z.fill(Felt::zero());
  return z;
}

Instruction parse_instruction(std::string_view op, Line& l) {
  static constexpr std::pair<std::string_view, BaseAluOp> kBase[] = {{"base.add", BaseAluOp::Add},
                                                                     {"base.sub", BaseAluOp::Sub},
                                                                     {"base.mul", BaseAluOp::Mul},
                                                                     {"base.div", BaseAluOp::Div}};
  static constexpr std::pair<std::string_view, ExtAluOp> kExt[] = {
      {"ext.add", ExtAluOp::Add}, {"ext.sub", ExtAluOp::Sub}, {"ext.mul", ExtAluOp::Mul}, {"ext.div", ExtAluOp::Div}};
  for (const auto& [name, code] : kBase)
    if (op == name) {
      BaseAluInstr i{code, Felt::zero(), 0, 0, 0};
      i.out = l.addr();
      i.in1 = l.addr();
      i.in2 = l.addr();
      return i;
    }
  for (const auto& [name, code] : kExt)
    if (op == name) {
      ExtAluInstr i{code, Felt::zero(), 0, 0, 0};
      i.out = l.addr();
      i.in1 = l.addr();
      i.in2 = l.addr();
      return i;
    }
  if (op == "mem.write" || op == "mem.read") {
    const Addr a = l.addr();
    return MemInstr{a, l.block(), Felt::zero(), op == "mem.read" ? MemAccess::Read : MemAccess::Write};
  }
  if (op == "poseidon2") {
    Poseidon2Instr i;
    i.output = l.addr_array<kPermutationWidth>("the outputs");
    i.input = l.addr_array<kPermutationWidth>("the inputs");
    i.mults = zeros<kPermutationWidth>();
    return i;
  }
  if (op == "p2.linear.external" || op == "p2.linear.internal") {
    Poseidon2LinearLayerInstr i;
    i.output = l.addr_array<4>("the outputs");
    i.input = l.addr_array<4>("the inputs");
    i.mults = zeros<4>();
    i.external = op == "p2.linear.external";
    return i;
  }
  if (op == "p2.sbox.external" || op == "p2.sbox.internal") {
    const Addr out = l.addr();
    return Poseidon2SBoxInstr{l.addr(), out, Felt::zero(), op == "p2.sbox.external"};
  }
  if (op == "ext2felt") {
    const auto felts = l.addr_array<4>("the felts");
    return ExtFeltInstr{{l.addr(), felts[0], felts[1], felts[2], felts[3]}, zeros<5>(), true};
  }
  if (op == "felt2ext") {
    const Addr ext = l.addr();
    const auto felts = l.addr_array<4>("the felts");
    return ExtFeltInstr{{ext, felts[0], felts[1], felts[2], felts[3]}, zeros<5>(), false};
  }
  if (op == "select") {
    SelectInstr i{};
    i.bit = l.addr();
    i.out1 = l.addr();
    i.out2 = l.addr();
    i.in1 = l.addr();
    i.in2 = l.addr();
    i.mult1 = i.mult2 = Felt::zero();
    return i;
  }
  if (op == "hint.bits") {
    const auto outs = l.addr_list(0, "the bits");
    return HintBitsInstr{outputs(outs), l.addr()};
  }
  if (op == "hint.add_curve") {
    HintAddCurveInstr i;
    i.out_x = outputs(l.addr_array<kSepticDegree>("x"));
    i.out_y = outputs(l.addr_array<kSepticDegree>("y"));
    i.in1_x = l.addr_array<kSepticDegree>("x1");
    i.in1_y = l.addr_array<kSepticDegree>("y1");
    i.in2_x = l.addr_array<kSepticDegree>("x2");
    i.in2_y = l.addr_array<kSepticDegree>("y2");
    return i;
  }
  if (op == "prefix_sum_checks") {
    PrefixSumChecksInstr i;
    i.zero = l.addr();
    i.one = l.addr();
    i.x1 = l.addr_list(0, "x1");
    i.x2 = l.addr_list(0, "x2");
    i.accs = l.addr_list(0, "accs");
    i.field_accs = l.addr_list(0, "field_accs");
    i.acc_mults.assign(i.accs.size(), Felt::zero());
    i.field_acc_mults.assign(i.field_accs.size(), Felt::zero());
    return i;
  }
  if (op == "print.f" || op == "print.e")
    return PrintInstr{op == "print.f" ? PrintKind::Base : PrintKind::Extension, l.addr()};
  if (op == "hint.ext2felts") {
    const auto outs = outputs(l.addr_array<4>("the felts"));
    return HintExt2FeltsInstr{outs, l.addr()};
  }
  if (op == "commit_pv") return CommitPublicValuesInstr{l.addr_list(kNumPublicValues, "the public values")};
  if (op == "hint") return HintInstr{outputs(l.addr_list(0, "the outputs"))};
  l.fail("unknown instruction '" + std::string(op) + "'");
}

}  // namespace

const char* mnemonic(const Instruction& ins) {
  return visit_instruction(
      ins,
      Overloaded{
          [](const BaseAluInstr& i) {
            constexpr const char* n[] = {"base.add", "base.sub", "base.mul", "base.div"};
            return n[size_t(i.op)];
          },
          [](const ExtAluInstr& i) {
            constexpr const char* n[] = {"ext.add", "ext.sub", "ext.mul", "ext.div"};
            return n[size_t(i.op)];
          },
          [](const MemInstr& i) { return i.kind == MemAccess::Read ? "mem.read" : "mem.write"; },
          [](const Poseidon2Instr&) { return "poseidon2"; },
          [](const Poseidon2LinearLayerInstr& i) { return i.external ? "p2.linear.external" : "p2.linear.internal"; },
          [](const Poseidon2SBoxInstr& i) { return i.external ? "p2.sbox.external" : "p2.sbox.internal"; },
          [](const ExtFeltInstr& i) { return i.ext2felt ? "ext2felt" : "felt2ext"; },
          [](const SelectInstr&) { return "select"; },
          [](const HintBitsInstr&) { return "hint.bits"; },
          [](const HintAddCurveInstr&) { return "hint.add_curve"; },
          [](const PrefixSumChecksInstr&) { return "prefix_sum_checks"; },
          [](const PrintInstr& i) { return i.kind == PrintKind::Base ? "print.f" : "print.e"; },
          [](const HintExt2FeltsInstr&) { return "hint.ext2felts"; },
          [](const CommitPublicValuesInstr&) { return "commit_pv"; },
          [](const HintInstr&) { return "hint"; },
      });
}

Program parse_program(std::string_view text) {
  Program p;
  size_t number = 0;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    const std::string_view raw = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    Line line(raw, ++number);
    if (line.empty()) continue;
    const std::string_view op = line.next("an instruction");
    if (op == "witness") {
      p.witness.push_back(line.block());
    } else {
      p.instructions.push_back(parse_instruction(op, line));
      p.lines.push_back(number);
    }
    line.end();
  }
  return p;
}

Program load_program(std::string_view text) {
  Program p = parse_program(text);
  assemble(p);
  return p;
}

namespace {

void put_list(std::ostringstream& o, const auto& addrs) {
  o << " [";
  for (size_t k = 0; k < addrs.size(); ++k) o << (k ? " " : "") << addrs[k];
  o << "]";
}

template <class List>
void put_outputs(std::ostringstream& o, const List& outs) {
  std::vector<Addr> a;
  for (const AddrMult& x : outs) a.push_back(x.addr);
  put_list(o, a);
}

void put_block(std::ostringstream& o, const Block& b) {
  const bool felt = b[1].is_zero() && b[2].is_zero() && b[3].is_zero();
  for (size_t k = 0; k < (felt ? 1 : 4); ++k) o << " " << b[k].to_canonical();
}

}  // namespace

std::string to_text(const Program& p) {
  std::ostringstream o;
  for (const Block& w : p.witness) {
    o << "witness";
    put_block(o, w);
    o << "\n";
  }
  for (const Instruction& ins : p.instructions) {
    o << mnemonic(ins);
    visit_instruction(ins, Overloaded{
                               [&](const BaseAluInstr& i) { o << " " << i.out << " " << i.in1 << " " << i.in2; },
                               [&](const ExtAluInstr& i) { o << " " << i.out << " " << i.in1 << " " << i.in2; },
                               [&](const MemInstr& i) {
                                 o << " " << i.addr;
                                 put_block(o, i.value);
                               },
                               [&](const Poseidon2Instr& i) {
                                 put_list(o, i.output);
                                 put_list(o, i.input);
                               },
                               [&](const Poseidon2LinearLayerInstr& i) {
                                 put_list(o, i.output);
                                 put_list(o, i.input);
                               },
                               [&](const Poseidon2SBoxInstr& i) { o << " " << i.output << " " << i.input; },
                               [&](const ExtFeltInstr& i) {
                                 const std::array<Addr, 4> felts{i.addrs[1], i.addrs[2], i.addrs[3], i.addrs[4]};
                                 if (i.ext2felt) {
                                   put_list(o, felts);
                                   o << " " << i.addrs[0];
                                 } else {
                                   o << " " << i.addrs[0];
                                   put_list(o, felts);
                                 }
                               },
                               [&](const SelectInstr& i) {
                                 o << " " << i.bit << " " << i.out1 << " " << i.out2 << " " << i.in1 << " " << i.in2;
                               },
                               [&](const HintBitsInstr& i) {
                                 put_outputs(o, i.outputs);
                                 o << " " << i.input;
                               },
                               [&](const HintAddCurveInstr& i) {
                                 put_outputs(o, i.out_x);
                                 put_outputs(o, i.out_y);
                                 for (const auto* in : {&i.in1_x, &i.in1_y, &i.in2_x, &i.in2_y}) put_list(o, *in);
                               },
                               [&](const PrefixSumChecksInstr& i) {
                                 o << " " << i.zero << " " << i.one;
                                 for (const auto* l : {&i.x1, &i.x2, &i.accs, &i.field_accs}) put_list(o, *l);
                               },
                               [&](const PrintInstr& i) { o << " " << i.addr; },
                               [&](const HintExt2FeltsInstr& i) {
                                 put_outputs(o, i.outputs);
                                 o << " " << i.input;
                               },
                               [&](const CommitPublicValuesInstr& i) { put_list(o, i.pv_addrs); },
                               [&](const HintInstr& i) { put_outputs(o, i.outputs); },
                           });
    o << "\n";
  }
  return o.str();
}

}  // namespace zkgpu::sp1::recursion
