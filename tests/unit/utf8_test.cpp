#include "text/utf8.hpp"

#include <gtest/gtest.h>

using cpct::text::count_code_points;
using cpct::text::decode_utf8;
using cpct::text::encode_utf8;

TEST(utf8_test, counts_code_points_not_bytes) {
  EXPECT_EQ(count_code_points("abc"), 3u);
  EXPECT_EQ(count_code_points("\xC3\xA9"), 1u);          // é
  EXPECT_EQ(count_code_points("\xE6\x97\xA5"), 1u);      // 日
  EXPECT_EQ(count_code_points("\xF0\x9F\x98\x80"), 1u);  // 😀, two UTF-16 units
  EXPECT_EQ(count_code_points(""), 0u);
}

TEST(utf8_test, rejects_malformed_sequences) {
  EXPECT_FALSE(count_code_points("\xC3"));              // truncated
  EXPECT_FALSE(count_code_points("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(count_code_points("\xED\xA0\x80"));      // encoded surrogate U+D800
  EXPECT_FALSE(count_code_points("\xF4\x90\x80\x80"));  // beyond U+10FFFF
  EXPECT_FALSE(count_code_points("\x80"));              // lone continuation
  EXPECT_FALSE(count_code_points("\xFF"));
}

TEST(utf8_test, encode_decode_round_trip) {
  const std::u32string text = {U'a', 0xE9, 0x65E5, 0x1F600, 0x10FFFF,
                               0x7F, 0x80, 0x7FF,  0x800,   0xFFFF};
  const auto decoded = decode_utf8(encode_utf8(text));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(*decoded, text);
}

TEST(utf8_test, sequence_length_at_a_position) {
  using cpct::text::utf8_sequence_length;
  const std::string text = "a\xC3\xA9\xE6\x97\xA5\xF0\x9F\x98\x80";
  EXPECT_EQ(utf8_sequence_length(text, 0), 1u);
  EXPECT_EQ(utf8_sequence_length(text, 1), 2u);
  EXPECT_EQ(utf8_sequence_length(text, 2), 0u);  // inside a sequence
  EXPECT_EQ(utf8_sequence_length(text, 3), 3u);
  EXPECT_EQ(utf8_sequence_length(text, 6), 4u);
  EXPECT_EQ(utf8_sequence_length(text, text.size()), 0u);  // past the end
  for (const char* bad : {"\xC3", "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                          "\xF8\x88\x80\x80\x80", "\x80", "\xFF"})
    EXPECT_EQ(utf8_sequence_length(bad, 0), 0u) << bad;
  EXPECT_EQ(utf8_sequence_length("\xF4\x8F\xBF\xBF", 0), 4u);  // U+10FFFF, the last scalar
  EXPECT_EQ(utf8_sequence_length("\xEF\xBF\xBD", 0), 3u);      // U+FFFD itself is valid
}

TEST(utf8_test, printable_escapes_only_the_bytes_that_start_no_sequence) {
  using cpct::text::to_printable;
  EXPECT_EQ(to_printable("plain \xE6\x97\xA5"), "plain \xE6\x97\xA5");
  EXPECT_EQ(to_printable("a\xFF\xC3\xA9\xED\xA0\x80z"), "a\\xFF\xC3\xA9\\xED\\xA0\\x80z");
  EXPECT_EQ(to_printable("\xC3"), "\\xC3");  // truncated at the end
}
