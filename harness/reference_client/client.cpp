#include "reference_client/client.hpp"

#include <cstdlib>
#include <exception>

#include "reference_client/transport.hpp"
#include "reference_client/wire.hpp"

namespace cpct::reference_client {
namespace {

std::string env_or(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

}  // namespace

ClientConfig ClientConfig::from_environment(std::string endpoint) {
  ClientConfig config;
  config.endpoint = std::move(endpoint);
  config.region = env_or("AWS_REGION", env_or("AWS_DEFAULT_REGION", "us-east-1"));
  config.credentials = net::Credentials::from_environment();
  config.tls.ca_file = env_or("CPCT_CA_FILE", "");
  config.tls.insecure = env_or("CPCT_INSECURE", "") == "1";
  return config;
}

Client::Client(ClientConfig config) {
  try {
    TransportConfig transport{net::Url::parse(config.endpoint),
                              std::move(config.region),
                              std::move(config.credentials),
                              config.timeout,
                              config.max_body_bytes,
                              "codepipeline",
                              config.tls};
    if (transport.url.tls) net::check_tls_options(transport.tls);
    transport_ = std::make_unique<Transport>(std::move(transport));
  } catch (const std::exception& e) {
    configuration_error_ =
        ClientError{codes::kInvalidEndpoint, "endpoint '" + config.endpoint + "': " + e.what(), 0,
                    ErrorKind::kConfiguration};
  }
}

Client::~Client() = default;
Client::Client(Client&&) noexcept = default;
Client& Client::operator=(Client&&) noexcept = default;

template <OperationInput Input>
Result<OutputOf<Input>> Client::call(const Input& input) {
  if (configuration_error_) return *configuration_error_;
  try {
    const auto& path = transport_->config().url.path;
    return read_response<OutputOf<Input>>(transport_->send(make_request(input, path)));
  } catch (const std::exception& e) {
    // The layers below report by outcome; only resource exhaustion lands here.
    return ClientError{codes::kInternalError, e.what(), 0, ErrorKind::kTransport};
  }
}

Result<PollForThirdPartyJobsOutput> Client::poll_for_third_party_jobs(
    const PollForThirdPartyJobsInput& input) {
  return call(input);
}

Result<GetThirdPartyJobDetailsOutput> Client::get_third_party_job_details(
    const GetThirdPartyJobDetailsInput& input) {
  return call(input);
}

Result<AcknowledgeThirdPartyJobOutput> Client::acknowledge_third_party_job(
    const AcknowledgeThirdPartyJobInput& input) {
  return call(input);
}

Result<PutThirdPartyJobSuccessResultOutput> Client::put_third_party_job_success_result(
    const PutThirdPartyJobSuccessResultInput& input) {
  return call(input);
}

Result<PutThirdPartyJobFailureResultOutput> Client::put_third_party_job_failure_result(
    const PutThirdPartyJobFailureResultInput& input) {
  return call(input);
}

Result<PollForJobsOutput> Client::poll_for_jobs(const PollForJobsInput& input) {
  return call(input);
}

Result<AcknowledgeJobOutput> Client::acknowledge_job(const AcknowledgeJobInput& input) {
  return call(input);
}

Result<GetJobDetailsOutput> Client::get_job_details(const GetJobDetailsInput& input) {
  return call(input);
}

Result<PutJobSuccessResultOutput> Client::put_job_success_result(
    const PutJobSuccessResultInput& input) {
  return call(input);
}

Result<PutJobFailureResultOutput> Client::put_job_failure_result(
    const PutJobFailureResultInput& input) {
  return call(input);
}

}  // namespace cpct::reference_client
