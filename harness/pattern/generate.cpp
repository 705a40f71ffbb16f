// Random strings from the pattern tree. Generation aims each node at a length
// window derived from its siblings' length ranges; zero-width nodes produce
// nothing, and every candidate is checked with matches(), which is how
// lookarounds and anchors in the middle of a pattern are honoured.
#include <algorithm>

#include <unicode/uniset.h>

#include "pattern/ast.hpp"
#include "text/utf8.hpp"

namespace cpct::pattern::detail {
namespace {

constexpr int kAttempts = 64;
// Above this many code points past min_len, lengths are not worth exploring.
constexpr std::size_t kLengthSpan = 4096;

std::size_t sub_floor(std::size_t a, std::size_t b) {
  return a > b ? a - b : 0;
}

SetSampler::Bucket make_bucket(const icu::UnicodeSet& s, char32_t lo, char32_t hi) {
  icu::UnicodeSet part(s);
  part.retain(static_cast<UChar32>(lo), static_cast<UChar32>(hi));
  part.remove(0xD800, 0xDFFF);
  SetSampler::Bucket bucket;
  for (int32_t i = 0; i < part.getRangeCount(); ++i) {
    const auto first = static_cast<char32_t>(part.getRangeStart(i));
    const auto last = static_cast<char32_t>(part.getRangeEnd(i));
    bucket.ranges.emplace_back(first, last);
    bucket.cumulative.push_back(bucket.total);
    bucket.total += last - first + 1;
  }
  return bucket;
}

std::shared_ptr<const SetSampler> make_sampler(const CodePointSet& set) {
  // Assigned, non-private-use code points make friendlier test data.
  static const icu::UnicodeSet kPreferred = [] {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeSet s;
    s.applyIntPropertyValue(UCHAR_GENERAL_CATEGORY_MASK,
                            static_cast<int32_t>(U_GC_CN_MASK | U_GC_CO_MASK | U_GC_CS_MASK),
                            status);
    s.complement();
    s.freeze();
    return s;
  }();
  icu::UnicodeSet all;
  for (const auto& [lo, hi] : set.ranges)
    all.add(static_cast<UChar32>(lo), static_cast<UChar32>(hi));
  icu::UnicodeSet preferred(all);
  preferred.retainAll(kPreferred);
  auto sampler = std::make_shared<SetSampler>();
  constexpr std::array<std::pair<char32_t, char32_t>, 3> kSpans{
      {{0, 0x7F}, {0x80, 0xFFFF}, {0x10000, 0x10FFFF}}};
  for (std::size_t i = 0; i < kSpans.size(); ++i) {
    sampler->all[i] = make_bucket(all, kSpans[i].first, kSpans[i].second);
    sampler->preferred[i] = make_bucket(preferred, kSpans[i].first, kSpans[i].second);
  }
  return sampler;
}

std::uint64_t uniform(Rng& rng, std::uint64_t lo, std::uint64_t hi) {
  return std::uniform_int_distribution<std::uint64_t>(lo, hi)(rng);
}

bool chance(Rng& rng, unsigned numerator, unsigned denominator) {
  return uniform(rng, 0, denominator - 1) < numerator;
}

// A length in [lo, hi], often exactly one of the bounds, otherwise as often
// short (near lo) as anywhere in the range.
std::size_t pick_length(Rng& rng, std::size_t lo, std::size_t hi) {
  constexpr std::size_t kShort = 64;
  if (hi <= lo) return lo;
  switch (uniform(rng, 0, 7)) {
    case 0:
    case 1:
      return lo;
    case 2:
      return hi;
    case 3:
    case 4:
      return static_cast<std::size_t>(uniform(rng, lo, std::min(hi, lo + kShort)));
    default:
      return static_cast<std::size_t>(uniform(rng, lo, hi));
  }
}

char32_t pick_from(Rng& rng, const SetSampler::Bucket& bucket) {
  const std::uint64_t index = uniform(rng, 0, bucket.total - 1);
  const auto it = std::upper_bound(bucket.cumulative.begin(), bucket.cumulative.end(), index);
  const std::size_t r = static_cast<std::size_t>(it - bucket.cumulative.begin()) - 1;
  return bucket.ranges[r].first + static_cast<char32_t>(index - bucket.cumulative[r]);
}

// Mostly ASCII, then BMP, then astral, among the buckets the set allows.
std::optional<char32_t> pick_member(Rng& rng, const SetSampler& sampler) {
  constexpr std::array<unsigned, 3> kWeights{12, 5, 2};
  unsigned total = 0;
  for (std::size_t i = 0; i < 3; ++i) total += sampler.all[i].total ? kWeights[i] : 0;
  if (total == 0) return std::nullopt;
  auto roll = static_cast<unsigned>(uniform(rng, 0, total - 1));
  std::size_t b = 0;
  for (; b < 3; ++b) {
    if (sampler.all[b].total == 0) continue;
    if (roll < kWeights[b]) break;
    roll -= kWeights[b];
  }
  const bool prefer = sampler.preferred[b].total != 0 && chance(rng, 7, 8);
  return pick_from(rng, prefer ? sampler.preferred[b] : sampler.all[b]);
}

// Any scalar value, skewed towards characters validators trip over.
char32_t random_code_point(Rng& rng) {
  static constexpr char32_t kTricky[] = {U' ',      U'\t',     U'\n',        U'\r',     U'\0',
                                         U'\x7F',   U'\u0085', U'\u00A0',    U'\u00E9', U'\u2028',
                                         U'\u4E2D', U'\uFFFD', U'\U0001F600'};
  switch (uniform(rng, 0, 9)) {
    case 0:
      return kTricky[uniform(rng, 0, std::size(kTricky) - 1)];
    case 1:
      return static_cast<char32_t>(uniform(rng, 0, 0x1F));
    case 2: {
      const auto cp = static_cast<char32_t>(uniform(rng, 0x80, 0xFFFD));
      return cp >= 0xD800 && cp <= 0xDFFF ? U'\u00E9' : cp;
    }
    case 3:
      return static_cast<char32_t>(uniform(rng, 0x10000, 0x10FFFF));
    default:
      return static_cast<char32_t>(uniform(rng, 0x20, 0x7E));
  }
}

struct Generator {
  Rng& rng;
  std::u32string out;
  std::vector<const Node*> origin;  // the set node behind each code point (null: backref)
  std::vector<std::optional<std::pair<std::size_t, std::size_t>>> captures;
  std::size_t steps_left = 0;  // bounds work on nested repeats of empty-able parts
  bool track_origin = false;   // only a non-matching string needs `origin`

  void emit(char32_t cp, const Node* from) {
    out += cp;
    if (track_origin) origin.push_back(from);
  }

  // Produces text for `node`, aiming at a length in [lo, hi] (best effort).
  void run(const Node& node, std::size_t lo, std::size_t hi) {
    if (steps_left == 0) return;
    --steps_left;
    lo = std::max(lo, node.min_length);
    hi = std::min(hi, node.max_length);
    if (lo > hi) lo = hi = std::clamp(lo, node.min_length, node.max_length);
    switch (node.kind) {
      case NodeKind::kEmpty:
      case NodeKind::kAssertion:
      case NodeKind::kLook:
        return;
      case NodeKind::kSet:
        if (auto cp = pick_member(rng, *node.sampler)) emit(*cp, &node);
        return;
      case NodeKind::kConcat:
        run_sequence(node, pick_length(rng, lo, hi));
        return;
      case NodeKind::kAlternation:
        run_alternation(node, lo, hi);
        return;
      case NodeKind::kRepeat:
        run_repeat(node, lo, hi);
        return;
      case NodeKind::kGroup: {
        const std::size_t start = out.size();
        run(node.children[0], lo, hi);
        if (node.group_kind == GroupKind::kCapturing) {
          captures[node.group_index] = std::make_pair(start, out.size());
        }
        return;
      }
      case NodeKind::kBackref:
        if (const auto& span = captures[node.group_index]) {
          for (std::size_t i = span->first; i < span->second; ++i) emit(out[i], nullptr);
        }
        return;
    }
  }

  // Splits `target` over the items, each within what the rest can still absorb.
  void run_sequence(const Node& node, std::size_t target) {
    const std::vector<Node>& items = node.children;
    const std::size_t start = out.size();
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::size_t left = sub_floor(target, out.size() - start);
      run(items[i], sub_floor(left, node.rest_max[i + 1]), sub_floor(left, node.rest_min[i + 1]));
    }
  }

  void run_alternation(const Node& node, std::size_t lo, std::size_t hi) {
    std::vector<const Node*> fitting;
    for (const auto& child : node.children) {
      if (child.min_length <= hi && child.max_length >= lo) fitting.push_back(&child);
    }
    const Node* chosen = fitting.empty() ? &node.children[uniform(rng, 0, node.children.size() - 1)]
                                         : fitting[uniform(rng, 0, fitting.size() - 1)];
    run(*chosen, lo, hi);
  }

  void run_repeat(const Node& node, std::size_t lo, std::size_t hi) {
    const Node& child = node.children[0];
    const std::size_t cmin = child.min_length;
    const std::size_t cmax = child.max_length;
    // Counts whose total length range meets [lo, hi].
    std::size_t klo = node.repeat_min;
    if (cmax != kUnbounded && cmax > 0) klo = std::max(klo, (lo + cmax - 1) / cmax);
    std::size_t khi = node.repeat_max;
    khi = std::min(khi, cmin > 0 ? hi / cmin : std::max(klo, hi));
    std::size_t count = node.repeat_min;
    if (klo <= khi) {
      count = pick_length(rng, klo, khi);
    } else {
      count = std::clamp(klo, node.repeat_min, node.repeat_max);
    }
    const std::size_t tlo = std::max(lo, mul_sat(count, cmin));
    const std::size_t thi = std::min(hi, mul_sat(count, cmax));
    const std::size_t target = tlo <= thi ? pick_length(rng, tlo, thi) : tlo;
    const std::size_t start = out.size();
    for (std::size_t i = 0; i < count && steps_left != 0; ++i) {
      const std::size_t left = sub_floor(target, out.size() - start);
      const std::size_t after = count - i - 1;
      run(child, sub_floor(left, mul_sat(after, cmax)), sub_floor(left, mul_sat(after, cmin)));
    }
  }
};

struct Window {
  std::size_t lo;
  std::size_t hi;
};

// The lengths worth trying: within the caller's bounds and the pattern's, capped.
std::optional<Window> window(const Node& root, std::size_t min_len, std::size_t max_len) {
  const std::size_t lo = std::max(min_len, root.min_length);
  const std::size_t hi = std::min({max_len, root.max_length, add_sat(lo, kLengthSpan)});
  if (lo > hi) return std::nullopt;
  return Window{lo, hi};
}

// Work budget for a call, in generated code points: big minimum lengths
// must still be reachable, everything else stays small.
std::size_t work_budget(std::size_t lo) {
  return std::max<std::size_t>(1u << 20, mul_sat(lo, 4));
}

// One candidate; `work` is the call's remaining step budget and is charged.
Generator generate_once(Rng& rng, const ParsedPattern& parsed, Window w, std::size_t& work,
                        bool track_origin = false) {
  Generator g{rng, {}, {}, {}, work, track_origin};
  g.captures.resize(parsed.group_count + 1);
  g.run(parsed.root, w.lo, w.hi);
  work = g.steps_left;
  return g;
}

bool length_ok(const std::u32string& s, std::size_t min_len, std::size_t max_len) {
  return s.size() >= min_len && s.size() <= max_len;
}

}  // namespace

void prepare_generation(Node& node) {
  if (node.kind == NodeKind::kSet) node.sampler = make_sampler(node.set);
  if (node.kind == NodeKind::kConcat) {
    const auto& items = node.children;
    node.rest_min.assign(items.size() + 1, 0);
    node.rest_max.assign(items.size() + 1, 0);
    for (std::size_t i = items.size(); i-- > 0;) {
      node.rest_min[i] = add_sat(node.rest_min[i + 1], items[i].min_length);
      node.rest_max[i] = add_sat(node.rest_max[i + 1], items[i].max_length);
    }
  }
  for (auto& child : node.children) prepare_generation(child);
}

}  // namespace cpct::pattern::detail

namespace cpct::pattern {

std::optional<std::string> Pattern::generate(Rng& rng, std::size_t min_len,
                                             std::size_t max_len) const {
  using namespace detail;
  const auto w = window(impl_->parsed.root, min_len, max_len);
  if (!w) return std::nullopt;
  std::size_t work = work_budget(w->lo);
  for (int attempt = 0; attempt < kAttempts && work != 0; ++attempt) {
    const std::size_t target = pick_length(rng, w->lo, w->hi);
    Generator g = generate_once(rng, impl_->parsed, Window{target, target}, work);
    if (!length_ok(g.out, min_len, max_len)) continue;
    std::string text = text::encode_utf8(g.out);
    if (matches(text)) return text;
  }
  return std::nullopt;
}

std::optional<std::string> Pattern::generate_non_matching(Rng& rng, std::size_t min_len,
                                                          std::size_t max_len) const {
  using namespace detail;
  if (min_len > max_len) return std::nullopt;
  const std::size_t hi = std::min(max_len, add_sat(min_len, kLengthSpan));
  const auto w = window(impl_->parsed.root, min_len, max_len);
  std::size_t work = work_budget(min_len);
  std::optional<std::string> fallback;  // fails as a whole, matches in part
  for (int attempt = 0; attempt < kAttempts && work != 0; ++attempt) {
    std::u32string candidate;
    const auto strategy = uniform(rng, 0, 4);
    if (strategy <= 1 && w) {
      // A matching-shaped string with one code point moved outside its set,
      // or with one code point inserted or removed.
      const std::size_t target = pick_length(rng, w->lo, w->hi);
      Generator g = generate_once(rng, impl_->parsed, Window{target, target}, work, true);
      candidate = std::move(g.out);
      if (!candidate.empty() && strategy == 0) {
        const std::size_t at = uniform(rng, 0, candidate.size() - 1);
        const Node* from = g.origin[at];
        char32_t cp = random_code_point(rng);
        for (int i = 0; i < 16 && from != nullptr && from->set.contains(cp); ++i) {
          cp = random_code_point(rng);
        }
        candidate[at] = cp;
      } else if (candidate.size() < max_len && (candidate.size() < min_len || chance(rng, 1, 2))) {
        candidate.insert(candidate.begin() + uniform(rng, 0, candidate.size()),
                         random_code_point(rng));
      } else if (!candidate.empty()) {
        candidate.erase(candidate.begin() + uniform(rng, 0, candidate.size() - 1));
      }
    } else if (strategy == 2) {
      // One code point repeated: finds gaps like "not only whitespace".
      static constexpr char32_t kSpaces[] = {U' ', U'\t', U'\n', U'\r'};
      const char32_t cp = chance(rng, 1, 2) ? kSpaces[uniform(rng, 0, 3)] : random_code_point(rng);
      candidate.assign(pick_length(rng, min_len, hi), cp);
    } else {
      const std::size_t length = pick_length(rng, min_len, hi);
      for (std::size_t i = 0; i < length; ++i) candidate += random_code_point(rng);
    }
    work = sub_floor(work, candidate.size() + 1);
    if (!length_ok(candidate, min_len, max_len)) continue;
    std::string text = text::encode_utf8(candidate);
    if (matches(text)) continue;
    if (!matches_somewhere(text)) return text;
    if (!fallback) fallback = std::move(text);
  }
  return fallback;
}

}  // namespace cpct::pattern
