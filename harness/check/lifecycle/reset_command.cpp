#include "check/lifecycle/reset_command.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <thread>

namespace cpct::check::lifecycle {

bool run_reset_command(const std::string& command, std::chrono::steady_clock::time_point deadline,
                       std::string& why) {
  const pid_t pid = ::fork();
  if (pid < 0) {
    why = "--reset-command could not start (fork failed)";
    return false;
  }
  if (pid == 0) {
    // Only async-signal-safe calls between fork and exec (cpct is threaded).
    ::setpgid(0, 0);
    ::dup2(STDERR_FILENO, STDOUT_FILENO);
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::setpgid(pid, pid);  // also here: no race with the child's own call
  int status = 0;
  for (;;) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) {
      why = "--reset-command: lost track of its process";
      return false;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      ::kill(-pid, SIGKILL);  // the command and whatever it started
      while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      why = "--reset-command did not finish in time (killed)";
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  // Its group may have left children behind: they go with it.
  ::kill(-pid, SIGKILL);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return true;
  why = WIFEXITED(status)
            ? "--reset-command exited with status " + std::to_string(WEXITSTATUS(status))
            : "--reset-command was killed by signal " + std::to_string(WTERMSIG(status));
  return false;
}

}  // namespace cpct::check::lifecycle
