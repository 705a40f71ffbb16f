#include "report/writers.hpp"

#include <filesystem>
#include <fstream>
#include <map>

#include "check/baseline.hpp"
#include "protocol/oracle.hpp"
#include "report/render.hpp"

namespace cpct::report {
namespace {

using nlohmann::json;

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  if (!(out << text) || !out.flush()) throw std::runtime_error("cannot write " + path.string());
}

// The original case before shrinking is context, not the reproducer: its long
// strings (a generated body can run to tens of kB, once per failure) are cut
// to kOriginalBytes, at a UTF-8 boundary, with how much was left out.
constexpr std::size_t kOriginalBytes = 512;

std::string cut(const std::string& text) {
  std::size_t end = kOriginalBytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "\u2026 " + std::to_string(text.size() - end) + " bytes more";
}

json shortened(json original) {
  if (!original.is_object()) return original;
  for (auto& [key, value] : original.items())
    if (value.is_string() && value.get_ref<const std::string&>().size() > kOriginalBytes)
      value = cut(value.get_ref<const std::string&>());
  return original;
}

json failure_json(const check::FailureRecord& f) {
  json out = {{"case", f.case_info},
              {"expected", f.expected},
              {"observed", f.observed},
              {"detail", f.detail},
              {"reproduce", f.reproduce}};
  if (!f.shrunk_from.is_null()) out["shrunkFrom"] = shortened(f.shrunk_from);
  if (!f.not_minimal.empty()) out["notMinimal"] = f.not_minimal;
  if (f.runs > 1) {
    out["runs"] = f.runs;
    out["failedRuns"] = f.failed_runs;
    out["flaky"] = f.flaky();
  }
  return out;
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
              {"seconds", info.seconds}, {"rerun", info.rerun},     {"operation", info.operation},
              {"stopped", info.stopped}};
  out["summary"] = {{"requirements", summary.requirements},
                    {"passed", summary.passed},
                    {"failed", summary.failed},
                    {"warnings", summary.warnings},
                    {"untested", summary.untested},
                    {"cases", summary.cases}};
  if (!info.shard.is_null()) out["shard"] = info.shard;
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
      // The entry's ID or glob: merging shards tells from it which entries
      // still fail anywhere.
      entry["baseline"] = {{"id", r.baseline->pattern}, {"reason", r.baseline->reason}};
      if (!r.baseline->source.empty()) entry["baseline"]["source"] = r.baseline->source;
    }
    out["requirements"].push_back(std::move(entry));
  }
  return out;
}

void write_results_dir(const std::string& dir, const json& doc) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create " + dir + ": " + ec.message());
  const std::filesystem::path base(dir);
  write_file(base / "results.json", doc.dump(1, ' ', false, json::error_handler_t::replace) + "\n");
  // Every other file is rendered from results.json as written, by the code
  // `cpct report DIR` runs later: the two give the same bytes.
  render_report_dir(base);
}

void write_reports(const std::string& dir, const RunInfo& info, const check::Summary& summary,
                   const std::vector<check::RequirementResult>& results) {
  write_results_dir(dir, results_json(info, summary, results));
}

}  // namespace cpct::report
