#include "check/results.hpp"

namespace cpct::check {

const char* to_string(Status status) {
  switch (status) {
    case Status::kPassed:
      return "passed";
    case Status::kFailed:
      return "failed";
    case Status::kWarning:
      return "warning";
    case Status::kUntested:
      return "untested";
  }
  return "?";
}

Status RequirementResult::status() const {
  if (cases == 0) return Status::kUntested;
  if (failed_cases == 0) return Status::kPassed;
  return requirement->level == model::Level::kMust ? Status::kFailed : Status::kWarning;
}

Results::Results(const std::vector<const model::Requirement*>& selected) {
  for (const auto* r : selected) {
    index_.emplace(r->id, results_.size());
    results_.push_back(RequirementResult{r, 0, 0, {}});
  }
}

bool Results::keeps_locked(const RequirementResult& r, std::size_t case_index) const {
  return r.failures.size() < kKept || case_index < r.failures.back().case_index;
}

bool Results::would_keep(const std::string& requirement, std::size_t case_index) const {
  std::lock_guard lock(mutex_);
  const auto it = index_.find(requirement);
  return it != index_.end() && keeps_locked(results_[it->second], case_index);
}

void Results::count_case() {
  std::lock_guard lock(mutex_);
  ++cases_;
}

std::size_t Results::cases() const {
  std::lock_guard lock(mutex_);
  return cases_;
}

Summary Results::summary() const {
  std::lock_guard lock(mutex_);
  Summary s;
  s.cases = cases_;
  for (const auto& r : results_) {
    ++s.requirements;
    switch (r.status()) {
      case Status::kPassed:
        ++s.passed;
        break;
      case Status::kFailed:
        ++s.failed, ++s.must_failed;
        break;
      case Status::kWarning:
        ++s.warnings;
        break;
      case Status::kUntested:
        ++s.untested;
        break;
    }
  }
  return s;
}

std::vector<RequirementResult> Results::snapshot() const {
  std::lock_guard lock(mutex_);
  return results_;
}

}  // namespace cpct::check
