// On-demand benchmark of the job-worker lifecycle against `cpct serve`
// (bench/lifecycle/run drives it; never a timed test).
//
//   cpct_bench_pollers generate --jobs M --out FILE [--seed S] [--clients K]
//       writes a fixtures file with M queued third-party jobs (UUID ids,
//       K clientIds with one token each; acknowledgeTimeoutMs at its
//       maximum, so no job is handed out again while the bench runs).
//   cpct_bench_pollers run --url URL --fixtures FILE [--threads N] [--batch B]
//                          [--timeout-ms T] [--max-seconds S] [--every J]
//                          [--watch-pid PID] [--no-reset]
//       N threads (default 64), each with its own net::HttpClient, run the
//       job-worker loop until a poll comes back empty:
//       PollForThirdPartyJobs (maxBatchSize cycling 1..B, default 10) ->
//       GetThirdPartyJobDetails (the nonce) -> AcknowledgeThirdPartyJob ->
//       PutThirdPartyJobSuccessResult. Prints jobs/s and requests/s, every J
//       jobs the rate of that stretch (and the RSS of PID), and checks that
//       no job was handed out twice and every job was completed exactly once
//       (by the bench's own count and by GET /_cpct/jobs).
// Exit 0: all held; 1: a check failed, an answer was unexpected, or the run
// was cut at --max-seconds; 2: usage or setup error.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "net/http_client.hpp"

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;
using cpct::net::HttpClient;
using cpct::net::HttpRequest;
using cpct::net::HttpResponse;

[[noreturn]] void usage(const std::string& why) {
  std::cerr << "cpct_bench_pollers: " << why << "\n"
            << "usage: cpct_bench_pollers generate --jobs M --out FILE [--seed S] [--clients K]\n"
            << "       cpct_bench_pollers run --url URL --fixtures FILE [--threads N] [--batch B]\n"
            << "                              [--timeout-ms T] [--max-seconds S] [--every J]\n"
            << "                              [--watch-pid PID] [--no-reset]\n";
  std::exit(2);
}

struct Flags {
  std::map<std::string, std::string> values;
  std::unordered_set<std::string> switches;

  Flags(int argc, char** argv, int first, const std::unordered_set<std::string>& boolean) {
    for (int i = first; i < argc; ++i) {
      std::string arg = argv[i];
      if (arg.rfind("--", 0) != 0) usage("unexpected argument '" + arg + "'");
      arg.erase(0, 2);
      if (boolean.count(arg) != 0) {
        switches.insert(arg);
        continue;
      }
      if (i + 1 >= argc) usage("--" + arg + " needs a value");
      values[arg] = argv[++i];
    }
  }
  std::string get(const std::string& name, const std::string& fallback = "") const {
    const auto it = values.find(name);
    return it == values.end() ? fallback : it->second;
  }
  long long number(const std::string& name, long long fallback, long long min,
                   long long max) const {
    const auto it = values.find(name);
    if (it == values.end()) return fallback;
    char* end = nullptr;
    const long long v = std::strtoll(it->second.c_str(), &end, 10);
    if (end == it->second.c_str() || *end != '\0' || v < min || v > max)
      usage("--" + name + " takes an integer from " + std::to_string(min) + " to " +
            std::to_string(max) + ", not '" + it->second + "'");
    return v;
  }
  bool has(const std::string& name) const { return switches.count(name) != 0; }
};

// ---------------------------------------------------------------- generate

// A random (version 4) UUID, lower-case as the model's JobId and ClientId
// patterns want.
std::string uuid(std::mt19937_64& rng) {
  std::uint64_t hi = rng();
  std::uint64_t lo = rng();
  hi = (hi & ~0xf000ULL) | 0x4000ULL;                  // version 4
  lo = (lo & ~(0xc000ULL << 48)) | (0x8000ULL << 48);  // variant 10xx
  char out[37];
  std::snprintf(out, sizeof out, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>((hi >> 16) & 0xffff), static_cast<unsigned>(hi & 0xffff),
                static_cast<unsigned>(lo >> 48),
                static_cast<unsigned long long>(lo & 0xffffffffffffULL));
  return out;
}

constexpr const char* kActionType =
    R"({"category":"Deploy","owner":"ThirdParty","provider":"cpct-bench","version":"1"})";

int generate(const Flags& flags) {
  const auto jobs = static_cast<std::size_t>(flags.number("jobs", 0, 1, 10'000'000));
  const std::string out_path = flags.get("out");
  if (jobs == 0 || out_path.empty()) usage("generate needs --jobs M and --out FILE");
  const auto clients = static_cast<std::size_t>(flags.number("clients", 1, 1, 1000));
  std::mt19937_64 rng(static_cast<std::uint64_t>(flags.number("seed", 1, 0, 1LL << 62)));

  std::vector<std::string> client_ids;
  for (std::size_t c = 0; c < clients; ++c) client_ids.push_back(uuid(rng));
  std::unordered_set<std::string> ids;
  std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
  if (!out) usage("cannot write " + out_path);
  // acknowledgeTimeoutMs at the model's maximum: a handed-out job is never
  // handed out again during the run, so any second hand-out is a defect.
  out << "{\"acknowledgeTimeoutMs\": 86400000,\n \"actionTypes\": [" << kActionType
      << "],\n \"jobs\": [\n";
  for (std::size_t i = 0; i < jobs; ++i) {
    std::string id;
    do id = uuid(rng);
    while (!ids.insert(id).second);
    const std::size_t c = i % clients;
    out << (i == 0 ? "  " : ",\n  ") << R"({"state":"Queued","clientId":")" << client_ids[c]
        << R"(","clientToken":"ct-bench-)" << c + 1 << R"(","jobDetails":{"id":")" << id
        << R"(","data":{"actionTypeId":)" << kActionType
        << R"(,"actionConfiguration":{"configuration":{"Environment":"bench"}}}}})";
  }
  out << "\n ]}\n";
  out.close();
  if (!out) usage("cannot write " + out_path);
  std::cout << "wrote " << jobs << " queued jobs (" << clients << " client"
            << (clients == 1 ? "" : "s") << ") to " << out_path << "\n";
  return 0;
}

// ---------------------------------------------------------------- run

struct Setup {
  json action_type;
  std::unordered_map<std::string, std::string> token_of_client;
  std::vector<std::string> queued;  // the ids of the jobs the fixtures queue
};

Setup read_fixtures(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) usage("cannot read " + path);
  const json doc = json::parse(in, nullptr, false);
  if (!doc.is_object() || !doc.contains("jobs") || !doc["jobs"].is_array())
    usage(path + " is not a fixtures file");
  Setup s;
  for (const auto& job : doc["jobs"]) {
    if (job.value("state", "InProgress") != "Queued" ||
        job.value("kind", "third-party") != "third-party")
      continue;
    const json& details = job.at("jobDetails");
    json type =
        job.contains("actionTypeId") ? job["actionTypeId"] : details.at("data").at("actionTypeId");
    if (s.action_type.is_null()) s.action_type = type;
    if (type != s.action_type)
      usage(path + ": the queued third-party jobs must share one action type");
    s.token_of_client[job.at("clientId").get<std::string>()] = job.at("clientToken");
    s.queued.push_back(details.at("id").get<std::string>());
  }
  if (s.queued.empty()) usage(path + " queues no third-party job");
  return s;
}

enum Op { kPoll, kDetails, kAck, kSuccess, kOps };
constexpr const char* kOpName[kOps] = {"PollForThirdPartyJobs", "GetThirdPartyJobDetails",
                                       "AcknowledgeThirdPartyJob", "PutThirdPartyJobSuccessResult"};

struct Worker {
  std::vector<std::string> handed_out;
  std::vector<std::string> completed;
  std::uint64_t requests[kOps] = {};
  std::chrono::microseconds latency[kOps] = {};
  std::chrono::microseconds worst[kOps] = {};
};

struct Shared {
  std::atomic<bool> stop{false};
  std::atomic<bool> timed_out{false};
  std::atomic<std::size_t> completed{0};
  std::atomic<std::size_t> requests{0};
  std::mutex mutex;
  std::string failure;  // the first unexpected answer

  void fail(const std::string& why) {
    std::lock_guard lock(mutex);
    if (failure.empty()) failure = why;
    stop = true;
  }
};

// One job-worker loop on its own connection.
void work(const std::string& url_text, const Setup& setup, std::size_t batch,
          std::chrono::milliseconds timeout, Clock::time_point deadline, Shared& shared,
          Worker& me) {
  cpct::net::ClientLimits limits;
  limits.timeout = timeout;
  HttpClient client(cpct::net::Url::parse(url_text), limits);
  auto call = [&](Op op, const json& input, json& output) {
    HttpRequest request;
    request.headers = {{"Content-Type", "application/x-amz-json-1.1"},
                       {"X-Amz-Target", std::string("CodePipeline_20150709.") + kOpName[op]}};
    request.body = input.dump();
    const HttpResponse r = client.send(request);
    ++me.requests[op];
    ++shared.requests;
    me.latency[op] += r.latency;
    me.worst[op] = std::max(me.worst[op], r.latency);
    if (r.outcome != HttpResponse::Outcome::kResponse || r.status != 200) {
      shared.fail(std::string(kOpName[op]) + " " + input.dump() + " answered " +
                  (r.outcome == HttpResponse::Outcome::kResponse
                       ? std::to_string(r.status) + " " + r.body.substr(0, 300)
                       : std::string(cpct::net::to_string(r.outcome)) + " " + r.error));
      return false;
    }
    output = json::parse(r.body, nullptr, false);
    if (output.is_discarded()) {
      shared.fail(std::string(kOpName[op]) + " answered a body that is not JSON");
      return false;
    }
    return true;
  };

  std::size_t polls = 0;
  json out;
  while (!shared.stop) {
    if (Clock::now() > deadline) {
      shared.timed_out = true;
      shared.stop = true;
      break;
    }
    const json poll{{"actionTypeId", setup.action_type}, {"maxBatchSize", 1 + polls++ % batch}};
    if (!call(kPoll, poll, out)) return;
    const json jobs = out.value("jobs", json::array());
    if (!jobs.is_array() || jobs.empty()) return;  // the queue is empty
    for (const auto& job : jobs) {
      const std::string id = job.value("jobId", "");
      me.handed_out.push_back(id);
      const auto token = setup.token_of_client.find(job.value("clientId", ""));
      if (token == setup.token_of_client.end()) {
        shared.fail("a poll handed out job " + id + " with clientId " + job.dump() +
                    " the fixtures do not have");
        return;
      }
      const json who{{"jobId", id}, {"clientToken", token->second}};
      if (!call(kDetails, who, out)) return;
      const json nonce = out.value("jobDetails", json::object()).value("nonce", json());
      if (!nonce.is_string()) {
        shared.fail("GetThirdPartyJobDetails of dispatched job " + id + " has no nonce");
        return;
      }
      json ack = who;
      ack["nonce"] = nonce;
      if (!call(kAck, ack, out)) return;
      if (out.value("status", "") != "InProgress") {
        shared.fail("AcknowledgeThirdPartyJob of " + id + " answered " + out.dump());
        return;
      }
      if (!call(kSuccess, who, out)) return;
      me.completed.push_back(id);
      ++shared.completed;
    }
  }
}

// VmRSS and VmHWM of a process, in kB (0 when unreadable).
std::pair<long, long> memory_of(long pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  long rss = 0, hwm = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) rss = std::atol(line.c_str() + 6);
    if (line.rfind("VmHWM:", 0) == 0) hwm = std::atol(line.c_str() + 6);
  }
  return {rss, hwm};
}

bool plain_call(const std::string& url_text, const std::string& method, const std::string& path,
                json& out, std::string& why) {
  cpct::net::ClientLimits limits;
  limits.timeout = std::chrono::seconds(60);
  limits.max_body_bytes = 1u << 30;
  HttpClient client(cpct::net::Url::parse(url_text), limits);
  HttpRequest request;
  request.method = method;
  request.target = path;
  const HttpResponse r = client.send(request);
  if (r.outcome != HttpResponse::Outcome::kResponse || r.status != 200) {
    why = method + " " + path + " answered " +
          (r.outcome == HttpResponse::Outcome::kResponse ? std::to_string(r.status)
                                                         : std::string(r.error));
    return false;
  }
  out = json::parse(r.body, nullptr, false);
  if (out.is_discarded()) {
    why = method + " " + path + ": not JSON";
    return false;
  }
  return true;
}

int run(const Flags& flags) {
  const std::string url = flags.get("url");
  const std::string fixtures = flags.get("fixtures");
  if (url.empty() || fixtures.empty()) usage("run needs --url URL and --fixtures FILE");
  try {
    (void)cpct::net::Url::parse(url);
  } catch (const std::exception& e) {
    usage(std::string("--url: ") + e.what());
  }
  const auto threads = static_cast<std::size_t>(flags.number("threads", 64, 1, 4096));
  const auto batch = static_cast<std::size_t>(flags.number("batch", 10, 1, 10000));
  const auto timeout = std::chrono::milliseconds(flags.number("timeout-ms", 60000, 10, 3'600'000));
  const auto max_seconds = flags.number("max-seconds", 900, 1, 86400);
  const long pid = static_cast<long>(flags.number("watch-pid", 0, 0, 1LL << 31));
  const Setup setup = read_fixtures(fixtures);
  const auto every = static_cast<std::size_t>(flags.number(
      "every", std::max<long long>(1, static_cast<long long>(setup.queued.size()) / 10), 1,
      1LL << 40));

  json board;
  std::string why;
  if (!flags.has("no-reset") && !plain_call(url, "POST", "/_cpct/reset", board, why)) {
    std::cerr << "cpct_bench_pollers: " << why << "\n";
    return 2;
  }
  if (!plain_call(url, "GET", "/_cpct/jobs", board, why)) {
    std::cerr << "cpct_bench_pollers: " << why << "\n";
    return 2;
  }
  {
    std::unordered_map<std::string, std::string> status;
    for (const auto& j : board.at("jobs")) status[j.at("id")] = j.at("status");
    for (const auto& id : setup.queued) {
      if (status[id] != "Queued") {
        std::cerr << "cpct_bench_pollers: job " << id << " is '" << status[id]
                  << "' on the endpoint, not Queued (serve the same fixtures; reset it)\n";
        return 2;
      }
    }
  }
  const auto [rss0, hwm0] = pid != 0 ? memory_of(pid) : std::pair<long, long>{0, 0};
  std::cout << "pollers: " << threads << " threads, maxBatchSize 1.." << batch << ", "
            << setup.queued.size() << " queued jobs, " << url << "\n";
  if (pid != 0)
    std::cout << "  serve pid " << pid << " before: RSS " << rss0 / 1024 << " MB, HWM "
              << hwm0 / 1024 << " MB\n";

  Shared shared;
  std::vector<Worker> workers(threads);
  const auto started = Clock::now();
  const auto deadline = started + std::chrono::seconds(max_seconds);
  std::vector<std::thread> pool;
  pool.reserve(threads);
  for (std::size_t t = 0; t < threads; ++t)
    pool.emplace_back(work, url, std::cref(setup), batch, timeout, deadline, std::ref(shared),
                      std::ref(workers[t]));

  // Progress: the rate of every stretch of `every` jobs, and serve's memory.
  std::atomic<bool> finished{false};
  std::thread monitor([&] {
    std::size_t next = every;
    auto last_time = started;
    std::size_t last_done = 0, last_requests = 0;
    while (!finished) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      const std::size_t done = shared.completed;
      if (done < next) continue;
      const auto now = Clock::now();
      const std::size_t requests = shared.requests;
      const double dt = std::chrono::duration<double>(now - last_time).count();
      std::printf("  %8zu jobs done  %8.1f s  this stretch: %9.0f jobs/s %9.0f req/s", done,
                  std::chrono::duration<double>(now - started).count(),
                  static_cast<double>(done - last_done) / dt,
                  static_cast<double>(requests - last_requests) / dt);
      if (pid != 0) {
        const auto [rss, hwm] = memory_of(pid);
        std::printf("  serve RSS %6.1f MB HWM %6.1f MB", rss / 1024.0, hwm / 1024.0);
      }
      std::printf("\n");
      std::fflush(stdout);
      last_time = now;
      last_done = done;
      last_requests = requests;
      while (next <= done) next += every;
    }
  });
  for (auto& t : pool) t.join();
  const auto ended = Clock::now();
  finished = true;
  monitor.join();
  const double seconds = std::chrono::duration<double>(ended - started).count();

  // Totals and the latency of each operation.
  std::uint64_t requests = 0;
  std::uint64_t per_op[kOps] = {};
  std::chrono::microseconds latency[kOps] = {}, worst[kOps] = {};
  for (const auto& w : workers) {
    for (int op = 0; op < kOps; ++op) {
      per_op[op] += w.requests[op];
      latency[op] += w.latency[op];
      worst[op] = std::max(worst[op], w.worst[op]);
    }
  }
  for (int op = 0; op < kOps; ++op) {
    requests += per_op[op];
    std::printf("  %-30s %9llu calls  mean %8.3f ms  max %8.3f ms\n", kOpName[op],
                static_cast<unsigned long long>(per_op[op]),
                per_op[op] ? static_cast<double>(latency[op].count()) / 1e3 / per_op[op] : 0.0,
                static_cast<double>(worst[op].count()) / 1e3);
  }
  const std::size_t completed = shared.completed;

  // The checks: each job handed out once, completed once; the endpoint agrees.
  bool ok = true;
  auto problem = [&](const std::string& what) {
    ok = false;
    std::cout << "FAIL: " << what << "\n";
  };
  if (!shared.failure.empty()) problem("unexpected answer: " + shared.failure);
  if (shared.timed_out)
    problem("cut at --max-seconds " + std::to_string(max_seconds) + " after " +
            std::to_string(completed) + " of " + std::to_string(setup.queued.size()) + " jobs");
  std::unordered_map<std::string, unsigned> handed, done;
  for (const auto& w : workers) {
    for (const auto& id : w.handed_out) ++handed[id];
    for (const auto& id : w.completed) ++done[id];
  }
  const std::unordered_set<std::string> expected(setup.queued.begin(), setup.queued.end());
  std::size_t twice = 0, unknown = 0, missing = 0, completed_twice = 0;
  std::string example;
  for (const auto& [id, n] : handed) {
    if (n > 1 && ++twice == 1) example = id;
    if (expected.count(id) == 0) ++unknown;
  }
  if (twice)
    problem(std::to_string(twice) + " job ids handed out more than once (e.g. " + example + ")");
  if (unknown)
    problem(std::to_string(unknown) + " job ids handed out that the fixtures do not queue");
  for (const auto& id : setup.queued) {
    const auto it = done.find(id);
    if (it == done.end())
      ++missing;
    else if (it->second > 1)
      ++completed_twice;
  }
  if (missing) problem(std::to_string(missing) + " queued jobs never completed");
  if (completed_twice) problem(std::to_string(completed_twice) + " jobs completed more than once");
  if (plain_call(url, "GET", "/_cpct/jobs", board, why)) {
    std::size_t not_succeeded = 0, redispatched = 0;
    for (const auto& j : board.at("jobs")) {
      if (expected.count(j.at("id").get<std::string>()) == 0) continue;
      if (j.at("status") != "Succeeded") ++not_succeeded;
      if (j.at("dispatches") != 1) ++redispatched;
    }
    if (not_succeeded)
      problem("GET /_cpct/jobs: " + std::to_string(not_succeeded) + " jobs not Succeeded");
    if (redispatched)
      problem("GET /_cpct/jobs: " + std::to_string(redispatched) +
              " jobs dispatched other than once");
  } else {
    problem(why);
  }

  std::printf("%zu jobs in %.2f s: %.0f jobs/s, %llu requests: %.0f requests/s\n", completed,
              seconds, completed / seconds, static_cast<unsigned long long>(requests),
              requests / seconds);
  if (pid != 0) {
    const auto [rss, hwm] = memory_of(pid);
    std::printf("serve pid %ld after: RSS %.1f MB, HWM %.1f MB\n", pid, rss / 1024.0, hwm / 1024.0);
  }
  std::printf(
      "RESULT jobs=%zu seconds=%.3f jobs_per_s=%.0f requests=%llu requests_per_s=%.0f ok=%d\n",
      completed, seconds, completed / seconds, static_cast<unsigned long long>(requests),
      requests / seconds, ok ? 1 : 0);
  std::cout << (ok ? "OK: every job handed out once and completed once\n" : "");
  return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) usage("name a mode: generate or run");
  const std::string mode = argv[1];
  try {
    if (mode == "generate") return generate(Flags(argc, argv, 2, {}));
    if (mode == "run") return run(Flags(argc, argv, 2, {"no-reset"}));
  } catch (const std::exception& e) {
    std::cerr << "cpct_bench_pollers: " << e.what() << "\n";
    return 2;
  }
  usage("unknown mode '" + mode + "'");
}
