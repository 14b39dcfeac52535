#pragma once
// Fixed-point decimal numbers: price, quantity and money as an int64 raw value plus a decimal precision.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bourse {

/// The largest number of decimal places a fixed-point value may carry.
inline constexpr int max_precision = 9;

/// Returns 10^exponent for exponent in [0, 18].
[[nodiscard]] constexpr std::int64_t pow10(int exponent) noexcept {
  std::int64_t result = 1;
  for (int i = 0; i < exponent; ++i)
    result *= 10;
  return result;
}

namespace detail {

__extension__ typedef __int128 int128;

/// Parses a plain decimal ("-12.345", "7", "0.5", "1e3"); returns raw and precision, rounding past
/// max_precision decimals half away from zero. Returns false on anything else (empty, NaN, inf, overflow).
[[nodiscard]] bool parse_decimal(std::string_view text, std::int64_t& raw, int& precision) noexcept;

/// Returns raw / 10^precision as plain decimal text with exactly `precision` decimals.
[[nodiscard]] std::string format_decimal(std::int64_t raw, int precision);

/// Returns raw rescaled from one precision to another, rounding half away from zero when shrinking.
[[nodiscard]] std::int64_t rescale_rounded(std::int64_t raw, int from, int to) noexcept;

/// Returns true and sets `out` when raw can be rescaled exactly (no lost digits, no overflow).
[[nodiscard]] bool rescale_exact(std::int64_t raw, int from, int to, std::int64_t& out) noexcept;

/// Compares a (at precision pa) with b (at precision pb): negative, zero or positive.
[[nodiscard]] int compare(std::int64_t a, int pa, std::int64_t b, int pb) noexcept;

} // namespace detail

/// A decimal number stored as `raw / 10^precision`; `Tag` keeps prices, quantities and money apart.
template <class Tag>
class fixed {
public:
  /// Creates zero at precision 0.
  constexpr fixed() noexcept = default;

  /// Returns the value `raw / 10^precision` (precision is clamped to [0, max_precision]).
  [[nodiscard]] static constexpr fixed from_raw(std::int64_t raw, int precision) noexcept {
    fixed f;
    f.raw_ = raw;
    f.precision_ = static_cast<std::uint8_t>(precision < 0 ? 0
                                             : precision > max_precision ? max_precision
                                                                         : precision);
    return f;
  }

  /// Returns the integer `units` at precision 0.
  [[nodiscard]] static constexpr fixed from_units(std::int64_t units) noexcept {
    return from_raw(units, 0);
  }

  /// Parses decimal text, keeping as many decimals as the text has (at most max_precision).
  [[nodiscard]] static std::optional<fixed> parse(std::string_view text) noexcept {
    std::int64_t raw = 0;
    int precision = 0;
    if (!detail::parse_decimal(text, raw, precision))
      return std::nullopt;
    return from_raw(raw, precision);
  }

  /// Returns the nearest value at `precision` to a finite double; nullopt for NaN, inf or overflow.
  [[nodiscard]] static std::optional<fixed> from_double(double value, int precision) noexcept;

  /// Returns the raw integer.
  [[nodiscard]] constexpr std::int64_t raw() const noexcept { return raw_; }
  /// Returns the number of decimal places.
  [[nodiscard]] constexpr int precision() const noexcept { return precision_; }

  /// Returns the value as a double (for indicator math and display only).
  [[nodiscard]] double to_double() const noexcept {
    return static_cast<double>(raw_) / static_cast<double>(pow10(precision_));
  }

  /// Returns plain decimal text with exactly precision() decimals ("101.50").
  [[nodiscard]] std::string to_string() const { return detail::format_decimal(raw_, precision_); }

  /// Returns the value at another precision, or nullopt when digits would be lost.
  [[nodiscard]] std::optional<fixed> rescaled(int precision) const noexcept {
    std::int64_t out = 0;
    if (!detail::rescale_exact(raw_, precision_, precision, out))
      return std::nullopt;
    return from_raw(out, precision);
  }

  /// Returns the value at another precision, rounding half away from zero.
  [[nodiscard]] fixed rounded(int precision) const noexcept {
    return from_raw(detail::rescale_rounded(raw_, precision_, precision), precision);
  }

  /// Returns true when the value is zero.
  [[nodiscard]] constexpr bool is_zero() const noexcept { return raw_ == 0; }
  /// Returns true when the value is above zero.
  [[nodiscard]] constexpr bool is_positive() const noexcept { return raw_ > 0; }
  /// Returns true when the value is below zero.
  [[nodiscard]] constexpr bool is_negative() const noexcept { return raw_ < 0; }

  /// Returns the negated value.
  [[nodiscard]] constexpr fixed operator-() const noexcept { return from_raw(-raw_, precision_); }

  /// Returns the sum at the larger of both precisions.
  [[nodiscard]] friend fixed operator+(fixed a, fixed b) noexcept {
    int p = a.precision_ > b.precision_ ? a.precision_ : b.precision_;
    return from_raw(detail::rescale_rounded(a.raw_, a.precision_, p) +
                        detail::rescale_rounded(b.raw_, b.precision_, p),
                    p);
  }
  /// Returns the difference at the larger of both precisions.
  [[nodiscard]] friend fixed operator-(fixed a, fixed b) noexcept { return a + (-b); }
  /// Adds in place (the precision grows to the larger of both).
  fixed& operator+=(fixed other) noexcept { return *this = *this + other; }
  /// Subtracts in place (the precision grows to the larger of both).
  fixed& operator-=(fixed other) noexcept { return *this = *this - other; }
  /// Returns the value times an integer.
  [[nodiscard]] friend constexpr fixed operator*(fixed a, std::int64_t n) noexcept {
    return from_raw(a.raw_ * n, a.precision_);
  }

  /// Compares values exactly, whatever their precisions.
  [[nodiscard]] friend bool operator==(fixed a, fixed b) noexcept { return cmp(a, b) == 0; }
  [[nodiscard]] friend bool operator!=(fixed a, fixed b) noexcept { return cmp(a, b) != 0; }
  [[nodiscard]] friend bool operator<(fixed a, fixed b) noexcept { return cmp(a, b) < 0; }
  [[nodiscard]] friend bool operator<=(fixed a, fixed b) noexcept { return cmp(a, b) <= 0; }
  [[nodiscard]] friend bool operator>(fixed a, fixed b) noexcept { return cmp(a, b) > 0; }
  [[nodiscard]] friend bool operator>=(fixed a, fixed b) noexcept { return cmp(a, b) >= 0; }

  /// Returns plain decimal text (the free form, found by argument-dependent lookup).
  [[nodiscard]] friend std::string to_string(const fixed& x) { return x.to_string(); }

  /// Lets CAF (or any inspector with the same call form) serialize the raw value and precision;
  /// declared here without a CAF include so that the core stays CAF-free.
  template <class Inspector>
  friend typename Inspector::result_type inspect(Inspector& f, fixed& x) {
    return f(x.raw_, x.precision_);
  }

private:
  static int cmp(fixed a, fixed b) noexcept {
    if (a.precision_ == b.precision_)
      return a.raw_ < b.raw_ ? -1 : a.raw_ > b.raw_ ? 1 : 0;
    return detail::compare(a.raw_, a.precision_, b.raw_, b.precision_);
  }

  std::int64_t raw_ = 0;
  std::uint8_t precision_ = 0;
};

/// Tag type for prices.
struct price_tag {};
/// Tag type for quantities (order sizes, positions, volumes).
struct quantity_tag {};
/// Tag type for amounts of money (notional, PnL, fees).
struct money_tag {};

/// A price, e.g. 101.25 at precision 2.
using price = fixed<price_tag>;
/// A quantity, e.g. 100 at precision 0 or 0.001 at precision 3.
using quantity = fixed<quantity_tag>;
/// An amount of money.
using money = fixed<money_tag>;

/// Returns price * quantity, exact while the combined precision fits max_precision, otherwise rounded
/// to max_precision; nullopt on overflow.
[[nodiscard]] std::optional<money> notional(price p, quantity q) noexcept;

} // namespace bourse
