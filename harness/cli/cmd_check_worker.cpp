// cpct check worker: runs a job worker against cpct's own stateful
// endpoint, one scenario at a time, and judges the trace of its calls.
// Exit 0 (every MUST held), 1 (one failed) or 2 (usage or setup error).
#include <iostream>
#include <random>
#include <thread>

#include "check/worker/worker_check.hpp"
#include "cli/commands.hpp"
#include "cli/terminal.hpp"
#include "model/model_file.hpp"
#include "report/writers.hpp"

namespace cpct::cli {
namespace {

using nlohmann::json;

constexpr const char* kDefaultType =
    R"({"category":"Deploy","owner":"ThirdParty","provider":"cpct-worker-check","version":"1"})";

json parse_action_type(const std::string& text, const model::Spec& spec) {
  const json type = json::parse(text, nullptr, false);
  if (!type.is_object())
    throw UsageError("--action-type takes a JSON ActionTypeId, e.g. " + std::string(kDefaultType));
  const auto owner = type.value("owner", "");
  if (owner != "ThirdParty" && owner != "Custom")
    throw UsageError(
        "--action-type: owner must be ThirdParty or Custom (job workers poll for "
        "those), not '" +
        owner + "'");
  const auto& poll = spec.operation(owner == "Custom" ? "PollForJobs" : "PollForThirdPartyJobs");
  for (const auto& v : model::validate(poll.name, model::Direction::kInput, *poll.input,
                                       json{{"actionTypeId", type}}))
    throw UsageError("--action-type: " + v.message);
  return type;
}

int run(const Args& args) {
  const auto command = args.get("worker");
  if (!command || command->empty())
    throw UsageError("--worker 'COMMAND' is required (see: cpct check worker --help)");
  const auto seed = static_cast<std::uint64_t>(
      args.get_int("seed", static_cast<long long>(std::random_device{}() >> 1), 0, 1LL << 62));
  const auto generated = static_cast<std::size_t>(args.get_int("scenarios", 3, 0, 1000));
  const auto scenario_ms = args.get_int("scenario-ms", 8000, 500, 3'600'000);
  check_report_dir(args.get("report-dir"));
  const auto spec = model::load_spec(args.get_or("model", ""));
  const json type = parse_action_type(args.get_or("action-type", kDefaultType), *spec);
  std::vector<check::worker::Scenario> scenarios;
  try {
    scenarios = check::worker::plan_scenarios(*spec, type, seed, generated);
  } catch (const model::FixturesError& e) {
    throw UsageError(std::string("cannot plan scenarios: ") + e.what());
  }
  if (const auto only = args.get("scenario")) {
    std::erase_if(scenarios, [&](const auto& s) { return s.name != *only; });
    if (scenarios.empty())
      throw UsageError("--scenario " + *only +
                       " is not planned (jobs, continued, throttled, lost-jobs, hostile, "
                       "generated-N)");
  }

  const model::Catalogue catalogue(*spec);
  check::Results results(catalogue, check::worker::requirements(catalogue));
  check::worker::Options options;
  options.command = *command;
  options.scenario_time = std::chrono::milliseconds(scenario_ms);
  options.credentials = {{"AWS_ACCESS_KEY_ID", "AKIDCPCTWORKERCHECK"},
                         {"AWS_SECRET_ACCESS_KEY", "cpct-worker-check-secret"},
                         {"AWS_REGION", "us-east-1"},
                         {"AWS_DEFAULT_REGION", "us-east-1"}};
  options.rerun = rerun_command(args, {{"worker", *command},
                                       {"seed", std::to_string(seed)},
                                       {"scenarios", std::to_string(generated)},
                                       {"scenario-ms", std::to_string(scenario_ms)},
                                       {"action-type", args.get_or("action-type", "")},
                                       {"scenario", args.get_or("scenario", "")},
                                       {"model", args.get_or("model", "")}});
  std::cerr << "cpct check worker: " << *command << ", " << scenarios.size() << " scenarios for "
            << type.dump() << ", seed " << seed << "\n";
  const auto started = std::chrono::steady_clock::now();
  const std::string started_at = now_iso8601();
  Progress progress("scenarios", scenarios.size(), [&] { return results.summary().must_failed; });
  std::thread reporter([&] { progress.run([&] { return results.cases(); }); });
  const auto outcome = check::worker::run(spec, scenarios, options, results, {});
  progress.finish();
  reporter.join();
  if (!outcome.setup_error.empty()) throw UsageError(outcome.setup_error);

  report::RunInfo info;
  info.version = CPCT_VERSION;
  info.seed = seed;
  info.operation = "job worker";
  info.target = {
      {"kind", "worker"}, {"worker", *command}, {"actionType", type}, {"calls", outcome.calls}};
  info.model = {{"service", spec->metadata.service_id}, {"apiVersion", spec->metadata.api_version}};
  info.started = started_at;
  info.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  info.rerun = options.rerun;
  return conclude(info, results, args.get("report-dir"));
}

}  // namespace

const Command& check_worker_command() {
  static const Command command{
      "check worker",
      "Run a job worker against cpct's stateful endpoint and judge its whole trace",
      "--worker 'COMMAND' [options]   e.g. cpct check worker --worker ./my-worker",
      {{"worker", "COMMAND",
        "run with sh -c, with CPCT_ENDPOINT, CPCT_ACTION_TYPE, CPCT_CLIENT_TOKENS and AWS_* set "
        "(docs/worker.md); stopped with SIGTERM"},
       {"action-type", "JSON", "the ActionTypeId it polls for (owner ThirdParty or Custom)",
        kDefaultType},
       {"seed", "N", "seed of the scenarios' jobs and faults", "random, printed"},
       {"scenarios", "N", "generated scenarios after the planned ones", "3"},
       {"scenario", "NAME", "run only this scenario (as a report's reproducer does)"},
       {"scenario-ms", "N", "the longest one scenario may run", "8000"},
       {"report-dir", "DIR",
        "write index.html, results.json, junit.xml, summary.md, results.sarif there"},
       model_flag()},
      &run};
  return command;
}

}  // namespace cpct::cli
