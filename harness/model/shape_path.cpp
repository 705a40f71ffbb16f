#include "model/shape_path.hpp"

#include <stdexcept>

namespace cpct::model {

std::string to_id_path(const ShapePath& path) {
  std::string out;
  for (const auto& step : path) {
    switch (step.kind) {
      case PathStep::Kind::kMember:
        if (!out.empty()) out += '.';
        out += step.name;
        break;
      case PathStep::Kind::kElement:
        out += "[]";
        break;
      case PathStep::Kind::kMapKey:
        out += "{key}";
        break;
      case PathStep::Kind::kMapValue:
        out += "{}";
        break;
    }
  }
  return out;
}

ShapePath parse_id_path(const std::string& text) {
  ShapePath path;
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (text.compare(pos, 2, "[]") == 0) {
      path.push_back({PathStep::Kind::kElement, {}});
      pos += 2;
    } else if (text.compare(pos, 5, "{key}") == 0) {
      path.push_back({PathStep::Kind::kMapKey, {}});
      pos += 5;
    } else if (text.compare(pos, 2, "{}") == 0) {
      path.push_back({PathStep::Kind::kMapValue, {}});
      pos += 2;
    } else {
      if (text[pos] == '.') {
        if (path.empty()) throw std::invalid_argument("path starts with '.': " + text);
        ++pos;
      }
      const auto end = text.find_first_of(".[{", pos);
      const auto name = text.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
      if (name.empty()) throw std::invalid_argument("empty member name in path: " + text);
      path.push_back({PathStep::Kind::kMember, name});
      pos = end == std::string::npos ? text.size() : end;
    }
  }
  return path;
}

}  // namespace cpct::model
