#include <map>

#include "pipelines/pipeline.hpp"

namespace zkgpu {

using HandlerMap = std::map<proto::Op, OpHandler>;

// One registration function per op family, each in its own file.
// (families add their declarations and calls here)

namespace {
HandlerMap build() {
  HandlerMap m;
  return m;
}
}  // namespace

const OpHandler* find_handler(proto::Op op) {
  static const HandlerMap handlers = build();
  auto it = handlers.find(op);
  return it == handlers.end() ? nullptr : &it->second;
}

}  // namespace zkgpu
