#pragma once
// The protocol requirement IDs the engine reports, spelled once per run for
// the model's wire ("awsJson1_0.server.no-hang"): judging a case builds no
// ID strings.
#include <string>

#include "model/wire.hpp"

namespace cpct::protocol {

struct Ids {
  explicit Ids(const model::Wire& wire);

  // The request: what a server must do with it.
  std::string unknown_target, malformed_json, invalid_utf8, non_object_body, empty_body,
      null_member, unknown_member, content_type_parameters;
  // The response: how an answer is encoded.
  std::string status, content_type, json_body, error_type, error_type_form, observed_error_type,
      validation_message, declared_outcome;
  // Robustness.
  std::string no_5xx, no_hang, no_reset;

  /// True for the request traits that ride along a case without deciding it.
  bool is_trait(const std::string& id) const;
};

}  // namespace cpct::protocol
