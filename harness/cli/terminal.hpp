#pragma once
// What a person sees during and after a check: a progress line on a
// terminal (nothing when stderr is a file or a pipe), then a summary table.
#include <atomic>
#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "check/baseline.hpp"
#include "check/results.hpp"
#include "cli/args.hpp"
#include "report/run_info.hpp"

namespace cpct::cli {

class Progress {
 public:
  Progress(std::string unit, std::size_t total, std::function<std::size_t()> failing);
  /// Redraws every 200 ms until finish(); call on its own thread.
  void run(const std::function<std::size_t()>& done);
  void finish() { finished_ = true; }

 private:
  std::string unit_;
  std::size_t total_;
  std::function<std::size_t()> failing_;
  std::atomic<bool> finished_{false};
};

/// `text` as it may sit inside a one-line error: model::to_display with
/// newline and tab escaped too.
std::string one_line(const std::string& text);

/// Throws UsageError unless `report_dir` (if given) is a directory cpct
/// can create and write in: found before the run, not after it.
void check_report_dir(const std::optional<std::string>& report_dir);

/// The end of every check: the summary on stdout, the reports in
/// `report_dir` if given, and the exit code (1 when a MUST failed).
/// With a baseline, the failures it records do not fail the gate, and the
/// entries that no longer fail are listed.
int conclude(report::RunInfo info, const check::Results& results,
             const std::optional<std::string>& report_dir,
             const check::Baseline* baseline = nullptr);

/// The command that runs a check again to the same verdict: "cpct <command>"
/// and, in the order of the command's flag table, each flag of `used` (name ->
/// the value this run used) that the user gave or whose value differs from
/// the table's default. A value of digits and '/' only (seeds, counts, I/N)
/// stays bare; any other is quoted with check::shell_quote. Flags that do not
/// change the verdict (--jobs, --report-dir) are simply left out of `used`.
/// Throws std::logic_error for a name that is not one of the command's flags.
std::string rerun_command(const Args& args, const std::map<std::string, std::string>& used);

/// Now, as ISO 8601 UTC: when a report says a run started.
std::string now_iso8601();

/// The verdict, counts by family, and each failed requirement with its
/// first failure and reproducer.
void print_summary(std::ostream& out, const report::RunInfo& info, const check::Summary& summary,
                   const std::vector<check::RequirementResult>& results);

}  // namespace cpct::cli
