#include "pipelines/pipeline.hpp"

namespace zkgpu {

void JobContext::check_cancelled() const {
  if (cancel.stop_requested()) throw Error(ErrorCode::cancelled, "job cancelled: the client disconnected");
}

}  // namespace zkgpu
