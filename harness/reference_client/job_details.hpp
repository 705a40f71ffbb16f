#pragma once
// The typed input and output of GetThirdPartyJobDetails, as a job worker
// uses them. Names follow the model's shapes; members are snake_case.
//
// Every output member is std::optional, the ones the model marks required
// too: clients do not enforce constraint traits on output (docs/aws-facts.md,
// "Clients"), so a response that omits one is passed on as it came rather
// than rejected or filled in. Enums are strings for the same reason: a
// value added after this model (ActionCategory "Compute") reads as is.
// A present empty list or map stays distinct from an absent one.
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cpct::reference_client {

struct ActionTypeId {
  std::optional<std::string> category;  // ActionCategory enum
  std::optional<std::string> owner;     // ActionOwner enum
  std::optional<std::string> provider;
  std::optional<std::string> version;
  bool operator==(const ActionTypeId&) const = default;
};

struct ActionConfiguration {
  std::optional<std::map<std::string, std::string>> configuration;
  bool operator==(const ActionConfiguration&) const = default;
};

struct StageContext {
  std::optional<std::string> name;
  bool operator==(const StageContext&) const = default;
};

struct ActionContext {
  std::optional<std::string> name;
  std::optional<std::string> action_execution_id;
  bool operator==(const ActionContext&) const = default;
};

struct PipelineContext {
  std::optional<std::string> pipeline_name;
  std::optional<StageContext> stage;
  std::optional<ActionContext> action;
  std::optional<std::string> pipeline_arn;
  std::optional<std::string> pipeline_execution_id;
  bool operator==(const PipelineContext&) const = default;
};

struct S3ArtifactLocation {
  std::optional<std::string> bucket_name;
  std::optional<std::string> object_key;
  bool operator==(const S3ArtifactLocation&) const = default;
};

struct ArtifactLocation {
  std::optional<std::string> type;  // ArtifactLocationType enum
  std::optional<S3ArtifactLocation> s3_location;
  bool operator==(const ArtifactLocation&) const = default;
};

struct Artifact {
  std::optional<std::string> name;
  std::optional<std::string> revision;
  std::optional<ArtifactLocation> location;
  bool operator==(const Artifact&) const = default;
};

/// Sensitive in the model: never print these values (redaction.hpp prints
/// this struct with every value replaced by a marker).
struct AWSSessionCredentials {
  std::optional<std::string> access_key_id;
  std::optional<std::string> secret_access_key;
  std::optional<std::string> session_token;
  bool operator==(const AWSSessionCredentials&) const = default;
};

struct EncryptionKey {
  std::optional<std::string> id;
  std::optional<std::string> type;  // EncryptionKeyType enum
  bool operator==(const EncryptionKey&) const = default;
};

struct ThirdPartyJobData {
  std::optional<ActionTypeId> action_type_id;
  std::optional<ActionConfiguration> action_configuration;
  std::optional<PipelineContext> pipeline_context;
  std::optional<std::vector<Artifact>> input_artifacts;
  std::optional<std::vector<Artifact>> output_artifacts;
  std::optional<AWSSessionCredentials> artifact_credentials;
  std::optional<std::string> continuation_token;
  std::optional<EncryptionKey> encryption_key;
  bool operator==(const ThirdPartyJobData&) const = default;
};

struct ThirdPartyJobDetails {
  std::optional<std::string> id;
  std::optional<ThirdPartyJobData> data;
  std::optional<std::string> nonce;
  bool operator==(const ThirdPartyJobDetails&) const = default;
};

struct GetThirdPartyJobDetailsInput {
  std::string job_id;        // required, 1–512 code points
  std::string client_token;  // required, 1–256 code points
  bool operator==(const GetThirdPartyJobDetailsInput&) const = default;
};

struct GetThirdPartyJobDetailsOutput {
  std::optional<ThirdPartyJobDetails> job_details;
  bool operator==(const GetThirdPartyJobDetailsOutput&) const = default;
};

/// Printing (logs, GoogleTest) shows artifactCredentials values redacted
/// (redaction.hpp); there is deliberately no unredacted printer.
std::ostream& operator<<(std::ostream& out, const GetThirdPartyJobDetailsOutput& output);
std::ostream& operator<<(std::ostream& out, const AWSSessionCredentials& credentials);

}  // namespace cpct::reference_client
