#include "check/server/case_prefetch.hpp"

namespace cpct::check {

CasePrefetch::CasePrefetch(const Plan& plan, const protocol::Oracle* oracle)
    : plan_(plan), oracle_(oracle), thread_([this] { run(); }) {}

CasePrefetch::~CasePrefetch() {
  {
    std::lock_guard lock(mutex_);
    quit_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void CasePrefetch::start(std::size_t index) {
  {
    std::lock_guard lock(mutex_);
    started_ = index;
    wanted_ = index;
    done_.reset();
    made_.reset();
    error_ = nullptr;
  }
  changed_.notify_all();
}

Prepared CasePrefetch::take(std::size_t index) {
  {
    std::unique_lock lock(mutex_);
    if (started_ == index) {
      changed_.wait(lock, [&] { return done_ == index; });
      started_.reset();
      done_.reset();
      if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
      Prepared p = std::move(*made_);
      made_.reset();
      return p;
    }
  }
  return {plan_.at(index), std::nullopt};
}

void CasePrefetch::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [&] { return quit_ || wanted_.has_value(); });
    if (quit_) return;
    const std::size_t index = *wanted_;
    wanted_.reset();
    lock.unlock();
    std::optional<Prepared> c;
    std::exception_ptr error;
    try {
      c = Prepared{plan_.at(index), std::nullopt};
      if (oracle_ != nullptr && !oracle_->steps_board(c->c.request))
        c->expected = oracle_->expect(c->c.request, c->c.body_value.get());
    } catch (...) {
      error = std::current_exception();
    }
    lock.lock();
    made_ = std::move(c);
    error_ = error;
    done_ = index;
    changed_.notify_all();
  }
}

}  // namespace cpct::check
