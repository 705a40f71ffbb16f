#pragma once
// Memo of the oracle's successful answers, keyed by the exact request
// (X-Amz-Target and body bytes). The oracle is a pure function of those
// over fixtures that never change while serving, so a hit is the same
// answer without parsing and validating the request again.
// Only 200s are kept: they are what pollers repeat; errors are cheap and
// fuzzed requests are all different. One cache per thread: no locks.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace cpct::server {

class AnswerCache {
 public:
  static constexpr std::size_t kMaxEntries = 256;
  static constexpr std::size_t kMaxKeyBytes = 2048;

  /// The serialised body of a 200 for this request, or null.
  const std::string* find(std::string_view target, std::string_view body);
  void store(std::string_view target, std::string_view body, std::string answer);
  /// Forgets every answer when the board's generation is not the one they
  /// were kept under (a job changed state).
  void sync(std::uint64_t generation) {
    if (generation == generation_) return;
    answers_.clear();
    generation_ = generation;
  }

  /// This thread's cache for the server with this serial number (a fresh
  /// one whenever the serial changes).
  static AnswerCache& for_thread(std::uint64_t server_serial);

 private:
  std::string& key_for(std::string_view target, std::string_view body);
  std::string key_;  // reused: no allocation on a lookup
  std::unordered_map<std::string, std::string> answers_;
  std::uint64_t generation_ = 0;
};

}  // namespace cpct::server
