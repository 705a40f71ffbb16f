#include "model/requirements.hpp"

#include <array>

#include "model/shape_walk.hpp"

namespace cpct::model {
namespace {

// Requirements that do not come from shapes: AWS-FACTS.md's wire rules, the
// server's answers and the client's duties. `{op}` stands for an operation
// cpct has semantics for.
struct TableEntry {
  const char* id;
  Level level;
  Family family;
  const char* description;
};

constexpr std::array kProtocol{
    TableEntry{"awsJson1_1.request.unknown-target", Level::kMust, Family::kProtocol,
               "A missing X-Amz-Target, or one naming no operation of the service, gets 400 "
               "UnknownOperationException"},
    TableEntry{"awsJson1_1.request.malformed-json", Level::kMust, Family::kProtocol,
               "A body that is not valid JSON gets 400 SerializationException"},
    TableEntry{"awsJson1_1.request.invalid-utf8", Level::kMust, Family::kProtocol,
               "A body that is not UTF-8 (a lone surrogate escape included) gets 400 "
               "SerializationException"},
    TableEntry{"awsJson1_1.request.non-object-body", Level::kMust, Family::kProtocol,
               "Valid JSON that is not an object gets 400 SerializationException"},
    TableEntry{"awsJson1_1.request.empty-body", Level::kMust, Family::kProtocol,
               "An empty body is read as {}"},
    TableEntry{"awsJson1_1.request.null-member", Level::kMust, Family::kProtocol,
               "A member set to null is treated as absent"},
    TableEntry{"awsJson1_1.request.unknown-member", Level::kShould, Family::kProtocol,
               "Unknown request members are ignored"},
    TableEntry{"awsJson1_1.request.content-type-parameters", Level::kMust, Family::kProtocol,
               "Content-Type application/x-amz-json-1.1 with parameters (; charset=utf-8) is "
               "accepted"},
    TableEntry{"awsJson1_1.response.status", Level::kMust, Family::kProtocol,
               "A success is 200; an error has its type's declared status (400 for client errors)"},
    TableEntry{"awsJson1_1.response.content-type", Level::kMust, Family::kProtocol,
               "Every response has Content-Type application/x-amz-json-1.1"},
    TableEntry{"awsJson1_1.response.json-body", Level::kMust, Family::kProtocol,
               "Every response body is a JSON object"},
    TableEntry{"awsJson1_1.response.error-type", Level::kMust, Family::kProtocol,
               "Every error response names its error type (X-Amzn-Errortype header, code or "
               "__type)"},
    TableEntry{"awsJson1_1.response.error-type-form", Level::kShould, Family::kProtocol,
               "Errors use __type with the bare shape name"},
    TableEntry{"awsJson1_1.response.validation-message", Level::kShould, Family::kProtocol,
               "ValidationException messages follow the AWS form ('N validation error(s) "
               "detected: Value ... at '...' failed to satisfy constraint: ...')"},
    TableEntry{"awsJson1_1.server.no-5xx", Level::kMust, Family::kRobustness,
               "No input gets a 5xx response"},
    TableEntry{"awsJson1_1.server.no-hang", Level::kMust, Family::kRobustness,
               "Every request is answered within the timeout"},
    TableEntry{"awsJson1_1.server.no-reset", Level::kMust, Family::kRobustness,
               "No request gets a dropped connection instead of a response"},
};

constexpr std::array kSemantics{
    TableEntry{"{op}.semantics.known-job", Level::kMust, Family::kSemantics,
               "A third-party job with its client token gets 200 with exactly its fixture's "
               "jobDetails"},
    TableEntry{"{op}.semantics.unknown-job", Level::kMust, Family::kSemantics,
               "A well-formed request for a job id that does not exist gets "
               "JobNotFoundException"},
    TableEntry{"{op}.semantics.not-third-party-job", Level::kMust, Family::kSemantics,
               "A job that exists but is not a third-party job gets InvalidJobException"},
    TableEntry{"{op}.semantics.wrong-client-token", Level::kMust, Family::kSemantics,
               "A third-party job with a client token that is not its own gets "
               "InvalidClientTokenException"},
};

constexpr std::array kClient{
    TableEntry{"client.{op}.output.round-trip", Level::kMust, Family::kClient,
               "Every valid response is read to the same value (unknown members dropped, null "
               "as absent)"},
    TableEntry{"client.output.unknown-member-ignored", Level::kMust, Family::kClient,
               "Unknown members at any level of a response are ignored"},
    TableEntry{"client.awsJson1_1.request.method-path", Level::kMust, Family::kClient,
               "The client sends POST /"},
    TableEntry{"client.awsJson1_1.request.target", Level::kMust, Family::kClient,
               "The client sends X-Amz-Target: <targetPrefix>.<Operation>"},
    TableEntry{"client.awsJson1_1.request.content-type", Level::kMust, Family::kClient,
               "The client sends Content-Type application/x-amz-json-1.1"},
    TableEntry{"client.awsJson1_1.request.body", Level::kMust, Family::kClient,
               "The request body is a JSON object equal to the input"},
    TableEntry{"client.awsJson1_1.request.signature", Level::kShould, Family::kClient,
               "The request carries a SigV4 Authorization header"},
    TableEntry{"client.robustness.no-crash", Level::kMust, Family::kRobustness,
               "No response, however malformed, crashes the client"},
    TableEntry{"client.robustness.no-hang", Level::kMust, Family::kRobustness,
               "The client answers every case within the timeout"},
    TableEntry{"client.robustness.reports-error", Level::kShould, Family::kRobustness,
               "A malformed response is reported as an error, not returned as wrong data"},
};

// AWS-FACTS.md, "awsJson1_1 wire rules": the encodings a client must resolve.
constexpr std::array<std::pair<const char*, const char*>, 11> kEncodings{{
    {"type-bare", "__type with the bare shape name"},
    {"type-namespace", "__type with a namespace (ns#Name)"},
    {"type-namespace-uri", "__type with a namespace and a URI suffix (ns#Name:http://...)"},
    {"header", "X-Amzn-Errortype header with the bare name"},
    {"header-uri", "X-Amzn-Errortype header with a URI suffix"},
    {"header-namespace-uri", "X-Amzn-Errortype header with a namespace and a URI suffix"},
    {"code", "code body field with the bare name"},
    {"code-namespace", "code body field with a namespace"},
    {"code-namespace-uri", "code body field with a namespace and a URI suffix"},
    {"nested-type-ignored", "__type nested inside another member is not the error type"},
    {"message-case", "the message is read from message or Message"},
}};

std::string replace_op(const char* text, const std::string& op) {
  std::string out = text;
  if (const auto at = out.find("{op}"); at != std::string::npos) out.replace(at, 4, op);
  return out;
}

const char* json_type_phrase(const Shape& shape) {
  switch (shape.type) {
    case ShapeType::kStructure:
    case ShapeType::kMap:
      return "a JSON object";
    case ShapeType::kList:
      return "a JSON array";
    case ShapeType::kString:
      return "a JSON string";
    case ShapeType::kBlob:
      return "a base64 JSON string";
    case ShapeType::kInteger:
    case ShapeType::kLong:
      return "a JSON integer";
    case ShapeType::kDouble:
    case ShapeType::kFloat:
      return "a JSON number";
    case ShapeType::kBoolean:
      return "a JSON boolean";
    case ShapeType::kTimestamp:
      return "a JSON number (epoch seconds)";
    case ShapeType::kDocument:
      return "any JSON value";
  }
  return "?";
}

const char* length_unit(const Shape& shape) {
  switch (shape.type) {
    case ShapeType::kString:
      return " code points";
    case ShapeType::kBlob:
      return " bytes";
    default:
      return " elements";
  }
}

bool has_length(const Shape& shape) {
  return shape.type == ShapeType::kString || shape.type == ShapeType::kBlob ||
         shape.type == ShapeType::kList || shape.type == ShapeType::kMap;
}

std::string join(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

}  // namespace

const char* to_string(Level level) {
  return level == Level::kMust ? "MUST" : "SHOULD";
}

const char* to_string(Constraint constraint) {
  switch (constraint) {
    case Constraint::kRequired:
      return "required";
    case Constraint::kType:
      return "type";
    case Constraint::kLengthMin:
      return "length-min";
    case Constraint::kLengthMax:
      return "length-max";
    case Constraint::kPattern:
      return "pattern";
    case Constraint::kEnum:
      return "enum";
    case Constraint::kRangeMin:
      return "range-min";
    case Constraint::kRangeMax:
      return "range-max";
  }
  return "?";
}

const char* to_string(Direction direction) {
  return direction == Direction::kInput ? "input" : "output";
}

const char* to_string(Family family) {
  switch (family) {
    case Family::kInputConstraints:
      return "input-constraints";
    case Family::kOutputConstraints:
      return "output-constraints";
    case Family::kSemantics:
      return "semantics";
    case Family::kProtocol:
      return "protocol";
    case Family::kClientErrorEncoding:
      return "client-error-encoding";
    case Family::kClient:
      return "client";
    case Family::kRobustness:
      return "robustness";
  }
  return "?";
}

std::string shape_requirement_id(const std::string& operation, Direction direction,
                                 const std::string& id_path, Constraint constraint) {
  return operation + "." + to_string(direction) + "." + id_path + "." + to_string(constraint);
}

bool has_semantics(const std::string& operation) {
  return operation == "GetThirdPartyJobDetails";
}

const std::vector<std::string>& client_error_encodings() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& [name, description] : kEncodings) out.emplace_back(name);
    return out;
  }();
  return names;
}

Catalogue::Catalogue(const Spec& spec) {
  for (const auto& [name, op] : spec.operations) {
    if (op.input != nullptr) add_shape_requirements(op, Direction::kInput, *op.input);
    if (op.output != nullptr) add_shape_requirements(op, Direction::kOutput, *op.output);
  }
  add_table_requirements(spec);
}

void Catalogue::add(Requirement requirement) {
  // Two paths can only spell the same ID if a model has odd member names; the
  // first one wins so IDs stay unique.
  if (index_.count(requirement.id) != 0) return;
  index_.emplace(requirement.id, requirements_.size());
  requirements_.push_back(std::move(requirement));
}

void Catalogue::add_shape_requirements(const Operation& op, Direction direction,
                                       const Shape& root) {
  const Family family =
      direction == Direction::kInput ? Family::kInputConstraints : Family::kOutputConstraints;
  walk_paths(root, [&](const PathVisit& visit) {
    const std::string id_path = to_id_path(visit.path);
    const std::string subject = std::string(to_string(direction)) + " " + id_path;
    const Shape& shape = visit.shape;
    auto emit = [&](Constraint constraint, std::string description) {
      Requirement r;
      r.id = shape_requirement_id(op.name, direction, id_path, constraint);
      r.level = Level::kMust;
      r.family = family;
      r.description = subject + ": " + std::move(description);
      r.constraint = constraint;
      r.operation = op.name;
      r.direction = direction;
      r.path = visit.path;
      r.shape = &shape;
      add(std::move(r));
    };
    if (visit.member != nullptr && visit.member->required)
      emit(Constraint::kRequired, "must be present and not null");
    // Map keys are JSON object keys: always strings, so no type requirement.
    if (visit.path.back().kind != PathStep::Kind::kMapKey)
      emit(Constraint::kType, std::string("must be ") + json_type_phrase(shape));
    if (has_length(shape)) {
      if (shape.min && *shape.min > 0)
        emit(Constraint::kLengthMin,
             "must have at least " + format_number(*shape.min) + length_unit(shape));
      if (shape.max)
        emit(Constraint::kLengthMax,
             "must have at most " + format_number(*shape.max) + length_unit(shape));
    }
    if (shape.is_numeric()) {
      if (shape.min) emit(Constraint::kRangeMin, "must be at least " + format_number(*shape.min));
      if (shape.max) emit(Constraint::kRangeMax, "must be at most " + format_number(*shape.max));
    }
    if (shape.pattern)
      emit(Constraint::kPattern, "must match the pattern " + shape.pattern->source());
    if (!shape.enum_values.empty())
      emit(Constraint::kEnum, "must be one of: " + join(shape.enum_values));
  });
}

void Catalogue::add_table_requirements(const Spec& spec) {
  auto add_entry = [this](std::string id, const TableEntry& entry, const std::string& op) {
    Requirement r;
    r.id = std::move(id);
    r.level = entry.level;
    r.family = entry.family;
    r.description = entry.description;
    r.operation = op;
    add(std::move(r));
  };
  if (spec.metadata.protocol == "json") {
    for (const auto& entry : kProtocol) add_entry(entry.id, entry, "");
    for (const auto& [name, description] : kEncodings)
      add_entry(std::string("client.awsJson1_1.error.") + name,
                TableEntry{"", Level::kMust, Family::kClientErrorEncoding, description}, "");
  }
  for (const auto& [name, op] : spec.operations) {
    if (!has_semantics(name)) continue;
    for (const auto& entry : kSemantics) add_entry(replace_op(entry.id, name), entry, name);
    for (const auto& entry : kClient) add_entry(replace_op(entry.id, name), entry, name);
  }
}

const Requirement* Catalogue::find(const std::string& id) const {
  const auto it = index_.find(id);
  return it == index_.end() ? nullptr : &requirements_[it->second];
}

std::vector<const Requirement*> Catalogue::for_operation(const std::string& operation) const {
  std::vector<const Requirement*> out;
  for (const auto& r : requirements_) {
    if (r.operation.empty() || r.operation == operation) out.push_back(&r);
  }
  return out;
}

}  // namespace cpct::model
