#include "model/secret_match.hpp"

#include <optional>

#include "text/hex.hpp"
#include "text/utf8.hpp"

namespace cpct::model {
namespace {

struct Unit {
  std::string bytes;   // what the unit stands for
  std::size_t length;  // how many characters of the text it takes
};

std::optional<unsigned> hex_value(std::string_view digits) {
  const auto bytes = text::from_hex(digits);
  if (!bytes) return std::nullopt;
  unsigned value = 0;
  for (const char b : *bytes) value = value << 8 | static_cast<unsigned char>(b);
  return value;
}

// A \uXXXX escape at `at` (the backslash): its code unit.
std::optional<unsigned> unicode_escape(std::string_view text, std::size_t at) {
  if (at + 6 > text.size() || text[at] != '\\' || text[at + 1] != 'u') return std::nullopt;
  return hex_value(text.substr(at + 2, 4));
}

// The encoded unit at `text[at]` (not the plain character), if one starts there.
std::optional<Unit> decode_unit(std::string_view text, std::size_t at) {
  const char c = text[at];
  if (c == '%' && at + 3 <= text.size()) {
    if (const auto v = hex_value(text.substr(at + 1, 2))) return Unit{std::string(1, char(*v)), 3};
    return std::nullopt;
  }
  if (c == '+') return Unit{" ", 1};
  if (c != '\\' || at + 1 >= text.size()) return std::nullopt;
  switch (text[at + 1]) {
    case '/':
    case '"':
    case '\\':
      return Unit{std::string(1, text[at + 1]), 2};
    case 'n':
      return Unit{"\n", 2};
    case 't':
      return Unit{"\t", 2};
    case 'r':
      return Unit{"\r", 2};
    case 'u':
      break;
    default:
      return std::nullopt;
  }
  const auto unit = unicode_escape(text, at);
  if (!unit) return std::nullopt;
  char32_t cp = *unit;
  std::size_t length = 6;
  if (cp >= 0xD800 && cp <= 0xDBFF) {
    const auto low = unicode_escape(text, at + 6);
    if (!low || *low < 0xDC00 || *low > 0xDFFF) return std::nullopt;
    cp = 0x10000 + ((cp - 0xD800) << 10) + (*low - 0xDC00);
    length = 12;
  } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
    return std::nullopt;
  }
  Unit out{{}, length};
  text::append_utf8(out.bytes, cp);
  return out;
}

// Matches secret[j..] at text[k..]; `decode_first` says which reading of
// an ambiguous unit ('%' or '\' that is also the secret's own character)
// is tried first. Two greedy passes instead of backtracking: linear time.
std::size_t match_from(std::string_view text, std::size_t k, std::string_view secret,
                       bool decode_first) {
  std::size_t j = 0;
  while (j < secret.size()) {
    if (k >= text.size()) return std::string::npos;
    const bool plain = text[k] == secret[j];
    if (plain && !decode_first) {
      ++k, ++j;
      continue;
    }
    const auto unit = decode_unit(text, k);
    if (unit && secret.substr(j, unit->bytes.size()) == unit->bytes) {
      k += unit->length, j += unit->bytes.size();
    } else if (plain) {
      ++k, ++j;
    } else {
      return std::string::npos;
    }
  }
  return k;
}

}  // namespace

std::size_t match_encoded(std::string_view text, std::size_t at, std::string_view secret) {
  if (secret.empty() || at >= text.size()) return std::string::npos;
  const char c = text[at];
  if (c != secret[0] && c != '%' && c != '\\' && c != '+') return std::string::npos;
  if (const auto end = match_from(text, at, secret, true); end != std::string::npos) return end;
  return match_from(text, at, secret, false);
}

std::string replace_encoded(std::string_view text, std::string_view secret,
                            std::string_view marker) {
  std::string out;
  std::size_t copied = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t end = match_encoded(text, i, secret);
    if (end == std::string::npos) {
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

}  // namespace cpct::model
