#include "check/client/runner.hpp"

#include <algorithm>
#include <chrono>

#include "check/client/judge.hpp"
#include "check/reproduce.hpp"
#include "check/shrink.hpp"
#include "model/json_depth.hpp"
#include "model/requirement_ids.hpp"
#include "net/sigv4.hpp"
#include "protocol/oracle.hpp"
#include "text/utf8.hpp"

namespace cpct::check {
namespace {

using nlohmann::json;
using C = model::ids::Client;

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

}  // namespace

ClientRunner::ClientRunner(const model::Spec& spec, const model::Redactor& redactor,
                           ClientRunConfig config)
    : spec_(spec),
      redactor_(redactor),
      config_(std::move(config)),
      shrink_left_(config_.shrink_budget) {}

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
      why_ = "no answer to a first request (" + operation + "): " + describe(e.reply) +
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

ClientRunner::Shrunk ClientRunner::shrink(const ClientCase& c, const std::string& requirement) {
  Shrunk out;
  if (c.expect != ClientCase::Expect::kOutput || c.raw) return out;
  const bool unknown = requirement == client_id(C::kUnknownMemberIgnored);
  json sent = json::parse(c.body, nullptr, false);
  if (sent.is_discarded()) return out;
  std::size_t attempts = 0;
  for (bool progress = true; progress;) {
    progress = false;
    std::optional<json> accepted;
    for_each_smaller(sent, [&](json candidate) {
      ClientCase k = c;
      k.body = candidate.dump();
      k.output = unknown ? without_unknown(candidate) : candidate;
      if (unknown && k.output == candidate) return false;  // no unknown member left
      // A candidate left to try but none to send: the last one kept is
      // not known to be minimal, and the report says why.
      if (shrink_left_ == 0) {
        out.stop = ShrinkStop::kBudget;
        return true;
      }
      if (attempts >= config_.shrink_attempts) {
        out.stop = ShrinkStop::kAttempts;
        return true;
      }
      --shrink_left_;
      ++attempts;
      auto e = exchange(k);
      for (const auto& f : judge_client_case(spec_, redactor_, k, e)) {
        if (f.requirement == requirement && !f.ok) {
          accepted = std::move(candidate);  // `sent` is being walked: replaced after
          out.minimal.emplace(std::move(k), std::move(e));
          return true;
        }
      }
      return false;
    });
    progress = accepted.has_value() && out.stop == ShrinkStop::kMinimal;
    if (accepted) sent = std::move(*accepted);
  }
  return out;
}

// As check server words it (server/runner.cpp), so a report reads the same.
std::string ClientRunner::not_minimal(const Shrunk& s) const {
  switch (s.stop) {
    case ShrinkStop::kMinimal:
    case ShrinkStop::kStalled:  // no stall limit here
      return "";
    case ShrinkStop::kBudget:
      return std::string(s.minimal ? "not minimal" : "not shrunk") +
             ": the run's shrink budget ran out (--shrink-budget " +
             std::to_string(config_.shrink_budget) + ")";
    case ShrinkStop::kAttempts:
      return "not minimal: shrinking stopped after " + std::to_string(config_.shrink_attempts) +
             " candidates";
  }
  return "";
}

json ClientRunner::redact_output(const ClientCase& c, const json& value) const {
  const auto* output_shape = spec_.operation(c.operation).output;
  return output_shape ? redactor_.by_shape(value, *output_shape) : redactor_.strings(value);
}

json ClientRunner::case_json(const ClientCase& c) const {
  const model::Operation& op = spec_.operation(c.operation);
  auto redact_output = [&](const json& value) { return this->redact_output(c, value); };
  json response_body = json::parse(c.body, nullptr, false);
  json out = {
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
  if (!response_body.is_discarded()) out["responseBody"] = redact_output(response_body);
  if (!c.source.empty()) out["source"] = "smithy-test: " + c.source;
  return out;
}

FailureRecord ClientRunner::record(const ClientCase& c, const Exchange& e, const Finding& f) const {
  FailureRecord out;
  const model::Operation& op = spec_.operation(c.operation);
  auto redact_output = [&](const json& value) { return this->redact_output(c, value); };
  out.case_info = case_json(c);
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
    const auto findings = judge_client_case(spec_, redactor_, c, e, &choice);
    results.count_case();
    // A chosen answer may quote the implementation (an error code it sent).
    if (!choice.question.empty())
      results.record_choice({choice.question, redactor_.text(choice.answer)});
    // A failure is run again (--retries); one that does not come back is
    // flaky, still a failure: an intermittent client bug is a defect.
    const auto failed_runs = count_failed_runs(results, index, findings, config_.retries, [&] {
      return judge_client_case(spec_, redactor_, c, exchange(c));
    });
    std::map<std::string, Shrunk> shrunk;
    for (const auto& f : findings) {
      if (f.ok || !shrunk.empty() || !results.would_keep(f.requirement, index)) continue;
      // Kept when it shrank, or when the report must say it could not.
      if (auto s = shrink(c, f.requirement); s.minimal || s.stop != ShrinkStop::kMinimal)
        shrunk.emplace(f.requirement, std::move(s));
    }
    results.add(index, findings, [&](const Finding& f) {
      const auto it = shrunk.find(f.requirement);
      if (it == shrunk.end())
        return with_runs(record(c, e, f), f.requirement, failed_runs, config_.retries);
      if (!it->second.minimal) {
        auto out = record(c, e, f);
        out.not_minimal = not_minimal(it->second);
        return with_runs(std::move(out), f.requirement, failed_runs, config_.retries);
      }
      const auto& [minimal_case, minimal_exchange] = *it->second.minimal;
      auto out = record(minimal_case, minimal_exchange, f);
      out.not_minimal = not_minimal(it->second);
      out.case_info["id"] = c.id();
      out.case_info["name"] = "shrunk: " + c.name;
      // The original case as a case (id, kind, name ...), as the schema says.
      out.shrunk_from = case_json(c);
      out.reproduce = config_.rerun_prefix + " --case " + c.id();
      return with_runs(std::move(out), f.requirement, failed_runs, config_.retries);
    });
  }
}

}  // namespace cpct::check
