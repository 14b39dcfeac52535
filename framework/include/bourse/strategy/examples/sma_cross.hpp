#pragma once
// Example strategy: moving-average crossover on one symbol, fed by two indicator actors
// (sma:FAST and sma:SLOW of the symbol's bars).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bourse/core/fixed_point.hpp"
#include "bourse/strategy/examples/position_mode.hpp"
#include "bourse/strategy/params.hpp"
#include "bourse/strategy/strategy.hpp"

namespace bourse {

/// Parameters of sma_cross_strategy; text form `symbol=SPX,fast=10,slow=30,qty=10,mode=long_flat`.
struct sma_cross_params {
  /// The symbol to trade (its bars feed the averages).
  std::string symbol = "SPX";
  /// Period of the fast average (bars).
  int fast = 10;
  /// Period of the slow average (bars), above `fast`.
  int slow = 30;
  /// Position size when long (and when short in long_short mode).
  quantity qty = quantity::from_units(10);
  /// What a cross down does.
  position_mode mode = position_mode::long_flat;

  /// Reads every field from `reader` (keys: symbol, fast, slow, qty, mode).
  void read(param_reader& reader);
  /// Returns every problem: periods outside the indicator's range, slow not above fast, qty not
  /// positive.
  [[nodiscard]] std::vector<std::string> validate() const;
  /// Returns "sma:<fast>".
  [[nodiscard]] std::string fast_spec() const;
  /// Returns "sma:<slow>".
  [[nodiscard]] std::string slow_spec() const;
};

/// Goes long when sma:fast crosses above sma:slow and flat (or short) when it crosses below, with
/// market orders sized to reach the target position.
///
/// It waits until both averages have a value for the same bar (the two updates may come in any
/// order), compares fast - slow with its sign at the previous evaluated bar, and trades only on a
/// change of sign (the first bar with both values sets the regime without trading; a bar where
/// they are equal keeps the previous regime). Orders go for target - exposure, so open orders
/// count and a repeated signal sends nothing.
class sma_cross_strategy : public strategy {
public:
  /// Creates the strategy (params must be valid: see sma_cross_params::validate).
  explicit sma_cross_strategy(sma_cross_params params);

  /// Asks for sma:fast and sma:slow of the symbol.
  [[nodiscard]] strategy_spec requirements() const override;

  /// Returns the parameters.
  [[nodiscard]] const sma_cross_params& params() const noexcept { return params_; }

protected:
  /// Stores the average's value and evaluates the cross once both are in for the same bar.
  void on_indicator(const indicator_update& update) override;

private:
  struct reading {
    timestamp ts = 0;
    double value = 0;
  };

  void evaluate(timestamp ts);

  sma_cross_params params_;
  std::string fast_spec_;
  std::string slow_spec_;
  std::optional<reading> fast_;
  std::optional<reading> slow_;
  std::optional<timestamp> evaluated_;
  int regime_ = 0;
};

} // namespace bourse
