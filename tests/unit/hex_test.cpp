#include "text/hex.hpp"

#include <gtest/gtest.h>

using cpct::text::append_byte_escape;
using cpct::text::from_hex;
using cpct::text::HexCase;
using cpct::text::to_hex;

TEST(hex_test, two_digits_per_byte_in_either_case) {
  EXPECT_EQ(to_hex(std::string("\x00\x01\xAB\xFF", 4)), "0001abff");
  EXPECT_EQ(to_hex(std::string("\x00\x01\xAB\xFF", 4), HexCase::kUpper), "0001ABFF");
  EXPECT_EQ(to_hex(""), "");
}

TEST(hex_test, round_trip_of_every_byte) {
  std::string all;
  for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
  for (const auto letters : {HexCase::kLower, HexCase::kUpper}) {
    const auto back = from_hex(to_hex(all, letters));
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, all);
  }
  EXPECT_EQ(from_hex("aBcD"), std::string("\xAB\xCD"));  // mixed case reads too
}

TEST(hex_test, rejects_what_is_not_hex) {
  EXPECT_FALSE(from_hex("abc"));    // odd number of digits
  EXPECT_FALSE(from_hex("0g"));     // not a hex digit
  EXPECT_FALSE(from_hex("0x12"));   // a prefix is not a digit
  EXPECT_FALSE(from_hex("12 34"));  // nor is a space
  EXPECT_EQ(from_hex(""), std::string());
}

TEST(hex_test, byte_escape) {
  std::string out = "a";
  append_byte_escape(out, 0x1B);
  append_byte_escape(out, 0xFF, HexCase::kLower);
  append_byte_escape(out, 0x00);
  EXPECT_EQ(out, "a\\x1B\\xff\\x00");
}
