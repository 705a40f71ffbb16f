#include "model/json_depth.hpp"

namespace cpct::model {

namespace {

// Calls on(c, offset) for each bracket and comma outside strings, until it
// returns false: the one walk both bounds read.
template <class On>
void scan_structure(std::string_view text, On on) {
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{' || c == ']' || c == '}' || c == ',') {
      if (!on(c, i)) return;
    }
  }
}

}  // namespace

std::size_t json_nesting_depth(std::string_view text, std::size_t limit, std::size_t* at) {
  std::size_t depth = 0;
  std::size_t deepest = 0;
  scan_structure(text, [&](char c, std::size_t i) {
    if (c == '[' || c == '{') {
      if (++depth > limit) {
        if (at != nullptr) *at = i;
        deepest = depth;
        return false;
      }
      if (depth > deepest) deepest = depth;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
    return true;
  });
  return deepest;
}

JsonBound json_bound_broken(std::string_view text, std::size_t max_depth, std::size_t max_values) {
  // Every value but a container's first follows a comma; a container's
  // first follows its bracket: commas plus brackets bound the values.
  std::size_t depth = 0;
  std::size_t values = 1;
  JsonBound broken = JsonBound::kNone;
  scan_structure(text, [&](char c, std::size_t) {
    if (c == ']' || c == '}') {
      if (depth > 0) --depth;
      return true;
    }
    if (++values > max_values) broken = JsonBound::kValues;
    if (c != ',' && ++depth > max_depth) {
      broken = JsonBound::kDepth;  // depth is named first, whatever else
      return false;
    }
    return true;
  });
  return broken;
}

nlohmann::json parse_json_within(std::string_view text, std::size_t max_depth) {
  if (json_nesting_depth(text, max_depth) > max_depth) return nlohmann::json::value_t::discarded;
  return nlohmann::json::parse(text, nullptr, false);
}

}  // namespace cpct::model
