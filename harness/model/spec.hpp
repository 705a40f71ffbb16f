#pragma once
// The in-memory service model: what cpct knows of an API, reduced to shapes
// and constraints (no documentation). Everything else in cpct reads this.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/wire.hpp"
#include "pattern/pattern.hpp"

namespace cpct::model {

enum class ShapeType {
  kStructure,
  kList,
  kMap,
  kString,
  kInteger,
  kLong,
  kDouble,
  kFloat,
  kBoolean,
  kTimestamp,
  kBlob,
  kDocument,  // free-form JSON (a structure marked "document")
};

/// The botocore spelling of a shape type ("structure", "list", ...).
const char* to_string(ShapeType type);

struct Shape;

struct Member {
  std::string name;
  std::string shape_name;
  const Shape* shape = nullptr;  // resolved after import
  bool required = false;
};

struct Shape {
  std::string name;
  ShapeType type = ShapeType::kString;
  // min/max: length (code points for strings, bytes for blobs, elements for
  // lists and maps) or range (numbers), as botocore stores them.
  std::optional<double> min;
  std::optional<double> max;
  std::shared_ptr<const pattern::Pattern> pattern;
  std::vector<std::string> enum_values;
  bool sensitive = false;
  bool exception = false;
  int error_status = 400;  // HTTP status of an exception shape
  bool is_union = false;
  /// botocore's "eventstream": a stream of framed events, not a JSON value.
  bool event_stream = false;
  std::vector<Member> members;  // structures, in model order
  Member list_member;           // lists
  Member map_key;               // maps
  Member map_value;             // maps

  bool is_numeric() const;
  const Member* find_member(const std::string& member_name) const;
};

struct Operation {
  std::string name;
  const Shape* input = nullptr;   // may be null: no input
  const Shape* output = nullptr;  // may be null: no output
  std::vector<const Shape*> errors;
  /// A top-level member of the input (output) is an event stream: that
  /// message is framed events, which the aws-json protocol does not
  /// specify (docs/aws-facts.md, "Event streams").
  bool input_event_stream = false;
  bool output_event_stream = false;
};

struct Metadata {
  std::string protocol;
  std::string json_version;
  std::string target_prefix;
  std::string signing_name;
  std::string service_id;
  std::string api_version;
  std::string uid;
};

/// A loaded model. Shapes are owned here; pointers into it stay valid for
/// the Spec's lifetime (it is neither copyable nor movable for that reason;
/// share it by reference or shared_ptr).
class Spec {
 public:
  Spec() = default;
  Spec(const Spec&) = delete;
  Spec& operator=(const Spec&) = delete;

  Metadata metadata;
  Wire wire;  // from the metadata: awsJson1_0 or awsJson1_1
  std::map<std::string, Shape> shapes;
  std::map<std::string, Operation> operations;

  const Shape* find_shape(const std::string& name) const;
  const Operation* find_operation(const std::string& name) const;
  /// The operation named, or a SpecError listing the known ones.
  const Operation& operation(const std::string& name) const;
};

/// A model that cannot be loaded, or a request of it that cannot be met.
class SpecError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace cpct::model
