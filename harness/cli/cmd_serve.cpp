// cpct serve: the reference endpoint. Answers the ten job-worker operations
// for the jobs of a fixtures file, statefully (docs/worker.md), and every
// other operation of the model (every one without fixtures) with an output
// drawn from the model, exactly as the oracle says a conforming server must,
// over HTTP/1.1 on loopback (HTTPS with --tls-cert and --tls-key).
#include <csignal>
#include <iostream>
#include <memory>
#include <thread>

#include "cli/commands.hpp"
#include "cli/profile_flag.hpp"
#include "cli/tls_flags.hpp"
#include "model/fixtures.hpp"
#include "model/model_file.hpp"
#include "server/server.hpp"

namespace cpct::cli {
namespace {

int run(const Args& args) {
  const auto path = args.get("fixtures");

  server::ServerOptions options;
  options.host = args.get_or("host", options.host);
  options.port = static_cast<std::uint16_t>(args.get_int("port", 0, 0, 65535));
  const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
  options.threads = static_cast<unsigned>(args.get_int("threads", hardware, 1, 1024));
  options.log = args.has("log");
  options.answer_cache = !args.has("no-answer-cache");
  options.handle_signals = true;
  tls_server_of(args, options);
  // A closed log pipe must be a failed write (request_log.hpp), not death
  // by SIGPIPE: sockets do not need this (Asio sends with MSG_NOSIGNAL).
  std::signal(SIGPIPE, SIG_IGN);
  auto& limits = options.limits;
  limits.max_connections = static_cast<std::size_t>(args.get_int(
      "max-connections", static_cast<long long>(limits.max_connections), 1, 1'000'000));
  limits.body_bytes = static_cast<std::uint64_t>(
      args.get_int("max-body-bytes", static_cast<long long>(limits.body_bytes), 0, 1LL << 30));
  limits.header_bytes = static_cast<std::uint32_t>(
      args.get_int("max-header-bytes", limits.header_bytes, 256, 1 << 20));
  limits.idle_timeout = std::chrono::milliseconds(
      args.get_int("idle-timeout-ms", limits.idle_timeout.count(), 1, 86'400'000));
  limits.read_timeout = std::chrono::milliseconds(
      args.get_int("read-timeout-ms", limits.read_timeout.count(), 1, 86'400'000));

  // Fixtures are checked before the port is taken: a bad file exits 2.
  const auto spec = model::load_spec(args.get_or("model", ""));
  // Without fixtures: a mock of the whole service, every valid request
  // answered with an output drawn from the model.
  auto fixtures =
      path ? std::make_shared<model::Fixtures>(model::load_fixtures_file(*path, *spec)) : nullptr;
  model::Catalogue catalogue(*spec);
  const protocol::Profile profile = profile_of(args, *spec, catalogue);
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

}  // namespace

const Command& serve_command() {
  static const Command command{
      "serve",
      "Run the reference endpoint: a stateful CodePipeline for the job-worker API from a "
      "fixtures file, or a mock of any aws-json service from its model",
      "[--fixtures FILE] [--model FILE] [--host ADDR] [--port N] [--threads N] [--log] "
      "[--no-answer-cache] [--tls-cert FILE --tls-key FILE] [limits]\n"
      "  e.g. cpct serve --fixtures corpus/fixtures/example.json\n"
      "       cpct serve --model /usr/lib/python3/dist-packages/botocore/data/kinesis/"
      "2013-12-02/service-2.json",
      {{"fixtures", "FILE", "the jobs the endpoint holds (checked at start-up)",
        "none: every valid request gets an output drawn from the model"},
       {"host", "ADDR", "address to listen on", "127.0.0.1"},
       {"port", "N", "port to listen on; 0 picks a free one (printed)", "0"},
       {"threads", "N", "I/O threads", "the hardware threads"},
       {"log", nullptr,
        "one line per request on stderr (no bodies), and one per job that changed state"},
       {"no-answer-cache", nullptr,
        "answer every request from the oracle (by default a repeated successful request is "
        "answered from a per-thread cache; the answer is the same)"},
       {"max-body-bytes", "N", "largest request body; larger gets 413", "1048576"},
       {"max-header-bytes", "N", "largest request line plus headers; larger gets 431", "8192"},
       {"idle-timeout-ms", "N", "close a connection with no request begun for this long", "60000"},
       {"read-timeout-ms", "N",
        "a begun request must arrive whole (else 408), and a response be taken, within this",
        "10000"},
       {"max-connections", "N", "open connections; at the cap new ones wait to be accepted",
        "1024"},
       tls_cert_flag(),
       tls_key_flag(),
       profile_flag(),
       model_flag()},
      &run};
  return command;
}

}  // namespace cpct::cli
