// Spawning, wiring and running a trading system.
#include "bourse/actors/builder/trading_system.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "bourse/actors/aggregator/aggregator.hpp"
#include "bourse/core/duration.hpp"
#include "bourse/actors/builder/journal_recovery.hpp"
#include "bourse/actors/indicator/indicator.hpp"
#include "bourse/actors/indicator/indicator_pool.hpp"
#include "bourse/actors/journal/journal.hpp"
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

std::vector<std::string> signal_actor_config::validate() const {
  std::vector<std::string> problems;
  if (name.empty())
    problems.emplace_back("name: must not be empty");
  if (!spawn)
    problems.emplace_back("spawn: no spawn function");
  for (std::size_t i = 0; i < data.size(); ++i)
    if (data[i].symbol.empty())
      problems.push_back("data request " + std::to_string(i + 1) + ": symbol is empty");
  return problems;
}

trading_system::trading_system(system_config& cfg, run_mode mode) : cfg_(cfg), mode_(mode) {
  sequencer_.mode = mode;
}

caf::actor_system& trading_system::actor_system() {
  if (!sys_)
    sys_ = std::make_unique<caf::actor_system>(cfg_);
  return *sys_;
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
  source_feeds_.push_back({std::move(source), options, {}, {}});
  return *this;
}
trading_system& trading_system::add_source(slice_source_opener open, feed_options options) {
  source_feeds_.push_back({nullptr, options, std::move(open), {}});
  return *this;
}

void trading_system::pending_source::probe() {
  if (source || !open || !open_error.empty())
    return;
  try {
    source = open();
    if (!source)
      open_error = "the opener returned no source";
  } catch (const std::exception& e) {
    open_error = std::string("the opener failed: ") + e.what();
  } catch (...) {
    open_error = "the opener failed";
  }
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
trading_system& trading_system::add_strategy(std::function<std::unique_ptr<strategy>()> factory,
                                             strategy_actor_config config) {
  std::unique_ptr<strategy> first;
  if (factory)
    first = factory();
  config.factory = std::move(factory);
  return add_strategy(std::move(first), std::move(config));
}
trading_system& trading_system::set_order_manager(order_manager_config config) {
  order_manager_ = std::move(config);
  return *this;
}
trading_system& trading_system::set_portfolio(portfolio_config config) {
  portfolio_ = std::move(config);
  return *this;
}
trading_system& trading_system::add_signal_actor(signal_actor_config config) {
  signals_.push_back(std::move(config));
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
trading_system& trading_system::set_indicator_pool(indicator_pool_settings settings) {
  indicator_pool_ = std::move(settings);
  return *this;
}
trading_system& trading_system::set_journal(journal_config config) {
  journal_ = std::move(config);
  return *this;
}

trading_system& trading_system::set_sequencer(sequencer_config config) {
  sequencer_ = std::move(config);
  sequencer_.mode = mode_;
  return *this;
}
trading_system& trading_system::add_parameter(std::string key, std::string value) {
  extra_parameters_.emplace_back(std::move(key), std::move(value));
  return *this;
}

namespace {

// "250 ns", "3 us", "1.5 ms", "2 s" (exact: the largest unit that divides, else ns).
std::string duration_text(duration_ns ns) {
  if (ns != 0 && ns % ns_per_second == 0)
    return std::to_string(ns / ns_per_second) + " s";
  if (ns != 0 && ns % 1'000'000 == 0)
    return std::to_string(ns / 1'000'000) + " ms";
  if (ns != 0 && ns % 1'000 == 0)
    return std::to_string(ns / 1'000) + " us";
  return std::to_string(ns) + " ns";
}

std::string fees_text(const venue::fee_schedule& f) {
  std::string out = "maker " + f.maker_bps.to_string() + " bp, taker " + f.taker_bps.to_string() +
                    " bp";
  if (!f.maker_per_unit.is_zero() || !f.taker_per_unit.is_zero())
    out += ", per unit maker " + f.maker_per_unit.to_string() + " taker " +
           f.taker_per_unit.to_string();
  return out;
}

std::string latency_text(const venue::latency_model& l) {
  std::string out = std::string(venue::to_string(l.kind)) + " " + duration_text(l.base);
  if (l.kind != venue::latency_kind::fixed)
    out += (l.kind == venue::latency_kind::uniform ? " + [0, " : " + exp(mean ") +
           duration_text(l.jitter) + (l.kind == venue::latency_kind::uniform ? "]" : ")") +
           ", seed " + std::to_string(l.seed);
  return out;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items)
    out += (out.empty() ? "" : ",") + item;
  return out;
}

} // namespace

run_parameters trading_system::describe() const {
  run_parameters p;
  p.mode = to_string(mode_);
  for (const auto& f : bar_feeds_)
    p.data.push_back({"csv_bars", f.path, f.symbol, ""});
  for (const auto& f : tick_feeds_)
    p.data.push_back({"csv_ticks", f.path, "",
                      f.time_bars ? "bars every " + duration_text(f.time_bars->interval) +
                                        (f.time_bars->keep_ticks ? ", ticks kept" : "")
                                  : std::string{}});
  for (const auto& f : synthetic_feeds_) {
    std::vector<std::string> symbols;
    for (const auto& s : f.symbols)
      symbols.push_back(s.spec.symbol);
    p.data.push_back({"synthetic", "", join(symbols),
                      "seed=" + std::to_string(f.seed) + " ticks=" + std::to_string(f.tick_count) +
                          " bars=" + std::to_string(f.bar_count)});
  }
  for (const auto& slices : memory_feeds_)
    p.data.push_back({"memory", "", "", std::to_string(slices.size()) + " slices"});
  for (auto& f : source_feeds_) {
    f.probe();
    p.data.push_back({"source", f.source ? f.source->name() : std::string{}, "", ""});
  }
  for (const auto& v : venues_) {
    run_parameters::venue d;
    d.name = v.name;
    for (const auto& inst : v.settings.instruments)
      d.instruments.push_back(inst.symbol);
    d.fees = fees_text(v.settings.fees);
    d.latency = latency_text(v.settings.latency);
    p.venues.push_back(std::move(d));
  }
  std::vector<std::pair<strategy_id, std::string>> names;
  for (const auto& s : strategies_)
    names.emplace_back(s.config.id, s.config.name);
  const auto labels = strategy_labels(names);
  for (std::size_t i = 0; i < strategies_.size(); ++i) {
    const auto& c = strategies_[i].config;
    auto cash = portfolio_.initial_cash.find(c.id);
    p.strategies.push_back({c.id, c.name, labels[i], c.type, c.params, c.account,
                            cash == portfolio_.initial_cash.end() ? portfolio_.default_cash
                                                                  : cash->second});
  }
  p.default_cash = portfolio_.default_cash;
  p.sample_interval = portfolio_.sample_interval;
  for (const auto& sig : signals_)
    p.extra.emplace_back("signal actor", sig.name);
  p.extra.insert(p.extra.end(), extra_parameters_.begin(), extra_parameters_.end());
  return p;
}

std::optional<served_data> trading_system::served() const {
  if (served_cache_)
    return *served_cache_;
  served_data served;
  bool known = true;
  for (const auto& f : bar_feeds_)
    served[f.symbol].bars = true;
  for (const auto& f : tick_feeds_) {
    auto ticks = scan_tick_file(f.path, f.csv());
    if (f.time_bars) {
      for (auto& [symbol, st] : ticks) {
        st.bars = st.bars || (f.time_bars->from == bar_price_source::trades ? st.trades : st.quotes);
        if (!f.time_bars->keep_ticks)
          st.quotes = st.trades = false;
      }
    }
    merge_served(served, ticks);
  }
  for (const auto& f : synthetic_feeds_)
    if (f.validate().empty())
      merge_served(served, *synthetic_source(f).serves());
  for (const auto& slices : memory_feeds_)
    for (const auto& sl : slices) {
      for (const auto& q : sl.quotes)
        served[std::string(q.symbol)].quotes = true;
      for (const auto& t : sl.trades)
        served[std::string(t.symbol)].trades = true;
      for (const auto& b : sl.bars)
        served[std::string(b.symbol)].bars = true;
    }
  for (auto& f : source_feeds_) {
    f.probe();
    auto s = f.source ? f.source->serves() : std::nullopt;
    if (s)
      merge_served(served, *s);
    else
      known = false;
  }
  served_cache_ = known ? std::optional<served_data>(std::move(served)) : std::nullopt;
  return *served_cache_;
}

namespace {

const char* stream_name(market_stream s) {
  switch (s) {
    case market_stream::quotes:
      return "quotes";
    case market_stream::trades:
      return "trades";
    case market_stream::bars:
      return "bars";
  }
  return "bars";
}

bool has_stream(const served_streams& s, market_stream stream) {
  switch (stream) {
    case market_stream::quotes:
      return s.quotes;
    case market_stream::trades:
      return s.trades;
    case market_stream::bars:
      return s.bars;
  }
  return false;
}

// Why `symbol`'s `stream` is not served, with a hint when bars could be built from ticks.
std::string missing_stream(const served_data& served, const std::string& symbol,
                           market_stream stream) {
  std::string text = symbol + " " + stream_name(stream) + ", but no feed serves them";
  auto it = served.find(symbol);
  if (stream == market_stream::bars && it != served.end() && (it->second.trades || it->second.quotes))
    text += " (the feeds have " + symbol +
            " ticks: build bars from them with csv_tick_feed_config::time_bars, `bars_every` in a "
            "run config)";
  else
    text += " (the feeds serve: " + describe_served(served) + ")";
  return text;
}

} // namespace

std::vector<std::string> trading_system::validate() const {
  std::vector<std::string> problems;
  if (bar_feeds_.empty() && tick_feeds_.empty() && synthetic_feeds_.empty() &&
      memory_feeds_.empty() && source_feeds_.empty())
    problems.emplace_back("feeds: add at least one feed");
  if (venues_.empty())
    problems.emplace_back("venues: add at least one venue");
  if (strategies_.empty())
    problems.emplace_back("strategies: add at least one strategy");
  // A request waits through a feed's restart backoff: a wait as long as the deadline would fail
  // the run as hung.
  auto check_restart = [&](const std::string& where, const feed_options& options) {
    const auto& r = options.restart;
    auto deadline = static_cast<duration_ns>(sequencer_.deadline.count()) * 1'000'000;
    if (r.enabled() && deadline > 0 && r.validate().empty() &&
        r.delay(r.max_restarts) >= deadline)
      problems.push_back(where + ": restart: the longest wait (" +
                         format_duration(r.delay(r.max_restarts)) +
                         ") must be shorter than the sequencer's deadline (" +
                         format_duration(deadline) + ")");
  };
  for (std::size_t i = 0; i < bar_feeds_.size(); ++i) {
    collect(problems, "bar feed " + std::to_string(i + 1), bar_feeds_[i]);
    check_restart("bar feed " + std::to_string(i + 1), bar_feeds_[i].feed);
  }
  for (std::size_t i = 0; i < tick_feeds_.size(); ++i) {
    collect(problems, "tick feed " + std::to_string(i + 1), tick_feeds_[i]);
    check_restart("tick feed " + std::to_string(i + 1), tick_feeds_[i].feed);
  }
  for (std::size_t i = 0; i < synthetic_feeds_.size(); ++i) {
    collect(problems, "synthetic feed " + std::to_string(i + 1), synthetic_feeds_[i]);
    check_restart("synthetic feed " + std::to_string(i + 1), synthetic_feeds_[i].feed);
  }
  for (std::size_t i = 0; i < source_feeds_.size(); ++i) {
    auto where = "source feed " + std::to_string(i + 1);
    auto& f = source_feeds_[i];
    if (!f.open && !f.source)
      problems.push_back(where + ": no source object");
    f.probe();
    if (!f.open_error.empty() && !f.options.restart.enabled()) // with a policy the feed retries
      problems.push_back(where + ": " + f.open_error);
    if (!f.open && f.options.restart.enabled())
      problems.push_back(where + ": restart: a source added as an object cannot be reopened; "
                                 "add it with an opener (add_source(slice_source_opener, ...))");
    collect(problems, where, f.options);
    check_restart(where, f.options);
  }
  if (journal_)
    for (auto& p : journal_->validate())
      problems.push_back(std::move(p));
  for (auto& p : indicator_pool_.validate())
    problems.push_back("indicator pool: " + p);
  std::set<std::string> venue_symbols;
  for (std::size_t i = 0; i < venues_.size(); ++i) {
    collect(problems, "venue " + std::to_string(i + 1), venues_[i]);
    for (const auto& inst : venues_[i].settings.instruments)
      if (!venue_symbols.insert(inst.symbol).second)
        problems.push_back("venue " + std::to_string(i + 1) + ": symbol " + inst.symbol +
                           " is already traded on another venue");
  }
  std::set<strategy_id> ids;
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
  }
  std::set<std::string> signal_names;
  for (std::size_t i = 0; i < signals_.size(); ++i) {
    auto where = "signal actor " + (signals_[i].name.empty() ? std::to_string(i + 1) : signals_[i].name);
    collect(problems, where, signals_[i]);
    if (!signals_[i].name.empty() && !signal_names.insert(signals_[i].name).second)
      problems.push_back(where + ": the name is used twice");
  }
  check_wiring(problems, signal_names);
  if (aggregator_)
    collect(problems, "aggregator", *aggregator_);
  collect(problems, "order manager", order_manager_);
  collect(problems, "portfolio", portfolio_);
  collect(problems, "sequencer", sequencer_);
  return problems;
}

void trading_system::check_wiring(std::vector<std::string>& problems,
                                  const std::set<std::string>& signal_names) const {
  std::set<std::string> venue_symbols;
  for (const auto& v : venues_)
    for (const auto& inst : v.settings.instruments)
      venue_symbols.insert(std::string(inst.symbol));
  std::map<std::string, std::vector<std::string>> listings; // instrument -> listing symbols
  if (aggregator_)
    for (const auto& l : aggregator_->listings)
      listings[std::string(l.instrument)].push_back(std::string(l.symbol));
  auto served = this->served();
  if (served && aggregator_)
    for (const auto& l : aggregator_->listings)
      if (auto it = served->find(std::string(l.symbol)); it == served->end() || !it->second.quotes)
        problems.push_back("aggregator: lists " + std::string(l.symbol) +
                           ", but no feed serves its quotes (the feeds serve: " +
                           describe_served(*served) + ")");
  if (served)
    for (const auto& sig : signals_)
      for (const auto& d : sig.data)
        if (d.symbol != "*") {
          auto it = served->find(d.symbol);
          if (it == served->end() || !has_stream(it->second, d.stream))
            problems.push_back("signal actor " + sig.name + ": asks for " +
                               missing_stream(*served, d.symbol, d.stream));
        }
  for (const auto& s : strategies_) {
    if (!s.logic)
      continue; // reported above
    auto where = "strategy " + s.config.name + ": ";
    auto spec = s.logic->requirements();
    std::set<std::string> symbols; // what it could trade
    if (served) {
      // One problem per missing symbol and stream, naming the indicators that need it.
      std::map<std::pair<std::string, market_stream>, std::string> missing;
      for (const auto& d : spec.data) {
        auto it = served->find(d.symbol);
        if (it == served->end() || !has_stream(it->second, d.stream))
          missing[{d.symbol, d.stream}];
      }
      for (const auto& ind : spec.indicators) {
        auto it = served->find(ind.symbol);
        if (it == served->end() || !it->second.bars) {
          auto& why = missing[{ind.symbol, market_stream::bars}];
          why += (why.empty() ? "" : ", ") + ind.spec;
        }
      }
      for (const auto& [key, indicators] : missing) {
        auto text = missing_stream(*served, key.first, key.second);
        if (!indicators.empty())
          text = key.first + " " + stream_name(key.second) + " (for " + indicators + ")" +
                 text.substr(key.first.size() + 1 + std::string(stream_name(key.second)).size());
        problems.push_back(where + "asks for " + text);
      }
    }
    if (!spec.aggregated.empty() && !aggregator_)
      problems.push_back(where + "asks for aggregated quotes, but the system has no aggregator "
                                 "(set_aggregator; [aggregator] in a run config)");
    for (const auto& d : spec.data)
      symbols.insert(d.symbol);
    for (const auto& ind : spec.indicators)
      symbols.insert(ind.symbol);
    for (const auto& inst : spec.aggregated) {
      auto it = listings.find(inst);
      if (aggregator_ && it == listings.end()) {
        std::string known;
        for (const auto& [name, l] : listings)
          known += (known.empty() ? "" : ", ") + name;
        problems.push_back(where + "asks for aggregated quotes of " + inst +
                           ", but the aggregator lists no such instrument (it lists: " +
                           (known.empty() ? "none" : known) + ")");
      }
      if (it != listings.end())
        symbols.insert(it->second.begin(), it->second.end());
    }
    for (const auto& name : spec.signals)
      if (!signal_names.count(name))
        problems.push_back(where + "asks for signal '" + name + "', but no signal actor has that name");
    bool tradable = false;
    for (const auto& sym : symbols)
      tradable = tradable || venue_symbols.count(sym) > 0;
    if (!symbols.empty() && !tradable) {
      std::string list;
      for (const auto& sym : symbols)
        list += (list.empty() ? "" : ", ") + sym;
      problems.push_back(where + "no venue lists any of its symbols (" + list +
                         "): it could not trade");
    }
  }
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
  result.parameters = describe();
  // Every hosted strategy is in the books from the start (its curve starts at the data start with
  // its initial cash), and the traded instruments' marks are sampled for the report.
  for (const auto& s : strategies_)
    portfolio_.strategies.push_back(s.config.id);
  if (portfolio_.sample_marks && portfolio_.sampled_symbols.empty())
    for (const auto& v : venues_)
      for (const auto& inst : v.settings.instruments)
        portfolio_.sampled_symbols.push_back(inst.symbol);
  // The journal first: a paper run recovers from it before anything is spawned.
  journal_run journal;
  if (journal_) {
    result.problems = open_run_journal(*journal_, mode_, journal);
    if (!result.problems.empty())
      return result;
    result.recovered_positions = journal.recovered.positions;
    result.recovered_fills = journal.recovered.fills.size();
    result.recovered_cancelled = journal.recovered.open_orders.size();
    if (journal.recovering)
      sequencer_.resume_after = journal.recovered.last_ts;
  }
  auto& sys = actor_system();
  result.worker_threads = sys.scheduler().num_workers();
  auto ranks = std::make_shared<rank_table>();
  participant_rank next_rank = 1;
  std::vector<ranked_participant> participants;
  auto board = metrics_.enabled ? std::make_shared<metrics_board>() : nullptr;
  auto setup = [&](std::string label) {
    participant_setup s{mode_, next_rank++, ranks};
    if (board) {
      s.metrics = board;
      s.metrics_slot = board->add(std::move(label));
    }
    return s;
  };
  auto enroll = [&](participant_actor handle, participant_rank rank, std::string name,
                    strategy_id strategy = 0) {
    ranks->add(handle.id(), rank);
    participants.push_back({rank, handle, std::move(name), strategy});
  };
  caf::scoped_actor self{sys};

  // Ranks in data-flow order: hub, indicators, aggregator, strategies, order manager, venues,
  // portfolio. A lower rank's messages are handled first when several reach one actor in a wave.
  auto hub_setup = setup("hub");
  auto hub = spawn_hub(sys, hub_setup);
  enroll(hub, hub_setup.rank, "hub");

  std::map<std::string, std::set<std::string>> indicator_specs; // symbol -> specs, sorted
  std::vector<strategy_spec> specs;
  for (const auto& s : strategies_) {
    specs.push_back(s.logic->requirements());
    for (const auto& ind : specs.back().indicators)
      indicator_specs[ind.symbol].insert(ind.spec);
  }
  std::map<std::string, indicator_actor> indicators;
  // One pool for every symbol (subscribed per symbol), or one actor per symbol.
  indicator_pool_actor indicator_pool;
  const auto cores = static_cast<std::size_t>(std::thread::hardware_concurrency());
  if (indicator_pool_.use_pool(indicator_specs.size(), cores)) {
    std::map<std::string, std::vector<std::string>> by_symbol;
    for (const auto& [symbol, set] : indicator_specs)
      by_symbol[symbol].assign(set.begin(), set.end());
    auto config = indicator_pool_.resolve(std::move(by_symbol), cores);
    auto s = setup("indicator pool");
    indicator_pool = spawn_indicator_pool(sys, config, s);
    enroll(indicator_pool, s.rank, "indicator pool");
    for (const auto& [symbol, set] : indicator_specs) {
      self->send(hub, subscribe{symbol, data_kind::bars, indicator_pool});
      indicators.emplace(symbol, indicator_pool);
    }
  }
  for (const auto& [symbol, set] : indicator_specs) {
    if (indicator_pool)
      break;
    indicator_actor_config config;
    config.symbol = symbol;
    config.specs.assign(set.begin(), set.end());
    config.detached = detach_indicators_;
    auto s = setup("indicator " + symbol);
    auto actor = spawn_indicator(sys, config, s);
    enroll(actor, s.rank, "indicator " + symbol);
    self->send(hub, subscribe{symbol, data_kind::bars, actor});
    indicators.emplace(symbol, actor);
  }

  // The user's signal actors, in the order they were added.
  std::vector<std::pair<participant_rank, indicator_actor>> signal_actors;
  for (const auto& sig : signals_) {
    auto s = setup("signal " + sig.name);
    auto actor = sig.spawn(sys, s);
    enroll(actor, s.rank, "signal " + sig.name);
    for (const auto& d : sig.data)
      self->send(hub, subscribe{d.symbol, kind_of(d.stream), actor});
    signal_actors.emplace_back(s.rank, actor);
  }
  std::vector<std::vector<participant_rank>> signal_listeners(signals_.size());

  aggregator_actor aggregator;
  if (aggregator_) {
    auto s = setup("aggregator");
    aggregator = spawn_aggregator(sys, *aggregator_, s);
    enroll(aggregator, s.rank, "aggregator");
    for (const auto& symbol : aggregator_->symbols())
      self->send(hub, subscribe{symbol, data_kind::quotes, aggregator});
  }

  // Strategies need the order manager's handle, and the order manager needs the venues'; spawn in
  // dependency order but keep the ranks above.
  std::vector<participant_setup> strategy_setups;
  for (std::size_t i = 0; i < strategies_.size(); ++i)
    strategy_setups.push_back(setup("strategy " + strategies_[i].config.name));
  auto om_setup = setup("order_manager");
  std::vector<participant_setup> venue_setups;
  for (std::size_t i = 0; i < venues_.size(); ++i)
    venue_setups.push_back(setup("venue " + venues_[i].name));
  auto portfolio_setup = setup("portfolio");

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
    // The strategy's own account view starts where the portfolio's books of it start.
    auto cash = portfolio_.initial_cash.find(s.config.id);
    s.config.initial_cash =
        cash != portfolio_.initial_cash.end() ? cash->second : portfolio_.default_cash;
    for (const auto& v : venues_)
      for (const auto& inst : v.settings.instruments)
        s.config.lot_sizes.emplace(inst.symbol.str(), inst.lot_size);
    if (!s.config.event_log)
      s.config.event_log = std::make_shared<strategy_event_log>();
    auto actor = spawn_strategy(sys, std::move(s.logic), s.config, strategy_setups[i], om);
    strategy_actors.push_back(actor);
    self->send(om, register_strategy{s.config.id, actor});
    for (const auto& d : specs[i].data)
      self->send(hub, subscribe{d.symbol, kind_of(d.stream), actor, s.config.market_data});
    std::set<std::string> symbols;
    for (const auto& ind : specs[i].indicators)
      if (symbols.insert(ind.symbol).second) {
        if (indicator_pool)
          self->send(indicator_pool, subscribe_symbol_indicators{ind.symbol, actor});
        else
          self->send(indicators.at(ind.symbol), subscribe_indicators{actor});
        indicator_listeners[ind.symbol].push_back(strategy_setups[i].rank);
      }
    for (std::size_t k = 0; k < signals_.size(); ++k)
      if (std::find(specs[i].signals.begin(), specs[i].signals.end(), signals_[k].name) !=
          specs[i].signals.end()) {
        self->send(signal_actors[k].second, subscribe_indicators{actor});
        signal_listeners[k].push_back(strategy_setups[i].rank);
      }
    if (!specs[i].aggregated.empty()) {
      // Strategies compute their own edge from the aggregated quote: no opportunities.
      self->send(aggregator, subscribe_aggregated{actor, "*", false});
      aggregated_listeners.push_back(strategy_setups[i].rank);
    }
  }
  journal_actor journaler;
  if (journal.db) {
    journaler = spawn_journal(sys, *journal_, journal.db, journal.session);
    self->send(om, attach_journal{journaler});
    std::map<strategy_id, order_event_listener_actor> by_id;
    for (std::size_t i = 0; i < strategy_actors.size(); ++i)
      by_id.emplace(result.strategies[i].first, strategy_actors[i]);
    restore_fills(self, journal, portfolio, om, by_id);
  }
  for (std::size_t i = 0; i < strategy_actors.size(); ++i) {
    const auto& c = strategies_[i].config;
    enroll(strategy_actors[i], strategy_setups[i].rank,
           "strategy " + c.name + " (id " + std::to_string(c.id) + ")", c.id);
  }
  enroll(om, om_setup.rank, "order_manager");
  for (std::size_t i = 0; i < venues.size(); ++i)
    enroll(venues[i], venue_setups[i].rank, "venue " + venues_[i].name);
  enroll(portfolio, portfolio_setup.rank, "portfolio");

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
    if (indicator_pool) {
      // One node: the pool sends to every strategy that listens to any of its symbols.
      std::set<participant_rank> listeners;
      for (const auto& [symbol, ranks_of] : indicator_listeners)
        listeners.insert(ranks_of.begin(), ranks_of.end());
      graph.push_back({ranks->rank_of(indicator_pool.id()), 0, false, false,
                       std::vector<participant_rank>(listeners.begin(), listeners.end())});
    } else {
      for (const auto& [symbol, actor] : indicators)
        graph.push_back({ranks->rank_of(actor.id()), 0, false, false, indicator_listeners[symbol]});
    }
    for (std::size_t k = 0; k < signal_actors.size(); ++k)
      graph.push_back({signal_actors[k].first, 0, false, false, signal_listeners[k]});
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

  // Feed restarts (feed_options::restart), reported after the run as supervision events.
  struct feed_restarts {
    std::mutex mutex;
    std::vector<std::pair<std::size_t, feed_restart_event>> events; // feed index, event
  };
  auto restarts = std::make_shared<feed_restarts>();
  auto restart_listener = [&restarts](std::size_t index) -> feed_restart_listener {
    return [restarts, index](const feed_restart_event& e) {
      std::lock_guard<std::mutex> guard{restarts->mutex};
      restarts->events.emplace_back(index, e);
    };
  };
  std::vector<feed_actor> feeds;
  for (const auto& f : bar_feeds_)
    feeds.push_back(spawn_csv_bar_feed(sys, f, restart_listener(feeds.size())));
  for (const auto& f : tick_feeds_)
    feeds.push_back(spawn_csv_tick_feed(sys, f, restart_listener(feeds.size())));
  for (const auto& f : synthetic_feeds_)
    feeds.push_back(spawn_synthetic_feed(sys, f, restart_listener(feeds.size())));
  for (auto& slices : memory_feeds_)
    feeds.push_back(spawn_memory_feed(sys, std::move(slices)));
  for (auto& f : source_feeds_) {
    if (f.open)
      feeds.push_back(spawn_slice_feed(sys, std::move(f.source), std::move(f.open), f.options,
                                       restart_listener(feeds.size())));
    else
      feeds.push_back(spawn_slice_feed(sys, std::move(f.source), f.options));
  }

  sequencer_wiring wiring;
  wiring.self_rank = 0;
  wiring.hub = hub;
  wiring.hub_rank = hub_setup.rank;
  wiring.feeds = feeds;
  wiring.participants = participants;
  wiring.order_manager = om;
  wiring.order_manager_rank = om_setup.rank;
  if (sequencer_.parallel_steps) {
    auto reach = compute_reach(graph);
    for (std::size_t i = 0; i < graph.size(); ++i)
      wiring.reach.emplace_back(graph[i].rank, std::move(reach[i]));
  }
  auto sequencer = spawn_sequencer(sys, sequencer_, wiring);
  ranks->add(sequencer.id(), 0);

  {
    // stop() from now on reaches the sequencer; a stop() that came before run() is passed on.
    std::lock_guard<std::mutex> guard{stop_mutex_};
    running_sequencer_ = caf::actor_cast<caf::actor>(sequencer);
    if (stop_requested_)
      self->send(sequencer, stop_feeds{}); // before start_run: same sender, so it comes first
  }
  metrics_sampler_actor sampler;
  struct metrics_log {
    std::mutex mutex;
    std::vector<std::string> lines;
  };
  auto lines = std::make_shared<metrics_log>();
  if (board) {
    auto on_sample = [lines, name = metrics_.run_name, user = metrics_.on_sample](
                         double t, const std::vector<actor_metrics_sample>& samples) {
      {
        std::lock_guard<std::mutex> guard{lines->mutex};
        for (const auto& s : samples)
          lines->lines.push_back(metrics_json_line(name, t, s));
      }
      if (user)
        user(t, samples);
    };
    sampler = spawn_metrics_sampler(sys, {board, metrics_.interval, std::move(on_sample)});
  }

  auto started = std::chrono::steady_clock::now();
  self->request(sequencer, caf::infinite, start_run{})
      .receive(
          [&](run_summary& summary) {
            result.summary = summary;
            result.stopped = summary.stopped;
          },
          [&](caf::error& err) { result.problems.push_back("run: " + error_text(err)); });
  {
    std::lock_guard<std::mutex> guard{stop_mutex_};
    running_sequencer_ = nullptr;
  }
  result.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  // Also after a failed run: what the portfolio booked before the failure (fills up to a bad data
  // row, say) is a partial result the caller can still write.
  const bool failed = !result.problems.empty();
  if (failed)
    self->request(sequencer, std::chrono::seconds(5), get_run_summary{})
        .receive([&](run_summary& summary) { result.summary = summary; },
                 [&](caf::error&) {});
  self->request(portfolio, std::chrono::seconds(30), get_portfolio_report{})
        .receive(
            [&](portfolio_report& report) {
              result.report = std::move(report);
              // A fill the books refused leaves them wrong: the run fails, naming the fills.
              for (const auto& u : result.report.unbooked)
                result.problems.push_back("portfolio: fill of " + u + " not booked");
              if (result.report.unbooked_count > result.report.unbooked.size())
                result.problems.push_back(
                    "portfolio: " +
                    std::to_string(result.report.unbooked_count - result.report.unbooked.size()) +
                    " more fills not booked");
              if (!result.report.fill_file.empty())
                result.fill_storage = std::make_shared<const fill_file>(
                    result.report.fill_file, static_cast<std::size_t>(result.report.fill_count));
            },
            [&](caf::error& err) {
              result.problems.push_back("portfolio report: " + error_text(err));
            });
  // Supervision: what the strategies' actors recorded (halts after max_errors or a
  // strategy_fatal_error with a restart left, and restarts), then what the sequencer did
  // (isolations). The logs outlive an actor that exited.
  std::set<participant_rank> isolated;
  for (const auto& e : result.summary.supervision)
    isolated.insert(e.rank);
  for (std::size_t i = 0; i < strategy_actors.size(); ++i) {
    const auto& c = strategies_[i].config;
    if (!c.event_log)
      continue;
    for (auto& e : c.event_log->events()) {
      e.rank = strategy_setups[i].rank;
      e.participant = "strategy " + c.name + " (id " + std::to_string(c.id) + ")";
      result.supervision_events.push_back(std::move(e));
    }
  }
  result.supervision_events.insert(result.supervision_events.end(),
                                   result.summary.supervision.begin(),
                                   result.summary.supervision.end());
  {
    // Feed restarts: in feed order, then attempt (their wall-clock order varies between runs).
    std::lock_guard<std::mutex> guard{restarts->mutex};
    std::stable_sort(restarts->events.begin(), restarts->events.end(),
                     [](const auto& a, const auto& b) {
                       return a.first != b.first ? a.first < b.first
                                                 : a.second.attempt < b.second.attempt;
                     });
    for (const auto& [index, e] : restarts->events)
      result.supervision_events.push_back(supervision_event{
          0, "feed " + std::to_string(index + 1) + " (" + e.source + ")",
          "read failed: " + e.error, e.data_time,
          "restarted (attempt " + std::to_string(e.attempt) + " of " +
              std::to_string(e.max_restarts) + ", after " + format_duration(e.backoff) + ")"});
  }
  std::stable_sort(result.supervision_events.begin(), result.supervision_events.end(),
                   [](const supervision_event& a, const supervision_event& b) {
                     return a.data_time < b.data_time;
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
    for (std::size_t i = 0; i < strategy_actors.size(); ++i)
      if (isolated.count(strategy_setups[i].rank) == 0)
        collect_latency(strategy_actors[i], result.tick_to_decision);
    log_latency("tick_to_order", result.tick_to_order);
    log_latency("tick_to_decision", result.tick_to_decision);
  }
  if (journaler) {
    self->request(journaler, std::chrono::seconds(30), flush_journal{})
        .receive([&](journal_status& status) { result.journal = std::move(status); },
                 [&](caf::error& err) { result.problems.push_back("journal: " + error_text(err)); });
    if (!result.journal.error.empty())
      result.problems.push_back(result.journal.error);
  }
  if (board) {
    result.metrics = board->read(); // every participant published its final figures at stop_run
    std::lock_guard<std::mutex> guard{lines->mutex};
    result.metrics_lines = lines->lines;
    for (const auto& s : result.metrics)
      result.metrics_lines.push_back(metrics_json_line(metrics_.run_name, result.wall_seconds, s));
  }
  result.ok = result.problems.empty();

  // Stop every actor; handles must not outlive the actor system.
  auto stop = [&](const auto& handle) { self->send_exit(handle, caf::exit_reason::user_shutdown); };
  if (sampler)
    stop(sampler);
  stop(sequencer);
  for (auto& f : feeds)
    stop(f);
  for (auto& p : participants)
    stop(p.handle);
  if (journaler)
    stop(journaler);
  logger(log_component::system)
      .info("Run finished ok={} slices={} fills={} wall_s={:.3f}", result.ok, result.summary.slices,
            result.fill_count(), result.wall_seconds);
  return result;
}

void trading_system::stop() noexcept {
  std::lock_guard<std::mutex> guard{stop_mutex_};
  if (stop_requested_)
    return;
  stop_requested_ = true;
  if (running_sequencer_)
    caf::anon_send(running_sequencer_, stop_feeds{});
}

bool trading_system::stop_requested() const noexcept {
  std::lock_guard<std::mutex> guard{stop_mutex_};
  return stop_requested_;
}

trading_system& trading_system::set_metrics(metrics_options options) {
  metrics_ = std::move(options);
  return *this;
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
