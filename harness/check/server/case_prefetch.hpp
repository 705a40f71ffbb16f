#pragma once
// A worker's next cases, made on a thread of its own while the worker sends
// and judges the current one: drawing a generated body is a good part of a
// case's cost, and overlaps the endpoint's time to answer. Where the
// oracle's answer depends on the request alone (it steps no jobs' board),
// the answer is decided ahead too, and the request is signed ahead.
//
// Several cases are held ready, and either side wakes the other only when
// that one waits: one wake-up per case (a futex call each side, and the
// other core's wake-up) cost the worker more than signing a request.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "check/case.hpp"
#include "check/server/planner.hpp"
#include "net/http_client.hpp"
#include "protocol/oracle.hpp"

namespace cpct::check {

/// A case and what was done for it ahead.
struct Prepared {
  Case c;
  /// What the oracle expects of it, when decided ahead.
  std::optional<protocol::Expected> expected;
  /// The request to send, signed at `signed_at`, when signed ahead (the
  /// caller signs it again when it waited long).
  std::optional<net::HttpRequest> http;
  std::chrono::steady_clock::time_point signed_at{};
};

struct PrefetchOptions {
  /// The next plan index for this worker; nullopt once there is none.
  /// Called on the prefetch thread, in order.
  std::function<std::optional<std::size_t>()> claim;
  /// Decides ahead each case whose request steps no board (null: none). A
  /// request that steps the board is decided at its turn, in the order
  /// requests are sent, by the caller.
  const protocol::Oracle* oracle = nullptr;
  /// Signs a case's request ahead (empty: not signed).
  std::function<net::HttpRequest(const Case&)> sign;
  /// Cases held ready at most (at least 1).
  std::size_t depth = 16;
};

class CasePrefetch {
 public:
  CasePrefetch(const Plan& plan, PrefetchOptions options);
  /// Waits for the case being made, then stops the thread.
  ~CasePrefetch();
  CasePrefetch(const CasePrefetch&) = delete;
  CasePrefetch& operator=(const CasePrefetch&) = delete;

  /// The next claimed index's case, in claim order; nullopt once the
  /// claims have run out. What the claim, plan.at, the oracle or sign threw
  /// for it is thrown here, and again at every later call.
  std::optional<Prepared> next();

 private:
  struct Item {
    std::optional<Prepared> prepared;  // nullopt: the claims ran out
    std::exception_ptr error;
  };

  void run();
  Item make(std::size_t index) const;

  const Plan& plan_;
  const PrefetchOptions options_;
  std::mutex mutex_;
  std::condition_variable ready_;  // the worker waits for an item
  std::condition_variable room_;   // the thread waits for room
  std::deque<Item> items_;
  bool worker_waits_ = false;
  bool thread_waits_ = false;
  bool quit_ = false;
  std::thread thread_;  // last: it starts once the members it reads exist
};

}  // namespace cpct::check
