#pragma once
// Where a requirement or an acceptable answer comes from. A verdict is only
// as good as its source: MUST needs a normative one (docs/requirements.md).
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace cpct::model {

enum class SourceKind {
  kModel,       // a trait or shape of the service model
  kSmithySpec,  // a statement of the Smithy specification (protocol, traits)
  kSmithyTest,  // a Smithy protocol compliance test, by its ID
  kAwsDocs,     // the AWS API reference of the operation or service
  kRfc,         // an IETF standard the protocol is built on (JSON, HTTP)
  kObserved,    // observed AWS behaviour, with the evidence
  kProject,     // a rule cpct decided where no document does
};
/// "model", "smithy-spec", "smithy-test", "aws-docs", "rfc", "observed", "project".
const char* to_string(SourceKind kind);

/// True for the kinds a MUST may rest on.
bool is_normative(SourceKind kind);

struct Source {
  SourceKind kind = SourceKind::kProject;
  std::string ref;  // a short reference a reader can look up, in cpct's words
  bool operator==(const Source&) const = default;
};

/// "smithy-test: AwsJson11FooErrorUsingCode".
std::string to_text(const Source& source);
nlohmann::json to_json(const std::vector<Source>& sources);

/// True when any of `sources` is normative.
bool any_normative(const std::vector<Source>& sources);

}  // namespace cpct::model
