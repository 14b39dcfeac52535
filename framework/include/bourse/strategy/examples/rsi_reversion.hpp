#pragma once
// Example strategy: RSI mean reversion on one symbol, fed by an indicator actor (rsi:N of the
// symbol's bars).

#include <string>
#include <vector>

#include "bourse/core/fixed_point.hpp"
#include "bourse/strategy/examples/position_mode.hpp"
#include "bourse/strategy/params.hpp"
#include "bourse/strategy/strategy.hpp"

namespace bourse {

/// Parameters of rsi_reversion_strategy; text form
/// `symbol=SPX,period=14,lower=30,upper=70,qty=10,mode=long_flat`.
struct rsi_reversion_params {
  /// The symbol to trade.
  std::string symbol = "SPX";
  /// RSI period (bars).
  int period = 14;
  /// Oversold level: RSI below it is a buy signal.
  double lower = 30.0;
  /// Overbought level: RSI above it is a sell signal.
  double upper = 70.0;
  /// Position size when long (and when short in long_short mode).
  quantity qty = quantity::from_units(10);
  /// What a sell signal does.
  position_mode mode = position_mode::long_flat;

  /// Reads every field from `reader` (keys: symbol, period, lower, upper, qty, mode).
  void read(param_reader& reader);
  /// Returns every problem: period outside the indicator's range, levels not 0 < lower < upper <
  /// 100, qty not positive.
  [[nodiscard]] std::vector<std::string> validate() const;
  /// Returns "rsi:<period>".
  [[nodiscard]] std::string rsi_spec() const;
};

/// Buys when RSI falls below `lower` (target +qty) and sells when it rises above `upper` (target
/// flat, or -qty in long_short mode); between the levels it holds. Market orders go for target -
/// exposure, so a signal that persists over several bars sends one order.
class rsi_reversion_strategy : public strategy {
public:
  /// Creates the strategy (params must be valid).
  explicit rsi_reversion_strategy(rsi_reversion_params params);

  /// Asks for rsi:period of the symbol.
  [[nodiscard]] strategy_spec requirements() const override;

  /// Returns the parameters.
  [[nodiscard]] const rsi_reversion_params& params() const noexcept { return params_; }

protected:
  /// Compares the RSI with the levels and trades towards the target.
  void on_indicator(const indicator_update& update) override;

private:
  rsi_reversion_params params_;
  std::string spec_;
};

} // namespace bourse
