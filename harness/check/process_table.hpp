#pragma once
// The processes of this machine as /proc shows them: what the checkers need
// to find every process a client or worker under test left behind.
#include <sys/types.h>

#include <map>

namespace cpct::check {

struct ProcInfo {
  char state = 0;  // 'R', 'S', ... 'Z' (zombie), 'X' (dead)
  pid_t ppid = 0;
  pid_t pgid = 0;
  pid_t sid = 0;
  bool alive() const { return state != 'Z' && state != 'X'; }
};

/// Every process by PID, from /proc/PID/stat (the fields after the command's
/// closing parenthesis). Empty when /proc cannot be read.
std::map<pid_t, ProcInfo> process_table();

}  // namespace cpct::check
