#pragma once
// Private: number, time and duration text for the HTML report (locale-independent, never "nan").

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "bourse/core/time.hpp"

namespace bourse::report::detail {

/// Returns `value` with `decimals` decimals and thousands separators ("-1,234.50"); "n/a" when
/// not finite; never "-0.00".
[[nodiscard]] std::string format_number(double value, int decimals);

/// Returns `value` with an explicit sign ("+1,234.50", "-3.00", "0.00").
[[nodiscard]] std::string format_signed(double value, int decimals);

/// Returns a fraction as a percentage ("12.34%"); "n/a" when not finite.
[[nodiscard]] std::string format_percent(double fraction, int decimals = 2);

/// Returns a value or "n/a" for nullopt.
[[nodiscard]] std::string format_optional(const std::optional<double>& value, int decimals);

/// Returns a fraction as a percentage or "n/a" for nullopt.
[[nodiscard]] std::string format_optional_percent(const std::optional<double>& fraction);

/// Returns a span of time in words ("250 ms", "1 s", "5 min", "2 h", "1 d", "3.5 d").
[[nodiscard]] std::string format_duration(duration_ns span);

/// A UTC calendar date and time of day.
struct civil_time {
  /// The year (proleptic Gregorian).
  std::int64_t year = 1970;
  /// Month 1-12, day 1-31, hour 0-23, minute and second 0-59, millisecond 0-999.
  unsigned month = 1, day = 1, hour = 0, minute = 0, second = 0, millisecond = 0;
};

/// Returns the UTC calendar date and time of `ts`.
[[nodiscard]] civil_time to_civil(timestamp ts);

/// Returns "YYYY-MM-DD" (the UTC day).
[[nodiscard]] std::string format_date(timestamp ts);

/// Returns "YYYY-MM-DD HH:MM:SS" when the time of day is not midnight, else "YYYY-MM-DD".
[[nodiscard]] std::string format_date_time(timestamp ts);

/// Returns 1-2-2.5-5 times a power of ten: the nice step for about `span / steps`.
[[nodiscard]] double nice_step(double span, int steps);

/// Returns how many decimals show multiples of `step` exactly (0 for steps of 1 or more).
[[nodiscard]] int decimals_for_step(double step);

} // namespace bourse::report::detail
