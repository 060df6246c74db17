#include "sp1/stage/compress_chain.hpp"

#include <algorithm>
#include <string>

#include "sp1/errors.hpp"
#include "sp1/stage/septic_digest.hpp"
#include "sp1/wire/recursion_public_values.hpp"

namespace zkgpu::sp1::stage {

namespace {

using wire::PublicValuesField;
using wire::recursion_pv_field;

std::span<const F> field(std::span<const F> pvs, const PublicValuesField& f) { return pvs.subspan(f.offset, f.length); }
std::span<F> field(std::span<F> pvs, const PublicValuesField& f) { return pvs.subspan(f.offset, f.length); }

bool equal(std::span<const F> a, std::span<const F> b) { return std::equal(a.begin(), a.end(), b.begin(), b.end()); }
bool all_zero(std::span<const F> a) {
  return std::all_of(a.begin(), a.end(), [](const F& x) { return x.is_zero(); });
}
bool is_bool(const F& x) { return x.is_zero() || x == F::one(); }

// Each running value the compress program carries from one proof to the next: the
// field a proof starts from and the field it ends at (compress.rs, in its order).
struct Chained {
  PublicValuesField previous, last;
};
constexpr Chained kChained[] = {
    {recursion_pv_field("prev_committed_value_digest"), recursion_pv_field("committed_value_digest")},
    {recursion_pv_field("prev_deferred_proofs_digest"), recursion_pv_field("deferred_proofs_digest")},
    {recursion_pv_field("prev_deferred_proof"), recursion_pv_field("deferred_proof")},
    {recursion_pv_field("pc_start"), recursion_pv_field("next_pc")},
    {recursion_pv_field("initial_timestamp"), recursion_pv_field("last_timestamp")},
    {recursion_pv_field("previous_init_addr"), recursion_pv_field("last_init_addr")},
    {recursion_pv_field("previous_finalize_addr"), recursion_pv_field("last_finalize_addr")},
    {recursion_pv_field("previous_init_page_idx"), recursion_pv_field("last_init_page_idx")},
    {recursion_pv_field("previous_finalize_page_idx"), recursion_pv_field("last_finalize_page_idx")},
    {recursion_pv_field("start_reconstruct_deferred_digest"), recursion_pv_field("end_reconstruct_deferred_digest")},
    {recursion_pv_field("prev_exit_code"), recursion_pv_field("exit_code")},
    {recursion_pv_field("prev_commit_syscall"), recursion_pv_field("commit_syscall")},
    {recursion_pv_field("prev_commit_deferred_syscall"), recursion_pv_field("commit_deferred_syscall")},
};

// Fields every proof of the batch must share with the first.
constexpr PublicValuesField kConstant[] = {recursion_pv_field("sp1_vk_digest"), recursion_pv_field("proof_nonce")};

constexpr auto kContainsFirstShard = recursion_pv_field("contains_first_shard");
constexpr auto kNumIncludedShard = recursion_pv_field("num_included_shard");
constexpr auto kGlobalCumulativeSum = recursion_pv_field("global_cumulative_sum");
constexpr auto kIsComplete = recursion_pv_field("is_complete");
constexpr auto kVkRoot = recursion_pv_field("vk_root");

[[noreturn]] void reject_complete(const std::string& what) { throw Rejected("completeness: " + what); }

}  // namespace

std::vector<F> aggregate_compress_public_values(std::span<const std::vector<F>* const> proofs, bool is_complete) {
  if (proofs.empty()) throw Rejected("chain: no proofs");
  std::vector<F> out(wire::kRecursionPublicValuesCount, F::zero());
  const std::span<const F> first = *proofs.front();
  uint64_t num_included_shard = 0, contains_first_shard = 0;
  std::vector<SepticPoint> sums;
  for (size_t i = 0; i < proofs.size(); ++i) {
    const std::span<const F> pv = *proofs[i];
    const std::string which = "chain: proof " + std::to_string(i) + ": ";
    const uint32_t included = pv[kNumIncludedShard.offset].to_canonical();
    if (included >= (1u << kMaxLogNumberOfShards)) {
      throw Rejected(which + "num_included_shard is not below 2^" + std::to_string(kMaxLogNumberOfShards));
    }
    if (!is_bool(pv[kContainsFirstShard.offset])) throw Rejected(which + "contains_first_shard is not boolean");
    num_included_shard += included;
    contains_first_shard += pv[kContainsFirstShard.offset].to_canonical();
    sums.push_back(septic_point(field(pv, kGlobalCumulativeSum)));
    for (const Chained& c : kChained) {
      const std::span<const F> expected = i == 0 ? field(first, c.previous) : field(*proofs[i - 1], c.last);
      if (!equal(field(pv, c.previous), expected)) {
        throw Rejected(which + std::string(c.previous.name) + " differs from the previous proof's " +
                       std::string(c.last.name));
      }
    }
    for (const PublicValuesField& f : kConstant) {
      if (!equal(field(pv, f), field(first, f))) {
        throw Rejected(which + std::string(f.name) + " differs from proof 0's");
      }
    }
  }
  // The sums are range-checked as field elements: below 2^24 once reduced mod p.
  if (num_included_shard % F::kP >= (1u << kMaxLogNumberOfShards)) {
    throw Rejected("chain: the batch's num_included_shard is not below 2^" + std::to_string(kMaxLogNumberOfShards));
  }
  if (contains_first_shard > 1) throw Rejected("chain: more than one proof contains the first shard");

  const std::span<const F> last = *proofs.back();
  const std::span<F> agg(out);
  for (const Chained& c : kChained) {
    std::ranges::copy(field(first, c.previous), field(agg, c.previous).begin());
    std::ranges::copy(field(last, c.last), field(agg, c.last).begin());
  }
  for (const PublicValuesField& f : kConstant) std::ranges::copy(field(first, f), field(agg, f).begin());
  std::ranges::copy(field(first, kVkRoot), field(agg, kVkRoot).begin());
  const SepticPoint sum = sum_septic_digests(sums);
  std::ranges::copy(sum.x, field(agg, kGlobalCumulativeSum).begin());
  std::ranges::copy(sum.y, field(agg, kGlobalCumulativeSum).begin() + 7);
  agg[kContainsFirstShard.offset] = F::from_canonical(uint32_t(contains_first_shard));
  agg[kNumIncludedShard.offset] = F::from_canonical(uint32_t(num_included_shard % F::kP));
  agg[kIsComplete.offset] = is_complete ? F::one() : F::zero();
  return out;
}

void check_complete(std::span<const F> pv) {
  const auto f = [&](std::string_view name) {
    for (const auto& x : wire::kRecursionPublicValues)
      if (x.name == name) return field(pv, x);
    throw std::logic_error("no public value " + std::string(name));
  };
  const auto want_zero = [&](std::string_view name) {
    if (!all_zero(f(name))) reject_complete(std::string(name) + " is not zero");
  };
  const auto want_one = [&](std::string_view name) {
    if (f(name)[0] != F::one()) reject_complete(std::string(name) + " is not 1");
  };
  const auto want_nonzero_address = [&](std::string_view name) {
    const auto a = f(name);
    if ((a[0] + a[1] + a[2]).is_zero()) reject_complete(std::string(name) + " is zero");
  };
  want_zero("prev_committed_value_digest");
  want_zero("prev_deferred_proofs_digest");
  const auto next_pc = f("next_pc");
  if (next_pc[0] != F::from_canonical(kHaltPc) || !next_pc[1].is_zero() || !next_pc[2].is_zero())
    reject_complete("next_pc is not HALT_PC");
  want_one("contains_first_shard");
  const auto ts = f("initial_timestamp");
  if (!all_zero(ts.first(3)) || ts[3] != F::one()) reject_complete("initial_timestamp is not 1");
  want_zero("previous_init_addr");
  want_nonzero_address("last_init_addr");
  want_zero("previous_finalize_addr");
  want_nonzero_address("last_finalize_addr");
  want_zero("previous_init_page_idx");
  want_zero("previous_finalize_page_idx");
  want_zero("start_reconstruct_deferred_digest");
  if (!equal(f("end_reconstruct_deferred_digest"), f("deferred_proofs_digest")))
    reject_complete("end_reconstruct_deferred_digest differs from deferred_proofs_digest");
  want_zero("prev_deferred_proof");
  want_zero("prev_exit_code");
  want_zero("prev_commit_syscall");
  want_zero("prev_commit_deferred_syscall");
  want_one("commit_syscall");
  want_one("commit_deferred_syscall");
  if (septic_point(f("global_cumulative_sum")) != septic_digest_zero())
    reject_complete("global_cumulative_sum is not the zero digest");
}

}  // namespace zkgpu::sp1::stage
