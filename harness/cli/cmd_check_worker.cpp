// cpct check worker: runs a job worker against cpct's own stateful
// endpoint, one scenario at a time, and judges the trace of its calls.
// Exit 0 (every MUST held), 1 (one failed) or 2 (usage or setup error).
#include <iostream>
#include <memory>
#include <optional>
#include <thread>

#include <CLI/CLI.hpp>

#include "check/worker/worker_check.hpp"
#include "cli/commands.hpp"
#include "cli/flags.hpp"
#include "cli/terminal.hpp"
#include "model/model_file.hpp"
#include "model/validator.hpp"
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

struct Options {
  std::string worker;
  std::string action_type = kDefaultType;
  std::optional<std::uint64_t> seed;
  std::size_t scenarios = 3;
  std::optional<std::string> scenario, report_dir, model;
  long long scenario_ms = 8000;
  Output output;
};

int run(const Options& o, const CLI::App& app) {
  const std::string* command = &o.worker;
  const std::uint64_t seed = seed_or_random(o.seed);
  const std::size_t generated = o.scenarios;
  const long long scenario_ms = o.scenario_ms;
  check_report_dir(o.report_dir);
  const auto spec = model::load_spec(o.model.value_or(""));
  const json type = parse_action_type(o.action_type, *spec);
  std::vector<check::worker::Scenario> scenarios;
  try {
    scenarios = check::worker::plan_scenarios(*spec, type, seed, generated);
  } catch (const model::FixturesError& e) {
    throw UsageError(std::string("cannot plan scenarios: ") + e.what());
  }
  if (const auto& only = o.scenario) {
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
  options.rerun = rerun_command(app, {{"worker", *command},
                                      {"seed", std::to_string(seed)},
                                      {"scenarios", std::to_string(generated)},
                                      {"scenario-ms", std::to_string(scenario_ms)},
                                      {"action-type", o.action_type},
                                      {"scenario", o.scenario.value_or("")},
                                      {"model", o.model.value_or("")}});
  if (!o.output.quiet)
    std::cerr << "cpct check worker: " << *command << ", " << scenarios.size() << " scenarios for "
              << type.dump() << ", seed " << seed << "\n";
  const auto started = std::chrono::steady_clock::now();
  const std::string started_at = now_iso8601();
  Progress progress(
      "scenarios", scenarios.size(), [&] { return results.summary().must_failed; },
      !o.output.quiet);
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
  return conclude(info, results, o.report_dir, o.output);
}

Run define(CLI::App& app) {
  auto o = std::make_shared<Options>();
  app.add_option("--worker", o->worker,
                 "run with sh -c, with CPCT_ENDPOINT, CPCT_ACTION_TYPE, CPCT_CLIENT_TOKENS and "
                 "AWS_* set (docs/worker.md); stopped with SIGTERM")
      ->type_name("COMMAND")
      ->required()
      ->check(non_empty());
  app.add_option("--action-type", o->action_type,
                 "the ActionTypeId it polls for (owner ThirdParty or Custom)")
      ->type_name("JSON")
      ->capture_default_str();
  add_seed_flag(app, o->seed, "seed of the scenarios' jobs and faults");
  add_number(app, "--scenarios", o->scenarios, "generated scenarios after the planned ones", 0,
             1000);
  app.add_option("--scenario", o->scenario,
                 "run only this scenario (as a report's reproducer does): jobs, continued, "
                 "throttled, lost-jobs, hostile or generated-N")
      ->type_name("NAME");
  add_number(app, "--scenario-ms", o->scenario_ms, "the longest one scenario may run", 500,
             3'600'000);
  add_report_dir_flag(app, o->report_dir);
  add_output_flags(app, o->output);
  add_model_flag(app, o->model);
  return [o, &app] { return run(*o, app); };
}

}  // namespace

const Command& check_worker_command() {
  static const Command command{
      "check worker",
      "Run a job worker against cpct's stateful endpoint and judge its whole trace",
      {"cpct check worker --worker ./my-worker",
       "cpct check worker --worker 'python3 worker.py' --scenario jobs --quiet"},
      &define};
  return command;
}

}  // namespace cpct::cli
