#include "model/validator.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <limits>

#include "model/base64.hpp"
#include "model/shape_walk.hpp"
#include "text/utf8.hpp"

namespace cpct::model {
namespace {

using nlohmann::json;

// One step of the concrete location being checked.
struct Frame {
  PathStep::Kind kind;
  const std::string* name;  // member name or map key
  std::size_t index;        // list index (0-based)
};

class Checker {
 public:
  Checker(const std::string& operation, Direction direction, std::vector<Violation>& out)
      : operation_(operation), direction_(direction), out_(out) {}

  void structure(const Shape& shape, const json& value, bool sensitive) {
    for (const auto& member : shape.members) {
      const auto it = value.find(member.name);
      frames_.push_back({PathStep::Kind::kMember, &member.name, 0});
      const bool member_sensitive = sensitive || member.shape->sensitive;
      // A null member is absent (docs/aws-facts.md).
      if (it == value.end() || it->is_null()) {
        if (member.required) report(Constraint::kRequired, "Value null", "Member must not be null");
      } else {
        check(*member.shape, *it, member_sensitive);
      }
      frames_.pop_back();
    }
  }

 private:
  void check(const Shape& shape, const json& value, bool sensitive) {
    if (!type_ok(shape, value)) {
      report(Constraint::kType, std::string("Value of type ") + value.type_name(),
             std::string("Member must be of type ") + to_string(shape.type));
      return;
    }
    switch (shape.type) {
      case ShapeType::kStructure:
        structure(shape, value, sensitive);
        break;
      case ShapeType::kList:
        list(shape, value, sensitive);
        break;
      case ShapeType::kMap:
        map(shape, value, sensitive);
        break;
      case ShapeType::kString:
        string(shape, value.get_ref<const std::string&>(), sensitive);
        break;
      case ShapeType::kBlob: {
        const auto& text = value.get_ref<const std::string&>();
        // type_ok has checked that `text` is base64.
        const auto size = static_cast<long long>(base64_decoded_size(text).value_or(0));
        length(shape, size, [&] { return sensitive ? redacted() : quoted(text); });
        break;
      }
      case ShapeType::kInteger:
      case ShapeType::kLong:
      case ShapeType::kDouble:
      case ShapeType::kFloat:
        number(shape, value, sensitive);
        break;
      default:
        break;
    }
  }

  static bool type_ok(const Shape& shape, const json& value) {
    switch (shape.type) {
      case ShapeType::kStructure:
      case ShapeType::kMap:
        return value.is_object();
      case ShapeType::kList:
        return value.is_array();
      case ShapeType::kString:
        return value.is_string();
      case ShapeType::kBlob:
        return value.is_string() &&
               base64_decoded_size(value.get_ref<const std::string&>()).has_value();
      case ShapeType::kBoolean:
        return value.is_boolean();
      case ShapeType::kTimestamp:
        return value.is_number();
      case ShapeType::kInteger:
        if (value.is_number_unsigned())
          return value.get<std::uint64_t>() <= std::numeric_limits<std::int32_t>::max();
        if (value.is_number_integer()) {
          const auto v = value.get<std::int64_t>();
          return v >= std::numeric_limits<std::int32_t>::min() &&
                 v <= std::numeric_limits<std::int32_t>::max();
        }
        return false;
      case ShapeType::kLong:
        return value.is_number_integer() &&
               !(value.is_number_unsigned() &&
                 value.get<std::uint64_t>() >
                     static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()));
      case ShapeType::kDouble:
      case ShapeType::kFloat:
        if (value.is_number()) return true;
        // awsJson sends non-finite numbers as these strings.
        if (value.is_string()) {
          const auto& s = value.get_ref<const std::string&>();
          return s == "NaN" || s == "Infinity" || s == "-Infinity";
        }
        return false;
      case ShapeType::kDocument:
        return true;
    }
    return false;
  }

  void list(const Shape& shape, const json& value, bool sensitive) {
    length(shape, static_cast<long long>(value.size()),
           [&] { return sensitive ? redacted() : "Value '" + compact(value) + "'"; });
    const Shape& element = *shape.list_member.shape;
    for (std::size_t i = 0; i < value.size(); ++i) {
      frames_.push_back({PathStep::Kind::kElement, nullptr, i});
      // Lists are dense: a null element is a wrong type *(project rule)*.
      if (value[i].is_null())
        report(Constraint::kType, "Value null", "Member must not be null");
      else
        check(element, value[i], sensitive || element.sensitive);
      frames_.pop_back();
    }
  }

  void map(const Shape& shape, const json& value, bool sensitive) {
    length(shape, static_cast<long long>(value.size()),
           [&] { return sensitive ? redacted() : "Value '" + compact(value) + "'"; });
    const Shape& key_shape = *shape.map_key.shape;
    const Shape& value_shape = *shape.map_value.shape;
    for (const auto& [key, item] : value.items()) {
      frames_.push_back({PathStep::Kind::kMapKey, &key, 0});
      string(key_shape, key, sensitive || key_shape.sensitive);
      frames_.back().kind = PathStep::Kind::kMapValue;
      if (item.is_null())
        report(Constraint::kType, "Value null", "Member must not be null");
      else
        check(value_shape, item, sensitive || value_shape.sensitive);
      frames_.pop_back();
    }
  }

  void string(const Shape& shape, const std::string& text, bool sensitive) {
    checked_ = &shape;
    const auto shown = [&] { return sensitive ? redacted() : quoted(text); };
    const auto code_points = text::count_code_points(text);
    if (!code_points) {
      report(Constraint::kType, shown(), "Member must be valid UTF-8");
      return;
    }
    length(shape, static_cast<long long>(*code_points), shown);
    if (shape.pattern && !shape.pattern->matches(text)) {
      report(Constraint::kPattern, shown(),
             "Member must satisfy regular expression pattern: " + shape.pattern->source());
      // Smithy's pattern trait is not anchored: a value that matches in part
      // satisfies it under that reading (docs/project-rules.md, "Patterns").
      out_.back().contested = shape.pattern->matches_somewhere(text);
    }
    if (!shape.enum_values.empty() && std::find(shape.enum_values.begin(), shape.enum_values.end(),
                                                text) == shape.enum_values.end()) {
      std::string set;
      for (const auto& v : shape.enum_values) set += (set.empty() ? "" : ", ") + v;
      report(Constraint::kEnum, shown(), "Member must satisfy enum value set: [" + set + "]");
    }
  }

  // `shown` makes the "Value '...'" text: only called when a constraint
  // fails, since dumping every list and map on the way down costs more than
  // the checks themselves.
  template <typename Shown>
  void length(const Shape& shape, long long size, const Shown& shown) {
    checked_ = &shape;
    if (shape.min && *shape.min > 0 && static_cast<double>(size) < *shape.min)
      report(Constraint::kLengthMin, shown(),
             "Member must have length greater than or equal to " + format_number(*shape.min));
    if (shape.max && static_cast<double>(size) > *shape.max)
      report(Constraint::kLengthMax, shown(),
             "Member must have length less than or equal to " + format_number(*shape.max));
  }

  void number(const Shape& shape, const json& value, bool sensitive) {
    if (!value.is_number()) return;  // "NaN" and friends: no range to check
    checked_ = &shape;
    const double v = value.get<double>();
    const auto shown = [&] { return sensitive ? redacted() : "Value '" + value.dump() + "'"; };
    if (shape.min && v < *shape.min)
      report(Constraint::kRangeMin, shown(),
             "Member must have value greater than or equal to " + format_number(*shape.min));
    if (shape.max && v > *shape.max)
      report(Constraint::kRangeMax, shown(),
             "Member must have value less than or equal to " + format_number(*shape.max));
  }

  static std::string lower_first(std::string name) {
    if (!name.empty())
      name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
    return name;
  }

  static std::string redacted() { return std::string("Value '") + kRedacted + "'"; }
  static std::string quoted(const std::string& text) { return "Value '" + text + "'"; }
  static std::string compact(const json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
  }

  // Every constraint `shape` declares, as AWS words each one.
  static std::vector<std::string> all_rules(const Shape& shape) {
    std::vector<std::string> out;
    const bool numeric = shape.type == ShapeType::kInteger || shape.type == ShapeType::kLong ||
                         shape.type == ShapeType::kDouble || shape.type == ShapeType::kFloat;
    const std::string what = numeric ? "value" : "length";
    if (shape.max)
      out.push_back("Member must have " + what + " less than or equal to " +
                    format_number(*shape.max));
    if (shape.min)
      out.push_back("Member must have " + what + " greater than or equal to " +
                    format_number(*shape.min));
    if (shape.pattern)
      out.push_back("Member must satisfy regular expression pattern: " + shape.pattern->source());
    if (!shape.enum_values.empty()) {
      std::string set;
      for (const auto& v : shape.enum_values) set += (set.empty() ? "" : ", ") + v;
      out.push_back("Member must satisfy enum value set: [" + set + "]");
    }
    return out;
  }

  // The location of the first `upto` frames, as AWS writes it: member
  // names with a lower-case first letter ("at 'streamName'" for Kinesis's
  // StreamName), elements as "N.member", a map key at the map itself, a map
  // value at "map.KEY" (then ".member" when `member_after_key`).
  std::string locate(std::size_t upto, bool member_after_key) const {
    std::string location;
    for (std::size_t i = 0; i < upto; ++i) {
      const auto& frame = frames_[i];
      if (frame.kind == PathStep::Kind::kMember)
        location += (location.empty() ? "" : ".") + lower_first(*frame.name);
      else if (frame.kind == PathStep::Kind::kElement)
        location += "." + std::to_string(frame.index + 1) + ".member";
      else if (frame.kind == PathStep::Kind::kMapValue)
        location += "." + *frame.name + (member_after_key ? ".member" : "");
    }
    return location;
  }

  // A constraint of the shape being checked (not a type or a required member).
  bool own(Constraint constraint) const {
    return constraint != Constraint::kType && constraint != Constraint::kRequired &&
           checked_ != nullptr;
  }

  // A member in a map value: "map.KEY.member.x" (moto's DynamoDB messages,
  // copied from AWS: "at 'requestItems.TABLE.member.keys'"); a map value's
  // own constraint's violation also at the value with ".member".
  std::vector<std::string> alternatives(Constraint constraint, const std::string& rule) const {
    std::vector<std::string> out;
    if (frames_.empty()) return out;
    const bool inside = std::any_of(frames_.begin(), frames_.end() - 1, [](const Frame& f) {
      return f.kind == PathStep::Kind::kMapValue;
    });
    const bool value = frames_.back().kind == PathStep::Kind::kMapValue && own(constraint);
    if (inside || value)
      out.push_back("at '" + locate(frames_.size(), true) +
                    "' failed to satisfy constraint: " + rule);
    return out;
  }

  // A map key's or value's own constraint: every rule of its shape, at the
  // map (the judge compares them in any order).
  std::optional<Violation::RuleList> every_rule(Constraint constraint,
                                                const std::string& location) const {
    if (frames_.empty() || !own(constraint)) return std::nullopt;
    const auto last = frames_.back().kind;
    if (last == PathStep::Kind::kMapKey)
      return Violation::RuleList{location,
                                 "Map keys must satisfy constraint: ", all_rules(*checked_)};
    if (last == PathStep::Kind::kMapValue)
      return Violation::RuleList{locate(frames_.size() - 1, false),
                                 "Map value must satisfy constraint: ", all_rules(*checked_)};
    return std::nullopt;
  }

  void report(Constraint constraint, const std::string& shown, const std::string& rule) {
    ShapePath path;
    for (const auto& frame : frames_)
      path.push_back(
          {frame.kind, frame.kind == PathStep::Kind::kMember ? *frame.name : std::string()});
    const std::string location = locate(frames_.size(), false);
    Violation v;
    v.constraint = constraint;
    v.id_path = to_id_path(path);
    v.requirement_id = shape_requirement_id(operation_, direction_, v.id_path, constraint);
    v.location = location;
    const bool key = !frames_.empty() && frames_.back().kind == PathStep::Kind::kMapKey;
    v.message = shown + " at '" + location + "' failed to satisfy constraint: " +
                (key ? "Map keys must satisfy constraint: [" + rule + "]" : rule);
    v.alternatives = alternatives(constraint, rule);
    v.every_rule = every_rule(constraint, location);
    out_.push_back(std::move(v));
  }

  const std::string& operation_;
  Direction direction_;
  std::vector<Violation>& out_;
  std::vector<Frame> frames_;
  const Shape* checked_ = nullptr;  // the shape whose constraint is being checked
};

}  // namespace

std::vector<Violation> validate(const std::string& operation, Direction direction,
                                const Shape& root, const nlohmann::json& value) {
  std::vector<Violation> out;
  Checker checker(operation, direction, out);
  if (!value.is_object()) {
    Violation v;
    v.constraint = Constraint::kType;
    v.message = std::string("Expected a JSON object for ") + to_string(direction) + ", got " +
                value.type_name();
    out.push_back(std::move(v));
    return out;
  }
  checker.structure(root, value, root.sensitive);
  return out;
}

bool has_type_violation(const std::vector<Violation>& violations) {
  return std::any_of(violations.begin(), violations.end(),
                     [](const Violation& v) { return v.constraint == Constraint::kType; });
}

std::string validation_message(const std::vector<Violation>& violations) {
  std::string out =
      std::to_string(violations.size()) +
      (violations.size() == 1 ? " validation error detected: " : " validation errors detected: ");
  for (std::size_t i = 0; i < violations.size(); ++i)
    out += (i == 0 ? "" : "; ") + violations[i].message;
  constexpr std::size_t kMaxCodePoints = 5000;
  // Counted first: decoding every message would allocate for the rare long one.
  if (text::count_code_points(out).value_or(0) <= kMaxCodePoints) return out;
  if (auto decoded = text::decode_utf8(out)) {
    decoded->resize(kMaxCodePoints - 3);
    out = text::encode_utf8(*decoded) + "...";
  }
  return out;
}

}  // namespace cpct::model
