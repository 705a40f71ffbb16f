#pragma once
// A worker's next case, made on a thread of its own while the worker sends
// and judges the current one: drawing a generated body is a good part of
// a case's cost, and overlaps the endpoint's time to answer. Where the
// oracle's answer depends on the request alone (it steps no jobs' board),
// the answer is decided ahead too.
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

#include "check/case.hpp"
#include "check/server/planner.hpp"
#include "protocol/oracle.hpp"

namespace cpct::check {

/// A case and, when decided ahead, what the oracle expects of it.
struct Prepared {
  Case c;
  std::optional<protocol::Expected> expected;
};

class CasePrefetch {
 public:
  /// `oracle`: decides ahead each case whose request steps no board (null:
  /// none). A request that steps the board is decided at its turn, in the
  /// order requests are sent, by the caller.
  CasePrefetch(const Plan& plan, const protocol::Oracle* oracle);
  /// Waits for a case being made, then stops the thread.
  ~CasePrefetch();
  CasePrefetch(const CasePrefetch&) = delete;
  CasePrefetch& operator=(const CasePrefetch&) = delete;

  /// Begins making plan.at(index); one at a time (a started case is taken
  /// before the next is started).
  void start(std::size_t index);
  /// plan.at(index): the one started (waited for), or made now when
  /// another was started or none (then undecided). What plan.at or the
  /// oracle threw is thrown here.
  Prepared take(std::size_t index);

 private:
  void run();

  const Plan& plan_;
  const protocol::Oracle* oracle_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::optional<std::size_t> started_;  // asked for and not yet taken
  std::optional<std::size_t> wanted_;   // asked for and not yet begun
  std::optional<std::size_t> done_;     // made (or failed): made_ or error_ holds it
  std::optional<Prepared> made_;
  std::exception_ptr error_;
  bool quit_ = false;
  std::thread thread_;  // last: it starts once the members it reads exist
};

}  // namespace cpct::check
