#pragma once
// The recursion programs shipped with the tests (tests/sp1/recursion_programs/, the
// text format of src/sp1/recursion/FORMAT.md), found through the
// ZKGPU_RECURSION_PROGRAMS_DIR the test's CMake target defines.
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace zkgpu::sp1::test {

inline std::string recursion_program_text(const std::string& name) {
  std::ifstream in(std::string(ZKGPU_RECURSION_PROGRAMS_DIR) + "/" + name);
  if (!in) throw std::runtime_error("cannot open recursion program " + name);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace zkgpu::sp1::test
