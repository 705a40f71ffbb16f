#include "pattern/pattern.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "text/utf8.hpp"

using cpct::pattern::Pattern;
using cpct::pattern::PatternError;
using cpct::text::count_code_points;

namespace {

// The message of the PatternError `source` raises, or "" when it compiles.
std::string error_of(std::string_view source) {
  try {
    Pattern::compile(source);
  } catch (const PatternError& e) {
    return e.what();
  }
  return "";
}

bool matches(std::string_view pattern, std::string_view text) {
  return Pattern::compile(pattern).matches(text);
}

}  // namespace

TEST(pattern_test, parse_errors_name_pattern_offset_and_construct) {
  EXPECT_EQ(error_of("[a-"), "pattern \"[a-\" at offset 3: unterminated character class");
  EXPECT_EQ(error_of("ab(c"), "pattern \"ab(c\" at offset 2: unclosed group");
  EXPECT_EQ(error_of("abc)"), "pattern \"abc)\" at offset 3: unmatched ')'");
  EXPECT_EQ(error_of("a**"), "pattern \"a**\" at offset 2: dangling quantifier '*'");
  EXPECT_EQ(error_of("*a"), "pattern \"*a\" at offset 0: dangling quantifier '*'");
  EXPECT_EQ(error_of("x{2,1}"), "pattern \"x{2,1}\" at offset 1: repetition maximum below minimum");
  EXPECT_EQ(error_of("[z-a]"), "pattern \"[z-a]\" at offset 1: illegal character range");
  EXPECT_EQ(error_of("a\\y"), "pattern \"a\\y\" at offset 1: unsupported escape sequence '\\y'");
  EXPECT_EQ(error_of("\\p{Nope}"),
            "pattern \"\\p{Nope}\" at offset 0: unknown character property \\p{Nope}");
  EXPECT_EQ(error_of("ab\\"), "pattern \"ab\\\" at offset 2: trailing backslash");
  EXPECT_EQ(error_of("(?<=a+)b"),
            "pattern \"(?<=a+)b\" at offset 0: lookbehind without an obvious maximum length");
  EXPECT_EQ(error_of("(a)\\2"),
            "pattern \"(a)\\2\" at offset 3: backreference to undefined group 2");
  EXPECT_EQ(error_of("\\uD80"), "pattern \"\\uD80\" at offset 0: illegal Unicode escape");
  EXPECT_EQ(error_of("(?x)a"), "pattern \"(?x)a\" at offset 2: unsupported inline flag 'x'");
  // Offsets count code points, not bytes.
  EXPECT_EQ(error_of("\xC3\xA9\xC3\xA9("),
            "pattern \"\xC3\xA9\xC3\xA9(\" at offset 2: unclosed group");
}

TEST(pattern_test, hostile_input_is_rejected_not_crashed_on) {
  EXPECT_NE(error_of(std::string(200, '(') + std::string(200, ')')), "");
  EXPECT_NE(error_of(std::string(200, '[') + "a" + std::string(200, ']')), "");
  EXPECT_NE(error_of("a{100001}"), "");
  EXPECT_NE(error_of("a{1,99999999999999999999999}"), "");
  EXPECT_NE(error_of("\xFF"), "");
  EXPECT_EQ(error_of("(((a)))"), "");
  EXPECT_EQ(error_of("a{0,100000}"), "");
}

TEST(pattern_test, unicode_escape_takes_exactly_four_digits) {
  // Java reads \u10000 as U+1000 followed by '0'.
  const auto p = Pattern::compile("\\u10000");
  EXPECT_TRUE(
      p.matches("\xE1\x80\x80"
                "0"));
  EXPECT_FALSE(p.matches("\xF0\x90\x80\x80"));  // U+10000
  EXPECT_TRUE(matches("\\x{10000}", "\xF0\x90\x80\x80"));
}

TEST(pattern_test, escaped_surrogate_pairs_join_into_one_code_point) {
  EXPECT_TRUE(matches("\\uD83D\\uDE00", "\xF0\x9F\x98\x80"));  // 😀
  const auto range = Pattern::compile("[\\uD800\\uDC00-\\uDBFF\\uDFFF]+");
  EXPECT_TRUE(range.matches("\xF0\x90\x80\x80\xF4\x8F\xBF\xBF"));  // U+10000 U+10FFFF
  EXPECT_FALSE(range.matches("a"));
  EXPECT_FALSE(range.matches("\xEF\xBF\xBD"));  // U+FFFD
  const auto xml =
      Pattern::compile("[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\t]*");
  EXPECT_TRUE(xml.matches("tab\there \xF0\x9F\x98\x80 \xE4\xB8\xAD"));
  EXPECT_FALSE(xml.matches("new\nline"));
}

TEST(pattern_test, posix_names_are_ascii_only_as_in_java) {
  EXPECT_TRUE(matches("\\p{Alpha}+", "abcXYZ"));
  EXPECT_FALSE(matches("\\p{Alpha}", "\xC3\xA9"));  // é is a letter, but not POSIX Alpha
  EXPECT_TRUE(matches("\\p{L}", "\xC3\xA9"));
  EXPECT_TRUE(matches("\\p{IsAlphabetic}", "\xC3\xA9"));
  EXPECT_TRUE(matches("\\p{Punct}+", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"));
  EXPECT_FALSE(matches("\\p{Punct}", "\xC2\xA1"));  // ¡
  EXPECT_TRUE(matches("[\\p{Print}&&[^|:/]]+", "a b"));
  EXPECT_FALSE(matches("[\\p{Print}&&[^|:/]]+", "a|b"));
  EXPECT_TRUE(matches("\\w+", "a_1"));
  EXPECT_FALSE(matches("\\w", "\xC3\xA9"));
}

TEST(pattern_test, dot_excludes_line_terminators_unless_dotall) {
  EXPECT_FALSE(matches(".", "\n"));
  EXPECT_FALSE(matches(".", "\r"));
  EXPECT_FALSE(matches(".", "\xC2\x85"));      // U+0085
  EXPECT_FALSE(matches(".", "\xE2\x80\xA8"));  // U+2028
  EXPECT_TRUE(matches(".", "\x0B"));           // ICU's `.` would refuse \v; Java's accepts it
  EXPECT_TRUE(matches(".", "\x0C"));
  EXPECT_TRUE(matches("(?s).", "\n"));
  EXPECT_TRUE(matches("(?s)a.b", "a\nb"));
  EXPECT_FALSE(matches("a(?s:.)b.", "a\nb\n"));
}

TEST(pattern_test, whole_value_must_match) {
  const auto p = Pattern::compile("abc");
  EXPECT_TRUE(p.matches("abc"));
  EXPECT_FALSE(p.matches("abcd"));
  EXPECT_FALSE(p.matches("xabc"));
  EXPECT_FALSE(matches("^abc$", "abc\n"));
  EXPECT_TRUE(matches("abc$\\n", "abc\n"));
  EXPECT_TRUE(matches("a|ab", "ab"));
}

TEST(pattern_test, counts_code_points) {
  const auto p = Pattern::compile(".{3}");
  EXPECT_TRUE(p.matches("a\xC3\xA9\xF0\x9F\x98\x80"));  // a é 😀
  EXPECT_FALSE(p.matches("a\xC3\xA9"));
  EXPECT_FALSE(p.matches("ab\xC3\xA9\xF0\x9F\x98\x80"));
  EXPECT_TRUE(matches("[^a]", "\xF0\x9F\x98\x80"));
}

TEST(pattern_test, lookarounds) {
  const auto not_arn = Pattern::compile("(?!(?i)(arn|aws):)[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
  EXPECT_TRUE(not_arn.matches("hello"));
  EXPECT_FALSE(not_arn.matches("ARN:thing"));
  EXPECT_FALSE(not_arn.matches("aws:thing"));
  const auto no_trailing_dash = Pattern::compile("^(?!-)[A-Za-z0-9-]+(?<!-)$");
  EXPECT_TRUE(no_trailing_dash.matches("a-b"));
  EXPECT_FALSE(no_trailing_dash.matches("-ab"));
  EXPECT_FALSE(no_trailing_dash.matches("ab-"));
  EXPECT_TRUE(matches("(?=.*\\d)\\w{4}", "ab1c"));
  EXPECT_FALSE(matches("(?=.*\\d)\\w{4}", "abcd"));
}

TEST(pattern_test, java_case_insensitivity_is_ascii_only) {
  const auto p = Pattern::compile("(?i)all|[0-9]{12}");
  EXPECT_TRUE(p.matches("ALL"));
  EXPECT_TRUE(p.matches("aLl"));
  EXPECT_TRUE(p.matches("123456789012"));
  EXPECT_FALSE(matches("(?i)k", "\xE2\x84\xAA"));  // KELVIN SIGN folds to k only with (?iu)
  EXPECT_TRUE(matches("(?iu)k", "\xE2\x84\xAA"));
}

TEST(pattern_test, quantifier_forms_and_backreferences) {
  EXPECT_TRUE(matches("[0-9]{12}+", "123456789012"));
  EXPECT_TRUE(matches("a*?b", "aaab"));
  EXPECT_FALSE(matches("a*+a", "aaa"));  // possessive gives nothing back
  EXPECT_TRUE(matches("(ab|cd)-\\1", "cd-cd"));
  EXPECT_FALSE(matches("(ab|cd)-\\1", "cd-ab"));
  EXPECT_TRUE(matches("\\Qa.b\\E+", "a.bbb"));
  EXPECT_FALSE(matches("\\Qa.b\\E", "axb"));
  EXPECT_TRUE(matches("\\bfoo\\b-\\Bar", "foo-bar") == false);
  EXPECT_TRUE(matches("\\bfoo\\b.b\\Bar", "foo-bar"));
}

TEST(pattern_test, java_property_spellings) {
  EXPECT_TRUE(matches("\\pL\\p{IsL}\\p{IsLetter}\\p{Lu}",
                      "a\xC3\xA9"
                      "bC"));
  EXPECT_TRUE(matches("\\p{IsLatin}\\p{sc=Latn}\\p{InGreek}", "ab\xCE\xB1"));  // a b alpha
  EXPECT_TRUE(matches("^(\\p{LD}|\\p{Punct}| )+$", "a1 !"));
  EXPECT_TRUE(matches("\\p{javaLowerCase}\\P{Lu}", "\xC3\xA9x"));
  EXPECT_FALSE(matches("\\p{Z}", "\t"));
  EXPECT_TRUE(matches("\\p{IsWhite_Space}", "\t"));
}

TEST(pattern_test, java_parsing_quirks) {
  // A {n} after a quantifier repeats an empty atom in Java: ^\S+{1,256}$ is ^\S+$.
  const auto p = Pattern::compile("^\\S+{1,256}$");
  EXPECT_TRUE(p.matches(std::string(300, 'x')));
  EXPECT_FALSE(p.matches(""));
  EXPECT_TRUE(matches("[a-c-e]+", "a-e"));  // '-' after a range is literal
  EXPECT_FALSE(matches("[a-c-e]", "d"));
  EXPECT_TRUE(matches("[\\d-z]+", "1-z"));
  EXPECT_TRUE(matches("[]a]+", "]a"));
  EXPECT_TRUE(matches("[a-z&&[^aeiou]]+", "xyz"));
  EXPECT_FALSE(matches("[a-z&&[^aeiou]]", "e"));
  EXPECT_TRUE(matches("^\\{[\\w\\s:]*}$", "{a: b}"));  // '}' outside a quantifier is literal
}

TEST(pattern_test, multiline_anchors_follow_java) {
  const auto p = Pattern::compile("(?m)^a$\\n^b$");
  EXPECT_TRUE(p.matches("a\nb"));
  EXPECT_FALSE(matches("(?m)^", ""));  // Java's multiline ^ never matches at the end of input
  EXPECT_TRUE(matches("a\\Z\\r\\n", "a\r\n"));
}

TEST(pattern_test, matches_is_thread_safe) {
  const auto p = Pattern::compile("arn:aws(-[\\w]+)*:codepipeline:.+:[0-9]{12}:.+");
  std::vector<std::thread> threads;
  std::vector<int> wrong(8, 0);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        wrong[t] += !p.matches("arn:aws:codepipeline:us-east-1:123456789012:pipe");
        wrong[t] += p.matches("arn:aws:codepipeline:us-east-1:1234:pipe");
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int w : wrong) EXPECT_EQ(w, 0);
}

TEST(pattern_test, invalid_utf8_never_matches) {
  const auto p = Pattern::compile("(?s).*");
  EXPECT_TRUE(p.matches("anything \xC3\xA9"));
  EXPECT_FALSE(p.matches("\xC3"));
  EXPECT_FALSE(p.matches("\xED\xA0\x80"));  // encoded surrogate
  EXPECT_FALSE(Pattern::compile("[^x]*").matches("\xC0\xAF"));
}

TEST(pattern_test, generate_respects_length_bounds) {
  cpct::pattern::Rng rng(42);
  const auto p = Pattern::compile("[a-z0-9\\p{L}]+(-[a-z]{2,4})*");
  for (int i = 0; i < 200; ++i) {
    const auto s = p.generate(rng, 3, 12);
    ASSERT_TRUE(s.has_value());
    EXPECT_TRUE(p.matches(*s)) << *s;
    const auto n = count_code_points(*s);
    ASSERT_TRUE(n.has_value());
    EXPECT_GE(*n, 3u);
    EXPECT_LE(*n, 12u);
  }
  EXPECT_FALSE(Pattern::compile("[0-9]{12}").generate(rng, 1, 11).has_value());
  const auto exact = Pattern::compile("[0-9]{12}").generate(rng, 0, 256);
  ASSERT_TRUE(exact.has_value());
  EXPECT_EQ(exact->size(), 12u);
}

TEST(pattern_test, generate_handles_huge_bounds_quickly) {
  cpct::pattern::Rng rng(7);
  const auto p = Pattern::compile("(?s).*");
  const auto s = p.generate(rng, 0, 10'000'000);
  ASSERT_TRUE(s.has_value());
  const auto big = p.generate(rng, 100'000, 10'000'000);
  ASSERT_TRUE(big.has_value());
  EXPECT_GE(*count_code_points(*big), 100'000u);
  EXPECT_FALSE(p.generate_non_matching(rng, 0, 10'000'000).has_value());
}

TEST(pattern_test, generate_non_matching_does_not_match) {
  cpct::pattern::Rng rng(1);
  for (const char* source : {"[A-Za-z0-9.@\\-_]+", ".{0,5}", "abc", "[0-9a-f]{8}", "(?s).+x"}) {
    const auto p = Pattern::compile(source);
    for (int i = 0; i < 50; ++i) {
      const auto s = p.generate_non_matching(rng, 0, 16);
      ASSERT_TRUE(s.has_value()) << source;
      EXPECT_FALSE(p.matches(*s)) << source << " / " << *s;
      EXPECT_LE(*count_code_points(*s), 16u);
    }
  }
}

TEST(pattern_test, patterns_move_and_keep_source) {
  auto p = Pattern::compile("a+");
  Pattern q = std::move(p);
  EXPECT_EQ(q.source(), "a+");
  EXPECT_TRUE(q.matches("aaa"));
}

TEST(pattern_test, matches_somewhere_is_smithys_unanchored_reading) {
  const auto p = Pattern::compile("[A-Za-z0-9.@\\-_]+");
  EXPECT_FALSE(p.matches("my pipeline"));
  EXPECT_TRUE(p.matches_somewhere("my pipeline"));
  EXPECT_FALSE(p.matches_somewhere("!! ?"));
  EXPECT_TRUE(p.matches_somewhere("pipeline"));
  // Anchors written in the pattern hold under both readings.
  EXPECT_FALSE(Pattern::compile("^abc$").matches_somewhere("xabc"));
  EXPECT_TRUE(Pattern::compile("abc").matches_somewhere("xabcx"));
  EXPECT_FALSE(Pattern::compile("[0-9]{3}").matches_somewhere("12a45"));
  EXPECT_FALSE(p.matches_somewhere("ab\xff"));  // invalid UTF-8 never matches
}

TEST(pattern_test, generate_non_matching_prefers_values_no_part_of_which_matches) {
  cpct::pattern::Rng rng(7);
  for (const char* source : {"[A-Za-z0-9.@\\-_]+", "[0-9a-f]{8}", "abc", "[a-z]"}) {
    const auto p = Pattern::compile(source);
    for (int i = 0; i < 50; ++i) {
      const auto s = p.generate_non_matching(rng, 1, 16);
      ASSERT_TRUE(s.has_value()) << source;
      EXPECT_FALSE(p.matches_somewhere(*s)) << source << " / " << *s;
    }
  }
  // Where every string of the lengths matches in part, one that fails as a
  // whole is still given.
  const auto dot = Pattern::compile("(?s).");
  const auto s = dot.generate_non_matching(rng, 2, 4);
  ASSERT_TRUE(s.has_value());
  EXPECT_FALSE(dot.matches(*s));
  EXPECT_TRUE(dot.matches_somewhere(*s));
}
