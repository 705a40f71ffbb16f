#include "report/html.hpp"

#include <cstdio>
#include <map>
#include <vector>

#include "report/html_style.hpp"
#include "report/html_text.hpp"
#include "report/line_diff.hpp"
#include "report/svg_charts.hpp"
#include "report/svg_timeline.hpp"

namespace cpct::report {
namespace {

using nlohmann::json;

std::string esc(const std::string& text) {
  return html_escape(text);
}

const json& member(const json& object, const char* key) {
  static const json null_value;
  if (!object.is_object()) return null_value;
  const auto it = object.find(key);
  return it == object.end() ? null_value : *it;
}

const json& requirements_of(const json& results) {
  static const json empty = json::array();
  const auto& r = member(results, "requirements");
  return r.is_array() ? r : empty;
}

bool failed_verdict(const json& results) {
  return count_of(member(results, "summary"), "failed") > 0;
}

// What was checked: the endpoint of a server, the adapter of a client.
std::string implementation(const json& target) {
  for (const char* key : {"endpoint", "adapter"})
    if (const auto text = text_of(target, key); !text.empty()) return text;
  return target.is_null() ? "(unknown)" : text_of(json{{"t", target}}, "t");
}

std::string pretty_time(const std::string& iso) {
  // 2025-01-02T03:04:05Z -> 2025-01-02 03:04:05 UTC; anything else as is.
  if (iso.size() == 20 && iso[10] == 'T' && iso[19] == 'Z')
    return iso.substr(0, 10) + " " + iso.substr(11, 8) + " UTC";
  return iso;
}

std::string fact(const std::string& name, const std::string& value_html) {
  return "<div><dt>" + esc(name) + "</dt><dd>" + value_html + "</dd></div>\n";
}

std::string masthead(const json& results) {
  const auto& summary = member(results, "summary");
  const auto& target = member(results, "target");
  const bool fail = failed_verdict(results);
  const auto failed = count_of(summary, "failed");
  const auto warnings = count_of(summary, "warnings");
  const std::string kind = text_of(target, "kind", "server");
  std::string because =
      fail ? std::to_string(failed) + " MUST requirement" + (failed == 1 ? "" : "s") + " failed"
           : "every MUST requirement held";
  if (warnings)
    because += " \xC2\xB7 " + std::to_string(warnings) + " warning" + (warnings == 1 ? "" : "s");

  std::string out = "<header class=\"card\" id=\"summary\">\n<div class=\"masthead\">\n";
  out += "<div class=\"verdict " + std::string(fail ? "fail" : "pass") +
         "\" id=\"verdict\"><strong>" + (fail ? "FAIL" : "PASS") + "</strong><span>" +
         esc(because) + "</span></div>\n";
  out += "<div>\n<div class=\"kicker\">cpct conformance report \xC2\xB7 " +
         esc(kind == "client" ? "client under test" : "server endpoint") + "</div>\n";
  const auto& model = member(results, "model");
  std::string title = text_of(model, "service", "AWS CodePipeline");
  if (const auto op = text_of(results, "operation"); !op.empty()) title += " " + op;
  out += "<h1>" + esc(title) + " contract</h1>\n";
  out += "<div class=\"target\" id=\"target\"><span class=\"target-kind\">" +
         std::string(kind == "client" ? "adapter" : "endpoint") + "</span> " +
         esc(implementation(target)) + "</div>\n";
  out += "<dl class=\"facts\">\n";
  if (target.is_object())
    for (const auto& [key, value] : target.items())
      if (key != "kind" && key != "endpoint" && key != "adapter")
        out += fact(key, "<span class=\"mono\">" + esc(text_of(target, key.c_str())) + "</span>");
  out += fact("cpct version", esc(text_of(results, "version", "?")));
  std::string model_text = text_of(model, "service");
  if (const auto v = text_of(model, "apiVersion"); !v.empty()) model_text += " " + v;
  out += fact("Model", esc(model_text.empty() ? "?" : model_text));
  out += fact("Seed",
              "<span class=\"mono\" id=\"seed\">" + esc(text_of(results, "seed", "?")) + "</span>");
  out += fact("Started", esc(pretty_time(text_of(results, "started", "?"))));
  if (member(results, "seconds").is_number()) {
    char text[32];
    const double seconds = member(results, "seconds").get<double>();
    std::snprintf(text, sizeof text, seconds < 10 ? "%.2f s" : "%.0f s", seconds);
    out += fact("Duration", text);
  }
  out += "</dl>\n</div>\n</div>\n";

  struct Tile {
    const char* css;
    const char* name;
    const char* key;
  };
  const Tile tiles[] = {{"", "requirements", "requirements"}, {"t-pass", "passed", "passed"},
                        {"t-fail", "failed", "failed"},       {"t-warn", "warnings", "warnings"},
                        {"", "untested", "untested"},         {"t-cases", "cases run", "cases"}};
  out += "<div class=\"tiles\" id=\"counts\">\n";
  for (const auto& t : tiles)
    out += "<div class=\"tile " + std::string(t.css) + "\"><b>" +
           with_commas(count_of(summary, t.key)) + "</b><span>" + t.name + "</span></div>\n";
  out += "</div>\n";
  out +=
      "<nav class=\"toc\"><a href=\"#charts\">Charts</a><a href=\"#findings\">Failures and "
      "warnings</a><a href=\"#profile\">Profile</a><a href=\"#matrix\">Requirement matrix</a><a "
      "href=\"#rerun\">Rerun</a></nav>\n";
  return out + "</header>\n";
}

std::vector<FamilyVerdicts> family_verdicts(const json& results) {
  std::vector<FamilyVerdicts> out;
  std::map<std::string, std::size_t> index;
  for (const auto& r : requirements_of(results)) {
    const std::string family = text_of(r, "family", "other");
    auto [it, added] = index.emplace(family, out.size());
    if (added) out.push_back({family});
    auto& f = out[it->second];
    const std::string status = text_of(r, "status");
    if (status == "passed")
      ++f.passed;
    else if (status == "failed")
      ++f.failed;
    else if (status == "warning")
      ++f.warnings;
    else
      ++f.untested;
  }
  return out;
}

std::string charts(const json& results) {
  const auto& latency = member(results, "latency");
  std::uint64_t responses = 0;
  if (member(latency, "counts").is_array())
    for (const auto& c : member(latency, "counts"))
      if (c.is_number() && c.get<double>() > 0) responses += c.get<std::uint64_t>();
  // A client run times each adapter call: the client's whole exchange with
  // the mock endpoint, process hops included.
  const bool client = text_of(member(results, "target"), "kind", "server") == "client";
  std::string caption = "no latency data";
  if (responses > 0 && member(latency, "p50").is_number() && member(latency, "p99").is_number())
    caption = "p50 \xE2\x89\x88 " + format_micros(member(latency, "p50").get<double>()) +
              " \xC2\xB7 p99 \xE2\x89\x88 " + format_micros(member(latency, "p99").get<double>()) +
              " \xC2\xB7 " + with_commas(responses) + (client ? " adapter calls" : " responses");
  std::string out = "<section class=\"card\" id=\"charts\">\n<div class=\"charts\">\n";
  out += "<figure><figcaption>Verdicts by requirement family</figcaption>\n" +
         verdicts_chart_svg(family_verdicts(results)) + "</figure>\n";
  out += std::string("<figure id=\"latency\"><figcaption>") +
         (client ? "Adapter call latency" : "Response latency") + " <small>" + esc(caption) +
         "</small></figcaption>\n" + latency_chart_svg(latency) + "</figure>\n";
  return out + "</div>\n</section>\n";
}

// A case: its scalar fields as a list, its body (pretty when it is JSON)
// and any structured member as JSON. Works for server and client cases.
std::string case_block(const json& c) {
  if (!c.is_object()) return "<pre>" + esc(pretty_json(c)) + "</pre>\n";
  std::string fields, blocks;
  for (const auto& [key, value] : c.items()) {
    if (key == "seed") continue;
    if (key == "body" && value.is_string()) {
      const auto parsed = json::parse(value.get<std::string>(), nullptr, false);
      const bool readable = !parsed.is_discarded() && parsed.is_structured();
      blocks += "<div class=\"label\">body</div><pre class=\"body\">" +
                esc(readable ? pretty_json(parsed) : value.get<std::string>()) + "</pre>\n";
    } else if (value.is_structured()) {
      blocks +=
          "<div class=\"label\">" + esc(key) + "</div><pre>" + esc(pretty_json(value)) + "</pre>\n";
    } else {
      fields += "<dt>" + esc(key) + "</dt><dd>" +
                esc(value.is_null() ? "(none)" : text_of(c, key.c_str())) + "</dd>";
    }
  }
  return (fields.empty() ? "" : "<dl class=\"fields\">" + fields + "</dl>\n") + blocks;
}

// Top-level member a line of pretty JSON belongs to ("" for braces).
std::string top_member(const std::string& line, const std::string& current) {
  if (line.size() > 3 && line.compare(0, 3, "  \"") == 0) {
    const auto end = line.find('"', 3);
    if (end != std::string::npos) return line.substr(3, end - 3);
  }
  return line.size() > 2 && line[0] == ' ' && line[1] == ' ' ? current : "";
}

std::string marked(const std::vector<std::string>& lines, const std::vector<bool>& shared,
                   const std::vector<bool>& eligible) {
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!shared[i] && eligible[i])
      out += "<span class=\"differs\">" + esc(lines[i]) + "</span>";
    else
      out += esc(lines[i]);
    if (i + 1 < lines.size()) out += "\n";
  }
  return out;
}

// Expected beside observed, lines that differ highlighted. On the observed
// side only members the expectation speaks of count (headers and the like
// are context, not a difference).
std::string compare(const json& expected, const json& observed) {
  const auto left = split_lines(pretty_json(expected));
  const auto right = split_lines(pretty_json(observed));
  const auto match = match_lines(left, right);
  std::vector<bool> all(left.size(), true), relevant(right.size(), false);
  std::string current;
  for (std::size_t j = 0; j < right.size(); ++j) {
    current = top_member(right[j], current);
    relevant[j] = !current.empty() && expected.is_object() && expected.contains(current);
  }
  if (!expected.is_object()) relevant.assign(right.size(), true);
  // The differing lines once more, up front: in a long body they are far
  // down the panes.
  std::string delta;
  std::size_t shown = 0;
  const auto list = [&](const std::vector<std::string>& lines, const std::vector<bool>& shared,
                        const std::vector<bool>& eligible, const char* side) {
    for (std::size_t i = 0, n = 0; i < lines.size() && n < 4; ++i) {
      if (shared[i] || !eligible[i]) continue;
      std::string line = lines[i];
      line.erase(0, line.find_first_not_of(' '));
      if (line.empty() || line == "{" || line == "}" || line == "}," || line == "]" || line == "],")
        continue;
      if (line.size() > 160) line = line.substr(0, 157) + "...";
      delta += "<div class=\"" + std::string(side) + "\"><b>" + side + "</b><code>" + esc(line) +
               "</code></div>";
      ++n, ++shown;
    }
  };
  list(left, match.left, all, "expected");
  list(right, match.right, relevant, "observed");
  return (shown ? "<div class=\"delta\">" + delta + "</div>\n" : std::string()) +
         "<div class=\"compare\">\n<div><div class=\"label\">Expected</div><pre "
         "class=\"expected\">" +
         marked(left, match.left, all) +
         "</pre></div>\n<div><div class=\"label\">Observed</div><pre class=\"observed\">" +
         marked(right, match.right, relevant) + "</pre></div>\n</div>\n";
}

std::string example(const json& failure, const json& results, std::size_t number) {
  const auto& c = member(failure, "case");
  const std::string case_id = text_of(c, "id", "#" + std::to_string(number));
  std::string out = "<section class=\"example\">\n<h4>Case " + esc(case_id);
  if (const auto name = text_of(c, "name"); !name.empty())
    out += " <span class=\"mono\">" + esc(name) + "</span>";
  if (text_of(failure, "flaky") == "true")
    out += " <span class=\"pill warning\">" +
           esc("flaky: failed " + text_of(failure, "failedRuns", "?") + " of " +
               text_of(failure, "runs", "?") + " runs") +
           "</span>";
  out += "</h4>\n";
  if (const auto detail = text_of(failure, "detail"); !detail.empty())
    out += "<p class=\"detail\">" + esc(detail) + "</p>\n";
  out += compare(member(failure, "expected"), member(failure, "observed"));
  const auto& original = member(failure, "shrunkFrom");
  out += "<div class=\"label\">Minimal example";
  if (!original.is_null())
    out +=
        "<span class=\"shrunk\">shrunk from case " + esc(text_of(original, "id", "?")) + "</span>";
  if (const auto why = text_of(failure, "notMinimal"); !why.empty())
    out += "<span class=\"shrunk not-minimal\">" + esc(why) + "</span>";
  out += "</div>\n" + case_block(c);
  // A worker scenario: the whole trace, drawn.
  if (const auto svg = timeline_svg(member(c, "timeline")); !svg.empty())
    out += "<figure class=\"chart\">" + svg +
           "<figcaption>The worker's calls, a lane per job: green answered 200, amber an "
           "error, red an answer cpct injected. Hover a mark for the call.</figcaption></figure>\n";
  if (!original.is_null())
    out += "<details><summary>The original case before shrinking (" +
           esc(text_of(original, "id", "?")) + ")</summary>\n" + case_block(original) +
           "</details>\n";

  const std::string reproduce = text_of(failure, "reproduce");
  out += "<div class=\"label\">Reproduce</div>\n<pre class=\"reproduce\">" +
         esc(reproduce.empty() ? "(no reproducer recorded)" : reproduce) + "</pre>\n";
  const bool curl = reproduce.rfind("curl ", 0) == 0;
  const std::string seed = text_of(c, "seed", text_of(results, "seed", "?"));
  out += "<p class=\"hint\">" +
         esc(curl ? "Paste into a shell: curl signs the request itself from AWS_ACCESS_KEY_ID and "
                    "AWS_SECRET_ACCESS_KEY. One click selects the whole command."
                  : "The bytes and the adapter line that reproduce this case. One click selects "
                    "them.") +
         " Seed <span class=\"mono\">" + esc(seed) + "</span>.</p>\n";
  return out + "</section>\n";
}

std::string finding(const json& r, const json& results) {
  const std::string id = text_of(r, "id", "?");
  const std::string status = text_of(r, "status");
  const std::string level = text_of(r, "level", "MUST");
  std::string out =
      "<article class=\"finding " + esc(status) + "\" id=\"" + esc(anchor_for(id)) + "\">\n";
  out += "<header><span class=\"pill " + esc(status) + "\">" +
         esc(status == "failed" ? "fail" : "warn") + "</span><code>" + esc(id) +
         "</code><span class=\"level " + std::string(level == "SHOULD" ? "should" : "") + "\">" +
         esc(level) + "</span></header>\n";
  const auto failed = count_of(r, "failedCases");
  const auto cases = count_of(r, "cases");
  const auto& failures = member(r, "failures");
  std::string why = text_of(r, "description");
  if (!why.empty()) why += ". ";
  why += "Failed in " + with_commas(failed) + " of " + with_commas(cases) + " case" +
         (cases == 1 ? "" : "s") + ".";
  out += "<p class=\"why\">" + esc(why) + "</p>\n";
  if (const auto sources = sources_of(r); !sources.empty())
    out += "<p class=\"source\">Source: " + esc(sources) + "</p>\n";
  std::size_t number = 0;
  if (failures.is_array())
    for (const auto& f : failures) out += example(f, results, ++number);
  if (failed > number)
    out += "<p class=\"more\">" +
           esc("Shown: the first " + std::to_string(number) + " failing cases by case order; " +
               with_commas(failed - number) + " more failed the same requirement.") +
           "</p>\n";
  return out + "</article>\n";
}

std::string findings(const json& results) {
  std::string failed, warned;
  std::size_t n = 0;
  for (const auto& r : requirements_of(results)) {
    const std::string status = text_of(r, "status");
    if (status == "failed") failed += finding(r, results), ++n;
    if (status == "warning") warned += finding(r, results), ++n;
  }
  std::string out = "<section class=\"card\" id=\"findings\">\n<h2>Failures and warnings (" +
                    std::to_string(n) + ")</h2>\n";
  if (n == 0) out += "<p class=\"none\">None: every requirement exercised held.</p>\n";
  return out + failed + warned + "</section>\n";
}

std::string matrix(const json& results) {
  std::vector<std::string> order;
  std::map<std::string, std::vector<const json*>> by_family;
  for (const auto& r : requirements_of(results)) {
    const std::string family = text_of(r, "family", "other");
    if (!by_family.count(family)) order.push_back(family);
    by_family[family].push_back(&r);
  }
  const auto verdicts = family_verdicts(results);
  std::string out = "<section class=\"card\" id=\"matrix\">\n<h2>Requirement matrix</h2>\n";
  for (std::size_t i = 0; i < order.size(); ++i) {
    const auto& f = verdicts[i];
    std::string tally = std::to_string(f.total()) + " requirements \xC2\xB7 " +
                        std::to_string(f.passed) + " passed";
    if (f.failed) tally += " \xC2\xB7 " + std::to_string(f.failed) + " failed";
    if (f.warnings) tally += " \xC2\xB7 " + std::to_string(f.warnings) + " warnings";
    if (f.untested) tally += " \xC2\xB7 " + std::to_string(f.untested) + " untested";
    out += "<div class=\"family\" id=\"family-" + esc(anchor_for(order[i]).substr(4)) +
           "\">\n<h3>" + esc(order[i]) + "<small>" + esc(tally) + "</small></h3>\n";
    out +=
        "<table>\n<thead><tr><th>Requirement</th><th>Level</th><th>Description</th>"
        "<th>Source</th><th>Verdict</th><th class=\"num\">Cases</th></tr></thead>\n<tbody>\n";
    for (const auto* r : by_family[order[i]]) {
      const std::string id = text_of(*r, "id", "?");
      const std::string status = text_of(*r, "status", "untested");
      const std::string level = text_of(*r, "level", "MUST");
      const bool finding = status == "failed" || status == "warning";
      const auto failed = count_of(*r, "failedCases");
      out += "<tr class=\"" + esc(status) + "\"><td class=\"id\">" +
             (finding ? "<a href=\"#" + esc(anchor_for(id)) + "\">" + esc(id) + "</a>" : esc(id)) +
             "</td><td><span class=\"level " + std::string(level == "SHOULD" ? "should" : "") +
             "\">" + esc(level) + "</span></td><td>" + esc(text_of(*r, "description")) +
             "</td><td class=\"source\">" + esc(sources_of(*r)) + "</td><td><span class=\"pill " +
             esc(status) + "\">" + esc(status) + "</span></td><td class=\"num\">" +
             (failed ? with_commas(failed) + " of " : std::string()) +
             with_commas(count_of(*r, "cases")) + "</td></tr>\n";
    }
    out += "</tbody>\n</table>\n</div>\n";
  }
  return out + "</section>\n";
}

// Where the documents allow several answers: what this implementation chose.
std::string profile(const json& results) {
  const auto& entries = member(results, "profile");
  if (!entries.is_array() || entries.empty()) return "";
  std::string out =
      "<section class=\"card\" id=\"profile\">\n<h2>Implementation profile</h2>\n<p "
      "class=\"hint\">Where AWS's documents allow several answers, every one passes. These are "
      "the answers this implementation chose.</p>\n<table>\n<thead><tr><th>Question</th>"
      "<th>Answer</th><th class=\"num\">Cases</th></tr></thead>\n<tbody>\n";
  for (const auto& e : entries) {
    const auto& answers = member(e, "answers");
    if (!answers.is_array()) continue;
    for (const auto& a : answers)
      out += "<tr><td>" + esc(text_of(e, "text", text_of(e, "question"))) + "</td><td>" +
             esc(text_of(a, "answer")) + "</td><td class=\"num\">" +
             with_commas(count_of(a, "cases")) + "</td></tr>\n";
  }
  return out + "</tbody>\n</table>\n</section>\n";
}

std::string rerun(const json& results) {
  std::string out = "<section class=\"card\" id=\"rerun\">\n<h2>Run this check again</h2>\n";
  out +=
      "<pre class=\"reproduce\">" + esc(text_of(results, "rerun", "(not recorded)")) + "</pre>\n";
  out +=
      "<p class=\"hint\">" +
      esc("The seed fixes every case: the same cpct version (" + text_of(results, "version", "?") +
          "), the same fixtures and the same implementation give the same verdicts. "
          "This page renders again from results.json with: cpct report DIR") +
      "</p>\n";
  return out + "</section>\n";
}

}  // namespace

std::string html_report(const json& results) {
  const bool fail = failed_verdict(results);
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      // Even a value that slipped past escaping can neither run nor fetch.
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; img-src data:\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"cpct " +
      esc(text_of(results, "version", "?")) + "\">\n<title>" +
      esc(std::string(fail ? "FAIL" : "PASS") + " \xC2\xB7 cpct conformance \xC2\xB7 " +
          implementation(member(results, "target"))) +
      "</title>\n<style>" + html_stylesheet() + "</style>\n</head>\n<body>\n<main>\n";
  out += masthead(results);
  out += charts(results);
  out += findings(results);
  out += profile(results);
  out += matrix(results);
  out += rerun(results);
  out += "<footer>Generated by cpct " + esc(text_of(results, "version", "?")) +
         " from results.json \xC2\xB7 self-contained: no scripts, no network.</footer>\n";
  return out + "</main>\n</body>\n</html>\n";
}

}  // namespace cpct::report
