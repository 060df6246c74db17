#pragma once
// Device side of the tensor commitment (plain C++ interface; kernels in
// merkle_kernels.cu). The tree lives in one buffer of 2n - 1 digests of 8
// Montgomery-form words: the n leaves first, then each level above, the root last
// (level k starts at digest 2n - 2n / 2^k). Every function only enqueues work.
#include <cuda_runtime_api.h>

#include <cstddef>
#include <cstdint>

#include "math/field_id.hpp"
#include "math/hd.hpp"

namespace zkgpu::cuda {

// Digest offset of level k in a tree with n leaves.
ZK_HD size_t merkle_level_offset(size_t n, unsigned k) { return k == 0 ? 0 : 2 * n - (2 * n >> k); }

// Leaf i = sponge hash of row i of `rows` (device, n x width canonical values,
// row-major), written to nodes[8i .. 8i + 8).
void merkle_hash_leaves(Field31 f, const uint32_t* rows, size_t n, size_t width, uint32_t* nodes,
                        cudaStream_t stream);

// Fills every level above the leaves (n a power of two).
void merkle_build_levels(Field31 f, uint32_t* nodes, size_t n, cudaStream_t stream);

// Writes the sibling path of leaf `row` (log2 n digests, leaf level first) and then
// the root, as canonical values, to out (device, 8 * (log2 n + 1) words).
void merkle_gather_path(Field31 f, const uint32_t* nodes, size_t n, size_t row, uint32_t* out,
                        cudaStream_t stream);

// Openings of `count` rows in one launch: row indices[k] of `rows` (n x width
// canonical values) goes to out_rows[k * width ..], and its sibling path (log2 n
// digests, leaf level first, canonical) to out_paths[8 * log2(n) * k ..]. Every
// pointer is device memory; indices are below n.
void merkle_gather_openings(Field31 f, const uint32_t* rows, size_t width, const uint32_t* nodes, size_t n,
                            const uint64_t* indices, size_t count, uint32_t* out_rows, uint32_t* out_paths,
                            cudaStream_t stream);

}  // namespace zkgpu::cuda
