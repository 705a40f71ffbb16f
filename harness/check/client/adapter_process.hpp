#pragma once
// The client under test, behind the adapter protocol (docs/contracts.md):
// `sh -c COMMAND` with JSON lines on stdin and stdout. cpct must survive it:
// every read is bounded in time and size, a dead or hung adapter is
// recorded and started again, and its stderr is kept (the tail) for the report.
#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace cpct::check {

struct AdapterReply {
  enum class Outcome { kLine, kTimeout, kExited, kTooLong };
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

 private:
  void stop();
  std::string reap();

  std::string command_;
  std::vector<std::pair<std::string, std::string>> env_;
  std::size_t max_line_bytes_;
  pid_t pid_ = -1;
  int in_ = -1;   // adapter's stdin
  int out_ = -1;  // adapter's stdout
  std::string stderr_path_;
  std::string buffer_;  // stdout bytes after the last line read
  std::string why_;
  std::size_t starts_ = 0;
};

}  // namespace cpct::check
