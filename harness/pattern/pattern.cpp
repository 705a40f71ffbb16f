// Compiled patterns: three matchers, the cheapest that takes the tree.
// Simple shapes (a run of sets with fixed counts, the last one counted
// freely) are a loop over the input; regular expressions in the strict
// sense go to RE2; the rest (lookarounds, backreferences,
// atomic and possessive parts, inner anchors) to ICU.
#include "pattern/ast.hpp"
#include "pattern/icu_matcher.hpp"
#include "pattern/matching.hpp"
#include "pattern/re2_matcher.hpp"
#include "text/utf8.hpp"

namespace cpct::pattern::detail {
namespace {

// ---- fast path ----

struct FastItem {
  SetTest set;
  std::size_t min = 0;
  std::size_t max = 0;
};

std::optional<std::vector<FastItem>> fast_items(const Node& root) {
  const auto parts = unanchored_parts(root);
  std::vector<FastItem> items;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const Node& part = unwrap_groups(*parts[i]);
    const Node* set = &part;
    std::size_t min = 1;
    std::size_t max = 1;
    if (part.kind == NodeKind::kRepeat) {
      set = &unwrap_groups(part.children[0]);
      min = part.repeat_min;
      max = part.repeat_max;
    }
    if (set->kind != NodeKind::kSet) return std::nullopt;
    // Only the last item may vary in count; earlier ones would need backtracking.
    if (i + 1 != parts.size() && min != max) return std::nullopt;
    items.push_back(FastItem{SetTest(set->set), min, max});
  }
  return items;
}

bool fast_matches(const std::vector<FastItem>& items, std::string_view utf8) {
  std::size_t pos = 0;
  for (std::size_t i = 0; i + 1 < items.size(); ++i) {
    for (std::size_t k = 0; k < items[i].min; ++k) {
      if (pos >= utf8.size() || !items[i].set.contains(next_code_point(utf8, pos))) return false;
    }
  }
  if (items.empty()) return utf8.empty();
  const FastItem& last = items.back();
  std::size_t count = 0;
  while (pos < utf8.size()) {
    if (!last.set.contains(next_code_point(utf8, pos)) || ++count > last.max) return false;
  }
  return count >= last.min;
}

}  // namespace

class Matcher {
 public:
  Matcher(std::string_view source, const Node& root)
      : fast_(fast_items(root)),
        re2_(fast_ ? nullptr : Re2Matcher::compile(root)),
        icu_(source, root) {}

  bool matches(std::string_view utf8) const {
    if (!text::is_valid_utf8(utf8)) return false;
    if (fast_) return fast_matches(*fast_, utf8);
    if (re2_) return re2_->matches(utf8);
    return icu_.matches(utf8, true);
  }

  bool matches_somewhere(std::string_view utf8) const {
    if (!text::is_valid_utf8(utf8)) return false;
    if (fast_ && fast_matches(*fast_, utf8)) return true;
    if (re2_ && re2_->matches(utf8)) return true;
    return icu_.matches(utf8, false);
  }

 private:
  std::optional<std::vector<FastItem>> fast_;
  std::unique_ptr<Re2Matcher> re2_;
  IcuMatcher icu_;
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
