// Epoch and ISO-8601 timestamp conversions.
#include "bourse/core/time.hpp"

#include <charconv>
#include <cstdio>
#include <limits>

#include "bourse/core/text.hpp"

namespace bourse {

std::string_view to_string(epoch_unit unit) noexcept {
  switch (unit) {
    case epoch_unit::detect:
      return "detect";
    case epoch_unit::seconds:
      return "s";
    case epoch_unit::milliseconds:
      return "ms";
    case epoch_unit::microseconds:
      return "us";
    case epoch_unit::nanoseconds:
      return "ns";
  }
  return "detect";
}

std::optional<epoch_unit> epoch_unit_from_string(std::string_view text) noexcept {
  for (auto u : {epoch_unit::detect, epoch_unit::seconds, epoch_unit::milliseconds,
                 epoch_unit::microseconds, epoch_unit::nanoseconds})
    if (iequals(text, to_string(u)))
      return u;
  if (iequals(text, "auto"))
    return epoch_unit::detect;
  return std::nullopt;
}

epoch_unit detect_epoch_unit(std::int64_t value) noexcept {
  // The magnitude as unsigned, so that INT64_MIN does not overflow.
  std::uint64_t mag =
      value < 0 ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
  if (mag < 100'000'000'000ULL) // < 1e11: seconds up to year 5138
    return epoch_unit::seconds;
  if (mag < 100'000'000'000'000ULL) // < 1e14 ms
    return epoch_unit::milliseconds;
  if (mag < 100'000'000'000'000'000ULL) // < 1e17 us
    return epoch_unit::microseconds;
  return epoch_unit::nanoseconds;
}

std::optional<timestamp> epoch_to_ns(std::int64_t value, epoch_unit unit) noexcept {
  std::int64_t factor = 0;
  switch (unit) {
    case epoch_unit::detect:
      return std::nullopt;
    case epoch_unit::seconds:
      factor = 1'000'000'000;
      break;
    case epoch_unit::milliseconds:
      factor = 1'000'000;
      break;
    case epoch_unit::microseconds:
      factor = 1'000;
      break;
    case epoch_unit::nanoseconds:
      factor = 1;
      break;
  }
  constexpr auto limit = std::numeric_limits<std::int64_t>::max();
  if (value > limit / factor || value < -limit / factor)
    return std::nullopt;
  return value * factor;
}

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
  // Howard Hinnant's algorithm.
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

namespace {

bool read_digits(std::string_view text, std::size_t& pos, std::size_t count, int& out) noexcept {
  if (pos + count > text.size())
    return false;
  int v = 0;
  for (std::size_t i = 0; i < count; ++i) {
    char c = text[pos + i];
    if (c < '0' || c > '9')
      return false;
    v = v * 10 + (c - '0');
  }
  pos += count;
  out = v;
  return true;
}

bool expect(std::string_view text, std::size_t& pos, char c) noexcept {
  if (pos < text.size() && text[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

unsigned days_in_month(int y, int m) noexcept {
  static constexpr unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : days[m - 1];
}

} // namespace

std::optional<timestamp> parse_iso8601(std::string_view text) noexcept {
  text = trim(text);
  std::size_t pos = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!read_digits(text, pos, 4, year) || !expect(text, pos, '-') ||
      !read_digits(text, pos, 2, month) || !expect(text, pos, '-') ||
      !read_digits(text, pos, 2, day))
    return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || static_cast<unsigned>(day) > days_in_month(year, month))
    return std::nullopt;
  std::int64_t fraction_ns = 0;
  std::int64_t offset_s = 0;
  if (pos < text.size() && (text[pos] == 'T' || text[pos] == 't' || text[pos] == ' ')) {
    ++pos;
    if (!read_digits(text, pos, 2, hour) || !expect(text, pos, ':') ||
        !read_digits(text, pos, 2, minute))
      return std::nullopt;
    if (expect(text, pos, ':') && !read_digits(text, pos, 2, second))
      return std::nullopt;
    if (hour > 23 || minute > 59 || second > 60)
      return std::nullopt;
    if (expect(text, pos, '.') || expect(text, pos, ',')) {
      int digits = 0;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        if (digits < 9) {
          fraction_ns = fraction_ns * 10 + (text[pos] - '0');
          ++digits;
        }
        ++pos;
      }
      if (digits == 0)
        return std::nullopt;
      for (int i = digits; i < 9; ++i)
        fraction_ns *= 10;
    }
    if (expect(text, pos, 'Z') || expect(text, pos, 'z')) {
      // UTC
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
      int sign = text[pos] == '-' ? -1 : 1;
      ++pos;
      int oh = 0, om = 0;
      if (!read_digits(text, pos, 2, oh))
        return std::nullopt;
      expect(text, pos, ':');
      if (pos < text.size() && !read_digits(text, pos, 2, om))
        return std::nullopt;
      if (oh > 23 || om > 59)
        return std::nullopt;
      offset_s = sign * (oh * 3600 + om * 60);
    }
  }
  if (pos != text.size())
    return std::nullopt;
  std::int64_t days =
      days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  std::int64_t secs = days * 86400 + hour * 3600 + minute * 60 + second - offset_s;
  // Outside the int64 nanosecond range (about 1677..2262) there is no timestamp.
  __extension__ typedef __int128 wide;
  wide ns = wide{secs} * ns_per_second + fraction_ns;
  if (ns > wide{std::numeric_limits<timestamp>::max()} ||
      ns < wide{std::numeric_limits<timestamp>::min()})
    return std::nullopt;
  return static_cast<timestamp>(ns);
}

std::string format_iso8601(timestamp ts) {
  std::int64_t secs = ts / ns_per_second;
  std::int64_t frac = ts % ns_per_second;
  if (frac < 0) {
    frac += ns_per_second;
    --secs;
  }
  std::int64_t days = secs / 86400;
  std::int64_t rem = secs % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  // civil_from_days (Howard Hinnant).
  std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%04lld-%02u-%02uT%02d:%02d:%02d", static_cast<long long>(y), m, d,
                static_cast<int>(rem / 3600), static_cast<int>(rem % 3600 / 60),
                static_cast<int>(rem % 60));
  std::string out(buf);
  if (frac != 0) {
    char fb[16];
    std::snprintf(fb, sizeof(fb), ".%09lld", static_cast<long long>(frac));
    std::string f(fb);
    while (f.back() == '0')
      f.pop_back();
    out += f;
  }
  out += 'Z';
  return out;
}

std::optional<timestamp> parse_timestamp(std::string_view text, epoch_unit unit,
                                         epoch_unit* detected) noexcept {
  text = trim(text);
  if (text.empty())
    return std::nullopt;
  std::int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc{} && ptr == text.data() + text.size()) {
    epoch_unit u = unit == epoch_unit::detect ? detect_epoch_unit(value) : unit;
    if (detected)
      *detected = u;
    return epoch_to_ns(value, u);
  }
  return parse_iso8601(text);
}

} // namespace bourse
