#pragma once
// Printing client values for people (logs, test failures, debug output):
// values inside artifactCredentials, which the model marks sensitive, are
// replaced by a marker. Use these, never to_json, for anything a person or
// a report sees.
#include <string>

#include <nlohmann/json.hpp>

#include "model/redacted.hpp"
#include "reference_client/job_details.hpp"
#include "reference_client/operations.hpp"
#include "reference_client/result.hpp"

namespace cpct::reference_client {

/// What a sensitive value prints as (model/redacted.hpp, the one marker).
inline constexpr const char* kRedacted = model::kRedacted;

/// to_json(output) with every artifactCredentials value replaced by kRedacted.
nlohmann::json to_redacted_json(const GetThirdPartyJobDetailsOutput& output);

/// One-line redacted JSON text.
std::string to_debug_string(const GetThirdPartyJobDetailsOutput& output);
std::string to_debug_string(const AWSSessionCredentials& credentials);
/// Any input or output the same way (a job from a poll carries credentials).
template <Message T>
nlohmann::json to_redacted_json(const T& value);
template <Message T>
std::string to_debug_string(const T& value);
/// "CODE (kind, HTTP status): message".
std::string to_debug_string(const ClientError& error);

// operator<< for the inputs and outputs, the credentials and ClientError (declared next
// to the types, so every stream, GoogleTest's printing included, finds
// them) prints these redacted forms.

}  // namespace cpct::reference_client
