// Seeded multi-symbol bar scenarios through the actor system.
#include "builder/bar_scenarios.hpp"

#include <sstream>

#include "bourse/report/trades_csv.hpp"
#include "bourse/strategy/registry.hpp"
#include "builder/run_report.hpp"
#include "market_data/slice_feed.hpp"

namespace bourse {

namespace {

std::string with_symbol(std::string spec, const std::string& symbol) {
  for (auto at = spec.find("{s}"); at != std::string::npos; at = spec.find("{s}"))
    spec.replace(at, 3, symbol);
  return spec;
}

} // namespace

run_result run_bar_scenario(const bar_scenario& scenario) {
  system_config cfg;
  cfg.set("scheduler.max-threads", scenario.threads);
  trading_system ts{cfg};
  synthetic_feed_config feed;
  feed.seed = scenario.seed;
  feed.bar_count = scenario.bars;
  feed.bar_template.interval = 60 * ns_per_second;
  feed.bar_template.weekdays_only = false;
  feed.bar_template.bars_per_year = 252.0 * 390.0;
  feed.bar_template.steps_per_bar = 4;
  venue_config venue;
  venue.name = "SIM";
  venue.settings.fees.taker_bps = *venue::basis_points::parse("0.5");
  venue.settings.latency.base = scenario.latency;
  std::vector<std::string> symbols;
  for (int i = 0; i < scenario.symbols; ++i) {
    const std::string symbol = "S" + std::to_string(i);
    symbols.push_back(symbol);
    synthetic_symbol s;
    s.spec = *instrument::make(symbol, "0.01", "1");
    s.start_price = 50.0 + 10.0 * i;
    s.volatility = 0.3;
    feed.symbols.push_back(s);
    venue.settings.instruments.push_back(s.spec);
  }
  if (scenario.in_memory) {
    // Generated before the run: the timing covers the system, not the data generator.
    synthetic_source source{feed};
    std::vector<market_slice> slices;
    data_slice slice;
    while (source.next(slice))
      slices.push_back(to_market_slice(std::move(slice)));
    ts.add_slices(std::move(slices));
  } else {
    ts.add_synthetic(feed);
  }
  ts.add_venue(venue);
  strategy_id id = 1;
  for (const auto& symbol : symbols)
    for (const auto& spec : scenario.strategies) {
      strategy_actor_config sc;
      sc.id = id++;
      sc.name = spec.substr(0, spec.find(':')) + "-" + symbol;
      ts.add_strategy(make_strategy(with_symbol(spec, symbol)).value, sc);
    }
  ts.detach_indicators(scenario.detached_indicators);
  sequencer_config seq;
  seq.parallel_steps = scenario.parallel_steps;
  seq.window = scenario.window;
  ts.set_sequencer(seq);
  return ts.run();
}

std::string fills_csv(const run_result& result) {
  std::ostringstream out;
  report::write_trades_csv(out, fill_records(result));
  return out.str();
}

} // namespace bourse
