// The short-Weierstrass curves y^2 = x^3 + a x + b of SP1 v6.4's curve precompiles
// (crates/curves/src/weierstrass/): each one's base field (field_params.hpp), its
// chips' names (crates/core/machine/src/syscall/precompiles/weierstrass/), its
// syscalls' ids (SyscallCode::syscall_id, the code's low byte: crates/core/
// executor/src/syscall_code.rs) and a's limbs (WeierstrassParameters::a_int). b
// enters no constraint: the chips never check that a point is on the curve.
#pragma once

#include <array>
#include <cstdint>

#include "sp1/air/riscv/field_params.hpp"

namespace zkgpu::sp1::air::riscv {

struct Secp256k1Curve {
  using BaseField = Secp256k1BaseField;
  static constexpr const char* kAddName = "Secp256k1AddAssign";
  static constexpr const char* kAddUserName = "Secp256k1AddAssignUser";
  static constexpr const char* kDoubleName = "Secp256k1DoubleAssign";
  static constexpr const char* kDoubleUserName = "Secp256k1DoubleAssignUser";
  static constexpr uint32_t kAddSyscallId = 0x0A, kDoubleSyscallId = 0x0B;
  static constexpr std::array<uint8_t, BaseField::kLimbs> kA{};  // a = 0
};

struct Secp256r1Curve {
  using BaseField = Secp256r1BaseField;
  static constexpr const char* kAddName = "Secp256r1AddAssign";
  static constexpr const char* kAddUserName = "Secp256r1AddAssignUser";
  static constexpr const char* kDoubleName = "Secp256r1DoubleAssign";
  static constexpr const char* kDoubleUserName = "Secp256r1DoubleAssignUser";
  static constexpr uint32_t kAddSyscallId = 0x2C, kDoubleSyscallId = 0x2D;
  // a = p - 3.
  static constexpr std::array<uint8_t, BaseField::kLimbs> kA{
      0xfc, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00,
      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff};
};

struct Bn254Curve {
  using BaseField = Bn254BaseField;
  static constexpr const char* kAddName = "Bn254AddAssign";
  static constexpr const char* kAddUserName = "Bn254AddAssignUser";
  static constexpr const char* kDoubleName = "Bn254DoubleAssign";
  static constexpr const char* kDoubleUserName = "Bn254DoubleAssignUser";
  static constexpr uint32_t kAddSyscallId = 0x0E, kDoubleSyscallId = 0x0F;
  static constexpr std::array<uint8_t, BaseField::kLimbs> kA{};  // a = 0
};

struct Bls12381Curve {
  using BaseField = Bls12381BaseField;
  static constexpr const char* kAddName = "Bls12381AddAssign";
  static constexpr const char* kAddUserName = "Bls12381AddAssignUser";
  static constexpr const char* kDoubleName = "Bls12381DoubleAssign";
  static constexpr const char* kDoubleUserName = "Bls12381DoubleAssignUser";
  static constexpr uint32_t kAddSyscallId = 0x1E, kDoubleSyscallId = 0x1F;
  static constexpr std::array<uint8_t, BaseField::kLimbs> kA{};  // a = 0
};

}  // namespace zkgpu::sp1::air::riscv
