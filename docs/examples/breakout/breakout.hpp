#pragma once
// A user strategy written against bourse (docs/writing-a-strategy.md walks through it): buy when a
// bar closes above the highest close of the previous N bars, go flat when it closes below the
// lowest. Plain C++: it derives from bourse::strategy and never sees an actor.

#include <algorithm>
#include <deque>
#include <string>

#include "bourse/strategy/strategy.hpp"

namespace example {

// [breakout-class]
/// Donchian-style breakout on one symbol's closes.
class breakout : public bourse::strategy {
public:
  /// Trades `qty` of `symbol`, looking back `lookback` bars.
  breakout(std::string symbol, std::size_t lookback, bourse::quantity qty)
      : symbol_(std::move(symbol)), lookback_(lookback), qty_(qty) {}

  /// Asks the builder for the symbol's bars (no indicators needed).
  bourse::strategy_spec requirements() const override {
    bourse::strategy_spec spec;
    spec.data.push_back({symbol_, bourse::market_stream::bars});
    return spec;
  }

protected:
  void on_bar(const std::string& symbol, const bourse::bar& b) override {
    if (symbol != symbol_)
      return;
    if (closes_.size() == lookback_) {
      auto [low, high] = std::minmax_element(closes_.begin(), closes_.end());
      if (b.close > *high)
        order_target(symbol_, qty_); // long qty_, counting open orders
      else if (b.close < *low)
        order_target(symbol_, bourse::quantity{}); // flat
      closes_.pop_front();
    }
    closes_.push_back(b.close);
  }

private:
  std::string symbol_;
  std::size_t lookback_;
  bourse::quantity qty_;
  std::deque<bourse::price> closes_;
};
// [breakout-class]

} // namespace example
