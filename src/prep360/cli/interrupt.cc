#include "prep360/cli/interrupt.h"

#include <unistd.h>

#include <atomic>
#include <csignal>

namespace prep360::cli {
namespace {

std::atomic<int> g_signals{0};
std::atomic<bool> g_cancelled{false};
static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<int>::is_always_lock_free);

extern "C" void HandleSignal(int sig) {
  if (g_signals.fetch_add(1) >= 1) {
    std::signal(sig, SIG_DFL);
    std::raise(sig);
    return;
  }
  g_cancelled.store(true);
  constexpr char kMessage[] = "\nprep360: interrupted, finishing the images in progress (again to abort)\n";
  const ssize_t ignored = write(STDERR_FILENO, kMessage, sizeof(kMessage) - 1);
  (void)ignored;
}

}  // namespace

CancelToken InstallInterruptHandler() {
  struct sigaction action {};
  action.sa_handler = HandleSignal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  return CancelToken::Linked(&g_cancelled);
}

}  // namespace prep360::cli
