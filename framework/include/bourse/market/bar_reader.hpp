#pragma once
// Streaming (constant memory) reader of OHLCV bar CSV files.

#include <cstddef>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "bourse/market/csv.hpp"
#include "bourse/market/csv_row_reader.hpp"
#include "bourse/market/types.hpp"

namespace bourse {

/// Reads bars from CSV with a header naming `ts,open,high,low,close[,volume]` in any order, any
/// case. `ts` may also be called timestamp, time, date or datetime; it is an integer epoch (s, ms,
/// us or ns) or ISO-8601. Rows are validated: finite, positive prices, low <= open/close <= high,
/// non-negative volume, timestamps strictly increasing. Memory use does not grow with the input.
class bar_reader {
public:
  /// Reads from a stream the caller keeps alive; `source` names it in errors.
  bar_reader(std::istream& in, std::string source, csv_options options = {});
  /// Opens and reads a file; a file that cannot be opened is reported by error().
  explicit bar_reader(const std::string& path, csv_options options = {});

  /// Reads the next good bar into `out`; returns false at the end of input or when stopped by an
  /// error.
  [[nodiscard]] bool next(bar& out);

  /// Returns the error that stopped reading (stop policy, bad header, unreadable file), if any.
  [[nodiscard]] const std::optional<csv_error>& error() const noexcept { return rows_.error(); }
  /// Returns how many bad rows were skipped (skip policy).
  [[nodiscard]] std::size_t skipped() const noexcept { return rows_.skipped(); }
  /// Returns the first options.max_kept_errors errors of skipped rows.
  [[nodiscard]] const std::vector<csv_error>& skipped_errors() const noexcept {
    return rows_.skipped_errors();
  }
  /// Returns the `ts` cell of the last bar returned, as written in the file (without surrounding
  /// spaces).
  [[nodiscard]] const std::string& raw_ts() const noexcept { return raw_ts_; }
  /// Returns the 1-based line number of the last bar returned.
  [[nodiscard]] std::size_t line() const noexcept { return line_; }
  /// Returns true when the file has a volume column (valid once the header is read, e.g. after the
  /// first next()).
  [[nodiscard]] bool has_volume() const noexcept { return volume_col_ >= 0; }
  /// Returns the unit used for integer timestamps: the option, or the unit detected from the first
  /// integer timestamp (detect until then, and for ISO-8601 files).
  [[nodiscard]] epoch_unit ts_unit() const noexcept { return unit_; }

private:
  bool read_header();
  bool parse_row(bar& out);
  bool reject(int column, std::string_view fallback, std::string reason);

  csv_row_reader rows_;
  std::string raw_ts_;
  std::size_t line_ = 0;
  int ts_col_ = -1, open_col_ = -1, high_col_ = -1, low_col_ = -1, close_col_ = -1,
      volume_col_ = -1;
  bool header_read_ = false;
  epoch_unit unit_ = epoch_unit::detect;
  timestamp last_ts_ = 0;
  bool have_last_ts_ = false;
};

} // namespace bourse
