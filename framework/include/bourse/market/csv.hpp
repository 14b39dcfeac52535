#pragma once
// Shared pieces of the streaming CSV readers: error records, options, header lookup.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bourse/core/time.hpp"

namespace bourse {

/// What kind of failure a csv_error is: the data itself (deterministic: reading again finds the
/// same problem) or the input/output around it (transient: a feed's restart policy may retry).
enum class csv_error_kind : std::uint8_t {
  data, ///< A bad row, header or value (the default).
  io    ///< The input could not be opened or a read failed.
};

/// A problem with one place in an input file: "file:line: column: reason".
struct csv_error {
  /// The file name (or "<stdin>").
  std::string file;
  /// 1-based line number; 0 when the problem is not tied to a line (e.g. a file that cannot be opened).
  std::size_t line = 0;
  /// The column (field) name, empty when the whole row or file is at fault.
  std::string column;
  /// What is wrong, in words.
  std::string reason;
  /// Data (a bad row: never retried) or I/O (a restart may help).
  csv_error_kind kind = csv_error_kind::data;

  /// Returns "file:line: column: reason" (parts that are empty are left out).
  [[nodiscard]] std::string to_string() const;
};

/// What a reader does with a bad row.
enum class bad_row_policy : std::uint8_t {
  stop, ///< Stop at the first bad row and report it (the default).
  skip  ///< Skip bad rows, count them and keep the first few errors.
};

/// Options common to the CSV readers.
struct csv_options {
  /// What to do with bad rows.
  bad_row_policy on_bad_row = bad_row_policy::stop;
  /// Unit of integer timestamps; detect decides from the first row's magnitude and keeps that unit.
  epoch_unit ts_unit = epoch_unit::detect;
  /// Field separator.
  char separator = ',';
  /// How many skipped-row errors to keep (the count goes on past it).
  std::size_t max_kept_errors = 20;
};

/// Maps lower-cased header names to column indexes.
class csv_header {
public:
  /// Reads the header fields (trimmed, compared case-insensitively).
  explicit csv_header(const std::vector<std::string_view>& fields);
  /// Returns the index of the first of `names` present, or -1.
  [[nodiscard]] int find(std::initializer_list<std::string_view> names) const noexcept;
  /// Returns how many columns the header has.
  [[nodiscard]] std::size_t size() const noexcept { return names_.size(); }
  /// Returns the name of column `index` as written in the file.
  [[nodiscard]] const std::string& name(std::size_t index) const { return original_[index]; }

private:
  std::vector<std::string> names_;
  std::vector<std::string> original_;
};

} // namespace bourse
