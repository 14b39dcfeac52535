#pragma once
// SIGINT and SIGTERM for a program that runs trading systems: the signals are blocked in every
// thread (create the watch before any other thread, e.g. before the actor system) and a watching
// thread takes them with sigtimedwait — no signal handler, so nothing async-signal-unsafe runs in
// one. The first signal calls the stop function (e.g. trading_system::stop of the running system);
// a second one ends the process at once with 128 + the signal's number, writing nothing more.
//
//   bourse::signal_watch watch;                      // before the actor system starts
//   watch.on_stop([&] { ts.stop(); });
//   auto result = ts.run();
//   if (watch.signal()) ... // partial results: write them, exit 128 + watch.signal()

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include <signal.h>

namespace bourse {

/// Watches SIGINT and SIGTERM while it lives.
class signal_watch {
public:
  /// Blocks SIGINT and SIGTERM in this thread (and the threads it starts later) and starts the
  /// watching thread.
  signal_watch();
  /// Stops watching and restores the signal mask.
  ~signal_watch();
  signal_watch(const signal_watch&) = delete;
  signal_watch& operator=(const signal_watch&) = delete;

  /// Sets what the first signal calls (from the watching thread); replaces the previous one. When
  /// a signal came already, calls it at once.
  void on_stop(std::function<void()> stop);
  /// Returns the first signal received (SIGINT, SIGTERM) or 0.
  [[nodiscard]] int signal() const noexcept { return signal_.load(); }

  /// Returns the name of a signal ("SIGINT"), or "signal N".
  [[nodiscard]] static std::string name_of(int signal);

private:
  void watch();

  std::atomic<int> signal_{0};
  std::atomic<bool> done_{false};
  std::mutex mutex_;
  std::function<void()> stop_;
  sigset_t old_mask_{};
  std::thread thread_;
};

} // namespace bourse
