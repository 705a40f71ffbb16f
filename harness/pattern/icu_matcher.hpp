#pragma once
// Internal: matching a parsed pattern with ICU's regex engine (any tree the
// parser builds). Thread-safe: each call borrows a matcher of its own.
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include <unicode/regex.h>

#include "pattern/ast.hpp"

namespace cpct::pattern::detail {

class IcuMatcher {
 public:
  /// Throws PatternError (naming `source`) when ICU refuses the re-emitted tree.
  IcuMatcher(std::string_view source, const Node& root);
  ~IcuMatcher();
  IcuMatcher(const IcuMatcher&) = delete;
  IcuMatcher& operator=(const IcuMatcher&) = delete;

  /// Whole input (`whole`) or some part of it; `utf8` must be valid UTF-8.
  /// Input past ICU's limits, or past the bounds on backtracking, does not match.
  bool matches(std::string_view utf8, bool whole) const;

 private:
  struct Slot;  // a matcher with its own input buffer, one user at a time
  std::unique_ptr<Slot> acquire() const;
  void release(std::unique_ptr<Slot> slot) const;
  static bool run(Slot& slot, std::string_view utf8, bool whole);

  std::unique_ptr<icu::RegexPattern> pattern_;
  mutable std::mutex mutex_;
  mutable std::vector<std::unique_ptr<Slot>> free_;  // destroyed before pattern_
};

}  // namespace cpct::pattern::detail
