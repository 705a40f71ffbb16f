// cpct report DIR: renders DIR/index.html and DIR/results.sarif from the
// DIR/results.json a check wrote, without running anything again.
#include <filesystem>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/flags.hpp"
#include "report/redact.hpp"
#include "report/render.hpp"

namespace cpct::cli {
namespace {

struct Options {
  std::string dir;
};

int run(const Options& o) {
  const std::filesystem::path base(o.dir);
  nlohmann::json doc;
  try {
    doc = report::load_results_file(base / "results.json");
  } catch (const report::ResultsFileError& e) {
    throw UsageError(e.what());
  }
  // A results.json from an older cpct may hold the secrets of this
  // environment: the pages rendered now do not.
  report::Redactor redactor;
  redactor.add_environment_secrets();
  doc = redactor.strings(doc);
  try {
    report::write_rendered(base, doc);
  } catch (const std::runtime_error& e) {
    throw UsageError(e.what());
  }
  std::cout << "report: " << (base / "index.html").string() << ", "
            << (base / "results.sarif").string() << "\n";
  return kExitOk;
}

// New flags of `cpct report` go here, each with its Options member.
Run define(CLI::App& app) {
  auto o = std::make_shared<Options>();
  app.add_option("DIR", o->dir, "the report directory a check wrote (its results.json)")
      ->type_name("DIR")
      ->required();
  return [o] { return run(*o); };
}

}  // namespace

const Command& report_command() {
  static const Command command{
      "report",
      "Render the conformance page (index.html) and SARIF from a check's results.json",
      {"cpct report reports/kinesalite"},
      &define};
  return command;
}

}  // namespace cpct::cli
