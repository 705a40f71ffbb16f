#include "text/percent.hpp"

#include <gtest/gtest.h>

using cpct::text::HexCase;
using cpct::text::is_unreserved;
using cpct::text::percent_encode;

TEST(percent_test, unreserved_is_rfc3986_section_2_3_exactly) {
  std::string kept;
  for (int b = 0; b < 256; ++b)
    if (is_unreserved(static_cast<unsigned char>(b))) kept += static_cast<char>(b);
  EXPECT_EQ(kept, "-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~");
}

TEST(percent_test, every_other_byte_is_two_hex_digits_in_the_case_asked) {
  EXPECT_EQ(percent_encode("a b+c/~", HexCase::kUpper), "a%20b%2Bc%2F~");
  EXPECT_EQ(percent_encode("\xC3\xA9", HexCase::kLower), "%c3%a9");
  EXPECT_EQ(percent_encode(std::string("\0", 1)), "%00");
  EXPECT_EQ(percent_encode(""), "");
}

TEST(percent_test, kept_characters_stay_as_they_are) {
  // SigV4's canonical URI keeps the path's slashes.
  EXPECT_EQ(percent_encode("/a b/c*", HexCase::kUpper, "/"), "/a%20b/c%2A");
}
