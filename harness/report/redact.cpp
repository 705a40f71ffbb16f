#include "report/redact.hpp"

#include <algorithm>

#include "model/validator.hpp"

namespace cpct::report {
namespace {

using nlohmann::json;

void collect(const json& value, const model::Shape& shape, bool sensitive,
             std::vector<std::string>& out) {
  sensitive = sensitive || shape.sensitive;
  switch (shape.type) {
    case model::ShapeType::kStructure:
      if (!value.is_object()) return;
      for (const auto& member : shape.members) {
        const auto it = value.find(member.name);
        if (it != value.end()) collect(*it, *member.shape, sensitive, out);
      }
      return;
    case model::ShapeType::kList:
      if (!value.is_array()) return;
      for (const auto& element : value) collect(element, *shape.list_member.shape, sensitive, out);
      return;
    case model::ShapeType::kMap:
      if (!value.is_object()) return;
      for (const auto& [key, item] : value.items()) {
        if (sensitive || shape.map_key.shape->sensitive) out.push_back(key);
        collect(item, *shape.map_value.shape, sensitive, out);
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

}  // namespace

Redactor::Redactor(const model::Shape* output, const model::Fixtures* fixtures) {
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
  // Text a program logs may hold the secret as JSON text: escaped as
  // nlohmann writes it, or with every non-ASCII character as \uXXXX (as
  // Python's json and JavaScript's JSON.stringify of a key may).
  for (const std::string& form : {secret, json_escaped(secret, false), json_escaped(secret, true)})
    if (std::find(secrets_.begin(), secrets_.end(), form) == secrets_.end())
      secrets_.push_back(form);
  std::sort(secrets_.begin(), secrets_.end(),
            [](const auto& a, const auto& b) { return a.size() > b.size(); });
}

std::string Redactor::json_escaped(const std::string& secret, bool ascii_only) {
  if (!ascii_only) {
    const std::string quoted = json(secret).dump(-1, ' ', false, json::error_handler_t::replace);
    return quoted.substr(1, quoted.size() - 2);
  }
  const std::string quoted = json(secret).dump(-1, ' ', true, json::error_handler_t::replace);
  std::string out;
  // nlohmann leaves DEL as it is; Python escapes it.
  for (const char c : quoted.substr(1, quoted.size() - 2)) {
    if (c == '\x7f')
      out += "\\u007f";
    else
      out += c;
  }
  return out;
}

json Redactor::by_shape(const json& value, const model::Shape& shape) const {
  if (shape.sensitive && !value.is_null()) return model::kRedacted;
  switch (shape.type) {
    case model::ShapeType::kStructure: {
      if (!value.is_object()) return strings(value);
      json out = json::object();
      for (const auto& [key, item] : value.items()) {
        const auto* member = shape.find_member(key);
        out[text(key)] = member ? by_shape(item, *member->shape) : strings(item);
      }
      return out;
    }
    case model::ShapeType::kList: {
      if (!value.is_array()) return strings(value);
      json out = json::array();
      for (const auto& element : value) out.push_back(by_shape(element, *shape.list_member.shape));
      return out;
    }
    case model::ShapeType::kMap: {
      if (!value.is_object()) return strings(value);
      json out = json::object();
      for (const auto& [key, item] : value.items())
        out[shape.map_key.shape->sensitive ? std::string(model::kRedacted) : text(key)] =
            by_shape(item, *shape.map_value.shape);
      return out;
    }
    default:
      return strings(value);
  }
}

std::string Redactor::text(std::string text) const {
  for (const auto& secret : secrets_) {
    for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at))
      text.replace(at, secret.size(), model::kRedacted),
          at += std::char_traits<char>::length(model::kRedacted);
  }
  return text;
}

json Redactor::strings(const json& value) const {
  if (secrets_.empty()) return value;
  switch (value.type()) {
    case json::value_t::string:
      return text(value.get<std::string>());
    case json::value_t::array: {
      json out = json::array();
      for (const auto& element : value) out.push_back(strings(element));
      return out;
    }
    case json::value_t::object: {
      json out = json::object();
      for (const auto& [key, item] : value.items()) out[text(key)] = strings(item);
      return out;
    }
    default:
      return value;
  }
}

}  // namespace cpct::report
