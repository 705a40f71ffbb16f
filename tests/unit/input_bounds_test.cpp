// Bounded reading of the files a user hands cpct, the linear-time ordered
// parse of models, and the display form of untrusted text.
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "model/input_file.hpp"
#include "model/ordered_parse.hpp"
#include "text/utf8.hpp"

namespace cpct::model {
namespace {

std::string temp_dir() {
  char path[] = "/tmp/cpct-input-test-XXXXXX";
  return ::mkdtemp(path);
}

TEST(input_bounds_test, a_device_without_end_stops_at_the_cap) {
  try {
    read_input_file("/dev/zero", 1 << 20);
    FAIL() << "no error";
  } catch (const InputFileError& e) {
    EXPECT_STREQ(e.what(), "larger than 1 MiB");
  }
}

TEST(input_bounds_test, a_directory_and_a_missing_file_are_refused) {
  EXPECT_THROW(read_input_file("/tmp", 1 << 20), InputFileError);
  EXPECT_THROW(read_input_file("/nonexistent/file.json", 1 << 20), InputFileError);
}

TEST(input_bounds_test, a_fifo_without_writer_reads_empty_at_once) {
  const std::string dir = temp_dir();
  const std::string fifo = dir + "/fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_EQ(read_input_file(fifo, 1 << 20), "");
  ::unlink(fifo.c_str());
  ::rmdir(dir.c_str());
}

TEST(input_bounds_test, a_regular_file_is_read_whole_up_to_the_cap) {
  const std::string dir = temp_dir();
  const std::string file = dir + "/f.json";
  ASSERT_EQ(std::system(("printf '{\"a\": [1]}' > " + file).c_str()), 0);
  EXPECT_EQ(read_input_file(file, 10), "{\"a\": [1]}");
  EXPECT_THROW(read_input_file(file, 9), InputFileError);
  ::unlink(file.c_str());
  ::rmdir(dir.c_str());
}

TEST(input_bounds_test, depth_counts_brackets_outside_strings) {
  EXPECT_NO_THROW(check_json_depth("[[[\"[[[[[[\"]]]", 3));
  EXPECT_NO_THROW(check_json_depth("{\"a\\\"[[[[\": {\"b\": []}}", 3));
  EXPECT_THROW(check_json_depth("[[[[]]]]", 3), InputFileError);
  EXPECT_THROW(check_json_depth(std::string(100000, '[') + std::string(100000, ']')),
               InputFileError);
}

TEST(input_bounds_test, ordered_parse_is_the_library_parse) {
  const std::string text =
      R"({"z": 1, "a": {"y": [1, 2.5, "x", null, true], "b": {}}, "m": -3, "z2": 18446744073709551615})";
  EXPECT_EQ(parse_ordered(text), ModelJson::parse(text));
  EXPECT_EQ(parse_ordered(text).dump(), ModelJson::parse(text).dump());  // key order too
  // A later duplicate wins, in small and in large (indexed) objects.
  EXPECT_EQ(parse_ordered(R"({"a": 1, "b": 2, "a": 3})").dump(), R"({"a":3,"b":2})");
  std::string wide = "{";
  for (int i = 0; i < 40; ++i) wide += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ",";
  wide += "\"k5\": 99}";
  EXPECT_EQ(parse_ordered(wide), ModelJson::parse(wide));
  EXPECT_EQ(parse_ordered(wide).size(), 40u);
  EXPECT_THROW(parse_ordered("{\"a\": "), ModelJson::parse_error);
  EXPECT_THROW(parse_ordered("[1e999]"), ModelJson::out_of_range);
}

TEST(input_bounds_test, display_escapes_controls_and_keeps_text) {
  EXPECT_EQ(text::to_display("a\x1b[2Jb"), "a\\x1B[2Jb");
  EXPECT_EQ(text::to_display(std::string("n\0l", 3)), "n\\x00l");
  EXPECT_EQ(text::to_display("cr\rbel\x07"
                             "del\x7f"),
            "cr\\x0Dbel\\x07del\\x7F");
  EXPECT_EQ(text::to_display("csi\xC2\x9B"), "csi\\u009B");
  EXPECT_EQ(text::to_display("line\n\ttab \xC3\xA9 \xE6\x97\xA5"),
            "line\n\ttab \xC3\xA9 \xE6\x97\xA5");
  EXPECT_EQ(text::to_display("bad \xFF"), "bad \\xFF");
}

}  // namespace
}  // namespace cpct::model
