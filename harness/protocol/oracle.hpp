#pragma once
// The oracle: what a conforming server must answer to a request, decided in
// the order of docs/aws-facts.md ("What a server answers"). One function
// for the reference endpoint, the checker and the fuzz targets.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/fixtures.hpp"
#include "model/lifecycle/board.hpp"
#include "model/source.hpp"
#include "model/spec.hpp"
#include "model/validator.hpp"
#include "protocol/ids.hpp"

namespace cpct::protocol {

/// The embedded CodePipeline model's Content-Type (awsJson1_1), for code that
/// speaks only that model; the engine reads Spec::wire.
inline constexpr const char* kContentType = "application/x-amz-json-1.1";

struct Request {
  std::optional<std::string> target;  // X-Amz-Target; nullopt when absent
  std::string content_type;           // informative: outside the contract
  std::string body;
  bool operator==(const Request&) const = default;
};

/// A shared JSON null: the body of an Expected nobody has filled in.
const std::shared_ptr<const nlohmann::json>& null_body();

struct Expected;

/// Another answer the sources allow for the same request, where the documents
/// leave the choice open (docs/requirements.md, "Acceptable answers").
struct Alternative {
  std::string choice;  // what an implementation that answers so chose
  model::Source source;
  /// AWS is observed to send the primary answer; this one is a deviation a
  /// SHOULD requirement reports (awsJson1_1.response.observed-error-type).
  bool differs_from_aws = false;
  std::shared_ptr<const Expected> expected;
};

struct Expected {
  int status = 200;
  std::string error_type;  // bare shape name; empty on success
  std::string message;     // empty on success
  /// The exact body a conforming server sends; never null. Shared, not
  /// copied: a fixture job's answer is built once per oracle.
  std::shared_ptr<const nlohmann::json> body = null_body();
  /// body->dump(), when the oracle has it ready (a fixture job's answer,
  /// serialised once): servers send it without serialising again.
  std::shared_ptr<const std::string> body_text;
  std::string operation;                     // the operation the target names; empty when unknown
  std::vector<model::Violation> violations;  // type or constraint violations
  /// The message is the AWS validation form of `violations` (a judge holds
  /// the endpoint's message to it).
  bool validation_form = false;
  /// Requirement IDs this request exercises; the first decided the outcome.
  std::vector<std::string> requirements;
  /// No semantics decide the answer (an operation without registered
  /// semantics, or no fixtures): a 200 whose body conforms to the output
  /// shape, or one of the operation's declared errors or a common error of
  /// the protocol, correctly encoded. `body` is null.
  bool declared_outcome = false;
  /// The answer stays right until the board changes: a server may answer the
  /// same request from a cache while the board's generation is unchanged.
  bool cacheable = false;
  /// JSON pointers into `body` whose value the endpoint chooses (a queued
  /// job's nonce): a judge compares the rest.
  std::vector<std::string> endpoint_chosen;
  /// Jobs this request moved, "job-1: Queued -> Dispatched" (for --log).
  std::vector<std::string> transitions;

  /// Where the documents allow several answers: the question (an ID of
  /// protocol::questions()), this primary answer's name and source, and
  /// the other acceptable answers, named ones before wildcards (the judge
  /// tries them in this order). Empty question: one right answer.
  std::string question;
  std::string choice;
  model::Source choice_source;
  std::vector<Alternative> alternatives;
  /// Wildcards for alternatives: any 4xx error naming a type; any answer
  /// that is not a 5xx.
  bool any_client_error = false;
  bool any_answer = false;

  bool is_error() const { return !error_type.empty(); }
};

class Oracle {
 public:
  /// `fixtures` may be null: then no job exists.
  /// `validation_error`: the error type constraint violations get (a
  /// service profile may name another).
  Oracle(std::shared_ptr<const model::Spec> spec, std::shared_ptr<const model::Fixtures> fixtures,
         std::string validation_error = "ValidationException");

  /// The answer now, with the oracle's own board (the jobs' states): a
  /// request of the lifecycle that changes a job changes it here.
  Expected expect(const Request& request) const;
  /// The same, with `body_value` the JSON value `request.body` is the dump
  /// of, as whoever made the body built it (a generated case): read instead
  /// of parsing the body again. Used for this request object only; null, or
  /// a request the oracle derives from it (an empty body read as {}), is
  /// parsed.
  Expected expect(const Request& request, const nlohmann::json* body_value) const;
  /// The answer with `board` as the jobs' states (the lifecycle check keeps
  /// its own beside the endpoint's).
  Expected expect(const Request& request, model::lifecycle::Board& board,
                  model::lifecycle::Clock::time_point now) const;

  /// True when deciding `request` reads or steps the jobs' board (an
  /// operation of the lifecycle, with fixture jobs): such requests must be
  /// decided in the order they are sent. Every other answer depends on
  /// the request alone.
  bool steps_board(const Request& request) const;

  const model::Spec& spec() const { return *spec_; }
  const model::Fixtures* fixtures() const { return fixtures_.get(); }
  const Ids& ids() const { return ids_; }
  const std::string& validation_error() const { return validation_error_; }
  /// The jobs' states behind expect(request); thread-safe.
  model::lifecycle::LiveBoard& board() const { return *board_; }

 private:
  struct Stepper;
  /// The operation the request's X-Amz-Target names; null when none.
  const model::Operation* route(const Request& request) const;
  /// The lifecycle decides `op`'s answers (fixtures given, a rule for it).
  bool has_semantics(const model::Operation& op) const;
  Expected semantics(const model::Operation& op, const nlohmann::json& input, Expected expected,
                     const Stepper& step) const;
  Expected decide(const Request& request, const Stepper& step) const;
  /// An empty body of an operation with input: read as {}, or refused.
  Expected empty_body(const Request& request, const Stepper& step) const;
  Expected expect_with(const Request& request, const Stepper& step) const;
  /// expect_with before the answers a body's size alone allows.
  Expected expect_sized(const Request& request, const Stepper& step) const;

  std::shared_ptr<const model::Spec> spec_;
  std::shared_ptr<const model::Fixtures> fixtures_;
  std::shared_ptr<model::lifecycle::LiveBoard> board_;
  Ids ids_;
  std::string validation_error_;
};

/// A question the documents leave open, as the implementation profile shows it.
struct Question {
  const char* id;
  const char* text;
};
const std::vector<Question>& questions();
const Question* find_question(std::string_view id);

/// True for an error type common to AWS services (the API references'
/// "Common Errors" pages and the aws-json protocol's own errors): an answer
/// any operation may give whatever its model declares.
bool is_common_error(std::string_view type);

/// {"__type": type, "message": message}.
nlohmann::json error_body(const std::string& type, const std::string& message);

}  // namespace cpct::protocol
