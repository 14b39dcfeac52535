// Spawning, wiring and running a trading system.
#include "bourse/actors/builder/trading_system.hpp"

#include <chrono>
#include <map>
#include <set>

#include "bourse/actors/aggregator/aggregator.hpp"
#include "bourse/actors/indicator/indicator.hpp"
#include "bourse/actors/market_data/feeds.hpp"
#include "bourse/actors/market_data/hub.hpp"
#include "bourse/actors/market_data/memory_feed.hpp"
#include "bourse/actors/market_data/slice_feed.hpp"
#include "bourse/actors/order_manager/order_manager.hpp"
#include "bourse/actors/portfolio/portfolio.hpp"
#include "bourse/actors/sequencer/sequencer.hpp"
#include "bourse/actors/strategy/strategy.hpp"
#include "bourse/actors/venue/venue.hpp"
#include "bourse/logging/logging.hpp"
#include "bourse/sim/reach.hpp"
#include "bourse/system/error_text.hpp"

namespace bourse {

namespace {

data_kind kind_of(market_stream stream) {
  switch (stream) {
    case market_stream::quotes:
      return data_kind::quotes;
    case market_stream::trades:
      return data_kind::trades;
    case market_stream::bars:
      return data_kind::bars;
  }
  return data_kind::bars;
}

template <class Config>
void collect(std::vector<std::string>& out, const std::string& where, const Config& config) {
  for (auto& p : config.validate())
    out.push_back(where + ": " + p);
}

// Paper mode: one key=value line per latency histogram, in µs.
void log_latency(const char* what, const latency_histogram& h) {
  const auto s = summarize(h);
  logger(log_component::system)
      .info("Latency kind={} count={} p50_us={:.1f} p90_us={:.1f} p99_us={:.1f} p999_us={:.1f} "
            "max_us={:.1f} mean_us={:.1f}",
            what, s.count, static_cast<double>(s.p50) / 1e3, static_cast<double>(s.p90) / 1e3,
            static_cast<double>(s.p99) / 1e3, static_cast<double>(s.p999) / 1e3,
            static_cast<double>(s.max) / 1e3, s.mean / 1e3);
}

} // namespace

trading_system::trading_system(system_config& cfg, run_mode mode)
    : cfg_(cfg), mode_(mode), sys_(std::make_unique<caf::actor_system>(cfg)) {
  sequencer_.mode = mode;
}

trading_system::~trading_system() = default;

trading_system& trading_system::add_csv_bars(csv_bar_feed_config config) {
  bar_feeds_.push_back(std::move(config));
  return *this;
}
trading_system& trading_system::add_csv_ticks(csv_tick_feed_config config) {
  tick_feeds_.push_back(std::move(config));
  return *this;
}
trading_system& trading_system::add_synthetic(synthetic_feed_config config) {
  synthetic_feeds_.push_back(std::move(config));
  return *this;
}
trading_system& trading_system::add_slices(std::vector<market_slice> slices) {
  memory_feeds_.push_back(std::move(slices));
  return *this;
}
trading_system& trading_system::add_source(std::unique_ptr<slice_source> source,
                                           feed_options options) {
  source_feeds_.push_back({std::move(source), options});
  return *this;
}
trading_system& trading_system::add_venue(venue_config config) {
  venues_.push_back(std::move(config));
  return *this;
}
trading_system& trading_system::add_strategy(std::unique_ptr<strategy> logic,
                                             strategy_actor_config config) {
  strategies_.push_back({std::move(logic), std::move(config)});
  return *this;
}
trading_system& trading_system::set_order_manager(order_manager_config config) {
  order_manager_ = std::move(config);
  return *this;
}
trading_system& trading_system::set_portfolio(portfolio_config config) {
  portfolio_ = std::move(config);
  return *this;
}
trading_system& trading_system::set_aggregator(aggregator_config config) {
  aggregator_ = std::make_unique<aggregator_config>(std::move(config));
  return *this;
}
trading_system& trading_system::detach_indicators(bool detached) {
  detach_indicators_ = detached;
  return *this;
}
trading_system& trading_system::set_sequencer(sequencer_config config) {
  sequencer_ = std::move(config);
  sequencer_.mode = mode_;
  return *this;
}

std::vector<std::string> trading_system::validate() const {
  std::vector<std::string> problems;
  if (bar_feeds_.empty() && tick_feeds_.empty() && synthetic_feeds_.empty() &&
      memory_feeds_.empty() && source_feeds_.empty())
    problems.emplace_back("feeds: add at least one feed");
  if (venues_.empty())
    problems.emplace_back("venues: add at least one venue");
  if (strategies_.empty())
    problems.emplace_back("strategies: add at least one strategy");
  for (std::size_t i = 0; i < bar_feeds_.size(); ++i)
    collect(problems, "bar feed " + std::to_string(i + 1), bar_feeds_[i]);
  for (std::size_t i = 0; i < tick_feeds_.size(); ++i)
    collect(problems, "tick feed " + std::to_string(i + 1), tick_feeds_[i]);
  for (std::size_t i = 0; i < synthetic_feeds_.size(); ++i)
    collect(problems, "synthetic feed " + std::to_string(i + 1), synthetic_feeds_[i]);
  for (std::size_t i = 0; i < source_feeds_.size(); ++i) {
    auto where = "source feed " + std::to_string(i + 1);
    if (!source_feeds_[i].source)
      problems.push_back(where + ": no source object");
    collect(problems, where, source_feeds_[i].options);
  }
  std::set<std::string> venue_symbols;
  for (std::size_t i = 0; i < venues_.size(); ++i) {
    collect(problems, "venue " + std::to_string(i + 1), venues_[i]);
    for (const auto& inst : venues_[i].settings.instruments)
      if (!venue_symbols.insert(inst.symbol).second)
        problems.push_back("venue " + std::to_string(i + 1) + ": symbol " + inst.symbol +
                           " is already traded on another venue");
  }
  std::set<strategy_id> ids;
  bool wants_aggregator = false;
  for (const auto& s : strategies_) {
    auto where = "strategy " + s.config.name;
    collect(problems, where, s.config);
    if (!s.logic) {
      problems.push_back(where + ": no strategy object");
      continue;
    }
    if (!ids.insert(s.config.id).second)
      problems.push_back(where + ": id " + std::to_string(s.config.id) + " is used twice");
    auto spec = s.logic->requirements();
    collect(problems, where, spec);
    wants_aggregator = wants_aggregator || !spec.aggregated.empty();
  }
  if (wants_aggregator && !aggregator_)
    problems.emplace_back("aggregator: a strategy asks for aggregated quotes; call set_aggregator");
  if (aggregator_)
    collect(problems, "aggregator", *aggregator_);
  collect(problems, "order manager", order_manager_);
  collect(problems, "portfolio", portfolio_);
  collect(problems, "sequencer", sequencer_);
  return problems;
}

run_result trading_system::run() {
  run_result result;
  if (ran_) {
    result.problems.emplace_back("run: a trading_system runs once; build a new one");
    return result;
  }
  ran_ = true;
  result.problems = validate();
  if (!result.problems.empty())
    return result;
  auto& sys = *sys_;
  result.worker_threads = sys.scheduler().num_workers();
  auto ranks = std::make_shared<rank_table>();
  participant_rank next_rank = 1;
  std::vector<ranked_participant> participants;
  auto setup = [&] { return participant_setup{mode_, next_rank++, ranks}; };
  auto enroll = [&](participant_actor handle, participant_rank rank) {
    ranks->add(handle.id(), rank);
    participants.push_back({rank, handle});
  };
  caf::scoped_actor self{sys};

  // Ranks in data-flow order: hub, indicators, aggregator, strategies, order manager, venues,
  // portfolio. A lower rank's messages are handled first when several reach one actor in a wave.
  auto hub_setup = setup();
  auto hub = spawn_hub(sys, hub_setup);
  enroll(hub, hub_setup.rank);

  std::map<std::string, std::set<std::string>> indicator_specs; // symbol -> specs, sorted
  std::vector<strategy_spec> specs;
  for (const auto& s : strategies_) {
    specs.push_back(s.logic->requirements());
    for (const auto& ind : specs.back().indicators)
      indicator_specs[ind.symbol].insert(ind.spec);
  }
  std::map<std::string, indicator_actor> indicators;
  for (const auto& [symbol, set] : indicator_specs) {
    indicator_actor_config config;
    config.symbol = symbol;
    config.specs.assign(set.begin(), set.end());
    config.detached = detach_indicators_;
    auto s = setup();
    auto actor = spawn_indicator(sys, config, s);
    enroll(actor, s.rank);
    self->send(hub, subscribe{symbol, data_kind::bars, actor});
    indicators.emplace(symbol, actor);
  }

  aggregator_actor aggregator;
  if (aggregator_) {
    auto s = setup();
    aggregator = spawn_aggregator(sys, *aggregator_, s);
    enroll(aggregator, s.rank);
    for (const auto& symbol : aggregator_->symbols())
      self->send(hub, subscribe{symbol, data_kind::quotes, aggregator});
  }

  // Strategies need the order manager's handle, and the order manager needs the venues'; spawn in
  // dependency order but keep the ranks above.
  std::vector<participant_setup> strategy_setups;
  for (std::size_t i = 0; i < strategies_.size(); ++i)
    strategy_setups.push_back(setup());
  auto om_setup = setup();
  std::vector<participant_setup> venue_setups;
  for (std::size_t i = 0; i < venues_.size(); ++i)
    venue_setups.push_back(setup());
  auto portfolio_setup = setup();

  auto portfolio = spawn_portfolio(sys, portfolio_, portfolio_setup);
  std::vector<venue_actor> venues;
  std::vector<std::pair<std::string, venue_actor>> routes;
  for (std::size_t i = 0; i < venues_.size(); ++i) {
    auto v = spawn_venue(sys, venues_[i], venue_setups[i]);
    venues.push_back(v);
    for (const auto& inst : venues_[i].settings.instruments) {
      routes.emplace_back(inst.symbol, v);
      for (auto kind : {data_kind::quotes, data_kind::trades, data_kind::bars})
        self->send(hub, subscribe{inst.symbol, kind, v});
    }
  }
  auto om = spawn_order_manager(sys, order_manager_, om_setup, routes,
                                std::vector<fill_listener_actor>{portfolio});
  for (auto kind : {data_kind::quotes, data_kind::trades, data_kind::bars}) {
    self->send(hub, subscribe{"*", kind, om});
    self->send(hub, subscribe{"*", kind, portfolio});
  }
  for (auto& v : venues)
    self->send(v, attach_order_listener{om});

  // Who sends to whom, for the reach the sequencer steps by (bourse/sim/reach.hpp).
  std::map<std::string, std::vector<participant_rank>> indicator_listeners; // symbol -> strategies
  std::vector<participant_rank> aggregated_listeners;
  std::vector<strategy_actor> strategy_actors;
  for (std::size_t i = 0; i < strategies_.size(); ++i) {
    auto& s = strategies_[i];
    result.strategies.emplace_back(s.config.id, s.config.name);
    auto actor = spawn_strategy(sys, std::move(s.logic), s.config, strategy_setups[i], om);
    strategy_actors.push_back(actor);
    self->send(om, register_strategy{s.config.id, actor});
    for (const auto& d : specs[i].data)
      self->send(hub, subscribe{d.symbol, kind_of(d.stream), actor});
    std::set<std::string> symbols;
    for (const auto& ind : specs[i].indicators)
      if (symbols.insert(ind.symbol).second) {
        self->send(indicators.at(ind.symbol), subscribe_indicators{actor});
        indicator_listeners[ind.symbol].push_back(strategy_setups[i].rank);
      }
    if (!specs[i].aggregated.empty()) {
      // Strategies compute their own edge from the aggregated quote: no opportunities.
      self->send(aggregator, subscribe_aggregated{actor, "*", false});
      aggregated_listeners.push_back(strategy_setups[i].rank);
    }
  }
  for (std::size_t i = 0; i < strategy_actors.size(); ++i)
    enroll(strategy_actors[i], strategy_setups[i].rank);
  enroll(om, om_setup.rank);
  for (std::size_t i = 0; i < venues.size(); ++i)
    enroll(venues[i], venue_setups[i].rank);
  enroll(portfolio, portfolio_setup.rank);

  std::vector<flow_node> graph;
  std::vector<participant_rank> strategy_ranks, venue_ranks;
  for (const auto& su : strategy_setups)
    strategy_ranks.push_back(su.rank);
  for (const auto& su : venue_setups)
    venue_ranks.push_back(su.rank);
  {
    flow_node hub_node{hub_setup.rank, 0, false, false, {}};
    for (const auto& p : participants)
      hub_node.sends_to.push_back(p.rank);
    graph.push_back(hub_node);
    for (const auto& [symbol, actor] : indicators)
      graph.push_back({ranks->rank_of(actor.id()), 0, false, false, indicator_listeners[symbol]});
    if (aggregator)
      graph.push_back({ranks->rank_of(aggregator.id()), 0, false, false, aggregated_listeners});
    // Each strategy is a flow of its own: the order manager and the venues keep flows apart.
    for (std::size_t i = 0; i < strategy_setups.size(); ++i)
      graph.push_back({strategy_setups[i].rank, i + 1, false, false, {om_setup.rank}});
    flow_node om_node{om_setup.rank, 0, true, false, venue_ranks};
    om_node.sends_to.insert(om_node.sends_to.end(), strategy_ranks.begin(), strategy_ranks.end());
    om_node.sends_to.push_back(portfolio_setup.rank);
    graph.push_back(om_node);
    for (auto r : venue_ranks)
      graph.push_back({r, 0, true, false, {om_setup.rank}});
    graph.push_back({portfolio_setup.rank, 0, false, false, {}}); // no listeners wired
  }

  std::vector<feed_actor> feeds;
  for (const auto& f : bar_feeds_)
    feeds.push_back(spawn_csv_bar_feed(sys, f));
  for (const auto& f : tick_feeds_)
    feeds.push_back(spawn_csv_tick_feed(sys, f));
  for (const auto& f : synthetic_feeds_)
    feeds.push_back(spawn_synthetic_feed(sys, f));
  for (auto& slices : memory_feeds_)
    feeds.push_back(spawn_memory_feed(sys, std::move(slices)));
  for (auto& f : source_feeds_)
    feeds.push_back(spawn_slice_feed(sys, std::move(f.source), f.options));

  sequencer_wiring wiring;
  wiring.self_rank = 0;
  wiring.hub = hub;
  wiring.hub_rank = hub_setup.rank;
  wiring.feeds = feeds;
  wiring.participants = participants;
  if (sequencer_.parallel_steps) {
    auto reach = compute_reach(graph);
    for (std::size_t i = 0; i < graph.size(); ++i)
      wiring.reach.emplace_back(graph[i].rank, std::move(reach[i]));
  }
  auto sequencer = spawn_sequencer(sys, sequencer_, wiring);
  ranks->add(sequencer.id(), 0);

  auto started = std::chrono::steady_clock::now();
  self->request(sequencer, caf::infinite, start_run{})
      .receive([&](run_summary& summary) { result.summary = summary; },
               [&](caf::error& err) { result.problems.push_back("run: " + error_text(err)); });
  result.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (result.problems.empty())
    self->request(portfolio, std::chrono::seconds(30), get_portfolio_report{})
        .receive(
            [&](portfolio_report& report) {
              result.report = std::move(report);
              if (!result.report.fill_file.empty())
                result.fill_storage = std::make_shared<const fill_file>(
                    result.report.fill_file, static_cast<std::size_t>(result.report.fill_count));
            },
            [&](caf::error& err) {
              result.problems.push_back("portfolio report: " + error_text(err));
            });
  if (result.problems.empty() && mode_ == run_mode::paper) {
    auto collect_latency = [&](const auto& handle, latency_histogram& into) {
      self->request(handle, std::chrono::seconds(30), get_latency{})
          .receive(
              [&](latency_report& r) { into.merge(r.histogram); },
              [&](caf::error& err) { result.problems.push_back("latency: " + error_text(err)); });
    };
    for (const auto& v : venues)
      collect_latency(v, result.tick_to_order);
    for (const auto& s : strategy_actors)
      collect_latency(s, result.tick_to_decision);
    log_latency("tick_to_order", result.tick_to_order);
    log_latency("tick_to_decision", result.tick_to_decision);
  }
  result.ok = result.problems.empty();

  // Stop every actor; handles must not outlive the actor system.
  auto stop = [&](const auto& handle) { self->send_exit(handle, caf::exit_reason::user_shutdown); };
  stop(sequencer);
  for (auto& f : feeds)
    stop(f);
  for (auto& p : participants)
    stop(p.handle);
  logger(log_component::system)
      .info("Run finished ok={} slices={} fills={} wall_s={:.3f}", result.ok, result.summary.slices,
            result.fill_count(), result.wall_seconds);
  return result;
}

std::size_t run_result::fill_count() const noexcept {
  return fill_storage ? fill_storage->size() : report.fills.size();
}

std::string run_result::for_each_fill(const std::function<void(const fill&)>& visit) const {
  if (fill_storage)
    return fill_storage->for_each(visit);
  for (const auto& f : report.fills)
    visit(f);
  return {};
}

} // namespace bourse
