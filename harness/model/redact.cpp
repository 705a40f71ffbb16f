#include "model/redact.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <optional>
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

// Whether a byte can continue a value: ASCII letters and digits, and the
// bytes of a UTF-8 sequence (letters of other scripts). Anything else
// (quote, space, '=', ':', ',', '/', '&', ';', '-', '_', '%', '\\' ...)
// ends a token. A value's own characters are unknown (a secret may hold
// any), so this errs towards redacting: "abc" in "abc_x" goes, but never
// in "fabcd" or "abcdef".
bool word_byte(unsigned char c) {
  return std::isalnum(c) != 0 || c >= 0x80;
}

std::optional<unsigned> hex_at(std::string_view text, std::size_t at, std::size_t digits) {
  unsigned value = 0;
  for (std::size_t i = at; i < at + digits; ++i) {
    const unsigned char c = text[i];
    if (!std::isxdigit(c)) return std::nullopt;
    value = value * 16 + (std::isdigit(c) ? c - '0' : (std::tolower(c) - 'a' + 10));
  }
  return value;
}

// Whether a token may start at `at`: the text starts there, the byte
// before is no word byte, or an encoded unit ending there (%XX, \uXXXX,
// \n \t \r: the forms secret_match.hpp reads) stands for one. Either
// reading of an ambiguous "\n" counts: a missed secret costs more than a
// redacted word.
bool starts_token(std::string_view text, std::size_t at) {
  if (at == 0 || !word_byte(text[at - 1])) return true;
  if (at >= 3 && text[at - 3] == '%')
    if (const auto v = hex_at(text, at - 2, 2); v && !word_byte(static_cast<unsigned char>(*v)))
      return true;
  if (at >= 6 && text[at - 6] == '\\' && text[at - 5] == 'u')
    if (const auto v = hex_at(text, at - 4, 4); v && *v < 0x80 && !word_byte(*v)) return true;
  return at >= 2 && text[at - 2] == '\\' &&
         (text[at - 1] == 'n' || text[at - 1] == 't' || text[at - 1] == 'r');
}

// Whether a token may end at `end`: the text ends, or a byte that is no
// word byte follows ('%' and '\\' too: whatever they encode, an encoded
// continuation is read as a boundary, erring towards redacting).
bool ends_token(std::string_view text, std::size_t end) {
  return end >= text.size() || !word_byte(text[end]);
}

// `text` with every occurrence of a short `secret` that is a whole token
// replaced by `marker`. The occurrence is matched as a long secret is
// (plain, percent-encoded, JSON-escaped, in any mix), so every form that
// carries a long secret carries a short one; only the token's edges are
// judged on top.
std::string replace_whole_tokens(std::string_view text, std::string_view secret,
                                 std::string_view marker) {
  std::string out;
  std::size_t copied = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t end = match_encoded(text, i, secret);
    if (end == std::string::npos || !starts_token(text, i) || !ends_token(text, end)) {
      ++i;
      continue;
    }
    out.append(text.substr(copied, i - copied));
    out.append(marker);
    i = copied = end;
  }
  if (copied == 0) return std::string(text);
  out.append(text.substr(copied));
  return out;
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
  if (secret.empty()) return;
  // A very short value found inside words would redact ordinary text
  // everywhere: it is redacted where it stands as a whole token.
  auto& list = secret.size() < kMinEmbeddedSecret ? short_secrets_ : secrets_;
  // Only the value itself: text() matches it through every encoding of
  // each character (model/secret_match.hpp), so no encoded forms are kept.
  if (std::find(list.begin(), list.end(), secret) == list.end()) list.push_back(secret);
  std::sort(list.begin(), list.end(),
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
  for (const auto& secret : short_secrets_)
    text = replace_whole_tokens(text, secret, model::kRedacted);
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
