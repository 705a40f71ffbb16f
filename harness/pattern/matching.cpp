#include "pattern/matching.hpp"

#include <algorithm>
#include <cstdio>

namespace cpct::pattern::detail {
namespace {

bool is_start_anchor(const Node& n) {
  return n.kind == NodeKind::kAssertion && n.assertion == AssertionKind::kInputStart;
}

bool is_end_anchor(const Node& n) {
  return n.kind == NodeKind::kAssertion && (n.assertion == AssertionKind::kInputEnd ||
                                            n.assertion == AssertionKind::kInputEndOrNewline);
}

}  // namespace

const Node& unwrap_groups(const Node& node) {
  const Node* n = &node;
  while (n->kind == NodeKind::kGroup) n = &n->children[0];
  return *n;
}

std::vector<const Node*> unanchored_parts(const Node& root) {
  const Node& top = unwrap_groups(root);
  std::vector<const Node*> parts;
  if (top.kind == NodeKind::kConcat) {
    for (const auto& child : top.children) parts.push_back(&child);
  } else if (top.kind != NodeKind::kEmpty) {
    parts.push_back(&top);
  }
  std::size_t begin = 0;
  std::size_t end = parts.size();
  while (begin < end && is_start_anchor(*parts[begin])) ++begin;
  while (end > begin && is_end_anchor(*parts[end - 1])) --end;
  return {parts.begin() + static_cast<std::ptrdiff_t>(begin),
          parts.begin() + static_cast<std::ptrdiff_t>(end)};
}

void append_code_point(std::string& out, char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "\\x{%X}", static_cast<unsigned>(cp));
  out += buf;
}

void append_class(std::string& out, const CodePointSet& set) {
  out += '[';
  for (const auto& [lo, hi] : set.ranges) {
    append_code_point(out, lo);
    if (hi != lo) {
      out += '-';
      append_code_point(out, hi);
    }
  }
  out += ']';
}

std::pair<std::size_t, std::size_t> effective_counts(const Node& repeat) {
  if (repeat.children[0].max_length != 0) return {repeat.repeat_min, repeat.repeat_max};
  return {std::min<std::size_t>(repeat.repeat_min, 1), std::min<std::size_t>(repeat.repeat_max, 1)};
}

}  // namespace cpct::pattern::detail
