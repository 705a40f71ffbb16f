// cpct check client: runs a client under test behind the adapter protocol
// against cpct's own endpoint, which answers each request with a response
// planned from the model, and judges what the client makes of it.
#include <ctime>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <thread>

#include <CLI/CLI.hpp>

#include "check/client/planner.hpp"
#include "check/client/runner.hpp"
#include "check/event_streams.hpp"
#include "cli/baseline_flag.hpp"
#include "cli/commands.hpp"
#include "cli/flags.hpp"
#include "cli/interrupt.hpp"
#include "cli/operation_globs.hpp"
#include "cli/profile_flag.hpp"
#include "cli/terminal.hpp"
#include "model/model_file.hpp"
#include "model/requirement_ids.hpp"
#include "report/writers.hpp"

namespace cpct::cli {
namespace {

// A case id such as c17; nullopt for anything else. Nine digits at most:
// no plan is that large, and stoul never overflows.
std::optional<std::size_t> parse_case(const std::string& text) {
  if (text.size() < 2 || text.size() > 10 || text[0] != 'c' ||
      text.find_first_not_of("0123456789", 1) != std::string::npos)
    return std::nullopt;
  return std::stoul(text.substr(1));
}

struct Options {
  std::string adapter;
  std::string operations;
  std::optional<std::uint64_t> seed;
  std::size_t cases = 100;
  long long timeout_ms = 0;  // add_timeout_flag sets the default
  std::size_t retries = 0;   // add_retries_flag sets the default
  std::size_t shrink_budget = 1000;
  std::optional<std::string> baseline, case_id, report_dir, model, profile;
  Output output;
};

int run(const Options& o, const CLI::App& app) {
  const std::string* adapter = &o.adapter;
  const std::uint64_t seed = seed_or_random(o.seed);
  const std::size_t cases = o.cases;
  const long long timeout = o.timeout_ms;
  const std::size_t retries = o.retries;
  check_report_dir(o.report_dir);
  const std::optional<std::size_t> only = o.case_id ? parse_case(*o.case_id) : std::nullopt;
  const auto spec = spec_of(o.model, o.profile);
  // An event-stream input cannot be handed to an adapter as JSON; an
  // event-stream output is planned without its successes (untested).
  const auto checked = checked_operations(*spec, o.operations);
  const auto& operations = checked.operations;
  const nlohmann::json& streams = checked.untested;
  model::Catalogue catalogue(*spec);
  // The profile's unions shape the plan (spec_of); its sources go into the
  // catalogue as they do for check server.
  profile_of(o.profile, *spec, catalogue);
  const auto baseline = baseline_of(o.baseline, catalogue);
  model::Redactor redactor;  // by shape: no fixtures' secrets to learn
  // The adapter inherits the environment and gets these: what it prints or
  // sends of them never shows.
  redactor.add_environment_secrets();
  // Every flag that changes the verdict but --case, which each failure's
  // reproducer (and the rerun line of a --case run) appends.
  const std::string rerun = rerun_command(app, {{"adapter", *adapter},
                                                {"seed", std::to_string(seed)},
                                                {"cases", std::to_string(cases)},
                                                {"timeout-ms", std::to_string(timeout)},
                                                {"retries", std::to_string(retries)},
                                                {"operations", o.operations},
                                                {"baseline", o.baseline.value_or("")},
                                                {"model", o.model.value_or("")},
                                                {"profile", o.profile.value_or("")}});
  check::ClientRunConfig config{*adapter, std::chrono::milliseconds(timeout), 48, only, rerun};
  config.retries = retries;
  config.shrink_budget = o.shrink_budget;
  catch_interrupts();
  config.stop = &interrupt_signal();
  check::ClientRunner runner(*spec, redactor, config);
  if (!runner.start(operations, seed)) {
    // Stopped while asking the adapter what it serves: no case ran.
    if (const int signal = interrupt_signal().load(); signal != 0) {
      std::cerr << "cpct: stopped by signal " << signal << " before the first case\n";
      return kExitFailed;
    }
    throw UsageError(runner.why());
  }

  // Only the operations the adapter serves are planned (so case IDs do not
  // depend on the others); the rest are untested, said here and in the
  // report, not failed.
  std::vector<std::string> tested;
  for (const auto& operation : operations)
    if (runner.supports(operation)) tested.push_back(operation);
  const check::ClientPlan plan(*spec, {seed, cases, tested});
  if (only && *only >= plan.size())
    throw UsageError("--case c" + std::to_string(*only) + " is not in this plan (c0 to c" +
                     std::to_string(plan.size() - 1) + ")");
  std::vector<const model::Requirement*> selected;
  std::set<const model::Requirement*> seen;
  for (const auto& operation : tested)
    for (const auto* r : catalogue.for_operation(operation))
      if (model::ids::is_client(r->id) && seen.insert(r).second) selected.push_back(r);
  check::Results results(catalogue, selected);
  if (const auto& untested = runner.unsupported(); !untested.empty()) {
    std::string names;
    for (std::size_t i = 0; i < untested.size() && i < 5; ++i)
      names += (i ? ", " : "") + untested[i];
    if (untested.size() > 5) names += ", ...";
    if (!o.output.quiet)
      std::cerr << "cpct check client: " << untested.size()
                << (untested.size() == 1 ? " operation" : " operations")
                << " untested (the adapter answered UnknownOperation): " << names << "\n";
  }
  if (const auto line = check::untested_line(streams); !line.empty() && !o.output.quiet)
    std::cerr << "cpct check client: untested: " << line << "\n";
  if (!o.output.quiet)
    std::cerr << "cpct check client: " << *adapter << ", " << spec->metadata.service_id << " ("
              << spec->wire.name << "), " << tested.size()
              << (tested.size() == 1 ? " operation, " : " operations, ") << runner.total(plan)
              << " cases (" << plan.planned() << " planned, " << cases << " generated), seed "
              << seed << "\n";
  const auto started = std::chrono::steady_clock::now();
  const std::string started_at = now_iso8601();
  Progress progress(
      "cases", runner.total(plan), [&] { return results.summary().must_failed; }, !o.output.quiet);
  std::thread reporter([&] { progress.run([&] { return results.cases(); }); });
  runner.run(plan, results);
  progress.finish();
  reporter.join();

  // Whole operations the adapter lacks, by name; parts cpct does not
  // check, with the reason.
  nlohmann::json untested = runner.unsupported();
  for (const auto& entry : streams)
    if (runner.supports(entry.value("operation", ""))) untested.push_back(entry);
  report::RunInfo info;
  info.version = CPCT_VERSION;
  info.seed = seed;
  info.target = {{"kind", "client"},
                 {"adapter", *adapter},
                 {"adapterStarts", runner.adapter_starts()},
                 {"operations", tested},
                 {"untested", untested},
                 {"adapterStderr", redactor.text(runner.stderr_tail())}};
  info.model = {{"service", spec->metadata.service_id},
                {"apiVersion", spec->metadata.api_version},
                {"protocol", spec->wire.name}};
  info.operation =
      tested.size() == 1 ? tested.front() : std::to_string(tested.size()) + " operations";
  info.started = started_at;
  info.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  info.rerun = rerun + (only ? " --case c" + std::to_string(*only) : "");
  if (const int signal = interrupt_signal().load(); signal != 0)
    info.stopped = {{"reason", "signal"},
                    {"signal", signal},
                    {"after_ms", static_cast<long long>(info.seconds * 1000)}};
  const int code = conclude(info, results, o.report_dir, o.output, baseline ? &*baseline : nullptr);
  if (const int signal = interrupt_signal().load(); signal != 0) {
    // Not a verdict on the whole plan: the gate fails.
    std::cerr << "cpct: stopped by signal " << signal << " after " << results.cases() << " of "
              << runner.total(plan) << " cases; the rest are untested\n";
    return kExitFailed;
  }
  return code;
}

Run define(CLI::App& app) {
  auto o = std::make_shared<Options>();
  app.add_option("--adapter", o->adapter,
                 "run with sh -c; speaks the adapter protocol on stdin/stdout")
      ->type_name("COMMAND")
      ->required()
      ->check(non_empty());
  add_operations_flag(app, o->operations);
  add_seed_flag(app, o->seed, "seed of the plan; the same seed sends the same responses");
  add_number(app, "--cases", o->cases, "generated valid outputs after the planned cases", 0,
             100'000'000);
  add_timeout_flag(app, o->timeout_ms, "per-case timeout; a slower answer fails no-hang");
  add_retries_flag(app, o->retries);
  add_number(app, "--shrink-budget", o->shrink_budget,
             "shrink candidates (adapter lines) the whole run may send to minimise failing "
             "responses; a reproducer the budget cut short says so (0: no shrinking)",
             0, 100'000'000);
  add_baseline_flag(app, o->baseline);
  app.add_option("--case", o->case_id, "run only this case (as a report's reproducer does)")
      ->type_name("ID")
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            return parse_case(text) ? ""
                                    : "takes a case id such as c17, not '" + one_line(text) + "'";
          },
          "", "case"));
  add_report_dir_flag(app, o->report_dir);
  add_output_flags(app, o->output);
  add_model_flag(app, o->model);
  add_profile_flag(app, o->profile);
  return [o, &app] { return run(*o, app); };
}

}  // namespace

const Command& check_client_command() {
  static const Command command{
      "check client",
      "Check a client (SDK, job worker) through an adapter against the contract",
      {"cpct check client --adapter './my-adapter --region us-east-1' --operations 'Get*'",
       "cpct check client --adapter ./my-adapter --format json > summary.json"},
      &define};
  return command;
}

}  // namespace cpct::cli
