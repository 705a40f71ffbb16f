#pragma once
// What a person sees during and after a check: a progress line on a
// terminal (nothing when stderr is a file or a pipe), then a summary table.
#include <atomic>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "check/results.hpp"
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

/// The end of every check: the summary on stdout, the reports in
/// `report_dir` if given, and the exit code (1 when a MUST failed).
int conclude(const report::RunInfo& info, const check::Results& results,
             const std::optional<std::string>& report_dir);

/// Now, as ISO 8601 UTC: when a report says a run started.
std::string now_iso8601();

/// The verdict, counts by family, and each failed requirement with its
/// first failure and reproducer.
void print_summary(std::ostream& out, const report::RunInfo& info, const check::Summary& summary,
                   const std::vector<check::RequirementResult>& results);

}  // namespace cpct::cli
