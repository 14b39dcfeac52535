#pragma once
// Private helpers of the CSV readers: parse one cell and say in words what is wrong with it.

#include <optional>
#include <string>
#include <string_view>

#include "bourse/core/fixed_point.hpp"
#include "bourse/core/time.hpp"
#include "bourse/market/csv_row_reader.hpp"

namespace bourse::market_detail {

/// The header names accepted for the time column, in order of preference.
inline constexpr std::string_view ts_names[] = {"ts", "timestamp", "time", "date", "datetime"};

/// Sets `column` to the time column of the header (-1 when there is none); returns false and stops
/// `rows` when two columns name the time.
[[nodiscard]] bool find_time_column(csv_row_reader& rows, int& column);

/// Returns the reason a number cell does not parse ("empty", "not finite: 'nan'", ...).
[[nodiscard]] std::string number_problem(std::string_view cell);

/// Parses a price cell that must be positive; on failure returns nullopt and sets `reason`.
[[nodiscard]] std::optional<price> parse_positive_price(std::string_view cell, std::string& reason);

/// Parses a quantity cell that must not be negative; on failure returns nullopt and sets `reason`.
[[nodiscard]] std::optional<quantity> parse_size(std::string_view cell, std::string& reason);

/// Parses a time cell, fixing `unit` at the first integer epoch when it is detect.
[[nodiscard]] std::optional<timestamp> parse_time(std::string_view cell, epoch_unit& unit,
                                                  std::string& reason);

/// Returns "'text'" for messages, cut to a readable length.
[[nodiscard]] std::string quoted(std::string_view text);

} // namespace bourse::market_detail
