#include "model/redact.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string_view>

#include "model/input_file.hpp"
#include "model/secret_match.hpp"
#include "model/validator.hpp"

namespace cpct::model {
namespace {

using nlohmann::json;

// Deeper values are not walked (a recursive model meets a deep value): the
// readers of files and bodies cap nesting below this, so only a value built
// in memory gets here, and it is shown as a placeholder.
constexpr std::size_t kMaxDepth = kMaxFileJsonDepth + 8;
constexpr const char* kTooDeep = "(nested too deep to show)";

void collect(const json& value, const Shape& shape, bool sensitive, std::vector<std::string>& out,
             std::size_t depth = 0) {
  if (++depth > kMaxDepth) return;
  sensitive = sensitive || shape.sensitive;
  switch (shape.type) {
    case ShapeType::kStructure:
      if (!value.is_object()) return;
      for (const auto& member : shape.members) {
        const auto it = value.find(member.name);
        if (it != value.end()) collect(*it, *member.shape, sensitive, out, depth);
      }
      return;
    case ShapeType::kList:
      if (!value.is_array()) return;
      for (const auto& element : value)
        collect(element, *shape.list_member.shape, sensitive, out, depth);
      return;
    case ShapeType::kMap:
      if (!value.is_object()) return;
      for (const auto& [key, item] : value.items()) {
        if (sensitive || shape.map_key.shape->sensitive) out.push_back(key);
        collect(item, *shape.map_value.shape, sensitive, out, depth);
      }
      return;
    default:
      if (!sensitive) return;
      if (value.is_string())
        out.push_back(value.get<std::string>());
      else if (!value.is_null())
        out.push_back(value.dump());
  }
}

// "Signature=" then the hex digits of a SigV4 signature: replaced whatever
// request it signed, so an echoed Authorization header shows none.
void redact_signatures(std::string& text) {
  static constexpr std::string_view kKey = "Signature=";
  for (auto at = text.find(kKey); at != std::string::npos; at = text.find(kKey, at + 1)) {
    const std::size_t from = at + kKey.size();
    std::size_t to = from;
    while (to < text.size() && std::isxdigit(static_cast<unsigned char>(text[to]))) ++to;
    if (to - from >= 16) text.replace(from, to - from, kRedacted);
  }
}

}  // namespace

void Redactor::add_environment_secrets() {
  for (const char* name : {"AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"})
    if (const char* value = std::getenv(name); value != nullptr) add_secret(value);
}

Redactor::Redactor(const Shape* output, const Fixtures* fixtures) {
  if (output == nullptr || fixtures == nullptr) return;
  for (const auto& job : fixtures->jobs) {
    std::vector<std::string> found;
    collect(json{{"jobDetails", job.job_details}}, *output, false, found);
    for (auto& secret : found) add_secret(secret);
  }
}

void Redactor::add_secret(const std::string& secret) {
  // Very short values would redact ordinary text everywhere; they carry
  // little secrecy, and the structured pass still hides them in JSON.
  if (secret.size() < 4) return;
  // Only the value itself: text() matches it through every encoding of
  // each character (model/secret_match.hpp), so no encoded forms are kept.
  if (std::find(secrets_.begin(), secrets_.end(), secret) == secrets_.end())
    secrets_.push_back(secret);
  std::sort(secrets_.begin(), secrets_.end(),
            [](const auto& a, const auto& b) { return a.size() > b.size(); });
}

json Redactor::by_shape(const json& value, const model::Shape& shape) const {
  return by_shape(value, shape, 0);
}

json Redactor::by_shape(const json& value, const Shape& shape, std::size_t depth) const {
  if (shape.sensitive && !value.is_null()) return kRedacted;
  if (++depth > kMaxDepth) return kTooDeep;
  switch (shape.type) {
    case ShapeType::kStructure: {
      if (!value.is_object()) return strings(value, depth);
      json out = json::object();
      for (const auto& [key, item] : value.items()) {
        const auto* member = shape.find_member(key);
        out[text(key)] = member ? by_shape(item, *member->shape, depth) : strings(item, depth);
      }
      return out;
    }
    case ShapeType::kList: {
      if (!value.is_array()) return strings(value, depth);
      json out = json::array();
      for (const auto& element : value)
        out.push_back(by_shape(element, *shape.list_member.shape, depth));
      return out;
    }
    case ShapeType::kMap: {
      if (!value.is_object()) return strings(value, depth);
      json out = json::object();
      for (const auto& [key, item] : value.items())
        out[shape.map_key.shape->sensitive ? std::string(kRedacted) : text(key)] =
            by_shape(item, *shape.map_value.shape, depth);
      return out;
    }
    default:
      return strings(value, depth);
  }
}

std::string Redactor::text(std::string text) const {
  for (const auto& secret : secrets_) text = replace_encoded(text, secret, model::kRedacted);
  redact_signatures(text);
  return text;
}

json Redactor::strings(const json& value) const {
  return strings(value, 0);
}

json Redactor::strings(const json& value, std::size_t depth) const {
  if (++depth > kMaxDepth) return kTooDeep;
  switch (value.type()) {
    case json::value_t::string:
      return text(value.get<std::string>());
    case json::value_t::array: {
      json out = json::array();
      for (const auto& element : value) out.push_back(strings(element, depth));
      return out;
    }
    case json::value_t::object: {
      json out = json::object();
      for (const auto& [key, item] : value.items()) out[text(key)] = strings(item, depth);
      return out;
    }
    default:
      return value;
  }
}

}  // namespace cpct::model
