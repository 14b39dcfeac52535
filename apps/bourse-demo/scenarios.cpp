// Building and running the demo's scenarios.
#include "scenarios.hpp"

#include <filesystem>
#include <map>
#include <memory>

#include "bourse/market/cross_venue_source.hpp"
#include "bourse/strategy/registry.hpp"
#include "bourse/actors/market_data/feed_config.hpp"

namespace bourse::demo {

namespace {

namespace fs = std::filesystem;

// Finds a bundled data file from the working directory or the source tree.
std::string data_file(const std::string& path) {
  if (fs::exists(path) || fs::path(path).is_absolute())
    return path;
  auto bundled = fs::path(BOURSE_DATA_DIR) / fs::path(path).filename();
  return fs::exists(bundled) ? bundled.string() : path;
}

struct bar_source {
  std::string symbol;
  std::string path;
};

std::vector<bar_source> bar_sources(const options& opts) {
  std::vector<bar_source> out;
  if (opts.data.empty())
    out.push_back({"SPX", data_file("data/sp500_daily.csv")});
  for (const auto& d : opts.data) {
    auto eq = d.find('=');
    if (eq != std::string::npos)
      out.push_back({d.substr(0, eq), data_file(d.substr(eq + 1))});
    else
      out.push_back({fs::path(d).stem().string(), data_file(d)});
  }
  return out;
}

venue_config venue_for(const std::string& name, const std::vector<std::string>& symbols,
                       const std::string& tick, const char* taker_bps) {
  venue_config v;
  v.name = name;
  v.settings.fees.taker_bps = *venue::basis_points::parse(taker_bps);
  for (const auto& s : symbols)
    v.settings.instruments.push_back(*instrument::make(s, tick, "1"));
  return v;
}

bool is_spread(const std::string& spec) { return spec.rfind("cross_venue_spread", 0) == 0; }

sequencer_config sequencer_for(const options& opts, const std::string& name,
                               const std::function<void(const std::string&, const run_progress&)>&
                                   on_progress) {
  sequencer_config s;
  s.mode = opts.mode;
  s.speed = opts.speed;
  if (on_progress)
    s.on_progress = [name, on_progress](const run_progress& p) { on_progress(name, p); };
  return s;
}

} // namespace

std::vector<std::string> strategy_problems(const options& opts) {
  std::vector<std::string> problems;
  for (const auto& spec : opts.strategies)
    for (auto& p : make_strategy(spec).problems)
      problems.push_back("--strategy " + spec + ": " + p);
  return problems;
}

std::vector<scenario_result>
run_scenarios(const options& opts, system_config& cfg, std::vector<std::string>& problems,
              const std::function<void(const std::string&, const run_progress&)>& on_progress) {
  std::vector<std::string> bar_specs, tick_specs;
  if (opts.strategies.empty()) {
    bar_specs = {"sma_cross:symbol=SPX,fast=20,slow=100,qty=10",
                 "rsi_reversion:symbol=SPX,period=14,lower=30,upper=70,qty=10"};
    tick_specs = {"cross_venue_spread:instrument=ETH,qty=1,min_edge=0.01,fee_bps=0.1,max_position=5"};
  } else {
    for (const auto& s : opts.strategies)
      (is_spread(s) ? tick_specs : bar_specs).push_back(s);
  }
  if (opts.ticks == 0)
    tick_specs.clear();

  // Build every strategy first so that all problems are reported at once.
  std::vector<std::unique_ptr<strategy>> bar_strategies, tick_strategies;
  auto build = [&](const std::vector<std::string>& specs, auto& out) {
    for (const auto& spec : specs) {
      auto made = make_strategy(spec);
      if (!made)
        for (auto& p : made.problems)
          problems.push_back("--strategy " + spec + ": " + p);
      out.push_back(std::move(made.value));
    }
  };
  build(bar_specs, bar_strategies);
  build(tick_specs, tick_strategies);
  if (!problems.empty())
    return {};

  std::vector<scenario_result> results;
  strategy_id next_id = 1;
  if (!bar_strategies.empty()) {
    trading_system ts{cfg, opts.mode};
    std::vector<std::string> symbols;
    for (const auto& src : bar_sources(opts)) {
      csv_bar_feed_config feed;
      feed.path = src.path;
      feed.symbol = src.symbol;
      ts.add_csv_bars(feed);
      symbols.push_back(src.symbol);
    }
    ts.add_venue(venue_for("SIM-EQ", symbols, "0.01", "0.5"));
    for (std::size_t i = 0; i < bar_strategies.size(); ++i) {
      strategy_actor_config sc;
      sc.id = next_id++;
      sc.name = bar_specs[i].substr(0, bar_specs[i].find(':'));
      ts.add_strategy(std::move(bar_strategies[i]), sc);
    }
    ts.set_sequencer(sequencer_for(opts, "bars", on_progress));
    for (auto& p : ts.validate())
      problems.push_back("bars scenario: " + p);
    if (!problems.empty())
      return {};
    results.push_back({"bars", ts.run()});
  }
  if (!tick_strategies.empty()) {
    trading_system ts{cfg, opts.mode};
    // Streamed: generated chunk by chunk as the run needs it, in constant memory.
    ts.add_source(std::make_unique<cross_venue_source>(demo_cross_venue(opts.seed, opts.ticks)));
    ts.add_venue(venue_for("SIM-A", {"ETH.A"}, "0.01", "0.1"));
    ts.add_venue(venue_for("SIM-B", {"ETH.B"}, "0.01", "0.1"));
    aggregator_config agg;
    agg.listings = {*venue_listing::parse("ETH.A=ETH@A"), *venue_listing::parse("ETH.B=ETH@B")};
    ts.set_aggregator(agg);
    for (std::size_t i = 0; i < tick_strategies.size(); ++i) {
      strategy_actor_config sc;
      sc.id = next_id++;
      sc.name = tick_specs[i].substr(0, tick_specs[i].find(':'));
      ts.add_strategy(std::move(tick_strategies[i]), sc);
    }
    ts.set_sequencer(sequencer_for(opts, "ticks", on_progress));
    for (auto& p : ts.validate())
      problems.push_back("ticks scenario: " + p);
    if (!problems.empty())
      return results;
    results.push_back({"ticks", ts.run()});
  }
  return results;
}

} // namespace bourse::demo
