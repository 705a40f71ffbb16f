#include "model/requirement_ids.hpp"

#include <algorithm>

#include "model/requirements.hpp"

namespace cpct::model::ids {
namespace {

// Each switch names every rule: -Wswitch flags a rule added without a spelling.
const char* rest(Protocol rule) {
  switch (rule) {
    case Protocol::kUnknownTarget:
      return "request.unknown-target";
    case Protocol::kMalformedJson:
      return "request.malformed-json";
    case Protocol::kInvalidUtf8:
      return "request.invalid-utf8";
    case Protocol::kNonObjectBody:
      return "request.non-object-body";
    case Protocol::kEmptyBody:
      return "request.empty-body";
    case Protocol::kNullMember:
      return "request.null-member";
    case Protocol::kUnknownMember:
      return "request.unknown-member";
    case Protocol::kContentTypeParameters:
      return "request.content-type-parameters";
    case Protocol::kStatus:
      return "response.status";
    case Protocol::kContentType:
      return "response.content-type";
    case Protocol::kJsonBody:
      return "response.json-body";
    case Protocol::kErrorType:
      return "response.error-type";
    case Protocol::kErrorTypeForm:
      return "response.error-type-form";
    case Protocol::kObservedErrorType:
      return "response.observed-error-type";
    case Protocol::kValidationMessage:
      return "response.validation-message";
    case Protocol::kDeclaredOutcome:
      return "response.declared-outcome";
    case Protocol::kNo5xx:
      return "server.no-5xx";
    case Protocol::kNoHang:
      return "server.no-hang";
    case Protocol::kNoReset:
      return "server.no-reset";
  }
  throw UnknownRequirement("protocol rule " + std::to_string(static_cast<int>(rule)));
}

const char* rest(Semantic rule) {
  switch (rule) {
    case Semantic::kKnownJob:
      return "known-job";
    case Semantic::kUnknownJob:
      return "unknown-job";
    case Semantic::kNotThirdPartyJob:
      return "not-third-party-job";
    case Semantic::kWrongClientToken:
      return "wrong-client-token";
    case Semantic::kHandsOutQueued:
      return "hands-out-queued";
    case Semantic::kNeverTwice:
      return "never-twice";
    case Semantic::kUnknownActionType:
      return "unknown-action-type";
    case Semantic::kCustomOwnerOnly:
      return "custom-owner-only";
    case Semantic::kRedispatch:
      return "redispatch";
    case Semantic::kAcknowledge:
      return "acknowledge";
    case Semantic::kWrongNonce:
      return "wrong-nonce";
    case Semantic::kFinishedJob:
      return "finished-job";
    case Semantic::kEndsJob:
      return "ends-job";
    case Semantic::kNotInProgress:
      return "not-in-progress";
    case Semantic::kContinuation:
      return "continuation";
  }
  throw UnknownRequirement("semantic rule " + std::to_string(static_cast<int>(rule)));
}

const char* rest(Worker rule) {
  switch (rule) {
    case Worker::kNoCrash:
      return "robustness.no-crash";
    case Worker::kTakesJobs:
      return "takes-jobs";
    case Worker::kClientToken:
      return "client-token";
    case Worker::kAcknowledgeNonce:
      return "acknowledge-nonce";
    case Worker::kAcknowledgeBeforeResult:
      return "acknowledge-before-result";
    case Worker::kOneResult:
      return "one-result";
    case Worker::kReportsResult:
      return "reports-result";
    case Worker::kPollsOwnActionType:
      return "polls-own-action-type";
    case Worker::kStopsOnLostJob:
      return "stops-on-lost-job";
    case Worker::kNoBusyPoll:
      return "no-busy-poll";
    case Worker::kStopsOnSignal:
      return "stops-on-signal";
  }
  throw UnknownRequirement("worker rule " + std::to_string(static_cast<int>(rule)));
}

}  // namespace

std::string protocol(const Wire& wire, Protocol rule) {
  return wire.id(rest(rule));
}

std::string semantic(std::string_view operation, Semantic rule) {
  std::string out(operation);
  out += ".semantics.";
  out += rest(rule);
  return out;
}

std::string client(const Wire& wire, Client rule) {
  // Rules of the request and the error are the protocol's; the others any client's.
  const std::string ours = "client." + wire.name + ".";
  switch (rule) {
    case Client::kUnknownMemberIgnored:
      return "client.output.unknown-member-ignored";
    case Client::kRequestMethodPath:
      return ours + "request.method-path";
    case Client::kRequestTarget:
      return ours + "request.target";
    case Client::kRequestContentType:
      return ours + "request.content-type";
    case Client::kRequestBody:
      return ours + "request.body";
    case Client::kRequestSignature:
      return ours + "request.signature";
    case Client::kErrorConflictingTypes:
      return ours + "error.conflicting-types";
    case Client::kErrorMessage:
      return ours + "error.message";
    case Client::kNoCrash:
      return "client.robustness.no-crash";
    case Client::kNoHang:
      return "client.robustness.no-hang";
    case Client::kTransport:
      return "client.robustness.transport";
    case Client::kReportsError:
      return "client.robustness.reports-error";
  }
  throw UnknownRequirement("client rule " + std::to_string(static_cast<int>(rule)));
}

bool is_client(std::string_view id) {
  return id.substr(0, 7) == "client.";
}

std::string client_round_trip(std::string_view operation) {
  std::string out = "client.";
  out += operation;
  out += ".output.round-trip";
  return out;
}

std::string client_error(const Wire& wire, std::string_view encoding) {
  std::string out = "client." + wire.name + ".error.";
  out += encoding;
  const auto& known = client_error_encodings();
  if (std::find(known.begin(), known.end(), encoding) == known.end()) throw UnknownRequirement(out);
  return out;
}

std::string worker(Worker rule) {
  return std::string("worker.") + rest(rule);
}

}  // namespace cpct::model::ids
