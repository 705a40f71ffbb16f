#include "check/process_table.hpp"

#include <dirent.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

namespace cpct::check {

std::map<pid_t, ProcInfo> process_table() {
  std::map<pid_t, ProcInfo> table;
  DIR* dir = ::opendir("/proc");
  if (dir == nullptr) return table;
  while (const dirent* entry = ::readdir(dir)) {
    char* end = nullptr;
    const long pid = std::strtol(entry->d_name, &end, 10);
    if (pid <= 0 || *end != '\0') continue;
    std::ifstream in(std::string("/proc/") + entry->d_name + "/stat");
    std::string stat;
    if (!std::getline(in, stat)) continue;
    // The command may hold spaces and parentheses: the fields follow the last ')'.
    const auto paren = stat.rfind(')');
    if (paren == std::string::npos) continue;
    ProcInfo info;
    if (std::sscanf(stat.c_str() + paren + 1, " %c %d %d %d", &info.state, &info.ppid, &info.pgid,
                    &info.sid) == 4)
      table[static_cast<pid_t>(pid)] = info;
  }
  ::closedir(dir);
  return table;
}

}  // namespace cpct::check
