#pragma once
// An output folder checked and locked before a run writes to it: the folder is created if missing,
// a probe file is created and removed (so that an unwritable folder is found before the run, not
// after it), and `<folder>/.bourse.lock` is locked exclusively (flock, non-blocking). A second
// lock of the same folder — from this process or another — is refused until the first is released.
// The lock file stays in the folder (removing it would race with a waiting locker); the kernel
// releases the lock when the holder exits, however it exits.
//
//   bourse::output_lock lock;
//   if (auto err = lock.acquire("out"); !err.empty()) { print(err); return exit_failure; }
//   ... write the outputs; the destructor releases the lock.

#include <string>

namespace bourse {

/// An exclusive lock on an output folder.
class output_lock {
public:
  output_lock() = default;
  /// Releases the lock.
  ~output_lock();
  output_lock(const output_lock&) = delete;
  output_lock& operator=(const output_lock&) = delete;

  /// The lock file's name inside the folder.
  static constexpr const char* file_name = ".bourse.lock";

  /// Creates `folder` if needed, checks that a file can be created and removed in it, and locks
  /// it; returns the problem naming the folder ("" when locked). A folder locked by another run is
  /// refused with "...: another run is writing to this folder (...)".
  [[nodiscard]] std::string acquire(const std::string& folder);
  /// Releases the lock (nothing when not held).
  void release() noexcept;
  /// Returns true while the lock is held.
  [[nodiscard]] bool held() const noexcept { return fd_ >= 0; }

private:
  int fd_ = -1;
};

} // namespace bourse
