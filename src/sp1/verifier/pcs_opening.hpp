// Step 5 of the shard verifier: the jagged PCS opening. The claims are the chips'
// zerocheck openings, flattened per commitment round (preprocessed: the chips that
// have preprocessed columns, in shard order; main: every chip), all at the zerocheck
// point, against [vk.preprocessed_commit, proof.main_commitment].
#pragma once

#include <vector>

#include "sp1/pcs/iop.hpp"
#include "sp1/pcs/jagged.hpp"
#include "sp1/verifier/shard_chips.hpp"
#include "sp1/wire/types.hpp"

namespace zkgpu::sp1::verifier {

// The two rounds' flattened opening claims.
std::vector<std::vector<wire::EF>> flattened_openings(const ShardChips& chips);

template <class C>
void verify_pcs_opening(const ShardChips& chips, const wire::MachineVerifyingKey<C>& vk,
                        const wire::ShardProof<C>& proof, const pcs::JaggedParams& params,
                        typename pcs::Iop<C>::Challenger& challenger);

}  // namespace zkgpu::sp1::verifier
