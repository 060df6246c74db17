# Project-wide warning flags for host C++ (nvcc gets its own in Cuda.cmake).
add_library(zkgpu_warnings INTERFACE)
target_compile_options(zkgpu_warnings INTERFACE
  $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wpedantic -Wno-unused-parameter>)
