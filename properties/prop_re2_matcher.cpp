// RE2 against ICU, the engine it stands in for: on every pattern cpct
// gives it, both give the same whole-input answer for the same
// strings (random regular expressions over a small alphabet, and every
// pattern of botocore's JSON-protocol models with strings in and near its
// language), and cpct keeps from it the constructs whose meaning is not
// the language alone.
#include "pattern/re2_matcher.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstdio>
#include <string>

#include "botocore_patterns.hpp"
#include "pattern/icu_matcher.hpp"
#include "pattern/pattern.hpp"
#include "text/utf8.hpp"

#ifndef CPCT_BOTOCORE_DATA
#define CPCT_BOTOCORE_DATA "/usr/lib/python3/dist-packages/botocore/data"
#endif

namespace {

using cpct::pattern::detail::IcuMatcher;
using cpct::pattern::detail::parse_pattern;
using cpct::pattern::detail::Re2Matcher;

// A random regular expression over {a, b} (Java syntax), `depth` levels deep.
std::string random_regex(int depth) {
  switch (*rc::gen::inRange(0, depth > 0 ? 7 : 3)) {
    case 0:
      return *rc::gen::element<std::string>("a", "b", "c");
    case 1:
      return *rc::gen::element<std::string>("[ab]", "[^a]", ".", "\\w", "[a-c&&[^b]]");
    case 2:
      return *rc::gen::element<std::string>("()", "(?:)", "a?");
    case 3:
      return random_regex(depth - 1) + random_regex(depth - 1);
    case 4:
      return "(?:" + random_regex(depth - 1) + "|" + random_regex(depth - 1) + ")";
    case 5: {
      const std::string quantifier =
          *rc::gen::element<std::string>("*", "+", "?", "{2}", "{0,2}", "{1,3}", "{2,}", "{0}");
      const std::string lazy = *rc::gen::element<std::string>("", "?");
      return "(?:" + random_regex(depth - 1) + ")" + quantifier + lazy;
    }
    default:
      return "(" + random_regex(depth - 1) + ")";
  }
}

std::string random_text() {
  const auto length = *rc::gen::inRange(0, 10);
  std::string out;
  for (int i = 0; i < length; ++i) out += *rc::gen::element('a', 'b', 'c', '\n', '_');
  return out;
}

}  // namespace

RC_GTEST_PROP(prop_re2_matcher, agrees_with_icu_on_random_regular_expressions, ()) {
  const std::string anchors = *rc::gen::element<std::string>("", "^", "\\A");
  const std::string ends = *rc::gen::element<std::string>("", "$", "\\z", "\\Z");
  const std::string source = anchors + random_regex(*rc::gen::inRange(0, 4)) + ends;
  const auto parsed = parse_pattern(source);
  const auto re2 = Re2Matcher::compile(parsed.root);
  if (!re2) RC_FAIL("not given to RE2: " + source);
  const IcuMatcher icu(source, parsed.root);
  const auto pattern = cpct::pattern::Pattern::compile(source);
  for (int i = 0; i < 40; ++i) {
    const std::string text = random_text();
    const bool expected = icu.matches(text, true);
    RC_ASSERT(re2->matches(text) == expected);
    RC_ASSERT(pattern.matches(text) == expected);  // whichever matcher Pattern picks
  }
}

TEST(prop_re2_matcher, declines_what_the_language_does_not_decide) {
  for (const char* source : {"(?=a)a", "(a)\\1", "\\Aa|b\\z", "(?>a|ab)c", "a*+a", "a^b", "\\bab",
                             "a$b", "(?m)^a", "(?<!b)a", "a{20000}", "(?:a{200}){200}"}) {
    EXPECT_EQ(Re2Matcher::compile(parse_pattern(source).root), nullptr) << source;
  }
  for (const char* source : {"^a$", "\\Aa\\z", "(a|b)*c", "[^:]{1,64}:.*", "()", ""}) {
    EXPECT_NE(Re2Matcher::compile(parse_pattern(source).root), nullptr) << source;
  }
}

// Strings in and near a pattern's language: generated members, generated
// non-members, and each member with one code point dropped, doubled or
// replaced, cut short, or with a line terminator after it.
std::vector<std::string> probes(const cpct::pattern::Pattern& pattern, cpct::pattern::Rng& rng,
                                const cpct::testing::Bounds& bounds) {
  std::vector<std::string> out{""};
  for (int i = 0; i < 3; ++i) {
    if (auto s = pattern.generate(rng, bounds.min_len, std::min<std::size_t>(bounds.max_len, 200)))
      out.push_back(*s);
  }
  if (auto s = pattern.generate_non_matching(rng, bounds.min_len,
                                             std::min<std::size_t>(bounds.max_len, 200)))
    out.push_back(*s);
  const std::size_t members = out.size();
  for (std::size_t m = 1; m < members; ++m) {
    const auto cps = cpct::text::decode_utf8(out[m]);
    if (!cps || cps->empty()) continue;
    const std::size_t at = rng() % cps->size();
    auto dropped = *cps;
    dropped.erase(at, 1);
    auto doubled = *cps;
    doubled.insert(at, 1, (*cps)[at]);
    auto replaced = *cps;
    replaced[at] = U"a:-_/9 \u00e9"[rng() % 8];
    for (const auto& variant : {dropped, doubled, replaced, cps->substr(0, at)})
      out.push_back(cpct::text::encode_utf8(variant));
    out.push_back(out[m] + "\n");
  }
  return out;
}

TEST(prop_re2_matcher, agrees_with_icu_on_every_botocore_json_pattern) {
  const std::filesystem::path data = CPCT_BOTOCORE_DATA;
  if (!std::filesystem::is_directory(data)) GTEST_SKIP() << "no botocore data at " << data;
  const auto patterns = cpct::testing::botocore_json_patterns(data);
  cpct::pattern::Rng rng(20261204);
  std::size_t taken = 0;
  std::size_t matched = 0;
  std::size_t refused = 0;
  for (const auto& [source, bounds] : patterns) {
    std::optional<cpct::pattern::Pattern> pattern;
    try {
      pattern.emplace(cpct::pattern::Pattern::compile(source));
    } catch (const cpct::pattern::PatternError&) {
      continue;  // prop_patterns counts these
    }
    const auto parsed = parse_pattern(source);
    const auto re2 = Re2Matcher::compile(parsed.root);
    if (!re2) continue;
    ++taken;
    const IcuMatcher icu(source, parsed.root);
    for (const auto& text : probes(*pattern, rng, bounds)) {
      const bool expected = icu.matches(text, true);
      ASSERT_EQ(re2->matches(text), expected) << source << " on \"" << text << "\"";
      ++(expected ? matched : refused);
    }
  }
  std::printf("%zu of %zu patterns taken by RE2; %zu strings matched, %zu not\n", taken,
              patterns.size(), matched, refused);
  // Most model patterns are plain regular expressions; both answers occur.
  EXPECT_GE(taken * 10, patterns.size() * 8);
  EXPECT_GT(matched, taken);
  EXPECT_GT(refused, taken);
}
