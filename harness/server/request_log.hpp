#pragma once
// --log: one line per request on stderr. The line holds no bodies and no
// header other than X-Amz-Target, so sensitive members cannot reach it.
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>

namespace cpct::server {

struct LogEntry {
  std::chrono::system_clock::time_point time;
  std::string_view method;  // empty when the request line was not readable
  std::string_view path;
  std::string_view target;  // X-Amz-Target; empty when absent
  int status = 0;
  std::string_view error_type;  // empty on success
  std::chrono::microseconds latency{0};
  std::string_view request_id;
};

/// time=2025-01-02T03:04:05.678Z method=POST path=/ target=... status=400
/// error=ValidationException latency_ms=0.153 request_id=...
/// Client-supplied values are escaped (\xHH) and cut to 100 bytes.
std::string format_log_line(const LogEntry& entry);

class RequestLog {
 public:
  explicit RequestLog(std::FILE* out) : out_(out) {}
  void write(const LogEntry& entry);
  /// A line of its own, escaped as client values are: "job job-1: Queued -> Dispatched".
  void note(const std::string& text);
  /// True once a write failed (the reader of the log went away): the log
  /// is lost, the server goes on serving. Said once on stderr.
  bool lost() const;

 private:
  void put(const std::string& line);

  std::FILE* out_;
  bool lost_ = false;         // under mutex_
  mutable std::mutex mutex_;  // one whole line at a time from many threads
};

}  // namespace cpct::server
