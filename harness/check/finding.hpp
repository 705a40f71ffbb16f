#pragma once
// What every checker (server, client, worker) judges into: one finding per
// requirement a case exercises, and the answer chosen where the documents
// leave several. The shared core's vocabulary; results.hpp counts them.
#include <string>

namespace cpct::check {

struct Finding {
  std::string requirement;
  bool ok = true;
  std::string detail;  // on failure: what was wrong, in a sentence
};

/// Which acceptable answer an implementation chose where the documents
/// leave a choice (a question of protocol::questions()).
struct Choice {
  std::string question;
  std::string answer;
};

}  // namespace cpct::check
