#pragma once
// Small text helpers shared by the parsers: case-insensitive compare, trimming, splitting.

#include <string>
#include <string_view>
#include <vector>

namespace bourse {

/// Returns true when both strings are equal ignoring ASCII case.
[[nodiscard]] bool iequals(std::string_view a, std::string_view b) noexcept;

/// Returns the text with ASCII letters lowered.
[[nodiscard]] std::string to_lower(std::string_view text);

/// Returns the text without leading and trailing spaces, tabs and carriage returns.
[[nodiscard]] std::string_view trim(std::string_view text) noexcept;

/// Splits on `separator` into `out` (cleared first), trimming each field; no quoting rules.
void split_fields(std::string_view line, char separator, std::vector<std::string_view>& out);

} // namespace bourse
