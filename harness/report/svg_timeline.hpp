#pragma once
// A worker scenario's calls as a timeline (inline SVG): one lane for polls
// and one per job, a mark per call at its time, coloured by its answer.
#include <string>

#include <nlohmann/json.hpp>

namespace cpct::report {

/// `timeline`: [{"atMs", "operation", "status", "jobId"?, "error"?, "fault"?}].
/// Empty when there is nothing to draw.
std::string timeline_svg(const nlohmann::json& timeline);

}  // namespace cpct::report
