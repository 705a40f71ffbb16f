#include "check/runner.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <thread>

#include "check/shrink.hpp"
#include "model/json_depth.hpp"
#include "model/utf8.hpp"

namespace cpct::check {
namespace {

using nlohmann::json;

// Failing requirements a case is shrunk for, at most: shrinking costs
// requests, and one minimal example per case says most of it.
constexpr std::size_t kShrinksPerCase = 2;

const model::Fixtures& fixtures_or_none(const protocol::Oracle& oracle) {
  static const model::Fixtures none;
  return oracle.fixtures() != nullptr ? *oracle.fixtures() : none;
}

}  // namespace

json describe_case(const Case& c) {
  json out = {{"id", c.id()},
              {"kind", to_string(c.kind)},
              {"name", model::to_printable(c.name)},
              {"operation", c.operation},
              {"method", c.method},
              {"path", c.path},
              {"contentType", c.request.content_type},
              {"body", model::to_printable(c.request.body)}};
  out["target"] = c.request.target ? json(model::to_printable(*c.request.target)) : json(nullptr);
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
      generator_(
          generated_case(oracle.spec(), fixtures_or_none(oracle), plan.options().operations)) {
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

net::HttpResponse Runner::send(net::HttpClient& client, const Case& c) const {
  auto http = to_http(c);
  net::sign_v4(http, config_.endpoint.authority(), config_.credentials, config_.scope,
               std::chrono::system_clock::now());
  return client.send(http);
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

void Runner::work(Results& results) {
  net::HttpClient client(config_.endpoint, config_.limits);
  for (;;) {
    const std::size_t slot = next_.fetch_add(1);
    const std::size_t index = config_.shard_index + slot * config_.shard_count;
    if (index >= plan_.size()) return;
    if (std::chrono::steady_clock::now() >= config_.stop_at) {
      stopped_ = true;
      return;
    }
    const Case c = plan_.at(index);
    const auto expected = oracle_.expect(c.request);
    const auto response = send(client, c);
    if (cut(response)) {
      stopped_ = true;
      return;
    }
    Choice choice;
    const auto findings = judge_.judge(c, expected, response, &choice);
    results.count_case();
    // A chosen answer may quote the implementation (an error code it sent).
    if (!choice.question.empty())
      results.record_choice({choice.question, redactor_.text(choice.answer)});
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
      Shrunk last{c, expected, response};
      const auto result = shrink_case(
          c, &generator_,
          [&](const Case& candidate) {
            if (std::chrono::steady_clock::now() >= config_.stop_at) return false;
            auto e = oracle_.expect(candidate.request);
            auto r = send(client, candidate);
            if (cut(r)) return false;
            for (const auto& g : judge_.judge(candidate, e, r)) {
              if (g.requirement == f.requirement && !g.ok) {
                last = Shrunk{candidate, std::move(e), std::move(r)};
                return true;
              }
            }
            return false;
          },
          config_.shrink_attempts);
      if (result.steps > 0) shrunk.emplace(f.requirement, std::move(last));
    }

    results.add(index, findings, [&](const Finding& f) {
      return with_runs(record_shrunk(c, expected, response, f, shrunk), f.requirement, failed_runs,
                       config_.retries);
    });
  }
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
  if (body) out["body"] = model::to_printable(*body);
  return out;
}

}  // namespace

FailureRecord Runner::record_shrunk(const Case& c, const protocol::Expected& expected,
                                    const net::HttpResponse& response, const Finding& f,
                                    const std::map<std::string, Shrunk>& shrunk) const {
  const auto it = shrunk.find(f.requirement);
  if (it == shrunk.end()) return record(c, expected, response, f);
  // The minimal example's own finding says what is wrong with it.
  Finding minimal_finding = f;
  for (const auto& g : judge_.judge(it->second.c, it->second.expected, it->second.response))
    if (g.requirement == f.requirement && !g.ok) minimal_finding = g;
  auto out = record(it->second.c, it->second.expected, it->second.response, minimal_finding);
  const auto body = redacted_request_body(c, oracle_.spec().find_operation(c.operation), redactor_);
  out.shrunk_from = describe_redacted(c, body, redactor_);
  return out;
}

FailureRecord Runner::record(const Case& c, const protocol::Expected& expected,
                             const net::HttpResponse& response, const Finding& finding) const {
  const auto* op = oracle_.spec().find_operation(c.operation);
  const auto body = redacted_request_body(c, op, redactor_);
  FailureRecord out;
  out.case_info = describe_redacted(c, body, redactor_);
  out.case_info["seed"] = plan_.options().seed;
  out.expected = redactor_.strings(describe_expected(expected));
  json observed = describe_observed(response);
  if (observed.contains("body") && op != nullptr && op->output != nullptr && response.status == 200)
    observed["body"] = redactor_.by_shape(observed["body"], *op->output);
  if (expected.status == 200 && op != nullptr && op->output != nullptr &&
      out.expected.contains("body"))
    out.expected["body"] = redactor_.by_shape(out.expected["body"], *op->output);
  out.observed = redactor_.strings(observed);
  out.detail = redactor_.text(finding.detail);
  if (body) {
    Case shown = c;  // the reproducer sends what the report shows
    shown.request.body = *body;
    out.reproduce = redactor_.text(curl_command(shown, reproduce_));
  } else {
    out.reproduce = redactor_.text(curl_command(c, reproduce_));
  }
  return out;
}

}  // namespace cpct::check
