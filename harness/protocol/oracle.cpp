#include "protocol/oracle.hpp"

#include <cctype>

#include "model/requirements.hpp"
#include "model/utf8.hpp"
#include "protocol/json_body.hpp"

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
void note_traits(const Request& request, const model::Shape* input, const json& body,
                 Expected& expected) {
  if (request.body.empty()) expected.requirements.push_back("awsJson1_1.request.empty-body");
  if (request.content_type.find(';') != std::string::npos)
    expected.requirements.push_back("awsJson1_1.request.content-type-parameters");
  bool null_member = false;
  bool unknown_member = false;
  for (const auto& [key, value] : body.items()) {
    null_member = null_member || value.is_null();
    unknown_member = unknown_member || input == nullptr || input->find_member(key) == nullptr;
  }
  if (null_member) expected.requirements.push_back("awsJson1_1.request.null-member");
  if (unknown_member) expected.requirements.push_back("awsJson1_1.request.unknown-member");
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

bool is_awsjson_content_type(std::string_view value) {
  std::string media;
  for (const char c : value.substr(0, value.find(';')))
    if (!std::isspace(static_cast<unsigned char>(c)))
      media += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return media == kContentType;
}

const std::shared_ptr<const json>& null_body() {
  static const auto null = std::make_shared<const json>();
  return null;
}

json error_body(const std::string& type, const std::string& message) {
  return json{{"__type", type}, {"message", message}};
}

Oracle::Oracle(std::shared_ptr<const model::Spec> spec,
               std::shared_ptr<const model::Fixtures> fixtures)
    : spec_(std::move(spec)), fixtures_(std::move(fixtures)) {
  if (!fixtures_) return;
  for (const auto& job : fixtures_->jobs) {
    Answer answer{std::make_shared<const json>(json{{"jobDetails", job.job_details}}), nullptr};
    // As the server sends any body: bytes that are not UTF-8 replaced.
    answer.text = std::make_shared<const std::string>(
        answer.body->dump(-1, ' ', false, json::error_handler_t::replace));
    answers_.emplace(&job, std::move(answer));
  }
}

Expected Oracle::expect(const Request& request) const {
  // A body of only white space: not JSON (smithy-rs servers) or an empty
  // body (servers that trim first). No document decides.
  if (only_white_space(request.body)) {
    Expected primary = decide(request);
    if (primary.question.empty() || primary.question == "unreadable-body") {
      Request empty = request;
      empty.body.clear();
      auto as_empty = std::make_shared<Expected>(decide(empty));
      std::erase(as_empty->requirements, "awsJson1_1.request.empty-body");
      as_empty->requirements.insert(as_empty->requirements.begin(),
                                    "awsJson1_1.request.malformed-json");
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
  return decide(request);
}

Expected Oracle::empty_body(const Request& request) const {
  Request none = request;
  none.body = "{}";
  Expected out = decide(none);
  out.requirements.push_back("awsJson1_1.request.empty-body");
  out.question = "empty-body";
  out.choice = "read as {}";
  out.choice_source = {K::kSmithySpec, "aws-json protocols, Empty body serialization"};
  auto refused = std::make_shared<Expected>(error(
      Expected{}, "SerializationException", "The body is empty", "awsJson1_1.request.empty-body"));
  refused->operation = out.operation;
  out.alternatives.push_back({"400 SerializationException",
                              {K::kObserved, "kinesalite and dynalite, built from AWS's answers"},
                              false,
                              std::move(refused)});
  return out;
}

Expected Oracle::decide(const Request& request) const {
  Expected expected;
  // 1. Routing.
  const std::string prefix = spec_->metadata.target_prefix + ".";
  const model::Operation* op = nullptr;
  if (request.target && request.target->rfind(prefix, 0) == 0)
    op = spec_->find_operation(request.target->substr(prefix.size()));
  if (op == nullptr) {
    return observed_error(
        std::move(expected), "UnknownOperationException",
        request.target ? "Unknown operation " + *request.target : "Missing X-Amz-Target header",
        "awsJson1_1.request.unknown-target", "unknown-target");
  }
  expected.operation = op->name;

  // 2. Bytes → a JSON object.
  const BodyParse parsed = parse_body(request.body, true);
  if (parsed.problem == BodyParse::Problem::kInvalidUtf8) {
    if (!model::is_valid_utf8(request.body)) {
      return observed_error(std::move(expected), "SerializationException", parsed.detail,
                            "awsJson1_1.request.invalid-utf8", "unreadable-body");
    }
    // Bytes that are UTF-8 with a \ud800-style escape: RFC 8259 leaves
    // the reading unpredictable, so reading it is acceptable too.
    Expected out = error(std::move(expected), "SerializationException", parsed.detail,
                         "awsJson1_1.request.invalid-utf8");
    out.question = "lone-surrogate";
    out.choice = "rejected (400 SerializationException)";
    out.choice_source = {K::kProject, "docs/requirements.md (cpct serve rejects it)"};
    out.alternatives.push_back(any_client_error(out));
    out.alternatives.back().differs_from_aws = false;
    auto read = std::make_shared<Expected>();
    read->operation = out.operation;
    read->requirements = {"awsJson1_1.request.invalid-utf8"};
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
                          "The body is not valid JSON: " + parsed.detail,
                          "awsJson1_1.request.malformed-json", "unreadable-body");
  if (!parsed.value.is_object())
    return observed_error(
        std::move(expected), "SerializationException",
        std::string("The body must be a JSON object, not ") + parsed.value.type_name(),
        "awsJson1_1.request.non-object-body", "unreadable-body");
  note_traits(request, op->input, parsed.value, expected);
  // An empty body of an operation with input: read as {} (Smithy: servers
  // accept empty bodies) or refused as emulators built from AWS's answers do.
  if (request.body.empty() && op->input != nullptr && !op->input->members.empty())
    return empty_body(request);

  // 3 and 4. Member types, then constraints.
  if (op->input != nullptr) {
    expected.violations =
        model::validate(op->name, model::Direction::kInput, *op->input, parsed.value);
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
      validation->error_type = "ValidationException";
      validation->violations.clear();  // no AWS message form to hold it to
      out.alternatives.push_back(
          {"400 ValidationException",
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
      return error(std::move(expected), "ValidationException", message, "");
    }
  }
  if (!model::has_semantics(op->name)) {
    expected.outside_contract = true;
    return error(std::move(expected), "UnknownOperationException",
                 "Operation " + op->name + " is in the model but not served here", "");
  }
  return semantics(*op, parsed.value, std::move(expected));
}

// 5 and 6, GetThirdPartyJobDetails (project rule for the order).
Expected Oracle::semantics(const model::Operation& op, const json& input, Expected expected) const {
  const std::string prefix = op.name + ".semantics.";
  const auto id_it = input.find("jobId");
  const auto token_it = input.find("clientToken");
  if (id_it == input.end() || !id_it->is_string() || token_it == input.end() ||
      !token_it->is_string()) {
    // Only a --model whose GetThirdPartyJobDetails lacks these members gets here.
    expected.outside_contract = true;
    return error(std::move(expected), "ValidationException",
                 "This model's " + op.name + " has no string jobId and clientToken", "");
  }
  const auto& job_id = id_it->get_ref<const std::string&>();
  const auto& token = token_it->get_ref<const std::string&>();
  const model::FixtureJob* job = fixtures_ ? fixtures_->find(job_id) : nullptr;
  if (job == nullptr)
    return error(std::move(expected), "JobNotFoundException", "No job with id '" + job_id + "'",
                 prefix + "unknown-job");
  if (job->kind != model::JobKind::kThirdParty) {
    Expected out =
        error(std::move(expected), "InvalidJobException",
              "Job '" + job_id + "' is not a third-party job", prefix + "not-third-party-job");
    out.question = "custom-job";
    out.choice = "InvalidJobException";
    out.choice_source = {K::kAwsDocs, "API reference, " + op.name + ", Errors"};
    auto not_found = std::make_shared<Expected>(out);
    not_found->error_type = "JobNotFoundException";
    out.alternatives.push_back({"JobNotFoundException",
                                {K::kAwsDocs, "API reference, " + op.name +
                                                  ", Errors: JobNotFoundException (the job "
                                                  "cannot be found as a third-party job)"},
                                false,
                                std::move(not_found)});
    return out;
  }
  if (job->client_token != token)
    return error(std::move(expected), "InvalidClientTokenException",
                 "The client token does not match job '" + job_id + "'",
                 prefix + "wrong-client-token");
  expected.requirements.insert(expected.requirements.begin(), prefix + "known-job");
  expected.status = 200;
  const Answer& answer = answers_.at(job);
  expected.body = answer.body;
  expected.body_text = answer.text;
  return expected;
}

}  // namespace cpct::protocol
