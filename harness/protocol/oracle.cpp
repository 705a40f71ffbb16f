#include "protocol/oracle.hpp"

#include <cctype>

#include "model/requirements.hpp"
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

}  // namespace

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
  Expected expected;
  // 1. Routing.
  const std::string prefix = spec_->metadata.target_prefix + ".";
  const model::Operation* op = nullptr;
  if (request.target && request.target->rfind(prefix, 0) == 0)
    op = spec_->find_operation(request.target->substr(prefix.size()));
  if (op == nullptr) {
    return error(
        std::move(expected), "UnknownOperationException",
        request.target ? "Unknown operation " + *request.target : "Missing X-Amz-Target header",
        "awsJson1_1.request.unknown-target");
  }
  expected.operation = op->name;

  // 2. Bytes → a JSON object.
  const BodyParse parsed = parse_body(request.body, true);
  if (parsed.problem == BodyParse::Problem::kInvalidUtf8)
    return error(std::move(expected), "SerializationException", parsed.detail,
                 "awsJson1_1.request.invalid-utf8");
  if (parsed.problem == BodyParse::Problem::kMalformed)
    return error(std::move(expected), "SerializationException",
                 "The body is not valid JSON: " + parsed.detail,
                 "awsJson1_1.request.malformed-json");
  if (!parsed.value.is_object())
    return error(std::move(expected), "SerializationException",
                 std::string("The body must be a JSON object, not ") + parsed.value.type_name(),
                 "awsJson1_1.request.non-object-body");
  note_traits(request, op->input, parsed.value, expected);

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
      return error(std::move(expected), "SerializationException", message, "");
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
  if (job->kind != model::JobKind::kThirdParty)
    return error(std::move(expected), "InvalidJobException",
                 "Job '" + job_id + "' is not a third-party job", prefix + "not-third-party-job");
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
