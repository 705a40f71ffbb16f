#pragma once
// The client under test, behind the adapter protocol (docs/contracts.md):
// `sh -c COMMAND` with JSON lines on stdin and stdout. cpct must survive it:
// every write and read is bounded by the case's deadline and every buffer by
// a cap, a dead or hung adapter is recorded and started again, its stderr is
// kept (a bounded tail) for the report, and no process it starts outlives it.
#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace cpct::check {

struct AdapterReply {
  // kInterrupted: cpct was asked to stop (SIGTERM) while waiting.
  enum class Outcome { kLine, kTimeout, kExited, kTooLong, kInterrupted };
  Outcome outcome = Outcome::kLine;
  std::string line;    // without the newline
  std::string status;  // how it died: "exit status 1", "killed by signal 6"
};

class AdapterProcess {
 public:
  /// Does not start it: start() does, and send() restarts it as needed.
  AdapterProcess(std::string command, std::vector<std::pair<std::string, std::string>> env,
                 std::size_t max_line_bytes = 64u << 20);
  ~AdapterProcess();
  AdapterProcess(const AdapterProcess&) = delete;
  AdapterProcess& operator=(const AdapterProcess&) = delete;

  /// Starts the process; false (with why()) when it cannot be started.
  bool start();
  const std::string& why() const { return why_; }

  /// Writes one line and waits for one line back within `timeout`. On a
  /// timeout the process is killed; on any failure the next send starts a
  /// new one.
  AdapterReply send(const std::string& line, std::chrono::milliseconds timeout);

  /// The last bytes the adapter wrote to stderr (all its incarnations).
  std::string stderr_tail() const;
  std::size_t starts() const { return starts_; }

  /// When `*stop` becomes non-zero, send() returns kInterrupted within
  /// 100 ms and the process is killed.
  void set_stop(const std::atomic<int>* stop) { stop_ = stop; }

 private:
  void stop();
  std::string reap();
  void drain_stderr();
  void kill_tree();

  std::string command_;
  std::vector<std::pair<std::string, std::string>> env_;
  std::size_t max_line_bytes_;
  pid_t pid_ = -1;
  int in_ = -1;   // adapter's stdin
  int out_ = -1;  // adapter's stdout
  int err_ = -1;  // adapter's stderr
  std::string stderr_tail_;
  bool stderr_cut_ = false;  // bytes before the tail were dropped
  const std::atomic<int>* stop_ = nullptr;
  std::string buffer_;       // stdout bytes after the last line read
  std::size_t scanned_ = 0;  // of buffer_, the bytes known to hold no newline
  std::string why_;
  std::size_t starts_ = 0;
};

}  // namespace cpct::check
