// Number, time and duration text for the HTML report.
#include "display.hpp"

#include <cmath>
#include <cstdio>

namespace bourse::report::detail {

namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

std::string two_digits(unsigned value) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02u", value % 100U);
  return buffer;
}

} // namespace

std::string format_number(double value, int decimals) {
  if (!std::isfinite(value))
    return "n/a";
  char buffer[64];
  if (std::fabs(value) >= 1e18) {
    std::snprintf(buffer, sizeof buffer, "%.3e", value);
    return buffer;
  }
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, std::fabs(value));
  std::string digits = buffer;
  bool zero = digits.find_first_not_of("0.") == std::string::npos;
  std::size_t point = digits.find('.');
  std::size_t int_end = point == std::string::npos ? digits.size() : point;
  std::string out;
  for (std::size_t i = 0; i < int_end; ++i) {
    if (i > 0 && (int_end - i) % 3 == 0)
      out += ',';
    out += digits[i];
  }
  out += digits.substr(int_end);
  return (value < 0 && !zero) ? "-" + out : out;
}

std::string format_signed(double value, int decimals) {
  std::string text = format_number(value, decimals);
  if (text == "n/a" || text[0] == '-' || text.find_first_not_of("0.,") == std::string::npos)
    return text;
  return "+" + text;
}

std::string format_percent(double fraction, int decimals) {
  if (!std::isfinite(fraction))
    return "n/a";
  return format_number(fraction * 100.0, decimals) + "%";
}

std::string format_optional(const std::optional<double>& value, int decimals) {
  return value ? format_number(*value, decimals) : "n/a";
}

std::string format_optional_percent(const std::optional<double>& fraction) {
  return fraction ? format_percent(*fraction) : "n/a";
}

std::string format_duration(duration_ns span) {
  struct unit {
    duration_ns size;
    const char* name;
  };
  static constexpr unit units[] = {{ns_per_day, "d"},           {3600 * ns_per_second, "h"},
                                   {60 * ns_per_second, "min"}, {ns_per_second, "s"},
                                   {1'000'000, "ms"},           {1'000, "us"}};
  for (const auto& u : units)
    if (span >= u.size) {
      double amount = static_cast<double>(span) / static_cast<double>(u.size);
      bool whole = span % u.size == 0;
      return format_number(amount, whole ? 0 : 1) + " " + u.name;
    }
  return std::to_string(span) + " ns";
}

civil_time to_civil(timestamp ts) {
  const std::int64_t days = floor_div(ts, ns_per_day);
  const std::int64_t in_day = ts - days * ns_per_day;
  // civil_from_days (Howard Hinnant).
  const std::int64_t z = days + 719468;
  const std::int64_t era = floor_div(z, 146097);
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  civil_time out;
  out.day = static_cast<unsigned>(doy - (153 * mp + 2) / 5 + 1);
  out.month = static_cast<unsigned>(mp < 10 ? mp + 3 : mp - 9);
  out.year = yoe + era * 400 + (out.month <= 2 ? 1 : 0);
  const std::int64_t seconds = in_day / ns_per_second;
  out.hour = static_cast<unsigned>(seconds / 3600);
  out.minute = static_cast<unsigned>(seconds / 60 % 60);
  out.second = static_cast<unsigned>(seconds % 60);
  out.millisecond = static_cast<unsigned>(in_day % ns_per_second / 1'000'000);
  return out;
}

std::string format_date(timestamp ts) {
  civil_time c = to_civil(ts);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04lld-", static_cast<long long>(c.year));
  return buffer + two_digits(c.month) + "-" + two_digits(c.day);
}

std::string format_date_time(timestamp ts) {
  civil_time c = to_civil(ts);
  std::string out = format_date(ts);
  if (c.hour == 0 && c.minute == 0 && c.second == 0 && c.millisecond == 0)
    return out;
  return out + " " + two_digits(c.hour) + ":" + two_digits(c.minute) + ":" + two_digits(c.second);
}

double nice_step(double span, int steps) {
  if (!(span > 0.0) || !std::isfinite(span))
    return 1.0;
  const double raw = span / static_cast<double>(steps);
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double factor : {1.0, 2.0, 2.5, 5.0})
    if (factor * power >= raw * (1 - 1e-9))
      return factor * power;
  return 10.0 * power;
}

int decimals_for_step(double step) {
  int decimals = 0;
  double scaled = step;
  while (decimals < 9 && std::fabs(scaled - std::round(scaled)) > 1e-9 * std::fabs(scaled)) {
    scaled *= 10.0;
    ++decimals;
  }
  return decimals;
}

} // namespace bourse::report::detail
