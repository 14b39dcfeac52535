#pragma once
// CSV writers for bars and ticks, in the formats the readers read back.

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "bourse/core/time.hpp"
#include "bourse/market/tick.hpp"
#include "bourse/market/types.hpp"

namespace bourse {

/// How a writer prints the `ts` column.
enum class ts_format : std::uint8_t {
  iso8601,  ///< "2024-01-02T09:30:00.5Z" (fraction only when non-zero).
  date,     ///< "2024-01-02" (the UTC day; any time of day is dropped).
  epoch_s,  ///< Integer seconds (rounded down).
  epoch_ms, ///< Integer milliseconds (rounded down).
  epoch_us, ///< Integer microseconds (rounded down).
  epoch_ns  ///< Integer nanoseconds.
};

/// Returns "iso", "date", "s", "ms", "us" or "ns".
[[nodiscard]] std::string_view to_string(ts_format format) noexcept;
/// Parses "iso", "date", "s", "ms", "us" or "ns" (any case); nullopt otherwise.
[[nodiscard]] std::optional<ts_format> ts_format_from_string(std::string_view text) noexcept;
/// Returns `ts` printed in `format`.
[[nodiscard]] std::string format_timestamp(timestamp ts, ts_format format);

/// Writes bars as `ts,open,high,low,close,volume`, prices and volumes in plain decimal at their own
/// precision. The header is written on construction.
class bar_writer {
public:
  /// Writes the header to `out`, which the caller keeps alive.
  explicit bar_writer(std::ostream& out, ts_format format = ts_format::iso8601);
  /// Writes one bar as one line.
  void write(const bar& value);

private:
  std::ostream* out_;
  ts_format format_;
};

/// Writes ticks as `ts,symbol,bid,ask,bid_size,ask_size,last,last_size`; the cells of a part the
/// tick does not have (quote or trade) are left empty. The header is written on construction.
class tick_writer {
public:
  /// Writes the header to `out`, which the caller keeps alive.
  explicit tick_writer(std::ostream& out, ts_format format = ts_format::iso8601);
  /// Writes one tick as one line.
  void write(const tick& value);

private:
  std::ostream* out_;
  ts_format format_;
};

} // namespace bourse
