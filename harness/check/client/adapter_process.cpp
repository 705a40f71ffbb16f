#include "check/client/adapter_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>

#include "check/child_environment.hpp"
#include "check/process_table.hpp"

namespace cpct::check {
namespace {

constexpr std::size_t kStderrTail = 16 * 1024;
// Waits are cut into slices this long, so a stop request is seen promptly.
constexpr int kSliceMs = 100;

void set_nonblocking(int fd) {
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
}

}  // namespace

AdapterProcess::AdapterProcess(std::string command,
                               std::vector<std::pair<std::string, std::string>> env,
                               std::size_t max_line_bytes)
    : command_(std::move(command)), env_(std::move(env)), max_line_bytes_(max_line_bytes) {
  // A dead adapter must not kill cpct through SIGPIPE on the next write.
  ::signal(SIGPIPE, SIG_IGN);
  // Processes the adapter leaves behind (setsid, double fork) become cpct's
  // children rather than init's, so kill_tree() finds and reaps them.
  ::prctl(PR_SET_CHILD_SUBREAPER, 1);
}

AdapterProcess::~AdapterProcess() {
  stop();
}

bool AdapterProcess::start() {
  stop();
  int to_child[2];
  int from_child[2];
  int err_child[2];
  if (::pipe2(to_child, O_CLOEXEC) != 0 || ::pipe2(from_child, O_CLOEXEC) != 0 ||
      ::pipe2(err_child, O_CLOEXEC) != 0) {
    why_ = std::string("cannot create pipes: ") + std::strerror(errno);
    return false;
  }
  const ChildEnvironment environment(env_);
  const pid_t pid = ::fork();
  if (pid < 0) {
    why_ = std::string("cannot fork: ") + std::strerror(errno);
    for (const int fd :
         {to_child[0], to_child[1], from_child[0], from_child[1], err_child[0], err_child[1]})
      ::close(fd);
    return false;
  }
  if (pid == 0) {
    // Child: its own process group, so a timeout kills what it started too.
    ::setpgid(0, 0);
    ::dup2(to_child[0], STDIN_FILENO);
    ::dup2(from_child[1], STDOUT_FILENO);
    ::dup2(err_child[1], STDERR_FILENO);
    // Default dispositions: cpct ignores SIGPIPE, the adapter must not inherit that.
    ::signal(SIGPIPE, SIG_DFL);
    const char* const argv[] = {"sh", "-c", command_.c_str(), nullptr};
    ::execve("/bin/sh", const_cast<char* const*>(argv), environment.envp());
    ::_exit(127);
  }
  ::close(to_child[0]);
  ::close(from_child[1]);
  ::close(err_child[1]);
  pid_ = pid;
  in_ = to_child[1];
  out_ = from_child[0];
  err_ = err_child[0];
  // Never block on the adapter: writes and reads wait in poll(), by deadline.
  set_nonblocking(in_);
  set_nonblocking(out_);
  set_nonblocking(err_);
  buffer_.clear();
  scanned_ = 0;
  ++starts_;
  return true;
}

void AdapterProcess::drain_stderr() {
  if (err_ < 0) return;
  char chunk[65536];
  // At most a few chunks per call: a flood must not starve the reply.
  for (int i = 0; i < 16; ++i) {
    const ssize_t n = ::read(err_, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n == 0) ::close(err_), err_ = -1;
      return;
    }
    stderr_tail_.append(chunk, static_cast<std::size_t>(n));
    if (stderr_tail_.size() > 2 * kStderrTail) {
      stderr_tail_.erase(0, stderr_tail_.size() - kStderrTail);
      stderr_cut_ = true;
    }
  }
}

// The adapter, its process group, and every process descended from it,
// also those that left the group (setsid) or were orphaned and adopted by
// cpct as their subreaper.
void AdapterProcess::kill_tree() {
  const auto table = process_table();
  const pid_t self = ::getpid();
  const pid_t own_sid = ::getsid(0);
  std::set<pid_t> doomed;
  if (pid_ > 0) doomed.insert(pid_);
  for (const auto& [pid, info] : table) {
    // Orphans cpct adopted: in the adapter's group, or in a session of
    // their own (cpct starts nothing else that leaves its session).
    if (info.ppid == self && pid != pid_ && (info.pgid == pid_ || info.sid != own_sid))
      doomed.insert(pid);
  }
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& [pid, info] : table)
      if (doomed.count(info.ppid) != 0 && doomed.insert(pid).second) grew = true;
  }
  if (pid_ > 0) ::kill(-pid_, SIGKILL);
  for (const pid_t pid : doomed) ::kill(pid, SIGKILL);
  // Reap what is cpct's child now; the others are reaped by their parents,
  // which die too.
  for (const pid_t pid : doomed) {
    const auto it = table.find(pid);
    if (pid == pid_ || (it != table.end() && it->second.ppid == self)) ::waitpid(pid, nullptr, 0);
  }
}

void AdapterProcess::stop() {
  if (in_ >= 0) ::close(in_), in_ = -1;
  if (out_ >= 0) ::close(out_), out_ = -1;
  kill_tree();
  pid_ = -1;
  drain_stderr();  // what it wrote before it died belongs to the report
  if (err_ >= 0) ::close(err_), err_ = -1;
}

// After EOF: how the process ended.
std::string AdapterProcess::reap() {
  if (pid_ <= 0) return "not running";
  int status = 0;
  // Give it a moment to finish dying after closing stdout.
  for (int i = 0; i < 100; ++i) {
    drain_stderr();
    const pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      pid_ = -1;
      kill_tree();  // what it left running
      if (WIFSIGNALED(status)) return "killed by signal " + std::to_string(WTERMSIG(status));
      return "exit status " + std::to_string(WEXITSTATUS(status));
    }
    ::usleep(10'000);
  }
  stop();
  return "closed its stdout";
}

AdapterReply AdapterProcess::send(const std::string& line, std::chrono::milliseconds timeout) {
  AdapterReply reply;
  if (pid_ <= 0 && !start()) {
    reply.outcome = AdapterReply::Outcome::kExited;
    reply.status = why_;
    return reply;
  }
  auto fail = [&](AdapterReply::Outcome outcome) {
    reply.outcome = outcome;
    stop();
    return reply;
  };
  const std::string framed = line + "\n";
  std::size_t written = 0;
  // One deadline from the first byte written to the newline read back.
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  char chunk[65536];
  for (;;) {
    if (stop_ != nullptr && stop_->load() != 0) return fail(AdapterReply::Outcome::kInterrupted);
    // A reply counts once the whole request line is written.
    if (written == framed.size()) {
      // Only the bytes not searched yet: a long line costs linear time.
      if (const auto nl = buffer_.find('\n', scanned_); nl != std::string::npos) {
        reply.line = buffer_.substr(0, nl);
        buffer_.erase(0, nl + 1);
        scanned_ = 0;
        return reply;
      }
      scanned_ = buffer_.size();
    }
    if (buffer_.size() > max_line_bytes_) return fail(AdapterReply::Outcome::kTooLong);
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return fail(AdapterReply::Outcome::kTimeout);
    if (written < framed.size()) {
      const ssize_t n = ::write(in_, framed.data() + written, framed.size() - written);
      if (n > 0) {
        written += static_cast<std::size_t>(n);
        continue;
      }
      if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
        reply.outcome = AdapterReply::Outcome::kExited;  // EPIPE: it is gone
        reply.status = reap();
        stop();
        return reply;
      }
    }
    pollfd p[3] = {{out_, POLLIN, 0}, {err_, POLLIN, 0}, {-1, POLLOUT, 0}};
    if (written < framed.size()) p[2].fd = in_;
    const int ready = ::poll(p, 3, static_cast<int>(std::min<long long>(left.count(), kSliceMs)));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;
    if (p[1].revents != 0) drain_stderr();
    if (p[0].revents == 0) continue;
    const ssize_t n = ::read(out_, chunk, sizeof chunk);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n <= 0) {
      reply.outcome = AdapterReply::Outcome::kExited;
      reply.status = reap();
      stop();
      return reply;
    }
    buffer_.append(chunk, static_cast<std::size_t>(n));
  }
}

std::string AdapterProcess::stderr_tail() const {
  if (!stderr_cut_ && stderr_tail_.size() <= kStderrTail) return stderr_tail_;
  return "..." +
         stderr_tail_.substr(stderr_tail_.size() - std::min(stderr_tail_.size(), kStderrTail));
}

}  // namespace cpct::check
