# All dependencies come from Debian packages (scripts/install-deps.sh) and the
# CUDA toolkit. spdlog and fmt are used header-only so the daemon links statically.
find_package(Threads REQUIRED)
find_package(Boost 1.74 REQUIRED)            # Asio is header-only
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 REQUIRED)
if(ZKGPU_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()

add_library(zkgpu_deps INTERFACE)
target_link_libraries(zkgpu_deps INTERFACE
  Threads::Threads Boost::headers spdlog::spdlog_header_only fmt::fmt-header-only
  nlohmann_json::nlohmann_json)
target_compile_definitions(zkgpu_deps INTERFACE BOOST_ASIO_NO_DEPRECATED)
