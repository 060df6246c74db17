#include "sp1/prover/basefold_encoder.hpp"

#include <bit>
#include <stdexcept>

namespace zkgpu::sp1::prover {

std::vector<uint32_t> rs_encode(StarkOps& ops, std::span<const uint32_t> message, size_t height, size_t width,
                                unsigned log_blowup) {
  const auto resident = rs_encode_resident(ops, message, height, width, log_blowup);
  std::vector<uint32_t> code(resident->rows() * width);
  ops.download(*resident, MatrixView{code.data(), resident->rows(), width});
  return code;
}

std::unique_ptr<ResidentMatrix> rs_encode_resident(StarkOps& ops, std::span<const uint32_t> message, size_t height,
                                                   size_t width, unsigned log_blowup) {
  if (height == 0 || !std::has_single_bit(height) || width == 0 || message.size() != height * width)
    throw std::invalid_argument("rs_encode: the message must be a power-of-two number of rows of `width` values");
  return ops.rs_encode(Field31::koalabear, ConstMatrixView{message.data(), height, width}, log_blowup);
}

std::vector<wire::EF> rs_encode_ext(StarkOps& ops, std::span<const wire::EF> message, unsigned log_blowup) {
  constexpr size_t kD = 4;
  std::vector<uint32_t> flat(message.size() * kD);
  for (size_t i = 0; i < message.size(); ++i)
    for (size_t j = 0; j < kD; ++j) flat[i * kD + j] = message[i].c[j].to_canonical();
  const std::vector<uint32_t> code = rs_encode(ops, flat, message.size(), kD, log_blowup);
  std::vector<wire::EF> out(code.size() / kD);
  for (size_t i = 0; i < out.size(); ++i)
    for (size_t j = 0; j < kD; ++j) out[i].c[j] = wire::F::from_canonical(code[i * kD + j]);
  return out;
}

}  // namespace zkgpu::sp1::prover
