#pragma once
// The conformance report as one self-contained HTML page (index.html):
// inline CSS and SVG, no script, no network, printable. It is rendered from
// the results.json document alone, so `cpct report DIR` and
// `check --report-dir` produce the same page, for servers and clients.
#include <string>

#include <nlohmann/json.hpp>

namespace cpct::report {

/// The page for a results.json document (already redacted). Tolerates
/// missing members: an older or partial document still renders.
std::string html_report(const nlohmann::json& results);

}  // namespace cpct::report
