// cpct report DIR: renders DIR/index.html and DIR/results.sarif from the
// DIR/results.json a check wrote, without running anything again.
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "report/redact.hpp"
#include "report/render.hpp"

namespace cpct::cli {
namespace {

int run(const Args& args) {
  const auto dir = args.positional();
  if (!dir) throw UsageError("name the report directory (see: cpct report --help)");
  const std::filesystem::path base(*dir);
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

}  // namespace

const Command& report_command() {
  static const Command command{
      "report", "Render the conformance page (index.html) and SARIF from a check's results.json",
      "DIR",    {},
      &run,     "DIR"};
  return command;
}

}  // namespace cpct::cli
