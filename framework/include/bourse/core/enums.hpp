#pragma once
// Order side, order type and time in force, with to_string / from_string.

#include <cstdint>
#include <optional>
#include <string_view>

namespace bourse {

/// The side of an order or trade.
enum class side : std::uint8_t { buy, sell };

/// How an order is priced.
enum class order_type : std::uint8_t { limit, market, stop, stop_limit };

/// How long an order may rest.
enum class time_in_force : std::uint8_t { gtc, day, ioc, fok };

/// Returns "buy" or "sell".
[[nodiscard]] std::string_view to_string(side value) noexcept;
/// Returns "limit", "market", "stop" or "stop_limit".
[[nodiscard]] std::string_view to_string(order_type value) noexcept;
/// Returns "gtc", "day", "ioc" or "fok".
[[nodiscard]] std::string_view to_string(time_in_force value) noexcept;

/// Parses a side ("buy"/"sell", also "b"/"s", any case); nullopt otherwise.
[[nodiscard]] std::optional<side> side_from_string(std::string_view text) noexcept;
/// Parses an order type (any case); nullopt otherwise.
[[nodiscard]] std::optional<order_type> order_type_from_string(std::string_view text) noexcept;
/// Parses a time in force (any case); nullopt otherwise.
[[nodiscard]] std::optional<time_in_force> time_in_force_from_string(std::string_view text) noexcept;

/// Returns the other side.
[[nodiscard]] constexpr side opposite(side value) noexcept {
  return value == side::buy ? side::sell : side::buy;
}

} // namespace bourse
