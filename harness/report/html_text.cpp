#include "report/html_text.hpp"

#include <cstdio>

#include "text/hex.hpp"
#include "text/utf8.hpp"

namespace cpct::report {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const std::size_t n = text::utf8_sequence_length(text, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
      continue;
    }
    if (n == 2 && c == 0xC2 && static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      // C1 controls (U+0080..U+009F) as references: shown, never raw.
      out += "&#x" + text::to_hex(text.substr(i + 1, 1), text::HexCase::kUpper) + ';';
      i += 2;
      continue;
    }
    if (n > 1) {
      out.append(text.substr(i, n));
      i += n;
      continue;
    }
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
          text::append_byte_escape(out, c);
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
  return out;
}

std::string pretty_json(const nlohmann::json& value) {
  return value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string text_of(const nlohmann::json& object, const char* key, const std::string& fallback) {
  if (!object.is_object()) return fallback;
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return fallback;
  if (it->is_string()) return it->get<std::string>();
  return it->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

const nlohmann::json& object_of(const nlohmann::json& object, const char* key) {
  static const nlohmann::json empty = nlohmann::json::object();
  if (!object.is_object()) return empty;
  const auto it = object.find(key);
  return it != object.end() && it->is_object() ? *it : empty;
}

const nlohmann::json& array_of(const nlohmann::json& object, const char* key) {
  static const nlohmann::json empty = nlohmann::json::array();
  if (!object.is_object()) return empty;
  const auto it = object.find(key);
  return it != object.end() && it->is_array() ? *it : empty;
}

std::string flaky_of(const nlohmann::json& failure) {
  if (!failure.is_object()) return "";
  const auto it = failure.find("flaky");
  if (it == failure.end() || !it->is_boolean() || !it->get<bool>()) return "";
  return " (flaky: failed " + std::to_string(count_of(failure, "failedRuns")) + " of " +
         std::to_string(count_of(failure, "runs")) + " runs)";
}

std::string sources_of(const nlohmann::json& requirement) {
  if (!requirement.is_object()) return "";
  const auto it = requirement.find("sources");
  if (it == requirement.end() || !it->is_array()) return "";
  std::string out;
  for (const auto& s : *it)
    out += (out.empty() ? "" : "; ") + text_of(s, "kind", "?") + ": " + text_of(s, "ref");
  return out;
}

std::uint64_t count_of(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return 0;
  const auto it = object.find(key);
  if (it == object.end() || !it->is_number()) return 0;
  if (it->is_number_float()) return it->get<double>() > 0 ? it->get<std::uint64_t>() : 0;
  return it->is_number_unsigned()
             ? it->get<std::uint64_t>()
             : static_cast<std::uint64_t>(std::max<std::int64_t>(it->get<std::int64_t>(), 0));
}

std::string with_commas(std::uint64_t n) {
  // Built forwards: GCC 12 warns (-Wrestrict, falsely) on insert().
  const std::string digits = std::to_string(n);
  std::string out;
  out.reserve(digits.size() + digits.size() / 3);
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string format_micros(double us) {
  char text[32];
  if (us < 1000)
    std::snprintf(text, sizeof text, "%.0f \xC2\xB5s", us);
  else if (us < 1e6)
    std::snprintf(text, sizeof text, us < 1e4 ? "%.1f ms" : "%.0f ms", us / 1e3);
  else
    std::snprintf(text, sizeof text, "%.1f s", us / 1e6);
  return text;
}

std::string anchor_for(std::string_view requirement_id) {
  std::string out = "req-";
  for (const char c : requirement_id) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '.' || c == '-' || c == '_';
    out += plain ? c : '_';
  }
  return out;
}

}  // namespace cpct::report
