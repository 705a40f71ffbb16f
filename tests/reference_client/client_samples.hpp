#pragma once
// Sample responses for the client tests: one output with every member of
// the model present, and a secret planted in its artifactCredentials.
#include <nlohmann/json.hpp>

namespace cpct::reference_client::test {

inline constexpr const char* kPlantedSecret = "PLANTED-secret-7f3a9c-never-print-me";
inline constexpr const char* kPlantedToken = "PLANTED-session-token-51b2e8";

inline nlohmann::json full_output() {
  return nlohmann::json::parse(std::string(R"({"jobDetails": {
    "id": "job-1", "nonce": "3",
    "data": {
      "actionTypeId": {"category": "Deploy", "owner": "ThirdParty", "provider": "Acme", "version": "2"},
      "actionConfiguration": {"configuration": {"Region": "eu-west-1", "Mode": "fast"}},
      "pipelineContext": {"pipelineName": "web", "stage": {"name": "Production"},
                          "action": {"name": "Deploy", "actionExecutionId": "exec-1"},
                          "pipelineArn": "arn:aws:codepipeline:eu-west-1:123456789012:web",
                          "pipelineExecutionId": "3f6b9e2a-8c4d-4a1b-b7e5-0d9c2f8a6e41"},
      "inputArtifacts": [{"name": "Src", "revision": "abc",
                          "location": {"type": "S3", "s3Location": {"bucketName": "b", "objectKey": "in/key.zip"}}}],
      "outputArtifacts": [],
      "artifactCredentials": {"accessKeyId": "ASIAPLANTED0001", "secretAccessKey": ")") +
                               kPlantedSecret + R"(", "sessionToken": ")" + kPlantedToken + R"("},
      "continuationToken": "token",
      "encryptionKey": {"id": "alias/key", "type": "KMS"}}}})");
}

}  // namespace cpct::reference_client::test
