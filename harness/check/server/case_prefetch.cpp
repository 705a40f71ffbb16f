#include "check/server/case_prefetch.hpp"

#include <algorithm>

namespace cpct::check {

CasePrefetch::CasePrefetch(const Plan& plan, PrefetchOptions options)
    : plan_(plan), options_(std::move(options)), thread_([this] { run(); }) {}

CasePrefetch::~CasePrefetch() {
  {
    std::lock_guard lock(mutex_);
    quit_ = true;
  }
  room_.notify_one();
  thread_.join();
}

std::optional<Prepared> CasePrefetch::next() {
  std::unique_lock lock(mutex_);
  worker_waits_ = true;
  ready_.wait(lock, [&] { return !items_.empty(); });
  worker_waits_ = false;
  // The end, or an error, stays: the thread has stopped, and next() says
  // it again rather than wait for nothing.
  if (!items_.front().prepared) {
    const std::exception_ptr error = items_.front().error;
    lock.unlock();
    if (error) std::rethrow_exception(error);
    return std::nullopt;
  }
  Prepared p = std::move(*items_.front().prepared);
  items_.pop_front();
  // Woken only once half the held cases are gone: one wake-up per half
  // refill, not per case.
  const bool wake = thread_waits_ && items_.size() <= std::max<std::size_t>(options_.depth / 2, 1);
  lock.unlock();
  if (wake) room_.notify_one();
  return p;
}

CasePrefetch::Item CasePrefetch::make(std::size_t index) const {
  Item item;
  try {
    Prepared p{plan_.at(index), std::nullopt, std::nullopt, {}};
    if (options_.oracle != nullptr && !options_.oracle->steps_board(p.c.request))
      p.expected = options_.oracle->expect(p.c.request, p.c.body_value.get());
    if (options_.sign) {
      p.http = options_.sign(p.c);
      p.signed_at = std::chrono::steady_clock::now();
    }
    item.prepared = std::move(p);
  } catch (...) {
    item.error = std::current_exception();
  }
  return item;
}

void CasePrefetch::run() {
  const std::size_t depth = std::max<std::size_t>(options_.depth, 1);
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      thread_waits_ = true;
      room_.wait(lock, [&] { return quit_ || items_.size() < depth; });
      thread_waits_ = false;
      if (quit_) return;
    }
    std::optional<std::size_t> index;
    Item item;
    try {
      index = options_.claim();
    } catch (...) {
      item.error = std::current_exception();
    }
    if (index) item = make(*index);
    const bool last = !item.prepared;  // the end, or an error
    bool wake = false;
    {
      std::lock_guard lock(mutex_);
      items_.push_back(std::move(item));
      wake = worker_waits_;
    }
    if (wake) ready_.notify_one();
    if (last) return;
  }
}

}  // namespace cpct::check
