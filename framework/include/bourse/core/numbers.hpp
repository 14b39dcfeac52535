#pragma once
// Strict numbers for command-line options: plain decimal text only, with a range. "1.5" is not a
// whole number; "0x10", "1e30", "inf", "nan", " 5", "+5" and "" are not numbers at all.

#include <cstdint>
#include <optional>
#include <string_view>

namespace bourse {

/// Returns the value of `text` when it is a whole number written with decimal digits only (no sign,
/// space, point, hex or exponent) in [min, max]; nullopt otherwise.
[[nodiscard]] std::optional<std::uint64_t>
parse_whole_number(std::string_view text, std::uint64_t min, std::uint64_t max) noexcept;

/// Returns the value of `text` when it is a plain decimal number (an optional '-', digits, then
/// optionally '.' and digits: "3", "-0.25", "1.5"; no exponent, hex, inf, nan, '+' or spaces) in
/// [min, max]; nullopt otherwise.
[[nodiscard]] std::optional<double> parse_plain_number(std::string_view text, double min,
                                                       double max) noexcept;

} // namespace bourse
