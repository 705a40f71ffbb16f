// Compiled patterns: the tree is re-emitted as an ICU regex spelled only with
// explicit code points and sets, so ICU's own meanings of `.`, `$`, \w, POSIX
// names and case folding never come into play. Simple shapes (a run of sets
// with fixed counts, the last one counted freely) skip ICU entirely.
#include <algorithm>
#include <array>
#include <climits>
#include <cstdio>
#include <mutex>

#include <unicode/regex.h>
#include <unicode/unistr.h>
#include <unicode/ustring.h>

#include "pattern/ast.hpp"
#include "text/utf8.hpp"

namespace cpct::pattern::detail {
namespace {

// ---- ICU spelling ----

constexpr std::size_t kMaxIcuPatternBytes = 64u << 20;

void emit_code_point(std::string& out, char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "\\x{%X}", static_cast<unsigned>(cp));
  out += buf;
}

void emit_set(std::string& out, const CodePointSet& set) {
  if (set.empty()) {
    out += "(?!)";
    return;
  }
  if (auto cp = set.single()) {
    emit_code_point(out, *cp);
    return;
  }
  out += '[';
  for (const auto& [lo, hi] : set.ranges) {
    emit_code_point(out, lo);
    if (hi != lo) {
      out += '-';
      emit_code_point(out, hi);
    }
  }
  out += ']';
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
      // Repeating something zero-width more than once changes nothing, and
      // an unbounded count of it would defeat ICU's lookbehind length check.
      const bool zero_width = node.children[0].max_length == 0;
      const std::size_t lo =
          zero_width ? std::min<std::size_t>(node.repeat_min, 1) : node.repeat_min;
      const std::size_t hi =
          zero_width ? std::min<std::size_t>(node.repeat_max, 1) : node.repeat_max;
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

// ---- fast path ----

struct FastItem {
  CodePointSet set;
  std::array<std::uint64_t, 2> ascii{};  // bitmap of members below 0x80
  std::size_t min = 0;
  std::size_t max = 0;

  bool contains(char32_t cp) const {
    if (cp < 0x80) return (ascii[cp >> 6] >> (cp & 63)) & 1;
    return set.contains(cp);
  }
};

const Node& unwrap_groups(const Node& node) {
  const Node* n = &node;
  while (n->kind == NodeKind::kGroup) n = &n->children[0];
  return *n;
}

bool is_start_anchor(const Node& n) {
  return n.kind == NodeKind::kAssertion && n.assertion == AssertionKind::kInputStart;
}

// Under whole-input matching, $ \Z \z at the very end hold whenever the rest matched.
bool is_end_anchor(const Node& n) {
  return n.kind == NodeKind::kAssertion && (n.assertion == AssertionKind::kInputEnd ||
                                            n.assertion == AssertionKind::kInputEndOrNewline);
}

std::optional<std::vector<FastItem>> fast_items(const Node& root) {
  const Node& top = unwrap_groups(root);
  std::vector<const Node*> parts;
  if (top.kind == NodeKind::kConcat) {
    for (const auto& child : top.children) parts.push_back(&child);
  } else if (top.kind != NodeKind::kEmpty) {
    parts.push_back(&top);
  }
  std::size_t begin = 0;
  std::size_t end = parts.size();
  while (begin < end && is_start_anchor(*parts[begin])) ++begin;
  while (end > begin && is_end_anchor(*parts[end - 1])) --end;

  std::vector<FastItem> items;
  for (std::size_t i = begin; i < end; ++i) {
    const Node& part = unwrap_groups(*parts[i]);
    FastItem item;
    const Node* set = &part;
    if (part.kind == NodeKind::kRepeat) {
      set = &unwrap_groups(part.children[0]);
      item.min = part.repeat_min;
      item.max = part.repeat_max;
    } else {
      item.min = item.max = 1;
    }
    if (set->kind != NodeKind::kSet) return std::nullopt;
    // Only the last item may vary in count; earlier ones would need backtracking.
    if (i + 1 != end && item.min != item.max) return std::nullopt;
    item.set = set->set;
    for (char32_t cp = 0; cp < 0x80; ++cp) {
      if (item.set.contains(cp)) item.ascii[cp >> 6] |= std::uint64_t{1} << (cp & 63);
    }
    items.push_back(std::move(item));
  }
  return items;
}

// Decodes one code point of input already known to be valid UTF-8.
char32_t next_code_point(std::string_view s, std::size_t& pos) {
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

bool fast_matches(const std::vector<FastItem>& items, std::string_view utf8) {
  std::size_t pos = 0;
  for (std::size_t i = 0; i + 1 < items.size(); ++i) {
    for (std::size_t k = 0; k < items[i].min; ++k) {
      if (pos >= utf8.size() || !items[i].contains(next_code_point(utf8, pos))) return false;
    }
  }
  if (items.empty()) return utf8.empty();
  const FastItem& last = items.back();
  std::size_t count = 0;
  while (pos < utf8.size()) {
    if (!last.contains(next_code_point(utf8, pos)) || ++count > last.max) return false;
  }
  return count >= last.min;
}

}  // namespace

class Matcher {
 public:
  Matcher(std::string_view source, const Node& root) : fast_(fast_items(root)) {
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
      throw pattern_error(
          source, 0, std::string("the regex engine rejected it (") + u_errorName(status) + ")");
    }
  }

  bool matches(std::string_view utf8) const {
    if (!text::is_valid_utf8(utf8)) return false;
    if (fast_) return fast_matches(*fast_, utf8);
    return run_icu(utf8, true);
  }

  bool matches_somewhere(std::string_view utf8) const {
    if (!text::is_valid_utf8(utf8)) return false;
    if (fast_ && fast_matches(*fast_, utf8)) return true;
    return run_icu(utf8, false);
  }

 private:
  // A matcher with its own input buffer; reused across calls, one user at a time.
  struct Slot {
    icu::UnicodeString text;
    std::unique_ptr<icu::RegexMatcher> matcher;
  };

  std::unique_ptr<Slot> acquire() const {
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

  void release(std::unique_ptr<Slot> slot) const {
    constexpr std::size_t kMaxIdle = 16;
    std::lock_guard lock(mutex_);
    if (free_.size() < kMaxIdle) free_.push_back(std::move(slot));
  }

  bool run_icu(std::string_view utf8, bool whole) const {
    if (utf8.size() >= static_cast<std::size_t>(INT32_MAX / 2)) return false;  // beyond ICU strings
    auto slot = acquire();
    if (!slot) return false;
    const bool result = run(*slot, utf8, whole);
    release(std::move(slot));
    return result;
  }

  static bool run(Slot& slot, std::string_view utf8, bool whole) {
    UErrorCode status = U_ZERO_ERROR;
    const auto capacity = static_cast<int32_t>(utf8.size()) + 1;  // UTF-16 units <= UTF-8 bytes
    char16_t* buffer = slot.text.getBuffer(capacity);
    if (buffer == nullptr) return false;
    int32_t length = 0;
    u_strFromUTF8(buffer, capacity, &length, utf8.data(), static_cast<int32_t>(utf8.size()),
                  &status);
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
        static_cast<int32_t>(std::clamp(kStackBytesPerUnit * length, kMinStack, kMaxStack)),
        status);
    const bool result = whole ? slot.matcher->matches(status) : slot.matcher->find(status);
    return U_SUCCESS(status) && result;
  }

  std::optional<std::vector<FastItem>> fast_;
  std::unique_ptr<icu::RegexPattern> pattern_;
  mutable std::mutex mutex_;
  mutable std::vector<std::unique_ptr<Slot>> free_;  // destroyed before pattern_
};

}  // namespace cpct::pattern::detail

namespace cpct::pattern {

Pattern::Impl::Impl() = default;
Pattern::Impl::~Impl() = default;

Pattern Pattern::compile(std::string_view source) {
  auto impl = std::make_unique<Impl>();
  impl->source = std::string(source);
  impl->parsed = detail::parse_pattern(source);
  detail::prepare_generation(impl->parsed.root);
  impl->matcher = std::make_unique<detail::Matcher>(source, impl->parsed.root);
  return Pattern(std::move(impl));
}

Pattern::Pattern(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Pattern::Pattern(Pattern&&) noexcept = default;
Pattern& Pattern::operator=(Pattern&&) noexcept = default;
Pattern::~Pattern() = default;

const std::string& Pattern::source() const {
  return impl_->source;
}

bool Pattern::matches(std::string_view utf8) const {
  return impl_->matcher->matches(utf8);
}

bool Pattern::matches_somewhere(std::string_view utf8) const {
  return impl_->matcher->matches_somewhere(utf8);
}

}  // namespace cpct::pattern
