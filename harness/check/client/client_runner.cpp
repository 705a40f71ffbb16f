#include "check/client/client_runner.hpp"

#include <algorithm>
#include <chrono>

#include "check/reproduce.hpp"
#include "check/shrink.hpp"
#include "model/json_depth.hpp"
#include "model/requirement_ids.hpp"
#include "text/utf8.hpp"
#include "net/sigv4.hpp"
#include "protocol/oracle.hpp"

namespace cpct::check {
namespace {

using nlohmann::json;
using C = model::ids::Client;

// Spelled for awsJson1_1: ClientRunner::judge localises them to the model's wire.
std::string client_id(C rule) {
  return model::ids::client(model::Wire{}, rule);
}

// `value` without the object members `drop` picks, at every level.
template <typename Drop>
json without(const json& value, const Drop& drop) {
  if (value.is_object()) {
    json out = json::object();
    for (const auto& [key, item] : value.items())
      if (!drop(key, item)) out[key] = without(item, drop);
    return out;
  }
  if (value.is_array()) {
    json out = json::array();
    for (const auto& item : value) out.push_back(without(item, drop));
    return out;
  }
  return value;
}

// Null is absent (docs/aws-facts.md): compare outputs with nulls removed.
json without_nulls(const json& value) {
  return without(value, [](const std::string&, const json& item) { return item.is_null(); });
}

json without_unknown(const json& value) {
  return without(
      value, [](const std::string& key, const json&) { return key.rfind("cpctUnknown", 0) == 0; });
}

// The response as sent, with its body's sensitive members redacted: the
// bytes a report shows must not hold what the body's shape hides.
template <typename Redact>
std::string redacted_bytes(const ClientCase& c, const Redact& redact) {
  constexpr std::size_t kShown = 8192;
  if (c.raw) return c.raw->substr(0, kShown);
  const json body = json::parse(c.body, nullptr, false);
  if (body.is_discarded()) return c.bytes().substr(0, kShown);
  ClientCase shown = c;
  shown.body = redact(body).dump(-1, ' ', false, json::error_handler_t::replace);
  return shown.bytes().substr(0, kShown);
}

// The adapter protocol's code for an operation the adapter does not serve
// (adapters/README.md).
constexpr const char* kUnknownOperationCode = "UnknownOperation";

// An input with the model's sensitive members redacted.
json redact_input(const model::Redactor& redactor, const model::Operation& op, const json& input) {
  return op.input != nullptr ? redactor.by_shape(input, *op.input) : redactor.strings(input);
}

// A request body as a report may show it: read as the input, redacted,
// printable and cut to `limit` bytes.
std::string redacted_input_text(const model::Redactor& redactor, const model::Operation& op,
                                const std::string& body, std::size_t limit) {
  const json value = model::parse_json_within(body, model::kMaxShownJsonDepth);
  // Not JSON: its bytes may hold a secret no shape can find, so only its size.
  if (value.is_discarded()) return "(" + std::to_string(body.size()) + " bytes, not JSON)";
  const std::string text =
      redact_input(redactor, op, value).dump(-1, ' ', false, json::error_handler_t::replace);
  return text::to_printable(text.substr(0, limit));
}

std::string describe(const AdapterReply& reply) {
  switch (reply.outcome) {
    case AdapterReply::Outcome::kLine:
      return "a reply";
    case AdapterReply::Outcome::kTimeout:
      return "no reply within the timeout";
    case AdapterReply::Outcome::kExited:
      return "the adapter died (" + reply.status + ")";
    case AdapterReply::Outcome::kTooLong:
      return "a reply line over cpct's size cap";
    case AdapterReply::Outcome::kInterrupted:
      return "no reply: cpct was stopped";
  }
  return "?";
}

}  // namespace

ClientRunner::ClientRunner(const model::Spec& spec, const model::Redactor& redactor,
                           ClientRunConfig config)
    : spec_(spec), redactor_(redactor), config_(std::move(config)) {}

ClientRunner::~ClientRunner() = default;

std::size_t ClientRunner::total(const ClientPlan& plan) const {
  return config_.only_case ? 1 : plan.size();
}

bool ClientRunner::supports(const std::string& operation) const {
  return std::find(unsupported_.begin(), unsupported_.end(), operation) == unsupported_.end();
}

bool ClientRunner::start(const std::vector<std::string>& operations, std::uint64_t seed) {
  mock_ = std::make_unique<MockEndpoint>(
      [this](const RecordedRequest&) {
        // Cases are served strictly one at a time: whatever arrives while a case
        // is armed is that case's request, however the client spelled it.
        std::lock_guard lock(armed_mutex_);
        if (armed_) return MockAnswer{armed_->bytes(), armed_->close};
        // Nothing in flight: an answer that cannot be mistaken for a case's.
        const json error = {{"__type", "CpctNoCaseException"},
                            {"message", "cpct: no case for this request"}};
        return MockAnswer{
            http_response(400, {{"Content-Type", spec_.wire.content_type}}, error.dump()), false};
      },
      MockLimits{config_.timeout});
  mock_->start();
  // Test credentials, never the user's (check/child_environment.hpp).
  const auto test_credentials = net::Credentials::for_tests();
  adapter_ = std::make_unique<AdapterProcess>(
      config_.adapter, std::vector<std::pair<std::string, std::string>>{
                           {"CPCT_ENDPOINT", mock_->url()},
                           // The adapter's own timeout a little inside cpct's, so its timeout
                           // error arrives before cpct gives up on the case.
                           {"CPCT_TIMEOUT_MS", std::to_string(config_.timeout.count() * 3 / 4)},
                           {"AWS_ACCESS_KEY_ID", test_credentials.access_key_id},
                           {"AWS_SECRET_ACCESS_KEY", test_credentials.secret_access_key},
                           {"AWS_REGION", "us-east-1"},
                           {"AWS_DEFAULT_REGION", "us-east-1"}});
  adapter_->set_stop(config_.stop);
  if (!adapter_->start()) {
    why_ = "the adapter cannot be started: " + adapter_->why();
    return false;
  }
  // A first, plain case per operation: an adapter that cannot answer it is a
  // setup error; one that says UnknownOperation does not serve it.
  for (const auto& operation : operations) {
    ClientCase probe = output_case(spec_, json::object(), "probe", "");
    if (spec_.operation(operation).output_event_stream) {
      // Its 200 would be read as events: an error answers the probe instead.
      probe.status = 400;
      probe.body = protocol::error_body("CpctProbeException", "cpct: probe").dump();
    }
    probe.index = 999'999'999;
    probe.operation = operation;
    probe.input = client_input(spec_.operation(operation), seed);
    const auto e = exchange(probe);
    if (e.reply.outcome != AdapterReply::Outcome::kLine) {
      why_ = "the adapter gave " + describe(e.reply) + " to a first request (" + operation + ")" +
             (adapter_->stderr_tail().empty()
                  ? ""
                  : "; its stderr: " + redactor_.text(adapter_->stderr_tail()));
      return false;
    }
    const json line = json::parse(e.reply.line, nullptr, false);
    if (line.is_object() && line.contains("error") && line["error"].is_object() &&
        line["error"].value("code", "") == kUnknownOperationCode)
      unsupported_.push_back(operation);
  }
  if (unsupported_.size() == operations.size()) {
    why_ = "the adapter serves none of the selected operations (it answered " +
           std::string(kUnknownOperationCode) + " for " + unsupported_.front() +
           (unsupported_.size() > 1 ? " and the others" : "") + ")";
    return false;
  }
  return true;
}

ClientRunner::Exchange ClientRunner::exchange(const ClientCase& c) {
  {
    std::lock_guard lock(armed_mutex_);
    armed_ = c;
  }
  mock_->take_requests();  // anything late from an earlier case
  const json line = {{"id", c.id()}, {"operation", c.operation}, {"input", c.input}};
  Exchange e;
  e.reply = adapter_->send(line.dump(), config_.timeout);
  e.requests = mock_->take_requests();
  {
    std::lock_guard lock(armed_mutex_);
    armed_.reset();
  }
  return e;
}

std::vector<Finding> ClientRunner::judge(const ClientCase& c, const Exchange& e,
                                         Choice* choice) const {
  auto out = judge_as_awsjson11(c, e, choice);
  // The IDs are written for awsJson1_1; the model's protocol names its own.
  for (auto& f : out) f.requirement = spec_.wire.localise(std::move(f.requirement));
  return out;
}

std::vector<Finding> ClientRunner::judge_as_awsjson11(const ClientCase& c, const Exchange& e,
                                                      Choice* choice) const {
  std::vector<Finding> out;
  const auto& reply = e.reply;
  out.push_back(
      {client_id(C::kNoHang), reply.outcome != AdapterReply::Outcome::kTimeout, describe(reply)});
  out.push_back({client_id(C::kNoCrash),
                 reply.outcome == AdapterReply::Outcome::kLine ||
                     reply.outcome == AdapterReply::Outcome::kTimeout,
                 describe(reply)});
  // What the client sent: its first request (a retry sends the same again).
  const RecordedRequest* sent = e.requests.empty() ? nullptr : &e.requests.front();
  const model::Operation& op = spec_.operation(c.operation);
  if (sent != nullptr) {
    const std::string target = spec_.metadata.target_prefix + "." + op.name;
    const auto path = sent->target.substr(0, sent->target.find('?'));
    out.push_back({client_id(C::kRequestMethodPath), sent->method == "POST" && path == "/",
                   "sent " + sent->method + " " + sent->target});
    out.push_back({client_id(C::kRequestTarget),
                   sent->header("x-amz-target").value_or("") == target,
                   "X-Amz-Target is '" + sent->header("x-amz-target").value_or("(none)") + "'"});
    out.push_back({client_id(C::kRequestContentType),
                   spec_.wire.is_content_type(sent->header("content-type").value_or("")),
                   "Content-Type is '" + sent->header("content-type").value_or("(none)") + "'"});
    const json body = json::parse(sent->body, nullptr, false);
    const bool same = !body.is_discarded() && without_nulls(body) == c.input;
    out.push_back({client_id(C::kRequestBody), same,
                   same ? std::string()
                        : "the body " + redacted_input_text(redactor_, op, sent->body, 300) +
                              " is not the input " +
                              redacted_input_text(redactor_, op, c.input.dump(), 300)});
    out.push_back(
        {client_id(C::kRequestSignature),
         sent->header("authorization").value_or("").rfind("AWS4-HMAC-SHA256 Credential=", 0) == 0,
         "no SigV4 Authorization header"});
  }
  if (c.requirement.empty()) return out;
  // A client that died or hung is blamed under robustness only: its output
  // was never read, so the case's own requirement is not what it broke.
  if (reply.outcome != AdapterReply::Outcome::kLine) return out;
  // A hostile adapter's deep line would make copies recurse: not well-formed.
  const json line = model::parse_json_within(reply.line, model::kMaxShownJsonDepth);
  const bool well_formed =
      line.is_object() && line.value("id", "") == c.id() &&
      (line.contains("output") || (line.contains("error") && line["error"].is_object()));
  if (!well_formed) {
    out.push_back(
        {c.requirement, false,
         "the adapter's line is not {\"id\": \"" + c.id() +
             "\", \"output\"|\"error\": ...}: " + text::to_printable(reply.line.substr(0, 300))});
    return out;
  }
  const bool is_output = line.contains("output");
  const std::string code =
      is_output || !line["error"].contains("code") || !line["error"]["code"].is_string()
          ? ""
          : line["error"]["code"].get<std::string>();
  // An error though no request reached cpct's endpoint, for a response that
  // was fine: the client's transport failed, not its reading of the output.
  if (!is_output && e.requests.empty() && !c.raw && c.expect != ClientCase::Expect::kAnyReply) {
    out.push_back({client_id(C::kTransport), false,
                   "the client reported error " + (code.empty() ? "(no code)" : code) +
                       " without a request reaching the endpoint"});
    return out;
  }
  if (!c.raw && !e.requests.empty()) out.push_back({client_id(C::kTransport), true, {}});
  auto note = [&](std::string answer) {
    if (choice != nullptr && !c.question.empty()) *choice = {c.question, std::move(answer)};
  };
  switch (c.expect) {
    case ClientCase::Expect::kOutput:
    case ClientCase::Expect::kLenient: {
      if (!is_output) {
        out.push_back({c.requirement, c.expect == ClientCase::Expect::kLenient,
                       "expected the output, got error " + code});
        break;
      }
      const bool equal = without_nulls(line["output"]) == without_nulls(c.output);
      out.push_back({c.requirement, equal, "the output read differs from the response's"});
      break;
    }
    case ClientCase::Expect::kError: {
      const bool ok =
          !is_output && code == c.error_code &&
          (c.error_message.empty() || line["error"].value("message", "") == c.error_message);
      std::string detail = is_output ? "expected error " + c.error_code + ", got an output"
                                     : "expected error " + c.error_code + ", got " +
                                           (code.empty() ? "no code" : code);
      if (!is_output && code == c.error_code)
        detail = "the message read is not '" + c.error_message + "'";
      out.push_back({c.requirement, ok, detail});
      break;
    }
    case ClientCase::Expect::kOneOf: {
      const ClientCase::Answer* matched = nullptr;
      for (const auto& a : c.answers) {
        const bool fits =
            is_output ? a.output && without_nulls(line["output"]) == without_nulls(*a.output)
                      : a.any_error || (a.error_code && *a.error_code == code);
        if (fits && matched == nullptr) matched = &a;
      }
      std::string acceptable;
      for (const auto& a : c.answers) acceptable += (acceptable.empty() ? "" : ", ") + a.label;
      out.push_back({c.requirement, matched != nullptr,
                     "the reply (" + (is_output ? std::string("an output") : "error " + code) +
                         ") is none of the acceptable answers: " + acceptable});
      if (matched != nullptr) note(matched->label);
      break;
    }
    case ClientCase::Expect::kAnyReply:
      note(is_output ? "read as an output" : "an error: " + (code.empty() ? "(no code)" : code));
      if (c.requirement == client_id(C::kReportsError))
        out.push_back({c.requirement, !is_output,
                       is_output ? "a malformed response was returned as data: " +
                                       text::to_printable(line.at("output").dump().substr(0, 200))
                                 : ""});
      break;
  }
  return out;
}

std::optional<std::pair<ClientCase, ClientRunner::Exchange>> ClientRunner::shrink(
    const ClientCase& c, const std::string& requirement) {
  if (c.expect != ClientCase::Expect::kOutput || c.raw) return std::nullopt;
  const bool unknown = requirement == client_id(C::kUnknownMemberIgnored);
  json sent = json::parse(c.body, nullptr, false);
  if (sent.is_discarded()) return std::nullopt;
  std::optional<std::pair<ClientCase, Exchange>> best;
  std::size_t attempts = 0;
  for (bool progress = true; progress && attempts < config_.shrink_attempts;) {
    progress = false;
    std::optional<json> accepted;
    for_each_smaller(sent, [&](json candidate) {
      if (++attempts > config_.shrink_attempts) return true;  // out of attempts: stop
      ClientCase k = c;
      k.body = candidate.dump();
      k.output = unknown ? without_unknown(candidate) : candidate;
      if (unknown && k.output == candidate) return false;  // no unknown member left
      auto e = exchange(k);
      for (const auto& f : judge(k, e)) {
        if (f.requirement == requirement && !f.ok) {
          accepted = std::move(candidate);  // `sent` is being walked: replaced after
          best.emplace(std::move(k), std::move(e));
          return true;
        }
      }
      return false;
    });
    progress = accepted.has_value();
    if (accepted) sent = std::move(*accepted);
  }
  return best;
}

FailureRecord ClientRunner::record(const ClientCase& c, const Exchange& e, const Finding& f) const {
  FailureRecord out;
  const model::Operation& op = spec_.operation(c.operation);
  const auto* output_shape = op.output;
  auto redact_output = [&](const json& value) {
    return output_shape ? redactor_.by_shape(value, *output_shape) : redactor_.strings(value);
  };
  json response_body = json::parse(c.body, nullptr, false);
  out.case_info = {
      {"id", c.id()},
      {"kind", "client"},
      {"name", c.name},
      {"seed", plan_->options().seed},
      {"operation", c.operation},
      {"adapterLine", json{{"id", c.id()},
                           {"operation", c.operation},
                           {"input", redact_input(redactor_, op, c.input)}}
                          .dump()},
      {"responseBytes", redactor_.text(text::to_printable(redacted_bytes(c, redact_output)))}};
  if (!response_body.is_discarded()) out.case_info["responseBody"] = redact_output(response_body);
  if (!c.source.empty()) out.case_info["source"] = "smithy-test: " + c.source;
  switch (c.expect) {
    case ClientCase::Expect::kOutput:
      out.expected = {{"output", redact_output(c.output)}};
      break;
    case ClientCase::Expect::kLenient:
      out.expected = {{"output or error", redact_output(c.output)}};
      break;
    case ClientCase::Expect::kError:
      out.expected = {{"error", {{"code", c.error_code}}}};
      break;
    case ClientCase::Expect::kAnyReply:
      out.expected = {{"any", "an error line, no crash, no hang"}};
      break;
    case ClientCase::Expect::kOneOf: {
      json answers = json::array();
      for (const auto& a : c.answers) answers.push_back(a.label);
      out.expected = {{"one of", answers}};
      break;
    }
  }
  json observed = {{"outcome", describe(e.reply)}};
  const json line = model::parse_json_within(e.reply.line, model::kMaxShownJsonDepth);
  if (!line.is_discarded() && line.is_object() && line.contains("output"))
    observed["output"] = redact_output(line["output"]);
  else if (!line.is_discarded() && line.is_object())
    observed["line"] = redactor_.strings(line);
  else if (!e.reply.line.empty())
    observed["lineText"] = redactor_.text(text::to_printable(e.reply.line.substr(0, 2048)));
  if (!e.requests.empty()) {
    json headers = json::object();
    for (const auto& h : e.requests.front().headers)
      headers[h.name] = h.name == "authorization"          ? "(signature)"
                        : h.name == "x-amz-security-token" ? model::kRedacted
                                                           : text::to_printable(h.value);
    observed["request"] = {
        {"method", e.requests.front().method},
        {"target", text::to_printable(e.requests.front().target)},
        {"headers", headers},
        {"body", redacted_input_text(redactor_, op, e.requests.front().body, 2048)}};
  }
  // The client's request and line may echo the credentials it was given.
  out.observed = redactor_.strings(observed);
  out.detail = redactor_.text(f.detail);
  out.reproduce = config_.rerun_prefix + " --case " + c.id();
  return out;
}

void ClientRunner::run(const ClientPlan& plan, Results& results) {
  plan_ = &plan;
  for (std::size_t index = 0; index < plan.size(); ++index) {
    if (config_.only_case && *config_.only_case != index) continue;
    const ClientCase c = plan.at(index);
    const auto started = std::chrono::steady_clock::now();
    const auto e = exchange(c);
    // Stopped: the case in flight is not judged (untested, not failed).
    if (config_.stop != nullptr && config_.stop->load() != 0) return;
    results.record_latency(std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - started));
    Choice choice;
    const auto findings = judge(c, e, &choice);
    results.count_case();
    // A chosen answer may quote the implementation (an error code it sent).
    if (!choice.question.empty())
      results.record_choice({choice.question, redactor_.text(choice.answer)});
    // A failure is run again (--retries); one that does not come back is
    // flaky, still a failure: an intermittent client bug is a defect.
    const auto failed_runs = count_failed_runs(results, index, findings, config_.retries,
                                               [&] { return judge(c, exchange(c)); });
    std::map<std::string, std::pair<ClientCase, Exchange>> shrunk;
    for (const auto& f : findings) {
      if (f.ok || !shrunk.empty() || !results.would_keep(f.requirement, index)) continue;
      if (auto s = shrink(c, f.requirement)) shrunk.emplace(f.requirement, std::move(*s));
    }
    results.add(index, findings, [&](const Finding& f) {
      const auto it = shrunk.find(f.requirement);
      if (it == shrunk.end())
        return with_runs(record(c, e, f), f.requirement, failed_runs, config_.retries);
      auto out = record(it->second.first, it->second.second, f);
      out.case_info["id"] = c.id();
      out.case_info["name"] = "shrunk: " + c.name;
      out.shrunk_from = {{"responseBody", json::parse(c.body, nullptr, false)}};
      if (const auto* shape = spec_.operation(c.operation).output)
        out.shrunk_from["responseBody"] =
            redactor_.by_shape(out.shrunk_from["responseBody"], *shape);
      out.reproduce = config_.rerun_prefix + " --case " + c.id();
      return with_runs(std::move(out), f.requirement, failed_runs, config_.retries);
    });
  }
}

}  // namespace cpct::check
