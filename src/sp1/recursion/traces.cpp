#include "sp1/recursion/traces.hpp"

#include <algorithm>
#include <span>
#include <stdexcept>
#include <thread>

#include "common/parallel_ranges.hpp"
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
#include "sp1/recursion/assembler.hpp"
#include "sp1/air/chips/poseidon2_row.hpp"

namespace zkgpu::sp1::recursion {

namespace {

using std::invalid_argument;

// The program's instructions by chip, in program order.
struct Sorted {
  std::vector<const MemInstr*> mem;
  std::vector<AddrMult> mem_var;  // every hint output
  std::vector<const BaseAluInstr*> base_alu;
  std::vector<const ExtAluInstr*> ext_alu;
  std::vector<const Poseidon2Instr*> poseidon2;
  std::vector<const Poseidon2LinearLayerInstr*> linear;
  std::vector<const Poseidon2SBoxInstr*> sbox;
  std::vector<const ExtFeltInstr*> ext_felt;
  std::vector<const SelectInstr*> select;
  std::vector<const PrefixSumChecksInstr*> prefix;
  size_t prefix_rows = 0;
  const CommitPublicValuesInstr* commit = nullptr;

  explicit Sorted(const Program& p) {
    for (size_t k = 0; k < p.instructions.size(); ++k) check_instruction_shape(p, k);
    for (const Instruction& ins : p.instructions) {
      if (auto* i = get_instr<MemInstr>(&ins))
        mem.push_back(i);
      else if (auto* i = get_instr<BaseAluInstr>(&ins))
        base_alu.push_back(i);
      else if (auto* i = get_instr<ExtAluInstr>(&ins))
        ext_alu.push_back(i);
      else if (auto* i = get_instr<Poseidon2Instr>(&ins))
        poseidon2.push_back(i);
      else if (auto* i = get_instr<Poseidon2LinearLayerInstr>(&ins))
        linear.push_back(i);
      else if (auto* i = get_instr<Poseidon2SBoxInstr>(&ins))
        sbox.push_back(i);
      else if (auto* i = get_instr<ExtFeltInstr>(&ins))
        ext_felt.push_back(i);
      else if (auto* i = get_instr<SelectInstr>(&ins))
        select.push_back(i);
      else if (auto* i = get_instr<PrefixSumChecksInstr>(&ins)) {
        prefix.push_back(i);
        prefix_rows += i->x1.size();
      } else if (auto* i = get_instr<CommitPublicValuesInstr>(&ins)) {
        if (!commit) commit = i;
      } else if (auto* i = get_instr<HintInstr>(&ins))
        mem_var.insert(mem_var.end(), i->outputs.begin(), i->outputs.end());
      else if (auto* i = get_instr<HintBitsInstr>(&ins))
        mem_var.insert(mem_var.end(), i->outputs.begin(), i->outputs.end());
      else if (auto* i = get_instr<HintExt2FeltsInstr>(&ins))
        mem_var.insert(mem_var.end(), i->outputs.begin(), i->outputs.end());
      else if (auto* i = get_instr<HintAddCurveInstr>(&ins)) {
        mem_var.insert(mem_var.end(), i->out_x.begin(), i->out_x.end());
        mem_var.insert(mem_var.end(), i->out_y.begin(), i->out_y.end());
      }
    }
  }
};

Felt felt(Addr a) { return Felt::from_canonical(a); }
Felt flag(bool b) { return b ? Felt::one() : Felt::zero(); }

void put(std::span<Felt> row, const air::Block<size_t>& cols, const Block& v) {
  for (size_t k = 0; k < 4; ++k) row[cols[k]] = v[k];
}

unsigned pool_threads() { return std::max(1u, std::thread::hardware_concurrency()); }

// fn(r) for every r < n, split over the CPU pool.
template <class Fn>
void for_rows(size_t n, size_t grain, Fn&& fn) {
  parallel_ranges(n, pool_threads(), grain, [&](size_t b, size_t e) {
    for (size_t r = b; r < e; ++r) fn(r);
  });
}

constexpr size_t kGrain = 4096;

// `cells` resized to n zeros, written by the CPU pool (the fills that follow are
// split the same way, so each part's pages are first touched by one of them).
void zeroed(TraceCells& cells, size_t n) {
  cells.resize(n);
  parallel_ranges(n, pool_threads(), size_t(1) << 16,
                  [&](size_t b, size_t e) { std::fill(cells.data() + b, cells.data() + e, Felt::zero()); });
}

// One chip's trace under construction, all zero.
struct Trace {
  ChipTrace t;
  size_t width, prep_width;
  Trace(const air::MachineChip& chip, size_t rows) : width(chip.width()), prep_width(chip.preprocessed_width()) {
    t.name = chip.name();
    t.rows = rows;
    zeroed(t.main, rows * width);
    zeroed(t.preprocessed, rows * prep_width);
  }
  std::span<Felt> main(size_t r) { return std::span<Felt>(t.main).subspan(r * width, width); }
  std::span<Felt> prep(size_t r) { return std::span<Felt>(t.preprocessed).subspan(r * prep_width, prep_width); }
};

// Rows of events: from the program (preprocessed) and from the record (main); the
// two agree when the record comes from the program.
struct Counts {
  size_t program, record;
};

void prep_memory_const(Trace& tr, const Sorted& s) {
  constexpr auto& P = air::MemoryConstChip::kPrep;
  for_rows(s.mem.size(), kGrain, [&](size_t r) {
    const MemInstr& i = *s.mem[r];
    auto row = tr.prep(r);
    put(row, P.value, i.value);
    row[P.access.addr] = felt(i.addr);
    row[P.access.mult] = i.kind == MemAccess::Read ? -i.mult : i.mult;
  });
}

// The chip's width says how many events a row holds (2 on compress, 1 on wrap);
// the layout of one event per row is the first slot of the two-event layout.
size_t memory_var_events_per_row(const Trace& tr) { return tr.width / 4; }

void prep_memory_var(Trace& tr, const Sorted& s) {
  const size_t per_row = memory_var_events_per_row(tr);
  const auto& P = air::MemoryVarChip<2>::kPrep;
  for_rows(s.mem_var.size(), kGrain, [&](size_t k) {
    auto prep = tr.prep(k / per_row);
    prep[P.accesses[k % per_row].addr] = felt(s.mem_var[k].addr);
    prep[P.accesses[k % per_row].mult] = s.mem_var[k].mult;
  });
}

void main_memory_var(Trace& tr, const ExecutionRecord& rec) {
  const size_t per_row = memory_var_events_per_row(tr);
  const auto& M = air::MemoryVarChip<2>::kMain;
  for_rows(rec.mem_var.size(), kGrain,
           [&](size_t k) { put(tr.main(k / per_row), M.values[k % per_row], rec.mem_var[k]); });
}

template <class Chip, class Instr, class Op>
void fill_alu_prep(Trace& tr, const std::vector<const Instr*>& instrs) {
  constexpr auto& P = Chip::kPrep;
  for_rows(instrs.size(), kGrain, [&](size_t r) {
    const Instr& i = *instrs[r];
    auto row = tr.prep(r);
    row[P.addr_out] = felt(i.out);
    row[P.addr_in1] = felt(i.in1);
    row[P.addr_in2] = felt(i.in2);
    row[P.is_add] = flag(i.op == Op::Add);
    row[P.is_sub] = flag(i.op == Op::Sub);
    row[P.is_mul] = flag(i.op == Op::Mul);
    row[P.is_div] = flag(i.op == Op::Div);
    row[P.mult] = i.mult;
  });
}

void prep_base_alu(Trace& tr, const Sorted& s) {
  fill_alu_prep<air::BaseAluChip, BaseAluInstr, BaseAluOp>(tr, s.base_alu);
}

void main_base_alu(Trace& tr, const ExecutionRecord& rec) {
  constexpr auto& M = air::BaseAluChip::kMain;
  for_rows(rec.base_alu.size(), kGrain, [&](size_t r) {
    auto row = tr.main(r);
    row[M.out] = rec.base_alu[r].out;
    row[M.in1] = rec.base_alu[r].in1;
    row[M.in2] = rec.base_alu[r].in2;
  });
}

void prep_ext_alu(Trace& tr, const Sorted& s) { fill_alu_prep<air::ExtAluChip, ExtAluInstr, ExtAluOp>(tr, s.ext_alu); }

void main_ext_alu(Trace& tr, const ExecutionRecord& rec) {
  constexpr auto& M = air::ExtAluChip::kMain;
  for_rows(rec.ext_alu.size(), kGrain, [&](size_t r) {
    auto row = tr.main(r);
    put(row, M.out, rec.ext_alu[r].out);
    put(row, M.in1, rec.ext_alu[r].in1);
    put(row, M.in2, rec.ext_alu[r].in2);
  });
}

void prep_poseidon2_wide(Trace& tr, const Sorted& s) {
  constexpr auto& P = air::Poseidon2WideChip::kPrep;
  for_rows(s.poseidon2.size(), kGrain, [&](size_t r) {
    const Poseidon2Instr& i = *s.poseidon2[r];
    auto row = tr.prep(r);
    for (size_t k = 0; k < kPermutationWidth; ++k) {
      row[P.input[k]] = felt(i.input[k]);
      row[P.output[k].addr] = felt(i.output[k]);
      row[P.output[k].mult] = i.mults[k];
    }
    row[P.is_real] = Felt::one();
  });
}

void main_poseidon2_wide(Trace& tr, const ExecutionRecord& rec) {
  std::array<Felt, kPermutationWidth> zero;
  zero.fill(Felt::zero());
  for_rows(tr.t.rows, 256, [&](size_t r) {
    const bool real = r < rec.poseidon2.size();
    const auto out = air::populate_poseidon2_row(real ? rec.poseidon2[r].input : zero, tr.main(r));
    if (real && out != rec.poseidon2[r].output)
      throw invalid_argument("Poseidon2WideDeg3: event " + std::to_string(r) + " is not a permutation");
  });
}

void prep_linear(Trace& tr, const Sorted& s) {
  constexpr auto& P = air::Poseidon2LinearLayerChip::kPrep;
  for_rows(s.linear.size(), kGrain, [&](size_t r) {
    const Poseidon2LinearLayerInstr& i = *s.linear[r];
    auto row = tr.prep(r);
    for (size_t k = 0; k < 4; ++k) {
      if (i.mults[k] != Felt::one()) throw invalid_argument("Poseidon2LinearLayer: an output is not read exactly once");
      row[P.addr_input[k]] = felt(i.input[k]);
      row[P.addr_output[k]] = felt(i.output[k]);
    }
    row[P.external] = flag(i.external);
    row[P.internal] = flag(!i.external);
  });
}

void main_linear(Trace& tr, const ExecutionRecord& rec) {
  constexpr auto& M = air::Poseidon2LinearLayerChip::kMain;
  for_rows(rec.poseidon2_linear_layer.size(), kGrain, [&](size_t r) {
    for (size_t k = 0; k < 4; ++k) put(tr.main(r), M.input[k], rec.poseidon2_linear_layer[r].input[k]);
  });
}

void prep_sbox(Trace& tr, const Sorted& s) {
  constexpr auto& P = air::Poseidon2SBoxChip::kPrep;
  for_rows(s.sbox.size(), kGrain, [&](size_t r) {
    const Poseidon2SBoxInstr& i = *s.sbox[r];
    if (i.mult != Felt::one()) throw invalid_argument("Poseidon2SBox: the output is not read exactly once");
    auto row = tr.prep(r);
    row[P.addr_input] = felt(i.input);
    row[P.addr_output] = felt(i.output);
    row[P.external] = i.external ? i.mult : Felt::zero();
    row[P.internal] = i.external ? Felt::zero() : i.mult;
  });
}

void main_sbox(Trace& tr, const ExecutionRecord& rec) {
  constexpr auto& M = air::Poseidon2SBoxChip::kMain;
  // The output columns hold all four cubes, also for an internal S-box.
  for_rows(rec.poseidon2_sbox.size(), kGrain, [&](size_t r) {
    const Block& in = rec.poseidon2_sbox[r].input;
    auto row = tr.main(r);
    put(row, M.input, in);
    put(row, M.output, {in[0] * in[0] * in[0], in[1] * in[1] * in[1], in[2] * in[2] * in[2], in[3] * in[3] * in[3]});
  });
}

void prep_ext_felt(Trace& tr, const Sorted& s) {
  constexpr auto& P = air::ExtFeltConvertChip::kPrep;
  for_rows(s.ext_felt.size(), kGrain, [&](size_t r) {
    const ExtFeltInstr& i = *s.ext_felt[r];
    auto row = tr.prep(r);
    for (size_t k = 0; k < 5; ++k) row[P.addrs[k]] = felt(i.addrs[k]);
    // ext2felt receives the extension element once and sends the felts; felt2ext
    // sends the element (a receive with negative multiplicity) and receives each
    // felt once.
    row[P.mults[0]] = i.ext2felt ? Felt::one() : -i.mults[0];
    for (size_t k = 1; k < 5; ++k) row[P.mults[k]] = i.ext2felt ? i.mults[k] : -Felt::one();
  });
}

void main_ext_felt(Trace& tr, const ExecutionRecord& rec) {
  constexpr auto& M = air::ExtFeltConvertChip::kMain;
  for_rows(rec.ext_felt.size(), kGrain, [&](size_t r) { put(tr.main(r), M.input, rec.ext_felt[r]); });
}

void prep_select(Trace& tr, const Sorted& s) {
  constexpr auto& P = air::SelectChip::kPrep;
  for_rows(s.select.size(), kGrain, [&](size_t r) {
    const SelectInstr& i = *s.select[r];
    auto row = tr.prep(r);
    row[P.is_real] = Felt::one();
    row[P.addr_bit] = felt(i.bit);
    row[P.addr_out1] = felt(i.out1);
    row[P.addr_out2] = felt(i.out2);
    row[P.addr_in1] = felt(i.in1);
    row[P.addr_in2] = felt(i.in2);
    row[P.mult1] = i.mult1;
    row[P.mult2] = i.mult2;
  });
}

void main_select(Trace& tr, const ExecutionRecord& rec) {
  constexpr auto& M = air::SelectChip::kMain;
  for_rows(rec.select.size(), kGrain, [&](size_t r) {
    const SelectEvent& e = rec.select[r];
    auto row = tr.main(r);
    row[M.bit] = e.bit;
    row[M.out1] = e.out1;
    row[M.out2] = e.out2;
    row[M.in1] = e.in1;
    row[M.in2] = e.in2;
  });
}

void prep_prefix_sum_checks(Trace& tr, const Sorted& s) {
  constexpr auto& P = air::PrefixSumChecksChip::kPrep;
  size_t r = 0;
  for (const PrefixSumChecksInstr* i : s.prefix)
    for (size_t m = 0; m < i->x1.size(); ++m, ++r) {
      auto row = tr.prep(r);
      // Step 0 reads the product's start from `one` and the bits' from `zero`; step
      // m > 0 reads what step m - 1 wrote.
      row[P.acc_addr] = felt(m == 0 ? i->one : i->accs[m - 1]);
      row[P.felt_acc_addr] = felt(m == 0 ? i->zero : i->field_accs[m - 1]);
      row[P.x1_addr] = felt(i->x1[m]);
      row[P.x2_addr] = felt(i->x2[m]);
      row[P.next_acc_addr] = felt(i->accs[m]);
      row[P.next_acc_mult] = i->acc_mults[m];
      row[P.felt_next_acc_addr] = felt(i->field_accs[m]);
      row[P.felt_next_acc_mult] = i->field_acc_mults[m];
      row[P.is_real] = Felt::one();
    }
}

void main_prefix_sum_checks(Trace& tr, const ExecutionRecord& rec) {
  constexpr auto& M = air::PrefixSumChecksChip::kMain;
  for_rows(rec.prefix_sum_checks.size(), kGrain, [&](size_t k) {
    const PrefixSumChecksEvent& e = rec.prefix_sum_checks[k];
    auto row = tr.main(k);
    row[M.x1] = e.x1;
    put(row, M.x2, e.x2);
    put(row, M.acc, e.acc);
    put(row, M.new_acc, e.new_acc);
    row[M.felt_acc] = e.field_acc;
    row[M.felt_new_acc] = e.new_field_acc;
  });
}

// Row i < 8 reads digest element i of the first commit.
void prep_public_values(Trace& tr, const Sorted& s) {
  constexpr auto& P = air::PublicValuesChip::kPrep;
  if (s.commit)
    for (size_t i = 0; i < kPvDigestSize; ++i) {
      auto row = tr.prep(i);
      row[P.pv_idx[i]] = Felt::one();
      row[P.pv_mem.addr] = felt(s.commit->pv_addrs[kPvDigestOffset + i]);
      row[P.pv_mem.mult] = Felt::one();
    }
}

void main_public_values(Trace& tr, const ExecutionRecord& rec) {
  constexpr auto& M = air::PublicValuesChip::kMain;
  if (!rec.commit_public_values.empty())
    for (size_t i = 0; i < kPvDigestSize; ++i)
      tr.main(i)[M.pv_element] = rec.commit_public_values.front()[kPvDigestOffset + i];
}

// How one chip's trace is made: its rows of events as the program counts them
// (which sets the height) and as the record does (which must agree), and the
// fills of its preprocessed trace from the program and of its main trace from the
// record.
struct ChipSource {
  std::string_view name;
  size_t (*program_rows)(const Sorted&, size_t events_per_row);
  size_t (*record_rows)(const ExecutionRecord&, size_t events_per_row);
  void (*prep)(Trace&, const Sorted&);
  void (*main)(Trace&, const ExecutionRecord&);
};

size_t rows_of(size_t events, size_t per_row) { return (events + per_row - 1) / per_row; }

const ChipSource kSources[] = {
    {air::MemoryConstChip::kName, [](const Sorted& s, size_t) { return s.mem.size(); },
     [](const ExecutionRecord& r, size_t) { return r.mem_const_count; }, prep_memory_const, nullptr},
    {"MemoryVar", [](const Sorted& s, size_t per_row) { return rows_of(s.mem_var.size(), per_row); },
     [](const ExecutionRecord& r, size_t per_row) { return rows_of(r.mem_var.size(), per_row); }, prep_memory_var,
     main_memory_var},
    {air::BaseAluChip::kName, [](const Sorted& s, size_t) { return s.base_alu.size(); },
     [](const ExecutionRecord& r, size_t) { return r.base_alu.size(); }, prep_base_alu, main_base_alu},
    {air::ExtAluChip::kName, [](const Sorted& s, size_t) { return s.ext_alu.size(); },
     [](const ExecutionRecord& r, size_t) { return r.ext_alu.size(); }, prep_ext_alu, main_ext_alu},
    {air::Poseidon2WideChip::kName, [](const Sorted& s, size_t) { return s.poseidon2.size(); },
     [](const ExecutionRecord& r, size_t) { return r.poseidon2.size(); }, prep_poseidon2_wide, main_poseidon2_wide},
    {air::Poseidon2LinearLayerChip::kName, [](const Sorted& s, size_t) { return s.linear.size(); },
     [](const ExecutionRecord& r, size_t) { return r.poseidon2_linear_layer.size(); }, prep_linear, main_linear},
    {air::Poseidon2SBoxChip::kName, [](const Sorted& s, size_t) { return s.sbox.size(); },
     [](const ExecutionRecord& r, size_t) { return r.poseidon2_sbox.size(); }, prep_sbox, main_sbox},
    {air::ExtFeltConvertChip::kName, [](const Sorted& s, size_t) { return s.ext_felt.size(); },
     [](const ExecutionRecord& r, size_t) { return r.ext_felt.size(); }, prep_ext_felt, main_ext_felt},
    {air::SelectChip::kName, [](const Sorted& s, size_t) { return s.select.size(); },
     [](const ExecutionRecord& r, size_t) { return r.select.size(); }, prep_select, main_select},
    {air::PrefixSumChecksChip::kName, [](const Sorted& s, size_t) { return s.prefix_rows; },
     [](const ExecutionRecord& r, size_t) { return r.prefix_sum_checks.size(); }, prep_prefix_sum_checks,
     main_prefix_sum_checks},
    {air::PublicValuesChip::kName, [](const Sorted& s, size_t) { return s.commit ? kPvDigestSize : 0; },
     [](const ExecutionRecord& r, size_t) { return r.commit_public_values.empty() ? 0 : kPvDigestSize; },
     prep_public_values, main_public_values},
};

const ChipSource& source(std::string_view name) {
  for (const ChipSource& s : kSources)
    if (s.name == name) return s;
  throw invalid_argument("no trace generator for chip " + std::string(name));
}

}  // namespace

struct PreparedTraces::Chip {
  const ChipSource* source;
  size_t events_per_row, program_rows;
  Trace trace;
};

PreparedTraces::PreparedTraces(const air::Machine& machine, const Program& program, const TraceOptions& options) {
  const Sorted sorted(program);
  std::vector<bool> used(std::size(kSources), false);
  for (const auto& chip : machine.chips) {
    const ChipSource& src = source(chip->name());
    used[size_t(&src - kSources)] = true;
    const size_t per_row = chip->width() / 4, events = src.program_rows(sorted, per_row);
    size_t rows;
    if (chip->name() == air::PublicValuesChip::kName) {
      rows = air::PublicValuesChip::kRows;
    } else {
      const auto fixed = options.fixed_heights.find(chip->name());
      rows = padded_height(events, fixed == options.fixed_heights.end() ? std::nullopt : std::optional(fixed->second));
    }
    chips_.push_back(std::make_unique<Chip>(Chip{&src, per_row, events, Trace(*chip, rows)}));
    src.prep(chips_.back()->trace, sorted);
  }
  for (size_t k = 0; k < std::size(kSources); ++k)
    if (!used[k] && kSources[k].program_rows(sorted, 1) != 0)
      throw invalid_argument("the program uses " + std::string(kSources[k].name) + ", which the " + machine.name +
                             " machine has no chip for");
}

PreparedTraces::~PreparedTraces() = default;
PreparedTraces::PreparedTraces(PreparedTraces&&) noexcept = default;

std::vector<ChipTrace> PreparedTraces::finish(const ExecutionRecord& record) && {
  std::vector<ChipTrace> out;
  for (const auto& c : chips_) {
    const size_t events = c->source->record_rows(record, c->events_per_row);
    if (events != c->program_rows)
      throw invalid_argument(std::string(c->source->name) + ": the program has " + std::to_string(c->program_rows) +
                             " rows of events, the record " + std::to_string(events) +
                             " (the record is not this program's)");
    if (c->source->main) c->source->main(c->trace, record);
    out.push_back(std::move(c->trace.t));
  }
  chips_.clear();
  return out;
}

std::vector<ChipTrace> generate_traces(const air::Machine& machine, const Program& program,
                                       const ExecutionRecord& record, const TraceOptions& options) {
  return PreparedTraces(machine, program, options).finish(record);
}

}  // namespace zkgpu::sp1::recursion
