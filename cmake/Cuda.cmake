# Decides whether the CUDA backend is built. Without nvcc the build falls back to
# the CPU backend and says so in one line.
set(ZKGPU_HAVE_CUDA OFF)
if(ZKGPU_ENABLE_CUDA)
  include(CheckLanguage)
  if(NOT CMAKE_CUDA_COMPILER AND EXISTS /usr/local/cuda/bin/nvcc)
    set(CMAKE_CUDA_COMPILER /usr/local/cuda/bin/nvcc)
  endif()
  check_language(CUDA)
  if(CMAKE_CUDA_COMPILER)
    # SASS for every supported generation, PTX for compute_120 so newer chips JIT.
    if(NOT DEFINED CMAKE_CUDA_ARCHITECTURES)
      set(CMAKE_CUDA_ARCHITECTURES 80-real 86-real 89-real 90-real 100-real 120)
    endif()
    enable_language(CUDA)
    # CMake 3.25 predates nvcc's C++20 support in its tables; name the flag here.
    if(NOT CMAKE_CUDA20_STANDARD_COMPILE_OPTION)
      set(CMAKE_CUDA20_STANDARD_COMPILE_OPTION "-std=c++20")
      set(CMAKE_CUDA20_EXTENSION_COMPILE_OPTION "-std=c++20")
    endif()
    set(CMAKE_CUDA_STANDARD 20)
    set(CMAKE_CUDA_STANDARD_REQUIRED ON)
    # Static CUDA runtime: the daemon must not need libcudart.so.N on the host.
    set(CMAKE_CUDA_RUNTIME_LIBRARY Static)
    find_package(CUDAToolkit REQUIRED)
    set(ZKGPU_HAVE_CUDA ON)
    message(STATUS "zkgpud: CUDA backend enabled (nvcc ${CMAKE_CUDA_COMPILER_VERSION}, archs ${CMAKE_CUDA_ARCHITECTURES})")
  else()
    message(STATUS "zkgpud: nvcc not found; building the CPU backend only")
  endif()
else()
  message(STATUS "zkgpud: CUDA disabled (ZKGPU_ENABLE_CUDA=OFF); building the CPU backend only")
endif()

# Flags for every CUDA target of the project.
add_library(zkgpu_cuda_flags INTERFACE)
if(ZKGPU_HAVE_CUDA)
  target_compile_options(zkgpu_cuda_flags INTERFACE
    $<$<COMPILE_LANGUAGE:CUDA>:--expt-relaxed-constexpr -Xcompiler=-Wall>)
endif()
