#include "protocol/ids.hpp"

#include "model/requirement_ids.hpp"

namespace cpct::protocol {

using P = model::ids::Protocol;

Ids::Ids(const model::Wire& wire)
    : unknown_target(model::ids::protocol(wire, P::kUnknownTarget)),
      malformed_json(model::ids::protocol(wire, P::kMalformedJson)),
      invalid_utf8(model::ids::protocol(wire, P::kInvalidUtf8)),
      non_object_body(model::ids::protocol(wire, P::kNonObjectBody)),
      empty_body(model::ids::protocol(wire, P::kEmptyBody)),
      null_member(model::ids::protocol(wire, P::kNullMember)),
      unknown_member(model::ids::protocol(wire, P::kUnknownMember)),
      content_type_parameters(model::ids::protocol(wire, P::kContentTypeParameters)),
      status(model::ids::protocol(wire, P::kStatus)),
      content_type(model::ids::protocol(wire, P::kContentType)),
      json_body(model::ids::protocol(wire, P::kJsonBody)),
      error_type(model::ids::protocol(wire, P::kErrorType)),
      error_type_form(model::ids::protocol(wire, P::kErrorTypeForm)),
      observed_error_type(model::ids::protocol(wire, P::kObservedErrorType)),
      validation_message(model::ids::protocol(wire, P::kValidationMessage)),
      declared_outcome(model::ids::protocol(wire, P::kDeclaredOutcome)),
      no_5xx(model::ids::protocol(wire, P::kNo5xx)),
      no_hang(model::ids::protocol(wire, P::kNoHang)),
      no_reset(model::ids::protocol(wire, P::kNoReset)) {}

bool Ids::is_trait(const std::string& id) const {
  return id == empty_body || id == null_member || id == unknown_member ||
         id == content_type_parameters;
}

}  // namespace cpct::protocol
