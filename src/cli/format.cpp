#include "cli/format.hpp"

#include <cmath>
#include <cstdio>
#include <ostream>

#include "zkgpu/error.hpp"

namespace zkgpu::cli {

std::string format_duration(double seconds) {
  char buf[48];
  if (!(seconds >= 0)) return "-";
  if (seconds < 60) {
    std::snprintf(buf, sizeof buf, "%.1f s", seconds);
    return buf;
  }
  const auto total = static_cast<unsigned long long>(seconds);
  const unsigned long long days = total / 86400, h = total / 3600 % 24, m = total / 60 % 60,
                           s = total % 60;
  if (days > 0)
    std::snprintf(buf, sizeof buf, "%llud %02llu:%02llu:%02llu", days, h, m, s);
  else
    std::snprintf(buf, sizeof buf, "%02llu:%02llu:%02llu", h, m, s);
  return buf;
}

std::string json_text(const nlohmann::json& v) {
  if (v.is_null()) return "-";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
  if (v.is_array()) {
    if (v.empty()) return "-";
    std::string s;
    for (const auto& e : v) s += (s.empty() ? "" : ", ") + json_text(e);
    return s;
  }
  return v.dump();
}

nlohmann::json parse_json_body(const std::vector<uint8_t>& body, const char* what) {
  auto j = nlohmann::json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded())
    throw Error(ErrorCode::bad_frame, std::string("the daemon's ") + what + " reply is not valid JSON");
  return j;
}

void Table::print(std::ostream& out) const {
  std::vector<size_t> width;
  for (const auto& row : rows_) {
    if (width.size() < row.size()) width.resize(row.size(), 0);
    for (size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  }
  for (const auto& row : rows_) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(width[i] - row[i].size() + 2, ' ');
    }
    out << line << '\n';
  }
}

}  // namespace zkgpu::cli
