#include "protocol/error_type.hpp"

#include <gtest/gtest.h>

using cpct::protocol::resolve_error_message;
using cpct::protocol::resolve_error_type;
using cpct::protocol::sanitize_error_type;
using nlohmann::json;

// The spellings docs/aws-facts.md lists as all meaning FooError.
TEST(error_type_test, sanitises_every_documented_spelling) {
  for (const char* raw :
       {"FooError", "FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/",
        "aws.protocoltests.json#FooError", "aws.different.namespace#FooError",
        "aws.protocoltests.json#FooError:http://internal.amazon.com/coral/"}) {
    EXPECT_EQ(sanitize_error_type(raw), "FooError") << raw;
  }
}

TEST(error_type_test, header_then_code_then_type) {
  const json body = {{"__type", "ns#TypeError"}, {"code", "CodeError"}};
  EXPECT_EQ(resolve_error_type(std::string("HeaderError:http://x"), body), "HeaderError");
  EXPECT_EQ(resolve_error_type(std::nullopt, body), "CodeError");
  EXPECT_EQ(resolve_error_type(std::nullopt, json{{"__type", "ns#TypeError"}}), "TypeError");
}

TEST(error_type_test, nested_type_never_counts) {
  const json body = {{"detail", {{"__type", "NestedError"}}}};
  EXPECT_FALSE(resolve_error_type(std::nullopt, body));
  EXPECT_FALSE(resolve_error_type(std::nullopt, json::array({{{"__type", "X"}}})));
  EXPECT_FALSE(resolve_error_type(std::nullopt, json{{"__type", 7}}));
}

TEST(error_type_test, message_in_either_case) {
  EXPECT_EQ(resolve_error_message(json{{"message", "a"}}), "a");
  EXPECT_EQ(resolve_error_message(json{{"Message", "b"}}), "b");
  EXPECT_FALSE(resolve_error_message(json{{"MESSAGE", "c"}}));
}
