#pragma once
// Durations as text: "250ms", "1m", "1h30m", "2d", "0" (configuration files and command lines).

#include <optional>
#include <string>
#include <string_view>

#include "bourse/core/time.hpp"

namespace bourse {

/// Parses a duration: one or more `<integer><unit>` parts with units ns, us, ms, s, m (minutes),
/// h, d (e.g. "1h30m", "500ms"), or a bare "0". Nullopt when malformed, negative or when the
/// total does not fit int64 nanoseconds.
[[nodiscard]] std::optional<duration_ns> parse_duration(std::string_view text) noexcept;

/// Returns the shortest text parse_duration reads back as `d` ("1m", "1h30m", "250ms", "0s").
/// Negative durations get a leading '-'.
[[nodiscard]] std::string format_duration(duration_ns d);

} // namespace bourse
