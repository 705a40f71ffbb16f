#pragma once
// Every requirement ID that is not a shape's (shape_requirement_id) is
// spelled here, once: the catalogue's tables (requirements.cpp) and every
// checker build their IDs through these functions, so a misspelt rule is a
// compile error, not a check that silently vanishes. The IDs are a contract
// (docs/contracts.md, "Requirement IDs"); a finding whose ID the catalogue
// still does not know makes Results::add throw UnknownRequirement.
#include <stdexcept>
#include <string>
#include <string_view>

#include "model/wire.hpp"

namespace cpct::model {

/// A requirement ID no catalogue entry has: a bug in cpct (a checker and the
/// catalogue disagree), never a user's mistake, so it is thrown in every build.
struct UnknownRequirement : std::logic_error {
  explicit UnknownRequirement(const std::string& id)
      : std::logic_error("internal error: requirement ID '" + id +
                         "' is not in the catalogue (docs/contracts.md)") {}
};

namespace ids {

/// "<wire>.request|response|server.<rule>": what any endpoint must do.
enum class Protocol {
  kUnknownTarget,
  kMalformedJson,
  kInvalidUtf8,
  kNonObjectBody,
  kEmptyBody,
  kNullMember,
  kUnknownMember,
  kContentTypeParameters,
  kStatus,
  kContentType,
  kJsonBody,
  kErrorType,
  kErrorTypeForm,
  kObservedErrorType,
  kValidationMessage,
  kDeclaredOutcome,
  kNo5xx,
  kNoHang,
  kNoReset,
};
std::string protocol(const Wire& wire, Protocol rule);

/// "<Operation>.semantics.<rule>": what an operation means (the lifecycle).
enum class Semantic {
  kKnownJob,
  kUnknownJob,
  kNotThirdPartyJob,
  kWrongClientToken,
  kHandsOutQueued,
  kNeverTwice,
  kUnknownActionType,
  kCustomOwnerOnly,
  kRedispatch,
  kAcknowledge,
  kWrongNonce,
  kFinishedJob,
  kEndsJob,
  kNotInProgress,
  kContinuation,
};
std::string semantic(std::string_view operation, Semantic rule);

/// "client.…": what a client must do, shared by every operation.
enum class Client {
  kUnknownMemberIgnored,   // client.output.unknown-member-ignored
  kRequestMethodPath,      // client.<wire>.request.method-path
  kRequestTarget,          // client.<wire>.request.target
  kRequestContentType,     // client.<wire>.request.content-type
  kRequestBody,            // client.<wire>.request.body
  kRequestSignature,       // client.<wire>.request.signature
  kErrorConflictingTypes,  // client.<wire>.error.conflicting-types
  kErrorMessage,           // client.<wire>.error.message
  kNoCrash,                // client.robustness.no-crash
  kNoHang,                 // client.robustness.no-hang
  kTransport,              // client.robustness.transport
  kReportsError,           // client.robustness.reports-error
};
std::string client(const Wire& wire, Client rule);
/// True for the IDs of `cpct check client` (they start "client.").
bool is_client(std::string_view id);
/// "client.<Operation>.output.round-trip".
std::string client_round_trip(std::string_view operation);
/// "client.<wire>.error.<encoding>", for an encoding client_error_encodings()
/// lists; throws UnknownRequirement for any other.
std::string client_error(const Wire& wire, std::string_view encoding);

/// "worker.…": what a whole job worker must do over a scenario.
enum class Worker {
  kNoCrash,  // worker.robustness.no-crash
  kTakesJobs,
  kClientToken,
  kAcknowledgeNonce,
  kAcknowledgeBeforeResult,
  kOneResult,
  kReportsResult,
  kPollsOwnActionType,
  kStopsOnLostJob,
  kNoBusyPoll,
  kStopsOnSignal,
};
std::string worker(Worker rule);

}  // namespace ids
}  // namespace cpct::model
