#include "model/json_depth.hpp"

#include <gtest/gtest.h>

#include <string>

using cpct::model::json_bound_broken;
using cpct::model::json_nesting_depth;
using cpct::model::JsonBound;

TEST(json_depth_test, depth_counts_brackets_outside_strings_only) {
  EXPECT_EQ(json_nesting_depth(R"({"a":[1,{"b":[]}]})"), 4u);
  EXPECT_EQ(json_nesting_depth(R"({"a":"[[[[{{{"})"), 1u);
  EXPECT_EQ(json_nesting_depth(R"(["\"[[[", [1]])"), 2u);  // an escaped quote keeps the string open
  EXPECT_EQ(json_nesting_depth("7"), 0u);
}

TEST(json_depth_test, depth_stops_at_the_first_bracket_past_the_limit) {
  std::size_t at = 0;
  EXPECT_EQ(json_nesting_depth("[[[[]]]]", 2, &at), 3u);
  EXPECT_EQ(at, 2u);
}

TEST(json_depth_test, bound_names_values_when_only_the_width_is_too_much) {
  EXPECT_EQ(json_bound_broken("[1,2,3]", 5, 4), JsonBound::kNone);
  EXPECT_EQ(json_bound_broken("[1,2,3,4]", 5, 4), JsonBound::kValues);
  EXPECT_EQ(json_bound_broken(R"(["a,b,c,d,e"])", 5, 4), JsonBound::kNone);  // commas in a string
}

TEST(json_depth_test, bound_names_depth_first_even_when_the_width_broke_earlier) {
  EXPECT_EQ(json_bound_broken("[[[]]]", 2, 100), JsonBound::kDepth);
  const std::string wide_then_deep = "[1,1,1,1,1,1,[[[[]]]]]";
  EXPECT_EQ(json_bound_broken(wide_then_deep, 3, 4), JsonBound::kDepth);
  EXPECT_EQ(json_bound_broken(wide_then_deep, 10, 4), JsonBound::kValues);
}
