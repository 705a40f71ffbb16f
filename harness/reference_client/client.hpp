#pragma once
// The reference client of the ten job-worker operations: what a job worker
// links (library cpct_reference_client). Blocking, one request at a time, the
// connection kept alive between calls; every failure comes back as a
// ClientError, no exception escapes. examples/worker/ shows a whole worker.
//
//   cpct::reference_client::Client client(cpct::reference_client::ClientConfig::from_environment(
//       "http://127.0.0.1:8080"));
//   auto result = client.get_third_party_job_details({"job-1", "ct-1"});
//   if (!result) std::cerr << result.error() << "\n";  // redacted printing
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "net/sigv4.hpp"
#include "reference_client/job_details.hpp"
#include "reference_client/operations.hpp"
#include "reference_client/result.hpp"

namespace cpct::reference_client {

class Transport;

struct ClientConfig {
  std::string endpoint;  // http[s]://HOST:PORT[/PATH]
  std::string region = "us-east-1";
  net::Credentials credentials;
  std::chrono::milliseconds timeout{5000};  // per call, connect included
  std::size_t max_body_bytes = 8 * 1024 * 1024;
  net::TlsOptions tls;  // how an https:// endpoint is trusted

  /// `endpoint` with the region from AWS_REGION, else AWS_DEFAULT_REGION,
  /// else us-east-1, credentials from the AWS_* variables (test defaults
  /// when unset), and for https:// CPCT_CA_FILE (a PEM file of CAs to
  /// trust) and CPCT_INSECURE=1 (verify nothing).
  static ClientConfig from_environment(std::string endpoint);
};

class Client {
 public:
  /// Never throws: with an endpoint that cannot be used, every call returns
  /// that error (kConfiguration, code InvalidEndpoint).
  explicit Client(ClientConfig config);
  ~Client();
  Client(Client&&) noexcept;
  Client& operator=(Client&&) noexcept;

  // Third-party (partner) actions, in the order a worker calls them.
  Result<PollForThirdPartyJobsOutput> poll_for_third_party_jobs(
      const PollForThirdPartyJobsInput& input);
  Result<GetThirdPartyJobDetailsOutput> get_third_party_job_details(
      const GetThirdPartyJobDetailsInput& input);
  Result<AcknowledgeThirdPartyJobOutput> acknowledge_third_party_job(
      const AcknowledgeThirdPartyJobInput& input);
  Result<PutThirdPartyJobSuccessResultOutput> put_third_party_job_success_result(
      const PutThirdPartyJobSuccessResultInput& input);
  Result<PutThirdPartyJobFailureResultOutput> put_third_party_job_failure_result(
      const PutThirdPartyJobFailureResultInput& input);

  // Custom actions.
  Result<PollForJobsOutput> poll_for_jobs(const PollForJobsInput& input);
  Result<AcknowledgeJobOutput> acknowledge_job(const AcknowledgeJobInput& input);
  Result<GetJobDetailsOutput> get_job_details(const GetJobDetailsInput& input);
  Result<PutJobSuccessResultOutput> put_job_success_result(const PutJobSuccessResultInput& input);
  Result<PutJobFailureResultOutput> put_job_failure_result(const PutJobFailureResultInput& input);

  /// Set when the configuration is unusable.
  const std::optional<ClientError>& configuration_error() const { return configuration_error_; }

 private:
  template <OperationInput Input>
  Result<OutputOf<Input>> call(const Input& input);

  std::unique_ptr<Transport> transport_;
  std::optional<ClientError> configuration_error_;
};

}  // namespace cpct::reference_client
