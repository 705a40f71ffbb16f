#include "report/summary_md.hpp"

#include <map>

#include "report/html_text.hpp"
#include "text/utf8.hpp"

namespace cpct::report {
namespace {

using nlohmann::json;

// Controls escaped too: summary.md is read in terminals and editors.
std::string md_escape(const std::string& text) {
  std::string out;
  for (const char c : text::to_display(text)) {
    if (c == '|' || c == '`') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

struct Counts {
  std::size_t requirements = 0, passed = 0, failed = 0, warnings = 0, untested = 0;
};

std::string list_of(const json& numbers) {
  std::string out;
  for (const auto& n : numbers) out += (out.empty() ? "" : ", ") + n.dump();
  return out;
}

// Which shards of a plan the file covers (docs/report.md, "Shards").
std::string shard_line(const json& doc) {
  const auto it = doc.find("shard");
  if (it == doc.end() || !it->is_object()) return "";
  const std::string count = std::to_string(count_of(*it, "count"));
  if (it->contains("merged")) {
    std::string out = "- shards: " + list_of(array_of(*it, "merged")) + " of " + count + " merged";
    if (!array_of(*it, "missing").empty())
      out += "; missing " + list_of(array_of(*it, "missing")) + " (their cases are untested)";
    return out + "\n";
  }
  if (count == "1") return "";
  return "- shard " + std::to_string(count_of(*it, "index")) + "/" + count +
         " (merge the shards with cpct report --merge)\n";
}

}  // namespace

bool must_failed(const json& doc) {
  for (const auto& r : array_of(doc, "requirements"))
    if (text_of(r, "status") == "failed" && !r.contains("baseline")) return true;
  return false;
}

std::string summary_markdown(const json& doc) {
  const json& requirements = array_of(doc, "requirements");
  const json summary = doc.value("summary", json::object());
  std::string out =
      "# cpct conformance: " + std::string(must_failed(doc) ? "FAIL" : "PASS") + "\n\n";
  out += "- target: " + md_escape(text_of(doc, "target")) + "\n";
  out += "- model: " + md_escape(text_of(doc, "model")) + "\n";
  out += "- cpct " + md_escape(text_of(doc, "version")) + ", seed " + text_of(doc, "seed") + ", " +
         std::to_string(count_of(summary, "cases")) + " cases, started " +
         md_escape(text_of(doc, "started")) + "\n";
  out += shard_line(doc);
  out += "- rerun: `" + text::to_display(text_of(doc, "rerun")) + "`\n\n";
  out +=
      "| family | requirements | passed | failed | warnings | untested "
      "|\n|---|---|---|---|---|---|\n";
  std::map<std::string, Counts> families;
  for (const auto& r : requirements) {
    auto& f = families[text_of(r, "family")];
    ++f.requirements;
    const std::string status = text_of(r, "status");
    f.passed += status == "passed";
    f.failed += status == "failed";
    f.warnings += status == "warning";
    f.untested += status == "untested";
  }
  for (const auto& [family, f] : families)
    out += "| " + md_escape(family) + " | " + std::to_string(f.requirements) + " | " +
           std::to_string(f.passed) + " | " + std::to_string(f.failed) + " | " +
           std::to_string(f.warnings) + " | " + std::to_string(f.untested) + " |\n";
  bool any = false;
  for (const auto& r : requirements) {
    const std::string status = text_of(r, "status");
    if (status != "failed" && status != "warning") continue;
    if (!any) out += "\n## Failures and warnings\n";
    any = true;
    out += "\n### " + std::string(status == "failed" ? "FAIL" : "WARN") + " `" +
           md_escape(text_of(r, "id")) + "` (" + md_escape(text_of(r, "level")) + ")\n\n";
    out += md_escape(text_of(r, "description")) + ". Failed in " +
           std::to_string(count_of(r, "failedCases")) + " of " +
           std::to_string(count_of(r, "cases")) + " cases.\n\nSource: " + md_escape(sources_of(r)) +
           "\n";
    for (const auto& f : array_of(r, "failures")) {
      const json& c = object_of(f, "case");
      out += "\n- " + md_escape(text_of(c, "id") + " " + text_of(c, "name")) +
             md_escape(flaky_of(f)) + ": " + md_escape(text_of(f, "detail")) + "\n\n  ```sh\n  " +
             text::to_display(text_of(f, "reproduce")) + "\n  ```\n";
    }
  }
  const json& profile = array_of(doc, "profile");
  if (!profile.empty()) {
    out +=
        "\n## Implementation profile\n\nWhere the documents allow several answers, every "
        "one passes; this is what the implementation chose.\n\n| question | answer | cases "
        "|\n|---|---|---|\n";
    for (const auto& entry : profile)
      for (const auto& a : array_of(entry, "answers"))
        out += "| " + md_escape(text_of(entry, "text")) + " | " + md_escape(text_of(a, "answer")) +
               " | " + std::to_string(count_of(a, "cases")) + " |\n";
  }
  return out;
}

}  // namespace cpct::report
