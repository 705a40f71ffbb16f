#pragma once
// Verdicts per requirement, filled as cases finish (from several threads)
// and kept small: counts, plus the first few failures of each requirement
// by case index, so a run of a million cases holds no more than a short one
// and the kept failures do not depend on --jobs.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "check/finding.hpp"
#include "model/requirement_ids.hpp"
#include "model/requirements.hpp"

namespace cpct::check {

struct BaselineEntry;  // check/baseline.hpp

struct FailureRecord {
  std::size_t case_index = 0;
  nlohmann::json case_info;  // id, kind, name, request (method, path, headers, body)
  nlohmann::json expected;
  nlohmann::json observed;
  std::string detail;
  std::string reproduce;       // a curl command
  nlohmann::json shrunk_from;  // the original case when this one is a shrink
  /// Why the case shown is not known to be minimal (shrinking was cut
  /// short: the run's budget, the candidates per requirement); "" if it is.
  std::string not_minimal;
  /// Runs of the case (1 + --retries when it failed) and how many failed
  /// this requirement: fewer failed than ran is a flaky failure.
  std::size_t runs = 1;
  std::size_t failed_runs = 1;
  bool flaky() const { return failed_runs < runs; }
};

enum class Status { kPassed, kFailed, kWarning, kUntested };
const char* to_string(Status status);

struct RequirementResult {
  const model::Requirement* requirement = nullptr;
  std::size_t cases = 0;
  std::size_t failed_cases = 0;
  std::vector<FailureRecord> failures;  // at most Results::kKept, lowest case index first
  /// The baseline entry that records this failure or warning (--baseline),
  /// or null: a recorded failure is reported but does not fail the gate.
  const BaselineEntry* baseline = nullptr;

  Status status() const;
};

/// Response latencies in fixed log-scale buckets: counts only, so a run of
/// a million cases holds no more than a short one.
struct LatencyHistogram {
  /// Bucket i holds latencies in [kLowerUs[i], kLowerUs[i + 1]); the last is open.
  static constexpr std::array<std::uint64_t, 20> kLowerUs = {
      0,       10,      20,        50,        100,       200,       500,
      1'000,   2'000,   5'000,     10'000,    20'000,    50'000,    100'000,
      200'000, 500'000, 1'000'000, 2'000'000, 5'000'000, 10'000'000};
  std::array<std::uint64_t, kLowerUs.size()> counts{};

  void add(std::chrono::microseconds latency);
  std::uint64_t total() const;
  /// The q-quantile in microseconds, interpolated inside its bucket (an
  /// estimate; the open last bucket answers its lower bound).
  double quantile(double q) const;
};

struct Summary {
  std::size_t requirements = 0, passed = 0, failed = 0, warnings = 0, untested = 0, cases = 0;
  std::size_t must_failed = 0;  // failed MUST requirements no baseline records
  std::size_t recorded = 0;     // failures and warnings a baseline records
  LatencyHistogram latency;
  /// question → answer → cases (the implementation profile).
  std::map<std::string, std::map<std::string, std::size_t>> profile;
};

class Results {
 public:
  static constexpr std::size_t kKept = 3;
  /// Distinct answers kept per question (an endpoint can make up new ones).
  static constexpr std::size_t kAnswersKept = 16;

  /// Requirements reported: every one of `selected`, all from `catalogue`
  /// (untested until a case touches it). `catalogue` must outlive this.
  Results(const model::Catalogue& catalogue,
          const std::vector<const model::Requirement*>& selected);

  /// Records one case's findings. `make_failure` builds the record for a
  /// failed requirement only when it will be kept (it is costly). A finding
  /// of a requirement the catalogue has but this run did not select
  /// (--requirements, --operations, a profile) is skipped; one whose ID the
  /// catalogue does not have at all is a bug in cpct and throws
  /// model::UnknownRequirement, in every build: dropping it would make a
  /// check vanish without a word.
  template <typename MakeFailure>
  void add(std::size_t case_index, const std::vector<Finding>& findings,
           MakeFailure&& make_failure);

  /// True when a failure of `requirement` at `case_index` would be kept
  /// (the shrinker only works for those).
  bool would_keep(const std::string& requirement, std::size_t case_index) const;

  void count_case();
  /// The answer an implementation chose where the documents allow several.
  void record_choice(const Choice& choice);
  /// One response's latency (any thread).
  void record_latency(std::chrono::microseconds latency);
  Summary summary() const;
  std::size_t cases() const;
  /// A snapshot in catalogue order.
  std::vector<RequirementResult> snapshot() const;

 private:
  bool keeps_locked(const RequirementResult& r, std::size_t case_index) const;

  const model::Catalogue* catalogue_;
  mutable std::mutex mutex_;
  std::vector<RequirementResult> results_;
  std::map<std::string, std::size_t> index_;
  std::size_t cases_ = 0;
  LatencyHistogram latency_;
  std::map<std::string, std::map<std::string, std::size_t>> profile_;
};

/// Failed runs per failing requirement of a case whose failure will be kept
/// (--retries): the first run plus `retries` more, each made by `again()`,
/// which returns that run's findings. Only kept failures are run again:
/// their rate is what a report shows, and rerunning every failure would
/// multiply a bad run.
template <typename Again>
std::map<std::string, std::size_t> count_failed_runs(const Results& results, std::size_t case_index,
                                                     const std::vector<Finding>& findings,
                                                     std::size_t retries, Again&& again) {
  std::map<std::string, std::size_t> failed;
  for (const auto& f : findings)
    if (!f.ok && results.would_keep(f.requirement, case_index)) failed.emplace(f.requirement, 1);
  for (std::size_t run = 0; !failed.empty() && run < retries; ++run) {
    const std::vector<Finding> next = again();
    for (auto& [id, count] : failed)
      count += std::any_of(next.begin(), next.end(),
                           [&](const Finding& g) { return g.requirement == id && !g.ok; });
  }
  return failed;
}

/// `record` with the runs `count_failed_runs` counted for its requirement;
/// a flaky failure says so after its reproducer.
FailureRecord with_runs(FailureRecord record, const std::string& requirement,
                        const std::map<std::string, std::size_t>& failed_runs, std::size_t retries);

template <typename MakeFailure>
void Results::add(std::size_t case_index, const std::vector<Finding>& findings,
                  MakeFailure&& make_failure) {
  // One count per requirement per case; its first failing finding speaks.
  std::map<std::size_t, const Finding*> touched;
  for (const auto& finding : findings) {
    const auto it = index_.find(finding.requirement);
    if (it == index_.end()) {
      if (catalogue_->find(finding.requirement) == nullptr)
        throw model::UnknownRequirement(finding.requirement);
      continue;  // a requirement not selected for this run
    }
    auto& slot = touched[it->second];
    if (slot == nullptr || (slot->ok && !finding.ok)) slot = &finding;
  }
  std::lock_guard lock(mutex_);
  for (const auto& [index, finding] : touched) {
    auto& r = results_[index];
    ++r.cases;
    if (finding->ok) continue;
    ++r.failed_cases;
    if (!keeps_locked(r, case_index)) continue;
    FailureRecord record = make_failure(*finding);
    record.case_index = case_index;
    r.failures.push_back(std::move(record));
    std::sort(r.failures.begin(), r.failures.end(),
              [](const auto& a, const auto& b) { return a.case_index < b.case_index; });
    if (r.failures.size() > kKept) r.failures.pop_back();
  }
}

}  // namespace cpct::check
