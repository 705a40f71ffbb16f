#include "report/svg_timeline.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <vector>

#include "report/html_text.hpp"

namespace cpct::report {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxMarks = 600;  // a flooding worker's trace is cut
constexpr std::size_t kMaxLanes = 12;

std::string num(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

// Short names: the lane says which job, the mark which step.
std::string verb_of(const std::string& operation) {
  if (operation.rfind("Poll", 0) == 0) return "poll";
  if (operation.rfind("Acknowledge", 0) == 0) return "ack";
  if (operation.find("Details") != std::string::npos) return "details";
  if (operation.find("Success") != std::string::npos) return "success";
  if (operation.find("Failure") != std::string::npos) return "failure";
  return "other";
}

}  // namespace

std::string timeline_svg(const json& timeline) {
  if (!timeline.is_array() || timeline.empty()) return "";
  std::vector<std::string> lanes{"polls"};
  std::map<std::string, std::size_t> lane_of;
  double end = 1;
  for (const auto& call : timeline) {
    end = std::max(end, static_cast<double>(count_of(call, "atMs")));
    const std::string job = text_of(call, "jobId");
    if (!job.empty() && lane_of.count(job) == 0 && lanes.size() < kMaxLanes) {
      lane_of[job] = lanes.size();
      lanes.push_back(job);
    }
  }
  constexpr double kLeft = 110, kWidth = 640, kLane = 22, kTop = 8;
  const double height = kTop + kLane * static_cast<double>(lanes.size()) + 24;
  std::string out = "<svg class=\"timeline\" role=\"img\" viewBox=\"0 0 " +
                    num(kLeft + kWidth + 10) + " " + num(height) +
                    "\" xmlns=\"http://www.w3.org/2000/svg\"><title>The worker's calls over " +
                    num(end) + " ms</title>\n";
  for (std::size_t i = 0; i < lanes.size(); ++i) {
    const double y = kTop + kLane * static_cast<double>(i) + kLane / 2;
    const std::string label = i == 0 ? "polls" : "job " + lanes[i].substr(0, 8);
    out += "<text x=\"4\" y=\"" + num(y + 4) + "\" class=\"t-label\">" + html_escape(label) +
           "</text><line x1=\"" + num(kLeft) + "\" x2=\"" + num(kLeft + kWidth) + "\" y1=\"" +
           num(y) + "\" y2=\"" + num(y) + "\" class=\"t-lane\"/>\n";
  }
  std::size_t drawn = 0;
  for (const auto& call : timeline) {
    if (drawn++ == kMaxMarks) break;
    const std::string operation = text_of(call, "operation");
    const std::string job = text_of(call, "jobId");
    const auto lane = job.empty() || lane_of.count(job) == 0 ? 0 : lane_of[job];
    const double x = kLeft + kWidth * static_cast<double>(count_of(call, "atMs")) / end;
    const double y = kTop + kLane * static_cast<double>(lane) + kLane / 2;
    const auto status = count_of(call, "status");
    const std::string fault = text_of(call, "fault");
    const char* css = !fault.empty() ? "t-fault" : status == 200 ? "t-ok" : "t-error";
    std::string tip = text_of(call, "atMs") + " ms " + operation + " → " + std::to_string(status);
    if (const auto error = text_of(call, "error"); !error.empty()) tip += " " + error;
    if (!fault.empty()) tip += " (injected: " + fault + ")";
    out += "<g class=\"" + std::string(css) + "\"><title>" + html_escape(tip) +
           "</title><circle cx=\"" + num(x) + "\" cy=\"" + num(y) + "\" r=\"5\"/><text x=\"" +
           num(x) + "\" y=\"" + num(y - 7) + "\" class=\"t-verb\">" +
           html_escape(verb_of(operation)) + "</text></g>\n";
  }
  out += "<text x=\"" + num(kLeft) + "\" y=\"" + num(height - 6) +
         "\" class=\"t-label\">0 ms</text><text x=\"" + num(kLeft + kWidth - 40) + "\" y=\"" +
         num(height - 6) + "\" class=\"t-label\">" + num(end) + " ms</text>";
  if (timeline.size() > kMaxMarks)
    out += "<text x=\"" + num(kLeft + 200) + "\" y=\"" + num(height - 6) +
           "\" class=\"t-label\">first " + std::to_string(kMaxMarks) + " of " +
           std::to_string(timeline.size()) + " calls</text>";
  return out + "</svg>\n";
}

}  // namespace cpct::report
