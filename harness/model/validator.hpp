#pragma once
// Checks a JSON value against an operation's input or output shape and
// reports every violation with its requirement ID and the message AWS's
// ValidationException would give. Values of sensitive members never appear
// in a message.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/redacted.hpp"
#include "model/requirements.hpp"
#include "model/spec.hpp"

namespace cpct::model {

struct Violation {
  std::string requirement_id;  // "GetThirdPartyJobDetails.input.jobId.length-max"
  Constraint constraint = Constraint::kType;
  std::string id_path;   // "jobDetails.data.inputArtifacts[].name"
  std::string location;  // AWS style, concrete: "jobDetails.data.inputArtifacts.1.member.name"
  std::string message;   // "Value 'x' at 'jobId' failed to satisfy constraint: Member must ..."
  /// A pattern the whole value does not match but part of it does: a
  /// violation when patterns are anchored (cpct's reading, as AWS's
  /// validators match), none under Smithy's unanchored pattern trait.
  bool contested = false;
  /// Other right forms of the message from its " at '" on. A member inside
  /// a map value is also written "map.KEY.member.x", as list elements are
  /// (docs/project-rules.md, "Map keys and values").
  std::vector<std::string> alternatives;
  /// For a map key or value AWS may locate the violation at the map and
  /// list every constraint of the key (or value) shape, in its own order:
  /// "at '<at>' failed to satisfy constraint: <head>[<rules in any order>]".
  /// Only the parts are kept; the judge compares the list as a set.
  struct RuleList {
    std::string at;    // the map's location
    std::string head;  // "Map keys must satisfy constraint: "
    std::vector<std::string> rules;
  };
  std::optional<RuleList> every_rule;
};

/// Every violation of `value` against `root` (the input or output structure
/// of `operation`), in model order. Type violations (what a deserialiser
/// rejects) come with constraint kType; members of the wrong type are not
/// looked into further. Unknown members are ignored.
std::vector<Violation> validate(const std::string& operation, Direction direction,
                                const Shape& root, const nlohmann::json& value);

/// True when any violation is a type violation (SerializationException).
bool has_type_violation(const std::vector<Violation>& violations);

/// The ValidationException message for constraint violations:
/// "1 validation error detected: ...", "2 validation errors detected: ...; ...".
/// Capped at 5000 code points (the model's Message max).
std::string validation_message(const std::vector<Violation>& violations);

}  // namespace cpct::model
