#pragma once
// The model member name of every field of every struct, in one table: the
// codec reads and writes through it and the redacting printer walks it, so
// a member is named once (model_match_test checks the names against the
// model). GetThirdPartyJobDetails's structs here, the other operations' in
// job_worker_fields.hpp. Internal to cpct_reference_client.
#include <tuple>

#include "reference_client/field_table.hpp"
#include "reference_client/job_details.hpp"
#include "reference_client/job_worker_fields.hpp"

namespace cpct::reference_client::detail {

template <>
struct Fields<ActionTypeId> {
  static constexpr bool kSensitive = false;
  static constexpr auto list = std::tuple{
      Field{"category", &ActionTypeId::category}, Field{"owner", &ActionTypeId::owner},
      Field{"provider", &ActionTypeId::provider}, Field{"version", &ActionTypeId::version}};
};

template <>
struct Fields<ActionConfiguration> {
  static constexpr bool kSensitive = false;
  static constexpr auto list =
      std::tuple{Field{"configuration", &ActionConfiguration::configuration}};
};

template <>
struct Fields<StageContext> {
  static constexpr bool kSensitive = false;
  static constexpr auto list = std::tuple{Field{"name", &StageContext::name}};
};

template <>
struct Fields<ActionContext> {
  static constexpr bool kSensitive = false;
  static constexpr auto list =
      std::tuple{Field{"name", &ActionContext::name},
                 Field{"actionExecutionId", &ActionContext::action_execution_id}};
};

template <>
struct Fields<PipelineContext> {
  static constexpr bool kSensitive = false;
  static constexpr auto list =
      std::tuple{Field{"pipelineName", &PipelineContext::pipeline_name},
                 Field{"stage", &PipelineContext::stage}, Field{"action", &PipelineContext::action},
                 Field{"pipelineArn", &PipelineContext::pipeline_arn},
                 Field{"pipelineExecutionId", &PipelineContext::pipeline_execution_id}};
};

template <>
struct Fields<S3ArtifactLocation> {
  static constexpr bool kSensitive = false;
  static constexpr auto list = std::tuple{Field{"bucketName", &S3ArtifactLocation::bucket_name},
                                          Field{"objectKey", &S3ArtifactLocation::object_key}};
};

template <>
struct Fields<ArtifactLocation> {
  static constexpr bool kSensitive = false;
  static constexpr auto list = std::tuple{Field{"type", &ArtifactLocation::type},
                                          Field{"s3Location", &ArtifactLocation::s3_location}};
};

template <>
struct Fields<Artifact> {
  static constexpr bool kSensitive = false;
  static constexpr auto list =
      std::tuple{Field{"name", &Artifact::name}, Field{"revision", &Artifact::revision},
                 Field{"location", &Artifact::location}};
};

template <>
struct Fields<AWSSessionCredentials> {
  static constexpr bool kSensitive = true;
  static constexpr auto list =
      std::tuple{Field{"accessKeyId", &AWSSessionCredentials::access_key_id},
                 Field{"secretAccessKey", &AWSSessionCredentials::secret_access_key},
                 Field{"sessionToken", &AWSSessionCredentials::session_token}};
};

template <>
struct Fields<EncryptionKey> {
  static constexpr bool kSensitive = false;
  static constexpr auto list =
      std::tuple{Field{"id", &EncryptionKey::id}, Field{"type", &EncryptionKey::type}};
};

template <>
struct Fields<ThirdPartyJobData> {
  static constexpr bool kSensitive = false;
  static constexpr auto list =
      std::tuple{Field{"actionTypeId", &ThirdPartyJobData::action_type_id},
                 Field{"actionConfiguration", &ThirdPartyJobData::action_configuration},
                 Field{"pipelineContext", &ThirdPartyJobData::pipeline_context},
                 Field{"inputArtifacts", &ThirdPartyJobData::input_artifacts},
                 Field{"outputArtifacts", &ThirdPartyJobData::output_artifacts},
                 Field{"artifactCredentials", &ThirdPartyJobData::artifact_credentials},
                 Field{"continuationToken", &ThirdPartyJobData::continuation_token},
                 Field{"encryptionKey", &ThirdPartyJobData::encryption_key}};
};

template <>
struct Fields<ThirdPartyJobDetails> {
  static constexpr bool kSensitive = false;
  static constexpr auto list =
      std::tuple{Field{"id", &ThirdPartyJobDetails::id}, Field{"data", &ThirdPartyJobDetails::data},
                 Field{"nonce", &ThirdPartyJobDetails::nonce}};
};

template <>
struct Fields<GetThirdPartyJobDetailsInput> {
  static constexpr bool kSensitive = false;
  static constexpr auto list =
      std::tuple{Field{"jobId", &GetThirdPartyJobDetailsInput::job_id},
                 Field{"clientToken", &GetThirdPartyJobDetailsInput::client_token}};
};

template <>
struct Fields<GetThirdPartyJobDetailsOutput> {
  static constexpr bool kSensitive = false;
  static constexpr auto list =
      std::tuple{Field{"jobDetails", &GetThirdPartyJobDetailsOutput::job_details}};
};

}  // namespace cpct::reference_client::detail
