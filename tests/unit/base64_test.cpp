#include "model/base64.hpp"

#include <gtest/gtest.h>

using cpct::model::base64_decode;
using cpct::model::base64_decoded_size;
using cpct::model::base64_encode;

// RFC 4648 section 10 test vectors.
TEST(base64_test, rfc4648_vectors) {
  const std::pair<const char*, const char*> vectors[] = {{"", ""},
                                                         {"f", "Zg=="},
                                                         {"fo", "Zm8="},
                                                         {"foo", "Zm9v"},
                                                         {"foob", "Zm9vYg=="},
                                                         {"fooba", "Zm9vYmE="},
                                                         {"foobar", "Zm9vYmFy"}};
  for (const auto& [bytes, text] : vectors) {
    EXPECT_EQ(base64_encode(bytes), text);
    EXPECT_EQ(base64_decode(text), std::string(bytes)) << text;
    EXPECT_EQ(base64_decoded_size(text), std::string(bytes).size()) << text;
  }
}

TEST(base64_test, round_trip_of_binary_of_every_length_mod_3) {
  std::string bytes;
  for (int i = 0; i < 300; ++i) {
    bytes += static_cast<char>((i * 37 + 11) & 0xFF);
    const auto text = base64_encode(bytes);
    ASSERT_EQ(text.size() % 4, 0u);
    const auto back = base64_decode(text);
    ASSERT_TRUE(back) << text;
    EXPECT_EQ(*back, bytes);
    EXPECT_EQ(base64_decoded_size(text), bytes.size());
  }
  EXPECT_EQ(base64_encode("\xFB\xFF"), "+/8=");  // the last two letters: + and /
}

TEST(base64_test, rejects_what_is_not_standard_padded_base64) {
  for (const char* text : {"Zg", "Zg=", "Zm9", "Z===", "Zg=a", "=Zg=", "Zm-v", "Zm_v", "Zm9v\n",
                           " Zm9v", "Zm9v====", "Zg==Zg=="}) {
    EXPECT_FALSE(base64_decoded_size(text)) << text;
    EXPECT_FALSE(base64_decode(text)) << text;
  }
  EXPECT_FALSE(base64_decode(std::string("Zm\0v", 4)));
}
