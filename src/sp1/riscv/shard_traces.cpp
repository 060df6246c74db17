#include "sp1/riscv/shard_traces.hpp"

#include <algorithm>
#include <functional>
#include <memory>
#include <mutex>
#include <numeric>
#include <optional>

#include "sp1/air/riscv/add_sub.hpp"
#include "sp1/air/riscv/alu_x0.hpp"
#include "sp1/air/riscv/bitwise.hpp"
#include "sp1/air/riscv/branch.hpp"
#include "sp1/air/riscv/divrem.hpp"
#include "sp1/air/riscv/edwards.hpp"
#include "sp1/air/riscv/fp2_op.hpp"
#include "sp1/air/riscv/fp_op.hpp"
#include "sp1/air/riscv/global.hpp"
#include "sp1/air/riscv/instruction_decode.hpp"
#include "sp1/air/riscv/instruction_fetch.hpp"
#include "sp1/air/riscv/jump.hpp"
#include "sp1/air/riscv/keccak_control.hpp"
#include "sp1/air/riscv/keccak_permute.hpp"
#include "sp1/air/riscv/loads.hpp"
#include "sp1/air/riscv/lt.hpp"
#include "sp1/air/riscv/memory_bump.hpp"
#include "sp1/air/riscv/memory_global.hpp"
#include "sp1/air/riscv/memory_local.hpp"
#include "sp1/air/riscv/mprotect.hpp"
#include "sp1/air/riscv/mul.hpp"
#include "sp1/air/riscv/page_prot_chip.hpp"
#include "sp1/air/riscv/page_prot_global.hpp"
#include "sp1/air/riscv/page_prot_local.hpp"
#include "sp1/air/riscv/public_values.hpp"
#include "sp1/air/riscv/poseidon2_precompile.hpp"
#include "sp1/air/riscv/sha_compress.hpp"
#include "sp1/air/riscv/sha_extend.hpp"
#include "sp1/air/riscv/sigreturn.hpp"
#include "sp1/air/riscv/shift_left.hpp"
#include "sp1/air/riscv/shift_right.hpp"
#include "sp1/air/riscv/state_bump.hpp"
#include "sp1/air/riscv/stores.hpp"
#include "sp1/air/riscv/syscall_chip.hpp"
#include "sp1/air/riscv/syscall_instrs.hpp"
#include "sp1/air/riscv/trap_exec.hpp"
#include "sp1/air/riscv/trap_mem.hpp"
#include "sp1/air/riscv/uint256.hpp"
#include "sp1/air/riscv/utype.hpp"
#include "sp1/air/riscv/weierstrass.hpp"
#include "sp1/riscv/alu_traces.hpp"
#include "sp1/riscv/control_traces.hpp"
#include "sp1/riscv/edwards_traces.hpp"
#include "sp1/riscv/fp2_traces.hpp"
#include "sp1/riscv/fp_traces.hpp"
#include "sp1/riscv/global_trace.hpp"
#include "sp1/riscv/instruction_traces.hpp"
#include "sp1/riscv/keccak_traces.hpp"
#include "sp1/riscv/lookup_counts.hpp"
#include "sp1/riscv/memory_bump_trace.hpp"
#include "sp1/riscv/memory_global_trace.hpp"
#include "sp1/riscv/memory_local_trace.hpp"
#include "sp1/riscv/memory_traces.hpp"
#include "sp1/riscv/page_prot_traces.hpp"
#include "sp1/riscv/public_values.hpp"
#include "sp1/riscv/poseidon2_trace.hpp"
#include "sp1/riscv/sha256_traces.hpp"
#include "sp1/riscv/sigreturn_trace.hpp"
#include "sp1/riscv/state_bump_trace.hpp"
#include "sp1/riscv/syscall_instrs_trace.hpp"
#include "sp1/riscv/syscall_table_trace.hpp"
#include "sp1/riscv/trap_traces.hpp"
#include "sp1/riscv/uint256_traces.hpp"
#include "sp1/riscv/weierstrass_traces.hpp"
#include "common/cpu_pool.hpp"
#include "common/parallel_ranges.hpp"
#include "zkvm/shard_costs.hpp"
#include "zkvm/syscall_codes.hpp"

namespace zkgpu::sp1::riscv {
namespace {

using air::Felt;
using rv::TrustMode;
using zkvm::ShardRecord;
using Air = zkvm::shard_costs::Air;

// Where a chip's main trace comes from.
enum class Source : uint8_t {
  Records,  // the shard's events and records
  Global,   // the Global chip (also the shard's cumulative sum)
  Program,  // the tables: preprocessed from the setup, multiplicities counted
  Byte,
  Range,
};

using TraceFn = std::function<RiscvChipTrace(const ShardRecord&, const RiscvTraceOptions&)>;

struct Entry {
  std::string_view name;
  std::unique_ptr<air::MachineChip> chip;
  Source source = Source::Records;
  TrustMode mode = TrustMode::Supervisor;
  TraceFn trace;
  std::optional<Air> precompile;  // a precompile's chip: the air its calls need
};

template <Features F>
class ChipList {
 public:
  // RiscvAir's chips in build F.
  static std::vector<Entry> riscv_air();

  template <class Chip>
  void add(Source source, TrustMode mode = TrustMode::Supervisor, TraceFn trace = {}) {
    entries_.push_back({Chip::kName, std::make_unique<air::ChipModel<Chip>>(), source, mode, std::move(trace), {}});
  }
  // A chip in both trust modes, Supervisor first, as RiscvAir lists them.
  template <template <TrustMode, Features> class Chip>
  void add_modes(const TraceFn& trace) {
    add<Chip<TrustMode::Supervisor, F>>(Source::Records, TrustMode::Supervisor, trace);
    add<Chip<TrustMode::User, F>>(Source::Records, TrustMode::User, trace);
  }
  // A precompile's chip (whose calls a shard may then have).
  template <class Chip>
  void add_precompile(Air precompile, TraceFn trace) {
    add<Chip>(Source::Records, TrustMode::Supervisor, std::move(trace));
    entries_.back().precompile = precompile;
  }
  // A precompile's chip in both trust modes (a call may then be in the shard).
  template <template <TrustMode, Features> class Chip>
  void add_precompile_modes(Air precompile, const TraceFn& trace) {
    add_modes<Chip>(trace);
    entries_[entries_.size() - 2].precompile = precompile;
  }

 private:
  std::vector<Entry> entries_;
};

TraceFn alu(AluChipKind k) {
  return [k](const ShardRecord& s, const RiscvTraceOptions& o) { return alu_trace(k, s.alu, o); };
}
TraceFn memory(MemoryChipKind k) {
  return [k](const ShardRecord& s, const RiscvTraceOptions& o) { return memory_trace(k, s.memory, o); };
}
TraceFn control(ControlChipKind k) {
  return [k](const ShardRecord& s, const RiscvTraceOptions& o) {
    switch (k) {
      case ControlChipKind::UType: return control_trace(k, s.utype, o);
      case ControlChipKind::Branch: return control_trace(k, s.branch, o);
      default: return control_trace(k, s.jump, o);
    }
  };
}
// A chip whose trace generator takes the whole shard.
TraceFn records(RiscvChipTrace (*trace)(const ShardRecord&, const RiscvTraceOptions&)) {
  return [trace](const ShardRecord& s, const RiscvTraceOptions& o) { return trace(s, o); };
}
template <rv::SyscallShardKind K>
TraceFn syscall_table() {
  return [](const ShardRecord& s, const RiscvTraceOptions& o) { return syscall_table_trace(K, s, o); };
}
template <rv::MemoryGlobalKind K>
TraceFn memory_global() {
  return [](const ShardRecord& s, const RiscvTraceOptions& o) { return memory_global_trace(K, s, o); };
}
template <rv::MemoryGlobalKind K>
TraceFn page_prot_global() {
  return [](const ShardRecord& s, const RiscvTraceOptions& o) { return page_prot_global_trace(K, s, o); };
}

// RiscvAir::machine's chip list (crates/core/machine/src/riscv/mod.rs); the
// missing chips by their RiscvAirId names (crates/core/executor/src/air.rs).
template <Features F>
std::vector<Entry> ChipList<F>::riscv_air() {
  ChipList l;
  l.add<air::ProgramChip>(Source::Program);
  l.add_precompile<rv::ShaExtendChip>(Air::ShaExtend, records(sha_extend_trace));
  l.add_modes<rv::ShaExtendControlChip>(records(sha_extend_control_trace));
  l.add_precompile<rv::ShaCompressChip>(Air::ShaCompress, records(sha_compress_trace));
  l.add_modes<rv::ShaCompressControlChip>(records(sha_compress_control_trace));
  l.add_precompile_modes<rv::EdAddAssignChip>(Air::EdAddAssign, records(ed_add_trace));
  l.add_precompile_modes<rv::EdDecompressChip>(Air::EdDecompress, records(ed_decompress_trace));
  l.add_precompile_modes<rv::Secp256k1AddAssignChip>(Air::Secp256k1AddAssign, records(secp256k1_add_trace));
  l.add_precompile_modes<rv::Secp256k1DoubleAssignChip>(Air::Secp256k1DoubleAssign, records(secp256k1_double_trace));
  l.add_precompile_modes<rv::Secp256r1AddAssignChip>(Air::Secp256r1AddAssign, records(secp256r1_add_trace));
  l.add_precompile_modes<rv::Secp256r1DoubleAssignChip>(Air::Secp256r1DoubleAssign, records(secp256r1_double_trace));
  l.add_precompile<rv::KeccakPermuteChip>(Air::KeccakPermute, records(keccak_permute_trace));
  l.add_modes<rv::KeccakPermuteControlChip>(records(keccak_control_trace));
  l.add_precompile_modes<rv::Bn254AddAssignChip>(Air::Bn254AddAssign, records(bn254_add_trace));
  l.add_precompile_modes<rv::Bn254DoubleAssignChip>(Air::Bn254DoubleAssign, records(bn254_double_trace));
  l.add_precompile_modes<rv::Bls12381AddAssignChip>(Air::Bls12381AddAssign, records(bls12381_add_trace));
  l.add_precompile_modes<rv::Bls12381DoubleAssignChip>(Air::Bls12381DoubleAssign, records(bls12381_double_trace));
  l.add_precompile_modes<rv::Uint256MulModChip>(Air::Uint256MulMod, records(uint256_mul_trace));
  l.add_precompile_modes<rv::Uint256OpsChip>(Air::Uint256Ops, records(uint256_ops_trace));
  l.add_precompile_modes<rv::Bls12381FpOpChip>(Air::Bls12381FpOpAssign, records(bls12381_fp_trace));
  l.add_precompile_modes<rv::Bls12381Fp2AddSubChip>(Air::Bls12381Fp2AddSubAssign, records(bls12381_fp2_addsub_trace));
  l.add_precompile_modes<rv::Bls12381Fp2MulChip>(Air::Bls12381Fp2MulAssign, records(bls12381_fp2_mul_trace));
  l.add_precompile_modes<rv::Bn254FpOpChip>(Air::Bn254FpOpAssign, records(bn254_fp_trace));
  l.add_precompile_modes<rv::Bn254Fp2AddSubChip>(Air::Bn254Fp2AddSubAssign, records(bn254_fp2_addsub_trace));
  l.add_precompile_modes<rv::Bn254Fp2MulChip>(Air::Bn254Fp2MulAssign, records(bn254_fp2_mul_trace));
  l.add_precompile<rv::MprotectChip<F>>(Air::Mprotect, records(mprotect_trace));
  l.add_precompile<rv::SigReturnChip<F>>(Air::SigReturn, records(sigreturn_trace));
  l.add_precompile<rv::Poseidon2PrecompileChip<TrustMode::Supervisor, F>>(Air::Poseidon2, records(poseidon2_trace));
  l.add<rv::Poseidon2PrecompileChip<TrustMode::User, F>>(Source::Records, TrustMode::User, records(poseidon2_trace));
  using Core = rv::SyscallChip<rv::SyscallShardKind::Core, TrustMode::Supervisor, F>;
  using CoreUser = rv::SyscallChip<rv::SyscallShardKind::Core, TrustMode::User, F>;
  using Pre = rv::SyscallChip<rv::SyscallShardKind::Precompile, TrustMode::Supervisor, F>;
  using PreUser = rv::SyscallChip<rv::SyscallShardKind::Precompile, TrustMode::User, F>;
  l.add<Core>(Source::Records, TrustMode::Supervisor, syscall_table<rv::SyscallShardKind::Core>());
  l.add<CoreUser>(Source::Records, TrustMode::User, syscall_table<rv::SyscallShardKind::Core>());
  l.add<Pre>(Source::Records, TrustMode::Supervisor, syscall_table<rv::SyscallShardKind::Precompile>());
  l.add<PreUser>(Source::Records, TrustMode::User, syscall_table<rv::SyscallShardKind::Precompile>());
  l.add_modes<rv::DivRemChip>(alu(AluChipKind::DivRem));
  l.add_modes<rv::AddChip>(alu(AluChipKind::Add));
  l.add_modes<rv::AddiChip>(alu(AluChipKind::Addi));
  l.add_modes<rv::AddwChip>(alu(AluChipKind::Addw));
  l.add_modes<rv::SubChip>(alu(AluChipKind::Sub));
  l.add_modes<rv::SubwChip>(alu(AluChipKind::Subw));
  l.add_modes<rv::BitwiseChip>(alu(AluChipKind::Bitwise));
  l.add_modes<rv::MulChip>(alu(AluChipKind::Mul));
  l.add_modes<rv::ShiftRightChip>(alu(AluChipKind::ShiftRight));
  l.add_modes<rv::ShiftLeftChip>(alu(AluChipKind::ShiftLeft));
  l.add_modes<rv::LtChip>(alu(AluChipKind::Lt));
  l.add_modes<rv::AluX0Chip>(alu(AluChipKind::AluX0));
  l.add_modes<rv::LoadByteChip>(memory(MemoryChipKind::LoadByte));
  l.add_modes<rv::LoadHalfChip>(memory(MemoryChipKind::LoadHalf));
  l.add_modes<rv::LoadWordChip>(memory(MemoryChipKind::LoadWord));
  l.add_modes<rv::LoadDoubleChip>(memory(MemoryChipKind::LoadDouble));
  l.add_modes<rv::LoadX0Chip>(memory(MemoryChipKind::LoadX0));
  l.add_modes<rv::StoreByteChip>(memory(MemoryChipKind::StoreByte));
  l.add_modes<rv::StoreHalfChip>(memory(MemoryChipKind::StoreHalf));
  l.add_modes<rv::StoreWordChip>(memory(MemoryChipKind::StoreWord));
  l.add_modes<rv::StoreDoubleChip>(memory(MemoryChipKind::StoreDouble));
  l.add_modes<rv::UTypeChip>(control(ControlChipKind::UType));
  l.add_modes<rv::BranchChip>(control(ControlChipKind::Branch));
  l.add_modes<rv::JalChip>(control(ControlChipKind::Jal));
  l.add_modes<rv::JalrChip>(control(ControlChipKind::Jalr));
  l.add<rv::InstructionDecodeChip<F>>(Source::Records, TrustMode::Supervisor,
                                      [](const ShardRecord& s, const RiscvTraceOptions& o) {
                                        return instruction_decode_trace(s.instruction_decode, o);
                                      });
  l.add<rv::InstructionFetchChip<F>>(Source::Records, TrustMode::Supervisor,
                                     [](const ShardRecord& s, const RiscvTraceOptions& o) {
                                       return instruction_fetch_trace(s.instruction_fetch, o);
                                     });
  const TraceFn ecalls = [](const ShardRecord& s, const RiscvTraceOptions& o) {
    return syscall_instrs_trace(s.syscalls, o);
  };
  l.add<rv::SyscallInstrsChip<TrustMode::Supervisor, F>>(Source::Records, TrustMode::Supervisor, ecalls);
  l.add<rv::SyscallInstrsChip<TrustMode::User, F>>(Source::Records, TrustMode::User, ecalls);
  l.add<rv::TrapExecChip<F>>(Source::Records, TrustMode::Supervisor, [](const ShardRecord& s, const RiscvTraceOptions& o) {
    return trap_exec_trace(s.trap_exec, o);
  });
  l.add<rv::TrapMemChip<F>>(Source::Records, TrustMode::Supervisor, [](const ShardRecord& s, const RiscvTraceOptions& o) {
    return trap_mem_trace(s.trap_mem, o);
  });
  l.add<rv::MemoryBumpChip>(Source::Records, TrustMode::Supervisor,
                            [](const ShardRecord& s, const RiscvTraceOptions& o) { return memory_bump_trace(s, o); });
  l.add<rv::PageProtChip<F>>(Source::Records, TrustMode::Supervisor, records(page_prot_trace));
  l.add<rv::PageProtLocalChip<F>>(Source::Records, TrustMode::Supervisor, records(page_prot_local_trace));
  l.add<rv::StateBumpChip>(Source::Records, TrustMode::Supervisor,
                           [](const ShardRecord& s, const RiscvTraceOptions& o) { return state_bump_trace(s, o); });
  l.add<rv::MemoryGlobalChip<rv::MemoryGlobalKind::Initialize>>(Source::Records, TrustMode::Supervisor,
                                                                 memory_global<rv::MemoryGlobalKind::Initialize>());
  l.add<rv::MemoryGlobalChip<rv::MemoryGlobalKind::Finalize>>(Source::Records, TrustMode::Supervisor,
                                                               memory_global<rv::MemoryGlobalKind::Finalize>());
  l.add<rv::PageProtGlobalChip<rv::MemoryGlobalKind::Initialize, F>>(
      Source::Records, TrustMode::Supervisor, page_prot_global<rv::MemoryGlobalKind::Initialize>());
  l.add<rv::PageProtGlobalChip<rv::MemoryGlobalKind::Finalize, F>>(
      Source::Records, TrustMode::Supervisor, page_prot_global<rv::MemoryGlobalKind::Finalize>());
  l.add<rv::MemoryLocalChip>(Source::Records, TrustMode::Supervisor,
                             [](const ShardRecord& s, const RiscvTraceOptions& o) { return memory_local_trace(s, o); });
  l.add<rv::GlobalChip>(Source::Global);
  l.add<air::ByteChip>(Source::Byte);
  l.add<air::RangeChip>(Source::Range);
  return std::move(l.entries_);
}

const std::vector<Entry>& entries(Features features) {
  static const std::vector<Entry> default_build = ChipList<Features::Default>::riscv_air();
  static const std::vector<Entry> mprotect_build = ChipList<Features::Mprotect>::riscv_air();
  return features == Features::Mprotect ? mprotect_build : default_build;
}

// The first missing chip the shard needs (a precompile call's chip or its
// control chip); a program with untrusted code outside the mprotect build, whose
// chips SP1's default build does not constrain (it cannot prove such a program).
void refuse_missing(const ShardRecord& shard, Features features) {
  if (shard.public_values.is_untrusted_programs_enabled && features != Features::Mprotect)
    throw UnsupportedChip("the mprotect build",
                          "the program enables untrusted code (user mode), which only SP1's mprotect build proves");
  for (const zkvm::PrecompileEvent& p : shard.precompiles) {
    const uint32_t code = p.syscall.code;
    const std::optional<Air> air = zkvm::shard_costs::syscall_air(code);
    const auto& list = entries(Features::Default);
    if (air && std::any_of(list.begin(), list.end(), [&](const Entry& e) { return e.precompile == air; })) continue;
    throw UnsupportedChip("the chip of syscall " + std::string(zkvm::syscall_name(code)),
                          "the shard has calls of it, and SP1 v6.4 has no such chip");
  }
}

}  // namespace

std::span<const RiscvAirChip> riscv_air_chips(Features features) {
  const auto list_of = [](Features f) {
    std::vector<RiscvAirChip> out;
    for (const Entry& e : entries(f)) out.push_back({e.name, e.chip.get()});
    return out;
  };
  static const std::vector<RiscvAirChip> default_build = list_of(Features::Default);
  static const std::vector<RiscvAirChip> mprotect_build = list_of(Features::Mprotect);
  return features == Features::Mprotect ? mprotect_build : default_build;
}

const air::MachineChip& public_values_chip(Features features) {
  static const air::ChipModel<rv::PublicValuesChip<Features::Default>> default_build;
  static const air::ChipModel<rv::PublicValuesChip<Features::Mprotect>> mprotect_build;
  if (features == Features::Mprotect) return mprotect_build;
  return default_build;
}

air::RowEvaluation<Felt> eval_public_values(std::span<const Felt> public_values, Features features) {
  return public_values_chip(features).eval(std::span<const Felt>{}, std::span<const Felt>{}, public_values);
}

ProgramTables program_tables(const zkvm::Program& program, Features features) {
  ProgramTables t;
  t.features = features;
  t.trap = trap_handler_values(program);
  t.pc_base = program.pc_base;
  t.instructions = program.code.size();
  t.preprocessed = setup::preprocessed_traces(program);
  return t;
}

ShardTraces shard_traces(const ShardRecord& shard, const ProgramTables& tables) {
  refuse_missing(shard, tables.features);
  const std::vector<Entry>& list = entries(tables.features);
  ShardTraces out;
  out.features = tables.features;
  RiscvTraceOptions options;
  options.untrusted_programs_enabled = shard.public_values.is_untrusted_programs_enabled != 0;
  if (tables.features == Features::Mprotect) {
    options.trap_context = tables.trap.trap_context;
    options.untrusted_memory = tables.trap.untrusted_memory;
  }

  // The chips fed by the shard's records, then the public values they complete.
  // The chips' traces are made at once, the Global chip's (the longest) first,
  // each filling its rows in parallel too.
  std::vector<ShardChipTrace> traces(list.size());
  std::vector<size_t> order(list.size());
  std::iota(order.begin(), order.end(), size_t(0));
  std::stable_partition(order.begin(), order.end(), [&](size_t i) { return list[i].source == Source::Global; });
  parallel_ranges(order.size(), unsigned(order.size()), 1, [&](size_t begin, size_t end) {
    for (size_t k = begin; k < end; ++k) {
      const size_t i = order[k];
      const Entry& e = list[i];
      traces[i].chip = e.chip.get();
      if (e.source == Source::Records) {
        RiscvTraceOptions chip_options = options;
        chip_options.mode = e.mode;
        RiscvChipTrace t = e.trace(shard, chip_options);
        traces[i].rows = t.rows;
        traces[i].main = std::move(t.main);
      } else if (e.source == Source::Global) {
        GlobalTrace g = global_trace(shard, options);
        traces[i].rows = g.trace.rows;
        traces[i].main = std::move(g.trace.main);
        out.global_cumulative_sum = g.cumulative_sum;
      }
    }
  });
  zkvm::PublicValues pv = shard.public_values;
  pv.global_init_count = uint32_t(shard.memory_initialize.size());
  pv.global_finalize_count = uint32_t(shard.memory_finalize.size());
  pv.global_page_prot_init_count = uint32_t(shard.page_prot_initialize.size());
  pv.global_page_prot_finalize_count = uint32_t(shard.page_prot_finalize.size());
  pv.global_count = uint32_t(global_events(shard).size());
  for (size_t k = 0; k < 7; ++k) {
    pv.global_cumulative_sum[k] = out.global_cumulative_sum.x[k].to_canonical();
    pv.global_cumulative_sum[7 + k] = out.global_cumulative_sum.y[k].to_canonical();
  }
  out.public_value_felts = public_values_felts(pv, tables.features, tables.trap);

  // What the chips and the public values look up in the tables.
  LookupCounts counts;
  std::mutex counts_mutex;
  parallel_ranges(traces.size(), unsigned(traces.size()), 1, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      const ShardChipTrace& t = traces[i];
      if (!t.chip || !t.rows) continue;
      LookupCounts chip_counts;
      count_lookups(*t.chip, t.view(), out.public_value_felts, chip_counts);
      const std::lock_guard lock(counts_mutex);
      add_counts(chip_counts, counts);
    }
  });
  count_lookups(eval_public_values(out.public_value_felts, tables.features), counts);
  out.uncounted_lookups = counts.uncounted;

  const setup::PreprocessedTraces& pre = tables.preprocessed;
  for (size_t i = 0; i < list.size(); ++i) {
    ShardChipTrace& t = traces[i];
    switch (list[i].source) {
      case Source::Program:
        t.main = setup::program_main_trace(tables.pc_base, tables.instructions, counts.pcs);
        t.rows = pre.program_rows;
        t.preprocessed = pre.program;
        break;
      case Source::Byte:
        t.main = setup::byte_main_trace(counts.bytes);
        t.rows = size_t(1) << air::ByteChip::kLogRows;
        t.preprocessed = pre.byte;
        break;
      case Source::Range:
        t.main = setup::range_main_trace(counts.bytes);
        t.rows = size_t(1) << air::RangeChip::kLogRows;
        t.preprocessed = pre.range;
        break;
      default: break;
    }
    if (t.chip) out.chips.push_back(std::move(t));
  }
  return out;
}

}  // namespace zkgpu::sp1::riscv
