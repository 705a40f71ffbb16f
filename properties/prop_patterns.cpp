// Properties of model patterns: generated strings match and respect length
// bounds, non-matching ones do not match, and every pattern botocore ships
// for JSON-protocol services compiles and generates.
#include "pattern/pattern.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "botocore_patterns.hpp"
#include "text/utf8.hpp"

#ifndef CPCT_BOTOCORE_DATA
#define CPCT_BOTOCORE_DATA "/usr/lib/python3/dist-packages/botocore/data"
#endif

using cpct::pattern::Pattern;
using cpct::pattern::PatternError;
using cpct::text::count_code_points;

namespace {

constexpr std::size_t kNoLimit = static_cast<std::size_t>(-1);

struct KnownPattern {
  const char* source;
  std::size_t min_length;  // shortest match, in code points
  std::size_t max_length;
};

// Patterns of the CodePipeline model.
const std::vector<KnownPattern>& codepipeline_patterns() {
  static const std::vector<KnownPattern> patterns{
      {"[A-Za-z0-9.@\\-_]+", 1, kNoLimit},
      {"[0-9A-Za-z_-]+", 1, kNoLimit},
      {"[a-zA-Z0-9_\\-]+", 1, kNoLimit},
      {"arn:aws(-[\\w]+)*:codepipeline:.+:[0-9]{12}:.+", 37, kNoLimit},
      {"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", 36, 36},
  };
  return patterns;
}

const Pattern& compiled(std::size_t index) {
  static const std::vector<Pattern> patterns = [] {
    std::vector<Pattern> out;
    for (const auto& known : codepipeline_patterns()) out.push_back(Pattern::compile(known.source));
    return out;
  }();
  return patterns[index];
}

}  // namespace

RC_GTEST_PROP(prop_patterns, generated_strings_match_within_bounds, ()) {
  const auto index = *rc::gen::inRange<std::size_t>(0, codepipeline_patterns().size());
  const auto& known = codepipeline_patterns()[index];
  const auto min_len = *rc::gen::inRange<std::size_t>(0, 80);
  const auto max_len = *rc::gen::oneOf(rc::gen::inRange<std::size_t>(min_len, min_len + 200),
                                       rc::gen::just<std::size_t>(10'000'000));
  cpct::pattern::Rng rng(*rc::gen::arbitrary<std::uint64_t>());
  const Pattern& pattern = compiled(index);

  const auto text = pattern.generate(rng, min_len, max_len);
  const bool feasible = std::max(min_len, known.min_length) <= std::min(max_len, known.max_length);
  RC_ASSERT(text.has_value() == feasible);
  if (text) {
    RC_ASSERT(pattern.matches(*text));
    const auto length = count_code_points(*text);
    RC_ASSERT(length.has_value());
    RC_ASSERT(*length >= min_len);
    RC_ASSERT(*length <= max_len);
  }
}

RC_GTEST_PROP(prop_patterns, non_matching_strings_do_not_match, ()) {
  const auto index = *rc::gen::inRange<std::size_t>(0, codepipeline_patterns().size());
  const auto min_len = *rc::gen::inRange<std::size_t>(0, 80);
  const auto max_len = *rc::gen::inRange<std::size_t>(min_len, min_len + 200);
  cpct::pattern::Rng rng(*rc::gen::arbitrary<std::uint64_t>());
  const Pattern& pattern = compiled(index);

  const auto text = pattern.generate_non_matching(rng, min_len, max_len);
  RC_ASSERT(text.has_value());  // none of these patterns accepts every string
  RC_ASSERT(!pattern.matches(*text));
  const auto length = count_code_points(*text);
  RC_ASSERT(length.has_value());
  RC_ASSERT(*length >= min_len);
  RC_ASSERT(*length <= max_len);
}

using cpct::testing::botocore_json_patterns;

TEST(prop_patterns, every_botocore_json_pattern_compiles_and_generates) {
  const std::filesystem::path data = CPCT_BOTOCORE_DATA;
  if (!std::filesystem::is_directory(data)) GTEST_SKIP() << "no botocore data at " << data;
  const auto patterns = botocore_json_patterns(data);
  ASSERT_GT(patterns.size(), 100u);

  cpct::pattern::Rng rng(20150709);
  std::size_t unsupported = 0;
  std::size_t no_string = 0;
  std::size_t no_counterexample = 0;
  for (const auto& [source, bounds] : patterns) {
    std::optional<Pattern> pattern;
    try {
      pattern.emplace(Pattern::compile(source));
    } catch (const PatternError& e) {
      EXPECT_NE(std::string(e.what()), "");
      std::cout << "unsupported: " << e.what() << "\n";
      ++unsupported;
      continue;
    }
    const auto text = pattern->generate(rng, bounds.min_len, bounds.max_len);
    if (!text) {
      std::cout << "no string for: " << source << " [" << bounds.min_len << ", " << bounds.max_len
                << "]\n";
      ++no_string;
    } else {
      EXPECT_TRUE(pattern->matches(*text)) << source << " generated " << *text;
      const auto length = count_code_points(*text);
      ASSERT_TRUE(length.has_value()) << source;
      EXPECT_GE(*length, bounds.min_len) << source;
      EXPECT_LE(*length, bounds.max_len) << source;
    }
    const auto counter = pattern->generate_non_matching(rng, bounds.min_len, bounds.max_len);
    if (counter) {
      EXPECT_FALSE(pattern->matches(*counter)) << source << " counterexample " << *counter;
    } else {
      std::cout << "no counterexample for: " << source << "\n";
      ++no_counterexample;
    }
  }
  std::cout << patterns.size() << " distinct patterns: " << unsupported << " unsupported, "
            << no_string << " without a generated string, " << no_counterexample
            << " without a non-matching string\n";
  EXPECT_LE(unsupported * 100, patterns.size());  // at most 1%
  EXPECT_LE(no_string * 50, patterns.size());     // at most 2%
}
