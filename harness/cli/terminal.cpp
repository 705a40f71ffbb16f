#include "cli/terminal.hpp"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <ostream>
#include <stdexcept>
#include <thread>

#include "check/baseline.hpp"
#include "check/reproduce.hpp"
#include "cli/args.hpp"
#include "model/utf8.hpp"
#include "report/writers.hpp"

namespace cpct::cli {

Progress::Progress(std::string unit, std::size_t total, std::function<std::size_t()> failing)
    : unit_(std::move(unit)), total_(total), failing_(std::move(failing)) {}

void Progress::run(const std::function<std::size_t()>& done) {
  const bool tty = isatty(STDERR_FILENO) == 1;
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

void print_summary(std::ostream& out, const report::RunInfo& info, const check::Summary& summary,
                   const std::vector<check::RequirementResult>& results) {
  out << (summary.must_failed ? "FAIL" : "PASS") << ": " << summary.passed << " passed, "
      << summary.failed << " failed";
  if (summary.recorded) out << " (" << summary.recorded << " recorded in the baseline)";
  out << ", " << summary.warnings << " warnings, " << summary.untested << " untested of "
      << summary.requirements << " requirements; " << summary.cases << " cases in "
      << static_cast<int>(info.seconds * 1000) << " ms (seed " << info.seed << ")\n\n";
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
    out << "  " << r.requirement->id << " (" << r.failed_cases << "/" << r.cases << " cases)\n"
        << "    " << model::to_display(f.case_info.value("name", "")) << ": "
        << model::to_display(f.detail) << "\n"
        << "    reproduce: "
        << model::to_display(f.reproduce.size() <= 400 ? f.reproduce
                                                       : f.reproduce.substr(0, 400) +
                                                             " ... (whole command in the report)")
        << "\n";
  }
  if (shown > 20) out << "  ... and " << shown - 20 << " more (see the report)\n";
  out << "\nrerun: " << info.rerun << "\n";
}

std::string one_line(const std::string& text) {
  std::string out;
  for (const char c : model::to_display(text)) {
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
             const std::optional<std::string>& report_dir, const check::Baseline* baseline) {
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
  print_summary(std::cout, info, summary, snapshot);
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
  return summary.must_failed > 0 ? kExitFailed : kExitOk;
}

std::string rerun_command(const Args& args, const std::map<std::string, std::string>& used) {
  const Command& command = args.command();
  for (const auto& [name, value] : used) {
    bool known = false;
    for (const auto& flag : command.flags) known = known || name == flag.name;
    if (!known)
      throw std::logic_error("rerun_command: cpct " + std::string(command.name) + " has no --" +
                             name);
  }
  std::string out = "cpct " + std::string(command.name);
  for (const auto& flag : command.flags) {
    const auto it = used.find(flag.name);
    if (it == used.end()) continue;
    const std::string& value = it->second;
    const bool at_default =
        value.empty() || (flag.default_value != nullptr && value == flag.default_value);
    if (!args.has(flag.name) && at_default) continue;
    const bool bare = !value.empty() && value.find_first_not_of("0123456789/") == std::string::npos;
    out += " --" + std::string(flag.name) + " " + (bare ? value : check::shell_quote(value));
  }
  return out;
}

std::string now_iso8601() {
  const std::time_t t = std::time(nullptr);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buffer;
}

}  // namespace cpct::cli
