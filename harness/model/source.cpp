#include "model/source.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace cpct::model {

const char* to_string(SourceKind kind) {
  switch (kind) {
    case SourceKind::kModel:
      return "model";
    case SourceKind::kSmithySpec:
      return "smithy-spec";
    case SourceKind::kSmithyTest:
      return "smithy-test";
    case SourceKind::kAwsDocs:
      return "aws-docs";
    case SourceKind::kRfc:
      return "rfc";
    case SourceKind::kObserved:
      return "observed";
    case SourceKind::kProject:
      return "project";
  }
  return "?";
}

bool is_normative(SourceKind kind) {
  return kind != SourceKind::kObserved && kind != SourceKind::kProject;
}

std::string to_text(const Source& source) {
  return std::string(to_string(source.kind)) + ": " + source.ref;
}

nlohmann::json to_json(const std::vector<Source>& sources) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : sources) out.push_back({{"kind", to_string(s.kind)}, {"ref", s.ref}});
  return out;
}

bool any_normative(const std::vector<Source>& sources) {
  return std::any_of(sources.begin(), sources.end(),
                     [](const Source& s) { return is_normative(s.kind); });
}

}  // namespace cpct::model
