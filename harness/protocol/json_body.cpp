#include "protocol/json_body.hpp"

#include <algorithm>
#include <cstdint>

#include "model/json_depth.hpp"
#include "text/hex.hpp"
#include "text/utf8.hpp"

namespace cpct::protocol {
namespace {

// The code unit of a \uXXXX escape at `pos` (pointing at the backslash), or -1.
long escape_at(std::string_view text, std::size_t pos) {
  if (pos + 6 > text.size() || text[pos] != '\\' || text[pos + 1] != 'u') return -1;
  const auto bytes = text::from_hex(text.substr(pos + 2, 4));
  if (!bytes) return -1;
  return static_cast<long>(static_cast<unsigned char>((*bytes)[0])) << 8 |
         static_cast<unsigned char>((*bytes)[1]);
}

}  // namespace

std::string with_lone_surrogates_replaced(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (!in_string) {
      in_string = c == '"';
      out += c;
      continue;
    }
    if (c == '"') {
      in_string = false;
      out += c;
    } else if (c == '\\') {
      const long unit = escape_at(text, i);
      const bool high = unit >= 0xD800 && unit <= 0xDBFF;
      const long next = high ? escape_at(text, i + 6) : -1;
      if (high && next >= 0xDC00 && next <= 0xDFFF) {
        out.append(text.substr(i, 12));  // a pair
        i += 11;
      } else if (high || (unit >= 0xDC00 && unit <= 0xDFFF)) {
        out += "\\ufffd";
        i += 5;
      } else {
        out.append(text.substr(i, 2));  // any other escape
        ++i;
      }
    } else {
      out += c;
    }
  }
  return out;
}

// Only met on a body that did not parse: the copy costs nothing that matters.
bool has_lone_surrogate_escape(std::string_view text) {
  return with_lone_surrogates_replaced(text) != text;
}

BodyParse parse_response_body(std::string_view body) {
  BodyParse out = parse_body(body, false);
  if (out.problem != BodyParse::Problem::kInvalidUtf8 || !text::is_valid_utf8(body)) return out;
  BodyParse read = parse_body(with_lone_surrogates_replaced(body), false);
  return read.problem == BodyParse::Problem::kNone ? read : out;
}

BodyParse parse_body(std::string_view body, bool empty_is_object, std::size_t max_depth) {
  BodyParse out;
  if (body.empty() && empty_is_object) {
    out.value = nlohmann::json::object();
    return out;
  }
  // Not UTF-8 is the first problem a body has. The parser checks UTF-8 as
  // strictly (RFC 3629: no overlong forms, surrogates or values past
  // U+10FFFF), so a body it reads is UTF-8: the separate check runs only
  // on a body it refuses.
  auto not_utf8 = [&out] {
    out.problem = BodyParse::Problem::kInvalidUtf8;
    out.detail = "the body is not valid UTF-8";
    return out;
  };
  const auto broken = max_depth == kAnyJsonDepth
                          ? model::JsonBound::kNone
                          : model::json_bound_broken(body, max_depth, kMaxJsonValues);
  if (broken == model::JsonBound::kDepth) {
    if (!text::is_valid_utf8(body)) return not_utf8();
    out.problem = BodyParse::Problem::kMalformed;
    out.detail = "nested deeper than " + std::to_string(max_depth) +
                 " levels (RFC 8259 section 9 lets a parser limit nesting)";
    return out;
  }
  if (broken == model::JsonBound::kValues) {
    out.problem = BodyParse::Problem::kMalformed;
    out.detail = "more than " + std::to_string(kMaxJsonValues) +
                 " members and elements (RFC 8259 section 9 lets a parser limit a text's size)";
    return out;
  }
  try {
    out.value = nlohmann::json::parse(body);
  } catch (const nlohmann::json::exception& e) {
    if (!text::is_valid_utf8(body)) return not_utf8();
    // parse_error for syntax, out_of_range for numbers beyond double.
    if (has_lone_surrogate_escape(body)) {
      out.problem = BodyParse::Problem::kInvalidUtf8;
      out.detail = "the body escapes a lone UTF-16 surrogate";
    } else {
      out.problem = BodyParse::Problem::kMalformed;
      // nlohmann quotes the input after "last read:"; it may hold secrets.
      out.detail = e.what();
      if (const auto at = out.detail.find("; last read"); at != std::string::npos)
        out.detail.resize(at);
    }
  }
  return out;
}

}  // namespace cpct::protocol
