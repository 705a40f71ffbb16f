#include "check/lifecycle/sut.hpp"

#include <algorithm>
#include <chrono>
#include <set>

#include "check/lifecycle/reset_command.hpp"
#include "check/reproduce.hpp"
#include "model/requirement_ids.hpp"
#include "model/validator.hpp"
#include "protocol/error_type.hpp"
#include "protocol/json_body.hpp"

namespace cpct::check::lifecycle {
namespace {

using model::JobKind;
using nlohmann::json;

// Valid as any job id of either flavour, and in no fixtures file we ship.
constexpr const char* kUnknownJob = "ffffffff-ffff-4fff-8fff-ffffffffffff";
constexpr const char* kWrongNonce = "cpct-wrong-nonce";
constexpr const char* kWrongToken = "cpct-wrong-client-token";

std::string answer_of(const net::HttpResponse& r) {
  if (r.outcome != net::HttpResponse::Outcome::kResponse) return to_string(r.outcome);
  return std::to_string(r.status);
}

std::string error_type_of(const net::HttpResponse& r) {
  const protocol::BodyParse parsed = protocol::parse_body(r.body, true);
  const json body = parsed.problem == protocol::BodyParse::Problem::kNone ? parsed.value : json();
  return protocol::resolve_error_type(r.header("x-amzn-errortype"), body).value_or("");
}

std::string describe(const protocol::Expected& e) {
  std::string out = e.is_error() ? "400 " + e.error_type : "200";
  for (const auto& alt : e.alternatives)
    if (alt.expected && alt.expected->is_error()) out += " or 400 " + alt.expected->error_type;
  return out;
}

}  // namespace

Endpoint::Endpoint(Config config)
    : config_(std::move(config)), client_(config_.url, config_.limits) {}

net::HttpResponse Endpoint::send(const Case& c) {
  auto http = to_http(c);
  net::sign_v4(http, config_.url.authority(), config_.credentials, config_.scope,
               std::chrono::system_clock::now());
  return client_.send(http);
}

bool Endpoint::reset(std::string& why) {
  if (!config_.reset_command.empty()) {
    // The same bound as an exchange: its timeout, and never past the run's.
    const auto deadline = std::min(std::chrono::steady_clock::now() + config_.limits.timeout,
                                   config_.limits.not_after);
    if (!run_reset_command(config_.reset_command, deadline, why)) return false;
  }
  if (!config_.reset_url.empty()) {
    net::Url url;
    try {
      url = net::Url::parse(config_.reset_url);
    } catch (const std::invalid_argument& e) {
      why = std::string("--reset-url: ") + e.what();
      return false;
    }
    net::HttpClient client(url, config_.limits);
    net::HttpRequest request;
    request.target = url.path;
    const net::HttpResponse r = client.send(request);
    if (r.outcome != net::HttpResponse::Outcome::kResponse || r.status / 100 != 2) {
      why = "POST " + config_.reset_url + " answered " +
            (r.outcome == net::HttpResponse::Outcome::kResponse ? std::to_string(r.status)
                                                                : r.error) +
            " (the lifecycle check resets the endpoint before each sequence: give "
            "--reset-url or --reset-command)";
      return false;
    }
  }
  return true;
}

Context make_context(std::shared_ptr<const model::Spec> spec,
                     std::shared_ptr<const model::Fixtures> fixtures) {
  Context c{std::move(spec), std::move(fixtures), {}};
  std::set<std::string> keys;
  auto add = [&](const json& type) {
    if (type.is_object() && keys.insert(lc::action_type_key(type)).second)
      c.action_types.push_back(type);
  };
  for (const auto& job : c.fixtures->jobs) add(lc::action_type_of(job));
  for (const auto& type : c.fixtures->action_types) add(type);
  c.action_types.push_back({{"category", "Test"},
                            {"owner", "Custom"},
                            {"provider", "cpct-unregistered"},
                            {"version", "1"}});
  return c;
}

protocol::Request operation_request(const Context& context, const lc::OperationInfo& op,
                                    const json& input) {
  return {context.spec->metadata.target_prefix + "." + op.name, context.spec->wire.content_type,
          input.dump()};
}

Sut::Sut(const Context& context, const protocol::Oracle& oracle, Endpoint& endpoint)
    : context_(context),
      oracle_(oracle),
      endpoint_(endpoint),
      board_(context.fixtures),
      old_nonces_(context.fixtures->jobs.size()) {}

bool Sut::fail(const std::string& requirement, const std::string& detail) {
  if (!violation_) violation_ = Violation{requirement, detail};
  return false;
}

net::HttpResponse Sut::send(const lc::OperationInfo& op, const json& input, Step& step) {
  step.request.request = operation_request(context_, op, input);
  step.request.name = op.name;
  const net::HttpResponse r = endpoint_.send(step.request);
  step.status = r.outcome == net::HttpResponse::Outcome::kResponse ? r.status : 0;
  step.answer = answer_of(r);
  if (step.status >= 400) step.answer += " " + error_type_of(r);
  return r;
}

std::optional<std::size_t> Sut::job_for(std::size_t pick, bool handed) const {
  if (handed && !handed_.empty()) return handed_[pick % handed_.size()];
  const std::size_t n = context_.fixtures->jobs.size();
  const std::size_t index = pick % (n + 1);
  if (index == n) return std::nullopt;  // the unknown job
  return index;
}

JobKind Sut::flavour_of(std::optional<std::size_t> job, std::size_t pick) const {
  if (job) return context_.fixtures->jobs[*job].kind;
  // The unknown job, asked of either flavour.
  return (pick / (context_.fixtures->jobs.size() + 1)) % 2 == 0 ? JobKind::kThirdParty
                                                                : JobKind::kCustom;
}

json Sut::job_input(std::optional<std::size_t> job, bool own_token) const {
  if (!job) return json{{"jobId", kUnknownJob}, {"clientToken", kWrongToken}};
  const auto& fixture = context_.fixtures->jobs[*job];
  return json{{"jobId", fixture.id},
              {"clientToken", own_token ? fixture.client_token : kWrongToken}};
}

void Sut::learn(const lc::OperationInfo& op, std::size_t job, const json& body) {
  if (op.verb != lc::Verb::kDetails || op.flavour != JobKind::kThirdParty) return;
  const auto details = body.find("jobDetails");
  if (details == body.end() || !details->is_object()) return;
  const auto nonce = details->find("nonce");
  if (nonce == details->end() || !nonce->is_string()) return;
  const std::string& now = board_.states()[job].nonce;
  if (*nonce == now) return;
  if (!now.empty()) old_nonces_[job].push_back(now);
  board_.learn_nonce(job, nonce->get<std::string>());
}

void Sut::call(const lc::OperationInfo& op, const json& input, std::optional<std::size_t> job) {
  if (violation_) return;
  Step step;
  const protocol::Request request = operation_request(context_, op, input);
  const protocol::Expected e = oracle_.expect(request, board_, lc::Clock::now());
  step.expected = describe(e);
  const net::HttpResponse r = send(op, input, step);
  trace_.push_back(step);
  const std::string requirement = e.requirements.empty() ? "" : e.requirements.front();
  exercised_.push_back(requirement);
  if (r.outcome != net::HttpResponse::Outcome::kResponse) {
    fail(requirement,
         std::string(op.name) + ": no answer (" + r.error + "), expected " + step.expected);
    return;
  }
  if (e.is_error()) {
    const std::string type = error_type_of(r);
    bool ok = r.status >= 400 && r.status < 500 && type == e.error_type;
    for (const auto& alt : e.alternatives)
      ok = ok ||
           (alt.expected && r.status >= 400 && r.status < 500 && type == alt.expected->error_type);
    if (!ok)
      fail(requirement,
           std::string(op.name) + " answered " + step.answer + ", expected " + step.expected);
    return;
  }
  if (r.status != 200) {
    // Where an error is acceptable too (an acknowledgement of a finished job).
    const std::string type = error_type_of(r);
    for (const auto& alt : e.alternatives)
      if (alt.expected && r.status >= 400 && r.status < 500 && type == alt.expected->error_type)
        return;
    fail(requirement,
         std::string(op.name) + " answered " + step.answer + ", expected " + step.expected);
    return;
  }
  const protocol::BodyParse parsed = protocol::parse_body(r.body, true);
  if (parsed.problem != protocol::BodyParse::Problem::kNone || !parsed.value.is_object()) {
    fail(requirement, std::string(op.name) + " answered 200 with a body that is not a JSON object");
    return;
  }
  const model::Operation& model_op = context_.spec->operation(op.name);
  if (model_op.output != nullptr)
    for (const auto& v :
         model::validate(op.name, model::Direction::kOutput, *model_op.output, parsed.value)) {
      fail(v.requirement_id, std::string(op.name) + ": " + v.message);
      return;
    }
  if (op.verb == lc::Verb::kAcknowledge) {
    const std::string want = e.body->value("status", "");
    const std::string got = parsed.value.value("status", "");
    if (got != want)
      fail(requirement,
           std::string(op.name) + " answered status '" + got + "', expected '" + want + "'");
  }
  if (job) learn(op, *job, parsed.value);
}

void Sut::poll(JobKind flavour, std::size_t type_index, std::optional<int> batch) {
  if (violation_) return;
  const auto& op = lc::operation_for(lc::Verb::kPoll, flavour);
  const json& type = context_.action_types[type_index % context_.action_types.size()];
  json input{{"actionTypeId", type}};
  if (batch) input["maxBatchSize"] = *batch;
  const auto now = lc::Clock::now();
  // The Board decides refusals; which jobs a poll hands out is the
  // endpoint's choice among those it may, so a copy answers first.
  lc::Board scratch = board_;
  const protocol::Request request = operation_request(context_, op, input);
  const protocol::Expected e = oracle_.expect(request, scratch, now);
  if (e.is_error()) return call(op, input, std::nullopt);
  const std::string queued = model::ids::semantic(op.name, model::ids::Semantic::kHandsOutQueued);
  const std::string twice = model::ids::semantic(op.name, model::ids::Semantic::kNeverTwice);
  Step step;
  step.expected = "200 with queued jobs of " + lc::action_type_key(type);
  const net::HttpResponse r = send(op, input, step);
  trace_.push_back(step);
  exercised_.push_back(queued);
  exercised_.push_back(twice);
  if (r.outcome != net::HttpResponse::Outcome::kResponse || r.status != 200) {
    fail(queued, std::string(op.name) + " answered " + step.answer + ", expected " + step.expected);
    return;
  }
  const protocol::BodyParse parsed = protocol::parse_body(r.body, true);
  if (parsed.problem != protocol::BodyParse::Problem::kNone || !parsed.value.is_object()) {
    fail(queued, std::string(op.name) + " answered 200 with a body that is not a JSON object");
    return;
  }
  const model::Operation& model_op = context_.spec->operation(op.name);
  for (const auto& v :
       model::validate(op.name, model::Direction::kOutput, *model_op.output, parsed.value)) {
    fail(v.requirement_id, std::string(op.name) + ": " + v.message);
    return;
  }
  const auto jobs = parsed.value.find("jobs");
  if (jobs == parsed.value.end() || !jobs->is_array()) return;  // no jobs
  if (batch && jobs->size() > static_cast<std::size_t>(*batch)) {
    fail(queued, std::string(op.name) + " handed out " + std::to_string(jobs->size()) +
                     " jobs for maxBatchSize " + std::to_string(*batch));
    return;
  }
  const std::string key = lc::action_type_key(type);
  std::set<std::size_t> seen;
  for (const auto& entry : *jobs) {
    const std::string id =
        entry.value(flavour == JobKind::kThirdParty ? "jobId" : "id", std::string());
    const auto index = board_.find(id);
    if (!index || context_.fixtures->jobs[*index].kind != flavour) {
      if (!continued_.empty()) continue;  // a new job for a continued one (docs/worker.md)
      fail(queued, std::string(op.name) + " handed out job '" + id +
                       "', which the fixtures do not hold as a " + to_string(flavour) + " job");
      return;
    }
    if (continued_.count(*index) != 0) continue;
    const auto& state = board_.states()[*index];
    if (!seen.insert(*index).second) {
      fail(twice, std::string(op.name) + " handed out job '" + id + "' twice in one answer");
      return;
    }
    if (!board_.pollable(*index, key, flavour, now)) {
      const bool held = state.status == "Dispatched" || state.status == "InProgress";
      fail(held ? twice : queued,
           std::string(op.name) + " handed out job '" + id + "', which is " + state.status +
               (held ? " (handed out before, its acknowledgement time not over)"
                     : " or not queued under " + key));
      return;
    }
    const auto& fixture = context_.fixtures->jobs[*index];
    if (flavour == JobKind::kThirdParty && entry.value("clientId", "") != fixture.client_id) {
      fail(queued, std::string(op.name) + " handed out job '" + id + "' with clientId '" +
                       entry.value("clientId", "") + "', not its own '" + fixture.client_id + "'");
      return;
    }
    // A nonce of an earlier dispatch is stale now; a queued job's fixture
    // nonce was never handed out.
    if (state.dispatches > 0 && !state.nonce.empty()) old_nonces_[*index].push_back(state.nonce);
    board_.dispatch(*index, now);
    board_.learn_nonce(*index, flavour == JobKind::kCustom ? entry.value("nonce", "") : "");
    handed_.push_back(*index);
  }
}

void Sut::acknowledge(std::size_t pick, bool handed, NonceKind kind, bool own_token) {
  const auto job = job_for(pick, handed);
  if (job && continued_.count(*job) != 0) return;
  const JobKind flavour = flavour_of(job, pick);
  // A third-party worker reads the nonce from the job's details first.
  if (job && kind == NonceKind::kCurrent && flavour == JobKind::kThirdParty &&
      board_.states()[*job].nonce.empty())
    details(pick, handed, true);
  if (violation_) return;
  const auto& op = lc::operation_for(lc::Verb::kAcknowledge, flavour);
  json input = job_input(job, own_token);
  if (flavour == JobKind::kCustom) input.erase("clientToken");
  std::string nonce = kWrongNonce;
  if (job) {
    const std::string& current = board_.states()[*job].nonce;
    if (kind == NonceKind::kCurrent && !current.empty()) nonce = current;
    if (kind == NonceKind::kStale && !old_nonces_[*job].empty()) nonce = old_nonces_[*job].back();
  }
  input["nonce"] = nonce;
  call(op, input, job);
}

void Sut::details(std::size_t pick, bool handed, bool own_token) {
  const auto job = job_for(pick, handed);
  if (job && continued_.count(*job) != 0) return;
  // A wrong token is a third-party question (a custom job asked so is
  // not-third-party-job).
  const JobKind flavour = !own_token ? JobKind::kThirdParty : flavour_of(job, pick);
  const auto& op = lc::operation_for(lc::Verb::kDetails, flavour);
  json input = job_input(job, own_token);
  if (flavour == JobKind::kCustom) input.erase("clientToken");
  call(op, input, job);
}

void Sut::result(std::size_t pick, bool handed, bool success, bool continuation, bool own_token) {
  const auto job = job_for(pick, handed);
  if (job && continued_.count(*job) != 0) return;
  const JobKind flavour = flavour_of(job, pick);
  const auto& op = lc::operation_for(success ? lc::Verb::kSucceed : lc::Verb::kFail, flavour);
  json input = job_input(job, own_token);
  if (flavour == JobKind::kCustom) input.erase("clientToken");
  if (!success) input["failureDetails"] = {{"type", "JobFailed"}, {"message", "failed by cpct"}};
  if (success && continuation) input["continuationToken"] = "cpct-continue";
  const bool in_progress = job && board_.states()[*job].status == "InProgress";
  call(op, input, job);
  // After a continuation the endpoint may queue the same job or make a new
  // one (the documents do not say): the sequence leaves that job alone.
  if (success && continuation && in_progress && !violation_) continued_.insert(*job);
}

std::string step_command(const Step& step, const Endpoint& endpoint,
                         const std::string& endpoint_text) {
  return curl_command(step.request, ReproduceContext{endpoint_text, endpoint.config().scope.region,
                                                     endpoint.config().scope.service,
                                                     endpoint.config().limits.tls});
}

}  // namespace cpct::check::lifecycle
