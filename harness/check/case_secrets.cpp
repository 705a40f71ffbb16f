#include "check/case_secrets.hpp"

#include "model/json_depth.hpp"

namespace cpct::check {
namespace {

using nlohmann::json;

// Bodies are parsed to kMaxShownJsonDepth; a value built deeper is not walked.
constexpr std::size_t kMaxDepth = model::kMaxShownJsonDepth + 8;

void collect(const json& value, const model::Shape& shape, bool sensitive,
             std::vector<std::string>& out, std::size_t depth) {
  if (++depth > kMaxDepth) return;
  sensitive = sensitive || shape.sensitive;
  switch (shape.type) {
    case model::ShapeType::kStructure:
      if (!value.is_object()) break;
      for (const auto& member : shape.members)
        if (const auto it = value.find(member.name); it != value.end())
          collect(*it, *member.shape, sensitive, out, depth);
      return;
    case model::ShapeType::kList:
      if (!value.is_array()) break;
      for (const auto& element : value)
        collect(element, *shape.list_member.shape, sensitive, out, depth);
      return;
    case model::ShapeType::kMap:
      if (!value.is_object()) break;
      for (const auto& [key, item] : value.items()) {
        if (sensitive || shape.map_key.shape->sensitive) out.push_back(key);
        collect(item, *shape.map_value.shape, sensitive, out, depth);
      }
      return;
    default:
      break;
  }
  // A leaf, or a value of another JSON type than its shape's (a violation
  // case): under a sensitive member it is the secret whatever its type.
  if (!sensitive || value.is_null()) return;
  out.push_back(value.is_string() ? value.get<std::string>()
                                  : value.dump(-1, ' ', false, json::error_handler_t::replace));
}

}  // namespace

std::vector<std::string> sensitive_values(const model::Shape& shape, const json& value) {
  std::vector<std::string> out;
  collect(value, shape, false, out, 0);
  return out;
}

std::vector<std::string> request_secrets(const model::Operation* op, const std::string& body) {
  if (op == nullptr || op->input == nullptr) return {};
  const json value = model::parse_json_within(body, model::kMaxShownJsonDepth);
  if (value.is_discarded()) return {};
  return sensitive_values(*op->input, value);
}

std::vector<std::string> case_secrets(const model::Operation* op, const Case& c) {
  if (c.body_value && op != nullptr && op->input != nullptr)
    return sensitive_values(*op->input, *c.body_value);
  return request_secrets(op, c.request.body);
}

CaseRedactor::CaseRedactor(const model::Redactor& base, const std::vector<std::string>& secrets)
    : base_(base) {
  if (secrets.empty()) return;
  own_.emplace(base);
  for (const auto& secret : secrets) own_->add_secret(secret);
}

}  // namespace cpct::check
