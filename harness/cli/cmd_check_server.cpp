// cpct check server: plans cases from the model and the fixtures, sends
// them to an endpoint, judges every answer, and exits 0 (conformant), 1 (a
// MUST requirement failed) or 2 (usage or setup error).
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <iostream>
#include <random>
#include <set>
#include <thread>

#include "check/event_streams.hpp"
#include "check/judge.hpp"
#include "check/lifecycle/lifecycle_check.hpp"
#include "check/planner.hpp"
#include "check/runner.hpp"
#include "cli/baseline_flag.hpp"
#include "cli/commands.hpp"
#include "cli/operation_globs.hpp"
#include "cli/profile_flag.hpp"
#include "cli/terminal.hpp"
#include "model/fixtures.hpp"
#include "model/lifecycle/board.hpp"
#include "model/model_file.hpp"
#include "model/utf8.hpp"
#include "report/writers.hpp"
#include "server/handler.hpp"

namespace cpct::cli {
namespace {

std::pair<std::size_t, std::size_t> parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  try {
    if (slash != std::string::npos) {
      const auto i = std::stoul(text.substr(0, slash));
      const auto n = std::stoul(text.substr(slash + 1));
      if (n >= 1 && i < n) return {i, n};
    }
  } catch (const std::exception&) {
  }
  throw UsageError("--shard must be I/N with 0 <= I < N, e.g. 0/4, not '" + text + "'");
}

// cpct serve's reset path on the endpoint's host (docs/worker.md).
std::string lifecycle_reset_url(const net::Url& url) {
  return "http://" + url.authority() + std::string(server::kResetPath);
}

struct LifecycleRun {
  std::uint64_t seed;
  std::size_t sequences;
  std::size_t first_case_index;
  std::string endpoint_text;
  std::string reset_url;
  std::string reset_command;
};

void run_lifecycle(const std::shared_ptr<const model::Spec>& spec,
                   const std::shared_ptr<const model::Fixtures>& fixtures,
                   const protocol::Oracle& oracle, const check::RunConfig& config,
                   check::Results& results, const LifecycleRun& run) {
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
  options.endpoint_text = run.endpoint_text;
  std::cerr << "cpct check server: lifecycle, " << run.sequences
            << " sequences of the job-worker operations, then 2 pollers at once\n";
  Progress progress("sequences", run.sequences, [&] { return results.summary().must_failed; });
  std::atomic<std::size_t> done{0};
  std::thread reporter([&] { progress.run([&] { return done.load(); }); });
  const lc::Outcome outcome = lc::run(context, oracle, endpoint, options, results, [&] { ++done; });
  progress.finish();
  reporter.join();
  if (!outcome.setup_error.empty())
    throw UsageError("lifecycle: " + outcome.setup_error + " (or --sequences 0 to skip it)");
}

int run(const Args& args) {
  const auto endpoint_text = args.get("endpoint");
  if (!endpoint_text)
    throw UsageError("--endpoint URL is required (see: cpct check server --help)");
  const auto fixtures_path = args.get("fixtures");
  net::Url url;
  try {
    url = net::Url::parse(*endpoint_text);
  } catch (const std::invalid_argument& e) {
    throw UsageError(std::string("--endpoint: ") + e.what());
  }
  const auto seed = static_cast<std::uint64_t>(
      args.get_int("seed", static_cast<long long>(std::random_device{}() >> 1), 0, 1LL << 62));
  const auto cases = static_cast<std::size_t>(args.get_int("cases", 200, 0, 100'000'000));
  const auto jobs = static_cast<std::size_t>(args.get_int("jobs", 4, 1, 256));
  const auto timeout = args.get_int("timeout-ms", 5000, 10, 600'000);
  const auto [shard_index, shard_count] = parse_shard(args.get_or("shard", "0/1"));
  const auto retries = retries_of(args);
  const std::string region = args.get_or("region", "us-east-1");
  // The region goes into a signed header; CR or LF there would add headers.
  if (region.empty() || region.size() > 64 ||
      region.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos)
    throw UsageError(
        "--region must be a region name such as us-east-1 (lowercase letters, digits, "
        "'-'), not '" +
        one_line(region) + "'");
  check_report_dir(args.get("report-dir"));
  const std::string reset_url = args.get_or("reset-url", lifecycle_reset_url(url));
  const std::string reset_command = args.get_or("reset-command", "");

  const auto spec = model::load_spec(args.get_or("model", ""));
  const auto selected_operations = select_operations(*spec, args.get_or("operations", ""));
  // An event-stream input is no JSON request: such an operation is left
  // out; an event-stream output is planned, its successes not judged.
  const nlohmann::json streams = check::untested_streams(*spec, selected_operations);
  const auto operations = check::without_input_streams(*spec, selected_operations);
  if (operations.empty())
    throw UsageError(
        "every selected operation has an event-stream input, which cpct does not "
        "check: " +
        check::untested_line(streams));
  const auto shrink_budget =
      static_cast<std::size_t>(args.get_int("shrink-budget", 1000, 0, 100'000'000));
  // Without fixtures every operation is checked from its model alone.
  const auto fixtures = fixtures_path ? std::make_shared<const model::Fixtures>(
                                            model::load_fixtures_file(*fixtures_path, *spec))
                                      : nullptr;
  static const model::Fixtures no_fixtures;
  model::Catalogue catalogue(*spec);
  const protocol::Profile profile = profile_of(args, *spec, catalogue);
  const auto baseline = baseline_of(args, catalogue);
  const protocol::Oracle oracle(spec, fixtures, profile.validation_error);
  const check::Judge judge(*spec, catalogue, profile.validation_error);
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
  report::Redactor redactor =
      fixtures && spec->find_operation(model::kFixturesOperation)
          ? report::Redactor(spec->operation(model::kFixturesOperation).output, fixtures.get())
          : report::Redactor();
  // What the endpoint echoes of the signed requests never shows the keys.
  redactor.add_environment_secrets();

  check::RunConfig config;
  config.endpoint = url;
  config.endpoint_text = *endpoint_text;
  config.limits.timeout = std::chrono::milliseconds(timeout);
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
  const auto max_seconds = args.get_int(
      "max-seconds",
      std::max<long long>(1, (static_cast<long long>(in_shard) * timeout + 999) / 1000), 1,
      31'536'000);
  config.stop_at = std::chrono::steady_clock::now() + std::chrono::seconds(max_seconds);
  check::Runner runner(plan, oracle, judge, redactor, config);

  // Pre-flight: an endpoint that is not there is a setup error, not a verdict.
  const auto probe = runner.probe(plan.at(0));
  if (probe.outcome == net::HttpResponse::Outcome::kConnectFailed)
    throw UsageError("endpoint " + *endpoint_text + " is unreachable: " + probe.error +
                     " (is the server running?)");

  // Only the selected operations' own requirements and the shared ones; the
  // client side is another command's.
  std::vector<const model::Requirement*> selected;
  std::set<const model::Requirement*> seen;
  for (const auto& operation : operations)
    for (const auto* r : catalogue.for_operation(operation))
      if (r->id.rfind("client.", 0) != 0 && !profile.excludes(r->id) && seen.insert(r).second)
        selected.push_back(r);
  // The lifecycle: by default when the fixtures queue a job for it.
  const bool queued =
      fixtures && std::any_of(fixtures->jobs.begin(), fixtures->jobs.end(),
                              [](const auto& job) { return job.state == "Queued"; });
  const auto sequences =
      static_cast<std::size_t>(args.get_int("sequences", queued ? 100 : 0, 0, 1'000'000));
  if (sequences > 0 && !fixtures)
    throw UsageError("--sequences needs --fixtures: the lifecycle steps the fixtures' jobs");
  if (sequences > 0)
    for (const auto* r : check::lifecycle::requirements(catalogue)) selected.push_back(r);
  check::Results results(selected);
  if (turns_off) {
    std::size_t off = 0;
    for (const auto& r : catalogue.all()) off += profile.excludes(r.id);
    std::cerr << "cpct check server: " << off << (off == 1 ? " requirement" : " requirements")
              << " off by the profile (not planned, not judged)\n";
  }
  if (const auto line = check::untested_line(streams); !line.empty())
    std::cerr << "cpct check server: untested: " << line << "\n";

  std::cerr << "cpct check server: " << *endpoint_text << ", " << spec->metadata.service_id << " ("
            << spec->wire.name << "), " << operations.size()
            << (operations.size() == 1 ? " operation, " : " operations, ") << runner.total()
            << " cases (" << plan.planned() << " planned, " << cases << " generated), seed " << seed
            << ", " << jobs << " jobs\n";
  const auto started = std::chrono::steady_clock::now();
  const std::string started_at = now_iso8601();
  Progress progress("cases", runner.total(), [&] { return results.summary().must_failed; });
  std::thread reporter([&] { progress.run([&] { return results.cases(); }); });
  runner.run(results);
  progress.finish();
  reporter.join();
  if (sequences > 0 && !runner.stopped())
    run_lifecycle(spec, fixtures, oracle, config, results,
                  {seed, sequences, runner.total(), *endpoint_text, reset_url, reset_command});
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
  info.seconds = seconds;
  // Every flag that changes the verdict; not --jobs (the verdict does not
  // depend on it) nor --report-dir.
  info.rerun = rerun_command(
      args, {{"endpoint", *endpoint_text},
             {"fixtures", fixtures_path.value_or("")},
             {"operations", args.get_or("operations", "")},
             {"profile", args.get_or("profile", "")},
             {"baseline", args.get_or("baseline", "")},
             {"seed", std::to_string(seed)},
             {"cases", std::to_string(cases)},
             {"shard", std::to_string(shard_index) + "/" + std::to_string(shard_count)},
             {"timeout-ms", std::to_string(timeout)},
             {"region", region},
             {"retries", std::to_string(retries)},
             // Its default follows the fixtures, which the line carries.
             {"sequences", args.has("sequences") ? std::to_string(sequences) : ""},
             {"reset-url", args.get_or("reset-url", "")},
             {"reset-command", reset_command},
             {"model", args.get_or("model", "")}});
  const int code = conclude(info, results, args.get("report-dir"), baseline ? &*baseline : nullptr);
  if (!runner.stopped()) return code;
  std::cerr << "cpct check server: stopped at the run's bound (--max-seconds " << max_seconds
            << "): " << results.cases() << " of " << runner.total()
            << " cases run, the rest untested\n";
  return std::max(code, 1);
}

}  // namespace

const Command& check_server_command() {
  static const Command command{
      "check server",
      "Check an endpoint of any aws-json service against its model (and, with fixtures, the "
      "job-worker lifecycle)",
      "--endpoint URL [--model FILE] [--operations GLOB,...] [--fixtures FILE] [options]\n"
      "  e.g. cpct check server --endpoint http://127.0.0.1:4567 --model "
      "/usr/lib/python3/dist-packages/botocore/data/kinesis/2013-12-02/service-2.json",
      {{"endpoint", "URL", "the endpoint under test, http://HOST:PORT"},
       operations_flag(),
       profile_flag(),
       baseline_flag(),
       {"fixtures", "FILE",
        "the jobs the endpoint holds (see cpct fixtures); adds the job-worker semantics",
        "none: every operation judged from the model alone"},
       {"seed", "N", "seed of the plan; the same seed sends the same cases", "random, printed"},
       {"cases", "N", "generated cases after the planned ones", "200"},
       {"jobs", "N", "concurrent connections", "4"},
       {"shard", "I/N", "run only cases I, I+N, I+2N, ... (split a run across machines)", "0/1"},
       {"timeout-ms", "N", "per-request timeout; a slower answer fails no-hang", "5000"},
       {"max-seconds", "N",
        "bound of the whole run: no case starts after it, the rest are untested, exit 1",
        "the cases x --timeout-ms"},
       {"region", "R", "SigV4 signing region (credentials from AWS_ACCESS_KEY_ID etc.)",
        "us-east-1"},
       retries_flag(),
       {"shrink-budget", "N",
        "shrink candidates (requests) the whole run may send to minimise failing cases; a "
        "reproducer the budget cut short says so (0: no shrinking)",
        "1000"},
       {"sequences", "N",
        "lifecycle sequences of the ten job-worker operations (0: none); each starts from a "
        "reset endpoint",
        "100 when the fixtures queue a job, else 0"},
       {"reset-url", "URL", "POSTed to put the endpoint back to its fixtures before a sequence",
        "ENDPOINT/_cpct/reset (cpct serve's)"},
       {"reset-command", "CMD", "run with sh -c instead of --reset-url to reset the endpoint"},
       {"report-dir", "DIR",
        "write index.html, results.json, junit.xml, summary.md, results.sarif there"},
       model_flag()},
      &run};
  return command;
}

}  // namespace cpct::cli
