#include "cli/interrupt.hpp"

#include <signal.h>

namespace cpct::cli {
namespace {

std::atomic<int> g_signal{0};
static_assert(std::atomic<int>::is_always_lock_free, "stored from a signal handler");

void on_signal(int number) {
  g_signal.store(number);
}

}  // namespace

void catch_interrupts() {
  struct sigaction action {};
  action.sa_handler = &on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;  // the second one is not caught
  ::sigaction(SIGTERM, &action, nullptr);
  ::sigaction(SIGINT, &action, nullptr);
}

const std::atomic<int>& interrupt_signal() {
  return g_signal;
}

}  // namespace cpct::cli
