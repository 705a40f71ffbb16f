#pragma once
// The operations' inputs and outputs ↔ awsJson1_1 JSON. Reading is
// tolerant the way the AWS SDKs are: unknown members are ignored at every
// level, a null member is an absent one, and constraint traits (length,
// pattern, enum, required) are not enforced (forward compatibility). A
// member of the wrong JSON type is an error: the data would be wrong.
#include <string_view>

#include <nlohmann/json.hpp>

#include "reference_client/job_details.hpp"
#include "reference_client/operations.hpp"
#include "reference_client/result.hpp"

namespace cpct::reference_client {

/// Any input or output (operations.hpp) from JSON, read as below. An input
/// must hold the members the model requires. Errors name the member path
/// and the JSON types, never a value: kMalformedResponse for an output,
/// kInvalidInput for an input. Never throws.
template <Message T>
Result<T> decode(const nlohmann::json& value);

/// An output from the bytes of a 2xx body, as parse_output below: zero
/// bytes are the empty output (what a Put*Result answer usually is).
template <OperationOutput T>
Result<T> parse_output(std::string_view body);

/// Any input or output as JSON: model member names, absent members left
/// out, timestamps as epoch seconds. decode<T>(to_json(v)) gives v back.
template <Message T>
nlohmann::json to_json(const T& value);

// GetThirdPartyJobDetails, as the adapter and the first tests use it.

/// The output from a parsed JSON body. Errors (kMalformedResponse) name the
/// member path and the JSON types, never a value.
Result<GetThirdPartyJobDetailsOutput> decode_output(const nlohmann::json& body);

/// The output from the bytes of a 2xx body: UTF-8, then JSON, then
/// decode_output. An empty body (zero bytes) is the empty output, as {} is
/// (Smithy: a server SHOULD send no body when no output member is set); a
/// body of only white space is not JSON, an error. Never throws.
Result<GetThirdPartyJobDetailsOutput> parse_output(std::string_view body);

/// The output as JSON, model member names, absent members left out. For
/// every value parse_output accepts, to_json gives the body back minus
/// unknown and null members.
nlohmann::json to_json(const GetThirdPartyJobDetailsOutput& output);

/// {"jobId": …, "clientToken": …}: the request body.
nlohmann::json to_json(const GetThirdPartyJobDetailsInput& input);

/// The input from JSON (the adapter's "input"): both members must be
/// strings; unknown members are ignored. Errors are kInvalidInput.
Result<GetThirdPartyJobDetailsInput> decode_input(const nlohmann::json& input);

}  // namespace cpct::reference_client
