#pragma once
// Which lines two texts share (a longest common subsequence of lines), so
// the report can highlight where expected and observed part ways.
#include <string>
#include <vector>

namespace cpct::report {

struct LineMatch {
  std::vector<bool> left;   // left[i]: line i of the left text is shared
  std::vector<bool> right;  // right[j]: line j of the right text is shared
};

/// Lines compare without a trailing comma (JSON members move in and out of
/// last place). Above `max_lines` per side everything counts as shared:
/// the quadratic table would cost more than the hint is worth.
LineMatch match_lines(const std::vector<std::string>& left, const std::vector<std::string>& right,
                      std::size_t max_lines = 1500);

std::vector<std::string> split_lines(const std::string& text);

}  // namespace cpct::report
