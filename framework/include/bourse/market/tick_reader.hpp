#pragma once
// Streaming (constant memory) reader of quote/trade tick CSV files.

#include <cstddef>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "bourse/market/csv.hpp"
#include "bourse/market/csv_row_reader.hpp"
#include "bourse/market/tick.hpp"

namespace bourse {

/// Reads ticks from CSV with a header naming `ts,symbol,bid,ask,bid_size,ask_size,last,last_size`
/// in any order, any case (`ts` may also be timestamp, time, date or datetime). A file needs ts,
/// symbol and either bid and ask, or last (or all); size columns are optional (zero when absent). A
/// row carries a quote when any quote cell is filled, a trade when any trade cell is filled, or
/// both. Rows are validated: non-empty symbol, positive prices, bid <= ask, non-negative sizes,
/// time not going backwards within the file (equal times are allowed). Memory use does not grow
/// with the input.
class tick_reader {
public:
  /// Reads from a stream the caller keeps alive; `source` names it in errors.
  tick_reader(std::istream& in, std::string source, csv_options options = {});
  /// Opens and reads a file; a file that cannot be opened is reported by error().
  explicit tick_reader(const std::string& path, csv_options options = {});

  /// Reads the next good tick into `out` (reusing its storage); returns false at the end of input
  /// or when stopped by an error.
  [[nodiscard]] bool next(tick& out);

  /// Returns the error that stopped reading (stop policy, bad header, unreadable file), if any.
  [[nodiscard]] const std::optional<csv_error>& error() const noexcept { return rows_.error(); }
  /// Returns how many bad rows were skipped (skip policy).
  [[nodiscard]] std::size_t skipped() const noexcept { return rows_.skipped(); }
  /// Returns the first options.max_kept_errors errors of skipped rows.
  [[nodiscard]] const std::vector<csv_error>& skipped_errors() const noexcept {
    return rows_.skipped_errors();
  }
  /// Returns the 1-based line number of the last tick returned.
  [[nodiscard]] std::size_t line() const noexcept { return line_; }
  /// Returns the unit used for integer timestamps (see bar_reader::ts_unit).
  [[nodiscard]] epoch_unit ts_unit() const noexcept { return unit_; }

private:
  bool read_header();
  bool parse_row(tick& out);
  bool reject(int column, std::string_view fallback, std::string reason);

  csv_row_reader rows_;
  tick scratch_;
  std::size_t line_ = 0;
  int ts_col_ = -1, symbol_col_ = -1, bid_col_ = -1, ask_col_ = -1, bid_size_col_ = -1,
      ask_size_col_ = -1, last_col_ = -1, last_size_col_ = -1;
  bool header_read_ = false;
  epoch_unit unit_ = epoch_unit::detect;
  timestamp last_ts_ = 0;
  bool have_last_ts_ = false;
};

} // namespace bourse
