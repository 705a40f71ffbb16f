// Errors any operation of an AWS service may answer, beyond those its model
// declares: botocore models list an operation's own errors only, while the
// service-wide ones live in the API references' "Common Errors" pages (the
// same list on every service's page, e.g. Kinesis, DynamoDB, CodePipeline)
// and in what the aws-json protocol itself answers to requests it cannot read.
#include <array>
#include <string_view>

#include "protocol/oracle.hpp"

namespace cpct::protocol {
namespace {

constexpr std::array<std::string_view, 30> kCommon{
    // API reference, Common Errors.
    "AccessDeniedException", "ExpiredTokenException", "IncompleteSignature", "InternalFailure",
    "InvalidAction", "InvalidClientTokenId", "InvalidParameterCombination", "InvalidParameterValue",
    "InvalidQueryParameter", "MalformedQueryString", "MissingAction", "MissingAuthenticationToken",
    "MissingParameter", "NotAuthorized", "OptInRequired", "RequestExpired", "ServiceUnavailable",
    "ThrottlingException", "ValidationError",
    // The same pages of newer services (e.g. Application Migration Service's).
    "MalformedHttpRequestException", "RequestAbortedException", "RequestEntityTooLargeException",
    // The JSON services' spellings of the same (DynamoDB and Kinesis API
    // references, Common Errors; observed answers).
    "ValidationException", "UnrecognizedClientException", "MissingAuthenticationTokenException",
    "InvalidSignatureException", "IncompleteSignatureException", "InternalFailureException",
    "ServiceUnavailableException",
    // The protocol's answer to a request it cannot read (observed; the
    // oracle's own, docs/requirements.md). Not UnknownOperationException:
    // to an operation of the model it says the endpoint lacks it.
    "SerializationException"};

}  // namespace

bool is_common_error(std::string_view type) {
  for (const auto common : kCommon)
    if (type == common) return true;
  return false;
}

}  // namespace cpct::protocol
