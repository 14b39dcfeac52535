// Decimal parsing, formatting and rescaling for bourse::fixed.
#include "bourse/core/fixed_point.hpp"

#include <cmath>
#include <cstdlib>
#include <limits>

namespace bourse {
namespace detail {

namespace {

constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();

bool fits(int128 v) noexcept {
  return v <= int128{int64_max} && v >= -int128{int64_max};
}

// Divides rounding half away from zero.
int128 div_round(int128 num, int128 den) noexcept {
  int128 q = num / den;
  int128 r = num % den;
  if (r < 0)
    r = -r;
  if (2 * r >= den)
    q += num < 0 ? -1 : 1;
  return q;
}

int128 pow10_128(int n) noexcept {
  int128 r = 1;
  for (int i = 0; i < n; ++i)
    r *= 10;
  return r;
}

} // namespace

bool parse_decimal(std::string_view text, std::int64_t& raw, int& precision) noexcept {
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-'))
    negative = text[i++] == '-';
  int128 mantissa = 0;
  int decimals = 0;
  int digits = 0;
  int dropped_first = -1; // first digit dropped beyond max_precision, for rounding
  bool dot = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == '.' && !dot) {
      dot = true;
      continue;
    }
    if (c < '0' || c > '9')
      break;
    ++digits;
    if (dot && decimals >= max_precision) {
      if (dropped_first < 0)
        dropped_first = c - '0';
      continue;
    }
    mantissa = mantissa * 10 + (c - '0');
    if (mantissa > int128{int64_max})
      return false;
    if (dot)
      ++decimals;
  }
  if (digits == 0)
    return false;
  if (i < text.size()) {
    // Only an exponent may follow: fall back to strtod for the value, keep max_precision decimals.
    if (text[i] != 'e' && text[i] != 'E')
      return false;
    std::string copy(text);
    char* end = nullptr;
    double v = std::strtod(copy.c_str(), &end);
    if (end != copy.c_str() + copy.size() || !std::isfinite(v))
      return false;
    // Keep the fewest decimals (at most max_precision) that represent the double's shortest form.
    for (int p = 0; p <= max_precision; ++p) {
      double scaled = v * static_cast<double>(pow10(p));
      if (std::fabs(scaled) >= 9.2e18)
        return false;
      double r = std::round(scaled);
      if (std::fabs(scaled - r) <= 1e-9 * std::fmax(1.0, std::fabs(scaled)) || p == max_precision) {
        raw = static_cast<std::int64_t>(r);
        precision = p;
        return true;
      }
    }
    return false;
  }
  if (dropped_first >= 5)
    mantissa += 1;
  if (mantissa > int128{int64_max})
    return false;
  raw = static_cast<std::int64_t>(negative ? -mantissa : mantissa);
  precision = decimals;
  return true;
}

std::string format_decimal(std::int64_t raw, int precision) {
  bool negative = raw < 0;
  // Work on the magnitude as unsigned so that INT64_MIN does not overflow.
  std::uint64_t mag = negative ? 0 - static_cast<std::uint64_t>(raw) : static_cast<std::uint64_t>(raw);
  std::string digits = std::to_string(mag);
  if (precision > 0) {
    if (digits.size() <= static_cast<std::size_t>(precision))
      digits.insert(0, static_cast<std::size_t>(precision) + 1 - digits.size(), '0');
    digits.insert(digits.size() - static_cast<std::size_t>(precision), 1, '.');
  }
  return negative ? "-" + digits : digits;
}

std::int64_t rescale_rounded(std::int64_t raw, int from, int to) noexcept {
  if (from == to)
    return raw;
  if (to > from) {
    int128 v = int128{raw} * pow10_128(to - from);
    return fits(v) ? static_cast<std::int64_t>(v) : (v < 0 ? -int64_max : int64_max);
  }
  return static_cast<std::int64_t>(div_round(raw, pow10_128(from - to)));
}

bool rescale_exact(std::int64_t raw, int from, int to, std::int64_t& out) noexcept {
  if (to < 0 || to > max_precision)
    return false;
  if (to >= from) {
    int128 v = int128{raw} * pow10_128(to - from);
    if (!fits(v))
      return false;
    out = static_cast<std::int64_t>(v);
    return true;
  }
  int128 den = pow10_128(from - to);
  if (int128{raw} % den != 0)
    return false;
  out = static_cast<std::int64_t>(int128{raw} / den);
  return true;
}

int compare(std::int64_t a, int pa, std::int64_t b, int pb) noexcept {
  int p = pa > pb ? pa : pb;
  int128 x = int128{a} * pow10_128(p - pa);
  int128 y = int128{b} * pow10_128(p - pb);
  return x < y ? -1 : x > y ? 1 : 0;
}

} // namespace detail

template <class Tag>
std::optional<fixed<Tag>> fixed<Tag>::from_double(double value, int precision) noexcept {
  if (!std::isfinite(value) || precision < 0 || precision > max_precision)
    return std::nullopt;
  double scaled = value * static_cast<double>(pow10(precision));
  if (std::fabs(scaled) >= 9.2e18)
    return std::nullopt;
  return from_raw(static_cast<std::int64_t>(std::llround(scaled)), precision);
}

template class fixed<price_tag>;
template class fixed<quantity_tag>;
template class fixed<money_tag>;

std::optional<money> notional(price p, quantity q) noexcept {
  detail::int128 v = detail::int128{p.raw()} * q.raw();
  int precision = p.precision() + q.precision();
  if (precision > max_precision) {
    detail::int128 den = 1;
    for (int i = max_precision; i < precision; ++i)
      den *= 10;
    detail::int128 quotient = v / den;
    detail::int128 rest = v % den;
    if (rest < 0)
      rest = -rest;
    if (2 * rest >= den)
      quotient += v < 0 ? -1 : 1;
    v = quotient;
    precision = max_precision;
  }
  if (!detail::fits(v))
    return std::nullopt;
  return money::from_raw(static_cast<std::int64_t>(v), precision);
}

} // namespace bourse
