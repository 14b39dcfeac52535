#pragma once
// The example of docs/strategy-api.md §7: a quote-driven breakout that enters with a bracket (a
// trailing stop-loss and a take-profit the order manager manages), sized to a fraction of the
// strategy's equity. Compiled and run through the actor system by tests/examples/test_bracket.cpp.

#include <algorithm>
#include <cstddef>
#include <deque>
#include <string>
#include <utility>

#include "bourse/strategy/sizing.hpp"
#include "bourse/strategy/strategy.hpp"

namespace example {

// [bracket-class]
/// Buys a breakout above the highest of the last `lookback` mids with a bracket: the order manager
/// places a trailing stop-loss `trail` below the best price seen and a take-profit `target` above
/// the ask for what the entry fills, and cancels one when the other fills.
class bracket_trend final : public bourse::strategy {
public:
  bracket_trend(std::string symbol, std::size_t lookback, double fraction, bourse::price trail,
                bourse::price target)
      : symbol_(std::move(symbol)), lookback_(lookback), fraction_(fraction), trail_(trail),
        target_(target) {}

  bourse::strategy_spec requirements() const override {
    bourse::strategy_spec spec;
    spec.data.push_back({symbol_, bourse::market_stream::quotes});
    return spec;
  }

protected:
  void on_quote(const bourse::quote& q) override {
    auto mid = mark(symbol_); // the base class marked the quote before calling us
    if (q.symbol != symbol_ || !mid)
      return;
    const bool breakout =
        mids_.size() == lookback_ && *mid > *std::max_element(mids_.begin(), mids_.end());
    mids_.push_back(*mid);
    if (mids_.size() > lookback_)
      mids_.pop_front();
    // One bracket at a time: flat, and nothing open (exits included).
    if (!breakout || !position(symbol_).is_flat() || open_order_count() > 0)
      return;
    auto value = bourse::fraction_of(equity(), fraction_);
    auto qty = value ? quantity_for(symbol_, *value) : std::nullopt;
    if (!qty || !qty->is_positive())
      return;
    bourse::bracket_request bracket;
    bracket.entry.symbol = symbol_;
    bracket.entry.order_side = bourse::side::buy;
    bracket.entry.type = bourse::order_type::market;
    bracket.entry.qty = *qty;
    bracket.trail_offset = trail_;
    bracket.take_profit = q.ask + target_; // on the tick grid, as the ask is
    submit_bracket(bracket);
  }

private:
  std::string symbol_;
  std::size_t lookback_;
  double fraction_;
  bourse::price trail_;
  bourse::price target_;
  std::deque<bourse::price> mids_;
};
// [bracket-class]

} // namespace example
