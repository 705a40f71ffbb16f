// cpct check server: plans cases from the model and the fixtures, sends
// them to an endpoint, judges every answer, and exits 0 (conformant), 1 (a
// MUST requirement failed) or 2 (usage or setup error).
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <thread>

#include <CLI/CLI.hpp>

#include "check/event_streams.hpp"
#include "check/lifecycle/lifecycle_check.hpp"
#include "check/server/judge.hpp"
#include "check/server/planner.hpp"
#include "check/server/runner.hpp"
#include "cli/baseline_flag.hpp"
#include "cli/commands.hpp"
#include "cli/flags.hpp"
#include "cli/operation_globs.hpp"
#include "cli/profile_flag.hpp"
#include "cli/terminal.hpp"
#include "cli/tls_flags.hpp"
#include "model/fixtures.hpp"
#include "model/lifecycle/board.hpp"
#include "model/model_file.hpp"
#include "model/requirement_ids.hpp"
#include "report/writers.hpp"
#include "server/handler.hpp"
#include "text/utf8.hpp"

namespace cpct::cli {
namespace {

// I/N with 0 <= I < N; nullopt for anything else.
std::optional<std::pair<std::size_t, std::size_t>> parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  const auto digits = [](const std::string& part) {
    return !part.empty() && part.size() <= 9 &&
           part.find_first_not_of("0123456789") == std::string::npos;
  };
  if (slash == std::string::npos || !digits(text.substr(0, slash)) ||
      !digits(text.substr(slash + 1)))
    return std::nullopt;
  const auto i = std::stoul(text.substr(0, slash));
  const auto n = std::stoul(text.substr(slash + 1));
  if (n < 1 || i >= n) return std::nullopt;
  return std::pair{i, n};
}

// The region goes into a signed header; CR or LF there would add headers.
std::string check_region(std::string& region) {
  if (region.empty() || region.size() > 64 ||
      region.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos)
    return "must be a region name such as us-east-1 (lowercase letters, digits, '-'), not '" +
           one_line(region) + "'";
  return "";
}

struct Options {
  std::string endpoint;
  std::optional<std::string> fixtures, profile, baseline, model, report_dir;
  std::string operations;
  std::optional<std::uint64_t> seed;
  std::size_t cases = 200;
  std::size_t jobs = 4;
  std::string shard = "0/1";
  long long timeout_ms = 0;  // add_timeout_flag sets the default
  std::optional<long long> max_seconds;
  std::string region = "us-east-1";
  std::size_t retries = 0;  // add_retries_flag sets the default
  std::size_t shrink_budget = 1000;
  std::optional<std::size_t> sequences;
  std::optional<std::string> reset_url;
  std::string reset_command;
  TlsClientFlags tls;
  Output output;
};

// cpct serve's reset path on the endpoint's host (docs/worker.md).
std::string lifecycle_reset_url(const net::Url& url) {
  return url.origin() + std::string(server::kResetPath);
}

struct LifecycleRun {
  std::uint64_t seed;
  std::size_t sequences;
  std::size_t first_case_index;
  std::size_t shard_index;
  std::size_t shard_count;
  std::string endpoint_text;
  std::string reset_url;
  std::string reset_command;
};

// True when the run's bound stopped the lifecycle before its end.
bool run_lifecycle(const std::shared_ptr<const model::Spec>& spec,
                   const std::shared_ptr<const model::Fixtures>& fixtures,
                   const protocol::Oracle& oracle, const check::RunConfig& config,
                   check::Results& results, const LifecycleRun& run, bool quiet) {
  namespace lc = check::lifecycle;
  const lc::Context context = lc::make_context(spec, fixtures);
  lc::Endpoint::Config endpoint{config.endpoint,
                                config.limits,
                                config.credentials,
                                config.scope,
                                run.reset_command.empty() ? run.reset_url : "",
                                run.reset_command};
  lc::Options options;
  options.seed = run.seed;
  options.sequences = run.sequences;
  options.first_case_index = run.first_case_index;
  options.shard_index = run.shard_index;
  options.shard_count = run.shard_count;
  options.endpoint_text = run.endpoint_text;
  options.stop_at = config.stop_at;
  // This shard's sequences: those whose case index is I modulo N.
  std::size_t here = 0;
  for (std::size_t k = 0; k < run.sequences; ++k)
    here += (run.first_case_index + k) % run.shard_count == run.shard_index;
  if (!quiet)
    std::cerr << "cpct check server: lifecycle, " << here
              << " sequences of the job-worker operations, then 2 pollers at once\n";
  Progress progress(
      "sequences", here, [&] { return results.summary().must_failed; }, !quiet);
  std::atomic<std::size_t> done{0};
  std::thread reporter([&] { progress.run([&] { return done.load(); }); });
  const lc::Outcome outcome = lc::run(context, oracle, endpoint, options, results, [&] { ++done; });
  progress.finish();
  reporter.join();
  if (!outcome.setup_error.empty())
    throw UsageError("lifecycle: " + outcome.setup_error + " (or --sequences 0 to skip it)");
  return outcome.stopped;
}

int run(const Options& o, const CLI::App& app) {
  const std::string* endpoint_text = &o.endpoint;
  const auto& fixtures_path = o.fixtures;
  const net::Url url = net::Url::parse(o.endpoint);  // checked while parsing
  const net::TlsOptions tls = tls_options_of(o.tls, url);
  const std::uint64_t seed = seed_or_random(o.seed);
  const std::size_t cases = o.cases;
  const std::size_t jobs = o.jobs;
  const long long timeout = o.timeout_ms;
  const auto [shard_index, shard_count] = *parse_shard(o.shard);
  const std::size_t retries = o.retries;
  const std::string& region = o.region;
  check_report_dir(o.report_dir);
  const std::string reset_url = o.reset_url.value_or(lifecycle_reset_url(url));
  const std::string& reset_command = o.reset_command;

  const auto spec = spec_of(o.model, o.profile);
  // An event-stream input is no JSON request: such an operation is left
  // out; an event-stream output is planned, its successes not judged.
  const auto checked = checked_operations(*spec, o.operations);
  const auto& operations = checked.operations;
  const nlohmann::json& streams = checked.untested;
  const std::size_t shrink_budget = o.shrink_budget;
  // Without fixtures every operation is checked from its model alone.
  const auto fixtures = fixtures_path ? std::make_shared<const model::Fixtures>(
                                            model::load_fixtures_file(*fixtures_path, *spec))
                                      : nullptr;
  static const model::Fixtures no_fixtures;
  model::Catalogue catalogue(*spec);
  const protocol::Profile profile = profile_of(o.profile, *spec, catalogue);
  const auto baseline = baseline_of(o.baseline, catalogue);
  const protocol::Oracle oracle(spec, fixtures, profile.validation_error);
  const check::Judge judge(*spec, catalogue, profile.validation_error, profile.messages);
  check::PlanFilter filter;
  const bool turns_off = std::any_of(profile.requirements.begin(), profile.requirements.end(),
                                     [](const auto& change) { return !change.level; });
  // A requirement the profile turns off is not exercised at all: no case
  // breaks it, and no planned case whose expected answer rests on it is
  // sent (its answer would be judged by a rule the service does not keep).
  // The answers are asked of a board of their own, so the oracle's stays
  // as the fixtures have it.
  auto scratch = std::make_shared<model::lifecycle::Board>(fixtures);
  if (turns_off) {
    filter.skip = [&profile](const std::string& id) { return profile.excludes(id); };
    filter.keep = [&profile, &oracle, scratch](const check::Case& c) {
      const auto expected = oracle.expect(c.request, *scratch, model::lifecycle::Clock::now());
      return std::none_of(expected.requirements.begin(), expected.requirements.end(),
                          [&](const std::string& id) { return profile.excludes(id); });
    };
  }
  const check::Plan plan(*spec, fixtures ? *fixtures : no_fixtures, {seed, cases, operations},
                         std::move(filter));
  model::Redactor redactor =
      fixtures && spec->find_operation(model::kFixturesOperation)
          ? model::Redactor(spec->operation(model::kFixturesOperation).output, fixtures.get())
          : model::Redactor();
  // What the endpoint echoes of the signed requests never shows the keys.
  redactor.add_environment_secrets();

  check::RunConfig config;
  config.endpoint = url;
  config.endpoint_text = *endpoint_text;
  config.limits.timeout = std::chrono::milliseconds(timeout);
  config.limits.tls = tls;
  config.jobs = jobs;
  config.shard_index = shard_index;
  config.shard_count = shard_count;
  config.credentials = net::Credentials::from_environment();
  config.scope = {region, spec->metadata.signing_name};
  config.retries = retries;
  config.shrink_budget = shrink_budget;
  // The run's bound: by default what the shard's cases take if each one
  // used its whole timeout once.
  const std::size_t in_shard =
      plan.size() > shard_index ? (plan.size() - shard_index + shard_count - 1) / shard_count : 0;
  const long long max_seconds = o.max_seconds.value_or(
      std::max<long long>(1, (static_cast<long long>(in_shard) * timeout + 999) / 1000));
  // Counted from here, before the probe: stopped.after_ms reads on this clock.
  const auto bound_started = std::chrono::steady_clock::now();
  config.stop_at = bound_started + std::chrono::seconds(max_seconds);
  // Every exchange, the lifecycle's and the probe's too, ends by the bound.
  config.limits.not_after = config.stop_at;
  check::Runner runner(plan, oracle, judge, redactor, config);

  // Pre-flight: an endpoint that is not there is a setup error, not a verdict.
  // So is a certificate it cannot be trusted by (a handshake that fails
  // later is that case's transport failure).
  const auto probe = runner.probe(plan.at(0));
  if (probe.outcome == net::HttpResponse::Outcome::kConnectFailed) {
    if (probe.error.rfind(net::kTlsFailurePrefix, 0) == 0)
      throw UsageError("endpoint " + *endpoint_text + ": " + probe.error);
    throw UsageError("endpoint " + *endpoint_text + " is unreachable: " + probe.error +
                     " (is the server running?)");
  }

  // Only the selected operations' own requirements and the shared ones; the
  // client side is another command's.
  std::vector<const model::Requirement*> selected;
  std::set<const model::Requirement*> seen;
  for (const auto& operation : operations)
    for (const auto* r : catalogue.for_operation(operation))
      if (!model::ids::is_client(r->id) && !profile.excludes(r->id) && seen.insert(r).second)
        selected.push_back(r);
  // The lifecycle: by default when the fixtures queue a job for it.
  const bool queued =
      fixtures && std::any_of(fixtures->jobs.begin(), fixtures->jobs.end(),
                              [](const auto& job) { return job.state == "Queued"; });
  const std::size_t sequences = o.sequences.value_or(queued ? 100 : 0);
  if (sequences > 0 && !fixtures)
    throw UsageError("--sequences needs --fixtures: the lifecycle steps the fixtures' jobs");
  if (sequences > 0)
    for (const auto* r : check::lifecycle::requirements(catalogue)) selected.push_back(r);
  check::Results results(catalogue, selected);
  if (turns_off && !o.output.quiet) {
    std::size_t off = 0;
    for (const auto& r : catalogue.all()) off += profile.excludes(r.id);
    std::cerr << "cpct check server: " << off << (off == 1 ? " requirement" : " requirements")
              << " off by the profile (not planned, not judged)\n";
  }
  if (const auto line = check::untested_line(streams); !line.empty() && !o.output.quiet)
    std::cerr << "cpct check server: untested: " << line << "\n";

  if (!o.output.quiet)
    std::cerr << "cpct check server: " << *endpoint_text << ", " << spec->metadata.service_id
              << " (" << spec->wire.name << "), " << operations.size()
              << (operations.size() == 1 ? " operation, " : " operations, ") << runner.total()
              << " cases (" << plan.planned() << " planned, " << cases << " generated), seed "
              << seed << ", " << jobs << " jobs\n";
  const auto started = std::chrono::steady_clock::now();
  const std::string started_at = now_iso8601();
  Progress progress(
      "cases", runner.total(), [&] { return results.summary().must_failed; }, !o.output.quiet);
  std::thread reporter([&] { progress.run([&] { return results.cases(); }); });
  runner.run(results);
  progress.finish();
  reporter.join();
  bool stopped = runner.stopped();
  if (sequences > 0 && !stopped)
    stopped = run_lifecycle(spec, fixtures, oracle, config, results,
                            {seed, sequences, plan.size(), shard_index, shard_count, *endpoint_text,
                             reset_url, reset_command},
                            o.output.quiet);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  report::RunInfo info;
  info.version = CPCT_VERSION;
  info.seed = seed;
  info.target = {{"kind", "server"}, {"endpoint", *endpoint_text}, {"operations", operations}};
  if (fixtures_path) info.target["fixtures"] = *fixtures_path;
  if (!streams.empty()) info.target["untested"] = streams;
  info.model = {{"service", spec->metadata.service_id},
                {"apiVersion", spec->metadata.api_version},
                {"protocol", spec->wire.name}};
  if (!profile.origin.empty()) info.model["profile"] = profile.origin;
  info.operation = operations.size() == 1 ? operations.front()
                                          : std::to_string(operations.size()) + " operations";
  info.started = started_at;
  // What a merge of shards checks to be one plan (cpct report --merge): what
  // shapes the cases and the verdict beyond the seed, model, operations,
  // fixtures and baseline the document holds anyway.
  info.shard = {{"index", shard_index},
                {"count", shard_count},
                {"plan",
                 {{"cases", cases},
                  {"planned", plan.planned()},
                  {"sequences", sequences},
                  {"retries", retries},
                  {"timeoutMs", timeout},
                  {"region", region}}}};
  info.seconds = seconds;
  if (stopped)
    info.stopped = {{"reason", "max-seconds"},
                    {"after_ms", std::chrono::duration_cast<std::chrono::milliseconds>(
                                     std::chrono::steady_clock::now() - bound_started)
                                     .count()},
                    {"bound_ms", max_seconds * 1000}};
  // Every flag that changes the verdict; not --jobs (the verdict does not
  // depend on it) nor --report-dir.
  info.rerun = rerun_command(
      app, {{"endpoint", *endpoint_text},
            {"fixtures", fixtures_path.value_or("")},
            {"operations", o.operations},
            {"profile", o.profile.value_or("")},
            {"baseline", o.baseline.value_or("")},
            {"seed", std::to_string(seed)},
            {"cases", std::to_string(cases)},
            {"shard", std::to_string(shard_index) + "/" + std::to_string(shard_count)},
            {"timeout-ms", std::to_string(timeout)},
            // The bound changes which cases run: the line keeps the user's.
            {"max-seconds", o.max_seconds ? std::to_string(max_seconds) : ""},
            {"region", region},
            {"retries", std::to_string(retries)},
            // Its default follows the fixtures, which the line carries.
            {"sequences", o.sequences ? std::to_string(sequences) : ""},
            {"reset-url", o.reset_url.value_or("")},
            {"reset-command", reset_command},
            {"ca-file", tls.ca_file},
            {"insecure", tls.insecure ? "true" : ""},
            {"model", o.model.value_or("")}});
  const int code = conclude(info, results, o.report_dir, o.output, baseline ? &*baseline : nullptr);
  if (!stopped) return code;
  std::cerr << "cpct check server: stopped at the run's bound (--max-seconds " << max_seconds
            << "): " << results.cases() << " of " << runner.total()
            << " cases run, the rest untested\n";
  return std::max(code, 1);
}

Run define(CLI::App& app) {
  auto o = std::make_shared<Options>();
  app.add_option("--endpoint", o->endpoint,
                 "the endpoint under test, http://HOST:PORT or https://HOST:PORT")
      ->type_name("URL")
      ->required()
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            try {
              net::Url::parse(text);
              return "";
            } catch (const std::invalid_argument& e) {
              return e.what();
            }
          },
          "", "url"));
  add_tls_client_flags(app, o->tls);
  add_operations_flag(app, o->operations);
  add_profile_flag(app, o->profile);
  add_baseline_flag(app, o->baseline);
  app.add_option("--fixtures", o->fixtures,
                 "the jobs the endpoint holds (see cpct fixtures); adds the job-worker semantics")
      ->type_name("FILE")
      ->default_str("none: every operation judged from the model alone");
  add_seed_flag(app, o->seed, "seed of the plan; the same seed sends the same cases");
  add_number(app, "--cases", o->cases, "generated cases after the planned ones", 0, 100'000'000);
  add_number(app, "--jobs", o->jobs, "concurrent connections", 1, 256);
  app.add_option(
         "--shard", o->shard,
         "run only cases I, I+N, I+2N, ... of the plan, lifecycle sequences too (split a run "
         "across machines; cpct report --merge makes the shards one report)")
      ->type_name("I/N")
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            return parse_shard(text)
                       ? ""
                       : "must be I/N with 0 <= I < N, e.g. 0/4, not '" + one_line(text) + "'";
          },
          "", "shard"))
      ->capture_default_str();
  add_timeout_flag(app, o->timeout_ms, "per-request timeout; a slower answer fails no-hang");
  add_number(app, "--shrink-budget", o->shrink_budget,
             "shrink candidates (requests) the whole run may send to minimise failing cases; a "
             "reproducer the budget cut short says so (0: no shrinking)",
             0, 100'000'000);
  add_number(app, "--max-seconds", o->max_seconds,
             "bound of the whole run: no case starts after it, the rest are untested, exit 1", 1,
             31'536'000)
      ->default_str("the cases x --timeout-ms");
  app.add_option("--region", o->region,
                 "SigV4 signing region (credentials from AWS_ACCESS_KEY_ID etc.)")
      ->type_name("R")
      ->check(CLI::Validator(check_region, "", "region"))
      ->capture_default_str();
  add_retries_flag(app, o->retries);
  add_number(app, "--sequences", o->sequences,
             "lifecycle sequences of the ten job-worker operations (0: none); each starts "
             "from a reset endpoint",
             0, 1'000'000)
      ->default_str("100 when the fixtures queue a job, else 0");
  auto* reset_url =
      app.add_option("--reset-url", o->reset_url,
                     "POSTed to put the endpoint back to its fixtures before a sequence")
          ->type_name("URL")
          ->default_str("ENDPOINT/_cpct/reset (cpct serve's)");
  app.add_option("--reset-command", o->reset_command,
                 "run with sh -c instead of --reset-url to reset the endpoint")
      ->type_name("CMD")
      ->excludes(reset_url);
  add_report_dir_flag(app, o->report_dir);
  add_output_flags(app, o->output);
  add_model_flag(app, o->model);
  return [o, &app] { return run(*o, app); };
}

}  // namespace

const Command& check_server_command() {
  static const Command command{
      "check server",
      "Check an endpoint of any aws-json service against its model (and, with fixtures, the "
      "job-worker lifecycle)",
      {"cpct check server --endpoint http://127.0.0.1:4567 --model "
       "/usr/lib/python3/dist-packages/botocore/data/kinesis/2013-12-02/service-2.json",
       "cpct check server --endpoint http://127.0.0.1:4567 --fixtures "
       "corpus/fixtures/example.json --quiet --report-dir report"},
      &define};
  return command;
}

}  // namespace cpct::cli
