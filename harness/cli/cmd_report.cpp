// cpct report DIR: renders junit.xml, summary.md, index.html and
// results.sarif again from the DIR/results.json a check wrote, without
// running anything. cpct report --merge OUT DIR...: merges the results.json
// of the shards of one plan into OUT and renders it there.
#include <filesystem>
#include <iostream>
#include <memory>
#include <set>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/flags.hpp"
#include "cli/terminal.hpp"
#include "report/merge.hpp"
#include "report/render.hpp"
#include "report/summary_md.hpp"
#include "report/writers.hpp"

namespace cpct::cli {
namespace {

struct Options {
  std::vector<std::string> dirs;
  std::string merge;
};

// DIR/results.json, or the file itself when it is not a directory.
std::filesystem::path results_file(const std::string& name) {
  std::error_code ec;
  const std::filesystem::path path(name);
  return std::filesystem::is_directory(path, ec) ? path / "results.json" : path;
}

// The same file named twice (or through another path) would count its
// cases twice.
std::filesystem::path identity(const std::filesystem::path& path) {
  std::error_code ec;
  const auto canonical = std::filesystem::weakly_canonical(path, ec);
  return ec ? path.lexically_normal() : canonical;
}

int merge(const std::string& out, const std::vector<std::string>& names) {
  if (names.empty()) throw UsageError("--merge OUT needs the shards' report directories after it");
  try {
    check_report_dir(out);
  } catch (const UsageError& e) {  // its words name --report-dir
    const std::string what = e.what();
    throw UsageError("--merge " + what.substr(what.find(' ') + 1));
  }
  const auto out_file = identity(std::filesystem::path(out) / "results.json");
  std::vector<report::MergeInput> inputs;
  std::set<std::filesystem::path> seen;
  for (const auto& name : names) {
    const auto file = results_file(name);
    const auto id = identity(file);
    if (!seen.insert(id).second)
      throw UsageError(one_line(file.string()) + ": named twice (its cases would count twice)");
    if (id == out_file)
      throw UsageError(one_line(file.string()) +
                       ": is also the output (--merge OUT): merge into another directory");
    try {
      inputs.push_back({file.string(), report::load_results_file(file)});
    } catch (const report::ResultsFileError& e) {
      throw UsageError(one_line(e.what()));
    }
  }
  nlohmann::json merged;
  try {
    merged = report::merge_results(inputs);
  } catch (const report::MergeError& e) {
    throw UsageError(one_line(e.what()));
  }
  try {
    report::write_results_dir(out, merged);
  } catch (const std::runtime_error& e) {
    throw UsageError(std::string("--merge: ") + e.what());
  }
  const auto& s = merged["summary"];
  const bool failed = report::must_failed(merged);
  const auto missing = report::missing_shards(merged);
  std::cout << (failed ? "FAIL" : "PASS") << ": " << s["passed"] << " passed, " << s["failed"]
            << " failed, " << s["warnings"] << " warnings, " << s["untested"] << " untested of "
            << s["requirements"] << " requirements; " << s["cases"] << " cases in "
            << merged["shard"]["merged"].size() << " of " << merged["shard"]["count"]
            << " shards\n";
  if (!missing.empty()) {
    std::string list;
    for (const auto i : missing)
      list +=
          (list.empty() ? "" : ", ") + std::to_string(i) + "/" + merged["shard"]["count"].dump();
    // A shard that did not run leaves its cases untested: not a pass.
    std::cerr << "cpct report --merge: shard(s) " << list << " missing: their cases are untested\n";
  }
  std::cout << "report: " << (std::filesystem::path(out) / "index.html").string()
            << " (also results.json, junit.xml, summary.md, results.sarif)\n";
  return failed || !missing.empty() ? kExitFailed : kExitOk;
}

int run(const Options& o) {
  if (!o.merge.empty()) return merge(o.merge, o.dirs);
  if (o.dirs.empty())
    throw UsageError(
        "name the report directory a check wrote (its results.json) (see: cpct report --help)");
  if (o.dirs.size() > 1)
    throw UsageError("one report directory, or --merge OUT DIR... (see: cpct report --help)");
  const std::filesystem::path base(o.dirs.front());
  try {
    report::render_report_dir(base);
  } catch (const std::runtime_error& e) {  // ResultsFileError too
    throw UsageError(e.what());
  }
  std::cout << "report: " << (base / "index.html").string()
            << " (also junit.xml, summary.md, results.sarif)\n";
  return kExitOk;
}

// New flags of `cpct report` go here, each with its Options member.
Run define(CLI::App& app) {
  auto o = std::make_shared<Options>();
  app.add_option("DIR", o->dirs,
                 "the report directory a check wrote (its results.json); with --merge, the "
                 "shards' directories (or their results.json files)")
      ->type_name("DIR");
  app.add_option("--merge", o->merge,
                 "merge the results.json of the shards of one plan (cpct check server --shard "
                 "I/N) in the DIRs into OUT, and render it there; exit 1 when it fails or a shard "
                 "is missing")
      ->type_name("OUT");
  return [o] { return run(*o); };
}

}  // namespace

const Command& report_command() {
  static const Command command{
      "report",
      "Render junit.xml, summary.md, index.html and SARIF from a check's results.json, or merge "
      "the results of shards",
      {"cpct report reports/kinesalite", "cpct report --merge merged shard-0 shard-1 shard-2"},
      &define};
  return command;
}

}  // namespace cpct::cli
