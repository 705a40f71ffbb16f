#pragma once
// The Fields tables (field_table.hpp) of the job-worker structs and of the
// inputs and outputs of the operations other than GetThirdPartyJobDetails.
// Model order; the model marks none of these structures sensitive (their
// artifactCredentials member is an AWSSessionCredentials, which is).
// Internal to cpct_reference_client; include fields.hpp for every table.
#include <tuple>

#include "reference_client/field_table.hpp"
#include "reference_client/job_worker_types.hpp"
#include "reference_client/operations.hpp"

namespace cpct::reference_client::detail {

template <>
struct Fields<ThirdPartyJob> {
  static constexpr bool kSensitive = false;
  static constexpr auto list = std::tuple{Field{"clientId", &ThirdPartyJob::client_id},
                                          Field{"jobId", &ThirdPartyJob::job_id}};
};

template <>
struct Fields<JobData> {
  static constexpr bool kSensitive = false;
  static constexpr auto list =
      std::tuple{Field{"actionTypeId", &JobData::action_type_id},
                 Field{"actionConfiguration", &JobData::action_configuration},
                 Field{"pipelineContext", &JobData::pipeline_context},
                 Field{"inputArtifacts", &JobData::input_artifacts},
                 Field{"outputArtifacts", &JobData::output_artifacts},
                 Field{"artifactCredentials", &JobData::artifact_credentials},
                 Field{"continuationToken", &JobData::continuation_token},
                 Field{"encryptionKey", &JobData::encryption_key}};
};

template <>
struct Fields<Job> {
  static constexpr bool kSensitive = false;
  static constexpr auto list =
      std::tuple{Field{"id", &Job::id}, Field{"data", &Job::data}, Field{"nonce", &Job::nonce},
                 Field{"accountId", &Job::account_id}};
};

template <>
struct Fields<JobDetails> {
  static constexpr bool kSensitive = false;
  static constexpr auto list =
      std::tuple{Field{"id", &JobDetails::id}, Field{"data", &JobDetails::data},
                 Field{"accountId", &JobDetails::account_id}};
};

template <>
struct Fields<CurrentRevision> {
  static constexpr bool kSensitive = false;
  static constexpr auto list =
      std::tuple{Field{"revision", &CurrentRevision::revision},
                 Field{"changeIdentifier", &CurrentRevision::change_identifier},
                 Field{"created", &CurrentRevision::created},
                 Field{"revisionSummary", &CurrentRevision::revision_summary}};
};

template <>
struct Fields<ExecutionDetails> {
  static constexpr bool kSensitive = false;
  static constexpr auto list =
      std::tuple{Field{"summary", &ExecutionDetails::summary},
                 Field{"externalExecutionId", &ExecutionDetails::external_execution_id},
                 Field{"percentComplete", &ExecutionDetails::percent_complete}};
};

template <>
struct Fields<FailureDetails> {
  static constexpr bool kSensitive = false;
  static constexpr auto list =
      std::tuple{Field{"type", &FailureDetails::type}, Field{"message", &FailureDetails::message},
                 Field{"externalExecutionId", &FailureDetails::external_execution_id}};
};

template <>
struct Fields<PollForThirdPartyJobsInput> {
  static constexpr bool kSensitive = false;
  static constexpr auto list =
      std::tuple{Field{"actionTypeId", &PollForThirdPartyJobsInput::action_type_id},
                 Field{"maxBatchSize", &PollForThirdPartyJobsInput::max_batch_size}};
};

template <>
struct Fields<PollForThirdPartyJobsOutput> {
  static constexpr bool kSensitive = false;
  static constexpr auto list = std::tuple{Field{"jobs", &PollForThirdPartyJobsOutput::jobs}};
};

template <>
struct Fields<AcknowledgeThirdPartyJobInput> {
  static constexpr bool kSensitive = false;
  static constexpr auto list =
      std::tuple{Field{"jobId", &AcknowledgeThirdPartyJobInput::job_id},
                 Field{"nonce", &AcknowledgeThirdPartyJobInput::nonce},
                 Field{"clientToken", &AcknowledgeThirdPartyJobInput::client_token}};
};

template <>
struct Fields<AcknowledgeThirdPartyJobOutput> {
  static constexpr bool kSensitive = false;
  static constexpr auto list = std::tuple{Field{"status", &AcknowledgeThirdPartyJobOutput::status}};
};

template <>
struct Fields<PutThirdPartyJobSuccessResultInput> {
  static constexpr bool kSensitive = false;
  static constexpr auto list = std::tuple{
      Field{"jobId", &PutThirdPartyJobSuccessResultInput::job_id},
      Field{"clientToken", &PutThirdPartyJobSuccessResultInput::client_token},
      Field{"currentRevision", &PutThirdPartyJobSuccessResultInput::current_revision},
      Field{"continuationToken", &PutThirdPartyJobSuccessResultInput::continuation_token},
      Field{"executionDetails", &PutThirdPartyJobSuccessResultInput::execution_details}};
};

template <>
struct Fields<PutThirdPartyJobSuccessResultOutput> {
  static constexpr bool kSensitive = false;
  static constexpr auto list = std::tuple<>{};  // no output in the model
};

template <>
struct Fields<PutThirdPartyJobFailureResultInput> {
  static constexpr bool kSensitive = false;
  static constexpr auto list =
      std::tuple{Field{"jobId", &PutThirdPartyJobFailureResultInput::job_id},
                 Field{"clientToken", &PutThirdPartyJobFailureResultInput::client_token},
                 Field{"failureDetails", &PutThirdPartyJobFailureResultInput::failure_details}};
};

template <>
struct Fields<PutThirdPartyJobFailureResultOutput> {
  static constexpr bool kSensitive = false;
  static constexpr auto list = std::tuple<>{};  // no output in the model
};

template <>
struct Fields<PollForJobsInput> {
  static constexpr bool kSensitive = false;
  static constexpr auto list = std::tuple{Field{"actionTypeId", &PollForJobsInput::action_type_id},
                                          Field{"maxBatchSize", &PollForJobsInput::max_batch_size},
                                          Field{"queryParam", &PollForJobsInput::query_param}};
};

template <>
struct Fields<PollForJobsOutput> {
  static constexpr bool kSensitive = false;
  static constexpr auto list = std::tuple{Field{"jobs", &PollForJobsOutput::jobs}};
};

template <>
struct Fields<AcknowledgeJobInput> {
  static constexpr bool kSensitive = false;
  static constexpr auto list = std::tuple{Field{"jobId", &AcknowledgeJobInput::job_id},
                                          Field{"nonce", &AcknowledgeJobInput::nonce}};
};

template <>
struct Fields<AcknowledgeJobOutput> {
  static constexpr bool kSensitive = false;
  static constexpr auto list = std::tuple{Field{"status", &AcknowledgeJobOutput::status}};
};

template <>
struct Fields<GetJobDetailsInput> {
  static constexpr bool kSensitive = false;
  static constexpr auto list = std::tuple{Field{"jobId", &GetJobDetailsInput::job_id}};
};

template <>
struct Fields<GetJobDetailsOutput> {
  static constexpr bool kSensitive = false;
  static constexpr auto list = std::tuple{Field{"jobDetails", &GetJobDetailsOutput::job_details}};
};

template <>
struct Fields<PutJobSuccessResultInput> {
  static constexpr bool kSensitive = false;
  static constexpr auto list =
      std::tuple{Field{"jobId", &PutJobSuccessResultInput::job_id},
                 Field{"currentRevision", &PutJobSuccessResultInput::current_revision},
                 Field{"continuationToken", &PutJobSuccessResultInput::continuation_token},
                 Field{"executionDetails", &PutJobSuccessResultInput::execution_details},
                 Field{"outputVariables", &PutJobSuccessResultInput::output_variables}};
};

template <>
struct Fields<PutJobSuccessResultOutput> {
  static constexpr bool kSensitive = false;
  static constexpr auto list = std::tuple<>{};  // no output in the model
};

template <>
struct Fields<PutJobFailureResultInput> {
  static constexpr bool kSensitive = false;
  static constexpr auto list =
      std::tuple{Field{"jobId", &PutJobFailureResultInput::job_id},
                 Field{"failureDetails", &PutJobFailureResultInput::failure_details}};
};

template <>
struct Fields<PutJobFailureResultOutput> {
  static constexpr bool kSensitive = false;
  static constexpr auto list = std::tuple<>{};  // no output in the model
};

}  // namespace cpct::reference_client::detail
