#pragma once
// results.json documents for the renderers' tests: one ordinary failing
// run, and one whose every value is hostile.
#include <nlohmann/json.hpp>

namespace cpct::testing {

inline nlohmann::json sample_results() {
  using nlohmann::json;
  const json failure = {
      {"case",
       {{"id", "c2"},
        {"kind", "protocol"},
        {"name", "unknown target"},
        {"method", "POST"},
        {"path", "/"},
        {"target", "CodePipeline_20150709.Nope"},
        {"contentType", "application/x-amz-json-1.1"},
        {"body", "{}"},
        {"seed", 7}}},
      {"expected", {{"status", 400}, {"errorType", "UnknownOperationException"}}},
      {"observed",
       {{"outcome", "response"},
        {"status", 500},
        {"headers", {{"server", "x"}}},
        {"body", {{"__type", "InternalFailure"}}}}},
      {"detail", "HTTP 500 is a server error"},
      {"reproduce",
       "curl -sS -i -X POST 'http://127.0.0.1:9/' -H 'X-Amz-Target: CodePipeline_20150709.Nope' "
       "--data-binary '{}'"},
      {"shrunkFrom", {{"id", "c9"}, {"name", "a longer case"}, {"body", "{\"jobId\": \"xx\"}"}}}};
  return {
      {"tool", "cpct"},
      {"version", "0.1.0"},
      {"seed", 7},
      {"target", {{"kind", "server"}, {"endpoint", "http://127.0.0.1:9/"}, {"fixtures", "f.json"}}},
      {"model", {{"service", "CodePipeline"}, {"apiVersion", "2015-07-09"}}},
      {"started", "2025-01-02T03:04:05Z"},
      {"seconds", 1.5},
      {"rerun",
       "cpct check server --endpoint http://127.0.0.1:9/ --fixtures f.json --seed 7 --cases 200"},
      {"summary",
       {{"requirements", 3},
        {"passed", 1},
        {"failed", 1},
        {"warnings", 1},
        {"untested", 0},
        {"cases", 12}}},
      {"latency",
       {{"unit", "microseconds"},
        {"buckets", {0, 10, 20, 50, 100, 200, 500, 1000}},
        {"counts", {0, 0, 1, 3, 5, 2, 1, 0}},
        {"p50", 150.0},
        {"p99", 480.0}}},
      {"requirements",
       {{{"id", "awsJson1_1.server.no-5xx"},
         {"level", "MUST"},
         {"family", "protocol"},
         {"description", "No input gets a 5xx"},
         {"status", "failed"},
         {"cases", 12},
         {"failedCases", 4},
         {"failures", {failure}}},
        {{"id", "awsJson1_1.server.no-hang"},
         {"level", "MUST"},
         {"family", "robustness"},
         {"description", "Every request is answered in time"},
         {"status", "passed"},
         {"cases", 12},
         {"failedCases", 0},
         {"failures", json::array()}},
        {{"id", "awsJson1_1.request.unknown-member"},
         {"level", "SHOULD"},
         {"family", "protocol"},
         {"description", "Unknown members are ignored"},
         {"status", "warning"},
         {"cases", 2},
         {"failedCases", 1},
         {"failures", {failure}}}}}};
}

inline nlohmann::json hostile_results() {
  nlohmann::json doc = sample_results();
  const std::string evil =
      "<script>alert(1)</script> \"quoted\" 'single' & <img src=x onerror=alert(2)>";
  doc["target"]["endpoint"] = "http://h/\"><b>";
  doc["rerun"] = "cpct check " + evil;
  auto& r = doc["requirements"][0];
  r["description"] = evil;
  auto& f = r["failures"][0];
  f["detail"] = evil + "\xFF";
  f["reproduce"] = "curl '" + evil + "'";
  f["case"]["name"] = evil;
  f["case"]["body"] = evil;
  f["observed"]["body"] = {{"message", evil}, {evil, evil}};
  f["observed"]["bodyText"] = evil;
  f["shrunkFrom"]["id"] = evil;
  return doc;
}

}  // namespace cpct::testing
