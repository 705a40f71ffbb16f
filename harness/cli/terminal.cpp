#include "cli/terminal.hpp"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <ostream>
#include <stdexcept>
#include <thread>

#include <CLI/CLI.hpp>

#include "check/baseline.hpp"
#include "cli/flags.hpp"
#include "report/summary_md.hpp"
#include "report/writers.hpp"
#include "text/utf8.hpp"

namespace cpct::cli {

namespace {

constexpr const char* kGreen = "\x1b[1;32m";
constexpr const char* kRed = "\x1b[1;31m";
constexpr const char* kPlain = "\x1b[0m";

}  // namespace

void add_output_flags(CLI::App& app, Output& output) {
  auto* quiet = app.add_flag("--quiet", output.quiet,
                             "print only the verdict line (PASS: ... or FAIL: ...) on stdout, and "
                             "nothing on stderr but errors; the exit code says the same");
  app.add_option("--format", output.format,
                 "the summary on stdout: a table for people, one JSON object, or Markdown (as "
                 "summary.md, e.g. for a CI job summary)")
      ->type_name("FORMAT")
      ->check(one_of({"text", "json", "markdown"}))
      ->capture_default_str()
      ->excludes(quiet);
  app.add_option("--color", output.color,
                 "colour the verdict: auto colours a terminal unless NO_COLOR is set")
      ->type_name("WHEN")
      ->check(one_of({"auto", "always", "never"}))
      ->capture_default_str();
}

bool use_colour(const std::string& mode, bool stdout_is_tty, const char* no_color) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  return stdout_is_tty && (no_color == nullptr || *no_color == '\0');
}

Progress::Progress(std::string unit, std::size_t total, std::function<std::size_t()> failing,
                   bool shown)
    : unit_(std::move(unit)), total_(total), failing_(std::move(failing)), shown_(shown) {}

void Progress::run(const std::function<std::size_t()>& done) {
  const bool tty = shown_ && isatty(STDERR_FILENO) == 1;
  const auto start = std::chrono::steady_clock::now();
  auto draw = [&](bool last) {
    if (!tty) return;
    const std::size_t n = done();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr, "\r  %zu/%zu %s  %.0f/s  %zu requirement(s) failing   %s", n, total_,
                 unit_.c_str(), seconds > 0 ? n / seconds : 0.0, failing_(), last ? "\n" : "");
    std::fflush(stderr);
  };
  while (!finished_) {
    draw(false);
    for (int i = 0; i < 20 && !finished_; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  draw(true);
}

namespace {

void print_verdict(std::ostream& out, const report::RunInfo& info, const check::Summary& summary,
                   bool colour) {
  const char* verdict = summary.must_failed ? "FAIL" : "PASS";
  if (colour)
    out << (summary.must_failed ? kRed : kGreen) << verdict << kPlain;
  else
    out << verdict;
  out << ": " << summary.passed << " passed, " << summary.failed << " failed";
  if (summary.recorded) out << " (" << summary.recorded << " recorded in the baseline)";
  out << ", " << summary.warnings << " warnings, " << summary.untested << " untested of "
      << summary.requirements << " requirements; " << summary.cases << " cases in "
      << static_cast<int>(info.seconds * 1000) << " ms (seed " << info.seed << ")\n";
}

}  // namespace

void print_summary(std::ostream& out, const report::RunInfo& info, const check::Summary& summary,
                   const std::vector<check::RequirementResult>& results, bool colour) {
  print_verdict(out, info, summary, colour);
  out << "\n";
  char line[160];
  std::snprintf(line, sizeof line, "  %-24s %6s %6s %6s %8s %8s\n", "family", "reqs", "passed",
                "failed", "warnings", "untested");
  out << line;
  for (const auto& f : report::by_family(results)) {
    std::snprintf(line, sizeof line, "  %-24s %6zu %6zu %6zu %8zu %8zu\n", f.family.c_str(),
                  f.requirements, f.passed, f.failed, f.warnings, f.untested);
    out << line;
  }
  std::size_t shown = 0;
  for (const auto& r : results) {
    if (r.status() != check::Status::kFailed || r.failures.empty() || r.baseline) continue;
    if (shown++ == 0) out << "\nfailed:\n";
    if (shown > 20) continue;
    const auto& f = r.failures.front();
    // What an implementation sent is shown, never acted on (ESC, CR).
    out << "  " << (colour ? kRed : "") << r.requirement->id << (colour ? kPlain : "") << " ("
        << r.failed_cases << "/" << r.cases << " cases)\n"
        << "    " << text::to_display(f.case_info.value("name", "")) << ": "
        << text::to_display(f.detail) << "\n"
        << "    reproduce: "
        << text::to_display(f.reproduce.size() <= 400
                                ? f.reproduce
                                : f.reproduce.substr(0, 400) + " ... (whole command in the report)")
        << "\n";
  }
  if (shown > 20) out << "  ... and " << shown - 20 << " more (see the report)\n";
  out << "\nrerun: " << info.rerun << "\n";
}

nlohmann::json summary_json(const report::RunInfo& info, const check::Summary& summary,
                            const std::vector<check::RequirementResult>& results) {
  nlohmann::json families = nlohmann::json::array();
  for (const auto& f : report::by_family(results))
    families.push_back({{"family", f.family},
                        {"requirements", f.requirements},
                        {"passed", f.passed},
                        {"failed", f.failed},
                        {"warnings", f.warnings},
                        {"untested", f.untested}});
  nlohmann::json failures = nlohmann::json::array();
  for (const auto& r : results) {
    if (r.status() != check::Status::kFailed || r.failures.empty() || r.baseline) continue;
    const auto& f = r.failures.front();
    failures.push_back({{"id", r.requirement->id},
                        {"failedCases", r.failed_cases},
                        {"cases", r.cases},
                        {"case", f.case_info.value("name", "")},
                        {"detail", f.detail},
                        {"reproduce", f.reproduce}});
  }
  return {{"verdict", summary.must_failed ? "FAIL" : "PASS"},
          {"requirements", summary.requirements},
          {"passed", summary.passed},
          {"failed", summary.failed},
          {"recorded", summary.recorded},
          {"warnings", summary.warnings},
          {"untested", summary.untested},
          {"cases", summary.cases},
          {"ms", static_cast<long long>(info.seconds * 1000)},
          {"seed", info.seed},
          {"families", families},
          {"failures", failures},
          {"rerun", info.rerun},
          {"baseline", info.baseline}};
}

std::string one_line(const std::string& text) {
  std::string out;
  for (const char c : text::to_display(text)) {
    if (c == '\n')
      out += "\\x0A";
    else if (c == '\t')
      out += "\\x09";
    else
      out += c;
  }
  return out;
}

void check_report_dir(const std::optional<std::string>& report_dir) {
  if (!report_dir) return;
  if (report_dir->empty()) throw UsageError("--report-dir needs a directory name");
  const std::string shown = one_line(*report_dir);
  std::error_code ec;
  std::filesystem::create_directories(*report_dir, ec);
  if (ec) throw UsageError("--report-dir " + shown + ": cannot create it: " + ec.message());
  if (!std::filesystem::is_directory(*report_dir, ec))
    throw UsageError("--report-dir " + shown + ": not a directory");
  // Writable: a file created and removed again (access() misses read-only mounts).
  const std::filesystem::path probe =
      std::filesystem::path(*report_dir) / (".cpct-write-test-" + std::to_string(::getpid()));
  if (std::FILE* file = std::fopen(probe.c_str(), "wb")) {
    std::fclose(file);
    std::filesystem::remove(probe, ec);
    return;
  }
  throw UsageError("--report-dir " + shown + ": cannot write in it: " + std::strerror(errno));
}

int conclude(report::RunInfo info, const check::Results& results,
             const std::optional<std::string>& report_dir, const Output& output,
             const check::Baseline* baseline) {
  auto summary = results.summary();
  auto snapshot = results.snapshot();
  check::BaselineOutcome outcome;
  if (baseline != nullptr) {
    outcome = check::apply_baseline(*baseline, snapshot);
    summary.must_failed -= outcome.recorded_must;
    summary.recorded = outcome.recorded;
    nlohmann::json gone = nlohmann::json::array();
    for (const auto* entry : outcome.gone)
      gone.push_back({{"id", entry->pattern}, {"reason", entry->reason}});
    info.baseline = {{"file", baseline->origin}, {"recorded", outcome.recorded}, {"gone", gone}};
  }
  // Reports first: a directory that fails now is a setup error, and stdout
  // has not said PASS yet.
  if (report_dir) {
    try {
      report::write_reports(*report_dir, info, summary, snapshot);
    } catch (const std::exception& e) {
      throw UsageError(std::string("--report-dir: ") + e.what());
    }
  }
  const int code = summary.must_failed > 0 ? kExitFailed : kExitOk;
  const bool colour = use_colour(output.color, isatty(STDOUT_FILENO) == 1, std::getenv("NO_COLOR"));
  if (output.quiet) {
    print_verdict(std::cout, info, summary, colour);
    return code;
  }
  if (output.format == "json") {
    nlohmann::json doc = summary_json(info, summary, snapshot);
    doc["report"] = report_dir ? nlohmann::json(*report_dir + "/index.html") : nlohmann::json();
    // One line; bytes an implementation sent that are not UTF-8 are replaced.
    std::cout << doc.dump(-1, ' ', true, nlohmann::json::error_handler_t::replace) << "\n";
    return code;
  }
  if (output.format == "markdown") {
    // The bytes summary.md gets: rendered from the results.json document.
    std::cout << report::summary_markdown(report::results_json(info, summary, snapshot));
    return code;
  }
  print_summary(std::cout, info, summary, snapshot, colour);
  if (baseline != nullptr) {
    std::cout << "\nbaseline " << baseline->origin << ": " << outcome.recorded
              << " recorded deviation(s) still found (not failing the gate)";
    if (outcome.gone.empty()) {
      std::cout << "\n";
    } else {
      std::cout << "; " << outcome.gone.size()
                << " no longer found (remove them from the baseline):\n";
      for (const auto* entry : outcome.gone)
        std::cout << "  " << entry->pattern << " (" << entry->reason << ")\n";
    }
  }
  if (report_dir) {
    std::cout << "report: " << *report_dir
              << "/index.html (also results.json, junit.xml, summary.md, results.sarif)\n";
  }
  return code;
}

std::string now_iso8601() {
  const std::time_t t = std::time(nullptr);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buffer;
}

}  // namespace cpct::cli
