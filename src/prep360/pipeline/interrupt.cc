#include "prep360/pipeline/interrupt.h"

#include <atomic>
#include <csignal>
#include <unistd.h>

namespace prep360 {
namespace {

std::atomic<int> g_signals{0};

extern "C" void HandleSignal(int sig) {
  if (g_signals.fetch_add(1) >= 1) {
    std::signal(sig, SIG_DFL);
    std::raise(sig);
    return;
  }
  constexpr char kMessage[] = "\nprep360: interrupted, finishing the images in progress (again to abort)\n";
  const ssize_t ignored = write(STDERR_FILENO, kMessage, sizeof(kMessage) - 1);
  (void)ignored;
}

}  // namespace

void InstallInterruptHandler() {
  struct sigaction action {};
  action.sa_handler = HandleSignal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

bool InterruptRequested() { return g_signals.load(std::memory_order_relaxed) > 0; }
void RequestInterrupt() { g_signals.store(1); }
void ClearInterrupt() { g_signals.store(0); }

}  // namespace prep360
