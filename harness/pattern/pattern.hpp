#pragma once
// Regular expressions of AWS service models. botocore writes them in the
// Java dialect (java.util.regex) that AWS's validators use; cpct parses that
// dialect once into a syntax tree that serves both matching (through ICU's
// regex engine, fed a pattern re-emitted from the tree so Java-only
// spellings mean what Java means) and generation of matching strings.
#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include "pattern/rng.hpp"

namespace cpct::pattern {

/// A pattern cpct cannot parse or generate from; what() names the pattern,
/// the offset and the construct.
class PatternError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Pattern {
 public:
  /// Parses `source` (Java regex dialect). Throws PatternError on syntax
  /// cpct does not support.
  static Pattern compile(std::string_view source);

  const std::string& source() const;

  /// True when the whole of `utf8` matches (patterns are anchored at both
  /// ends, as AWS validates them). Invalid UTF-8 never matches.
  bool matches(std::string_view utf8) const;

  /// True when some part of `utf8` matches (Smithy's `pattern` trait adds no
  /// anchors: a value satisfies it when the expression matches anywhere in
  /// it). Never false where matches() is true.
  bool matches_somewhere(std::string_view utf8) const;

  /// A string matching the pattern whose length in code points lies in
  /// [min_len, max_len]; std::nullopt when bounded attempts find none (for
  /// example when the pattern cannot produce such a length).
  std::optional<std::string> generate(Rng& rng, std::size_t min_len, std::size_t max_len) const;

  /// A string that does NOT match, with length in [min_len, max_len];
  /// std::nullopt when none was found (e.g. the pattern accepts everything).
  /// Prefers a string no part of which matches (off the pattern under both
  /// readings, anchored or not); falls back to one only the whole of which
  /// fails.
  std::optional<std::string> generate_non_matching(Rng& rng, std::size_t min_len,
                                                   std::size_t max_len) const;

  Pattern(Pattern&&) noexcept;
  Pattern& operator=(Pattern&&) noexcept;
  Pattern(const Pattern&) = delete;
  Pattern& operator=(const Pattern&) = delete;
  ~Pattern();

 private:
  struct Impl;
  explicit Pattern(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace cpct::pattern
