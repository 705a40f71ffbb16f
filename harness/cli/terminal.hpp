#pragma once
// What a person sees during and after a check: a progress line on a
// terminal (nothing when stderr is a file or a pipe), then a summary table;
// or, for CI, the verdict line alone, or the summary as JSON or Markdown.
#include <atomic>
#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "check/baseline.hpp"
#include "check/results.hpp"
#include "cli/command.hpp"
#include "report/run_info.hpp"

namespace CLI {
class App;
}

namespace cpct::cli {

/// How a check prints its outcome: --quiet, --format, --color.
struct Output {
  bool quiet = false;           // stdout: the verdict line only; stderr: errors only
  std::string format = "text";  // text | json | markdown
  std::string color = "auto";   // auto | always | never
};

/// Adds --quiet, --format and --color to a check's app.
void add_output_flags(CLI::App& app, Output& output);

/// Whether the summary is coloured: --color always or never decides;
/// auto colours only a terminal, and not when NO_COLOR is set to a
/// non-empty value (https://no-color.org).
bool use_colour(const std::string& mode, bool stdout_is_tty, const char* no_color);

class Progress {
 public:
  /// `shown` false (--quiet) draws nothing.
  Progress(std::string unit, std::size_t total, std::function<std::size_t()> failing,
           bool shown = true);
  /// Redraws every 200 ms until finish(); call on its own thread.
  void run(const std::function<std::size_t()>& done);
  void finish() { finished_ = true; }

 private:
  std::string unit_;
  std::size_t total_;
  std::function<std::size_t()> failing_;
  bool shown_;
  std::atomic<bool> finished_{false};
};

/// `text` as it may sit inside a one-line error: text::to_display with
/// newline and tab escaped too.
std::string one_line(const std::string& text);

/// Throws UsageError unless `report_dir` (if given) is a directory cpct
/// can create and write in: found before the run, not after it.
void check_report_dir(const std::optional<std::string>& report_dir);

/// The end of every check: the summary on stdout as `output` says, the
/// reports in `report_dir` if given, and the exit code (1 when a MUST
/// failed). With a baseline, the failures it records do not fail the gate,
/// and the entries that no longer fail are listed.
int conclude(report::RunInfo info, const check::Results& results,
             const std::optional<std::string>& report_dir, const Output& output,
             const check::Baseline* baseline = nullptr);

/// Now, as ISO 8601 UTC: when a report says a run started.
std::string now_iso8601();

/// The verdict, counts by family, and each failed requirement with its
/// first failure and reproducer; the verdict coloured if `colour`.
void print_summary(std::ostream& out, const report::RunInfo& info, const check::Summary& summary,
                   const std::vector<check::RequirementResult>& results, bool colour = false);

/// The terminal summary as one JSON object (--format json): verdict,
/// counts, families, failures with reproducers, rerun, baseline, report.
nlohmann::json summary_json(const report::RunInfo& info, const check::Summary& summary,
                            const std::vector<check::RequirementResult>& results);

}  // namespace cpct::cli
