// Matching through ICU's regex engine: the tree is re-emitted as an ICU
// regex spelled only with explicit code points and sets, so ICU's own
// meanings of `.`, `$`, \w, POSIX names and case folding never come into
// play. Used for what RE2 is not given (lookarounds,
// backreferences, atomic and possessive parts, anchors inside).
#include "pattern/icu_matcher.hpp"

#include "pattern/matching.hpp"

#include <algorithm>
#include <climits>

#include <unicode/regex.h>
#include <unicode/unistr.h>
#include <unicode/ustring.h>

namespace cpct::pattern::detail {
namespace {

// ---- ICU spelling ----
constexpr std::size_t kMaxIcuPatternBytes = 64u << 20;

void emit_set(std::string& out, const CodePointSet& set) {
  if (set.empty()) {
    out += "(?!)";
  } else if (auto cp = set.single()) {
    append_code_point(out, *cp);
  } else {
    append_class(out, set);
  }
}

constexpr std::string_view kWord = "[0-9A-Z_a-z]";
constexpr std::string_view kAny = "[\\x{0}-\\x{10FFFF}]";

// Java's anchors, spelled out so ICU's wider line-terminator set never applies.
std::string assertion_text(AssertionKind kind) {
  const std::string w(kWord);
  switch (kind) {
    case AssertionKind::kInputStart:
      return "\\A";
    case AssertionKind::kInputEnd:
      return "\\z";
    case AssertionKind::kInputEndOrNewline:
      return "(?:\\z|(?=\\r\\n\\z)|(?<!\\r)(?=\\n\\z)|(?=[\\r\\x{85}\\x{2028}\\x{2029}]\\z))";
    case AssertionKind::kLineStart:  // not at the very end, even after a newline
      return "(?:(?=" + std::string(kAny) +
             ")(?:\\A|(?<=[\\n\\x{85}\\x{2028}\\x{2029}])|(?<=\\r)(?!\\n)))";
    case AssertionKind::kLineEnd:
      return "(?:\\z|(?=[\\r\\x{85}\\x{2028}\\x{2029}])|(?<!\\r)(?=\\n))";
    case AssertionKind::kWordBoundary:
      return "(?:(?<=" + w + ")(?!" + w + ")|(?<!" + w + ")(?=" + w + "))";
    case AssertionKind::kNotWordBoundary:
      return "(?:(?<=" + w + ")(?=" + w + ")|(?<!" + w + ")(?!" + w + "))";
  }
  return {};
}

void emit(std::string& out, const Node& node);

// Inside parentheses the pattern already opened: alternatives need no group
// of their own. (ICU caps paren nesting near 100, so extra levels matter.)
void emit_body(std::string& out, const Node& node) {
  if (node.kind == NodeKind::kAlternation) {
    for (std::size_t i = 0; i < node.children.size(); ++i) {
      if (i != 0) out += '|';
      emit(out, node.children[i]);
    }
  } else if (node.kind == NodeKind::kGroup && node.group_kind == GroupKind::kNonCapturing) {
    emit_body(out, node.children[0]);
  } else {
    emit(out, node);
  }
}

// As one quantifiable atom.
void emit_atom(std::string& out, const Node& node) {
  const bool atom = (node.kind == NodeKind::kSet && !node.set.empty()) ||
                    node.kind == NodeKind::kAlternation || node.kind == NodeKind::kBackref ||
                    (node.kind == NodeKind::kGroup && node.group_kind != GroupKind::kNonCapturing);
  if (atom) {
    emit(out, node);
  } else if (node.kind == NodeKind::kGroup) {
    emit_atom(out, node.children[0]);
  } else {
    out += "(?:";
    emit_body(out, node);
    out += ')';
  }
}

// In sequence with whatever comes before and after.
void emit(std::string& out, const Node& node) {
  if (out.size() > kMaxIcuPatternBytes) return;  // caller reports it
  switch (node.kind) {
    case NodeKind::kEmpty:
      return;
    case NodeKind::kSet:
      emit_set(out, node.set);
      return;
    case NodeKind::kConcat:
      for (const auto& child : node.children) emit(out, child);
      return;
    case NodeKind::kAlternation:
      out += "(?:";
      emit_body(out, node);
      out += ')';
      return;
    case NodeKind::kRepeat: {
      // Capped counts of something zero-width: an unbounded count of it
      // would defeat ICU's lookbehind length check.
      const auto [lo, hi] = effective_counts(node);
      emit_atom(out, node.children[0]);
      out += '{' + std::to_string(lo) + ',';
      if (hi != kUnbounded) out += std::to_string(hi);
      out += '}';
      if (node.mode == RepeatMode::kLazy) out += '?';
      if (node.mode == RepeatMode::kPossessive) out += '+';
      return;
    }
    case NodeKind::kGroup:
      if (node.group_kind == GroupKind::kNonCapturing) {
        emit(out, node.children[0]);
        return;
      }
      out += node.group_kind == GroupKind::kCapturing ? "(" : "(?>";
      emit_body(out, node.children[0]);
      out += ')';
      return;
    case NodeKind::kBackref:
      // Nothing emitted starts with a bare digit, so \N never absorbs one.
      out += node.case_insensitive ? "(?i:\\" : "(?:\\";
      out += std::to_string(node.group_index) + ')';
      return;
    case NodeKind::kAssertion:
      out += assertion_text(node.assertion);
      return;
    case NodeKind::kLook:
      out += node.look == LookKind::kAhead           ? "(?="
             : node.look == LookKind::kNegativeAhead ? "(?!"
             : node.look == LookKind::kBehind        ? "(?<="
                                                     : "(?<!";
      emit_body(out, node.children[0]);
      out += ')';
      return;
  }
}

}  // namespace

struct IcuMatcher::Slot {
  icu::UnicodeString text;
  std::unique_ptr<icu::RegexMatcher> matcher;
};

IcuMatcher::IcuMatcher(std::string_view source, const Node& root) {
  std::string icu_text;
  emit(icu_text, root);
  if (icu_text.size() > kMaxIcuPatternBytes) {
    throw pattern_error(source, 0, "pattern too large for the matcher");
  }
  UParseError parse_error{};
  UErrorCode status = U_ZERO_ERROR;
  pattern_.reset(
      icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(icu_text), 0, parse_error, status));
  if (U_FAILURE(status) || !pattern_) {
    throw pattern_error(source, 0,
                        std::string("the regex engine rejected it (") + u_errorName(status) + ")");
  }
}

IcuMatcher::~IcuMatcher() = default;

std::unique_ptr<IcuMatcher::Slot> IcuMatcher::acquire() const {
  {
    std::lock_guard lock(mutex_);
    if (!free_.empty()) {
      auto slot = std::move(free_.back());
      free_.pop_back();
      return slot;
    }
  }
  UErrorCode status = U_ZERO_ERROR;
  auto slot = std::make_unique<Slot>();
  slot->matcher.reset(pattern_->matcher(status));
  if (U_FAILURE(status) || !slot->matcher) return nullptr;
  return slot;
}

void IcuMatcher::release(std::unique_ptr<Slot> slot) const {
  constexpr std::size_t kMaxIdle = 16;
  std::lock_guard lock(mutex_);
  if (free_.size() < kMaxIdle) free_.push_back(std::move(slot));
}

bool IcuMatcher::matches(std::string_view utf8, bool whole) const {
  if (utf8.size() >= static_cast<std::size_t>(INT32_MAX / 2)) return false;  // beyond ICU strings
  auto slot = acquire();
  if (!slot) return false;
  const bool result = run(*slot, utf8, whole);
  release(std::move(slot));
  return result;
}

bool IcuMatcher::run(Slot& slot, std::string_view utf8, bool whole) {
  UErrorCode status = U_ZERO_ERROR;
  const auto capacity = static_cast<int32_t>(utf8.size()) + 1;  // UTF-16 units <= UTF-8 bytes
  char16_t* buffer = slot.text.getBuffer(capacity);
  if (buffer == nullptr) return false;
  int32_t length = 0;
  u_strFromUTF8(buffer, capacity, &length, utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  slot.text.releaseBuffer(U_SUCCESS(status) ? length : 0);
  if (U_FAILURE(status)) return false;
  slot.matcher->reset(slot.text);
  // Bounds on pathological backtracking, scaled with the input: time in
  // units of roughly a millisecond, and backtrack stack (ICU's 8 MB default
  // fails `(ab)*` near a million characters). Hitting either means no match.
  constexpr int64_t kStackBytesPerUnit = 32;
  constexpr int64_t kMinStack = 8 << 20;
  constexpr int64_t kMaxStack = 512 << 20;
  slot.matcher->setTimeLimit(1000 + length / 100, status);
  slot.matcher->setStackLimit(
      static_cast<int32_t>(std::clamp(kStackBytesPerUnit * length, kMinStack, kMaxStack)), status);
  const bool result = whole ? slot.matcher->matches(status) : slot.matcher->find(status);
  return U_SUCCESS(status) && result;
}

}  // namespace cpct::pattern::detail
