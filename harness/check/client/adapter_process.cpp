#include "check/client/adapter_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace cpct::check {
namespace {

constexpr std::size_t kStderrTail = 16 * 1024;

bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

AdapterProcess::AdapterProcess(std::string command,
                               std::vector<std::pair<std::string, std::string>> env,
                               std::size_t max_line_bytes)
    : command_(std::move(command)), env_(std::move(env)), max_line_bytes_(max_line_bytes) {
  char path[] = "/tmp/cpct-adapter-stderr-XXXXXX";
  const int fd = mkstemp(path);
  if (fd >= 0) {
    ::close(fd);
    stderr_path_ = path;
  }
  // A dead adapter must not kill cpct through SIGPIPE on the next write.
  ::signal(SIGPIPE, SIG_IGN);
}

AdapterProcess::~AdapterProcess() {
  stop();
  if (!stderr_path_.empty()) ::unlink(stderr_path_.c_str());
}

bool AdapterProcess::start() {
  stop();
  int to_child[2];
  int from_child[2];
  if (::pipe2(to_child, O_CLOEXEC) != 0 || ::pipe2(from_child, O_CLOEXEC) != 0) {
    why_ = std::string("cannot create pipes: ") + std::strerror(errno);
    return false;
  }
  const pid_t pid = ::fork();
  if (pid < 0) {
    why_ = std::string("cannot fork: ") + std::strerror(errno);
    return false;
  }
  if (pid == 0) {
    // Child: its own process group, so a timeout kills what it started too.
    ::setpgid(0, 0);
    ::dup2(to_child[0], STDIN_FILENO);
    ::dup2(from_child[1], STDOUT_FILENO);
    const int err = ::open(stderr_path_.c_str(), O_WRONLY | O_APPEND | O_CREAT, 0600);
    if (err >= 0) ::dup2(err, STDERR_FILENO);
    for (const auto& [name, value] : env_) ::setenv(name.c_str(), value.c_str(), 1);
    ::execl("/bin/sh", "sh", "-c", command_.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(to_child[0]);
  ::close(from_child[1]);
  pid_ = pid;
  in_ = to_child[1];
  out_ = from_child[0];
  buffer_.clear();
  ++starts_;
  return true;
}

void AdapterProcess::stop() {
  if (in_ >= 0) ::close(in_), in_ = -1;
  if (out_ >= 0) ::close(out_), out_ = -1;
  if (pid_ > 0) {
    ::kill(-pid_, SIGKILL);
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
}

// After EOF: how the process ended.
std::string AdapterProcess::reap() {
  if (pid_ <= 0) return "not running";
  int status = 0;
  // Give it a moment to finish dying after closing stdout.
  for (int i = 0; i < 100; ++i) {
    const pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      pid_ = -1;
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
  const std::string framed = line + "\n";
  if (!write_all(in_, framed.data(), framed.size())) {
    reply.outcome = AdapterReply::Outcome::kExited;
    reply.status = reap();
    stop();
    return reply;
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  char chunk[65536];
  for (;;) {
    if (const auto nl = buffer_.find('\n'); nl != std::string::npos) {
      reply.line = buffer_.substr(0, nl);
      buffer_.erase(0, nl + 1);
      return reply;
    }
    if (buffer_.size() > max_line_bytes_) {
      reply.outcome = AdapterReply::Outcome::kTooLong;
      stop();
      return reply;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      reply.outcome = AdapterReply::Outcome::kTimeout;
      stop();
      return reply;
    }
    pollfd p{out_, POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) continue;
    const ssize_t n = ::read(out_, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
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
  std::ifstream in(stderr_path_, std::ios::binary);
  std::ostringstream all;
  all << in.rdbuf();
  std::string text = all.str();
  if (text.size() > kStderrTail) text = "..." + text.substr(text.size() - kStderrTail);
  return text;
}

}  // namespace cpct::check
