#pragma once
// SIGTERM and SIGINT during a check: the run stops after the case in
// flight, writes what it has and exits 1 (docs/client.md). A second signal
// ends cpct at once (the default action).
#include <atomic>

namespace cpct::cli {

/// Installs the handlers; the signal's number lands in interrupt_signal().
void catch_interrupts();
/// 0 until SIGTERM or SIGINT arrives, then its number.
const std::atomic<int>& interrupt_signal();

}  // namespace cpct::cli
