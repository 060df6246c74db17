#pragma once
// Turns CUDA runtime errors into zkgpu::Error so they become error replies on
// the request that hit them, never a crash. Allocation failures map to
// out_of_memory; everything else to device_error.
#include <cuda_runtime_api.h>

#include <string>

#include "zkgpu/error.hpp"

namespace zkgpu::cuda {

inline bool is_sticky(cudaError_t e);

[[noreturn]] inline void throw_cuda_error(cudaError_t e, const char* what) {
  // A failed call (e.g. an allocation) is also recorded as the runtime's last
  // error; clear a non-sticky one so the next launch check does not report it again.
  if (!is_sticky(e)) (void)cudaGetLastError();
  const ErrorCode code = e == cudaErrorMemoryAllocation ? ErrorCode::out_of_memory : ErrorCode::device_error;
  throw Error(code, std::string(what) + ": " + cudaGetErrorName(e) + " (" + cudaGetErrorString(e) + ")");
}

inline void check(cudaError_t e, const char* what) {
  if (e != cudaSuccess) throw_cuda_error(e, what);
}

// After a kernel launch: reports launch-configuration errors at once.
inline void check_launch(const char* kernel) { check(cudaGetLastError(), kernel); }

// True for errors that poison the context (every later call fails too); the
// backend must reset the device before the next job.
inline bool is_sticky(cudaError_t e) {
  switch (e) {
    case cudaErrorIllegalAddress:
    case cudaErrorLaunchFailure:
    case cudaErrorIllegalInstruction:
    case cudaErrorMisalignedAddress:
    case cudaErrorInvalidAddressSpace:
    case cudaErrorInvalidPc:
    case cudaErrorHardwareStackError:
    case cudaErrorAssert:
    case cudaErrorECCUncorrectable:
    case cudaErrorLaunchTimeout:
      return true;
    default:
      return false;
  }
}

}  // namespace zkgpu::cuda
