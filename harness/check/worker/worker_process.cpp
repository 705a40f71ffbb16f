#include "check/worker/worker_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "check/child_environment.hpp"
#include "check/process_table.hpp"

namespace cpct::check::worker {
namespace {

constexpr std::size_t kTail = 16 * 1024;

// Whether any process of group `group` is alive (a zombie is not: in a
// container nobody may reap an orphan, and it must not count as running).
bool group_alive(pid_t group) {
  if (::kill(-group, 0) != 0) return false;
  for (const auto& [pid, info] : process_table())
    if (info.pgid == group && info.alive()) return true;
  return false;
}

std::string describe(int status) {
  if (WIFSIGNALED(status)) return "killed by signal " + std::to_string(WTERMSIG(status));
  return "exit status " + std::to_string(WEXITSTATUS(status));
}

}  // namespace

WorkerProcess::WorkerProcess(std::string command,
                             std::vector<std::pair<std::string, std::string>> env)
    : command_(std::move(command)), env_(std::move(env)) {}

WorkerProcess::~WorkerProcess() {
  if (pid_ > 0 && !ended_) stop(std::chrono::milliseconds(0));
  closing_ = true;
  if (reader_.joinable()) reader_.join();
}

// Until every writer has closed the pipe, or cpct is done with the worker
// and the pipe is quiet (a process that left the group may keep it open).
void WorkerProcess::drain(int fd) {
  char buffer[4096];
  for (;;) {
    pollfd ready{fd, POLLIN, 0};
    const int r = ::poll(&ready, 1, 100);
    if (r < 0 && errno == EINTR) continue;
    if (r == 0) {
      if (closing_) break;
      continue;
    }
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    std::lock_guard lock(mutex_);
    tail_.append(buffer, static_cast<std::size_t>(n));
    if (tail_.size() > 2 * kTail) {
      tail_.erase(0, tail_.size() - kTail);
      cut_ = true;
    }
  }
  ::close(fd);
}

bool WorkerProcess::start() {
  int output[2];
  if (::pipe2(output, O_CLOEXEC) != 0) {
    why_ = std::string("cannot create a pipe: ") + std::strerror(errno);
    return false;
  }
  const ChildEnvironment environment(env_);
  const pid_t pid = ::fork();
  if (pid < 0) {
    why_ = std::string("cannot fork: ") + std::strerror(errno);
    ::close(output[0]);
    ::close(output[1]);
    return false;
  }
  if (pid == 0) {
    // Its own process group: stopping it stops what it started too.
    ::setpgid(0, 0);
    const int null = ::open("/dev/null", O_RDONLY);
    if (null >= 0) ::dup2(null, STDIN_FILENO);
    ::dup2(output[1], STDOUT_FILENO);
    ::dup2(output[1], STDERR_FILENO);
    const char* const argv[] = {"sh", "-c", command_.c_str(), nullptr};
    ::execve("/bin/sh", const_cast<char* const*>(argv), environment.envp());
    ::_exit(127);
  }
  ::setpgid(pid, pid);
  ::close(output[1]);
  pid_ = pid;
  reader_ = std::thread([this, fd = output[0]] { drain(fd); });
  return true;
}

std::optional<std::string> WorkerProcess::reap(bool wait) {
  if (ended_ || pid_ <= 0) return ended_;
  int status = 0;
  const pid_t r = ::waitpid(pid_, &status, wait ? 0 : WNOHANG);
  if (r == pid_) ended_ = describe(status);
  return ended_;
}

std::optional<std::string> WorkerProcess::ended() {
  return reap(false);
}

std::pair<std::string, std::chrono::milliseconds> WorkerProcess::stop(
    std::chrono::milliseconds grace) {
  const auto started = std::chrono::steady_clock::now();
  auto waited = [&] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 started);
  };
  if (reap(false)) return {*ended_, waited()};
  ::kill(-pid_, SIGTERM);
  // The worker is its whole process group: `sh -c` may die at once while
  // the program it started goes on.
  while (waited() < grace) {
    if (reap(false) && !group_alive(pid_)) return {*ended_, waited()};
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(-pid_, SIGKILL);
  reap(true);
  // A process that escaped the group may hold the pipe: do not wait on it.
  return {"did not stop within " + std::to_string(grace.count()) + " ms of SIGTERM (killed)",
          waited()};
}

std::string WorkerProcess::output_tail() const {
  std::lock_guard lock(mutex_);
  const bool longer = tail_.size() > kTail;
  const std::string out = longer ? tail_.substr(tail_.size() - kTail) : tail_;
  return cut_ || longer ? "..." + out : out;
}

}  // namespace cpct::check::worker
