#include "text/utf8.hpp"

#include <unicode/utf8.h>

#include <cstdint>

#include "text/hex.hpp"

namespace cpct::text {
namespace {

// Decodes one scalar value at `pos`; returns its byte length or 0 when
// invalid. ICU's U8_NEXT rejects overlong forms, surrogates and values past
// U+10FFFF (c < 0).
std::size_t decode_one(std::string_view s, std::size_t pos, char32_t& cp) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(s.data());
  std::size_t next = pos;
  UChar32 c = 0;
  U8_NEXT(bytes, next, s.size(), c);
  if (c < 0) return 0;
  cp = static_cast<char32_t>(c);
  return next - pos;
}

}  // namespace

std::size_t utf8_sequence_length(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return 0;
  char32_t cp = 0;
  return decode_one(text, pos, cp);
}

std::optional<std::size_t> count_code_points(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t pos = 0; pos < text.size(); ++count) {
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;  // ASCII fast path: most values in these APIs are ASCII.
      continue;
    }
    char32_t cp = 0;
    const auto len = decode_one(text, pos, cp);
    if (len == 0) return std::nullopt;
    pos += len;
  }
  return count;
}

bool is_valid_utf8(std::string_view text) {
  return count_code_points(text).has_value();
}

void append_utf8(std::string& out, char32_t cp) {
  std::uint8_t buffer[U8_MAX_LENGTH];
  std::size_t length = 0;
  U8_APPEND_UNSAFE(buffer, length, static_cast<UChar32>(cp));
  out.append(reinterpret_cast<const char*>(buffer), length);
}

std::optional<std::u32string> decode_utf8(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    char32_t cp = 0;
    const auto len = decode_one(text, pos, cp);
    if (len == 0) return std::nullopt;
    out += cp;
    pos += len;
  }
  return out;
}

std::string encode_utf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char32_t cp : text) append_utf8(out, cp);
  return out;
}

std::string to_printable(std::string_view bytes) {
  if (is_valid_utf8(bytes)) return std::string(bytes);
  // Valid sequences stay text; only bytes that start no valid sequence are
  // escaped, so a reader still sees the characters around them.
  std::string out;
  for (std::size_t i = 0; i < bytes.size();) {
    if (const std::size_t len = utf8_sequence_length(bytes, i); len > 0) {
      out.append(bytes.substr(i, len));
      i += len;
      continue;
    }
    text::append_byte_escape(out, static_cast<unsigned char>(bytes[i++]));
  }
  return out;
}

std::string to_display(std::string_view bytes) {
  const std::string text = to_printable(bytes);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
      text::append_byte_escape(out, c);
    } else if (c == 0xC2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      out += "\\u00" + text::to_hex(text.substr(++i, 1), text::HexCase::kUpper);  // U+0080..U+009F
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace cpct::text
