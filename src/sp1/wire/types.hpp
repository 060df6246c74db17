// SP1 v6 proof artifacts as plain C++ values. Each struct lists its fields in the
// order SP1's serde derive writes them, and declares that order once in `fields`,
// which both the decoder and the encoder walk (so the two cannot drift apart).
// Field elements are held as our field types (KoalaBear in Montgomery form, BN254
// Fr in Montgomery form); on the wire they are canonical.
// Source of the layouts: succinctlabs/sp1 v6.4.0, crates/hypercube/src/verifier/
// {proof.rs, config.rs (both feature variants: variant.hpp)}, crates/hypercube/src/
// logup_gkr/proof.rs, slop/crates/{sumcheck, jagged, stacked, basefold, merkle-tree,
// tensor, multilinear}, crates/recursion/circuit/src/machine/{compress.rs, vkey_proof.rs}.
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sp1/wire/config.hpp"
#include "sp1/wire/variant.hpp"

namespace zkgpu::sp1::wire {

// slop's Tensor: row-major values and up to three dimension sizes whose product is
// the number of values (the decoder enforces both). Mle and MleEval are Tensors of EF.
template <class T>
struct Tensor {
  static constexpr size_t kMaxDimensions = 3;
  std::vector<T> values;
  std::vector<size_t> sizes;
};

// String-keyed maps in SP1's artifacts are BTreeMaps from chip name: sorted by name,
// each name one of the recursion machine's chips (see chip_names.hpp).
template <class T>
using ChipMap = std::map<std::string, T>;

// slop_sumcheck::PartialSumcheckProof: one univariate polynomial (coefficients,
// lowest degree first) per round, the claimed sum, and the final point and value.
struct PartialSumcheckProof {
  std::vector<std::vector<EF>> univariate_polys;
  EF claimed_sum;
  std::vector<EF> point;
  EF eval;

  template <class Self, class V>
  static void fields(Self& s, V&& v) {
    v("univariate_polys", s.univariate_polys);
    v("claimed_sum", s.claimed_sum);
    v("point", s.point);  // point_and_eval.0
    v("eval", s.eval);    // point_and_eval.1
  }
};

struct LogupGkrRoundProof {
  EF numerator_0, numerator_1, denominator_0, denominator_1;
  PartialSumcheckProof sumcheck_proof;

  template <class Self, class V>
  static void fields(Self& s, V&& v) {
    v("numerator_0", s.numerator_0);
    v("numerator_1", s.numerator_1);
    v("denominator_0", s.denominator_0);
    v("denominator_1", s.denominator_1);
    v("sumcheck_proof", s.sumcheck_proof);
  }
};

struct ChipEvaluation {
  Tensor<EF> main_trace_evaluations;
  std::optional<Tensor<EF>> preprocessed_trace_evaluations;

  template <class Self, class V>
  static void fields(Self& s, V&& v) {
    v("main_trace_evaluations", s.main_trace_evaluations);
    v("preprocessed_trace_evaluations", s.preprocessed_trace_evaluations);
  }
};

struct LogupGkrProof {
  Tensor<EF> output_numerator;    // circuit_output.numerator
  Tensor<EF> output_denominator;  // circuit_output.denominator
  std::vector<LogupGkrRoundProof> round_proofs;
  std::vector<EF> evaluation_point;               // logup_evaluations.point
  ChipMap<ChipEvaluation> chip_openings;          // logup_evaluations.chip_openings
  F witness;                                      // grinding witness

  template <class Self, class V>
  static void fields(Self& s, V&& v) {
    v("circuit_output.numerator", s.output_numerator);
    v("circuit_output.denominator", s.output_denominator);
    v("round_proofs", s.round_proofs);
    v("logup_evaluations.point", s.evaluation_point);
    v("logup_evaluations.chip_openings", s.chip_openings);
    v("witness", s.witness);
  }
};

struct ChipOpenedValues {
  std::vector<EF> preprocessed;  // preprocessed.local
  std::vector<EF> main;          // main.local
  std::vector<F> degree;         // big-endian bits of the chip's row count

  template <class Self, class V>
  static void fields(Self& s, V&& v) {
    v("preprocessed.local", s.preprocessed);
    v("main.local", s.main);
    v("degree", s.degree);
  }
};

template <class C>
struct MerkleTreeTcsProof {
  typename C::Digest merkle_root;
  size_t log_tensor_height = 0;
  size_t width = 0;
  Tensor<typename C::Digest> paths;

  template <class Self, class V>
  static void fields(Self& s, V&& v) {
    v("merkle_root", s.merkle_root);
    v("log_tensor_height", s.log_tensor_height);
    v("width", s.width);
    v("paths", s.paths);
  }
};

template <class C>
struct MerkleTreeOpeningAndProof {
  Tensor<F> values;
  MerkleTreeTcsProof<C> proof;

  template <class Self, class V>
  static void fields(Self& s, V&& v) {
    v("values", s.values);
    v("proof", s.proof);
  }
};

template <class C>
struct BasefoldProof {
  std::vector<std::array<EF, 2>> univariate_messages;
  std::vector<typename C::Digest> fri_commitments;
  std::vector<MerkleTreeOpeningAndProof<C>> component_polynomials_query_openings_and_proofs;
  std::vector<MerkleTreeOpeningAndProof<C>> query_phase_openings_and_proofs;
  EF final_poly;
  F pow_witness;
  F batch_grinding_witness;

  template <class Self, class V>
  static void fields(Self& s, V&& v) {
    v("univariate_messages", s.univariate_messages);
    v("fri_commitments", s.fri_commitments);
    v("component_polynomials_query_openings_and_proofs",
      s.component_polynomials_query_openings_and_proofs);
    v("query_phase_openings_and_proofs", s.query_phase_openings_and_proofs);
    v("final_poly", s.final_poly);
    v("pow_witness", s.pow_witness);
    v("batch_grinding_witness", s.batch_grinding_witness);
  }
};

// SP1PcsProof = slop_stacked::StackedBasefoldProof.
template <class C>
struct StackedBasefoldProof {
  BasefoldProof<C> basefold_proof;
  std::vector<Tensor<EF>> batch_evaluations;  // Rounds<MleEval<EF>>, one per commitment round

  template <class Self, class V>
  static void fields(Self& s, V&& v) {
    v("basefold_proof", s.basefold_proof);
    v("batch_evaluations", s.batch_evaluations);
  }
};

template <class C>
struct JaggedPcsProof {
  StackedBasefoldProof<C> pcs_proof;
  PartialSumcheckProof sumcheck_proof;
  PartialSumcheckProof jagged_eval_proof;  // JaggedSumcheckEvalProof.partial_sumcheck_proof
  std::vector<std::vector<std::pair<size_t, size_t>>> row_counts_and_column_counts;  // per round
  std::vector<typename C::Digest> merkle_tree_commitments;                           // per round
  EF expected_eval;
  size_t max_log_row_count = 0;
  size_t log_m = 0;

  template <class Self, class V>
  static void fields(Self& s, V&& v) {
    v("pcs_proof", s.pcs_proof);
    v("sumcheck_proof", s.sumcheck_proof);
    v("jagged_eval_proof", s.jagged_eval_proof);
    v("row_counts_and_column_counts", s.row_counts_and_column_counts);
    v("merkle_tree_commitments", s.merkle_tree_commitments);
    v("expected_eval", s.expected_eval);
    v("max_log_row_count", s.max_log_row_count);
    v("log_m", s.log_m);
  }
};

template <class C>
struct ShardProof {
  std::vector<F> public_values;
  typename C::Digest main_commitment;
  LogupGkrProof logup_gkr_proof;
  PartialSumcheckProof zerocheck_proof;
  ChipMap<ChipOpenedValues> opened_values;  // ShardOpenedValues.chips
  JaggedPcsProof<C> evaluation_proof;

  template <class Self, class V>
  static void fields(Self& s, V&& v) {
    v("public_values", s.public_values);
    v("main_commitment", s.main_commitment);
    v("logup_gkr_proof", s.logup_gkr_proof);
    v("zerocheck_proof", s.zerocheck_proof);
    v("opened_values.chips", s.opened_values);
    v("evaluation_proof", s.evaluation_proof);
  }
};

// UntrustedConfig<F>. `variant` is not on the wire: it says which fields are
// (the decoder sets it, the encoder follows it). In the default variant the
// mprotect-only fields are zero and neither read nor written.
struct UntrustedConfig {
  Sp1Variant variant = Sp1Variant::Default;
  F enable_untrusted_programs{};
  // mprotect only:
  F enable_trap_handler{};
  std::array<std::array<F, 3>, 3> trap_context{};      // `address`, +8, +16, each 3 limbs
  std::array<std::array<F, 3>, 2> untrusted_memory{};  // the region mprotect may be called on

  template <class Self, class V>
  static void fields(Self& s, V&& v) {
    v("enable_untrusted_programs", s.enable_untrusted_programs);
    if (s.variant != Sp1Variant::Mprotect) return;
    v("enable_trap_handler", s.enable_trap_handler);
    v("trap_context", s.trap_context);
    v("untrusted_memory", s.untrusted_memory);
  }
};

// The config's elements in the order SP1 observes and hashes them
// (MachineVerifyingKey::observe_into, HashableKey::hash_koalabear): the flag, then
// under mprotect the trap handler flag, trap_context and untrusted_memory row by row.
inline std::vector<F> untrusted_config_elements(const UntrustedConfig& c) {
  std::vector<F> out{c.enable_untrusted_programs};
  if (c.variant != Sp1Variant::Mprotect) return out;
  out.push_back(c.enable_trap_handler);
  for (const auto& row : c.trap_context) out.insert(out.end(), row.begin(), row.end());
  for (const auto& row : c.untrusted_memory) out.insert(out.end(), row.begin(), row.end());
  return out;
}

template <class C>
struct MachineVerifyingKey {
  std::array<F, 3> pc_start;
  std::array<F, 7> initial_global_cumulative_sum_x;  // SepticDigest: a point (x, y)
  std::array<F, 7> initial_global_cumulative_sum_y;  // on the septic curve
  typename C::Digest preprocessed_commit;
  UntrustedConfig untrusted_config;

  Sp1Variant variant() const { return untrusted_config.variant; }

  template <class Self, class V>
  static void fields(Self& s, V&& v) {
    v("pc_start", s.pc_start);
    v("initial_global_cumulative_sum.x", s.initial_global_cumulative_sum_x);
    v("initial_global_cumulative_sum.y", s.initial_global_cumulative_sum_y);
    v("preprocessed_commit", s.preprocessed_commit);
    v("untrusted_config", s.untrusted_config);
  }
};

// A path proving a recursion vk's digest is a leaf of the vk Merkle tree (inner
// digests, whatever the configuration of the proof it accompanies).
struct MerkleProof {
  size_t index = 0;
  std::vector<InnerDigest> path;

  template <class Self, class V>
  static void fields(Self& s, V&& v) {
    v("index", s.index);
    v("path", s.path);
  }
};

template <class C>
struct VkAndProof {
  MachineVerifyingKey<C> vk;
  ShardProof<C> proof;

  template <class Self, class V>
  static void fields(Self& s, V&& v) {
    v("vk", s.vk);
    v("proof", s.proof);
  }
};

// SP1CompressWithVKeyWitnessValues<SP1PcsProofInner>: the input of SP1's shrink
// program: compress-stage proofs with their vks, and the Merkle proofs that each
// vk's digest (`values[i]`) lies under `root`.
struct CompressWitness {
  std::vector<VkAndProof<InnerConfig>> vks_and_proofs;  // compress_val.vks_and_proofs
  bool is_complete = false;                             // compress_val.is_complete
  std::vector<MerkleProof> vk_merkle_proofs;            // merkle_val.vk_merkle_proofs
  std::vector<InnerDigest> vk_digests;                  // merkle_val.values
  InnerDigest vk_root;                                  // merkle_val.root

  template <class Self, class V>
  static void fields(Self& s, V&& v) {
    v("compress_val.vks_and_proofs", s.vks_and_proofs);
    v("compress_val.is_complete", s.is_complete);
    v("merkle_val.vk_merkle_proofs", s.vk_merkle_proofs);
    v("merkle_val.values", s.vk_digests);
    v("merkle_val.root", s.vk_root);
  }
};

}  // namespace zkgpu::sp1::wire
