// The strategy registry and the built-in examples.
#include "bourse/strategy/registry.hpp"

#include "bourse/core/text.hpp"
#include "bourse/strategy/examples/cross_venue_spread.hpp"
#include "bourse/strategy/examples/rsi_reversion.hpp"
#include "bourse/strategy/examples/sma_cross.hpp"

namespace bourse {

void strategy_registry::add(strategy_entry entry) {
  for (auto& e : entries_) {
    if (e.name == entry.name) {
      e = std::move(entry);
      return;
    }
  }
  entries_.push_back(std::move(entry));
}

strategy_result strategy_registry::make(std::string_view name, std::string_view params) const {
  auto wanted = trim(name);
  for (const auto& e : entries_)
    if (iequals(e.name, wanted))
      return e.factory(params);
  strategy_result out;
  out.problems.push_back("unknown strategy '" + std::string{wanted} + "' (known: " + names() +
                         ")");
  return out;
}

strategy_result strategy_registry::make(std::string_view text) const {
  auto colon = text.find(':');
  if (colon == std::string_view::npos)
    return make(text, {});
  return make(text.substr(0, colon), text.substr(colon + 1));
}

std::string strategy_registry::names() const {
  std::string out;
  for (const auto& e : entries_) {
    out += out.empty() ? "" : ", ";
    out += e.name;
  }
  return out;
}

strategy_registry builtin_strategies() {
  strategy_registry r;
  r.add({"sma_cross", "Long when sma:fast crosses above sma:slow, flat or short when below",
         "symbol=SPX,fast=10,slow=30,qty=10,mode=long_flat",
         params_factory<sma_cross_params, sma_cross_strategy>("sma_cross")});
  r.add({"rsi_reversion", "Long when rsi:period is below lower, flat or short when above upper",
         "symbol=SPX,period=14,lower=30,upper=70,qty=10,mode=long_flat",
         params_factory<rsi_reversion_params, rsi_reversion_strategy>("rsi_reversion")});
  r.add({"cross_venue_spread",
         "Buys the cheapest venue and sells the dearest when the cross beats the fees",
         "instrument=XYZ,qty=1,min_edge=0,fee_bps=0,max_position=5",
         params_factory<cross_venue_spread_params, cross_venue_spread_strategy>(
             "cross_venue_spread")});
  return r;
}

strategy_result make_strategy(std::string_view text) { return builtin_strategies().make(text); }

strategy_result make_strategy(std::string_view name, std::string_view params) {
  return builtin_strategies().make(name, params);
}

} // namespace bourse
