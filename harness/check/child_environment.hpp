#pragma once
// The environment of a program under test (an adapter, a job worker): cpct's
// own, less every AWS_* variable (the user's real credentials, session
// token, profile and role settings), plus what cpct sets (its endpoint and
// test credentials). Those programs talk only to cpct's mock endpoint, so
// they never need a real secret, and one they echo cannot leak. Built
// before fork(): the child only calls execve, which is safe after fork in
// a threaded process, where setenv is not.
#include <string>
#include <utility>
#include <vector>

namespace cpct::check {

class ChildEnvironment {
 public:
  explicit ChildEnvironment(const std::vector<std::pair<std::string, std::string>>& set);
  /// NAME=VALUE pointers, null-terminated, for execve; valid while this lives.
  char* const* envp() const { return pointers_.data(); }
  const std::vector<std::string>& entries() const { return entries_; }

 private:
  std::vector<std::string> entries_;
  std::vector<char*> pointers_;
};

}  // namespace cpct::check
