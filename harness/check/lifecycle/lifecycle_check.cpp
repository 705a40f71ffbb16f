#include "check/lifecycle/lifecycle_check.hpp"

#include <set>
#include <thread>

#include "check/lifecycle/commands.hpp"
#include "check/server/planner.hpp"
#include "model/lifecycle/operations.hpp"
#include "model/requirement_ids.hpp"

namespace cpct::check::lifecycle {
namespace {

using nlohmann::json;

struct Run {
  std::vector<Step> trace;
  std::vector<std::string> exercised;
  std::optional<Violation> violation;
  std::string setup_error;
  bool cut = false;  // the run's bound passed while it ran: not judged
};

bool past(std::chrono::steady_clock::time_point stop_at) {
  return std::chrono::steady_clock::now() >= stop_at;
}

Run run_once(const Context& context, const protocol::Oracle& oracle, Endpoint& endpoint,
             const Commands& commands, std::chrono::steady_clock::time_point stop_at) {
  Run out;
  if (!endpoint.reset(out.setup_error)) {
    // A reset the bound cut is the bound's, not a setup error.
    out.cut = past(stop_at);
    if (out.cut) out.setup_error.clear();
    return out;
  }
  Sut sut(context, oracle, endpoint);
  const Plan plan{&context};
  for (const auto& command : commands) {
    command->run(plan, sut);
    if (sut.violation() || past(stop_at)) break;
  }
  out.cut = past(stop_at);
  out.trace = sut.trace();
  out.exercised = sut.exercised();
  out.violation = sut.violation();
  return out;
}

std::string numbered(const std::vector<Step>& trace, const Endpoint& endpoint,
                     const std::string& endpoint_text) {
  std::string out;
  const auto& reset = endpoint.config().reset_url;
  if (!reset.empty()) out += "0. curl -sS -X POST '" + reset + "'\n";
  for (std::size_t i = 0; i < trace.size(); ++i)
    out += std::to_string(i + 1) + ". " + step_command(trace[i], endpoint, endpoint_text) +
           "    # answered " + trace[i].answer + ", expected " + trace[i].expected + "\n";
  return out;
}

json describe_trace(const std::vector<Step>& trace) {
  json steps = json::array();
  for (const auto& s : trace)
    steps.push_back({{"operation", s.request.name},
                     {"body", s.request.request.body},
                     {"answered", s.answer},
                     {"expected", s.expected}});
  return steps;
}

// Two connections poll every action type at once until both see no more
// jobs; no job may reach both (or one twice).
std::optional<Violation> pollers_race(const Context& context, const Endpoint::Config& config,
                                      std::size_t pollers, std::size_t& calls) {
  std::vector<std::vector<std::string>> got(pollers);
  std::vector<std::thread> threads;
  std::atomic<std::size_t> sent{0};
  const std::size_t rounds = context.fixtures->jobs.size() + 2;
  for (std::size_t p = 0; p < pollers; ++p) {
    threads.emplace_back([&, p] {
      Endpoint endpoint(config);
      for (std::size_t round = 0; round < rounds; ++round) {
        bool any = false;
        for (const auto& type : context.action_types) {
          for (const auto flavour : {model::JobKind::kThirdParty, model::JobKind::kCustom}) {
            const auto& op = lc::operation_for(lc::Verb::kPoll, flavour);
            Case c;
            c.request = operation_request(context, op, json{{"actionTypeId", type}});
            const auto r = endpoint.send(c);
            ++sent;
            if (r.outcome != net::HttpResponse::Outcome::kResponse || r.status != 200) continue;
            const auto body = json::parse(r.body, nullptr, false);
            if (!body.is_object() || !body.contains("jobs") || !body["jobs"].is_array()) continue;
            for (const auto& entry : body["jobs"]) {
              const auto id = entry.value(flavour == model::JobKind::kThirdParty ? "jobId" : "id",
                                          std::string());
              got[p].push_back(id);
              any = true;
            }
          }
        }
        if (!any) break;
      }
    });
  }
  for (auto& t : threads) t.join();
  calls += sent;
  std::map<std::string, std::size_t> count;
  for (const auto& list : got)
    for (const auto& id : list)
      if (++count[id] == 2)
        return Violation{
            model::ids::semantic("PollForThirdPartyJobs", model::ids::Semantic::kNeverTwice),
            "job '" + id + "' was handed out twice while " + std::to_string(pollers) +
                " connections polled at once"};
  return std::nullopt;
}

}  // namespace

std::vector<const model::Requirement*> requirements(const model::Catalogue& catalogue) {
  std::vector<const model::Requirement*> out;
  for (const auto& r : catalogue.all()) {
    if (r.family != model::Family::kSemantics) continue;
    const auto* op = lc::find_operation(r.operation);
    // GetThirdPartyJobDetails' semantics are the stateless check's.
    if (op != nullptr && std::string(op->name) != "GetThirdPartyJobDetails") out.push_back(&r);
  }
  return out;
}

Outcome run(const Context& context, const protocol::Oracle& oracle, const Endpoint::Config& config,
            const Options& options, Results& results, const std::function<void()>& on_sequence) {
  Outcome outcome;
  Endpoint endpoint(config);
  const auto gen = sequences(context);
  const auto in_shard = [&](std::size_t index) {
    return index % std::max<std::size_t>(1, options.shard_count) == options.shard_index;
  };
  for (std::size_t k = 0; k < options.sequences; ++k) {
    if (!in_shard(options.first_case_index + k)) continue;
    if (past(options.stop_at)) {
      outcome.stopped = true;
      return outcome;
    }
    const int size = 1 + static_cast<int>((k * options.max_length) /
                                          std::max<std::size_t>(1, options.sequences));
    auto shrinkable = gen(rc::Random(mix_seed(options.seed, k)), size);
    Run first = run_once(context, oracle, endpoint, shrinkable.value(), options.stop_at);
    if (first.cut) {
      outcome.stopped = true;
      return outcome;
    }
    if (!first.setup_error.empty()) {
      outcome.setup_error = first.setup_error;
      return outcome;
    }
    ++outcome.sequences_run;
    outcome.calls += first.trace.size();
    Run best = first;
    Commands best_commands = shrinkable.value();
    if (first.violation) {
      // RapidCheck's shrink tree: take the first smaller sequence that still
      // breaks the same requirement, and go on from there.
      std::size_t runs = 0;
      bool progress = true;
      while (progress && runs < options.shrink_runs && !past(options.stop_at)) {
        progress = false;
        auto shrinks = shrinkable.shrinks();
        while (auto next = shrinks.next()) {
          if (++runs > options.shrink_runs) break;
          Run candidate = run_once(context, oracle, endpoint, next->value(), options.stop_at);
          outcome.calls += candidate.trace.size();
          if (candidate.cut) break;
          if (candidate.violation &&
              candidate.violation->requirement == first.violation->requirement) {
            shrinkable = *next;
            best = std::move(candidate);
            best_commands = shrinkable.value();
            progress = true;
            break;
          }
        }
      }
    }
    std::vector<Finding> findings;
    for (const auto& id : best.exercised) findings.push_back({id, true, ""});
    if (best.violation)
      findings.push_back({best.violation->requirement, false, best.violation->detail});
    const std::size_t index = options.first_case_index + k;
    results.count_case();
    results.add(index, findings, [&](const Finding& f) {
      FailureRecord record;
      record.case_info = {
          {"id", "s" + std::to_string(k)},
          {"kind", "lifecycle"},
          {"name", "lifecycle sequence of " + std::to_string(best.trace.size()) +
                       " calls (shrunk from " + std::to_string(first.trace.size()) + ")"},
          {"commands", show(best_commands)},
          {"steps", describe_trace(best.trace)}};
      record.expected = best.trace.empty() ? json() : json(best.trace.back().expected);
      record.observed = best.trace.empty() ? json() : json(best.trace.back().answer);
      record.detail = f.detail;
      record.reproduce = numbered(best.trace, endpoint, options.endpoint_text);
      return record;
    });
    if (on_sequence) on_sequence();
  }
  // The race, on a freshly reset endpoint.
  std::string why;
  if (options.pollers >= 2 && !past(options.stop_at) &&
      in_shard(options.first_case_index + options.sequences) && endpoint.reset(why)) {
    const auto race = pollers_race(context, config, options.pollers, outcome.calls);
    if (past(options.stop_at)) {
      outcome.stopped = true;
      return outcome;
    }
    const std::size_t index = options.first_case_index + options.sequences;
    results.count_case();
    std::vector<Finding> findings{
        {model::ids::semantic("PollForThirdPartyJobs", model::ids::Semantic::kNeverTwice), true,
         ""},
        {model::ids::semantic("PollForJobs", model::ids::Semantic::kNeverTwice), true, ""}};
    if (race) findings.push_back({race->requirement, false, race->detail});
    results.add(index, findings, [&](const Finding& f) {
      FailureRecord record;
      record.case_info = {{"id", "race"},
                          {"kind", "lifecycle"},
                          {"name", std::to_string(options.pollers) + " pollers at once"}};
      record.detail = f.detail;
      // The same poll from several shells at once shows it.
      Step poll;
      const auto& op = lc::operation_for(lc::Verb::kPoll, model::JobKind::kThirdParty);
      poll.request.request =
          operation_request(context, op, json{{"actionTypeId", context.action_types.front()}});
      const std::string line = step_command(poll, endpoint, options.endpoint_text);
      for (std::size_t p = 0; p < options.pollers; ++p)
        record.reproduce += std::to_string(p + 1) + ". " + line + " &\n";
      record.reproduce += "wait    # the same job in two answers";
      return record;
    });
    endpoint.reset(why);
  }
  return outcome;
}

}  // namespace cpct::check::lifecycle
