#include "report/sarif.hpp"

#include <set>

#include "report/html_text.hpp"

namespace cpct::report {
namespace {

using nlohmann::json;

json rule(const json& requirement) {
  const std::string id = text_of(requirement, "id");
  const std::string level = text_of(requirement, "level", "MUST");
  std::string description = text_of(requirement, "description");
  if (description.empty()) description = id;
  const std::string sources = sources_of(requirement);
  return {
      {"id", id},
      {"shortDescription", {{"text", description}}},
      {"fullDescription", {{"text", level + ": " + description}}},
      {"help",
       {{"text", level + ": " + description + (sources.empty() ? "" : ". Source: " + sources)}}},
      {"defaultConfiguration", {{"level", level == "SHOULD" ? "warning" : "error"}}},
      {"properties",
       {{"level", level},
        {"family", text_of(requirement, "family")},
        {"sources", requirement.is_object() && requirement.contains("sources")
                        ? requirement["sources"]
                        : json::array()},
        {"tags", {level}}}}};
}

// Where the finding is: the endpoint as an artifact, the adapter (a command,
// not a URI) as a logical location; the requirement ID always.
json location(const json& target, const std::string& requirement_id) {
  json out = json::object();
  const std::string endpoint = text_of(target, "endpoint");
  const std::string adapter = text_of(target, "adapter");
  if (!endpoint.empty()) out["physicalLocation"] = {{"artifactLocation", {{"uri", endpoint}}}};
  json logical = json::array();
  if (!adapter.empty()) logical.push_back({{"name", adapter}, {"kind", "module"}});
  logical.push_back(
      {{"name", requirement_id}, {"fullyQualifiedName", requirement_id}, {"kind", "member"}});
  out["logicalLocations"] = logical;
  return out;
}

json result(const json& requirement, std::size_t rule_index, const json& results) {
  const std::string id = text_of(requirement, "id");
  const bool should = text_of(requirement, "level") == "SHOULD";
  const auto& failures = requirement.value("failures", json::array());
  const json first = failures.is_array() && !failures.empty() ? failures.front() : json::object();
  std::string message = text_of(first, "detail");
  if (message.empty()) message = text_of(requirement, "description", id) + ": not met";
  json reproducers = json::array();
  if (failures.is_array())
    for (const auto& f : failures)
      reproducers.push_back({{"case", text_of(f.value("case", json::object()), "id")},
                             {"reproduce", text_of(f, "reproduce")}});
  json out = {{"ruleId", id},
              {"ruleIndex", rule_index},
              {"level", should ? "warning" : "error"},
              {"message", {{"text", message}}},
              {"locations", {location(results.value("target", json::object()), id)}},
              {"properties",
               {{"reproduce", text_of(first, "reproduce")},
                {"reproducers", reproducers},
                {"seed", results.value("seed", json())},
                {"failedCases", count_of(requirement, "failedCases")},
                {"cases", count_of(requirement, "cases")}}}};
  // With --baseline (SARIF 2.1.0 section 3.27.24): a recorded deviation is
  // "unchanged", anything else "new", so code scanning shows only new ones.
  if (results.contains("baseline") && results["baseline"].is_object())
    out["baselineState"] = requirement.contains("baseline") ? "unchanged" : "new";
  return out;
}

}  // namespace

json sarif_report(const json& results) {
  json rules = json::array();
  json findings = json::array();
  std::set<std::string> seen;
  const auto& requirements = results.value("requirements", json::array());
  for (const auto& r : requirements) {
    const std::string id = text_of(r, "id");
    if (id.empty() || !seen.insert(id).second) continue;  // rule ids must be unique
    const std::size_t index = rules.size();
    rules.push_back(rule(r));
    const std::string status = text_of(r, "status");
    if (status == "failed" || status == "warning") findings.push_back(result(r, index, results));
  }
  json invocation = {{"executionSuccessful", true}};
  if (const auto rerun = text_of(results, "rerun"); !rerun.empty())
    invocation["commandLine"] = rerun;
  if (const auto started = text_of(results, "started"); !started.empty())
    invocation["startTimeUtc"] = started;
  json run = {{"tool",
               {{"driver",
                 {{"name", "cpct"},
                  {"version", text_of(results, "version", "unknown")},
                  {"rules", rules}}}}},
              {"invocations", {invocation}},
              {"results", findings},
              {"properties",
               {{"seed", results.value("seed", json())},
                {"target", results.value("target", json::object())},
                {"summary", results.value("summary", json::object())}}}};
  return {{"$schema", kSarifSchema}, {"version", "2.1.0"}, {"runs", {run}}};
}

}  // namespace cpct::report
