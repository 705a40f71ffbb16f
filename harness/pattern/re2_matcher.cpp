// The tree is spelled for RE2 with explicit code points and sets only, as
// for ICU, so no engine's own meaning of `.`, `$`, \w or case folding
// applies; the spelling refuses every construct outside the strict sense.
#include "pattern/re2_matcher.hpp"

#include <re2/re2.h>

#include "pattern/matching.hpp"

namespace cpct::pattern::detail {
namespace {

// RE2's bound on one repeat's count.
constexpr std::size_t kMaxCount = 1000;

// Appends `node` as one atom; false when it is outside the strict sense.
bool spell(std::string& out, const Node& node) {
  switch (node.kind) {
    case NodeKind::kEmpty:
      out += "(?:)";
      return true;
    case NodeKind::kSet:
      if (node.set.empty()) return false;
      append_class(out, node.set);
      return true;
    case NodeKind::kConcat:
      out += "(?:";
      for (const auto& child : node.children)
        if (!spell(out, child)) return false;
      out += ')';
      return true;
    case NodeKind::kAlternation:
      out += "(?:";
      for (std::size_t i = 0; i < node.children.size(); ++i) {
        if (i != 0) out += '|';
        if (!spell(out, node.children[i])) return false;
      }
      out += ')';
      return true;
    case NodeKind::kRepeat: {
      if (node.mode == RepeatMode::kPossessive) return false;
      const auto [lo, hi] = effective_counts(node);
      if (lo > kMaxCount || (hi != kUnbounded && hi > kMaxCount)) return false;
      // Its own group: RE2 refuses a count straight after another (a?{2}).
      out += "(?:";
      if (!spell(out, node.children[0])) return false;
      out += ")";
      out += '{' + std::to_string(lo) + ',';
      if (hi != kUnbounded) out += std::to_string(hi);
      out += '}';
      if (node.mode == RepeatMode::kLazy) out += '?';
      return true;
    }
    case NodeKind::kGroup:
      return node.group_kind != GroupKind::kAtomic && spell(out, node.children[0]);
    case NodeKind::kBackref:
    case NodeKind::kAssertion:
    case NodeKind::kLook:
      return false;
  }
  return false;
}

}  // namespace

std::unique_ptr<Re2Matcher> Re2Matcher::compile(const Node& root) {
  std::string text;
  for (const Node* part : unanchored_parts(root))
    if (!spell(text, *part)) return nullptr;
  RE2::Options options;
  options.set_log_errors(false);
  options.set_never_capture(true);
  auto re = std::make_unique<RE2>(re2::StringPiece(text.data(), text.size()), options);
  if (!re->ok()) return nullptr;
  std::unique_ptr<Re2Matcher> m(new Re2Matcher());
  m->re_ = std::move(re);
  return m;
}

Re2Matcher::~Re2Matcher() = default;

bool Re2Matcher::matches(std::string_view utf8) const {
  return RE2::FullMatch(re2::StringPiece(utf8.data(), utf8.size()), *re_);
}

}  // namespace cpct::pattern::detail
