#pragma once
// The strategy that trades the momentum signal: long while momentum is above `threshold`, flat when
// it falls below zero.

#include <string>

#include "bourse/strategy/strategy.hpp"

namespace example {

// [signal-strategy]
class momentum_strategy : public bourse::strategy {
public:
  momentum_strategy(std::string symbol, double threshold, bourse::quantity qty)
      : symbol_(std::move(symbol)), threshold_(threshold), qty_(qty) {}

  bourse::strategy_spec requirements() const override {
    bourse::strategy_spec spec;
    spec.data.push_back({symbol_, bourse::market_stream::bars}); // marks and a tradable symbol
    spec.signals.push_back("momentum");                           // the signal actor's name
    return spec;
  }

protected:
  void on_indicator(const bourse::indicator_update& update) override {
    if (update.spec != "momentum" || update.count == 0)
      return;
    double momentum = update.values[0];
    if (momentum > threshold_)
      order_target(symbol_, qty_);
    else if (momentum < 0)
      order_target(symbol_, bourse::quantity{});
  }

private:
  std::string symbol_;
  double threshold_;
  bourse::quantity qty_;
};
// [signal-strategy]

} // namespace example
