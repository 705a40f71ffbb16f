#pragma once
// A service profile (--profile FILE): where a service differs from what the
// protocol and its model say, each difference with its source. The profiles
// the project knows are in profiles/ (docs/profiles.md). Nothing about a
// service is written in the code: what differs is read from here.
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/requirements.hpp"
#include "model/source.hpp"
#include "model/spec.hpp"

namespace cpct::protocol {

/// A requirement (or a glob of them) the service is not held to as the
/// catalogue states it: SHOULD instead of MUST, or not checked at all.
struct RequirementChange {
  std::string pattern;                // an ID, or a glob of IDs (`*`, `?`)
  std::optional<model::Level> level;  // the new level; nullopt: not checked
  model::Source source;               // why
};

/// Another message the service sends, alone, for a constraint violation
/// (DynamoDB: "The parameter 'TableName' is required but was not present in
/// the request"): right besides AWS's usual validation message.
struct MessageForm {
  std::string pattern;  // the requirement IDs (a glob) the form is for
  std::string message;  // "{member}" stands for the member's name as the model writes it
  model::Source source;

  /// The message this form gives for a violation of `requirement_id` at
  /// `id_path`, when the form is for that requirement.
  std::optional<std::string> for_violation(const std::string& requirement_id,
                                           const std::string& id_path) const;
};

/// A structure of the model that is a union by AWS's Smithy model of the
/// service (protocol/profile_unions.hpp marks it before the import).
struct UnionMark {
  std::string shape;
  model::Source source;
};

struct Profile {
  std::string origin;   // the file, for messages
  std::string service;  // the model's serviceId it is written for
  /// The error type constraint violations get (AWS JSON services:
  /// ValidationException; CloudWatch Logs: InvalidParameterException).
  std::string validation_error = "ValidationException";
  std::optional<model::Source> validation_error_source;
  std::vector<RequirementChange> requirements;
  std::vector<MessageForm> messages;  // "validationMessages"
  std::vector<UnionMark> unions;      // "unions"

  /// True when a change turns `id` off.
  bool excludes(const std::string& id) const;
};

class ProfileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Reads and checks a profile against the model and its catalogue: the
/// service must be the model's, every pattern must match a requirement.
/// Throws ProfileError naming the file and what is wrong.
Profile load_profile(const std::string& path, const model::Spec& spec,
                     const model::Catalogue& catalogue);

/// The catalogue with the profile's level changes applied, each change's
/// source put first among the requirement's sources; with a
/// validationErrorType, its source put first among those of every
/// requirement whose answer is that error (the input constraints) or its
/// message (`wire`'s response.validation-message); each validationMessages
/// entry's source added to that requirement's.
void apply_profile(const Profile& profile, model::Catalogue& catalogue, const model::Wire& wire);

}  // namespace cpct::protocol
