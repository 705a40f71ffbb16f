#include "check/results.hpp"

#include "text/utf8.hpp"

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

void LatencyHistogram::add(std::chrono::microseconds latency) {
  const auto us = static_cast<std::uint64_t>(std::max<std::int64_t>(latency.count(), 0));
  const auto upper = std::upper_bound(kLowerUs.begin(), kLowerUs.end(), us);
  ++counts[static_cast<std::size_t>(upper - kLowerUs.begin()) - 1];
}

std::uint64_t LatencyHistogram::total() const {
  std::uint64_t n = 0;
  for (const auto c : counts) n += c;
  return n;
}

double LatencyHistogram::quantile(double q) const {
  const std::uint64_t n = total();
  if (n == 0) return 0;
  const double rank = std::clamp(q, 0.0, 1.0) * static_cast<double>(n);
  double below = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] == 0) continue;
    if (below + static_cast<double>(counts[i]) >= rank || i + 1 == counts.size()) {
      if (i + 1 == counts.size()) return static_cast<double>(kLowerUs[i]);
      const double lower = static_cast<double>(kLowerUs[i]);
      const double width = static_cast<double>(kLowerUs[i + 1]) - lower;
      return lower + width * (rank - below) / static_cast<double>(counts[i]);
    }
    below += static_cast<double>(counts[i]);
  }
  return static_cast<double>(kLowerUs.back());
}

Status RequirementResult::status() const {
  if (cases == 0) return Status::kUntested;
  if (failed_cases == 0) return Status::kPassed;
  return requirement->level == model::Level::kMust ? Status::kFailed : Status::kWarning;
}

Results::Results(const model::Catalogue& catalogue,
                 const std::vector<const model::Requirement*>& selected)
    : catalogue_(&catalogue) {
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

void Results::record_latency(std::chrono::microseconds latency) {
  std::lock_guard lock(mutex_);
  latency_.add(latency);
}

void Results::record_choice(const Choice& choice) {
  std::string answer = text::to_printable(choice.answer.substr(0, 160));
  std::lock_guard lock(mutex_);
  auto& answers = profile_[choice.question];
  if (answers.count(answer) == 0 && answers.size() >= kAnswersKept) answer = "(other answers)";
  ++answers[answer];
}

FailureRecord with_runs(FailureRecord record, const std::string& requirement,
                        const std::map<std::string, std::size_t>& failed_runs,
                        std::size_t retries) {
  const auto it = failed_runs.find(requirement);
  if (it == failed_runs.end()) return record;
  record.runs = 1 + retries;
  record.failed_runs = it->second;
  if (record.flaky())
    record.reproduce += "  # flaky: failed " + std::to_string(record.failed_runs) + " of " +
                        std::to_string(record.runs) + " runs";
  return record;
}

std::size_t Results::cases() const {
  std::lock_guard lock(mutex_);
  return cases_;
}

Summary Results::summary() const {
  std::lock_guard lock(mutex_);
  Summary s;
  s.cases = cases_;
  s.latency = latency_;
  s.profile = profile_;
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
