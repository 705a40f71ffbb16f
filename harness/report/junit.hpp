#pragma once
// junit.xml, rendered from a results.json alone: one testcase per
// requirement (docs/contracts.md, "junit.xml, results.sarif mapping").
#include <string>

#include <nlohmann/json.hpp>

namespace cpct::report {

std::string junit_xml(const nlohmann::json& doc);

}  // namespace cpct::report
