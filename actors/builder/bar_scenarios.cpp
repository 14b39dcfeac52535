// Seeded multi-symbol bar scenarios through the actor system.
#include "bourse/actors/builder/bar_scenarios.hpp"

#include <sstream>

#include "bourse/report/trades_csv.hpp"
#include "bourse/strategy/registry.hpp"
#include "bourse/actors/builder/run_report.hpp"
#include "bourse/actors/market_data/slice_feed.hpp"

namespace bourse {

namespace {

std::string with_symbol(std::string spec, const std::string& symbol) {
  for (auto at = spec.find("{s}"); at != std::string::npos; at = spec.find("{s}"))
    spec.replace(at, 3, symbol);
  return spec;
}

synthetic_feed_config feed_of(const bar_scenario& scenario) {
  synthetic_feed_config feed;
  feed.seed = scenario.seed;
  feed.bar_count = scenario.bars;
  feed.bar_template.interval = 60 * ns_per_second;
  feed.bar_template.weekdays_only = false;
  feed.bar_template.bars_per_year = 252.0 * 390.0;
  feed.bar_template.steps_per_bar = 4;
  for (int i = 0; i < scenario.symbols; ++i) {
    synthetic_symbol s;
    s.spec = *instrument::make("S" + std::to_string(i), "0.01", "1");
    s.start_price = 50.0 + 10.0 * i;
    s.volatility = 0.3;
    feed.symbols.push_back(s);
  }
  return feed;
}

} // namespace

std::vector<market_slice> bar_scenario_slices(const bar_scenario& scenario) {
  synthetic_source source{feed_of(scenario)};
  std::vector<market_slice> slices;
  data_slice slice;
  while (source.next(slice))
    slices.push_back(to_market_slice(std::move(slice)));
  return slices;
}

venue_config bar_scenario_venue(const bar_scenario& scenario) {
  venue_config venue;
  venue.name = "SIM";
  venue.settings.fees.taker_bps = *venue::basis_points::parse("0.5");
  venue.settings.latency.base = scenario.latency;
  for (const auto& s : feed_of(scenario).symbols)
    venue.settings.instruments.push_back(s.spec);
  return venue;
}

std::vector<std::string> bar_scenario_strategies(const bar_scenario& scenario) {
  std::vector<std::string> out;
  for (int i = 0; i < scenario.symbols; ++i)
    for (const auto& spec : scenario.strategies)
      out.push_back(with_symbol(spec, "S" + std::to_string(i)));
  return out;
}

run_result run_bar_scenario(const bar_scenario& scenario) {
  if (scenario.in_memory)
    return run_bar_scenario(scenario, bar_scenario_slices(scenario));
  return run_bar_scenario(scenario, {});
}

void add_bar_scenario(trading_system& ts, const bar_scenario& scenario,
                      std::vector<market_slice> slices) {
  if (scenario.in_memory)
    ts.add_slices(std::move(slices));
  else
    ts.add_synthetic(feed_of(scenario));
  ts.add_venue(bar_scenario_venue(scenario));
  strategy_id id = 1;
  for (const auto& spec : bar_scenario_strategies(scenario)) {
    strategy_actor_config sc;
    sc.id = id++;
    sc.name = spec.substr(0, spec.find(',')); // e.g. "sma_cross:symbol=S3"
    ts.add_strategy(make_strategy(spec).value, sc);
  }
  ts.detach_indicators(scenario.detached_indicators);
  ts.set_indicator_pool(scenario.indicator_pool);
  sequencer_config seq;
  seq.parallel_steps = scenario.parallel_steps;
  seq.window = scenario.window;
  ts.set_sequencer(seq);
}

run_result run_bar_scenario(const bar_scenario& scenario, std::vector<market_slice> slices) {
  system_config cfg;
  cfg.set("scheduler.max-threads", scenario.threads);
  trading_system ts{cfg};
  add_bar_scenario(ts, scenario, std::move(slices));
  return ts.run();
}

std::string fills_csv(const run_result& result) {
  std::ostringstream out;
  report::write_trades_csv(out, fill_records(result));
  return out.str();
}

} // namespace bourse
