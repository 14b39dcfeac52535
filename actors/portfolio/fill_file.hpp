#pragma once
// A binary file of fills, written as they are booked and read back in the same order: the
// portfolio keeps the fills of a long run here instead of in memory (portfolio_config::
// fills_in_memory), and run_result::for_each_fill reads them back for trades.csv and the
// statistics in one pass. The format is private to one process run: fixed-width little-endian
// fields per fill, the symbol as a length and its bytes.

#include <cstddef>
#include <cstdio>
#include <functional>
#include <string>

#include "bourse/protocol/orders.hpp"

namespace bourse {

/// Returns a path for a new temporary fill file in `directory` (the system's temporary folder
/// when empty), unique within this process and unlikely to clash with another's.
[[nodiscard]] std::string temporary_fill_path(const std::string& directory = {});

/// Appends fills to a new file. Not thread-safe; closes (keeping the file) when destroyed.
class fill_file_writer {
public:
  /// Creates (or truncates) the file at `path`; ok() tells whether that worked.
  explicit fill_file_writer(std::string path);
  ~fill_file_writer();
  fill_file_writer(const fill_file_writer&) = delete;
  fill_file_writer& operator=(const fill_file_writer&) = delete;

  /// Appends one fill.
  void write(const fill& f);

  /// Writes buffered fills to the file; returns false when any write so far failed.
  [[nodiscard]] bool flush();

  /// Returns false once opening or a write failed.
  [[nodiscard]] bool ok() const noexcept { return ok_; }
  /// Returns how many fills were written.
  [[nodiscard]] std::size_t count() const noexcept { return count_; }
  /// Returns the file's path.
  [[nodiscard]] const std::string& path() const noexcept { return path_; }

private:
  std::string path_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
  std::size_t count_ = 0;
  bool ok_ = false;
};

/// Calls `visit` with every fill of the file at `path` in the order written, at most `count`
/// of them; returns an error naming the file (empty on success, also when it holds exactly
/// `count` fills).
[[nodiscard]] std::string read_fill_file(const std::string& path, std::size_t count,
                                         const std::function<void(const fill&)>& visit);

/// Owns a fill file and removes it when destroyed (the last copy of a run_result shares it).
class fill_file {
public:
  /// Takes over the file at `path` holding `count` fills.
  fill_file(std::string path, std::size_t count) : path_(std::move(path)), count_(count) {}
  ~fill_file();
  fill_file(const fill_file&) = delete;
  fill_file& operator=(const fill_file&) = delete;

  /// Calls `visit` with every fill in booking order; returns an error text (empty on success).
  [[nodiscard]] std::string for_each(const std::function<void(const fill&)>& visit) const {
    return read_fill_file(path_, count_, visit);
  }
  /// Returns the number of fills.
  [[nodiscard]] std::size_t size() const noexcept { return count_; }
  /// Returns the file's path.
  [[nodiscard]] const std::string& path() const noexcept { return path_; }

private:
  std::string path_;
  std::size_t count_ = 0;
};

} // namespace bourse
