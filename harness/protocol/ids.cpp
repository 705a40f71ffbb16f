#include "protocol/ids.hpp"

namespace cpct::protocol {

Ids::Ids(const model::Wire& wire)
    : unknown_target(wire.id("request.unknown-target")),
      malformed_json(wire.id("request.malformed-json")),
      invalid_utf8(wire.id("request.invalid-utf8")),
      non_object_body(wire.id("request.non-object-body")),
      empty_body(wire.id("request.empty-body")),
      null_member(wire.id("request.null-member")),
      unknown_member(wire.id("request.unknown-member")),
      content_type_parameters(wire.id("request.content-type-parameters")),
      status(wire.id("response.status")),
      content_type(wire.id("response.content-type")),
      json_body(wire.id("response.json-body")),
      error_type(wire.id("response.error-type")),
      error_type_form(wire.id("response.error-type-form")),
      observed_error_type(wire.id("response.observed-error-type")),
      validation_message(wire.id("response.validation-message")),
      declared_outcome(wire.id("response.declared-outcome")),
      no_5xx(wire.id("server.no-5xx")),
      no_hang(wire.id("server.no-hang")),
      no_reset(wire.id("server.no-reset")) {}

bool Ids::is_trait(const std::string& id) const {
  return id == empty_body || id == null_member || id == unknown_member ||
         id == content_type_parameters;
}

}  // namespace cpct::protocol
