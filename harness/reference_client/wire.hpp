#pragma once
// The operations on the wire (awsJson1_1, docs/aws-facts.md): the request a
// client sends and how it reads whatever comes back. No socket
// here, so each step is testable on its own and the faulty adapter can
// wrap them.
#include <string>

#include "net/http_client.hpp"
#include "reference_client/job_details.hpp"
#include "reference_client/operations.hpp"
#include "reference_client/result.hpp"

namespace cpct::reference_client {

// The model's metadata (tests check them against the embedded model).
inline constexpr const char* kTargetPrefix = "CodePipeline_20150709";
inline constexpr const char* kSigningName = "codepipeline";
inline constexpr const char* kContentType = "application/x-amz-json-1.1";
/// The adapter's one operation (adapter_main.cpp).
inline constexpr const char* kOperation = "GetThirdPartyJobDetails";

/// "CodePipeline_20150709.<operation>": the X-Amz-Target of `operation`.
std::string target_header(const std::string& operation);

/// The request target for an endpoint whose URL has path `endpoint_path`
/// (net::Url::path, a query included): the operation's URI "/" appended
/// to it with one slash between, as Smithy's AwsJson11HostWithPath test
/// has it. "" and "/" give "/"; "/custom" and "/custom/" give "/custom/";
/// "/custom?x=1" gives "/custom/?x=1".
std::string request_target(const std::string& endpoint_path);

/// POST request_target(`endpoint_path`) with Content-Type, X-Amz-Target of
/// the input's operation and the input as a JSON object; unsigned (Client
/// signs it).
template <OperationInput Input>
net::HttpRequest make_request(const Input& input, const std::string& endpoint_path = "/");
net::HttpRequest make_request(const GetThirdPartyJobDetailsInput& input,
                              const std::string& endpoint_path = "/");

/// The output of a 2xx answer (zero bytes: the empty output), else the
/// error the exchange means: read_response<PollForJobsOutput>(response).
template <OperationOutput Output>
Result<Output> read_response(const net::HttpResponse& response);
/// read_response<GetThirdPartyJobDetailsOutput>.
Result<GetThirdPartyJobDetailsOutput> read_response(const net::HttpResponse& response);

/// The error of a complete non-2xx response: the type from X-Amzn-Errortype,
/// then the body's `code`, then its top-level `__type` (sanitised: "ns#Foo:uri"
/// → "Foo"); the message from `message`, then `Message`. Without a type, or
/// with a body that is not JSON, the code is "UnknownError" (kHttp).
ClientError read_error(const net::HttpResponse& response);

/// The error of an exchange that got no complete response (kTransport).
ClientError transport_error(const net::HttpResponse& response);

}  // namespace cpct::reference_client
