#pragma once
// Internal: what the matchers share. A set test answers ASCII from a
// bitmap (most of what models match is ASCII) and the rest from the set's
// ranges; input is walked a code point at a time. The engines (ICU, RE2)
// are fed the tree spelled with explicit code points and ranges only.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pattern/ast.hpp"

namespace cpct::pattern::detail {

struct SetTest {
  CodePointSet set;
  std::array<std::uint64_t, 2> ascii{};  // bitmap of members below 0x80

  explicit SetTest(CodePointSet s) : set(std::move(s)) {
    for (char32_t cp = 0; cp < 0x80; ++cp) {
      if (set.contains(cp)) ascii[cp >> 6] |= std::uint64_t{1} << (cp & 63);
    }
  }

  bool contains(char32_t cp) const {
    if (cp < 0x80) return (ascii[cp >> 6] >> (cp & 63)) & 1;
    return set.contains(cp);
  }
};

/// Decodes one code point of input already known to be valid UTF-8.
inline char32_t next_code_point(std::string_view s, std::size_t& pos) {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  if (b0 < 0x80) {
    ++pos;
    return b0;
  }
  const std::size_t len = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : 2;
  char32_t cp = b0 & (0x7F >> len);
  for (std::size_t i = 1; i < len; ++i)
    cp = (cp << 6) | (static_cast<unsigned char>(s[pos + i]) & 0x3F);
  pos += len;
  return cp;
}

/// The top level of a pattern as a sequence, without the \A or ^ that
/// start it and the $ \Z \z that end it: under whole-input matching those
/// hold whenever the rest matched. Nodes point into `root`.
std::vector<const Node*> unanchored_parts(const Node& root);

/// `node` without the groups around it.
const Node& unwrap_groups(const Node& node);

/// \x{HEX}, a code point as both engines read it.
void append_code_point(std::string& out, char32_t cp);
/// [\x{..}-\x{..}...], a non-empty set as a bracketed class.
void append_class(std::string& out, const CodePointSet& set);

/// A repeat's counts as matched: repeating something zero-width more than
/// once changes nothing, so its counts are capped at 1.
std::pair<std::size_t, std::size_t> effective_counts(const Node& repeat);

}  // namespace cpct::pattern::detail
