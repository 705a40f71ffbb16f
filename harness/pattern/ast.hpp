#pragma once
// Internal: the syntax tree of a parsed Java-dialect pattern. Every Java-only
// meaning (flags, POSIX names, `.`, `$`, case folding) is resolved while
// parsing, so the tree is dialect-free: sets are explicit code-point ranges
// and anchors name exactly what they test. Matching re-emits it for ICU;
// generation walks it.
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pattern/pattern.hpp"

namespace cpct::pattern::detail {

inline constexpr std::size_t kUnbounded = std::numeric_limits<std::size_t>::max();

// Lengths in code points, kUnbounded standing for "no upper bound": sums and
// products saturate there, so a repeat of a repeat never wraps around.
inline std::size_t add_sat(std::size_t a, std::size_t b) {
  return (a == kUnbounded || b == kUnbounded || a > kUnbounded - b) ? kUnbounded : a + b;
}

inline std::size_t mul_sat(std::size_t a, std::size_t b) {
  if (a == 0 || b == 0) return 0;
  if (a == kUnbounded || b == kUnbounded || a > kUnbounded / b) return kUnbounded;
  return a * b;
}

/// Sorted, disjoint, non-adjacent inclusive ranges of code points.
struct CodePointSet {
  std::vector<std::pair<char32_t, char32_t>> ranges;

  bool contains(char32_t cp) const;
  bool empty() const { return ranges.empty(); }
  /// The only member, when the set has exactly one.
  std::optional<char32_t> single() const;
};

/// Pre-split view of a set for random picks (built by prepare_generation):
/// buckets 0 = ASCII, 1 = other BMP, 2 = astral; surrogates excluded.
/// `preferred` holds the assigned code points of each bucket.
struct SetSampler {
  struct Bucket {
    std::vector<std::pair<char32_t, char32_t>> ranges;
    std::vector<std::uint64_t> cumulative;  // members before each range
    std::uint64_t total = 0;
  };
  std::array<Bucket, 3> all;
  std::array<Bucket, 3> preferred;
};

enum class NodeKind {
  kEmpty,        // matches the empty string
  kSet,          // one code point from `set`
  kConcat,       // children in order
  kAlternation,  // one of children
  kRepeat,       // children[0] repeated [repeat_min, repeat_max] times
  kGroup,        // children[0], possibly capturing
  kBackref,      // text last captured by group `group_index`
  kAssertion,    // zero-width test named by `assertion`
  kLook,         // zero-width lookaround around children[0]
};

enum class RepeatMode { kGreedy, kLazy, kPossessive };
enum class GroupKind { kCapturing, kNonCapturing, kAtomic };

enum class AssertionKind {
  kInputStart,         // \A, and ^ without (?m)
  kInputEnd,           // \z
  kInputEndOrNewline,  // \Z, and $ without (?m): end, or before a final line terminator
  kLineStart,          // ^ with (?m)
  kLineEnd,            // $ with (?m)
  kWordBoundary,       // \b over [A-Za-z0-9_]
  kNotWordBoundary,    // \B
};

enum class LookKind { kAhead, kNegativeAhead, kBehind, kNegativeBehind };

struct Node {
  NodeKind kind = NodeKind::kEmpty;
  std::vector<Node> children;

  CodePointSet set;                                 // kSet
  std::shared_ptr<const SetSampler> sampler;        // kSet, filled by prepare_generation
  std::size_t repeat_min = 0;                       // kRepeat
  std::size_t repeat_max = 0;                       // kRepeat (kUnbounded for no limit)
  RepeatMode mode = RepeatMode::kGreedy;            // kRepeat
  GroupKind group_kind = GroupKind::kNonCapturing;  // kGroup
  std::size_t group_index = 0;    // kGroup (capturing) and kBackref: 1-based group number
  bool case_insensitive = false;  // kBackref under (?i)
  AssertionKind assertion = AssertionKind::kInputStart;  // kAssertion
  LookKind look = LookKind::kAhead;                      // kLook

  // Code-point lengths this node can match (kUnbounded for no limit).
  std::size_t min_length = 0;
  std::size_t max_length = 0;

  // kConcat: the least and most code points children [i, end) can match,
  // one entry past the last child (filled by prepare_generation, so a
  // generated string does not recompute them per visit).
  std::vector<std::size_t> rest_min;
  std::vector<std::size_t> rest_max;
};

struct ParsedPattern {
  Node root;
  std::size_t group_count = 0;
};

/// Parses Java-dialect `source`; throws PatternError naming the pattern, the
/// offset (in code points) and the construct.
ParsedPattern parse_pattern(std::string_view source);

/// Builds the samplers of every set node (generate.cpp).
void prepare_generation(Node& root);

/// Formats the error message for `source` at code-point `offset`.
PatternError pattern_error(std::string_view source, std::size_t offset, std::string_view what);

/// Matching engine behind a compiled pattern (pattern.cpp).
class Matcher;

}  // namespace cpct::pattern::detail

namespace cpct::pattern {

struct Pattern::Impl {
  std::string source;
  detail::ParsedPattern parsed;
  std::unique_ptr<detail::Matcher> matcher;

  Impl();
  ~Impl();  // defined where Matcher is complete
};

}  // namespace cpct::pattern
