#pragma once
// The requirement catalogue: every check cpct makes has a stable ID here
// (docs/contracts.md, "Requirement IDs"). Shape requirements are derived from
// the spec, one per constraint per member path; protocol, semantic and
// client requirements come from the table in requirements.cpp.
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/shape_path.hpp"
#include "model/source.hpp"
#include "model/spec.hpp"

namespace cpct::model {

enum class Level { kMust, kShould };
const char* to_string(Level level);

enum class Constraint {
  kRequired,
  kType,
  kLengthMin,
  kLengthMax,
  kPattern,
  kEnum,
  kRangeMin,
  kRangeMax
};
/// The spelling in requirement IDs: "required", "length-max", ...
const char* to_string(Constraint constraint);

enum class Direction { kInput, kOutput };
const char* to_string(Direction direction);  // "input" / "output"

/// Requirement families, as reports group them.
enum class Family {
  kInputConstraints,
  kOutputConstraints,
  kSemantics,
  kProtocol,
  kClientErrorEncoding,
  kClient,
  kRobustness,
  kWorker
};
const char* to_string(Family family);

struct Requirement {
  std::string id;
  Level level = Level::kMust;
  Family family = Family::kProtocol;
  std::string description;
  /// Where it comes from; never empty. A MUST has a normative one.
  std::vector<Source> sources;

  // Shape requirements only (constraint set):
  std::optional<Constraint> constraint;
  std::string operation;
  Direction direction = Direction::kInput;
  ShapePath path;
  const Shape* shape = nullptr;  // the shape at `path` (for kRequired: the member's shape)
};

/// "<Operation>.<direction>.<path>.<constraint>".
std::string shape_requirement_id(const std::string& operation, Direction direction,
                                 const std::string& id_path, Constraint constraint);

/// Operations cpct knows the semantics of (fixtures, semantic requirements).
bool has_semantics(const std::string& operation);

/// The client error encodings of docs/aws-facts.md, one requirement each:
/// "type-bare", "type-namespace", ... (client.awsJson1_1.error.<name>).
const std::vector<std::string>& client_error_encodings();

/// True when the requirement ID `id` matches `glob` (`*`, `?`, `[...]`, as a
/// shell matches file names); an ID without those matches only itself.
bool id_matches(const std::string& glob, const std::string& id);

class Catalogue {
 public:
  explicit Catalogue(const Spec& spec);

  const std::vector<Requirement>& all() const { return requirements_; }
  const Requirement* find(const std::string& id) const;
  /// True when some requirement's ID matches `glob` (id_matches).
  bool matches_any(const std::string& glob) const;
  /// Shape requirements of one operation plus the protocol, semantic and
  /// client requirements that apply to it.
  std::vector<const Requirement*> for_operation(const std::string& operation) const;
  /// Sets `id`'s level, with `why` first among its sources (a service
  /// profile's change). Throws std::out_of_range for an unknown ID.
  void change_level(const std::string& id, Level level, Source why);
  /// Puts `why` first among `id`'s sources (a service profile's reason
  /// for what the requirement expects). Throws std::out_of_range for an
  /// unknown ID.
  void add_source(const std::string& id, Source why);

 private:
  void add(Requirement requirement);
  void add_shape_requirements(const Operation& op, Direction direction, const Shape& root);
  void add_table_requirements(const Spec& spec);

  std::vector<Requirement> requirements_;
  std::unordered_map<std::string, std::size_t> index_;
};

}  // namespace cpct::model
