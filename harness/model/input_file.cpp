#include "model/input_file.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "model/json_depth.hpp"

namespace cpct::model {
namespace {

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

std::string size_text(std::size_t bytes) {
  return bytes >= (1u << 20) ? std::to_string(bytes >> 20) + " MiB"
                             : std::to_string(bytes) + " bytes";
}

}  // namespace

std::string read_input_file(const std::string& path, std::size_t max_bytes, int idle_ms) {
  // O_NONBLOCK: opening a FIFO with no writer must not wait for one.
  Fd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
  if (fd.get() < 0) throw InputFileError(std::string("cannot open it: ") + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0)
    throw InputFileError(std::string("cannot read it: ") + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) throw InputFileError("is a directory, not a file");
  if (S_ISREG(st.st_mode) && static_cast<unsigned long long>(st.st_size) > max_bytes)
    throw InputFileError("larger than " + size_text(max_bytes));
  std::string bytes;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n > 0) {
      bytes.append(buffer, static_cast<std::size_t>(n));
      if (bytes.size() > max_bytes) throw InputFileError("larger than " + size_text(max_bytes));
      continue;
    }
    if (n == 0) break;
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK)
      throw InputFileError(std::string("cannot read it: ") + std::strerror(errno));
    // A FIFO whose writer has nothing yet: wait, but not forever.
    pollfd p{fd.get(), POLLIN, 0};
    const int ready = ::poll(&p, 1, idle_ms);
    if (ready == 0)
      throw InputFileError("nothing arrived for " + std::to_string(idle_ms / 1000) +
                           " s (a FIFO or device whose writer is stuck?)");
    if (ready < 0 && errno != EINTR)
      throw InputFileError(std::string("cannot read it: ") + std::strerror(errno));
  }
  return bytes;
}

void check_json_depth(const std::string& text, std::size_t max_depth) {
  std::size_t at = 0;
  if (json_nesting_depth(text, max_depth, &at) > max_depth)
    throw InputFileError("nested deeper than " + std::to_string(max_depth) + " levels (at byte " +
                         std::to_string(at) + ")");
}

}  // namespace cpct::model
