#include "protocol/oracle.hpp"

#include <cctype>

#include "model/requirements.hpp"
#include "protocol/json_body.hpp"
#include "text/utf8.hpp"

namespace cpct::protocol {

namespace {

using nlohmann::json;

Expected error(Expected base, const std::string& type, const std::string& message,
               const std::string& requirement) {
  base.status = 400;
  base.error_type = type;
  base.message = message;
  base.body = std::make_shared<const json>(error_body(type, message));
  if (!requirement.empty()) base.requirements.insert(base.requirements.begin(), requirement);
  return base;
}

// Request traits that make a case exercise a protocol requirement without
// changing the outcome: they ride along as extra requirement IDs.
void note_traits(const Ids& ids, const Request& request, const model::Shape* input,
                 const json& body, Expected& expected) {
  if (request.body.empty()) expected.requirements.push_back(ids.empty_body);
  if (request.content_type.find(';') != std::string::npos)
    expected.requirements.push_back(ids.content_type_parameters);
  bool null_member = false;
  bool unknown_member = false;
  for (const auto& [key, value] : body.items()) {
    null_member = null_member || value.is_null();
    unknown_member = unknown_member || input == nullptr || input->find_member(key) == nullptr;
  }
  if (null_member) expected.requirements.push_back(ids.null_member);
  if (unknown_member) expected.requirements.push_back(ids.unknown_member);
}

using K = model::SourceKind;

const model::Source kObserved{K::kObserved,
                              "AWS JSON services' answers (docs/requirements.md, observed)"};

// The wildcard answer: any 4xx error naming a type rejects the request.
// Listed after the named answers, so a response that fits one of those is
// profiled under its name.
Alternative any_client_error(const Expected& primary) {
  auto other = std::make_shared<Expected>();
  other->status = 400;
  other->error_type = primary.error_type;
  other->operation = primary.operation;
  other->requirements = primary.requirements;
  other->any_client_error = true;
  return {"another client error",
          {K::kSmithySpec,
           "aws-json protocols: the request is not the operation's; any 4xx "
           "error rejects it"},
          true,
          std::move(other)};
}

// An error answer AWS is observed to give, which the sources require only as
// "a 4xx error": any other client error is acceptable, and reported by the
// SHOULD requirement observed-error-type.
Expected observed_error(Expected base, const std::string& type, const std::string& message,
                        const std::string& requirement, const char* question) {
  Expected out = error(std::move(base), type, message, requirement);
  out.question = question;
  out.choice = "400 " + type;
  out.choice_source = kObserved;
  out.alternatives.push_back(any_client_error(out));
  return out;
}

// Where the only pattern violations are values that match in part, Smithy's
// unanchored pattern trait reads them as valid: a server that checks the
// rest (or accepts the request) is right too.
void allow_unanchored_patterns(Expected& out) {
  std::vector<model::Violation> rest;
  for (const auto& v : out.violations)
    if (!v.contested) rest.push_back(v);
  if (rest.size() == out.violations.size()) return;
  out.question = "pattern-anchoring";
  out.choice = "the whole value must match";
  out.choice_source = {K::kProject,
                       "docs/project-rules.md, Patterns (as java.util.regex matches())"};
  auto other = std::make_shared<Expected>();
  other->operation = out.operation;
  other->requirements = out.requirements;
  if (rest.empty()) {
    other->any_answer = true;  // the request is valid under that reading
  } else {
    const std::string message = model::validation_message(rest);
    *other = error(*other, out.error_type, message, "");
    other->violations = std::move(rest);
    other->validation_form = true;
  }
  out.alternatives.push_back(
      {"a match of part of the value satisfies the pattern",
       {K::kSmithySpec, "Smithy specification, pattern trait (no implicit anchors)"},
       false,
       std::move(other)});
}

bool only_white_space(std::string_view body) {
  return !body.empty() && body.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

const std::vector<Question>& questions() {
  static const std::vector<Question> all{
      {"unknown-target", "What a server answers to an X-Amz-Target that names no operation"},
      {"unreadable-body", "What a server answers to a body that is not a JSON object"},
      {"white-space-body", "Whether a server reads a body of only white space as an empty body"},
      {"empty-body", "What a server answers to an empty body for an operation with input"},
      {"lone-surrogate", "Whether a server rejects a lone surrogate escape (\\ud800) or reads it"},
      {"wrong-type", "Which error a server sends for a member of the wrong JSON type"},
      {"pattern-anchoring", "Whether a value that matches its pattern only in part satisfies it"},
      {"custom-job", "Which error a server sends for a job that is not a third-party job"},
      {"type-precedence", "Which error type a client reads when the carriers disagree"},
      {"error-type-case", "What a client makes of an error type in another letter case"},
      {"null-body", "What a client makes of a 200 whose body is JSON null"},
      {"null-elements", "What a client makes of nulls inside a dense list"},
  };
  return all;
}

const Question* find_question(std::string_view id) {
  for (const auto& q : questions())
    if (id == q.id) return &q;
  return nullptr;
}

const std::shared_ptr<const json>& null_body() {
  static const auto null = std::make_shared<const json>();
  return null;
}

json error_body(const std::string& type, const std::string& message) {
  return json{{"__type", type}, {"message", message}};
}

// Which board a request steps: the oracle's live one or a caller's.
struct Oracle::Stepper {
  model::lifecycle::LiveBoard* live = nullptr;
  model::lifecycle::Board* board = nullptr;
  model::lifecycle::Clock::time_point now{};
  /// `body_value` is the parsed body of `valued` and of no other request.
  const Request* valued = nullptr;
  const json* body_value = nullptr;

  model::lifecycle::Outcome apply(const model::lifecycle::OperationInfo& op,
                                  const json& input) const {
    return board != nullptr ? board->apply(op, input, now) : live->apply(op, input);
  }
};

Oracle::Oracle(std::shared_ptr<const model::Spec> spec,
               std::shared_ptr<const model::Fixtures> fixtures, std::string validation_error)
    : spec_(std::move(spec)),
      fixtures_(std::move(fixtures)),
      board_(std::make_shared<model::lifecycle::LiveBoard>(fixtures_)),
      ids_(spec_->wire),
      validation_error_(std::move(validation_error)) {}

Expected Oracle::expect(const Request& request) const {
  return expect_with(request, Stepper{board_.get(), nullptr, {}});
}

const model::Operation* Oracle::route(const Request& request) const {
  // "<prefix>.<operation>", compared in place: asked twice per case.
  const std::string& prefix = spec_->metadata.target_prefix;
  if (!request.target) return nullptr;
  const std::string& target = *request.target;
  if (target.size() <= prefix.size() || target.compare(0, prefix.size(), prefix) != 0 ||
      target[prefix.size()] != '.')
    return nullptr;
  return spec_->find_operation(target.substr(prefix.size() + 1));
}

bool Oracle::has_semantics(const model::Operation& op) const {
  return fixtures_ != nullptr && model::lifecycle::find_operation(op.name) != nullptr;
}

bool Oracle::steps_board(const Request& request) const {
  // Without jobs there is nothing on the board to read or step.
  if (fixtures_ == nullptr || fixtures_->jobs.empty()) return false;
  const model::Operation* op = route(request);
  return op != nullptr && has_semantics(*op);
}

Expected Oracle::expect(const Request& request, const json* body_value) const {
  return expect_with(request, Stepper{board_.get(), nullptr, {}, &request, body_value});
}

Expected Oracle::expect(const Request& request, model::lifecycle::Board& board,
                        model::lifecycle::Clock::time_point now) const {
  return expect_with(request, Stepper{nullptr, &board, now});
}

namespace {

// A request body past this size may be refused for its size alone: RFC 9110
// lets a server refuse content larger than it is willing to process, and
// services cap their bodies (cpct serve at 1 MiB by default).
constexpr std::size_t kRefusableBody = 256u << 10;

void allow_too_large(const Request& request, Expected& out) {
  if (request.body.size() <= kRefusableBody || out.status == 413) return;
  auto refused = std::make_shared<Expected>();
  refused->status = 413;
  refused->error_type = "RequestEntityTooLargeException";
  refused->operation = out.operation;
  refused->requirements = out.requirements;
  refused->any_client_error = true;
  out.alternatives.push_back(
      {"refused as too large",
       {K::kRfc,
        "RFC 9110 section 15.5.14 (413 Content Too Large: content larger than the "
        "server is willing to process)"},
       false,
       std::move(refused)});
}

}  // namespace

Expected Oracle::expect_with(const Request& request, const Stepper& step) const {
  Expected out = expect_sized(request, step);
  allow_too_large(request, out);
  return out;
}

Expected Oracle::expect_sized(const Request& request, const Stepper& step) const {
  // A body of only white space: not JSON (smithy-rs servers) or an empty
  // body (servers that trim first). No document decides. Neither reading
  // reaches a rule that changes a job: every lifecycle operation has a
  // required member, so {} is refused before.
  if (only_white_space(request.body)) {
    Expected primary = decide(request, step);
    if (primary.question.empty() || primary.question == "unreadable-body") {
      Request empty = request;
      empty.body.clear();
      auto as_empty = std::make_shared<Expected>(decide(empty, step));
      std::erase(as_empty->requirements, ids_.empty_body);
      as_empty->requirements.insert(as_empty->requirements.begin(), ids_.malformed_json);
      as_empty->alternatives.clear();
      primary.question = "white-space-body";
      primary.choice = "400 SerializationException (not JSON)";
      primary.choice_source = {K::kObserved, "smithy-rs servers"};
      primary.alternatives.insert(primary.alternatives.begin(),
                                  {"read as an empty body",
                                   {K::kSmithySpec,
                                    "aws-json protocols, Empty body serialization (servers accept "
                                    "empty bodies)"},
                                   false,
                                   std::move(as_empty)});
    }
    return primary;
  }
  return decide(request, step);
}

Expected Oracle::empty_body(const Request& request, const Stepper& step) const {
  Request none = request;
  none.body = "{}";
  Expected out = decide(none, step);
  out.requirements.push_back(ids_.empty_body);
  out.question = "empty-body";
  out.choice = "read as {}";
  out.choice_source = {K::kSmithySpec, "aws-json protocols, Empty body serialization"};
  auto refused = std::make_shared<Expected>(
      error(Expected{}, "SerializationException", "The body is empty", ids_.empty_body));
  refused->operation = out.operation;
  out.alternatives.push_back({"400 SerializationException",
                              {K::kObserved, "kinesalite and dynalite, built from AWS's answers"},
                              false,
                              std::move(refused)});
  return out;
}

Expected Oracle::decide(const Request& request, const Stepper& step) const {
  Expected expected;
  // 1. Routing.
  const model::Operation* op = route(request);
  if (op == nullptr) {
    return observed_error(
        std::move(expected), "UnknownOperationException",
        request.target ? "Unknown operation " + *request.target : "Missing X-Amz-Target header",
        ids_.unknown_target, "unknown-target");
  }
  expected.operation = op->name;

  // 2. Bytes → a JSON object.
  // Requests are judged at any depth: what a server must do with them is
  // the question, and cpct serve's body cap bounds its own reading.
  const json* given = &request == step.valued ? step.body_value : nullptr;
  BodyParse parsed;
  if (given == nullptr) parsed = parse_body(request.body, true, kAnyJsonDepth);
  const json& input = given != nullptr ? *given : parsed.value;
  if (parsed.problem == BodyParse::Problem::kInvalidUtf8) {
    if (!text::is_valid_utf8(request.body)) {
      return observed_error(std::move(expected), "SerializationException", parsed.detail,
                            ids_.invalid_utf8, "unreadable-body");
    }
    // Bytes that are UTF-8 with a \ud800-style escape: RFC 8259 leaves
    // the reading unpredictable, so reading it is acceptable too.
    Expected out =
        error(std::move(expected), "SerializationException", parsed.detail, ids_.invalid_utf8);
    out.question = "lone-surrogate";
    out.choice = "rejected (400 SerializationException)";
    out.choice_source = {K::kProject, "docs/requirements.md (cpct serve rejects it)"};
    out.alternatives.push_back(any_client_error(out));
    out.alternatives.back().differs_from_aws = false;
    auto read = std::make_shared<Expected>();
    read->operation = out.operation;
    read->requirements = {ids_.invalid_utf8};
    read->any_answer = true;
    out.alternatives.push_back(
        {"read it",
         {K::kRfc, "RFC 8259 section 8.2 (a lone surrogate escape: behaviour unpredictable)"},
         false,
         std::move(read)});
    return out;
  }
  if (parsed.problem == BodyParse::Problem::kMalformed)
    return observed_error(std::move(expected), "SerializationException",
                          "The body is not valid JSON: " + parsed.detail, ids_.malformed_json,
                          "unreadable-body");
  if (!input.is_object())
    return observed_error(std::move(expected), "SerializationException",
                          std::string("The body must be a JSON object, not ") + input.type_name(),
                          ids_.non_object_body, "unreadable-body");
  note_traits(ids_, request, op->input, input, expected);
  // An empty body of an operation with input: read as {} (Smithy: servers
  // accept empty bodies) or refused as emulators built from AWS's answers do.
  if (request.body.empty() && op->input != nullptr && !op->input->members.empty())
    return empty_body(request, step);

  // 3 and 4. Member types, then constraints.
  if (op->input != nullptr) {
    expected.violations = model::validate(op->name, model::Direction::kInput, *op->input, input);
    if (model::has_type_violation(expected.violations)) {
      std::erase_if(expected.violations,
                    [](const auto& v) { return v.constraint != model::Constraint::kType; });
      for (auto it = expected.violations.rbegin(); it != expected.violations.rend(); ++it)
        expected.requirements.insert(expected.requirements.begin(), it->requirement_id);
      // Copied first: the parameter may be moved from before it is read.
      const std::string message = expected.violations.front().message;
      Expected out = error(std::move(expected), "SerializationException", message, "");
      out.question = "wrong-type";
      out.choice = "400 SerializationException";
      out.choice_source = kObserved;
      auto validation = std::make_shared<Expected>(out);
      validation->error_type = validation_error_;
      validation->violations.clear();  // no AWS message form to hold it to
      out.alternatives.push_back(
          {"400 " + validation_error_,
           {K::kAwsDocs, "API reference, " + op->name +
                             ", Errors: ValidationException (input in an invalid format)"},
           true,
           std::move(validation)});
      out.alternatives.push_back(any_client_error(out));
      return out;
    }
    if (!expected.violations.empty()) {
      for (auto it = expected.violations.rbegin(); it != expected.violations.rend(); ++it)
        expected.requirements.insert(expected.requirements.begin(), it->requirement_id);
      const std::string message = model::validation_message(expected.violations);
      expected.validation_form = true;
      Expected out = error(std::move(expected), validation_error_, message, "");
      allow_unanchored_patterns(out);
      return out;
    }
  }
  // 5 and 6: the operation's semantics where the fixtures give them; else
  // any answer the model declares for it.
  if (!has_semantics(*op)) {
    expected.declared_outcome = true;
    expected.requirements.insert(expected.requirements.begin(), ids_.declared_outcome);
    return expected;
  }
  return semantics(*op, input, std::move(expected), step);
}

// 5 and 6: the lifecycle's rule for the operation (model/lifecycle/).
Expected Oracle::semantics(const model::Operation& op, const json& input, Expected expected,
                           const Stepper& step) const {
  const auto& info = *model::lifecycle::find_operation(op.name);
  model::lifecycle::Outcome outcome = step.apply(info, input);
  for (const auto& t : outcome.transitions)
    expected.transitions.push_back(t.job_id + ": " + t.from + " -> " + t.to);
  Expected out;
  if (outcome.status == 200) {
    out = std::move(expected);
    out.status = 200;
    out.body = outcome.body ? outcome.body : std::make_shared<const json>(json::object());
    out.body_text = outcome.text;
    out.requirements.insert(out.requirements.begin(), outcome.requirement);
    out.cacheable = !outcome.changed && info.verb == model::lifecycle::Verb::kDetails;
    out.endpoint_chosen = std::move(outcome.endpoint_chosen);
  } else {
    out = error(std::move(expected), outcome.error_type, outcome.message, outcome.requirement);
  }
  out.question = outcome.question;
  out.choice = outcome.choice;
  out.choice_source = outcome.choice_source;
  for (const auto& other : outcome.others) {
    auto alt = std::make_shared<Expected>(
        error(out, other.error_type, out.is_error() ? out.message : other.error_type, ""));
    alt->alternatives.clear();
    alt->body_text = nullptr;
    alt->cacheable = false;
    out.alternatives.push_back({other.choice, other.source, false, std::move(alt)});
  }
  return out;
}

}  // namespace cpct::protocol
