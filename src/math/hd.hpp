#pragma once
// ZK_HD marks functions callable from host and device code.
#if defined(__CUDACC__)
#define ZK_HD __host__ __device__ __forceinline__
#define ZK_HD_CONSTEXPR __host__ __device__ constexpr
#else
#define ZK_HD inline
#define ZK_HD_CONSTEXPR constexpr
#endif
