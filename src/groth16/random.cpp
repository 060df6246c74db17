#include "groth16/random.hpp"

#include <sys/random.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "math/bn254/types.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu::groth16 {

namespace {

void fill_random(void* out, size_t n) {
  auto* p = static_cast<uint8_t*>(out);
  while (n > 0) {
    const ssize_t got = ::getrandom(p, n, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      throw Error(ErrorCode::internal, std::string("getrandom failed: ") + std::strerror(errno));
    }
    p += got;
    n -= size_t(got);
  }
}

}  // namespace

bn254::FrRaw random_fr() {
  // r < 2^254: keep 254 bits and retry the (about 1 in 4) values >= r.
  for (;;) {
    bn254::FrRaw v;
    fill_random(v.limbs, sizeof(v.limbs));
    v.limbs[3] &= (uint64_t(1) << 62) - 1;
    if (bn254::Fr::is_canonical(v)) return v;
  }
}

}  // namespace zkgpu::groth16
