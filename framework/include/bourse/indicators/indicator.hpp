#pragma once
// A type-erased indicator built from a spec string, fed whole bars: what tools and indicator
// actors use when the indicator is chosen at run time.

#include <array>
#include <cstddef>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bourse/indicators/spec.hpp"
#include "bourse/market/types.hpp"

namespace bourse::indicators {

/// One bar's prices and volume as doubles, the input of a type-erased indicator.
struct ohlcv {
  /// Opening price.
  double open = 0.0;
  /// Highest price.
  double high = 0.0;
  /// Lowest price.
  double low = 0.0;
  /// Closing price.
  double close = 0.0;
  /// Traded volume (0 when the data has none).
  double volume = 0.0;
};

/// Returns a bar's fixed-point fields as doubles.
[[nodiscard]] ohlcv to_ohlcv(const bar& b) noexcept;

/// The most outputs one indicator has (macd and bbands have three).
inline constexpr std::size_t max_outputs = 3;

namespace detail {

/// The interface behind an indicator (one implementation per kind, in the .cpp).
class indicator_model {
public:
  /// Destroys the model.
  virtual ~indicator_model() = default;
  /// Adds the next bar, writes the outputs to `out` (NaN while not ready) and returns ready().
  virtual bool update(const ohlcv& bar, double* out) noexcept = 0;
  /// Writes the current outputs to `out` (NaN while not ready) and returns ready().
  virtual bool read(double* out) const noexcept = 0;
  /// Returns the lookback.
  [[nodiscard]] virtual int lookback() const noexcept = 0;
};

} // namespace detail

/// An indicator chosen by a spec, with named outputs: "rsi:14" has the one output "rsi:14";
/// "macd:12:26:9" has ".macd", ".signal", ".hist"; "bbands:20:2" has ".upper", ".middle",
/// ".lower"; "stoch:14:3:3" and "stochf:14:3" have ".k", ".d". All outputs of one indicator
/// become defined on the same bar. Move-only; update() does not allocate.
///
/// An update costs one virtual call: it feeds the bar to the concrete indicator and copies its
/// outputs and readiness into this object, so ready() and value() after it are plain reads.
class indicator {
public:
  /// Builds the indicator a validated spec describes.
  explicit indicator(const indicator_spec& spec);
  /// Moves an indicator.
  indicator(indicator&& other) noexcept;
  /// Move-assigns an indicator.
  indicator& operator=(indicator&& other) noexcept;
  /// Destroys the indicator.
  ~indicator();

  /// Adds the next bar.
  void update(const ohlcv& bar) noexcept { ready_ = model_->update(bar, values_.data()); }
  /// Returns true once the outputs are defined.
  [[nodiscard]] bool ready() const noexcept { return ready_; }
  /// Returns how many bars come before the first defined value (TA-Lib's lookback); for vwap,
  /// the first bar with volume defines it.
  [[nodiscard]] int lookback() const noexcept;
  /// Returns the spec this indicator was built from.
  [[nodiscard]] const indicator_spec& spec() const noexcept { return spec_; }
  /// Returns how many outputs the indicator has (1 to 3).
  [[nodiscard]] std::size_t output_count() const noexcept { return names_.size(); }
  /// Returns the names of the outputs ("rsi:14", "macd:12:26:9.signal", ...).
  [[nodiscard]] const std::vector<std::string>& output_names() const noexcept { return names_; }
  /// Returns the current value of output `index` (< output_count()); NaN before ready() and for
  /// an index past the outputs.
  [[nodiscard]] double value(std::size_t index) const noexcept {
    return index < values_.size() ? values_[index] : std::numeric_limits<double>::quiet_NaN();
  }

private:
  indicator_spec spec_;
  std::vector<std::string> names_;
  std::unique_ptr<detail::indicator_model> model_;
  // The outputs after the last update; the slots past output_count() stay NaN.
  std::array<double, max_outputs> values_;
  bool ready_ = false;
};

/// The outcome of make_indicator: an indicator, or an error naming the spec and what is wrong.
struct indicator_result {
  /// The indicator when the spec is valid.
  std::optional<indicator> value;
  /// Why the spec was refused; empty on success.
  std::string error;
  /// Returns true when an indicator was built.
  explicit operator bool() const noexcept { return value.has_value(); }
};

/// Parses a spec ("rsi:14", "macd:12:26:9", ...) and builds its indicator. Never throws.
[[nodiscard]] indicator_result make_indicator(std::string_view spec);

} // namespace bourse::indicators
