#include "model/importer.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "model/ordered_parse.hpp"

namespace cpct::model {
namespace {

using json = ModelJson;

constexpr std::array<std::pair<const char*, ShapeType>, 11> kTypes{{
    {"structure", ShapeType::kStructure},
    {"list", ShapeType::kList},
    {"map", ShapeType::kMap},
    {"string", ShapeType::kString},
    {"integer", ShapeType::kInteger},
    {"long", ShapeType::kLong},
    {"double", ShapeType::kDouble},
    {"float", ShapeType::kFloat},
    {"boolean", ShapeType::kBoolean},
    {"timestamp", ShapeType::kTimestamp},
    {"blob", ShapeType::kBlob},
}};

// Keys of a shape, a member and an operation that cpct reads; the reduction
// keeps exactly these.
constexpr std::array kShapeKeys{"type",    "members",    "required",  "min",       "max",
                                "pattern", "enum",       "sensitive", "exception", "error",
                                "fault",   "union",      "document",  "member",    "key",
                                "value",   "eventstream"};
constexpr std::array kMemberKeys{"shape"};
constexpr std::array kOperationKeys{"name", "http", "input", "output", "errors"};
constexpr std::array kMetadataKeys{"apiVersion",      "endpointPrefix",     "jsonVersion",
                                   "protocol",        "serviceId",          "signatureVersion",
                                   "signingName",     "targetPrefix",       "uid",
                                   "serviceFullName", "serviceAbbreviation"};

class Importer {
 public:
  explicit Importer(std::string origin) : origin_(std::move(origin)) {}

  std::unique_ptr<Spec> run(const json& model) {
    auto spec = std::make_unique<Spec>();
    if (!model.is_object()) fail("", "the model is not a JSON object");
    read_metadata(field(model, "metadata", "", json::value_t::object), spec->metadata);
    spec->wire = wire_of(spec->metadata);
    const json& shapes = field(model, "shapes", "", json::value_t::object);
    for (const auto& [name, node] : shapes.items())
      spec->shapes.emplace(name, read_shape(name, node));
    for (auto& [name, shape] : spec->shapes) resolve(*spec, shape);
    const json& operations = field(model, "operations", "", json::value_t::object);
    for (const auto& [name, node] : operations.items())
      spec->operations.emplace(name, read_operation(*spec, name, node));
    return spec;
  }

 private:
  [[noreturn]] void fail(const std::string& where, const std::string& what) const {
    throw SpecError("model " + origin_ + (where.empty() ? "" : ": " + where) + ": " + what);
  }

  const json& field(const json& node, const char* key, const std::string& where,
                    json::value_t type) const {
    const auto it = node.find(key);
    if (it == node.end()) fail(where, std::string("missing \"") + key + "\"");
    if (it->type() != type && !(type == json::value_t::number_float && it->is_number()))
      fail(where, std::string("\"") + key + "\" must be a JSON " + type_name(type) + ", not " +
                      it->type_name());
    return *it;
  }

  static const char* type_name(json::value_t type) {
    switch (type) {
      case json::value_t::object:
        return "object";
      case json::value_t::array:
        return "array";
      case json::value_t::string:
        return "string";
      case json::value_t::boolean:
        return "boolean";
      default:
        return "number";
    }
  }

  std::string optional_string(const json& node, const char* key, const std::string& where) const {
    if (!node.contains(key)) return {};
    return field(node, key, where, json::value_t::string).get<std::string>();
  }

  bool optional_bool(const json& node, const char* key, const std::string& where) const {
    if (!node.contains(key)) return false;
    return field(node, key, where, json::value_t::boolean).get<bool>();
  }

  void read_metadata(const json& node, Metadata& out) const {
    out.protocol = optional_string(node, "protocol", "metadata");
    out.json_version = optional_string(node, "jsonVersion", "metadata");
    out.target_prefix = optional_string(node, "targetPrefix", "metadata");
    out.signing_name = optional_string(node, "signingName", "metadata");
    if (out.signing_name.empty())
      out.signing_name = optional_string(node, "endpointPrefix", "metadata");
    out.service_id = optional_string(node, "serviceId", "metadata");
    out.api_version = optional_string(node, "apiVersion", "metadata");
    out.uid = optional_string(node, "uid", "metadata");
  }

  Member read_member(const std::string& name, const json& node, const std::string& where) const {
    if (!node.is_object()) fail(where, "must be a JSON object");
    Member member;
    member.name = name;
    member.shape_name = field(node, "shape", where, json::value_t::string).get<std::string>();
    return member;
  }

  Shape read_shape(const std::string& name, const json& node) const {
    const std::string where = "shape " + name;
    if (!node.is_object()) fail(where, "must be a JSON object");
    Shape shape;
    shape.name = name;
    const auto type = field(node, "type", where, json::value_t::string).get<std::string>();
    bool known = false;
    for (const auto& [spelling, value] : kTypes) {
      if (type == spelling) shape.type = value, known = true;
    }
    if (!known) fail(where, "unsupported shape type \"" + type + "\"");
    if (shape.type == ShapeType::kStructure && optional_bool(node, "document", where))
      shape.type = ShapeType::kDocument;
    if (node.contains("min"))
      shape.min = field(node, "min", where, json::value_t::number_float).get<double>();
    if (node.contains("max"))
      shape.max = field(node, "max", where, json::value_t::number_float).get<double>();
    if (shape.min && shape.max && *shape.min > *shape.max)
      fail(where, "min " + std::to_string(*shape.min) + " is greater than max " +
                      std::to_string(*shape.max));
    if (node.contains("pattern")) {
      const auto source = field(node, "pattern", where, json::value_t::string).get<std::string>();
      try {
        shape.pattern = std::make_shared<const pattern::Pattern>(pattern::Pattern::compile(source));
      } catch (const pattern::PatternError& e) {
        fail(where, e.what());
      }
    }
    if (node.contains("enum")) {
      for (const auto& value : field(node, "enum", where, json::value_t::array)) {
        if (!value.is_string()) fail(where, "enum values must be strings");
        shape.enum_values.push_back(value.get<std::string>());
      }
    }
    shape.sensitive = optional_bool(node, "sensitive", where);
    shape.exception = optional_bool(node, "exception", where);
    shape.is_union = optional_bool(node, "union", where);
    shape.event_stream = optional_bool(node, "eventstream", where);
    if (node.contains("error")) {
      const json& error = field(node, "error", where, json::value_t::object);
      if (error.contains("httpStatusCode"))
        shape.error_status =
            field(error, "httpStatusCode", where + ".error", json::value_t::number_float)
                .get<int>();
    }
    switch (shape.type) {
      case ShapeType::kStructure:
        read_structure(node, where, shape);
        break;
      case ShapeType::kList:
        shape.list_member = read_member(
            "member", field(node, "member", where, json::value_t::object), where + ".member");
        break;
      case ShapeType::kMap:
        shape.map_key =
            read_member("key", field(node, "key", where, json::value_t::object), where + ".key");
        shape.map_value = read_member("value", field(node, "value", where, json::value_t::object),
                                      where + ".value");
        break;
      default:
        break;
    }
    return shape;
  }

  void read_structure(const json& node, const std::string& where, Shape& shape) const {
    const json& members = field(node, "members", where, json::value_t::object);
    for (const auto& [member_name, member] : members.items())
      shape.members.push_back(read_member(member_name, member, where + ".members." + member_name));
    if (!node.contains("required")) return;
    for (const auto& required : field(node, "required", where, json::value_t::array)) {
      if (!required.is_string()) fail(where, "\"required\" must list member names");
      bool found = false;
      for (auto& m : shape.members) {
        if (m.name == required.get<std::string>()) m.required = found = true;
      }
      if (!found)
        fail(where, "required member \"" + required.get<std::string>() + "\" is not a member");
    }
  }

  void resolve_member(const Spec& spec, Member& member, const std::string& where) const {
    member.shape = spec.find_shape(member.shape_name);
    if (member.shape == nullptr)
      fail(where, "refers to unknown shape \"" + member.shape_name + "\"");
  }

  void resolve(const Spec& spec, Shape& shape) const {
    const std::string where = "shape " + shape.name;
    for (auto& m : shape.members) resolve_member(spec, m, where + ".members." + m.name);
    if (shape.type == ShapeType::kList) resolve_member(spec, shape.list_member, where + ".member");
    if (shape.type == ShapeType::kMap) {
      resolve_member(spec, shape.map_key, where + ".key");
      resolve_member(spec, shape.map_value, where + ".value");
    }
  }

  const Shape* shape_ref(const Spec& spec, const json& node, const char* key,
                         const std::string& where) const {
    if (!node.contains(key)) return nullptr;
    const json& ref = field(node, key, where, json::value_t::object);
    const auto name =
        field(ref, "shape", where + "." + key, json::value_t::string).get<std::string>();
    const Shape* shape = spec.find_shape(name);
    if (shape == nullptr) fail(where + "." + key, "refers to unknown shape \"" + name + "\"");
    return shape;
  }

  Operation read_operation(const Spec& spec, const std::string& name, const json& node) const {
    const std::string where = "operation " + name;
    if (!node.is_object()) fail(where, "must be a JSON object");
    Operation op;
    op.name = name;
    op.input = shape_ref(spec, node, "input", where);
    op.output = shape_ref(spec, node, "output", where);
    for (const auto* shape : {op.input, op.output}) {
      if (shape != nullptr && shape->type != ShapeType::kStructure)
        fail(where, "input and output must be structures, \"" + shape->name + "\" is a " +
                        to_string(shape->type));
    }
    auto streams = [](const Shape* shape) {
      return shape != nullptr && std::any_of(shape->members.begin(), shape->members.end(),
                                             [](const Member& m) { return m.shape->event_stream; });
    };
    op.input_event_stream = streams(op.input);
    op.output_event_stream = streams(op.output);
    if (node.contains("errors")) {
      for (const auto& error : field(node, "errors", where, json::value_t::array)) {
        if (!error.is_object()) fail(where + ".errors", "each error must be a JSON object");
        const auto error_name =
            field(error, "shape", where + ".errors", json::value_t::string).get<std::string>();
        const Shape* shape = spec.find_shape(error_name);
        if (shape == nullptr)
          fail(where + ".errors", "refers to unknown shape \"" + error_name + "\"");
        op.errors.push_back(shape);
      }
    }
    return op;
  }

  std::string origin_;
};

template <std::size_t N>
json keep_keys(const json& node, const std::array<const char*, N>& keys) {
  json out = json::object();
  if (!node.is_object()) return out;
  for (const auto& [key, value] : node.items()) {
    if (std::find_if(keys.begin(), keys.end(), [&key = key](const char* k) { return key == k; }) !=
        keys.end())
      out[key] = value;
  }
  return out;
}

}  // namespace

std::unique_ptr<Spec> import_spec(const ModelJson& model, const std::string& origin) {
  return Importer(origin).run(model);
}

ModelJson reduce_model(const ModelJson& model, const std::string& origin) {
  import_spec(model, origin);  // refuse to reduce what cpct could not load
  json out = json::object();
  out["metadata"] = keep_keys(model["metadata"], kMetadataKeys);
  out["operations"] = json::object();
  for (const auto& [name, op] : model["operations"].items()) {
    json reduced = keep_keys(op, kOperationKeys);
    if (reduced.contains("errors")) {
      for (auto& error : reduced["errors"]) error = keep_keys(error, kMemberKeys);
    }
    for (const char* key : {"input", "output"}) {
      if (reduced.contains(key)) reduced[key] = keep_keys(reduced[key], kMemberKeys);
    }
    append_member(out["operations"], name, std::move(reduced));
  }
  out["shapes"] = json::object();
  for (const auto& [name, shape] : model["shapes"].items()) {
    json reduced = keep_keys(shape, kShapeKeys);
    // Only structures' members were checked by the import; a stray
    // "members" elsewhere (an array, a number) is kept as it is.
    if (reduced.contains("members") && reduced["members"].is_object()) {
      for (auto& [member_name, member] : reduced["members"].items())
        member = keep_keys(member, kMemberKeys);
    }
    for (const char* key : {"member", "key", "value"}) {
      if (reduced.contains(key)) reduced[key] = keep_keys(reduced[key], kMemberKeys);
    }
    append_member(out["shapes"], name, std::move(reduced));
  }
  return out;
}

}  // namespace cpct::model
