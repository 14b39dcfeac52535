#pragma once
// Indicator specs: the text form `name[:param...]` (e.g. "rsi:14", "macd:12:26:9",
// "bbands:20:2") and its parsed, validated form.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bourse::indicators {

/// Every indicator a spec can name.
enum class indicator_kind : std::uint8_t {
  sma,    ///< simple moving average, sma:N
  ema,    ///< exponential moving average, ema:N
  wma,    ///< weighted moving average, wma:N
  dema,   ///< double exponential moving average, dema:N
  tema,   ///< triple exponential moving average, tema:N
  rsi,    ///< relative strength index, rsi:N
  macd,   ///< MACD, macd:FAST:SLOW:SIGNAL
  bbands, ///< Bollinger Bands, bbands:N:K
  atr,    ///< average true range, atr:N
  trange, ///< true range, trange
  stoch,  ///< slow stochastic, stoch:FASTK:SLOWK:SLOWD
  stochf, ///< fast stochastic, stochf:FASTK:FASTD
  willr,  ///< Williams %R, willr:N
  cci,    ///< commodity channel index, cci:N
  roc,    ///< rate of change in percent, roc:N
  mom,    ///< momentum, mom:N
  obv,    ///< on-balance volume, obv
  vwap,   ///< volume-weighted average price, vwap
  stddev, ///< population standard deviation, stddev:N
  adx,    ///< average directional movement index, adx:N
  mfi     ///< money flow index, mfi:N
};

/// Returns the spec name of a kind ("sma", "macd", ...).
[[nodiscard]] std::string_view to_string(indicator_kind kind) noexcept;

/// Returns the accepted spec forms, one per kind, space separated ("sma:N ema:N ... mfi:N").
[[nodiscard]] std::string_view indicator_spec_syntax() noexcept;

/// A validated indicator spec.
struct indicator_spec {
  /// Which indicator.
  indicator_kind kind = indicator_kind::sma;
  /// The spec as written (trimmed); outputs are named after it.
  std::string text;
  /// The integer parameters in order (periods); unused ones are 0.
  std::array<int, 3> periods{};
  /// Bollinger's K (band width in standard deviations); 0 for other kinds.
  double deviations = 0.0;
};

/// The outcome of parse_indicator_spec: a spec, or an error naming the spec and what is wrong.
struct spec_result {
  /// The parsed spec when the text is valid.
  std::optional<indicator_spec> spec;
  /// Why the text was refused ("indicator spec 'sma:0': period N must be ..."); empty on success.
  std::string error;
  /// Returns true when a spec was parsed.
  explicit operator bool() const noexcept { return spec.has_value(); }
};

/// Parses and validates a spec. Names are case-insensitive; periods are decimal integers within
/// TA-Lib's ranges (at least 1 or 2 depending on the indicator, at most max_period); Bollinger's
/// K is a finite positive number. Never throws.
[[nodiscard]] spec_result parse_indicator_spec(std::string_view text);

} // namespace bourse::indicators
