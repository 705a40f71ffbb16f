#include "report/writers.hpp"

#include "report/html_text.hpp"

#include <filesystem>
#include <fstream>
#include <map>

#include "check/baseline.hpp"
#include "model/utf8.hpp"
#include "protocol/oracle.hpp"
#include "report/render.hpp"

namespace cpct::report {
namespace {

using nlohmann::json;

// XML needs what HTML needs here; html_escape also makes invalid UTF-8 and
// control bytes printable, which XML 1.0 could not hold at all.
std::string xml_escape(const std::string& text) {
  return html_escape(text);
}

// Controls escaped too: summary.md is read in terminals and editors.
std::string md_escape(const std::string& text) {
  std::string out;
  for (const char c : model::to_display(text)) {
    if (c == '|' || c == '`') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  if (!(out << text) || !out.flush()) throw std::runtime_error("cannot write " + path.string());
}

json failure_json(const check::FailureRecord& f) {
  json out = {{"case", f.case_info},
              {"expected", f.expected},
              {"observed", f.observed},
              {"detail", f.detail},
              {"reproduce", f.reproduce}};
  if (!f.shrunk_from.is_null()) out["shrunkFrom"] = f.shrunk_from;
  if (!f.not_minimal.empty()) out["notMinimal"] = f.not_minimal;
  if (f.runs > 1) {
    out["runs"] = f.runs;
    out["failedRuns"] = f.failed_runs;
    out["flaky"] = f.flaky();
  }
  return out;
}

std::string sources_text(const model::Requirement& r) {
  std::string out;
  for (const auto& s : r.sources) out += (out.empty() ? "" : "; ") + model::to_text(s);
  return out;
}

std::string flaky_text(const check::FailureRecord& f) {
  return f.flaky() ? " (flaky: failed " + std::to_string(f.failed_runs) + " of " +
                         std::to_string(f.runs) + " runs)"
                   : "";
}

}  // namespace

json profile_json(const std::map<std::string, std::map<std::string, std::size_t>>& profile) {
  json out = json::array();
  for (const auto& [question, answers] : profile) {
    const auto* q = protocol::find_question(question);
    json entry = {{"question", question},
                  {"text", q != nullptr ? q->text : question},
                  {"answers", json::array()}};
    for (const auto& [answer, cases] : answers)
      entry["answers"].push_back({{"answer", answer}, {"cases", cases}});
    out.push_back(std::move(entry));
  }
  return out;
}

std::vector<FamilyCounts> by_family(const std::vector<check::RequirementResult>& results) {
  std::map<std::string, FamilyCounts> families;
  for (const auto& r : results) {
    auto& f = families[model::to_string(r.requirement->family)];
    f.family = model::to_string(r.requirement->family);
    ++f.requirements;
    switch (r.status()) {
      case check::Status::kPassed:
        ++f.passed;
        break;
      case check::Status::kFailed:
        ++f.failed;
        break;
      case check::Status::kWarning:
        ++f.warnings;
        break;
      case check::Status::kUntested:
        ++f.untested;
        break;
    }
  }
  std::vector<FamilyCounts> out;
  for (auto& [name, counts] : families) out.push_back(counts);
  return out;
}

json results_json(const RunInfo& info, const check::Summary& summary,
                  const std::vector<check::RequirementResult>& results) {
  json out = {{"tool", "cpct"},          {"version", info.version}, {"seed", info.seed},
              {"target", info.target},   {"model", info.model},     {"started", info.started},
              {"seconds", info.seconds}, {"rerun", info.rerun},     {"operation", info.operation}};
  out["summary"] = {{"requirements", summary.requirements},
                    {"passed", summary.passed},
                    {"failed", summary.failed},
                    {"warnings", summary.warnings},
                    {"untested", summary.untested},
                    {"cases", summary.cases}};
  if (!info.baseline.is_null()) {
    out["summary"]["recorded"] = summary.recorded;
    out["baseline"] = info.baseline;
  }
  if (const auto& latency = summary.latency; latency.total() > 0) {
    // Bucket i counts latencies from buckets[i] up to buckets[i + 1] (µs).
    out["latency"] = {{"unit", "microseconds"},
                      {"buckets", latency.kLowerUs},
                      {"counts", latency.counts},
                      {"p50", latency.quantile(0.50)},
                      {"p99", latency.quantile(0.99)}};
  }
  out["profile"] = profile_json(summary.profile);
  out["requirements"] = json::array();
  for (const auto& r : results) {
    json entry = {{"id", r.requirement->id},
                  {"level", model::to_string(r.requirement->level)},
                  {"family", model::to_string(r.requirement->family)},
                  {"description", r.requirement->description},
                  {"sources", model::to_json(r.requirement->sources)},
                  {"status", check::to_string(r.status())},
                  {"cases", r.cases},
                  {"failedCases", r.failed_cases},
                  {"failures", json::array()}};
    for (const auto& f : r.failures) entry["failures"].push_back(failure_json(f));
    if (r.baseline != nullptr) {
      entry["baseline"] = {{"reason", r.baseline->reason}};
      if (!r.baseline->source.empty()) entry["baseline"]["source"] = r.baseline->source;
    }
    out["requirements"].push_back(std::move(entry));
  }
  return out;
}

std::string junit_xml(const RunInfo& info, const std::vector<check::RequirementResult>& results) {
  std::size_t failures = 0, skipped = 0;
  // A failure the baseline records is a skipped test: seen, not failing CI.
  auto recorded = [](const check::RequirementResult& r) {
    return r.baseline != nullptr && r.status() == check::Status::kFailed;
  };
  for (const auto& r : results) {
    failures += r.status() == check::Status::kFailed && !recorded(r);
    skipped += r.status() == check::Status::kUntested || recorded(r);
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites name=\"cpct\" tests=\"" + std::to_string(results.size()) + "\" failures=\"" +
         std::to_string(failures) + "\" time=\"" + std::to_string(info.seconds) + "\">\n";
  out += "  <testsuite name=\"cpct " + xml_escape(info.target.value("kind", "")) + " " +
         xml_escape(info.target.value("endpoint", info.target.value("adapter", ""))) +
         "\" tests=\"" + std::to_string(results.size()) + "\" failures=\"" +
         std::to_string(failures) + "\" skipped=\"" + std::to_string(skipped) + "\">\n";
  for (const auto& r : results) {
    out += "    <testcase classname=\"" + xml_escape(model::to_string(r.requirement->family)) +
           "\" name=\"" + xml_escape(r.requirement->id) + "\"";
    if (recorded(r)) {
      out += ">\n      <skipped message=\"" +
             xml_escape("recorded in the baseline: " + r.baseline->reason) +
             "\"/>\n    </testcase>\n";
      continue;
    }
    switch (r.status()) {
      case check::Status::kPassed:
        out += "/>\n";
        continue;
      case check::Status::kUntested:
        out +=
            ">\n      <skipped message=\"no case exercised this requirement\"/>\n    </testcase>\n";
        continue;
      case check::Status::kWarning:
        out += ">\n      <system-out>" +
               xml_escape("SHOULD requirement not met in " + std::to_string(r.failed_cases) +
                          " case(s): " + (r.failures.empty() ? "" : r.failures.front().detail) +
                          "\nsource: " + sources_text(*r.requirement)) +
               "</system-out>\n    </testcase>\n";
        continue;
      case check::Status::kFailed:
        break;
    }
    const auto& first = r.failures.front();
    out += ">\n      <failure message=\"" + xml_escape(first.detail) + "\" type=\"" +
           xml_escape(r.requirement->id) + "\">";
    std::string text = r.requirement->description + "\nsource: " + sources_text(*r.requirement) +
                       "\nfailed in " + std::to_string(r.failed_cases) + " of " +
                       std::to_string(r.cases) + " cases\n";
    for (const auto& f : r.failures)
      text += "\n" + f.case_info.value("id", "") + " " + f.case_info.value("name", "") +
              flaky_text(f) + "\n  " + f.detail + "\n  reproduce: " + f.reproduce + "\n";
    out += xml_escape(text) + "</failure>\n    </testcase>\n";
  }
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

std::string summary_markdown(const RunInfo& info, const check::Summary& summary,
                             const std::vector<check::RequirementResult>& results) {
  std::string out =
      "# cpct conformance: " + std::string(summary.must_failed ? "FAIL" : "PASS") + "\n\n";
  out += "- target: " + md_escape(info.target.dump()) + "\n";
  out += "- model: " + md_escape(info.model.dump()) + "\n";
  out += "- cpct " + info.version + ", seed " + std::to_string(info.seed) + ", " +
         std::to_string(summary.cases) + " cases, started " + info.started + "\n";
  out += "- rerun: `" + info.rerun + "`\n\n";
  out +=
      "| family | requirements | passed | failed | warnings | untested "
      "|\n|---|---|---|---|---|---|\n";
  for (const auto& f : by_family(results))
    out += "| " + f.family + " | " + std::to_string(f.requirements) + " | " +
           std::to_string(f.passed) + " | " + std::to_string(f.failed) + " | " +
           std::to_string(f.warnings) + " | " + std::to_string(f.untested) + " |\n";
  bool any = false;
  for (const auto& r : results) {
    if (r.status() != check::Status::kFailed && r.status() != check::Status::kWarning) continue;
    if (!any) out += "\n## Failures and warnings\n";
    any = true;
    out += "\n### " + std::string(r.status() == check::Status::kFailed ? "FAIL" : "WARN") + " `" +
           r.requirement->id + "` (" + model::to_string(r.requirement->level) + ")\n\n";
    out += md_escape(r.requirement->description) + ". Failed in " + std::to_string(r.failed_cases) +
           " of " + std::to_string(r.cases) +
           " cases.\n\nSource: " + md_escape(sources_text(*r.requirement)) + "\n";
    for (const auto& f : r.failures) {
      out += "\n- " + md_escape(f.case_info.value("id", "") + " " + f.case_info.value("name", "")) +
             md_escape(flaky_text(f)) + ": " + md_escape(f.detail) + "\n\n  ```sh\n  " +
             model::to_display(f.reproduce) + "\n  ```\n";
    }
  }
  if (!summary.profile.empty()) {
    out +=
        "\n## Implementation profile\n\nWhere the documents allow several answers, every "
        "one passes; this is what the implementation chose.\n\n| question | answer | cases "
        "|\n|---|---|---|\n";
    for (const auto& entry : profile_json(summary.profile))
      for (const auto& a : entry["answers"])
        out += "| " + md_escape(entry["text"].get<std::string>()) + " | " +
               md_escape(a["answer"].get<std::string>()) + " | " +
               std::to_string(a["cases"].get<std::size_t>()) + " |\n";
  }
  return out;
}

void write_reports(const std::string& dir, const RunInfo& info, const check::Summary& summary,
                   const std::vector<check::RequirementResult>& results) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create " + dir + ": " + ec.message());
  const std::filesystem::path base(dir);
  const json doc = results_json(info, summary, results);
  write_file(base / "results.json", doc.dump(1, ' ', false, json::error_handler_t::replace) + "\n");
  write_file(base / "junit.xml", junit_xml(info, results));
  write_file(base / "summary.md", summary_markdown(info, summary, results));
  // The page and SARIF are rendered from the document itself, exactly as
  // `cpct report DIR` renders them later.
  write_rendered(base, doc);
}

}  // namespace cpct::report
