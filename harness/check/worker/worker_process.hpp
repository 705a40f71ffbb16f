#pragma once
// The job worker under test: `sh -c COMMAND` in its own process group, stdin
// from /dev/null, stdout and stderr into one pipe of which cpct keeps only
// the tail (a worker that floods its output costs no memory or disk). It
// runs until it exits or cpct stops it.
#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
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
  void drain(int fd);

  std::string command_;
  std::vector<std::pair<std::string, std::string>> env_;
  std::thread reader_;
  mutable std::mutex mutex_;
  std::string tail_;
  bool cut_ = false;                  // bytes were dropped before the tail
  std::atomic<bool> closing_{false};  // the reader gives up once nothing more comes
  pid_t pid_ = -1;
  std::optional<std::string> ended_;
  std::string why_;
};

}  // namespace cpct::check::worker
