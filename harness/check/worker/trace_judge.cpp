#include "check/worker/trace_judge.hpp"

#include <set>

#include "model/lifecycle/board.hpp"
#include "model/lifecycle/operations.hpp"
#include "model/requirement_ids.hpp"

namespace cpct::check::worker {
namespace {

using nlohmann::json;
namespace lc = model::lifecycle;
using W = model::ids::Worker;

std::string ms(std::chrono::milliseconds t) {
  return std::to_string(t.count()) + " ms";
}

struct Judge {
  const Scenario& scenario;
  const RunFacts& facts;
  std::map<std::string, std::string> first_failure;  // requirement → detail

  void fail(W rule, const std::string& detail) {
    first_failure.emplace(model::ids::worker(rule), detail);
  }
  const model::FixtureJob* job_of(const Call& call) const {
    if (!call.input.is_object()) return nullptr;
    return scenario.fixtures->find(call.input.value("jobId", ""));
  }
  std::string at(const Call& call) const {
    return "call at " + ms(call.at) + " (" + call.operation + ")";
  }

  void calls() {
    const bool third = scenario.action_type.value("owner", "") != "Custom";
    const std::string type_key = lc::action_type_key(scenario.action_type);
    std::map<std::string, std::string> nonce;  // the latest nonce handed to it, per job
    std::map<std::string, bool> acked;         // since the latest hand-out
    std::map<std::string, bool> ended;         // a result taken since the latest hand-out
    std::set<std::string> lost;                // told the job is lost, not handed out since
    std::set<std::string> owed;                // acknowledged, no result yet
    for (const auto& call : facts.calls) {
      const auto* info = lc::find_operation(call.operation);
      if (info == nullptr) continue;
      const auto* job = job_of(call);
      const std::string id = job != nullptr ? job->id : "";
      if (info->verb == lc::Verb::kPoll) {
        const std::string key = call.input.is_object()
                                    ? lc::action_type_key(call.input.value("actionTypeId", json()))
                                    : "";
        if (key != type_key || (info->flavour == model::JobKind::kThirdParty) != third)
          fail(W::kPollsOwnActionType,
               at(call) + " polled for " + key + "; its action type is " + type_key);
        for (std::size_t i = 0; i < call.handed.size(); ++i) {
          const std::string& handed = call.handed[i];
          nonce[handed] = info->flavour == model::JobKind::kCustom ? call.nonces[i] : "";
          acked[handed] = false;
          ended[handed] = false;
          lost.erase(handed);
        }
        continue;
      }
      if (job == nullptr) continue;
      if (lost.count(id) != 0)
        fail(W::kStopsOnLostJob,
             at(call) + " on job " + id + " after it was reported lost to the worker");
      if (info->flavour == model::JobKind::kThirdParty &&
          call.input.value("clientToken", "") != job->client_token)
        fail(W::kClientToken, at(call) + " on job " + id +
                                  " did not carry the client token of clientId " + job->client_id);
      if (info->verb == lc::Verb::kDetails && call.status == 200 && call.fault.empty() &&
          !call.nonces.empty())
        nonce[id] = call.nonces.front();
      if (info->verb == lc::Verb::kAcknowledge) {
        const std::string sent = call.input.value("nonce", "");
        if (nonce.count(id) == 0 || nonce[id].empty())
          fail(W::kAcknowledgeNonce,
               at(call) + " acknowledged job " + id + " before it was given its nonce");
        else if (sent != nonce[id])
          fail(W::kAcknowledgeNonce, at(call) + " acknowledged job " + id +
                                         " with a nonce that is not the one it was given");
        // A 200 counts even when its body was unreadable: the worker may take it as done.
        if (call.status == 200) {
          acked[id] = true;
          // An unreadable answer may be taken as a failed acknowledgement.
          if (call.fault.empty()) owed.insert(id);
        }
      }
      if (info->verb == lc::Verb::kSucceed || info->verb == lc::Verb::kFail) {
        if (!acked[id])
          fail(W::kAcknowledgeBeforeResult,
               at(call) + " sent a result for job " + id + " it had not acknowledged");
        if (ended[id])
          fail(W::kOneResult,
               at(call) + " sent a second result for job " + id + " after one was taken");
        if (call.status == 200 && call.fault.empty()) ended[id] = true;
        owed.erase(id);
      }
      if (call.error_type == "InvalidNonceException" || call.error_type == "JobNotFoundException") {
        lost.insert(id);
        owed.erase(id);
      }
    }
    for (const auto& id : owed)
      fail(W::kReportsResult,
           "job " + id + " was acknowledged and got no result before the worker was stopped");
  }

  // Every job of its type ends, but those a fault took away or left in
  // doubt (a result answered 5xx: retrying is the worker's choice).
  void completion() {
    std::set<std::string> exempt;
    for (const auto& call : facts.calls) {
      const auto* info = lc::find_operation(call.operation);
      const auto* job = job_of(call);
      if (info == nullptr || job == nullptr) continue;
      const bool result = info->verb == lc::Verb::kSucceed || info->verb == lc::Verb::kFail;
      if ((result && !call.fault.empty()) || call.error_type == "InvalidNonceException" ||
          call.error_type == "JobNotFoundException")
        exempt.insert(job->id);
    }
    const std::string type_key = lc::action_type_key(scenario.action_type);
    if (facts.calls.empty()) {
      fail(W::kTakesJobs, "the worker made no call to CPCT_ENDPOINT in " + ms(facts.ended_at) +
                              " (does it read CPCT_ENDPOINT?)");
      return;
    }
    for (const auto& job : scenario.fixtures->jobs) {
      const json type = lc::action_type_of(job);
      if (lc::action_type_key(type) != type_key || exempt.count(job.id) != 0) continue;
      const auto it = facts.states.find(job.id);
      const std::string state = it == facts.states.end() ? "?" : it->second;
      if (state != "Succeeded" && state != "Failed")
        fail(W::kTakesJobs,
             "job " + job.id + " is still " + state + " after " + ms(facts.ended_at));
    }
  }

  void polling() {
    if (facts.dropped > 0)
      fail(W::kNoBusyPoll, "the worker made more than " +
                               std::to_string(WorkerEndpoint::kMaxCalls) +
                               " calls in one scenario");
    if (facts.idle_from.count() < 0) return;
    std::size_t polls = 0;
    for (const auto& call : facts.calls)
      if (call.at >= facts.idle_from && lc::find_operation(call.operation) != nullptr &&
          lc::find_operation(call.operation)->verb == lc::Verb::kPoll)
        ++polls;
    const auto window = facts.ended_at - facts.idle_from;
    if (window.count() >= 500 && polls * 1000 > 20 * static_cast<std::size_t>(window.count()))
      fail(W::kNoBusyPoll, std::to_string(polls) + " polls in " + ms(window) +
                               " of an empty queue (more than 20 a second)");
  }

  void process() {
    if (facts.crashed)
      fail(W::kNoCrash, "the worker ended (" + *facts.crashed + ") before cpct stopped it");
    else if (facts.stop_killed || facts.stop_took.count() > 2000)
      fail(W::kStopsOnSignal, "after SIGTERM: " + facts.stop_status + " in " + ms(facts.stop_took));
  }
};

}  // namespace

std::vector<Finding> judge_trace(const Scenario& scenario, const RunFacts& facts) {
  Judge j{scenario, facts, {}};
  j.process();
  j.calls();
  j.completion();
  j.polling();
  std::vector<Finding> out;
  for (const W rule :
       {W::kNoCrash, W::kTakesJobs, W::kClientToken, W::kAcknowledgeNonce,
        W::kAcknowledgeBeforeResult, W::kOneResult, W::kReportsResult, W::kPollsOwnActionType,
        W::kStopsOnLostJob, W::kNoBusyPoll, W::kStopsOnSignal}) {
    const std::string id = model::ids::worker(rule);
    const auto it = j.first_failure.find(id);
    out.push_back({id, it == j.first_failure.end(), it == j.first_failure.end() ? "" : it->second});
  }
  return out;
}

}  // namespace cpct::check::worker
