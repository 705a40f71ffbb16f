#pragma once
// A path from an operation's input or output structure down to a member,
// list element, map key or map value, and its spelling in requirement IDs
// (docs/contracts.md, "Requirement IDs": dotted names, `[]` after a list,
// `{key}` / `{}` for a map's keys / values).
#include <string>
#include <vector>

namespace cpct::model {

struct PathStep {
  enum class Kind { kMember, kElement, kMapKey, kMapValue };
  Kind kind = Kind::kMember;
  std::string name;  // member name for kMember
};

using ShapePath = std::vector<PathStep>;

/// "jobDetails.data.inputArtifacts[].name", "a.configuration{key}".
std::string to_id_path(const ShapePath& path);

/// Parses what to_id_path writes; std::nullopt-free: throws std::invalid_argument.
ShapePath parse_id_path(const std::string& text);

}  // namespace cpct::model
