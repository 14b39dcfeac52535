#pragma once
// Files that are whole or absent: written under a unique temporary name in the target's folder,
// flushed to disk (fsync) and renamed into place; the temporary is removed when anything fails or
// the writer is dropped without commit(). Two writers of one path never share a temporary.
//
//   bourse::atomic_file file{"out/trades.csv"};
//   if (!file.error().empty()) return file.error();
//   file.stream() << text;
//   if (auto err = file.commit(); !err.empty()) return err;   // "out/trades.csv: cannot write: ..."

#include <cstdint>
#include <fstream>
#include <string>
#include <string_view>

namespace bourse {

/// A file being written under a temporary name; commit() puts it in place.
class atomic_file {
public:
  /// Creates the temporary `<folder>/.<name>.tmp-<pid>-<n>-<random>` next to `path` (the folder
  /// must exist); error() says why when it cannot.
  explicit atomic_file(std::string path);
  /// Removes the temporary unless commit() succeeded.
  ~atomic_file();
  atomic_file(const atomic_file&) = delete;
  atomic_file& operator=(const atomic_file&) = delete;

  /// Returns the stream to write to (in a failed state when error() is set).
  [[nodiscard]] std::ofstream& stream() noexcept { return out_; }
  /// Returns the problem so far, naming the file ("" when none).
  [[nodiscard]] const std::string& error() const noexcept { return error_; }
  /// Returns the final path.
  [[nodiscard]] const std::string& path() const noexcept { return path_; }
  /// Returns the temporary's path ("" when it could not be created or is gone).
  [[nodiscard]] const std::string& temp_path() const noexcept { return temp_; }
  /// Flushes, fsyncs and closes the temporary and renames it to path(); returns the problem naming
  /// the file (the temporary is then removed), or "". Call at most once.
  [[nodiscard]] std::string commit();
  /// Removes the temporary (nothing is written); safe to call more than once.
  void discard() noexcept;

private:
  std::string path_;
  std::string temp_;
  std::ofstream out_;
  std::string error_;
  bool committed_ = false;
};

/// Writes `text` to `path` whole or not at all; returns the problem naming the file, or "".
[[nodiscard]] std::string write_file_atomically(const std::string& path, std::string_view text);

/// Returns the file's FNV-1a 64-bit hash as 16 lower-case hex digits and its size, reading it in
/// blocks; `error` names the file when it cannot be read.
struct file_digest {
  /// FNV-1a 64 of the bytes, hex.
  std::string fnv1a64;
  /// Size in bytes.
  std::uint64_t bytes = 0;
  /// The problem, or "".
  std::string error;
};

/// Returns the size and FNV-1a 64 digest of the file at `path`.
[[nodiscard]] file_digest digest_file(const std::string& path);

/// Returns true when `a` and `b` name the same existing file (or the same path once made
/// absolute and normal, when either does not exist yet).
[[nodiscard]] bool same_file(const std::string& a, const std::string& b);

} // namespace bourse
