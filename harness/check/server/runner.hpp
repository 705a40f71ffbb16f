#pragma once
// Runs a plan against an endpoint: --jobs worker threads, one connection
// each, every request signed like an SDK's; each response judged, failures
// shrunk and recorded. The verdict does not depend on --jobs.
#include <atomic>
#include <chrono>
#include <map>
#include <string>

#include "check/reproduce.hpp"
#include "check/results.hpp"
#include "check/server/judge.hpp"
#include "check/server/planner.hpp"
#include "check/shrink.hpp"
#include "model/redact.hpp"
#include "net/http_client.hpp"
#include "net/sigv4.hpp"
#include "protocol/oracle.hpp"

namespace cpct::check {

struct RunConfig {
  net::Url endpoint;
  std::string endpoint_text;  // as the user wrote it, for reproducers
  net::ClientLimits limits;
  std::size_t jobs = 1;
  std::size_t shard_index = 0;
  std::size_t shard_count = 1;
  net::Credentials credentials;
  net::SigningScope scope;
  std::size_t shrink_attempts = 64;  // candidates per failing requirement
  /// Candidates in a row that are not smaller failures before a shrink stops.
  std::size_t shrink_stall = 32;
  /// --shrink-budget: shrink candidates the whole run may send.
  std::size_t shrink_budget = 1000;
  std::size_t retries = 2;  // --retries: a failing case runs again up to this often
  /// The run's bound (--max-seconds): no case starts, and no shrink step is
  /// sent, after it; an exchange in flight is cut at it (limits.not_after)
  /// and its answer dropped, the case left untested.
  std::chrono::steady_clock::time_point stop_at = std::chrono::steady_clock::time_point::max();
};

class Runner {
 public:
  Runner(const Plan& plan, const protocol::Oracle& oracle, const Judge& judge,
         const model::Redactor& redactor, RunConfig config);

  /// Runs every case of the plan in this shard; blocks until done.
  void run(Results& results);

  /// One signed exchange on a fresh client (the pre-flight check).
  net::HttpResponse probe(const Case& c) const;

  /// Cases in this shard.
  std::size_t total() const;

  /// True when the run stopped at RunConfig::stop_at with cases left.
  bool stopped() const { return stopped_.load(); }

  /// True when `response` was cut by the run's bound rather than answered
  /// late: a verdict on it would blame the endpoint for cpct's bound.
  bool cut(const net::HttpResponse& response) const;

 private:
  struct Shrunk {
    Case c;
    protocol::Expected expected;
    net::HttpResponse response;
    std::size_t steps = 0;  // 0: the case itself is shown (shrinking stopped at once)
    ShrinkStop stop = ShrinkStop::kMinimal;
  };

  struct Sent;

  void work(Results& results);
  /// The case's findings, judged the first time they are asked for.
  const std::vector<Finding>& judged(Sent& sent) const;
  /// Counts, retries, shrinks and records the case (judged if not yet).
  void conclude(net::HttpClient& client, Results& results, Sent& sent);
  net::HttpRequest signed_request(const Case& c) const;
  FailureRecord record_shrunk(const Case& c, const protocol::Expected& expected,
                              const net::HttpResponse& response, const Finding& f,
                              const std::map<std::string, Shrunk>& shrunk) const;
  net::HttpResponse send(net::HttpClient& client, const Case& c) const;
  FailureRecord record(const Case& c, const protocol::Expected& expected,
                       const net::HttpResponse& response, const Finding& finding,
                       const model::Redactor& redactor) const;
  /// Why a shown case is not known to be minimal ("" when it is).
  std::string not_minimal(const Shrunk& s) const;

  const Plan& plan_;
  const protocol::Oracle& oracle_;
  const Judge& judge_;
  const model::Redactor& redactor_;
  RunConfig config_;
  ReproduceContext reproduce_;
  rc::Gen<Case> generator_;
  std::atomic<std::size_t> next_{0};
  std::atomic<bool> stopped_{false};
  std::atomic<std::size_t> shrink_left_;  // of config_.shrink_budget
};

/// The case as reports show it (body as text, made printable).
nlohmann::json describe_case(const Case& c);

}  // namespace cpct::check
