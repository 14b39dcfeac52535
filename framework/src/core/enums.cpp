// String conversions for the core enums.
#include "bourse/core/enums.hpp"

#include "bourse/core/text.hpp"

namespace bourse {

std::string_view to_string(side value) noexcept {
  return value == side::buy ? "buy" : "sell";
}

std::string_view to_string(order_type value) noexcept {
  switch (value) {
    case order_type::limit:
      return "limit";
    case order_type::market:
      return "market";
    case order_type::stop:
      return "stop";
    case order_type::stop_limit:
      return "stop_limit";
  }
  return "unknown";
}

std::string_view to_string(time_in_force value) noexcept {
  switch (value) {
    case time_in_force::gtc:
      return "gtc";
    case time_in_force::day:
      return "day";
    case time_in_force::ioc:
      return "ioc";
    case time_in_force::fok:
      return "fok";
  }
  return "unknown";
}

std::optional<side> side_from_string(std::string_view text) noexcept {
  if (iequals(text, "buy") || iequals(text, "b"))
    return side::buy;
  if (iequals(text, "sell") || iequals(text, "s"))
    return side::sell;
  return std::nullopt;
}

std::optional<order_type> order_type_from_string(std::string_view text) noexcept {
  for (auto v : {order_type::limit, order_type::market, order_type::stop, order_type::stop_limit})
    if (iequals(text, to_string(v)))
      return v;
  return std::nullopt;
}

std::optional<time_in_force> time_in_force_from_string(std::string_view text) noexcept {
  for (auto v : {time_in_force::gtc, time_in_force::day, time_in_force::ioc, time_in_force::fok})
    if (iequals(text, to_string(v)))
      return v;
  return std::nullopt;
}

} // namespace bourse
