#include "report/svg_charts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "report/html_text.hpp"

namespace cpct::report {
namespace {

struct Segment {
  const char* css_class;
  const char* label;
  std::uint64_t FamilyVerdicts::*count;
};

// Worst first: the eye reads a bar from its left end.
constexpr Segment kSegments[] = {{"v-failed", "failed", &FamilyVerdicts::failed},
                                 {"v-warning", "warning", &FamilyVerdicts::warnings},
                                 {"v-passed", "passed", &FamilyVerdicts::passed},
                                 {"v-untested", "untested", &FamilyVerdicts::untested}};

std::string num(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

std::string bucket_label(std::uint64_t us) {
  if (us == 0) return "0";
  if (us < 1000) return std::to_string(us) + "\xC2\xB5s";
  if (us < 1'000'000) return std::to_string(us / 1000) + "ms";
  return std::to_string(us / 1'000'000) + "s";
}

}  // namespace

std::string verdicts_chart_svg(const std::vector<FamilyVerdicts>& families) {
  constexpr double kWidth = 560, kLabelRight = 150, kBarLeft = 160, kBarWidth = 270;
  constexpr double kLegend = 30, kRow = 30, kBarHeight = 18;
  const double height = kLegend + kRow * static_cast<double>(families.size()) + 6;
  std::string out = "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 " + num(kWidth) + " " +
                    num(height) + "\" aria-label=\"Verdicts by requirement family\">\n";
  double x = kBarLeft;
  for (const auto& s : kSegments) {
    out += "<rect class=\"" + std::string(s.css_class) + "\" x=\"" + num(x) +
           "\" y=\"6\" width=\"12\" height=\"12\" rx=\"2\"/><text x=\"" + num(x + 17) +
           "\" y=\"16.5\" class=\"legend\">" + s.label + "</text>\n";
    x += 78;
  }
  double y = kLegend;
  for (const auto& f : families) {
    const double total = static_cast<double>(std::max<std::uint64_t>(f.total(), 1));
    out += "<text class=\"axis-label\" x=\"" + num(kLabelRight) + "\" y=\"" +
           num(y + kBarHeight / 2 + 4) + "\" text-anchor=\"end\">" + html_escape(f.family) +
           "</text>\n";
    out += "<rect class=\"track\" x=\"" + num(kBarLeft) + "\" y=\"" + num(y) + "\" width=\"" +
           num(kBarWidth) + "\" height=\"" + num(kBarHeight) + "\" rx=\"3\"/>\n";
    double left = kBarLeft;
    for (const auto& s : kSegments) {
      const auto n = f.*(s.count);
      if (n == 0) continue;
      const double w = kBarWidth * static_cast<double>(n) / total;
      out += "<rect class=\"" + std::string(s.css_class) + "\" x=\"" + num(left) + "\" y=\"" +
             num(y) + "\" width=\"" + num(w) + "\" height=\"" + num(kBarHeight) + "\"><title>" +
             html_escape(f.family) + ": " + std::to_string(n) + " " + s.label + "</title></rect>\n";
      left += w;
    }
    std::string tally = std::to_string(f.total());
    if (f.failed) tally += " \xC2\xB7 " + std::to_string(f.failed) + " failed";
    if (f.warnings) tally += " \xC2\xB7 " + std::to_string(f.warnings) + " warn";
    out += "<text class=\"tally\" x=\"" + num(kBarLeft + kBarWidth + 8) + "\" y=\"" +
           num(y + kBarHeight / 2 + 4) + "\">" + tally + "</text>\n";
    y += kRow;
  }
  return out + "</svg>\n";
}

std::string latency_chart_svg(const nlohmann::json& latency) {
  constexpr double kHeight = 220, kLeft = 52, kRight = 548, kTop = 24, kBottom = 176;
  std::string out = "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 560 220\" aria-label=\"";
  std::vector<std::uint64_t> lower, counts;
  if (latency.is_object() && latency.contains("buckets") && latency.contains("counts") &&
      latency["buckets"].is_array() && latency["counts"].is_array()) {
    // Negative or non-numeric entries (a hand-edited file) count as zero.
    const auto value = [](const nlohmann::json& v) {
      return v.is_number() && v.get<double>() > 0 ? v.get<std::uint64_t>() : std::uint64_t{0};
    };
    for (const auto& b : latency["buckets"]) lower.push_back(value(b));
    for (const auto& c : latency["counts"]) counts.push_back(value(c));
  }
  counts.resize(std::min(counts.size(), lower.size()));
  std::uint64_t total = 0, peak = 0;
  for (const auto c : counts) total += c, peak = std::max(peak, c);
  if (total == 0) {
    out += "No latency data\">\n<rect class=\"frame\" x=\"" + num(kLeft) + "\" y=\"" + num(kTop) +
           "\" width=\"" + num(kRight - kLeft) + "\" height=\"" + num(kBottom - kTop) +
           "\" rx=\"4\"/>\n<text class=\"empty\" x=\"" + num((kLeft + kRight) / 2) + "\" y=\"" +
           num((kTop + kBottom) / 2 + 5) +
           "\" text-anchor=\"middle\">no latency data in this results.json</text>\n</svg>\n";
    return out;
  }
  out += "Latency histogram\">\n";
  // Show the populated range, one empty bucket of margin each side.
  std::size_t first = 0, last = counts.size() - 1;
  while (counts[first] == 0) ++first;
  while (counts[last] == 0) --last;
  first = first > 0 ? first - 1 : 0;
  last = std::min(last + 1, counts.size() - 1);
  const std::size_t shown = last - first + 1;
  const double slot = (kRight - kLeft) / static_cast<double>(shown);
  const double plot = kBottom - kTop;
  // Grid: zero, half and the peak.
  for (const double share : {0.0, 0.5, 1.0}) {
    const double gy = kBottom - plot * share;
    out +=
        "<line class=\"grid\" x1=\"" + num(kLeft) + "\" x2=\"" + num(kRight) + "\" y1=\"" +
        num(gy) + "\" y2=\"" + num(gy) + "\"/><text class=\"axis-label\" x=\"" + num(kLeft - 6) +
        "\" y=\"" + num(gy + 4) + "\" text-anchor=\"end\">" +
        with_commas(static_cast<std::uint64_t>(std::llround(static_cast<double>(peak) * share))) +
        "</text>\n";
  }
  const std::size_t label_every = shown > 12 ? 2 : 1;
  for (std::size_t i = first; i <= last; ++i) {
    const double x = kLeft + slot * static_cast<double>(i - first);
    const double h = plot * static_cast<double>(counts[i]) / static_cast<double>(peak);
    const std::string range =
        i + 1 < lower.size() ? bucket_label(lower[i]) + "\xE2\x80\x93" + bucket_label(lower[i + 1])
                             : "\xE2\x89\xA5 " + bucket_label(lower[i]);
    out += "<rect class=\"bar\" x=\"" + num(x + 2) + "\" y=\"" + num(kBottom - h) + "\" width=\"" +
           num(slot - 4) + "\" height=\"" + num(h) + "\"><title>" + range + ": " +
           with_commas(counts[i]) + " responses</title></rect>\n";
    if ((i - first) % label_every == 0)
      out += "<text class=\"axis-label\" x=\"" + num(x) + "\" y=\"" + num(kBottom + 14) +
             "\" text-anchor=\"middle\">" + bucket_label(lower[i]) + "</text>\n";
  }
  out += "<text class=\"axis-title\" x=\"" + num((kLeft + kRight) / 2) + "\" y=\"" +
         num(kHeight - 8) +
         "\" text-anchor=\"middle\">latency (bucket lower bounds, log scale)</text>\n";
  // Percentile markers, placed inside their bucket as the estimate is.
  for (const char* key : {"p50", "p99"}) {
    if (!latency.contains(key) || !latency[key].is_number()) continue;
    const double value = latency[key].get<double>();
    std::size_t i = first;
    while (i < last && static_cast<double>(lower[i + 1]) <= value) ++i;
    double within = 0;
    if (i + 1 < lower.size() && lower[i + 1] > lower[i])
      within = std::clamp(
          (value - static_cast<double>(lower[i])) / static_cast<double>(lower[i + 1] - lower[i]),
          0.0, 1.0);
    const double x = kLeft + slot * (static_cast<double>(i - first) + within);
    out += "<line class=\"marker " + std::string(key) + "\" x1=\"" + num(x) + "\" x2=\"" + num(x) +
           "\" y1=\"" + num(kTop - 6) + "\" y2=\"" + num(kBottom) +
           "\"/><text class=\"marker-label " + key + "\" x=\"" + num(x + 3) + "\" y=\"" +
           num(kTop - 8 + (key[1] == '9' ? 10 : 0)) + "\">" + key + "</text>\n";
  }
  return out + "</svg>\n";
}

}  // namespace cpct::report
