#include "report/line_diff.hpp"

#include <string_view>

namespace cpct::report {
namespace {

std::string_view key_of(const std::string& line) {
  std::string_view view(line);
  if (!view.empty() && view.back() == ',') view.remove_suffix(1);
  return view;
}

}  // namespace

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', start)) {
    out.push_back(text.substr(start, at - start));
    start = at + 1;
  }
  out.push_back(text.substr(start));
  return out;
}

LineMatch match_lines(const std::vector<std::string>& left, const std::vector<std::string>& right,
                      std::size_t max_lines) {
  const std::size_t n = left.size(), m = right.size();
  LineMatch out{std::vector<bool>(n, false), std::vector<bool>(m, false)};
  if (n > max_lines || m > max_lines) {
    out.left.assign(n, true);
    out.right.assign(m, true);
    return out;
  }
  // lcs[i][j]: length of the LCS of left[i..] and right[j..].
  std::vector<std::vector<unsigned>> lcs(n + 1, std::vector<unsigned>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t j = m; j-- > 0;)
      lcs[i][j] = key_of(left[i]) == key_of(right[j]) ? lcs[i + 1][j + 1] + 1
                                                      : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  for (std::size_t i = 0, j = 0; i < n && j < m;) {
    if (key_of(left[i]) == key_of(right[j])) {
      out.left[i++] = true;
      out.right[j++] = true;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
      ++i;
    } else {
      ++j;
    }
  }
  return out;
}

}  // namespace cpct::report
