#pragma once
// The structures of the job-worker operations beyond those GetThirdPartyJob-
// Details shares (job_details.hpp): jobs as polls hand them out, and what a
// worker sends back. Names follow the model's shapes; members are snake_case.
//
// Structures an answer carries (ThirdPartyJob, Job, JobData, JobDetails)
// have every member std::optional, as job_details.hpp explains. Structures
// only a request carries (CurrentRevision, ExecutionDetails,
// FailureDetails) hold the members the model requires as plain values, so
// a worker cannot leave one out, and the others absent unless set;
// model_match_test checks both rules.
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "reference_client/job_details.hpp"

namespace cpct::reference_client {

/// A model timestamp; on the awsJson wire, epoch seconds as a JSON number
/// (a fraction for milliseconds).
using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

/// What PollForThirdPartyJobs hands out: the job and whose it is.
struct ThirdPartyJob {
  std::optional<std::string> client_id;  // the key of the client token to use
  std::optional<std::string> job_id;
  bool operator==(const ThirdPartyJob&) const = default;
};

/// The data of a custom action's job; the members of ThirdPartyJobData.
struct JobData {
  std::optional<ActionTypeId> action_type_id;
  std::optional<ActionConfiguration> action_configuration;
  std::optional<PipelineContext> pipeline_context;
  std::optional<std::vector<Artifact>> input_artifacts;
  std::optional<std::vector<Artifact>> output_artifacts;
  std::optional<AWSSessionCredentials> artifact_credentials;  // sensitive
  std::optional<std::string> continuation_token;
  std::optional<EncryptionKey> encryption_key;
  bool operator==(const JobData&) const = default;
};

/// A custom action's job as PollForJobs hands it out, nonce included.
struct Job {
  std::optional<std::string> id;
  std::optional<JobData> data;
  std::optional<std::string> nonce;
  std::optional<std::string> account_id;
  bool operator==(const Job&) const = default;
};

/// A custom action's job as GetJobDetails reads it (no nonce).
struct JobDetails {
  std::optional<std::string> id;
  std::optional<JobData> data;
  std::optional<std::string> account_id;
  bool operator==(const JobDetails&) const = default;
};

struct CurrentRevision {
  std::string revision;
  std::string change_identifier;
  std::optional<Timestamp> created{};
  std::optional<std::string> revision_summary{};
  bool operator==(const CurrentRevision&) const = default;
};

struct ExecutionDetails {
  std::optional<std::string> summary{};
  std::optional<std::string> external_execution_id{};
  std::optional<int> percent_complete{};  // 0–100
  bool operator==(const ExecutionDetails&) const = default;
};

struct FailureDetails {
  std::string type;  // FailureType enum: "JobFailed", "ConfigurationError", ...
  std::string message;
  std::optional<std::string> external_execution_id{};
  bool operator==(const FailureDetails&) const = default;
};

}  // namespace cpct::reference_client
