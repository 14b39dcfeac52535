#pragma once
// Timestamps as int64 nanoseconds since the Unix epoch (UTC), and their text forms.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bourse {

/// A point in time: nanoseconds since 1970-01-01T00:00:00Z (UTC, leap seconds not counted), the
/// data time of market data, orders and timers; int64 covers 1677-09-21 to 2262-04-11.
using timestamp = std::int64_t;
/// A span of time in nanoseconds (bar intervals, latencies, timer delays); may be negative.
using duration_ns = std::int64_t;

/// Nanoseconds per second, for writing spans: `15 * 60 * ns_per_second` is 15 minutes.
inline constexpr duration_ns ns_per_second = 1'000'000'000;
/// Nanoseconds per day (86,400 seconds: a UTC day, never a leap second), e.g. a daily bar
/// interval; a timestamp's day number is ts / ns_per_day rounded towards minus infinity.
inline constexpr duration_ns ns_per_day = 86'400 * ns_per_second;

/// The unit of an integer epoch timestamp in a file.
enum class epoch_unit : std::uint8_t { detect, seconds, milliseconds, microseconds, nanoseconds };

/// Returns "detect", "s", "ms", "us" or "ns".
[[nodiscard]] std::string_view to_string(epoch_unit unit) noexcept;
/// Parses "detect"/"auto", "s", "ms", "us" or "ns"; nullopt otherwise.
[[nodiscard]] std::optional<epoch_unit> epoch_unit_from_string(std::string_view text) noexcept;

/// Returns the unit an integer epoch most likely has, judged by its magnitude (dates after 1973).
[[nodiscard]] epoch_unit detect_epoch_unit(std::int64_t value) noexcept;

/// Returns `value` in `unit` as nanoseconds; nullopt on overflow or when unit is detect.
[[nodiscard]] std::optional<timestamp> epoch_to_ns(std::int64_t value, epoch_unit unit) noexcept;

/// Parses ISO-8601: "2024-01-02", "2024-01-02T09:30:00", "2024-01-02 09:30:00.123456789",
/// with an optional "Z" or "+hh:mm"/"-hh:mm" offset (no offset means UTC). Nullopt when malformed.
[[nodiscard]] std::optional<timestamp> parse_iso8601(std::string_view text) noexcept;

/// Returns "YYYY-MM-DDTHH:MM:SS[.fffffffff]Z" (fraction only when non-zero, trailing zeros trimmed).
[[nodiscard]] std::string format_iso8601(timestamp ts);

/// Returns days since the epoch for a proleptic Gregorian date.
[[nodiscard]] std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) noexcept;

/// Parses a timestamp cell: an integer epoch in `unit` (detect: by magnitude) or ISO-8601.
/// `detected` receives the unit used for integer input (unchanged for ISO-8601 text).
[[nodiscard]] std::optional<timestamp> parse_timestamp(std::string_view text, epoch_unit unit,
                                                       epoch_unit* detected = nullptr) noexcept;

} // namespace bourse
