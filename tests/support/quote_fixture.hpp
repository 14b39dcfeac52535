#pragma once
// Test kit for the supervision and restart tests: thirty quotes of AAA one second apart whose
// market drops from 100 to 90 at the 11th, the data a strategy trading them asks for, and a
// trading system's market made of them.

#include <utility>
#include <vector>

#include "bourse/actors/builder/trading_system.hpp"
#include "bourse/core/time.hpp"
#include "bourse/market/types.hpp"
#include "bourse/protocol/market_data.hpp"
#include "bourse/strategy/spec.hpp"

namespace bourse::testing {

/// One second of data time.
inline constexpr timestamp second = 1'000'000'000;

/// Returns the price written `t` ("99.99").
inline price px(const char* t) {
  return *price::parse(t);
}
/// Returns the quantity written `t` ("1000").
inline quantity qty(const char* t) {
  return *quantity::parse(t);
}

/// Returns 30 slices of one AAA quote each, one second apart: 99.99/100.01 for the first ten, then
/// 89.99/90.01, 1000 on each side.
inline std::vector<market_slice> quotes() {
  std::vector<market_slice> out;
  for (int i = 1; i <= 30; ++i) {
    market_slice s;
    s.ts_event = s.ts_init = i * second;
    quote q;
    q.ts = s.ts_event;
    q.symbol = "AAA";
    q.bid = px(i <= 10 ? "99.99" : "89.99");
    q.ask = px(i <= 10 ? "100.01" : "90.01");
    q.bid_size = q.ask_size = qty("1000");
    s.quotes.push_back(q);
    out.push_back(std::move(s));
  }
  return out;
}

/// Returns the requirements of a strategy that trades on AAA's quotes.
inline strategy_spec quotes_of_aaa() {
  strategy_spec spec;
  spec.data.push_back({"AAA", market_stream::quotes});
  return spec;
}

/// Adds quotes() to `ts` and a venue "SIM" that trades AAA (tick 0.01, lot 1).
inline void add_quote_market(trading_system& ts) {
  ts.add_slices(quotes());
  venue_config v;
  v.name = "SIM";
  v.settings.instruments.push_back(*instrument::make("AAA", "0.01", "1"));
  ts.add_venue(v);
}

} // namespace bourse::testing
