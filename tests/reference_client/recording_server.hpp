#pragma once
// A scripted job-worker endpoint that records every call: the operation
// (from X-Amz-Target), the JSON body and how it was sent. A test-supplied
// responder answers each call, so a test scripts a whole worker session
// (poll, details, ack, result) without the stateful server.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "net/scripted_server.hpp"
#include "scenario_server.hpp"

namespace cpct::reference_client::test {

struct RecordedCall {
  std::string operation;  // "PollForJobs"; the whole header when it has another prefix
  nlohmann::json body;    // null when the body is not JSON
  std::string path;
  std::string content_type;
  bool signed_v4 = false;
};

inline std::string json_response(const nlohmann::json& body) {
  return http_response(200, body.dump());
}

/// A modelled error as awsJson1_1 sends it.
inline std::string error_response(const std::string& type, const std::string& message,
                                  int status = 400) {
  return http_response(status, nlohmann::json{{"__type", type}, {"message", message}}.dump());
}

class RecordingServer {
 public:
  /// Gets the call and how many calls came before it; returns the raw HTTP
  /// response. Runs on the server's connection threads, one call at a time.
  using Responder = std::function<std::string(const RecordedCall& call, std::size_t index)>;

  explicit RecordingServer(Responder responder)
      : responder_(std::move(responder)), server_([this](net::testing::Peer& peer) {
          while (auto request = peer.read_request())
            if (!peer.write(answer(*request))) return;
        }) {}

  std::string url() const { return server_.url(); }

  std::vector<RecordedCall> calls() const {
    std::lock_guard lock(mutex_);
    return calls_;
  }

  /// Waits until `done(calls)` holds; false on timeout.
  bool wait_until(const std::function<bool(const std::vector<RecordedCall>&)>& done,
                  std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return done(calls_); });
  }

 private:
  std::string answer(const Request& request) {
    RecordedCall call;
    const std::string target = field(request, "X-Amz-Target");
    const std::string prefix = "CodePipeline_20150709.";
    call.operation = target.rfind(prefix, 0) == 0 ? target.substr(prefix.size()) : target;
    call.body = nlohmann::json::parse(request.body(), nullptr, false);
    if (call.body.is_discarded()) call.body = nullptr;
    call.path = std::string(request.target());
    call.content_type = field(request, "Content-Type");
    call.signed_v4 = field(request, "Authorization").rfind("AWS4-HMAC-SHA256 Credential=", 0) == 0;
    std::unique_lock lock(mutex_);
    const std::size_t index = calls_.size();
    calls_.push_back(call);
    // Answered under the lock: responders keep state without their own.
    std::string response = responder_(call, index);
    lock.unlock();
    changed_.notify_all();
    return response;
  }

  Responder responder_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<RecordedCall> calls_;
  net::testing::ScriptedServer server_;  // last: stops (joins its threads) first
};

/// The operations of `calls`, in order.
inline std::vector<std::string> operations_of(const std::vector<RecordedCall>& calls) {
  std::vector<std::string> out;
  for (const auto& call : calls) out.push_back(call.operation);
  return out;
}

}  // namespace cpct::reference_client::test
