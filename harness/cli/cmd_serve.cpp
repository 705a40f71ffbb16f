// cpct serve: the reference endpoint. Answers the ten job-worker operations
// for the jobs of a fixtures file, statefully (docs/worker.md), and every
// other operation of the model (every one without fixtures) with an output
// drawn from the model, exactly as the oracle says a conforming server must,
// over HTTP/1.1 on loopback (HTTPS with --tls-cert and --tls-key).
#include <csignal>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/flags.hpp"
#include "cli/profile_flag.hpp"
#include "cli/tls_flags.hpp"
#include "model/fixtures.hpp"
#include "model/model_file.hpp"
#include "server/server.hpp"

namespace cpct::cli {
namespace {

struct Options {
  std::optional<std::string> fixtures, profile, model;
  server::ServerOptions server;  // its defaults are the flags' defaults
  std::optional<unsigned> threads;
  bool no_answer_cache = false;
  // Milliseconds as the flags take them; the defaults are the server's.
  long long idle_timeout_ms = server::Limits{}.idle_timeout.count();
  long long read_timeout_ms = server::Limits{}.read_timeout.count();
  TlsServerFlags tls;
};

int run(Options& o) {
  server::ServerOptions options = o.server;
  options.threads = o.threads.value_or(std::max(1u, std::thread::hardware_concurrency()));
  options.answer_cache = !o.no_answer_cache;
  options.handle_signals = true;
  options.limits.idle_timeout = std::chrono::milliseconds(o.idle_timeout_ms);
  options.limits.read_timeout = std::chrono::milliseconds(o.read_timeout_ms);
  tls_server_of(o.tls, options);
  // A closed log pipe must be a failed write (request_log.hpp), not death
  // by SIGPIPE: sockets do not need this (Asio sends with MSG_NOSIGNAL).
  std::signal(SIGPIPE, SIG_IGN);

  // Fixtures are checked before the port is taken: a bad file exits 2.
  const auto spec = spec_of(o.model, o.profile);
  // Without fixtures: a mock of the whole service, every valid request
  // answered with an output drawn from the model.
  auto fixtures =
      o.fixtures ? std::make_shared<model::Fixtures>(model::load_fixtures_file(*o.fixtures, *spec))
                 : nullptr;
  model::Catalogue catalogue(*spec);
  const protocol::Profile profile = profile_of(o.profile, *spec, catalogue);
  auto oracle =
      std::make_shared<const protocol::Oracle>(spec, std::move(fixtures), profile.validation_error);

  server::Server server(options, std::move(oracle));
  try {
    server.start();
  } catch (const server::ServerError& e) {
    throw UsageError(e.what());
  }
  std::cout << "listening on " << server.url() << std::endl;  // flushed: scripts wait for it
  server.wait();
  return kExitOk;
}

Run define(CLI::App& app) {
  auto o = std::make_shared<Options>();
  auto& limits = o->server.limits;
  app.add_option("--fixtures", o->fixtures, "the jobs the endpoint holds (checked at start-up)")
      ->type_name("FILE")
      ->default_str("none: every valid request gets an output drawn from the model");
  app.add_option("--host", o->server.host, "address to listen on")
      ->type_name("ADDR")
      ->capture_default_str();
  add_number(app, "--port", o->server.port, "port to listen on; 0 picks a free one (printed)", 0,
             65535);
  add_number(app, "--threads", o->threads, "I/O threads", 1, 1024)
      ->default_str("the hardware threads");
  app.add_flag("--log", o->server.log,
               "one line per request on stderr (no bodies), and one per job that changed state");
  app.add_flag("--no-answer-cache", o->no_answer_cache,
               "answer every request from the oracle (by default a repeated successful request "
               "is answered from a per-thread cache; the answer is the same)");
  add_number(app, "--max-body-bytes", limits.body_bytes, "largest request body; larger gets 413", 0,
             1LL << 30);
  add_number(app, "--max-header-bytes", limits.header_bytes,
             "largest request line plus headers; larger gets 431", 256, 1 << 20);
  add_number(app, "--idle-timeout-ms", o->idle_timeout_ms,
             "close a connection with no request begun for this long", 1, 86'400'000);
  add_number(app, "--read-timeout-ms", o->read_timeout_ms,
             "a begun request must arrive whole (else 408), and a response be taken, within "
             "this",
             1, 86'400'000);
  add_number(app, "--max-connections", limits.max_connections,
             "open connections; at the cap new ones wait to be accepted", 1, 1'000'000);
  add_tls_server_flags(app, o->tls);
  add_profile_flag(app, o->profile);
  add_model_flag(app, o->model);
  return [o] { return run(*o); };
}

}  // namespace

const Command& serve_command() {
  static const Command command{
      "serve",
      "Run the reference endpoint: a stateful CodePipeline for the job-worker API from a "
      "fixtures file, or a mock of any aws-json service from its model",
      {"cpct serve --fixtures corpus/fixtures/example.json",
       "cpct serve --model "
       "/usr/lib/python3/dist-packages/botocore/data/kinesis/2013-12-02/service-2.json --port "
       "4567"},
      &define};
  return command;
}

}  // namespace cpct::cli
