#include "server/request_log.hpp"

#include <cerrno>
#include <cstring>
#include <ctime>

#include "text/hex.hpp"

namespace cpct::server {
namespace {

// Log lines must stay one line each and readable whatever a client sends.
void append_clean(std::string& out, std::string_view value, bool spaces = false) {
  if (value.empty()) {
    out += '-';
    return;
  }
  constexpr std::size_t kMax = 100;
  for (std::size_t i = 0; i < value.size() && i < kMax; ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    if ((c > 0x20 || (spaces && c == 0x20)) && c < 0x7f && c != '\\') {
      out += static_cast<char>(c);
    } else {
      text::append_byte_escape(out, c, text::HexCase::kLower);
    }
  }
  if (value.size() > kMax) out += "...";
}

}  // namespace

std::string format_log_line(const LogEntry& entry) {
  using namespace std::chrono;
  const auto since_epoch = entry.time.time_since_epoch();
  const std::time_t seconds = duration_cast<std::chrono::seconds>(since_epoch).count();
  const auto millis = duration_cast<milliseconds>(since_epoch).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char stamp[80];  // room for any int fields, so -Wformat-truncation stays quiet
  std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(millis));
  char latency[32];
  std::snprintf(latency, sizeof latency, "%.3f", static_cast<double>(entry.latency.count()) / 1e3);

  std::string line = "time=";
  line += stamp;
  line += " method=";
  append_clean(line, entry.method);
  line += " path=";
  append_clean(line, entry.path);
  line += " target=";
  append_clean(line, entry.target);
  line += " status=" + std::to_string(entry.status);
  line += " error=";
  append_clean(line, entry.error_type);
  line += " latency_ms=";
  line += latency;
  line += " request_id=";
  append_clean(line, entry.request_id);
  line += '\n';
  return line;
}

void RequestLog::note(const std::string& text) {
  std::string line = "  ";
  append_clean(line, text, true);
  line += '\n';
  put(line);
}

void RequestLog::write(const LogEntry& entry) {
  put(format_log_line(entry));
}

bool RequestLog::lost() const {
  std::lock_guard lock(mutex_);
  return lost_;
}

void RequestLog::put(const std::string& line) {
  std::lock_guard lock(mutex_);
  if (lost_) return;
  const bool written = std::fwrite(line.data(), 1, line.size(), out_) == line.size();
  if (written && std::fflush(out_) == 0) return;
  // EPIPE (a `| head` that ended, a log shipper restarting) or a full disk:
  // stop logging rather than fail requests. Said once; stderr may be the
  // very stream that failed, so this may go nowhere.
  const int error = errno;
  lost_ = true;
  std::clearerr(out_);
  std::fprintf(stderr, "cpct serve: the request log is lost (%s); serving goes on\n",
               std::strerror(error));
}

}  // namespace cpct::server
