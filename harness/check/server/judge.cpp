#include "check/server/judge.hpp"

#include <algorithm>
#include <set>

#include "model/validator.hpp"
#include "protocol/error_type.hpp"
#include "protocol/json_body.hpp"
#include "text/utf8.hpp"

namespace cpct::check {
namespace {

using nlohmann::json;
using Outcome = net::HttpResponse::Outcome;

constexpr std::size_t kShownBody = 4096;

std::string status_text(const net::HttpResponse& r) {
  return "HTTP " + std::to_string(r.status);
}

// Visits every present value of `body` below `shape`, with the requirement
// path of each, so passing output requirements can be counted.
void visit_present(const model::Shape& shape, const json& value, model::ShapePath& path,
                   const std::function<void(const model::ShapePath&)>& visit) {
  using model::PathStep;
  switch (shape.type) {
    case model::ShapeType::kStructure:
      if (!value.is_object()) return;
      for (const auto& member : shape.members) {
        const auto it = value.find(member.name);
        if (it == value.end() || it->is_null()) continue;
        path.push_back({PathStep::Kind::kMember, member.name});
        visit(path);
        visit_present(*member.shape, *it, path, visit);
        path.pop_back();
      }
      break;
    case model::ShapeType::kList:
      if (!value.is_array() || value.empty()) return;
      path.push_back({PathStep::Kind::kElement, {}});
      visit(path);
      for (const auto& element : value)
        visit_present(*shape.list_member.shape, element, path, visit);
      path.pop_back();
      break;
    case model::ShapeType::kMap:
      if (!value.is_object() || value.empty()) return;
      path.push_back({PathStep::Kind::kMapKey, {}});
      visit(path);
      path.back().kind = PathStep::Kind::kMapValue;
      visit(path);
      for (const auto& [key, item] : value.items())
        visit_present(*shape.map_value.shape, item, path, visit);
      path.pop_back();
      break;
    default:
      break;
  }
}

}  // namespace

json describe_expected(const protocol::Expected& expected) {
  json out = {{"status", expected.status}};
  if (expected.is_error()) {
    out["errorType"] = expected.error_type;
    out["message"] = expected.message;
  } else {
    out["body"] = *expected.body;
  }
  return out;
}

json describe_observed(const net::HttpResponse& response) {
  json out = {{"outcome", net::to_string(response.outcome)}};
  if (response.outcome != Outcome::kResponse) {
    out["error"] = text::to_printable(response.error);
    return out;
  }
  out["status"] = response.status;
  json headers = json::object();
  for (const auto& h : response.headers)
    headers[text::to_printable(h.name)] = text::to_printable(h.value);
  out["headers"] = headers;
  const auto parsed = protocol::parse_response_body(response.body);
  if (parsed.problem == protocol::BodyParse::Problem::kNone && response.body.size() <= kShownBody) {
    out["body"] = parsed.value;
  } else {
    // Not JSON (or too long to show whole): the text, cut and made printable.
    out["bodyText"] = text::to_printable(response.body.substr(0, kShownBody));
    if (response.body.size() > kShownBody) out["bodyBytes"] = response.body.size();
  }
  return out;
}

Judge::Judge(const model::Spec& spec, const model::Catalogue& catalogue,
             std::string validation_error, std::vector<protocol::MessageForm> messages)
    : spec_(spec),
      catalogue_(catalogue),
      ids_(spec.wire),
      validation_error_(std::move(validation_error)),
      messages_(std::move(messages)) {
  for (const auto& r : catalogue.all()) {
    if (r.constraint && r.direction == model::Direction::kOutput)
      output_ids_[r.operation][model::to_id_path(r.path)].push_back(r.id);
  }
}

std::pair<std::size_t, std::size_t> Judge::score(const std::vector<Finding>& findings) const {
  std::size_t must = 0, all = 0;
  for (const auto& f : findings) {
    if (f.ok) continue;
    ++all;
    const auto* r = catalogue_.find(f.requirement);
    must += r == nullptr || r->level == model::Level::kMust;
  }
  return {must, all};
}

std::vector<Finding> Judge::judge(const Case& c, const protocol::Expected& expected,
                                  const net::HttpResponse& response, Choice* choice) const {
  // Only a response has a body to read; parsed once for every answer tried.
  const protocol::BodyParse parsed = response.outcome == Outcome::kResponse
                                         ? protocol::parse_response_body(response.body)
                                         : protocol::BodyParse{};
  std::vector<Finding> best = judge_one(c, expected, response, parsed);
  const protocol::Alternative* alternative = nullptr;
  auto best_score = score(best);
  for (const auto& alt : expected.alternatives) {
    if (best_score.second == 0) break;
    auto findings = judge_one(c, *alt.expected, response, parsed);
    if (const auto s = score(findings); s < best_score) {
      best = std::move(findings);
      best_score = s;
      alternative = &alt;
    }
  }
  if (expected.question.empty() || response.outcome != Outcome::kResponse || !c.standard_route())
    return best;
  const protocol::Expected* chosen = alternative ? alternative->expected.get() : &expected;
  // The choice counts only when the answer chosen holds where it decides.
  bool decided = false, held = true;
  for (const auto& f : best) {
    if (std::find(chosen->requirements.begin(), chosen->requirements.end(), f.requirement) ==
        chosen->requirements.end())
      continue;
    decided = true;
    held = held && f.ok;
  }
  if (!decided || !held) return best;
  std::string answer = alternative ? alternative->choice : expected.choice;
  if (chosen->any_client_error || chosen->any_answer) {
    const json empty = json::object();
    const auto type = protocol::resolve_error_type(
        response.header("x-amzn-errortype"),
        parsed.problem == protocol::BodyParse::Problem::kNone ? parsed.value : empty);
    answer += ": " + status_text(response) + (type ? " " + *type : "");
  }
  if (choice != nullptr) *choice = {expected.question, answer};
  const bool aws_primary =
      std::any_of(expected.alternatives.begin(), expected.alternatives.end(),
                  [](const protocol::Alternative& a) { return a.differs_from_aws; });
  if (alternative != nullptr && alternative->differs_from_aws)
    best.push_back({ids_.observed_error_type, false,
                    "AWS answers " + expected.choice + "; this endpoint answered " + answer});
  else if (alternative == nullptr && aws_primary)
    best.push_back({ids_.observed_error_type, true, {}});
  return best;
}

std::vector<Finding> Judge::judge_one(const Case& c, const protocol::Expected& expected,
                                      const net::HttpResponse& response,
                                      const protocol::BodyParse& parsed) const {
  std::vector<Finding> out;
  auto add = [&out](const std::string& id, bool ok, std::string detail = {}) {
    out.push_back({id, ok, ok ? std::string() : std::move(detail)});
  };
  add(ids_.no_hang, response.outcome != Outcome::kTimeout,
      "no complete response within the timeout: " + response.error);
  add(ids_.no_reset,
      response.outcome != Outcome::kReset && response.outcome != Outcome::kMalformed &&
          response.outcome != Outcome::kConnectFailed,
      std::string(net::to_string(response.outcome)) + ": " + response.error);
  if (response.outcome == Outcome::kTooLarge)
    add(ids_.json_body, false, "the response is over cpct's size caps: " + response.error);
  if (response.outcome != Outcome::kResponse) return out;
  add(ids_.no_5xx, response.status < 500, status_text(response) + " is a server error");
  if (!c.standard_route()) return out;

  const model::Operation* op =
      expected.operation.empty() ? nullptr : spec_.find_operation(expected.operation);
  // An event stream's success is framed events (application/vnd.amazon.
  // eventstream), which the aws-json protocol does not specify: past its
  // status, a 200 is not judged (docs/aws-facts.md, "Event streams"). Its
  // errors are plain aws-json answers and are judged as any other.
  if (op != nullptr && op->output_event_stream && response.status == 200) {
    judge_status(response, nullptr, out);
    if (expected.is_error() && !expected.declared_outcome && !expected.any_answer)
      judge_error(op, expected, response, nullptr, out);
    else
      blame(expected, true, {}, out);
    return out;
  }
  const auto content_type = response.header("content-type").value_or("");
  add(ids_.content_type, spec_.wire.is_content_type(content_type),
      "Content-Type is '" + content_type + "', expected " + spec_.wire.content_type);
  const json* body =
      parsed.problem == protocol::BodyParse::Problem::kNone && parsed.value.is_object()
          ? &parsed.value
          : nullptr;
  // An empty body: a success with nothing to send (the protocol's empty
  // body rule), or an error whose type travels in the header (Smithy's
  // header-only error tests).
  const bool nothing_to_send = op == nullptr || op->output == nullptr ||
                               op->output->members.empty() ||
                               (expected.body->is_object() && expected.body->empty());
  const bool empty_ok =
      response.body.empty() &&
      ((response.status == 200 && nothing_to_send) ||
       (response.status >= 300 && response.header("x-amzn-errortype").has_value()));
  add(ids_.json_body, body != nullptr || empty_ok,
      "the body is not a JSON object" + (parsed.detail.empty() ? "" : ": " + parsed.detail));
  judge_status(response, body, out);
  if (expected.declared_outcome) {
    judge_declared(op, expected, response, body, out);
  } else if (expected.any_answer) {
    blame(expected, response.status < 500, status_text(response) + " is a server error", out);
    return out;
  } else if (expected.is_error()) {
    judge_error(op, expected, response, body, out);
  } else {
    judge_success(expected, response, body, out);
  }
  if (response.status == 200 && body != nullptr && op != nullptr && op->output != nullptr)
    judge_output(*op, *body, out);
  return out;
}

namespace {

// The set inside "[...]" that starts at `from`, split at ", ".
std::set<std::string> bracket_set(const std::string& text, std::size_t from) {
  std::set<std::string> out;
  const auto end = text.find(']', from);
  if (end == std::string::npos) return out;
  std::size_t start = from;
  while (start < end) {
    const auto comma = text.find(", ", start);
    const auto stop = comma == std::string::npos || comma > end ? end : comma;
    out.insert(text.substr(start, stop - start));
    start = stop + 2;
  }
  return out;
}

// The end of `rule` written at `text[at]`, or npos; an enum value set in it
// may be in any order (as mentions reads one).
std::size_t rule_end(const std::string& text, std::size_t at, const std::string& rule) {
  if (text.compare(at, rule.size(), rule) == 0) return at + rule.size();
  constexpr std::string_view kSet = "enum value set: [";
  const auto set_at = rule.find(kSet);
  if (set_at == std::string::npos) return std::string::npos;
  const std::size_t head = set_at + kSet.size();
  if (text.compare(at, head, rule, 0, head) != 0) return std::string::npos;
  const auto close = text.find(']', at + head);
  if (close == std::string::npos || bracket_set(text, at + head) != bracket_set(rule, head))
    return std::string::npos;
  return close + 1;
}

// Whether `text` from `at` is the rules not yet `used`, each once, in any
// order, joined by ", ", then "]". Matched against the known rule texts,
// not split at ", ": a rule (an enum set, a pattern) may hold ", " itself.
bool rest_of_list(const std::string& text, std::size_t at, const std::vector<std::string>& rules,
                  std::vector<bool>& used, std::size_t left) {
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (used[i]) continue;
    const std::size_t end = rule_end(text, at, rules[i]);
    if (end == std::string::npos) continue;
    used[i] = true;
    const bool ok = left == 1 ? text.compare(end, 1, "]") == 0
                              : text.compare(end, 2, ", ") == 0 &&
                                    rest_of_list(text, end + 2, rules, used, left - 1);
    used[i] = false;
    if (ok) return true;
  }
  return false;
}

// True when `message` holds the violation's map form: at the map, every
// rule of the key (or value) shape in brackets, in any order.
bool mentions_every_rule(const std::string& message, const model::Violation::RuleList& list) {
  if (list.rules.empty()) return false;
  const std::string head = "at '" + list.at + "' failed to satisfy constraint: " + list.head + "[";
  std::vector<bool> used(list.rules.size(), false);
  for (auto at = message.find(head); at != std::string::npos; at = message.find(head, at + 1))
    if (rest_of_list(message, at + head.size(), list.rules, used, list.rules.size())) return true;
  return false;
}

// The violations, each map key's (or value's) counted once.
std::size_t count_as_aws_does(const std::vector<model::Violation>& violations) {
  std::set<std::pair<std::string, std::string>> maps;
  std::size_t alone = 0;
  for (const auto& v : violations) {
    if (v.every_rule)
      maps.emplace(v.every_rule->at, v.every_rule->head);
    else
      ++alone;
  }
  return alone + maps.size();
}

}  // namespace

// True when `message` holds `part`; an enum value set may be in any order
// (services print their own enum order, not the model's).
bool Judge::mentions(const std::string& message, const std::string& part) {
  if (message.find(part) != std::string::npos) return true;
  constexpr std::string_view kSet = "enum value set: [";
  const auto set_at = part.find(kSet);
  if (set_at == std::string::npos) return false;
  const std::string head = part.substr(0, set_at + kSet.size());
  const auto want = bracket_set(part, head.size());
  for (auto at = message.find(head); at != std::string::npos; at = message.find(head, at + 1))
    if (bracket_set(message, at + head.size()) == want) return true;
  return false;
}

void Judge::judge_error(const model::Operation* op, const protocol::Expected& expected,
                        const net::HttpResponse& response, const json* body,
                        std::vector<Finding>& out) const {
  const json empty = json::object();
  const auto type =
      protocol::resolve_error_type(response.header("x-amzn-errortype"), body ? *body : empty);
  // Any client error will do, but not one of the operation's own answers
  // (JobNotFoundException...): that would mean the request was read as valid.
  const bool wildcard_ok = expected.any_client_error && type && !declares(op, *type);
  const bool type_ok = type && (wildcard_ok || *type == expected.error_type);
  const bool status_ok = expected.any_client_error ? response.status >= 400 && response.status < 500
                                                   : response.status == expected.status;
  const std::string observed =
      status_text(response) + " with error type " + (type ? "'" + *type + "'" : "none");
  const std::string wanted = expected.any_client_error ? "a 4xx error naming its type"
                                                       : "HTTP " + std::to_string(expected.status) +
                                                             " " + expected.error_type;
  blame(expected, status_ok && type_ok, "expected " + wanted + ", got " + observed, out);
  if (!type_ok || body == nullptr) return;

  const auto bare = body->find("__type");
  const bool form_ok = bare != body->end() && bare->is_string() &&
                       spec_.wire.is_error_type_form(bare->get_ref<const std::string&>(), *type);
  out.push_back({ids_.error_type_form, form_ok,
                 form_ok ? ""
                         : "the error type is not sent as __type with the " +
                               std::string(spec_.wire.error_type_is_shape_id ? "shape ID or name"
                                                                             : "bare name") +
                               " '" + *type + "'"});
  if (!expected.validation_form || expected.violations.empty()) return;
  const auto message = protocol::resolve_error_message(*body).value_or("");
  std::string missing;
  auto head_of = [](std::size_t n) {
    return std::to_string(n) +
           (n == 1 ? " validation error detected: " : " validation errors detected: ");
  };
  const std::string head = head_of(expected.violations.size());
  // AWS reports a map key (or value) once, every rule of its shape in one
  // bracket, however many of them it breaks: counted once, the count is
  // right too.
  const std::size_t merged = count_as_aws_does(expected.violations);
  if (message.rfind(head, 0) != 0 &&
      (merged == expected.violations.size() || message.rfind(head_of(merged), 0) != 0))
    missing = "it does not start with '" + head + "'";
  for (const auto& v : expected.violations) {
    // The value quoting may differ; the location and the rule may not.
    const auto at = v.message.find(" at '");
    const std::string part = at == std::string::npos ? v.message : v.message.substr(at + 1);
    // A part past the message's cap (5000 code points) need not be there.
    if (expected.message.find(part) == std::string::npos) continue;
    const bool found =
        mentions(message, part) ||
        std::any_of(v.alternatives.begin(), v.alternatives.end(),
                    [&](const std::string& other) { return mentions(message, other); }) ||
        (v.every_rule && mentions_every_rule(message, *v.every_rule));
    if (missing.empty() && !found) missing = "it lacks \"" + part + "\"";
  }
  // The profile's other forms are sent alone, for one of the violations.
  for (const auto& v : expected.violations)
    for (const auto& form : messages_)
      if (!missing.empty() && form.for_violation(v.requirement_id, v.id_path) == message)
        missing.clear();
  out.push_back({ids_.validation_message, missing.empty(),
                 missing.empty() ? "" : "message \"" + message.substr(0, 300) + "\": " + missing});
}

namespace {

// Equal, but for the members the endpoint chooses, which need only be there.
bool same_but_chosen(const json& got, const json& want, const std::vector<std::string>& chosen) {
  if (chosen.empty()) return got == want;
  json a = got;
  json b = want;
  for (const auto& text : chosen) {
    const json::json_pointer pointer(text);
    if (!b.contains(pointer)) continue;
    if (!a.contains(pointer)) return false;
    a.at(pointer.parent_pointer()).erase(pointer.back());
    b.at(pointer.parent_pointer()).erase(pointer.back());
  }
  return a == b;
}

}  // namespace

void Judge::judge_success(const protocol::Expected& expected, const net::HttpResponse& response,
                          const json* body, std::vector<Finding>& out) const {
  const bool status_ok = response.status == 200;
  // An empty body is the empty output (the protocol's empty body rule).
  const bool body_ok =
      status_ok &&
      ((body != nullptr && same_but_chosen(*body, *expected.body, expected.endpoint_chosen)) ||
       (response.body.empty() && expected.body->is_object() && expected.body->empty()));
  std::string detail;
  if (!status_ok) {
    const json empty = json::object();
    const auto type =
        protocol::resolve_error_type(response.header("x-amzn-errortype"), body ? *body : empty);
    detail = "expected HTTP 200 with the answer the fixtures give, got " + status_text(response) +
             (type ? " " + *type : "");
  } else if (!body_ok) {
    detail = "the body differs from the answer the fixtures give";
  }
  blame(expected, body_ok, detail, out);
}

// A request trait (an empty body, a null or unknown member, a charset
// parameter) is the only difference from a plain case: when the answer is
// wrong, the trait is to blame, not the requirement the plain case tests.
void Judge::blame(const protocol::Expected& expected, bool ok, const std::string& detail,
                  std::vector<Finding>& out) const {
  std::vector<std::string> traits;
  for (const auto& id : expected.requirements)
    if (ids_.is_trait(id)) traits.push_back(id);
  for (const auto& id : expected.requirements) {
    if (ok || traits.empty() || ids_.is_trait(id)) out.push_back({id, ok, ok ? "" : detail});
  }
}

bool Judge::declares(const model::Operation* op, const std::string& type) const {
  return op != nullptr && type != validation_error_ &&
         std::any_of(op->errors.begin(), op->errors.end(),
                     [&](const model::Shape* e) { return e->name == type; });
}

// No semantics decide the answer: a 200 (its body is judged against the
// output shape) or an error the model declares for the operation, or one
// common to AWS services. Any other error type is reported, as a SHOULD:
// botocore models leave out the service-wide errors a Smithy model lists.
void Judge::judge_declared(const model::Operation* op, const protocol::Expected& expected,
                           const net::HttpResponse& response, const json* body,
                           std::vector<Finding>& out) const {
  if (response.status == 200) {
    blame(expected, true, {}, out);
    return;
  }
  const json empty = json::object();
  const auto type =
      protocol::resolve_error_type(response.header("x-amzn-errortype"), body ? *body : empty);
  if (!type) return;  // error-type has it
  const bool declared =
      (op != nullptr && std::any_of(op->errors.begin(), op->errors.end(),
                                    [&](const model::Shape* e) { return e->name == *type; })) ||
      protocol::is_common_error(*type) || *type == validation_error_;
  blame(expected, declared,
        "error type '" + *type + "' is neither declared by " +
            (op ? op->name : std::string("the operation")) + " nor common to AWS services",
        out);
}

// Whatever the case expected, a response must be self-consistent: an
// error names its type and has that error's status, a success is 200.
void Judge::judge_status(const net::HttpResponse& response, const json* body,
                         std::vector<Finding>& out) const {
  const json empty = json::object();
  const auto type =
      protocol::resolve_error_type(response.header("x-amzn-errortype"), body ? *body : empty);
  if (response.status >= 300) {
    out.push_back(
        {ids_.error_type, type.has_value(),
         status_text(response) + " names no error type (X-Amzn-Errortype, code or __type)"});
  }
  if (type && response.status >= 300) {
    // A modeled error has its declared status; the model says nothing of
    // others (common errors, another server's own), so any 4xx will do.
    const auto* shape = spec_.find_shape(*type);
    if (shape != nullptr && shape->exception)
      out.push_back({ids_.status, response.status == shape->error_status,
                     *type + " came with " + status_text(response) + ", declared " +
                         std::to_string(shape->error_status)});
    else
      out.push_back({ids_.status, response.status < 500,
                     *type + " came with " + status_text(response) + ", not a 4xx"});
  } else if (response.status < 300) {
    out.push_back({ids_.status, response.status == 200,
                   "a success must be HTTP 200, got " + status_text(response)});
  }
}

void Judge::judge_output(const model::Operation& op, const json& body,
                         std::vector<Finding>& out) const {
  const auto violations = model::validate(op.name, model::Direction::kOutput, *op.output, body);
  for (const auto& v : violations) out.push_back({v.requirement_id, false, v.message});
  // Every output requirement at a path present in the body held unless a
  // violation names it; each path once, however many list elements share it.
  std::set<std::string> present;
  model::ShapePath path;
  visit_present(*op.output, body, path,
                [&](const model::ShapePath& at) { present.insert(model::to_id_path(at)); });
  const auto ids = output_ids_.find(op.name);
  if (ids == output_ids_.end()) return;
  for (const auto& id_path : present) {
    const auto it = ids->second.find(id_path);
    if (it == ids->second.end()) continue;
    for (const auto& id : it->second) {
      const bool failed = std::any_of(violations.begin(), violations.end(),
                                      [&](const auto& v) { return v.requirement_id == id; });
      if (!failed) out.push_back({id, true, {}});
    }
  }
}

}  // namespace cpct::check
