#pragma once
// The reference worker's "work": it does nothing real, it reads what the
// pipeline's action configuration asks it to report. A partner replaces
// this file with its own work (deploying, testing, ...).
#include <optional>
#include <string>

#include "reference_client/job_worker_types.hpp"

namespace cpct::worker {

enum class Outcome {
  kSucceed,   // Put*SuccessResult
  kContinue,  // Put*SuccessResult with a continuationToken: the job comes back
  kFail,      // Put*FailureResult
};

/// The continuation token a kContinue result sends; a job that comes back
/// with it is finished.
inline constexpr const char* kNextStep = "step-2";

/// "Outcome": "fail" in the configuration fails the job; "Outcome":
/// "continue" continues it once (until it comes back with a token);
/// anything else succeeds.
template <class JobData>  // reference_client::JobData or reference_client::ThirdPartyJobData
Outcome outcome_of(const std::optional<JobData>& data) {
  if (!data || !data->action_configuration || !data->action_configuration->configuration)
    return Outcome::kSucceed;
  const auto& configuration = *data->action_configuration->configuration;
  const auto asked = configuration.find("Outcome");
  if (asked == configuration.end()) return Outcome::kSucceed;
  if (asked->second == "fail") return Outcome::kFail;
  if (asked->second == "continue" && !data->continuation_token) return Outcome::kContinue;
  return Outcome::kSucceed;
}

inline reference_client::FailureDetails failure_details() {
  return {"JobFailed", "the action configuration asks for failure (Outcome: fail)"};
}

inline reference_client::ExecutionDetails execution_details(Outcome outcome) {
  reference_client::ExecutionDetails details;
  details.summary = outcome == Outcome::kContinue ? "first step done" : "done";
  details.percent_complete = outcome == Outcome::kContinue ? 50 : 100;
  return details;
}

inline const char* to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::kSucceed:
      return "success";
    case Outcome::kContinue:
      return "success with continuation token";
    case Outcome::kFail:
      return "failure";
  }
  return "?";
}

}  // namespace cpct::worker
