// Strict numbers for command-line options (bourse/core/numbers.hpp).
#include "bourse/core/numbers.hpp"

#include <charconv>
#include <cmath>
#include <system_error>

namespace bourse {

std::optional<std::uint64_t> parse_whole_number(std::string_view text, std::uint64_t min,
                                                std::uint64_t max) noexcept {
  if (text.empty())
    return std::nullopt;
  for (char c : text)
    if (c < '0' || c > '9')
      return std::nullopt;
  std::uint64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || ptr != text.data() + text.size() || value < min || value > max)
    return std::nullopt;
  return value;
}

std::optional<double> parse_plain_number(std::string_view text, double min, double max) noexcept {
  std::size_t i = 0;
  if (i < text.size() && text[i] == '-')
    ++i;
  std::size_t digits = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i)
    ++digits;
  if (digits == 0)
    return std::nullopt;
  if (i < text.size() && text[i] == '.') {
    ++i;
    std::size_t decimals = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i)
      ++decimals;
    if (decimals == 0)
      return std::nullopt;
  }
  if (i != text.size())
    return std::nullopt;
  double value = 0;
  auto [ptr, ec] =
      std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::fixed);
  if (ec != std::errc{} || ptr != text.data() + text.size() || !std::isfinite(value) ||
      value < min || value > max)
    return std::nullopt;
  return value;
}

} // namespace bourse
