// Durations as text.
#include "bourse/core/duration.hpp"

#include <array>
#include <cstdint>
#include <limits>
#include <utility>

namespace bourse {

namespace {

struct unit {
  std::string_view name;
  duration_ns ns;
};

// Longest names first where one is a prefix of another ("ms" before "m").
constexpr std::array<unit, 7> units{{{"ns", 1},
                                     {"us", 1'000},
                                     {"ms", 1'000'000},
                                     {"s", ns_per_second},
                                     {"m", 60 * ns_per_second},
                                     {"h", 3'600 * ns_per_second},
                                     {"d", ns_per_day}}};

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

} // namespace

std::optional<duration_ns> parse_duration(std::string_view text) noexcept {
  if (text == "0")
    return 0;
  if (text.empty())
    return std::nullopt;
  constexpr auto max = std::numeric_limits<duration_ns>::max();
  duration_ns total = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_digit(text[i]))
      return std::nullopt;
    duration_ns value = 0;
    while (i < text.size() && is_digit(text[i])) {
      auto digit = static_cast<duration_ns>(text[i] - '0');
      if (value > (max - digit) / 10)
        return std::nullopt;
      value = value * 10 + digit;
      ++i;
    }
    const unit* found = nullptr;
    for (const auto& u : units) {
      auto rest = text.substr(i);
      if (rest.substr(0, u.name.size()) != u.name)
        continue;
      // "m" must not take the first letter of "ms".
      if (u.name == "m" && rest.size() > 1 && rest[1] == 's')
        continue;
      found = &u;
      break;
    }
    if (!found)
      return std::nullopt;
    i += found->name.size();
    if (value > max / found->ns)
      return std::nullopt;
    auto part = value * found->ns;
    if (total > max - part)
      return std::nullopt;
    total += part;
  }
  return total;
}

std::string format_duration(duration_ns d) {
  if (d == 0)
    return "0s";
  std::string out;
  // The magnitude as unsigned, so that the most negative value works too.
  std::uint64_t rest = d < 0 ? 0 - static_cast<std::uint64_t>(d) : static_cast<std::uint64_t>(d);
  if (d < 0)
    out += '-';
  // Whole days, hours, minutes, seconds, then the sub-second part in the largest exact unit.
  for (auto idx : {6, 5, 4, 3}) {
    auto ns = static_cast<std::uint64_t>(units[static_cast<std::size_t>(idx)].ns);
    if (rest >= ns) {
      out += std::to_string(rest / ns);
      out += units[static_cast<std::size_t>(idx)].name;
      rest %= ns;
    }
  }
  if (rest != 0) {
    std::size_t idx = rest % 1'000'000 == 0 ? 2 : rest % 1'000 == 0 ? 1 : 0;
    out += std::to_string(rest / static_cast<std::uint64_t>(units[idx].ns));
    out += units[idx].name;
  }
  return out;
}

} // namespace bourse
