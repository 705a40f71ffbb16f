#pragma once
// A worker's next case, made on a thread of its own while the worker sends
// and judges the current one: drawing a generated body is a good part of
// a case's cost, and overlaps the endpoint's time to answer.
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

#include "check/case.hpp"
#include "check/server/planner.hpp"

namespace cpct::check {

class CasePrefetch {
 public:
  explicit CasePrefetch(const Plan& plan);
  /// Waits for a case being made, then stops the thread.
  ~CasePrefetch();
  CasePrefetch(const CasePrefetch&) = delete;
  CasePrefetch& operator=(const CasePrefetch&) = delete;

  /// Begins making plan.at(index); one at a time (a started case is taken
  /// before the next is started).
  void start(std::size_t index);
  /// plan.at(index): the one started (waited for), or made now when
  /// another was started or none. What plan.at threw is thrown here.
  Case take(std::size_t index);

 private:
  void run();

  const Plan& plan_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::optional<std::size_t> started_;  // asked for and not yet taken
  std::optional<std::size_t> wanted_;   // asked for and not yet begun
  std::optional<std::size_t> done_;     // made (or failed): made_ or error_ holds it
  std::optional<Case> made_;
  std::exception_ptr error_;
  bool quit_ = false;
  std::thread thread_;  // last: it starts once the members it reads exist
};

}  // namespace cpct::check
