// fuzz_lifecycle: bytes -> a sequence of job-worker calls over the embedded
// lifecycle fixtures (corpus/fixtures/lifecycle.json: three queued
// third-party jobs, one queued custom job, an action type without jobs).
//
// Input: byte 0 is the mode (bit 0: model only); then steps of 4 bytes
// (decode_step; at most kMaxSteps, a short tail is ignored):
//   byte 0  the operation: % 11, 0-9 model::lifecycle::operations(), 10 a reset
//   byte 1  bits 0-2 the job (% jobs+1; jobs: the unknown job), bit 3 a
//           wrong client token, bits 4-5 the nonce (right, wrong, stale: the
//           job's previous one, empty), bit 6 a continuation token (success
//           results), bit 7 a queryParam (PollForJobs)
//   byte 2  bits 0-1 the polled action type (the third-party jobs', the
//           custom job's, the one without jobs, an unknown one), bits 2-4
//           maxBatchSize (0 absent, 7 an invalid 0, else 1-6), bit 5 the
//           queryParam matches; bits 5-7 for results: failure type,
//           executionDetails, currentRevision, which continuation token
//   byte 3  the clock step: (b & 0x7f) x 10 ms, or x 1000 ms with bit 7
//
// Differential mode (bit 0 clear). The system under test is server::handle
// (with an answer cache, as `cpct serve` runs) and the Oracle's LiveBoard
// on the real clock, reset at the start of every input. The model is a
// model::lifecycle::Board stepped with Oracle::expect(request, board, now)
// at a logical time. Timeouts stay out: the logical clock is capped at half
// the fixtures' acknowledgeTimeoutMs (30 s) and an input that runs longer
// than that in real time stops comparing, so neither side ever hands a job
// out again after its wait, and the comparison is exact. Each side's worker
// sends its own side's nonces (a queued job's nonce is the endpoint's
// choice): the model's current one, and on the handler's side the one the
// handler last showed (the custom poll entry, GetThirdPartyJobDetails; a
// third-party worker reads the details first when it has not seen the
// job's nonce since the job was handed out: an implicit step, compared too).
// Contract, every step:
//   - the same status and error type; an error body byte-equal; a 200 body
//     equal but for the nonces (present on both sides or neither);
//   - a poll hands out the same jobs in the same order;
//   - the transitions the handler's oracle reports are the model's;
//   - the live board's generation changed iff the model's did; after a
//     step that changed it, and at the end, GET /_cpct/jobs shows the
//     model's states and dispatch counts.
// Model-only mode (bit 0 set): only the Board, with the clock as fuzzed
// (jobs time out and are handed out again).
// Both modes, the model's invariants after every step:
//   - the generation changes iff the step changed a job (a reset: always,
//     and every job as the fixtures have it);
//   - a poll hands out a job of its flavour and action type at most once,
//     never while it is InProgress or Dispatched within its wait; a job
//     handed out is then Dispatched, once more, at `now`, with a new nonce
//     when handed out before; a poll with room leaves no job it may hand out;
//   - an acknowledgement succeeds with the job's current nonce only, moves
//     only Dispatched to InProgress, answers a finished job's status, and
//     the current nonce's holder always succeeds;
//   - results only end InProgress jobs (Succeeded, Failed, or Queued with
//     the continuation token in the data), and always end their own;
//   - nothing else changes a job; a finished job stays finished.
// A broken contract prints the steps (operation names, job indices and
// choices; no job data, tokens or nonces) and traps.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <boost/beast/http/field.hpp>

#include "fuzz_support.hpp"
#include "model/lifecycle/board.hpp"
#include "protocol/oracle.hpp"
#include "server/answer_cache.hpp"
#include "server/handler.hpp"

namespace {

namespace http = boost::beast::http;
namespace lc = cpct::model::lifecycle;
using cpct::model::JobKind;
using nlohmann::json;
using Clock = lc::Clock;

constexpr const char* kRequestId = "00000000-0000-4000-8000-000000000000";
constexpr std::size_t kStepBytes = 4;
constexpr std::size_t kMaxSteps = 128;
constexpr int kReset = 10;
constexpr const char* kUnknownJob = "f0000000-0000-4000-8000-0000000000ff";
constexpr const char* kWrongToken = "ct-wrong";
constexpr const char* kWrongNonce = "n-wrong";
constexpr const char* kFailureTypes[] = {"JobFailed",           "ConfigurationError",
                                         "PermissionError",     "RevisionOutOfSync",
                                         "RevisionUnavailable", "SystemUnavailable"};

enum class NonceKind : std::uint8_t { kRight, kWrong, kStale, kEmpty };

const char* to_string(NonceKind kind) {
  switch (kind) {
    case NonceKind::kRight:
      return "right";
    case NonceKind::kWrong:
      return "wrong";
    case NonceKind::kStale:
      return "stale";
    case NonceKind::kEmpty:
      return "empty";
  }
  return "?";
}

struct Step {
  int op = 0;           // index into lc::operations(), or kReset
  std::size_t job = 0;  // fixture index; jobs.size(): the unknown job
  bool own_token = true;
  NonceKind nonce = NonceKind::kRight;
  bool continuation = false;
  bool query = false;
  bool query_match = false;
  int type = 0;   // the polled action type, 0-3
  int batch = 0;  // maxBatchSize: 0 absent, -1 an invalid 0
  int extra = 0;  // results: bits 5-7 of byte 2
  long long clock_ms = 0;
  bool implicit = false;  // a details step the worker makes first
  // What each side answered.
  int model_status = 0;
  int sut_status = 0;
  std::string model_error;
  std::string sut_error;
  std::vector<std::size_t> model_jobs;
  std::vector<std::size_t> sut_jobs;
};

// The fixtures and the choices the steps name, built once.
struct Lifecycle {
  const cpct::fuzz::World& world = cpct::fuzz::lifecycle_world();
  const cpct::model::Fixtures& fixtures = *world.fixtures;
  const cpct::protocol::Oracle& oracle = *world.oracle;
  std::vector<std::string> initial_nonces;  // as a fresh board has them
  json third_party_type;                    // the first third-party job's
  json custom_type;                         // the first custom job's
  json idle_type;                           // registered without jobs
  std::string query_key = "Target";
  std::string query_value = "all";
  std::chrono::milliseconds timeout{};

  Lifecycle() {
    const lc::Board board(world.fixtures);
    for (const auto& state : board.states()) initial_nonces.push_back(state.nonce);
    timeout = board.acknowledge_timeout();
    for (const auto& job : fixtures.jobs) {
      const json type = lc::action_type_of(job);
      if (!type.is_object()) continue;
      if (job.kind == JobKind::kThirdParty && third_party_type.is_null()) third_party_type = type;
      if (job.kind == JobKind::kCustom && custom_type.is_null()) {
        custom_type = type;
        const auto data = job.job_details.find("data");
        if (data != job.job_details.end() && data->is_object()) {
          const auto config =
              data->value("/actionConfiguration/configuration"_json_pointer, json::object());
          if (config.is_object() && !config.empty() && config.begin().value().is_string()) {
            query_key = config.begin().key();
            query_value = config.begin().value().get<std::string>();
          }
        }
      }
    }
    idle_type = fixtures.action_types.empty() ? third_party_type : fixtures.action_types.front();
  }

  json type_for(int choice, JobKind flavour) const {
    switch (choice) {
      case 0:
        return third_party_type;
      case 1:
        return custom_type;
      case 2:
        return idle_type;
      default:
        return json{{"category", "Deploy"},
                    {"owner", flavour == JobKind::kCustom ? "Custom" : "ThirdParty"},
                    {"provider", "No-Such-Provider"},
                    {"version", "1"}};
    }
  }
};

const Lifecycle& lifecycle() {
  static const Lifecycle instance;
  return instance;
}

Step decode_step(const std::uint8_t* p, std::size_t jobs) {
  Step s;
  s.op = p[0] % 11;
  s.job = (p[1] & 7u) % (jobs + 1);
  s.own_token = (p[1] & 0x08u) == 0;
  s.nonce = static_cast<NonceKind>((p[1] >> 4) & 3u);
  s.continuation = (p[1] & 0x40u) != 0;
  s.query = (p[1] & 0x80u) != 0;
  s.type = p[2] & 3;
  const int batch = (p[2] >> 2) & 7;
  s.batch = batch == 7 ? -1 : batch;
  s.query_match = (p[2] & 0x20u) != 0;
  s.extra = p[2] >> 5;
  s.clock_ms = static_cast<long long>(p[3] & 0x7fu) * ((p[3] & 0x80u) != 0 ? 1000 : 10);
  return s;
}

const char* op_name(int op) {
  return op == kReset ? "reset" : lc::operations()[op].name;
}

std::string jobs_text(const std::vector<std::size_t>& jobs) {
  std::string out = "[";
  for (std::size_t i = 0; i < jobs.size(); ++i) out += (i ? "," : "") + std::to_string(jobs[i]);
  return out + "]";
}

std::string describe(const Step& s, bool with_sut) {
  std::string out = "+" + std::to_string(s.clock_ms) + " ms " + op_name(s.op);
  if (s.implicit) out += " (implicit: the worker reads the nonce first)";
  if (s.op != kReset) {
    const auto& op = lc::operations()[s.op];
    if (op.verb == lc::Verb::kPoll) {
      out += " type=" + std::to_string(s.type) + " batch=" +
             (s.batch == 0 ? std::string("absent") : std::to_string(std::max(s.batch, 0)));
      if (op.flavour == JobKind::kCustom && s.query)
        out += std::string(" query=") + (s.query_match ? "match" : "other");
    } else {
      out += " job=" + std::to_string(s.job);
      if (op.flavour == JobKind::kThirdParty) out += s.own_token ? " token=own" : " token=wrong";
      if (op.verb == lc::Verb::kAcknowledge) out += std::string(" nonce=") + to_string(s.nonce);
      if (op.verb == lc::Verb::kSucceed && s.continuation) out += " continuation";
    }
  }
  auto answer = [&](int status, const std::string& error, const std::vector<std::size_t>& jobs) {
    std::string a = std::to_string(status);
    if (!error.empty()) a += " " + error;
    if (s.op != kReset && lc::operations()[s.op].verb == lc::Verb::kPoll && status == 200)
      a += " jobs " + jobs_text(jobs);
    return a;
  };
  out += " | model " + answer(s.model_status, s.model_error, s.model_jobs);
  if (with_sut) out += " | handler " + answer(s.sut_status, s.sut_error, s.sut_jobs);
  return out;
}

// One job's state as the invariants compare it.
struct JobSnap {
  std::string status;
  std::string nonce;
  unsigned dispatches = 0;
  Clock::time_point dispatched_at{};
  json data;
  bool operator==(const JobSnap&) const = default;
};

std::vector<JobSnap> snapshot(const lc::Board& board) {
  std::vector<JobSnap> out;
  out.reserve(board.states().size());
  for (const auto& s : board.states())
    out.push_back({s.status, s.nonce, s.dispatches, s.dispatched_at, s.data});
  return out;
}

bool finished(const std::string& status) {
  return status == "Succeeded" || status == "Failed";
}

// The job ids a poll's body hands out, as fixture indices (jobs.size(): an
// id the fixtures do not hold).
std::vector<std::size_t> handed_out(const json& body, JobKind flavour,
                                    const cpct::model::Fixtures& fixtures) {
  std::vector<std::size_t> out;
  const auto jobs = body.find("jobs");
  if (jobs == body.end() || !jobs->is_array()) return out;
  for (const auto& entry : *jobs) {
    const std::string id = entry.value(flavour == JobKind::kThirdParty ? "jobId" : "id", "");
    const auto* job = fixtures.find(id);
    out.push_back(job ? static_cast<std::size_t>(job - fixtures.jobs.data())
                      : fixtures.jobs.size());
  }
  return out;
}

// A 200 body without the nonces, which each endpoint chooses; `nonces`
// records where one was (so presence is compared).
json without_nonces(json body, std::string& nonces) {
  if (auto details = body.find("jobDetails"); details != body.end() && details->is_object()) {
    nonces += details->contains("nonce") ? "d" : "-";
    details->erase("nonce");
  }
  if (auto jobs = body.find("jobs"); jobs != body.end() && jobs->is_array())
    for (auto& entry : *jobs)
      if (entry.is_object()) {
        nonces += entry.contains("nonce") ? "j" : "-";
        entry.erase("nonce");
      }
  return body;
}

// Where two JSON values differ: paths only (the values may be secrets).
std::string difference_paths(const json& a, const json& b) {
  std::string out;
  for (const auto& op : json::diff(a, b)) {
    if (!out.empty()) out += ", ";
    out += op.value("path", "?");
    if (out.size() > 300) break;
  }
  return out;
}

class Run {
 public:
  explicit Run(bool model_only)
      : lc_(lifecycle()),
        model_only_(model_only),
        start_(Clock::now()),
        board_(lc_.world.fixtures, start_),
        model_prev_(lc_.fixtures.jobs.size()),
        sut_known_(lc_.fixtures.jobs.size()),
        sut_last_(lc_.fixtures.jobs.size()),
        sut_prev_(lc_.fixtures.jobs.size()) {
    if (!model_only_) {
      lc_.oracle.board().reset();
      sut_learn_all();
    }
  }

  // False once the run stops comparing (the real clock ran too far).
  bool step(Step s) {
    const auto cap = lc_.timeout / 2;
    logical_ += std::chrono::milliseconds(s.clock_ms);
    if (!model_only_ && logical_ > cap) logical_ = cap;
    now_ = start_ + logical_;
    if (!model_only_ && Clock::now() - start_ >= cap) return false;
    // A third-party worker reads the job's nonce before it sends one it has
    // not seen since the job was handed out.
    if (!model_only_ && s.op != kReset && s.job < lc_.fixtures.jobs.size() &&
        lc_.fixtures.jobs[s.job].kind == JobKind::kThirdParty && !sut_known_[s.job] &&
        lc::operations()[s.op].verb == lc::Verb::kAcknowledge &&
        (s.nonce == NonceKind::kRight || s.nonce == NonceKind::kStale)) {
      Step details;
      details.op = static_cast<int>(&lc::operation_for(lc::Verb::kDetails, JobKind::kThirdParty) -
                                    lc::operations().data());
      details.job = s.job;
      details.implicit = true;
      run(details);
    }
    run(s);
    return model_only_ || Clock::now() - start_ < cap;
  }

  /// The end of the input: the handler's jobs as the model's, once more.
  void finish() {
    if (!model_only_) compare_jobs(snapshot(board_), "at the end");
  }

  /// The steps so far and each side's answers, on stderr.
  void print_steps() const {
    std::fprintf(stderr,
                 "--- %s mode, %zu steps (jobs: fixture indices of lifecycle.json, %zu "
                 "the unknown job)\n",
                 model_only_ ? "model-only" : "differential", steps_.size(),
                 lc_.fixtures.jobs.size());
    for (std::size_t i = 0; i < steps_.size(); ++i)
      std::fprintf(stderr, "%3zu. %s\n", i + 1, describe(steps_[i], !model_only_).c_str());
    std::fflush(stderr);
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    std::fprintf(stderr, "cpct-fuzz: contract broken: %s\n", what.c_str());
    print_steps();
    __builtin_trap();
  }

  std::string nonce_for(const Step& s, bool sut) const {
    if (s.nonce == NonceKind::kEmpty) return "";
    if (s.nonce == NonceKind::kWrong || s.job >= lc_.fixtures.jobs.size()) return kWrongNonce;
    if (s.nonce == NonceKind::kRight) return sut ? sut_last_[s.job] : board_.states()[s.job].nonce;
    const std::string& prev = sut ? sut_prev_[s.job] : model_prev_[s.job];
    return prev.empty() ? kWrongNonce : prev;
  }

  json body_for(const Step& s, const lc::OperationInfo& op, const std::string& nonce) const {
    const auto& jobs = lc_.fixtures.jobs;
    const bool known = s.job < jobs.size();
    const bool third_party = op.flavour == JobKind::kThirdParty;
    json body = json::object();
    if (op.verb == lc::Verb::kPoll) {
      body["actionTypeId"] = lc_.type_for(s.type, op.flavour);
      if (s.batch != 0) body["maxBatchSize"] = std::max(s.batch, 0);
      if (!third_party && s.query)
        body["queryParam"] = {{lc_.query_key, s.query_match ? lc_.query_value : "none"}};
      return body;
    }
    body["jobId"] = known ? jobs[s.job].id : kUnknownJob;
    if (third_party)
      body["clientToken"] = known && s.own_token ? jobs[s.job].client_token : kWrongToken;
    switch (op.verb) {
      case lc::Verb::kAcknowledge:
        body["nonce"] = nonce;
        break;
      case lc::Verb::kSucceed:
        if (s.continuation) body["continuationToken"] = (s.extra & 4) != 0 ? "ct-2" : "ct-1";
        if ((s.extra & 1) != 0)
          body["executionDetails"] = {{"summary", "s"}, {"percentComplete", 50}};
        if ((s.extra & 2) != 0)
          body["currentRevision"] = {{"revision", "r1"}, {"changeIdentifier", "c1"}};
        break;
      case lc::Verb::kFail:
        body["failureDetails"] = {{"type", kFailureTypes[s.extra % 6]}, {"message", "m"}};
        break;
      default:
        break;
    }
    return body;
  }

  cpct::server::Reply sut_send(http::verb verb, const std::string& path, const std::string& target,
                               const std::string& body) {
    static cpct::server::AnswerCache cache;  // as `cpct serve` keeps one per thread
    cpct::server::Request req{verb, path, 11};
    if (!target.empty()) {
      req.set("X-Amz-Target", target);
      req.set(http::field::content_type, cpct::protocol::kContentType);
    }
    req.body() = body;
    req.prepare_payload();
    return cpct::server::handle(req, lc_.oracle, kRequestId, &cache);
  }

  // The handler's worker learns job `index`'s nonce.
  void sut_learn(std::size_t index, const std::string& nonce) {
    if (nonce != sut_last_[index]) {
      if (!sut_last_[index].empty()) sut_prev_[index] = sut_last_[index];
      sut_last_[index] = nonce;
    }
    sut_known_[index] = true;
  }
  void sut_learn_all() {
    for (std::size_t i = 0; i < lc_.fixtures.jobs.size(); ++i) sut_learn(i, lc_.initial_nonces[i]);
  }

  void run(Step& s) {
    steps_.push_back(s);
    Step& step = steps_.back();
    const auto before = snapshot(board_);
    const auto generation = board_.generation();
    const auto sut_generation = model_only_ ? 0 : lc_.oracle.board().generation();

    if (step.op == kReset) {
      board_.reset(now_);
      step.model_status = 200;
      if (!model_only_) {
        const auto reply =
            sut_send(http::verb::post, std::string(cpct::server::kResetPath), "", "");
        step.sut_status = static_cast<int>(reply.response.result_int());
        step.sut_error = reply.error_type;
        if (step.sut_status != 200) fail("the handler refused POST /_cpct/reset");
        sut_learn_all();
      }
      if (board_.generation() == generation) fail("a reset left the generation as it was");
      const auto after = snapshot(board_);
      if (after != snapshot(lc::Board(lc_.world.fixtures, now_)))
        fail("a reset did not put every job back as the fixtures have it");
      after_step(step, before, after, generation, sut_generation);
      return;
    }

    const auto& op = lc::operations()[step.op];
    const std::string target = cpct::fuzz::target_for(op.name);
    const json model_input = body_for(step, op, nonce_for(step, false));
    const auto e =
        lc_.oracle.expect({target, cpct::protocol::kContentType, model_input.dump()}, board_, now_);
    step.model_status = e.status;
    step.model_error = e.error_type;
    if (op.verb == lc::Verb::kPoll && e.status == 200)
      step.model_jobs = handed_out(*e.body, op.flavour, lc_.fixtures);
    const auto after = snapshot(board_);
    check_model(step, op, e, before, after, generation, model_input);

    if (!model_only_) {
      const std::string sut_body = body_for(step, op, nonce_for(step, true)).dump();
      const auto reply = sut_send(http::verb::post, "/", target, sut_body);
      const auto& res = reply.response;
      step.sut_status = static_cast<int>(res.result_int());
      step.sut_error = reply.error_type;
      json parsed = json::parse(res.body(), nullptr, false);
      if (!parsed.is_object())
        fail(std::string(op.name) + ": the handler's body is not a JSON object");
      if (op.verb == lc::Verb::kPoll && step.sut_status == 200)
        step.sut_jobs = handed_out(parsed, op.flavour, lc_.fixtures);
      if (step.sut_status != step.model_status || step.sut_error != step.model_error)
        fail(std::string(op.name) +
             ": the handler's status or error type differs from the model's");
      if (step.sut_status != 200) {
        if (res.body() != e.body->dump(-1, ' ', false, json::error_handler_t::replace))
          fail(std::string(op.name) + ": the handler's error body differs from the model's (at " +
               difference_paths(*e.body, parsed) + ")");
      } else {
        std::string model_nonces, sut_nonces;
        const json model_rest = without_nonces(*e.body, model_nonces);
        const json sut_rest = without_nonces(parsed, sut_nonces);
        if (model_nonces != sut_nonces)
          fail(std::string(op.name) + ": a nonce is present on one side only");
        if (model_rest != sut_rest)
          fail(std::string(op.name) + ": the handler's body differs from the model's (at " +
               difference_paths(model_rest, sut_rest) + ")");
        if (step.sut_jobs != step.model_jobs)
          fail(std::string(op.name) + ": the handler handed out other jobs than the model");
        sut_learn_from(step, op, parsed);
      }
      if (reply.decision && reply.decision->answer.transitions != e.transitions)
        fail(std::string(op.name) + ": the handler's transitions differ from the model's");
    }
    after_step(step, before, after, generation, sut_generation);
  }

  // What the handler's worker reads from a 200: a custom poll entry's
  // nonce, a third-party job's from its details (a third-party poll hands
  // out none: the worker asks the details before it acknowledges).
  void sut_learn_from(const Step& s, const lc::OperationInfo& op, const json& body) {
    if (op.verb == lc::Verb::kPoll) {
      const json jobs = body.value("jobs", json::array());
      for (std::size_t i = 0; i < s.sut_jobs.size() && i < jobs.size(); ++i) {
        const std::size_t index = s.sut_jobs[i];
        if (index >= lc_.fixtures.jobs.size()) continue;
        if (op.flavour == JobKind::kCustom)
          sut_learn(index, jobs[i].value("nonce", ""));
        else
          sut_known_[index] = false;
      }
    } else if (op.verb == lc::Verb::kDetails && op.flavour == JobKind::kThirdParty &&
               s.job < lc_.fixtures.jobs.size()) {
      sut_learn(s.job, body.value("jobDetails", json::object()).value("nonce", ""));
    }
  }

  // After any step: the model's nonce history, and on the handler's side
  // the jobs' states and the generation.
  void after_step(const Step& s, const std::vector<JobSnap>& before,
                  const std::vector<JobSnap>& after, std::uint64_t generation,
                  std::uint64_t sut_generation) {
    for (std::size_t i = 0; i < after.size(); ++i)
      if (after[i].nonce != before[i].nonce && !before[i].nonce.empty())
        model_prev_[i] = before[i].nonce;
    if (model_only_) return;
    const bool model_changed = board_.generation() != generation;
    const bool sut_changed = lc_.oracle.board().generation() != sut_generation;
    if (model_changed != sut_changed)
      fail(std::string(op_name(s.op)) + ": the live board's generation " +
           (sut_changed ? "changed" : "did not change") + ", the model's " +
           (model_changed ? "did" : "did not"));
    // Unchanged generations on both sides: the states are as the last
    // comparison found them (finish() compares once more at the end).
    if (model_changed) compare_jobs(after, std::string("after ") + op_name(s.op));
  }

  // GET /_cpct/jobs against the model's states and dispatch counts.
  void compare_jobs(const std::vector<JobSnap>& model, const std::string& when) {
    const auto summary = sut_send(http::verb::get, std::string(cpct::server::kJobsPath), "", "");
    const json jobs = json::parse(summary.response.body(), nullptr, false).value("jobs", json());
    if (!jobs.is_array() || jobs.size() != model.size())
      fail("GET /_cpct/jobs does not list every job");
    for (std::size_t i = 0; i < model.size(); ++i)
      if (jobs[i].value("id", "") != lc_.fixtures.jobs[i].id ||
          jobs[i].value("status", "") != model[i].status ||
          jobs[i].value("dispatches", 0u) != model[i].dispatches)
        fail(when + ", GET /_cpct/jobs shows job " + std::to_string(i) + " " +
             jobs[i].value("status", "?") + " (" + std::to_string(jobs[i].value("dispatches", 0u)) +
             " dispatches), the model " + model[i].status + " (" +
             std::to_string(model[i].dispatches) + ")");
  }

  // The model's invariants over one step of `op`.
  void check_model(const Step& s, const lc::OperationInfo& op, const cpct::protocol::Expected& e,
                   const std::vector<JobSnap>& before, const std::vector<JobSnap>& after,
                   std::uint64_t generation, const json& input) {
    const std::string name = op.name;
    const bool changed = after != before;
    if ((board_.generation() != generation) != changed)
      fail(name + ": the generation " +
           (changed ? "did not change though a job changed" : "changed though no job did"));
    const auto& jobs = lc_.fixtures.jobs;
    const bool own_job = s.job < jobs.size() && jobs[s.job].kind == op.flavour;
    std::vector<bool> may_change(jobs.size(), false);

    if (op.verb == lc::Verb::kPoll && e.status == 200) {
      const std::string key = lc::action_type_key(input.at("actionTypeId"));
      const std::size_t max = s.batch > 0 ? static_cast<std::size_t>(s.batch) : 1;
      if (s.model_jobs.size() > max) fail(name + ": handed out more jobs than maxBatchSize");
      for (const std::size_t j : s.model_jobs) {
        const std::string job = "job " + std::to_string(j);
        if (j >= jobs.size()) fail(name + ": handed out a job the fixtures do not hold");
        if (may_change[j]) fail(name + ": handed out " + job + " twice in one answer");
        may_change[j] = true;
        if (jobs[j].kind != op.flavour)
          fail(name + ": handed out " + job + " of the other flavour");
        if (lc::action_type_key(lc::action_type_of(jobs[j])) != key)
          fail(name + ": handed out " + job + " of another action type");
        const auto& b = before[j];
        const bool waited = b.status == "Dispatched" && now_ - b.dispatched_at >= lc_.timeout;
        if (b.status != "Queued" && !waited)
          fail(name + ": handed out " + job + ", which was " + b.status +
               (b.status == "Dispatched" ? " within its acknowledgement wait" : ""));
        const auto& a = after[j];
        if (a.status != "Dispatched") fail(name + ": " + job + " handed out but now " + a.status);
        if (a.dispatches != b.dispatches + 1 || a.dispatched_at != now_)
          fail(name + ": " + job + " handed out but its dispatch not counted at this time");
        if (a.nonce.empty() || (b.dispatches > 0 && a.nonce == b.nonce))
          fail(name + ": " + job + " handed out again with its old nonce (or none)");
        if (a.data != b.data) fail(name + ": handing out " + job + " changed its data");
      }
      if (s.model_jobs.size() < max && !input.contains("queryParam"))
        for (std::size_t j = 0; j < jobs.size(); ++j)
          if (board_.pollable(j, key, op.flavour, now_))
            fail(name + ": left job " + std::to_string(j) + " behind with room in the batch");
    }

    if (op.verb == lc::Verb::kAcknowledge && own_job) {
      const auto& b = before[s.job];
      const std::string nonce = input.value("nonce", "");
      const bool holder = b.status == "Dispatched" || b.status == "InProgress";
      const bool right_token = op.flavour == JobKind::kCustom || s.own_token;
      if (e.status == 200) {
        const std::string status = e.body->value("status", "");
        if (holder) {
          if (nonce != b.nonce)
            fail(name + ": acknowledged job " + std::to_string(s.job) +
                 " with a nonce that is not its current one");
          if (status != "InProgress" || after[s.job].status != "InProgress")
            fail(name + ": an acknowledged job is not InProgress");
          may_change[s.job] = b.status == "Dispatched";
        } else if (b.status == "Succeeded" || b.status == "Failed" || b.status == "TimedOut") {
          if (status != b.status) fail(name + ": a finished job's acknowledgement misstates it");
        } else {
          fail(name + ": acknowledged job " + std::to_string(s.job) + ", which is " + b.status);
        }
      } else if (holder && right_token && !b.nonce.empty() && nonce == b.nonce) {
        fail(name + ": refused job " + std::to_string(s.job) + "'s current nonce (" + e.error_type +
             ")");
      }
    }

    if ((op.verb == lc::Verb::kSucceed || op.verb == lc::Verb::kFail) && own_job) {
      const auto& b = before[s.job];
      const auto& a = after[s.job];
      const bool right_token = op.flavour == JobKind::kCustom || s.own_token;
      if (e.status == 200) {
        if (b.status != "InProgress")
          fail(name + ": ended job " + std::to_string(s.job) + ", which was " + b.status);
        const bool again = op.verb == lc::Verb::kSucceed && input.contains("continuationToken");
        const std::string want = again                           ? "Queued"
                                 : op.verb == lc::Verb::kSucceed ? "Succeeded"
                                                                 : "Failed";
        if (a.status != want)
          fail(name + ": job " + std::to_string(s.job) + " is " + a.status + ", not " + want);
        if (again && (!a.data.is_object() ||
                      a.data.value("continuationToken", json()) != input["continuationToken"]))
          fail(name + ": a continued job's data lacks the continuation token");
        if (a.nonce != b.nonce || a.dispatches != b.dispatches)
          fail(name + ": a result changed the job's nonce or dispatch count");
        may_change[s.job] = true;
      } else if (b.status == "InProgress" && right_token && e.error_type != "ValidationException" &&
                 e.error_type != "SerializationException") {
        fail(name + ": refused to end job " + std::to_string(s.job) + ", which is InProgress (" +
             e.error_type + ")");
      }
    }

    for (std::size_t j = 0; j < jobs.size(); ++j) {
      if (after[j] == before[j]) continue;
      if (!may_change[j])
        fail(name + ": job " + std::to_string(j) + " changed (" + before[j].status + " -> " +
             after[j].status + ") where the step may not change it");
      if (finished(before[j].status))
        fail(name + ": finished job " + std::to_string(j) + " changed");
    }
  }

  const Lifecycle& lc_;
  bool model_only_;
  Clock::time_point start_;
  Clock::time_point now_;
  std::chrono::milliseconds logical_{0};
  lc::Board board_;
  std::vector<std::string> model_prev_;  // the model's previous nonce per job
  // The handler's worker: whether it has seen the job's nonce since the
  // job was handed out, the last one it saw, and the one before.
  std::vector<bool> sut_known_;
  std::vector<std::string> sut_last_;
  std::vector<std::string> sut_prev_;
  std::vector<Step> steps_;
};

// CPCT_FUZZ_LIFECYCLE_TRACE set: every input's steps are printed (to see
// what a seed does).
bool trace = false;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  trace = std::getenv("CPCT_FUZZ_LIFECYCLE_TRACE") != nullptr;
  const auto& l = lifecycle();
  // The differential keeps timeouts out of the run only with a long wait.
  cpct::fuzz::require(l.timeout >= std::chrono::seconds(10),
                      "the lifecycle fixtures' acknowledgeTimeoutMs is too short to compare");
  cpct::fuzz::require(l.third_party_type.is_object() && l.custom_type.is_object(),
                      "the lifecycle fixtures need a third-party and a custom job");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const auto& l = lifecycle();
  const bool model_only = (data[0] & 1u) != 0;
  Run run(model_only);
  const std::size_t steps = std::min((size - 1) / kStepBytes, kMaxSteps);
  for (std::size_t i = 0; i < steps; ++i)
    if (!run.step(decode_step(data + 1 + i * kStepBytes, l.fixtures.jobs.size()))) break;
  run.finish();
  if (trace) run.print_steps();
  return 0;
}
