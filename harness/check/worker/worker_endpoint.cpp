#include "check/worker/worker_endpoint.hpp"

#include "model/lifecycle/operations.hpp"
#include "protocol/json_body.hpp"
#include "protocol/oracle.hpp"

namespace cpct::check::worker {
namespace {

using nlohmann::json;
namespace http = boost::beast::http;

std::string_view view(boost::beast::string_view s) {
  return {s.data(), s.size()};
}

server::Reply fault_reply(FaultKind kind, unsigned version, std::string_view id, bool keep_alive,
                          std::string_view content_type) {
  server::Reply reply;
  switch (kind) {
    case FaultKind::kThrottle:
      reply = server::error_reply(http::status::bad_request, "ThrottlingException", "Rate exceeded",
                                  version, id, content_type);
      break;
    case FaultKind::kServerError:
      reply = server::error_reply(http::status::internal_server_error, "InternalFailure",
                                  "injected by cpct", version, id, content_type);
      break;
    case FaultKind::kInvalidNonce:
      reply = server::error_reply(http::status::bad_request, "InvalidNonceException",
                                  "The nonce is not the job's", version, id, content_type);
      break;
    case FaultKind::kJobNotFound:
      reply = server::error_reply(http::status::bad_request, "JobNotFoundException",
                                  "The job is gone", version, id, content_type);
      break;
    case FaultKind::kNotJson:
      reply = server::error_reply(http::status::ok, "", "", version, id, content_type);
      reply.response.body() = "{\"jobs\": [{\"jobId\": ";
      reply.response.content_length(reply.response.body().size());
      reply.error_type.clear();
      break;
  }
  reply.response.keep_alive(keep_alive);
  return reply;
}

}  // namespace

WorkerEndpoint::WorkerEndpoint(std::shared_ptr<const model::Spec> spec, const Scenario& scenario)
    : scenario_(scenario),
      oracle_(std::make_shared<const protocol::Oracle>(std::move(spec), scenario.fixtures)) {}

void WorkerEndpoint::start() {
  server::ServerOptions options;
  options.threads = 1;
  options.answer_cache = false;
  options.handler = [this](const server::Request& request, std::string_view id) {
    return answer(request, id);
  };
  server_ = std::make_unique<server::Server>(options, oracle_);
  started_ = std::chrono::steady_clock::now();
  server_->start();
}

void WorkerEndpoint::stop() {
  if (!server_) return;
  server_->stop();
  server_->wait();
}

std::string WorkerEndpoint::url() const {
  return server_->url();
}

server::Reply WorkerEndpoint::answer(const server::Request& request, std::string_view id) {
  Call call;
  call.at = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                  started_);
  if (const auto it = request.find("X-Amz-Target"); it != request.end()) {
    const std::string_view target = view(it->value());
    const auto dot = target.find('.');
    if (dot != std::string_view::npos &&
        model::lifecycle::find_operation(target.substr(dot + 1)) != nullptr)
      call.operation = std::string(target.substr(dot + 1));
  }
  const auto parsed = protocol::parse_body(request.body(), true);
  if (parsed.problem == protocol::BodyParse::Problem::kNone && parsed.value.is_object())
    call.input = parsed.value;

  std::lock_guard lock(mutex_);
  const Fault* fault = nullptr;
  if (!call.operation.empty()) {
    const std::size_t n = ++seen_[call.operation];
    for (const auto& f : scenario_.faults)
      if (f.operation == call.operation && f.call == n) fault = &f;
  }
  server::Reply reply = fault != nullptr
                            ? fault_reply(fault->kind, request.version(), id, request.keep_alive(),
                                          oracle_->spec().wire.content_type)
                            : server::handle(request, *oracle_, id);
  call.status = static_cast<int>(reply.response.result_int());
  call.error_type = reply.error_type;
  if (fault != nullptr) call.fault = to_string(fault->kind);
  if (fault == nullptr && call.status == 200) {
    const json body = json::parse(reply.response.body(), nullptr, false);
    if (body.is_object() && body.contains("jobs") && body["jobs"].is_array()) {
      for (const auto& job : body["jobs"]) {
        call.handed.push_back(job.value(job.contains("jobId") ? "jobId" : "id", ""));
        call.nonces.push_back(job.value("nonce", ""));
      }
    } else if (body.is_object() && body.contains("jobDetails") && body["jobDetails"].is_object()) {
      call.nonces.push_back(body["jobDetails"].value("nonce", ""));
    }
  }
  if (calls_.size() < kMaxCalls)
    calls_.push_back(std::move(call));
  else
    ++dropped_;
  return reply;
}

std::vector<Call> WorkerEndpoint::calls() const {
  std::lock_guard lock(mutex_);
  return calls_;
}

std::size_t WorkerEndpoint::dropped() const {
  std::lock_guard lock(mutex_);
  return dropped_;
}

std::map<std::string, std::string> WorkerEndpoint::states() const {
  std::map<std::string, std::string> out;
  const json summary = oracle_->board().summary();
  for (const auto& job : summary["jobs"]) out[job["id"]] = job["status"];
  return out;
}

}  // namespace cpct::check::worker
