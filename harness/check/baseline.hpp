#pragma once
// A baseline (--baseline FILE): the deviations an implementation is known to
// have, each with a reason. A run still reports them, but a recorded failure
// does not fail the gate; a recorded one that no longer fails is said, so the
// record stays an honest account. docs/baselines.md has the file format.
#include <stdexcept>
#include <string>
#include <vector>

#include "check/results.hpp"
#include "model/requirements.hpp"

namespace cpct::check {

struct BaselineEntry {
  std::string pattern;  // a requirement ID, or a glob of IDs (`*`, `?`, `[...]`)
  std::string reason;   // what the implementation does
  std::string source;   // where that was confirmed (optional)
  /// Found in some runs only (a race in the implementation): never "gone".
  bool intermittent = false;
};

struct Baseline {
  std::string origin;  // the file, for messages and reports
  std::vector<BaselineEntry> entries;

  /// The first entry that matches `id`, or null.
  const BaselineEntry* find(const std::string& id) const;
};

class BaselineError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Reads a baseline: either `{"baseline": [{"id", "reason", "source"?}]}`
/// or a results.json of an earlier run (its failed and warning requirements
/// are the record). Every ID or glob must name a requirement of the
/// catalogue. Throws BaselineError naming the file and what is wrong.
Baseline load_baseline(const std::string& path, const model::Catalogue& catalogue);

/// What a baseline did to one run.
struct BaselineOutcome {
  std::size_t recorded = 0;                // failures and warnings the baseline holds
  std::size_t recorded_must = 0;           // of them, failed MUST requirements
  std::vector<const BaselineEntry*> gone;  // entries none of whose tested requirements failed
};

/// Marks the results the baseline records (RequirementResult::baseline) and
/// says which entries no longer fail. An entry that matches no requirement
/// of this run (not selected) is neither.
BaselineOutcome apply_baseline(const Baseline& baseline, std::vector<RequirementResult>& results);

}  // namespace cpct::check
