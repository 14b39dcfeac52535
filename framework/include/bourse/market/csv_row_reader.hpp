#pragma once
// The line-reading and error-collecting part shared by the streaming CSV readers.

#include <cstddef>
#include <fstream>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bourse/market/csv.hpp"

namespace bourse {

/// Reads a CSV input one line at a time into a reused buffer and splits it into trimmed fields
/// (string views into that buffer), so memory stays constant whatever the input size. It skips
/// blank lines, drops a UTF-8 byte order mark before the header, accepts LF and CRLF line ends,
/// checks each row's field count against the header, and applies the bad-row policy.
/// There are no quoting rules: a separator always separates.
class csv_row_reader {
public:
  /// Reads from a stream the caller keeps alive; `source` names it in errors.
  csv_row_reader(std::istream& in, std::string source, csv_options options);
  /// Opens and reads a file; a file that cannot be opened is reported by error().
  csv_row_reader(const std::string& path, csv_options options);

  /// Reads the header (the first non-blank line); returns false and sets error() when there is
  /// none, when the input cannot be read, or when a column name is empty or appears twice.
  [[nodiscard]] bool read_header();
  /// Returns the header; valid after read_header() returned true.
  [[nodiscard]] const csv_header& header() const noexcept { return header_; }
  /// Returns the header's name of column `index` as written (for messages), or `fallback` when
  /// absent.
  [[nodiscard]] std::string column_name(int index, std::string_view fallback) const;

  /// Reads the next non-blank row with as many fields as the header; rows with another count are
  /// reported through reject(). Returns false at the end of input, on a read error or once stopped.
  [[nodiscard]] bool next_row();
  /// Returns the fields of the current row.
  [[nodiscard]] const std::vector<std::string_view>& fields() const noexcept { return fields_; }
  /// Returns field `index` of the current row, or an empty view when index is negative.
  [[nodiscard]] std::string_view field(int index) const noexcept {
    return index < 0 ? std::string_view{} : fields_[static_cast<std::size_t>(index)];
  }
  /// Returns the 1-based line number of the current row (0 before the first line).
  [[nodiscard]] std::size_t line() const noexcept { return line_; }

  /// Reports the current row as bad in column `column` (empty for the whole row). Under the stop
  /// policy this sets error() and stops; under skip it counts the row and keeps the first errors.
  /// Returns true when reading may go on.
  bool reject(std::string_view column, std::string reason);
  /// Stops reading with an error that no policy can skip (bad header, unreadable input).
  void fail(std::size_t line, std::string_view column, std::string reason,
            csv_error_kind kind = csv_error_kind::data);

  /// Returns true once reading has stopped because of an error.
  [[nodiscard]] bool stopped() const noexcept { return error_.has_value(); }
  /// Returns the error that stopped reading, if any.
  [[nodiscard]] const std::optional<csv_error>& error() const noexcept { return error_; }
  /// Returns how many bad rows were skipped (skip policy).
  [[nodiscard]] std::size_t skipped() const noexcept { return skipped_; }
  /// Returns the first options().max_kept_errors errors of skipped rows.
  [[nodiscard]] const std::vector<csv_error>& skipped_errors() const noexcept {
    return skipped_errors_;
  }
  /// Returns the options the reader was made with.
  [[nodiscard]] const csv_options& options() const noexcept { return options_; }

private:
  bool read_line();

  std::unique_ptr<std::ifstream> file_;
  std::istream* in_ = nullptr;
  std::string source_;
  csv_options options_;
  std::string buffer_;
  std::vector<std::string_view> fields_;
  csv_header header_{std::vector<std::string_view>{}};
  std::optional<csv_error> error_;
  std::vector<csv_error> skipped_errors_;
  std::size_t skipped_ = 0;
  std::size_t line_ = 0;
};

} // namespace bourse
