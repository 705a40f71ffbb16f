#include "model/json_depth.hpp"

namespace cpct::model {

std::size_t json_nesting_depth(std::string_view text, std::size_t limit, std::size_t* at) {
  std::size_t depth = 0;
  std::size_t deepest = 0;
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
    } else if (c == '[' || c == '{') {
      if (++depth > limit) {
        if (at != nullptr) *at = i;
        return depth;
      }
      if (depth > deepest) deepest = depth;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

std::size_t json_value_count(std::string_view text, std::size_t limit) {
  // Every value but a container's first follows a comma; a container's
  // first follows its bracket: commas plus brackets bound the values.
  std::size_t count = 1;
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
    } else if ((c == ',' || c == '[' || c == '{') && ++count > limit) {
      return count;
    }
  }
  return count;
}

nlohmann::json parse_json_within(std::string_view text, std::size_t max_depth) {
  if (json_nesting_depth(text, max_depth) > max_depth) return nlohmann::json::value_t::discarded;
  return nlohmann::json::parse(text, nullptr, false);
}

}  // namespace cpct::model
