#pragma once
// Internal: whole-input matching through RE2, linear in the input, for
// patterns that are regular expressions in the strict sense: sets,
// sequences, alternatives, counted or free repeats (greedy or lazy) and
// groups, with anchors only at the two ends. For these, whether a
// backtracking engine (Java's, ICU's) finds a whole-input match depends on
// the language alone, so RE2's automata answer the same, on the UTF-8 as it
// is, without ICU's UTF-16 copy, matcher set-up and backtracking.
#include <memory>
#include <optional>
#include <string_view>

#include "pattern/ast.hpp"

namespace re2 {
class RE2;
}

namespace cpct::pattern::detail {

class Re2Matcher {
 public:
  /// Null for a tree holding anything else (lookarounds, backreferences,
  /// atomic groups, possessive repeats, inner anchors, an empty set), or
  /// one RE2 refuses (counts past 1000, a program past its memory bound).
  static std::unique_ptr<Re2Matcher> compile(const Node& root);
  ~Re2Matcher();

  /// True when the whole of `utf8` matches; `utf8` must be valid UTF-8.
  bool matches(std::string_view utf8) const;

 private:
  Re2Matcher() = default;
  std::unique_ptr<re2::RE2> re_;
};

}  // namespace cpct::pattern::detail
