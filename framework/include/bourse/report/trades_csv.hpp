#pragma once
// trades.csv: one line per fill, `ts,strategy,symbol,side,price,qty,order_id,fee`.

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "bourse/report/records.hpp"

namespace bourse::report {

/// The header line of trades.csv (without the line feed).
inline constexpr std::string_view trades_csv_header =
    "ts,strategy,symbol,side,price,qty,order_id,fee";

/// Returns `text` as one CSV cell: unchanged, or in double quotes (inner quotes doubled) when it
/// holds a comma, a double quote, a line feed or a carriage return (RFC 4180).
[[nodiscard]] std::string csv_cell(std::string_view text);

/// Writes fills as trades.csv: the header on construction, then one line per fill, every line
/// ending in "\n". ts is ISO-8601 UTC (format_iso8601), side is buy/sell, price, qty and fee are
/// plain decimals at their own precision. The bytes depend on the fills only.
class trades_csv_writer {
public:
  /// Writes the header to `out`, which the caller keeps alive.
  explicit trades_csv_writer(std::ostream& out);
  /// Writes one fill as one line.
  void write(const fill_record& fill);

private:
  std::ostream* out_;
};

/// Writes the header and every fill of `fills` to `out`.
void write_trades_csv(std::ostream& out, const std::vector<fill_record>& fills);

} // namespace bourse::report
