#include "reference_client/wire.hpp"

#include "protocol/error_type.hpp"
#include "protocol/json_body.hpp"
#include "reference_client/json_codec.hpp"

namespace cpct::reference_client {
namespace {

using Outcome = net::HttpResponse::Outcome;

std::string describe_body(const net::HttpResponse& response) {
  // The kind and size only: the bytes themselves may hold anything.
  const auto content_type = response.header("content-type");
  return "Content-Type " + (content_type ? "'" + *content_type + "'" : std::string("absent")) +
         ", " + std::to_string(response.body.size()) + " bytes";
}

}  // namespace

std::string request_target(const std::string& endpoint_path) {
  const auto query_at = endpoint_path.find('?');
  std::string path = endpoint_path.substr(0, query_at);
  const std::string query = query_at == std::string::npos ? "" : endpoint_path.substr(query_at);
  // The endpoint's path, then the operation's "/" without doubling a slash.
  if (path.empty() || path.back() != '/') path += '/';
  if (path.front() != '/') path.insert(0, 1, '/');  // a hand-made Url: still origin-form
  return path + query;
}

std::string target_header(const std::string& operation) {
  return std::string(kTargetPrefix) + "." + operation;
}

template <OperationInput Input>
net::HttpRequest make_request(const Input& input, const std::string& endpoint_path) {
  net::HttpRequest request;
  request.method = "POST";
  request.target = request_target(endpoint_path);
  request.headers = {{"Content-Type", kContentType},
                     {"X-Amz-Target", target_header(Operation<Input>::kName)}};
  request.body = to_json(input).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return request;
}

net::HttpRequest make_request(const GetThirdPartyJobDetailsInput& input,
                              const std::string& endpoint_path) {
  return make_request<GetThirdPartyJobDetailsInput>(input, endpoint_path);
}

template <OperationOutput Output>
Result<Output> read_response(const net::HttpResponse& response) {
  if (response.outcome != Outcome::kResponse) return transport_error(response);
  if (response.status < 200 || response.status > 299) return read_error(response);
  auto output = parse_output<Output>(response.body);
  if (output.ok()) return output;
  ClientError error = output.error();
  error.http_status = response.status;
  return error;
}

Result<GetThirdPartyJobDetailsOutput> read_response(const net::HttpResponse& response) {
  return read_response<GetThirdPartyJobDetailsOutput>(response);
}

ClientError read_error(const net::HttpResponse& response) {
  const int status = response.status;
  // An error may carry its type in the header alone: an empty body is {}.
  auto body = protocol::parse_body(response.body, true);
  const bool json_body = body.problem == protocol::BodyParse::Problem::kNone;
  if (!json_body) body.value = nullptr;
  const auto message = protocol::resolve_error_message(body.value);
  if (auto type = protocol::resolve_error_type(response.header("x-amzn-errortype"), body.value))
    return {std::move(*type), message.value_or(""), status, ErrorKind::kService};
  std::string text = "HTTP " + std::to_string(status) + " response ";
  if (!json_body)
    text += "whose body is not JSON (" + describe_body(response) + ")";
  else
    text += "without an error type" + (message ? ": " + *message : std::string());
  return {codes::kUnknownError, std::move(text), status, ErrorKind::kHttp};
}

ClientError transport_error(const net::HttpResponse& response) {
  const char* code = codes::kConnectionReset;
  switch (response.outcome) {
    case Outcome::kConnectFailed:
      code = codes::kConnectionError;
      break;
    case Outcome::kTimeout:
      code = codes::kTimeout;
      break;
    case Outcome::kTooLarge:
      code = codes::kResponseTooLarge;
      break;
    case Outcome::kMalformed:
      code = codes::kMalformedHttp;
      break;
    case Outcome::kReset:
    case Outcome::kResponse:
      break;
  }
  return {code, response.error, 0, ErrorKind::kTransport};
}

// The templates for every operation (operations.hpp).
#define CPCT_WIRE_OPERATION(Name)                                                        \
  template net::HttpRequest make_request<Name##Input>(const Name##Input& input,          \
                                                      const std::string& endpoint_path); \
  template Result<Name##Output> read_response<Name##Output>(const net::HttpResponse& response);
CPCT_FOR_EACH_OPERATION(CPCT_WIRE_OPERATION)
#undef CPCT_WIRE_OPERATION

}  // namespace cpct::reference_client
