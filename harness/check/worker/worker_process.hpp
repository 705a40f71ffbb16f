#pragma once
// The job worker under test: `sh -c COMMAND` in its own process group, stdin
// from /dev/null, stdout and stderr into one file of which cpct keeps the
// tail. It runs until it exits or cpct stops it.
#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace cpct::check::worker {

class WorkerProcess {
 public:
  WorkerProcess(std::string command, std::vector<std::pair<std::string, std::string>> env);
  ~WorkerProcess();
  WorkerProcess(const WorkerProcess&) = delete;
  WorkerProcess& operator=(const WorkerProcess&) = delete;

  /// False, with why(), when it cannot be started.
  bool start();
  const std::string& why() const { return why_; }
  /// Nullopt while it runs; how it ended once it has ("exit status 1").
  std::optional<std::string> ended();
  /// SIGTERM, then SIGKILL after `grace`: how it ended and how long it took.
  std::pair<std::string, std::chrono::milliseconds> stop(std::chrono::milliseconds grace);
  /// The last bytes it wrote (stdout and stderr).
  std::string output_tail() const;

 private:
  std::optional<std::string> reap(bool wait);

  std::string command_;
  std::vector<std::pair<std::string, std::string>> env_;
  std::string output_path_;
  pid_t pid_ = -1;
  std::optional<std::string> ended_;
  std::string why_;
};

}  // namespace cpct::check::worker
