// SIGINT/SIGTERM without signal handlers: blocked everywhere, taken by one watching thread.
#include "bourse/actors/builder/signal_watch.hpp"

#include "bourse/logging/exit_codes.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>

#include <pthread.h>
#include <unistd.h>

namespace bourse {

namespace {

sigset_t watched_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

} // namespace

signal_watch::signal_watch() {
  auto set = watched_signals();
  pthread_sigmask(SIG_BLOCK, &set, &old_mask_);
  thread_ = std::thread([this] { watch(); });
}

signal_watch::~signal_watch() {
  done_ = true;
  if (thread_.joinable())
    thread_.join();
  pthread_sigmask(SIG_SETMASK, &old_mask_, nullptr);
}

void signal_watch::on_stop(std::function<void()> stop) {
  std::lock_guard<std::mutex> guard{mutex_};
  stop_ = std::move(stop);
  if (signal_.load() != 0 && stop_)
    stop_();
}

std::string signal_watch::name_of(int signal) {
  switch (signal) {
    case SIGINT:
      return "SIGINT";
    case SIGTERM:
      return "SIGTERM";
    default:
      return "signal " + std::to_string(signal);
  }
}

void signal_watch::watch() {
  const auto set = watched_signals();
  // Polls `done_` every 50 ms between waits: a blocked signal stays pending until taken.
  const timespec timeout{0, 50'000'000};
  while (!done_.load()) {
    int sig = sigtimedwait(&set, nullptr, &timeout);
    if (sig < 0)
      continue; // EAGAIN (timeout) or EINTR
    int expected = 0;
    if (!signal_.compare_exchange_strong(expected, sig)) {
      // The second signal: end now. Outputs already renamed into place are whole; one being
      // written stays a hidden temporary (.NAME.tmp-XXXXXX), never a truncated NAME.
      const char text[] = "\nSecond signal: exiting at once (outputs not yet written are absent)\n";
      (void)!::write(STDERR_FILENO, text, sizeof text - 1);
      std::_Exit(exit_signal(sig));
    }
    std::function<void()> stop;
    {
      std::lock_guard<std::mutex> guard{mutex_};
      stop = stop_;
    }
    if (stop)
      stop();
  }
}

} // namespace bourse
