#include "check/server/runner.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <thread>

#include "check/case_secrets.hpp"
#include "check/server/case_prefetch.hpp"
#include "check/shrink.hpp"
#include "model/json_depth.hpp"
#include "text/utf8.hpp"

namespace cpct::check {
namespace {

using nlohmann::json;

// Failing requirements a case is shrunk for, at most: shrinking costs
// requests, and one minimal example per case says most of it.
constexpr std::size_t kShrinksPerCase = 2;

// A request signed ahead is signed again past this: services refuse one
// signed long before it arrives (minutes), and this is well inside that.
constexpr auto kSignedFor = std::chrono::seconds(10);

// An answer judged while the next request is on its way, at most: past
// it, the worker is done with it before sending the next.
constexpr std::size_t kOverlapBody = std::size_t{64} << 10;

const model::Fixtures& fixtures_or_none(const protocol::Oracle& oracle) {
  static const model::Fixtures none;
  return oracle.fixtures() != nullptr ? *oracle.fixtures() : none;
}

}  // namespace

json describe_case(const Case& c) {
  json out = {{"id", c.id()},
              {"kind", to_string(c.kind)},
              {"name", text::to_printable(c.name)},
              {"operation", c.operation},
              {"method", c.method},
              {"path", c.path},
              {"contentType", c.request.content_type},
              {"body", text::to_printable(c.request.body)}};
  out["target"] = c.request.target ? json(text::to_printable(*c.request.target)) : json(nullptr);
  if (!c.source.empty()) out["source"] = "smithy-test: " + c.source;
  return out;
}

Runner::Runner(const Plan& plan, const protocol::Oracle& oracle, const Judge& judge,
               const model::Redactor& redactor, RunConfig config)
    : plan_(plan),
      oracle_(oracle),
      judge_(judge),
      redactor_(redactor),
      config_(std::move(config)),
      reproduce_{config_.endpoint_text, config_.scope.region, config_.scope.service,
                 config_.limits.tls},
      generator_(generated_case(oracle.spec(), fixtures_or_none(oracle), plan.options().operations,
                                plan.filter().skip)),
      shrink_left_(config_.shrink_budget) {
  config_.limits.not_after = std::min(config_.limits.not_after, config_.stop_at);
}

std::size_t Runner::total() const {
  const std::size_t n = plan_.size();
  const std::size_t i = config_.shard_index;
  const std::size_t k = config_.shard_count;
  return n > i ? (n - i + k - 1) / k : 0;
}

bool Runner::cut(const net::HttpResponse& response) const {
  return response.outcome == net::HttpResponse::Outcome::kTimeout &&
         std::chrono::steady_clock::now() >= config_.stop_at;
}

net::HttpRequest Runner::signed_request(const Case& c) const {
  auto http = to_http(c);
  net::sign_v4(http, config_.endpoint.authority(), config_.credentials, config_.scope,
               std::chrono::system_clock::now());
  return http;
}

net::HttpResponse Runner::send(net::HttpClient& client, const Case& c) const {
  return client.send(signed_request(c));
}

net::HttpResponse Runner::probe(const Case& c) const {
  net::HttpClient client(config_.endpoint, config_.limits);
  return send(client, c);
}

void Runner::run(Results& results) {
  std::vector<std::thread> workers;
  for (std::size_t i = 1; i < config_.jobs; ++i) workers.emplace_back([&] { work(results); });
  work(results);
  for (auto& t : workers) t.join();
}

// A case sent and answered, not yet recorded.
struct Runner::Sent {
  Case c;
  protocol::Expected expected;
  net::HttpResponse response;
  std::optional<std::vector<Finding>> findings;  // once judged
  Choice choice;
};

void Runner::work(Results& results) {
  net::HttpClient client(config_.endpoint, config_.limits);
  PrefetchOptions options;
  options.claim = [&]() -> std::optional<std::size_t> {
    const std::size_t index = config_.shard_index + next_.fetch_add(1) * config_.shard_count;
    if (index >= plan_.size()) return std::nullopt;
    return index;
  };
  // An answer that steps no jobs' board depends on its request alone:
  // decided ahead too. The others are decided here, in send order.
  options.oracle = &oracle_;
  options.sign = [this](const Case& c) { return signed_request(c); };
  // A case claimed ahead is taken from the other workers: with several, one
  // ahead, or a slow endpoint leaves one worker a queue while the rest idle.
  options.depth = config_.jobs == 1 ? 16 : 1;
  CasePrefetch ahead(plan_, std::move(options));
  // The last case answered: judged while the next one is on its way, and
  // recorded (retried, shrunk) once that one is answered when it failed.
  std::optional<Sent> last;
  const auto finish_last = [&] {
    if (!last) return;
    conclude(client, results, *last);
    last.reset();
  };
  // A case that fails nothing sends nothing more (no retry, no shrink), so
  // it is recorded then too.
  const auto judge_last = [&] {
    if (!last) return;
    const auto& findings = judged(*last);
    if (std::all_of(findings.begin(), findings.end(), [](const Finding& f) { return f.ok; }))
      finish_last();
  };
  for (;;) {
    if (std::chrono::steady_clock::now() >= config_.stop_at) {
      stopped_ = true;
      break;
    }
    std::optional<Prepared> prepared = ahead.next();
    if (!prepared) break;
    // A request that steps the board waits for the last case's retries and
    // shrinks, which step it too: the board steps in send order. A large
    // answer is done with first too: holding two per worker would double
    // the memory a hostile endpoint's answers take.
    if (last && (!prepared->expected || last->response.body.size() > kOverlapBody)) finish_last();
    // Decided before the case moves: the oracle reads its request.
    protocol::Expected expected =
        prepared->expected ? std::move(*prepared->expected)
                           : oracle_.expect(prepared->c.request, prepared->c.body_value.get());
    Sent sent{std::move(prepared->c), std::move(expected), {}, std::nullopt, {}};
    // Signed again when it waited long (a slow endpoint's earlier cases):
    // services refuse a request signed too long before it arrives.
    const bool fresh =
        prepared->http && std::chrono::steady_clock::now() - prepared->signed_at < kSignedFor;
    const net::HttpRequest http = fresh ? std::move(*prepared->http) : signed_request(sent.c);
    std::exception_ptr failure;  // what judging threw, rethrown here and not an outcome
    sent.response = client.send(http, [&] {
      try {
        judge_last();
      } catch (...) {
        failure = std::current_exception();
      }
    });
    if (failure) std::rethrow_exception(failure);
    finish_last();
    if (cut(sent.response)) {
      stopped_ = true;
      break;
    }
    last = std::move(sent);
  }
  finish_last();
}

const std::vector<Finding>& Runner::judged(Sent& sent) const {
  if (!sent.findings)
    sent.findings = judge_.judge(sent.c, sent.expected, sent.response, &sent.choice);
  return *sent.findings;
}

void Runner::conclude(net::HttpClient& client, Results& results, Sent& sent) {
  const Case& c = sent.c;
  const protocol::Expected& expected = sent.expected;
  const net::HttpResponse& response = sent.response;
  const std::vector<Finding>& findings = judged(sent);
  const std::size_t index = c.index;
  results.count_case();
  // A chosen answer may quote the implementation (an error code it sent),
  // which may echo the case's own secrets.
  if (!sent.choice.question.empty())
    results.record_choice(
        {sent.choice.question,
         CaseRedactor(redactor_, case_secrets(oracle_.spec().find_operation(c.operation), c))
             .get()
             .text(sent.choice.answer)});
  // A retry the bound cuts repeats the first run's findings: it neither
  // invents a pass nor blames the endpoint for the bound.
  const auto failed_runs = count_failed_runs(results, index, findings, config_.retries, [&] {
    if (std::chrono::steady_clock::now() >= config_.stop_at) return findings;
    const auto again = send(client, c);
    return cut(again) ? findings : judge_.judge(c, expected, again);
  });
  // Only answers a connection carried: a refused connect has no latency.
  if (response.outcome != net::HttpResponse::Outcome::kConnectFailed)
    results.record_latency(response.latency);

  std::map<std::string, Shrunk> shrunk;
  for (const auto& f : findings) {
    if (f.ok || shrunk.size() >= kShrinksPerCase || shrunk.count(f.requirement)) continue;
    if (!results.would_keep(f.requirement, index)) continue;
    Shrunk least{c, expected, response};
    const ShrinkLimits limits{config_.shrink_attempts, config_.shrink_stall, &shrink_left_};
    const auto result = shrink_case(
        c, &generator_,
        [&](const Case& candidate) {
          if (std::chrono::steady_clock::now() >= config_.stop_at) return false;
          auto e = oracle_.expect(candidate.request);
          auto r = send(client, candidate);
          if (cut(r)) return false;
          for (const auto& g : judge_.judge(candidate, e, r)) {
            if (g.requirement == f.requirement && !g.ok) {
              least = Shrunk{candidate, std::move(e), std::move(r)};
              return true;
            }
          }
          return false;
        },
        limits);
    least.steps = result.steps;
    least.stop = result.stop;
    // Kept when it shrank, or when the report must say it could not.
    if (result.steps > 0 || result.stop != ShrinkStop::kMinimal)
      shrunk.emplace(f.requirement, std::move(least));
  }

  results.add(index, findings, [&](const Finding& f) {
    return with_runs(record_shrunk(c, expected, response, f, shrunk), f.requirement, failed_runs,
                     config_.retries);
  });
}

namespace {

// The request body with the input's sensitive members redacted (a generated
// SecretString is a secret too); the exact bytes when it holds none.
std::optional<std::string> redacted_request_body(const Case& c, const model::Operation* op,
                                                 const model::Redactor& redactor) {
  if (op == nullptr || op->input == nullptr) return std::nullopt;
  const json value = model::parse_json_within(c.request.body, model::kMaxShownJsonDepth);
  if (value.is_discarded()) return std::nullopt;
  const json shown = redactor.by_shape(value, *op->input);
  if (shown == value) return std::nullopt;
  return shown.dump(-1, ' ', false, json::error_handler_t::replace);
}

// describe_case, redacted, with the body as redacted_request_body shows it.
json describe_redacted(const Case& c, const std::optional<std::string>& body,
                       const model::Redactor& redactor) {
  json out = redactor.strings(describe_case(c));
  if (body) out["body"] = text::to_printable(*body);
  return out;
}

}  // namespace

std::string Runner::not_minimal(const Shrunk& s) const {
  switch (s.stop) {
    case ShrinkStop::kMinimal:
      return "";
    case ShrinkStop::kBudget:
      return std::string(s.steps > 0 ? "not minimal" : "not shrunk") +
             ": the run's shrink budget ran out (--shrink-budget " +
             std::to_string(config_.shrink_budget) + ")";
    case ShrinkStop::kAttempts:
      return "not minimal: shrinking stopped after " + std::to_string(config_.shrink_attempts) +
             " candidates";
    case ShrinkStop::kStalled:
      return "not minimal: shrinking stopped after " + std::to_string(config_.shrink_stall) +
             " candidates in a row that did not fail";
  }
  return "";
}

FailureRecord Runner::record_shrunk(const Case& c, const protocol::Expected& expected,
                                    const net::HttpResponse& response, const Finding& f,
                                    const std::map<std::string, Shrunk>& shrunk) const {
  const auto* op = oracle_.spec().find_operation(c.operation);
  const auto it = shrunk.find(f.requirement);
  // The case's own secrets, and the shrunk case's (a shortened secret is
  // another string): what the endpoint echoes of either is redacted.
  auto secrets = case_secrets(op, c);
  if (it != shrunk.end() && it->second.steps > 0)
    for (auto& s : case_secrets(op, it->second.c)) secrets.push_back(std::move(s));
  const CaseRedactor case_redactor(redactor_, secrets);
  const model::Redactor& redactor = case_redactor.get();
  if (it == shrunk.end()) return record(c, expected, response, f, redactor);
  if (it->second.steps == 0) {
    auto out = record(c, expected, response, f, redactor);
    out.not_minimal = not_minimal(it->second);
    return out;
  }
  // The minimal example's own finding says what is wrong with it.
  Finding minimal_finding = f;
  for (const auto& g : judge_.judge(it->second.c, it->second.expected, it->second.response))
    if (g.requirement == f.requirement && !g.ok) minimal_finding = g;
  auto out =
      record(it->second.c, it->second.expected, it->second.response, minimal_finding, redactor);
  const auto body = redacted_request_body(c, op, redactor);
  out.shrunk_from = describe_redacted(c, body, redactor);
  out.not_minimal = not_minimal(it->second);
  return out;
}

FailureRecord Runner::record(const Case& c, const protocol::Expected& expected,
                             const net::HttpResponse& response, const Finding& finding,
                             const model::Redactor& redactor) const {
  const auto* op = oracle_.spec().find_operation(c.operation);
  const auto body = redacted_request_body(c, op, redactor);
  FailureRecord out;
  out.case_info = describe_redacted(c, body, redactor);
  out.case_info["seed"] = plan_.options().seed;
  out.expected = redactor.strings(describe_expected(expected));
  // Redacted before describe_observed cuts the body: a cut secret would
  // be a prefix no redactor knows.
  net::HttpResponse shown = response;
  shown.body = redactor.text(std::move(shown.body));
  for (auto& h : shown.headers) h.value = redactor.text(std::move(h.value));
  json observed = describe_observed(shown);
  if (observed.contains("body") && op != nullptr && op->output != nullptr && response.status == 200)
    observed["body"] = redactor.by_shape(observed["body"], *op->output);
  if (expected.status == 200 && op != nullptr && op->output != nullptr &&
      out.expected.contains("body"))
    out.expected["body"] = redactor.by_shape(out.expected["body"], *op->output);
  out.observed = redactor.strings(observed);
  out.detail = redactor.text(finding.detail);
  if (body) {
    Case shown = c;  // the reproducer sends what the report shows
    shown.request.body = *body;
    shown.body_value.reset();
    out.reproduce = redactor.text(curl_command(shown, reproduce_));
  } else {
    out.reproduce = redactor.text(curl_command(c, reproduce_));
  }
  return out;
}

}  // namespace cpct::check
