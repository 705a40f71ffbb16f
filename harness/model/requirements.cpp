#include "model/requirements.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string_view>

#include "model/lifecycle/requirements.hpp"
#include "model/requirement_ids.hpp"
#include "model/shape_walk.hpp"

namespace cpct::model {
namespace {

// Requirements that do not come from shapes: the protocol's wire rules, the
// server's answers and the client's duties, each with its sources
// (docs/requirements.md lists why each level is what it is). `{op}` stands
// for an operation cpct has semantics for.
struct TableEntry {
  std::string id;  // built by model/requirement_ids.hpp
  Level level;
  Family family;
  const char* description;
  std::vector<Source> sources;
};

using K = SourceKind;

// The tables are written for awsJson1_1 (add_table_requirements localises
// them) and `{op}` stands for each operation with semantics.
const Wire kTableWire{};
constexpr std::string_view kOp = "{op}";

// References, in cpct's words, to the documents a reader can look up.
constexpr const char* kSpecClaiming = "aws-json protocols, Identification for claiming";
constexpr const char* kSpecBehaviors = "aws-json protocols, Protocol Behaviors (POST /, headers)";
constexpr const char* kSpecShapes = "aws-json protocols, Shape serialization";
constexpr const char* kSpecEmpty = "aws-json protocols, Empty body serialization";
constexpr const char* kSpecErrors = "aws-json protocols, Operation error serialization";
constexpr const char* kSpecDifferences =
    "aws-json protocols, Differences between awsJson1_0 and "
    "awsJson1_1 (clients accept a shape ID or a name)";
constexpr const char* kObservedErrors =
    "AWS JSON services answer unreadable requests with 400 SerializationException and unknown "
    "targets with 400 UnknownOperationException (observed responses, docs/requirements.md; "
    "kinesalite, dynalite and smithy-rs servers do the same)";

const std::vector<TableEntry>& protocol_table() {
  static const std::vector<TableEntry> table{
      {ids::protocol(kTableWire, ids::Protocol::kUnknownTarget),
       Level::kMust,
       Family::kProtocol,
       "A missing X-Amz-Target, or one naming no operation of the service, is not served: a 4xx "
       "error (AWS: 400 UnknownOperationException)",
       {{K::kSmithySpec, kSpecClaiming}, {K::kObserved, kObservedErrors}}},
      {ids::protocol(kTableWire, ids::Protocol::kMalformedJson),
       Level::kMust,
       Family::kProtocol,
       "A body that is not valid JSON is rejected with a 4xx error (AWS: 400 "
       "SerializationException)",
       {{K::kRfc, "RFC 8259 section 2 (JSON text grammar)"},
        {K::kSmithySpec, kSpecShapes},
        {K::kObserved, kObservedErrors}}},
      {ids::protocol(kTableWire, ids::Protocol::kInvalidUtf8),
       Level::kMust,
       Family::kProtocol,
       "A body that is not UTF-8 is rejected with a 4xx error (AWS: 400 SerializationException); "
       "a lone surrogate escape may be rejected or read",
       {{K::kRfc, "RFC 8259 section 8.1 (JSON exchanged between systems is UTF-8)"},
        {K::kRfc, "RFC 8259 section 8.2 (lone surrogate escapes: behaviour unpredictable)"},
        {K::kObserved, kObservedErrors}}},
      {ids::protocol(kTableWire, ids::Protocol::kNonObjectBody),
       Level::kMust,
       Family::kProtocol,
       "Valid JSON that is not an object is rejected with a 4xx error (AWS: 400 "
       "SerializationException)",
       {{K::kSmithySpec, std::string(kSpecShapes) + " (an input structure is a JSON object)"},
        {K::kObserved, kObservedErrors}}},
      {ids::protocol(kTableWire, ids::Protocol::kEmptyBody),
       Level::kMust,
       Family::kProtocol,
       "An empty body is accepted as {}; for an operation with input a 400 "
       "SerializationException is also acceptable",
       {{K::kSmithySpec, kSpecEmpty},
        {K::kSmithyTest, "json_1_1_service_supports_empty_payload_for_no_input_shape"},
        {K::kObserved,
         "kinesalite and dynalite answer SerializationException for an empty body "
         "of an operation with input"}}},
      {ids::protocol(kTableWire, ids::Protocol::kNullMember),
       Level::kMust,
       Family::kProtocol,
       "A member set to null is treated as absent",
       {{K::kSmithyTest, "AwsJson11ServersDontDeserializeNullStructureValues"}}},
      {ids::protocol(kTableWire, ids::Protocol::kUnknownMember),
       Level::kShould,
       Family::kProtocol,
       "Unknown request members are ignored",
       {{K::kObserved,
         "AWS JSON services ignore members they do not model (no Smithy test "
         "covers it for servers)"}}},
      {ids::protocol(kTableWire, ids::Protocol::kContentTypeParameters),
       Level::kMust,
       Family::kProtocol,
       "Content-Type application/x-amz-json-1.1 with parameters (; charset=utf-8) is accepted",
       {{K::kSmithyTest, "AwsJson11MustSupportParametersInContentType"},
        {K::kSmithySpec, kSpecClaiming}}},
      {ids::protocol(kTableWire, ids::Protocol::kStatus),
       Level::kMust,
       Family::kProtocol,
       "A success is 200; a modeled error has its declared status, any other error a 4xx",
       {{K::kModel, "the error shape's HTTP status (error trait, httpError)"},
        {K::kRfc, "RFC 9110 section 15 (status code classes)"}}},
      {ids::protocol(kTableWire, ids::Protocol::kContentType),
       Level::kMust,
       Family::kProtocol,
       "Every response has Content-Type application/x-amz-json-1.1",
       {{K::kSmithySpec, kSpecBehaviors}, {K::kSmithySpec, kSpecEmpty}}},
      {ids::protocol(kTableWire, ids::Protocol::kJsonBody),
       Level::kMust,
       Family::kProtocol,
       "Every response body is a JSON object, or empty where the protocol allows it (a success "
       "with nothing to send; an error whose type is in X-Amzn-Errortype)",
       {{K::kSmithySpec, kSpecErrors},
        {K::kSmithySpec, kSpecEmpty},
        {K::kSmithyTest, "AwsJson11FooErrorUsingXAmznErrorType"}}},
      {ids::protocol(kTableWire, ids::Protocol::kErrorType),
       Level::kMust,
       Family::kProtocol,
       "Every error response names its error type (X-Amzn-Errortype header, code or __type)",
       {{K::kSmithySpec, kSpecErrors}}},
      {ids::protocol(kTableWire, ids::Protocol::kErrorTypeForm),
       Level::kShould,
       Family::kProtocol,
       "Errors use __type with the error's shape name (awsJson1_0: its shape ID or name)",
       {{K::kSmithySpec, kSpecErrors}, {K::kSmithySpec, kSpecDifferences}}},
      {ids::protocol(kTableWire, ids::Protocol::kObservedErrorType),
       Level::kShould,
       Family::kProtocol,
       "Protocol errors use the type AWS sends (SerializationException, "
       "UnknownOperationException)",
       {{K::kObserved, kObservedErrors}}},
      {ids::protocol(kTableWire, ids::Protocol::kValidationMessage),
       Level::kShould,
       Family::kProtocol,
       "ValidationException messages follow the AWS form ('N validation error(s) "
       "detected: Value ... at '...' failed to satisfy constraint: ...')",
       {{K::kObserved,
         "messages of AWS JSON services (docs/requirements.md, validation "
         "messages)"}}},
      {ids::protocol(kTableWire, ids::Protocol::kDeclaredOutcome),
       Level::kShould,
       Family::kProtocol,
       "A request that satisfies the model, of an operation whose semantics cpct does not know, "
       "gets the operation's output (200) or an error its model declares or AWS lists as common",
       {{K::kModel, "the operation's output shape and errors list"},
        {K::kSmithySpec,
         "errors trait (the errors an operation can return; service-wide errors "
         "are not in botocore models, hence SHOULD)"},
        {K::kAwsDocs, "API reference, Common Errors"}}},
      {ids::protocol(kTableWire, ids::Protocol::kNo5xx),
       Level::kMust,
       Family::kRobustness,
       "No input gets a 5xx response: a malformed request is the client's fault",
       {{K::kRfc, "RFC 9110 section 15.6 (5xx: the server failed to fulfil a valid request)"},
        {K::kSmithySpec, "error trait (client errors are the caller's fault)"}}},
      {ids::protocol(kTableWire, ids::Protocol::kNoHang),
       Level::kMust,
       Family::kRobustness,
       "Every request is answered within the timeout",
       {{K::kRfc,
         "RFC 9112 section 9.3 (a server answers each request it reads on a "
         "connection)"}}},
      {ids::protocol(kTableWire, ids::Protocol::kNoReset),
       Level::kMust,
       Family::kRobustness,
       "No request gets a dropped connection instead of a response",
       {{K::kRfc,
         "RFC 9112 section 9.3 (a server answers each request it reads on a "
         "connection)"}}},
  };
  return table;
}

const std::vector<TableEntry>& semantics_table() {
  static const std::vector<TableEntry> table{
      {ids::semantic(kOp, ids::Semantic::kKnownJob),
       Level::kMust,
       Family::kSemantics,
       "A third-party job with its client token gets 200 with exactly its fixture's jobDetails",
       {{K::kAwsDocs,
         "CodePipeline API reference, GetThirdPartyJobDetails (returns the job's "
         "details)"}}},
      {ids::semantic(kOp, ids::Semantic::kUnknownJob),
       Level::kMust,
       Family::kSemantics,
       "A well-formed request for a job id that does not exist gets JobNotFoundException",
       {{K::kAwsDocs,
         "CodePipeline API reference, GetThirdPartyJobDetails, Errors: "
         "JobNotFoundException"}}},
      {ids::semantic(kOp, ids::Semantic::kNotThirdPartyJob),
       Level::kMust,
       Family::kSemantics,
       "A job that exists but is not a third-party job gets InvalidJobException or "
       "JobNotFoundException",
       {{K::kAwsDocs,
         "CodePipeline API reference, GetThirdPartyJobDetails, Errors: "
         "InvalidJobException, JobNotFoundException (invalid or not found)"}}},
      {ids::semantic(kOp, ids::Semantic::kWrongClientToken),
       Level::kMust,
       Family::kSemantics,
       "A third-party job with a client token that is not its own gets "
       "InvalidClientTokenException",
       {{K::kAwsDocs,
         "CodePipeline API reference, GetThirdPartyJobDetails, Errors: "
         "InvalidClientTokenException"}}},
  };
  return table;
}

const std::vector<TableEntry>& client_table() {
  static const std::vector<TableEntry> table{
      {ids::client_round_trip(kOp),
       Level::kMust,
       Family::kClient,
       "Every valid response is read to the same value (unknown members dropped, null as "
       "absent, an empty 200 body as an empty output)",
       {{K::kSmithySpec, kSpecShapes},
        {K::kSmithySpec, kSpecEmpty},
        {K::kSmithyTest, "AwsJson11StructuresDontDeserializeNullValues"},
        {K::kSmithyTest, "json_1_1_service_responds_with_no_payload"}}},
      {ids::client(kTableWire, ids::Client::kUnknownMemberIgnored),
       Level::kMust,
       Family::kClient,
       "Unknown members at any level of a response are ignored",
       {{K::kSmithyTest, "handles_unexpected_json_output"},
        {K::kSmithyTest, "AwsJson11FooErrorWithNestedTypeProperty"}}},
      {ids::client(kTableWire, ids::Client::kRequestMethodPath),
       Level::kMust,
       Family::kClient,
       "The client sends POST to the endpoint's path (/ for a bare endpoint)",
       {{K::kSmithySpec, kSpecBehaviors},
        {K::kSmithyTest, "sends_requests_to_slash"},
        {K::kSmithyTest, "AwsJson11HostWithPath"}}},
      {ids::client(kTableWire, ids::Client::kRequestTarget),
       Level::kMust,
       Family::kClient,
       "The client sends X-Amz-Target: <targetPrefix>.<Operation>",
       {{K::kSmithySpec, kSpecBehaviors},
        {K::kSmithyTest, "includes_x_amz_target_and_content_type"}}},
      {ids::client(kTableWire, ids::Client::kRequestContentType),
       Level::kMust,
       Family::kClient,
       "The client sends Content-Type application/x-amz-json-1.1",
       {{K::kSmithySpec, kSpecBehaviors},
        {K::kSmithyTest, "includes_x_amz_target_and_content_type"}}},
      {ids::client(kTableWire, ids::Client::kRequestBody),
       Level::kMust,
       Family::kClient,
       "The request body is a JSON object equal to the input",
       {{K::kSmithySpec, kSpecShapes}, {K::kSmithyTest, "can_call_operation_with_optional_input"}}},
      {ids::client(kTableWire, ids::Client::kRequestSignature),
       Level::kShould,
       Family::kClient,
       "The request carries a SigV4 Authorization header",
       {{K::kAwsDocs, "AWS General Reference, Signature Version 4 signing process"}}},
      {ids::client(kTableWire, ids::Client::kNoCrash),
       Level::kMust,
       Family::kRobustness,
       "No response, however malformed, crashes the client",
       {{K::kSmithyTest, "awsJson1_1 httpResponseTests (each ends in an output or an error)"}}},
      {ids::client(kTableWire, ids::Client::kNoHang),
       Level::kMust,
       Family::kRobustness,
       "The client answers every case within the timeout",
       {{K::kSmithyTest, "awsJson1_1 httpResponseTests (each ends in an output or an error)"}}},
      {ids::client(kTableWire, ids::Client::kTransport),
       Level::kMust,
       Family::kRobustness,
       "The client sends its request and reads a well-formed response whole (no transport error "
       "on a response that is fine)",
       {{K::kRfc, "RFC 9112 section 6 (message framing: a response ends where its length says)"}}},
      {ids::client(kTableWire, ids::Client::kReportsError),
       Level::kShould,
       Family::kRobustness,
       "A malformed response is reported as an error, not returned as wrong data",
       {{K::kProject,
         "docs/requirements.md (no document says what a client does with a "
         "malformed response)"}}},
  };
  return table;
}

// `cpct check worker`: what a job worker must do over a whole scenario.
const std::vector<TableEntry>& worker_table() {
  const Source guide{K::kAwsDocs,
                     "CodePipeline User Guide, custom actions: a job worker polls for jobs, "
                     "acknowledges each, and returns its success or failure"};
  const Source rule{K::kProject, "docs/worker.md (what cpct check worker judges)"};
  static const std::vector<TableEntry> table{
      {ids::worker(ids::Worker::kNoCrash),
       Level::kMust,
       Family::kWorker,
       "The worker runs until it is stopped, whatever the endpoint answers",
       {{K::kSmithyTest, "awsJson1_1 httpResponseTests (each ends in an output or an error)"}}},
      {ids::worker(ids::Worker::kTakesJobs),
       Level::kMust,
       Family::kWorker,
       "Every job queued for its action type is taken and ended within the scenario",
       {guide}},
      {ids::worker(ids::Worker::kClientToken),
       Level::kMust,
       Family::kWorker,
       "Every call on a third-party job carries the client token of the job's clientId",
       {{K::kAwsDocs,
         "CodePipeline API reference, GetThirdPartyJobDetails, clientToken (the clientId and "
         "clientToken pair verifies the caller may access the job)"}}},
      {ids::worker(ids::Worker::kAcknowledgeNonce),
       Level::kMust,
       Family::kWorker,
       "An acknowledgement carries the nonce the job was handed out with",
       {{K::kAwsDocs,
         "CodePipeline API reference, AcknowledgeJob, nonce (get it from the poll that returned "
         "the job)"}}},
      {ids::worker(ids::Worker::kAcknowledgeBeforeResult),
       Level::kMust,
       Family::kWorker,
       "A result for a job follows an acknowledgement of the same hand-out",
       {guide}},
      {ids::worker(ids::Worker::kOneResult),
       Level::kMust,
       Family::kWorker,
       "No second result for a job whose result was taken",
       {{K::kAwsDocs,
         "CodePipeline API reference, PutJobSuccessResult and PutThirdPartyJobSuccessResult, "
         "Errors: InvalidJobStateException"}}},
      {ids::worker(ids::Worker::kReportsResult),
       Level::kMust,
       Family::kWorker,
       "Every job it acknowledged gets a result before it is stopped",
       {guide}},
      {ids::worker(ids::Worker::kPollsOwnActionType),
       Level::kShould,
       Family::kWorker,
       "It polls for its own action type, with the operations of its owner's flavour",
       {{K::kAwsDocs, "CodePipeline API reference, PollForJobs (valid only for owner Custom)"},
        rule}},
      {ids::worker(ids::Worker::kStopsOnLostJob),
       Level::kShould,
       Family::kWorker,
       "After InvalidNonceException or JobNotFoundException on a job, no further call on it "
       "until it is handed out again",
       {rule}},
      {ids::worker(ids::Worker::kNoBusyPoll),
       Level::kShould,
       Family::kWorker,
       "It waits between polls while the queue is empty (at most 20 polls a second)",
       {rule}},
      {ids::worker(ids::Worker::kStopsOnSignal),
       Level::kShould,
       Family::kWorker,
       "It exits within 2 seconds of SIGTERM",
       {rule}},
  };
  return table;
}

const std::vector<TableEntry>& client_error_table() {
  static const std::vector<TableEntry> table{
      {ids::client(kTableWire, ids::Client::kErrorConflictingTypes),
       Level::kMust,
       Family::kClientErrorEncoding,
       "When the header, code and __type name different types, the error read is one of them "
       "(which one wins is the client's choice: no document decides)",
       {{K::kSmithySpec, kSpecErrors},
        {K::kObserved,
         "SDKs differ: smithy-rs and Amplify read the header, then code, then "
         "__type; the JS SDK v3 reads __type first"}}},
      {ids::client(kTableWire, ids::Client::kErrorMessage),
       Level::kMust,
       Family::kClientErrorEncoding,
       "A modeled error's message member is read from 'message'",
       {{K::kModel, "the error shape's member 'message'"}}},
  };
  return table;
}

// The encodings a client must resolve, one requirement each, with the
// Smithy compliance tests that send them.
struct Encoding {
  const char* name;
  const char* description;
  Level level;
  std::vector<Source> sources;
};

const std::vector<Encoding>& encodings() {
  static const std::vector<Encoding> table{
      {"type-bare",
       "__type with the bare shape name",
       Level::kMust,
       {{K::kSmithyTest, "AwsJson11FooErrorWithDunderType"},
        {K::kSmithyTest, "AwsJson11InvalidGreetingError"}}},
      {"type-namespace",
       "__type with a namespace (ns#Name), ours or another",
       Level::kMust,
       {{K::kSmithyTest, "AwsJson11FooErrorWithDunderTypeAndNamespace"},
        {K::kSmithyTest, "AwsJson11FooErrorWithDunderTypeAndDifferentNamespace"},
        {K::kSmithySpec, kSpecDifferences}}},
      {"type-namespace-uri",
       "__type with a namespace and a URI suffix (ns#Name:http://...)",
       Level::kMust,
       {{K::kSmithyTest, "AwsJson11FooErrorWithDunderTypeUriAndNamespace"}}},
      {"header",
       "X-Amzn-Errortype header with the bare name",
       Level::kMust,
       {{K::kSmithyTest, "AwsJson11FooErrorUsingXAmznErrorType"}}},
      {"header-uri",
       "X-Amzn-Errortype header with a URI suffix",
       Level::kMust,
       {{K::kSmithyTest, "AwsJson11FooErrorUsingXAmznErrorTypeWithUri"}}},
      {"header-namespace-uri",
       "X-Amzn-Errortype header with a namespace and a URI suffix",
       Level::kMust,
       {{K::kSmithyTest, "AwsJson11FooErrorUsingXAmznErrorTypeWithUriAndNamespace"}}},
      {"code",
       "code body field with the bare name",
       Level::kMust,
       {{K::kSmithyTest, "AwsJson11FooErrorUsingCode"}}},
      {"code-namespace",
       "code body field with a namespace",
       Level::kMust,
       {{K::kSmithyTest, "AwsJson11FooErrorUsingCodeAndNamespace"}}},
      {"code-namespace-uri",
       "code body field with a namespace and a URI suffix",
       Level::kMust,
       {{K::kSmithyTest, "AwsJson11FooErrorUsingCodeUriAndNamespace"}}},
      {"nested-type-ignored",
       "__type nested inside another member is not the error type",
       Level::kMust,
       {{K::kSmithyTest, "AwsJson11FooErrorWithNestedTypeProperty"}}},
      {"message-case",
       "the message is also read from 'Message'",
       Level::kShould,
       {{K::kObserved,
         "some AWS services send 'Message'; botocore and the AWS SDKs read both "
         "(an SDK convention, not a Smithy rule)"}}},
  };
  return table;
}

std::string replace_op(const std::string& text, const std::string& op) {
  std::string out = text;
  if (const auto at = out.find("{op}"); at != std::string::npos) out.replace(at, 4, op);
  return out;
}

const char* json_type_phrase(const Shape& shape) {
  switch (shape.type) {
    case ShapeType::kStructure:
    case ShapeType::kMap:
      return "a JSON object";
    case ShapeType::kList:
      return "a JSON array";
    case ShapeType::kString:
      return "a JSON string";
    case ShapeType::kBlob:
      return "a base64 JSON string";
    case ShapeType::kInteger:
    case ShapeType::kLong:
      return "a JSON integer";
    case ShapeType::kDouble:
    case ShapeType::kFloat:
      return "a JSON number";
    case ShapeType::kBoolean:
      return "a JSON boolean";
    case ShapeType::kTimestamp:
      return "a JSON number (epoch seconds)";
    case ShapeType::kDocument:
      return "any JSON value";
  }
  return "?";
}

const char* length_unit(const Shape& shape) {
  switch (shape.type) {
    case ShapeType::kString:
      return " code points";
    case ShapeType::kBlob:
      return " bytes";
    default:
      return " elements";
  }
}

bool has_length(const Shape& shape) {
  return shape.type == ShapeType::kString || shape.type == ShapeType::kBlob ||
         shape.type == ShapeType::kList || shape.type == ShapeType::kMap;
}

std::string join(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

// A shape requirement rests on the model's trait; an input one also on the
// API reference, which lists each parameter's constraints and the
// ValidationException a violation gets, and a type on the protocol's table.
std::vector<Source> shape_sources(const Operation& op, Direction direction, const PathVisit& visit,
                                  Constraint constraint) {
  const Shape& shape = visit.shape;
  std::string trait;
  switch (constraint) {
    case Constraint::kRequired:
      trait = "member " + visit.member->name + " is required";
      break;
    case Constraint::kType:
      trait = "shape " + shape.name + " is a " + to_string(shape.type);
      break;
    case Constraint::kLengthMin:
    case Constraint::kLengthMax:
      trait = "shape " + shape.name + ", length trait";
      break;
    case Constraint::kRangeMin:
    case Constraint::kRangeMax:
      trait = "shape " + shape.name + ", range trait";
      break;
    case Constraint::kPattern:
      trait = "shape " + shape.name + ", pattern trait";
      break;
    case Constraint::kEnum:
      trait = "shape " + shape.name + ", enum values";
      break;
  }
  std::vector<Source> out{{SourceKind::kModel, trait}};
  if (constraint == Constraint::kType) out.push_back({SourceKind::kSmithySpec, kSpecShapes});
  if (direction == Direction::kInput)
    out.push_back({SourceKind::kAwsDocs, "API reference, " + op.name +
                                             ", Request Parameters and Errors "
                                             "(ValidationException)"});
  return out;
}

}  // namespace

const char* to_string(Level level) {
  return level == Level::kMust ? "MUST" : "SHOULD";
}

const char* to_string(Constraint constraint) {
  switch (constraint) {
    case Constraint::kRequired:
      return "required";
    case Constraint::kType:
      return "type";
    case Constraint::kLengthMin:
      return "length-min";
    case Constraint::kLengthMax:
      return "length-max";
    case Constraint::kPattern:
      return "pattern";
    case Constraint::kEnum:
      return "enum";
    case Constraint::kRangeMin:
      return "range-min";
    case Constraint::kRangeMax:
      return "range-max";
  }
  return "?";
}

const char* to_string(Direction direction) {
  return direction == Direction::kInput ? "input" : "output";
}

const char* to_string(Family family) {
  switch (family) {
    case Family::kInputConstraints:
      return "input-constraints";
    case Family::kOutputConstraints:
      return "output-constraints";
    case Family::kSemantics:
      return "semantics";
    case Family::kProtocol:
      return "protocol";
    case Family::kClientErrorEncoding:
      return "client-error-encoding";
    case Family::kClient:
      return "client";
    case Family::kRobustness:
      return "robustness";
    case Family::kWorker:
      return "worker";
  }
  return "?";
}

std::string shape_requirement_id(const std::string& operation, Direction direction,
                                 const std::string& id_path, Constraint constraint) {
  return operation + "." + to_string(direction) + "." + id_path + "." + to_string(constraint);
}

bool has_semantics(const std::string& operation) {
  return operation == "GetThirdPartyJobDetails";
}

const std::vector<std::string>& client_error_encodings() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& e : encodings()) out.emplace_back(e.name);
    return out;
  }();
  return names;
}

Catalogue::Catalogue(const Spec& spec) {
  for (const auto& [name, op] : spec.operations) {
    if (op.input != nullptr) add_shape_requirements(op, Direction::kInput, *op.input);
    if (op.output != nullptr) add_shape_requirements(op, Direction::kOutput, *op.output);
  }
  add_table_requirements(spec);
  // The rule every verdict rests on: a MUST needs a normative source.
  for (const auto& r : requirements_) {
    if (r.sources.empty()) throw std::logic_error("requirement " + r.id + " has no source");
    if (r.level == Level::kMust && !any_normative(r.sources))
      throw std::logic_error("requirement " + r.id + " is MUST without a normative source");
  }
}

void Catalogue::add(Requirement requirement) {
  // Two paths can only spell the same ID if a model has odd member names; the
  // first one wins so IDs stay unique.
  if (index_.count(requirement.id) != 0) return;
  index_.emplace(requirement.id, requirements_.size());
  requirements_.push_back(std::move(requirement));
}

void Catalogue::add_shape_requirements(const Operation& op, Direction direction,
                                       const Shape& root) {
  const Family family =
      direction == Direction::kInput ? Family::kInputConstraints : Family::kOutputConstraints;
  walk_paths(root, [&](const PathVisit& visit) {
    const std::string id_path = to_id_path(visit.path);
    const std::string subject = std::string(to_string(direction)) + " " + id_path;
    const Shape& shape = visit.shape;
    auto emit = [&](Constraint constraint, std::string description) {
      Requirement r;
      r.sources = shape_sources(op, direction, visit, constraint);
      r.id = shape_requirement_id(op.name, direction, id_path, constraint);
      r.level = Level::kMust;
      r.family = family;
      r.description = subject + ": " + std::move(description);
      r.constraint = constraint;
      r.operation = op.name;
      r.direction = direction;
      r.path = visit.path;
      r.shape = &shape;
      add(std::move(r));
    };
    if (visit.member != nullptr && visit.member->required)
      emit(Constraint::kRequired, "must be present and not null");
    // Map keys are JSON object keys: always strings, so no type requirement.
    if (visit.path.back().kind != PathStep::Kind::kMapKey)
      emit(Constraint::kType, std::string("must be ") + json_type_phrase(shape));
    if (has_length(shape)) {
      if (shape.min && *shape.min > 0)
        emit(Constraint::kLengthMin,
             "must have at least " + format_number(*shape.min) + length_unit(shape));
      if (shape.max)
        emit(Constraint::kLengthMax,
             "must have at most " + format_number(*shape.max) + length_unit(shape));
    }
    if (shape.is_numeric()) {
      if (shape.min) emit(Constraint::kRangeMin, "must be at least " + format_number(*shape.min));
      if (shape.max) emit(Constraint::kRangeMax, "must be at most " + format_number(*shape.max));
    }
    if (shape.pattern)
      emit(Constraint::kPattern, "must match the pattern " + shape.pattern->source());
    if (!shape.enum_values.empty())
      emit(Constraint::kEnum, "must be one of: " + join(shape.enum_values));
  });
}

void Catalogue::add_table_requirements(const Spec& spec) {
  // The tables are written for awsJson1_1; the model's wire may be awsJson1_0.
  const Wire& wire = spec.wire;
  auto add_entry = [this, &wire](std::string id, const TableEntry& entry, const std::string& op) {
    Requirement r;
    r.id = wire.localise(std::move(id));
    r.level = entry.level;
    r.family = entry.family;
    r.description = wire.localise(entry.description);
    r.sources = entry.sources;
    for (auto& source : r.sources) source.ref = wire.localise(std::move(source.ref));
    r.operation = op;
    add(std::move(r));
  };
  if (spec.metadata.protocol == "json") {
    for (const auto& entry : protocol_table()) add_entry(entry.id, entry, "");
    for (const auto& e : encodings())
      add_entry(ids::client_error(kTableWire, e.name),
                TableEntry{{}, e.level, Family::kClientErrorEncoding, e.description, e.sources},
                "");
    for (const auto& entry : client_error_table()) add_entry(entry.id, entry, "");
  }
  if (spec.find_operation("PollForThirdPartyJobs") != nullptr ||
      spec.find_operation("PollForJobs") != nullptr)
    for (const auto& entry : worker_table()) add_entry(entry.id, entry, "");
  for (const auto& [name, op] : spec.operations) {
    if (has_semantics(name))
      for (const auto& entry : semantics_table())
        add_entry(replace_op(entry.id, name), entry, name);
    // `check client` reads any operation's outputs: a per-operation entry
    // belongs to it, the others are shared by every operation.
    if (!spec.metadata.protocol.empty() && spec.metadata.protocol != "json") continue;
    for (const auto& entry : client_table()) {
      const bool own = std::string_view(entry.id).find("{op}") != std::string_view::npos;
      if (own && op.output == nullptr) continue;  // no output to read back
      add_entry(replace_op(entry.id, name), entry, own ? name : "");
    }
  }
  // The job lifecycle, for the operations of it this model has.
  for (const auto& info : lifecycle::operations()) {
    if (spec.find_operation(info.name) == nullptr) continue;
    for (auto& r : lifecycle::requirements_of(info)) add(std::move(r));
  }
}

bool id_matches(const std::string& glob, const std::string& id) {
  return fnmatch(glob.c_str(), id.c_str(), 0) == 0;
}

bool Catalogue::matches_any(const std::string& glob) const {
  return std::any_of(requirements_.begin(), requirements_.end(),
                     [&](const Requirement& r) { return id_matches(glob, r.id); });
}

const Requirement* Catalogue::find(const std::string& id) const {
  const auto it = index_.find(id);
  return it == index_.end() ? nullptr : &requirements_[it->second];
}

void Catalogue::change_level(const std::string& id, Level level, Source why) {
  const auto it = index_.find(id);
  if (it == index_.end()) throw std::out_of_range("no requirement " + id);
  Requirement& r = requirements_[it->second];
  r.level = level;
  r.sources.insert(r.sources.begin(), std::move(why));
}

void Catalogue::add_source(const std::string& id, Source why) {
  const auto it = index_.find(id);
  if (it == index_.end()) throw std::out_of_range("no requirement " + id);
  auto& sources = requirements_[it->second].sources;
  sources.insert(sources.begin(), std::move(why));
}

std::vector<const Requirement*> Catalogue::for_operation(const std::string& operation) const {
  std::vector<const Requirement*> out;
  for (const auto& r : requirements_) {
    // A whole worker's requirements belong to no one operation.
    if (r.family == Family::kWorker) continue;
    if (r.operation.empty() || r.operation == operation) out.push_back(&r);
  }
  return out;
}

}  // namespace cpct::model
