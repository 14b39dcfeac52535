#pragma once
// Composing a trading system in C++: add feeds, venues, strategies (and optionally an aggregator),
// then run it as a backtest or in paper mode and wait for the result.
//
//   bourse::system_config cfg;                     // CAF config with bourse's types and defaults
//   bourse::trading_system ts{cfg};
//   ts.add_csv_bars({"data/sp500_daily.csv", "SPX"})
//     .add_venue(spx_venue)
//     .add_strategy(bourse::make_strategy("sma_cross:symbol=SPX").value, {1, 1, "sma"});
//   auto result = ts.run();                        // blocks until the feeds are exhausted

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <caf/all.hpp>

#include "bourse/actors/aggregator/aggregator_config.hpp"
#include "bourse/core/actor_metrics.hpp"
#include "bourse/core/latency_histogram.hpp"
#include "bourse/protocol/all.hpp"
#include "bourse/system/participant.hpp"
#include "bourse/strategy/strategy.hpp"
#include "bourse/actors/builder/run_parameters.hpp"
#include "bourse/actors/builder/system_config.hpp"
#include "bourse/market/served.hpp"
#include "bourse/market/slicer.hpp"
#include "bourse/actors/market_data/feed_config.hpp"
#include "bourse/actors/market_data/feed_options.hpp"
#include "bourse/actors/market_data/slice_feed.hpp"
#include "bourse/actors/indicator/indicator_pool_config.hpp"
#include "bourse/actors/journal/journal_config.hpp"
#include "bourse/actors/metrics/metrics_sampler.hpp"
#include "bourse/actors/order_manager/order_manager_config.hpp"
#include "bourse/journal/journal_records.hpp"
#include "bourse/actors/portfolio/fill_file.hpp"
#include "bourse/actors/portfolio/portfolio_config.hpp"
#include "bourse/actors/sequencer/sequencer_config.hpp"
#include "bourse/actors/strategy/strategy_config.hpp"
#include "bourse/actors/venue/venue_config.hpp"

namespace bourse {

/// What a run produced.
struct run_result {
  /// False when the system could not be built or the run failed; `problems` says why. A run that
  /// failed part-way (a bad data row, an actor that failed) still holds what it booked up to the
  /// failure in `report` (fills, equity samples): partial results, worth writing.
  bool ok = false;
  /// Every configuration problem, or the run's error.
  std::vector<std::string> problems;
  /// What the sequencer did (slices, waves, events); `summary.last_ts` is the last data time
  /// processed, also when the run stopped early or failed part-way.
  run_summary summary;
  /// True when stop() ended the run before its data was exhausted: the results (fills, equity,
  /// statistics) are those of the data up to summary.last_ts, and the usual shutdown ran
  /// (strategies' on_stop, open orders cancelled with reason shutdown, a last equity sample).
  bool stopped = false;
  /// Fills, equity samples and final positions. `report.fills` lists the fills only when there
  /// were at most portfolio_config::fills_in_memory of them (16,384 by default); a longer run
  /// keeps them in a temporary file (`fill_storage`): read them with for_each_fill.
  portfolio_report report;
  /// Owns the temporary fill file of a run with more fills than fit in memory (null otherwise);
  /// shared by copies of this result, the file is removed with the last of them.
  std::shared_ptr<const fill_file> fill_storage;
  /// Names of the strategies by id, in the order they were added (names may repeat; reports key
  /// by id and label with strategy_labels).
  std::vector<std::pair<strategy_id, std::string>> strategies;
  /// What the run was given: mode, data, venues, strategies, portfolio, the caller's extras.
  run_parameters parameters;
  /// Wall-clock seconds from start_run to the summary.
  double wall_seconds = 0;
  /// Scheduler worker threads the system ran with.
  std::size_t worker_threads = 0;
  /// What supervision did, in data-time order of noticing: strategies halted after max_errors
  /// exceptions (or a strategy_fatal_error with a restart left), strategies restarted by their
  /// restart policy, and strategies isolated because they died or stopped answering (also in
  /// summary.supervision). Empty in a run without trouble.
  std::vector<supervision_event> supervision_events;

  /// Returns the number of fills of the run.
  [[nodiscard]] std::size_t fill_count() const noexcept;
  /// Calls `visit` with every fill of the run in booking order, from memory or read back from
  /// the fill file; returns an error text when the file cannot be read (empty on success).
  std::string for_each_fill(const std::function<void(const fill&)>& visit) const;
  /// Paper mode: tick -> order latency (ns), every venue merged: from the wall-clock arrival of the
  /// market data a strategy was handling when it submitted to the submit reaching the venue. Empty
  /// in a backtest.
  latency_histogram tick_to_order;
  /// Paper mode: tick -> decision latency (ns), every strategy merged: from the same arrival to the
  /// strategy emitting the order. Empty in a backtest.
  latency_histogram tick_to_decision;
  /// With a journal (set_journal): this run's session and what it committed.
  journal_status journal;
  /// With a journal that held an earlier run: the positions rebuilt from its fills at startup,
  /// the number of those fills, and of the orders open at the crash (journaled as cancelled).
  std::vector<journal::position_total> recovered_positions;
  /// See recovered_positions.
  std::size_t recovered_fills = 0;
  /// See recovered_positions.
  std::size_t recovered_cancelled = 0;
  /// Metrics enabled (trading_system::set_metrics): every participant's final metrics, in rank
  /// order (hub, indicators, signal actors, aggregator, strategies, order manager, venues,
  /// portfolio). Empty when disabled.
  std::vector<actor_metrics_sample> metrics;
  /// Metrics enabled: every periodic sample and then the final one as JSON lines (one object per
  /// actor and sample, see metrics_json_line), for metrics.jsonl.
  std::vector<std::string> metrics_lines;
};

/// Per-actor metrics of a run (docs/operations.md, Metrics).
struct metrics_options {
  /// Measure mailbox depths and handling times, sample them, and fill run_result::metrics.
  bool enabled = false;
  /// Wall time between samples.
  std::chrono::milliseconds interval{1000};
  /// Receives every periodic sample (from the sampler's thread); may be empty.
  metrics_callback on_sample;
  /// The run's name in the JSON lines ("run" field).
  std::string run_name = "run";
};

/// A user's own participant (e.g. a signal actor) in a trading system. It implements
/// indicator_actor (bourse/protocol/indicators.hpp): the hub sends it the market data it asks for,
/// the sequencer steps it like the built-in actors (so a backtest with it stays deterministic
/// whatever the thread count, when it keeps a participant<> as the indicator actor does), and it
/// sends indicator_update messages to the strategies that name it in strategy_spec::signals
/// (delivered to their on_indicator). docs/examples/signal_actor shows one.
struct signal_actor_config {
  /// Its name; strategies ask for it by this name. Unique in the system.
  std::string name;
  /// The market data it wants from the hub.
  std::vector<data_request> data;
  /// Spawns it with the setup the builder gives every participant (mode, rank, rank table).
  std::function<indicator_actor(caf::actor_system&, const participant_setup&)> spawn;

  /// Returns every problem with the configuration (empty when valid).
  [[nodiscard]] std::vector<std::string> validate() const;
};

/// Builds and runs one trading system. Spawns nothing until run(); one run per instance.
class trading_system {
public:
  /// Keeps `cfg` (which must outlive this object) for the actor system, created on first need
  /// (run() or actor_system()); validate() needs none.
  explicit trading_system(system_config& cfg, run_mode mode = run_mode::backtest);
  ~trading_system();
  trading_system(const trading_system&) = delete;
  trading_system& operator=(const trading_system&) = delete;

  /// Adds a bar feed over a CSV file.
  trading_system& add_csv_bars(csv_bar_feed_config config);
  /// Adds a quote/trade feed over a CSV file.
  trading_system& add_csv_ticks(csv_tick_feed_config config);
  /// Adds a seeded synthetic feed.
  trading_system& add_synthetic(synthetic_feed_config config);
  /// Adds a feed over slices held in memory (ascending by time).
  trading_system& add_slices(std::vector<market_slice> slices);
  /// Adds a feed that serves `source`'s slices in chunks as the run needs them (any
  /// slice_source: a file reader, a generator such as cross_venue_source, a user's own), reading
  /// ahead as `options` says; memory stays bounded whatever the length of the data.
  /// This feed cannot reopen `source`: options.restart must stay off (validate() says so).
  trading_system& add_source(std::unique_ptr<slice_source> source, feed_options options = {});
  /// Adds a feed over the source `open` returns; each call must give a source serving the same
  /// slices from the start. After a transient failure (an I/O error, an exception from the
  /// source) the feed reopens it as options.restart allows, skips the slices already read and
  /// carries on; each restart is reported in run_result::supervision_events. `open` is called
  /// once when the system is described or validated (that source is served first) and once per
  /// restart.
  trading_system& add_source(slice_source_opener open, feed_options options = {});
  /// Adds a simulated venue; orders are routed to the venue that lists their symbol.
  trading_system& add_venue(venue_config config);
  /// Adds a strategy with its actor settings (id, account, name).
  trading_system& add_strategy(std::unique_ptr<strategy> logic, strategy_actor_config config);
  /// Adds a strategy made by `factory`, which also makes the new instances its restart policy
  /// (config.restart) asks for: the first instance is made here.
  trading_system& add_strategy(std::function<std::unique_ptr<strategy>()> factory,
                               strategy_actor_config config);
  /// Constructs a strategy of type T from `args` and adds it.
  template <class T, class... Args>
  trading_system& add_strategy(strategy_actor_config config, Args&&... args) {
    return add_strategy(std::make_unique<T>(std::forward<Args>(args)...), std::move(config));
  }
  /// Sets the order manager's settings (risk limits, rate limits).
  trading_system& set_order_manager(order_manager_config config);
  /// Sets the portfolio's settings (initial cash, sampling).
  trading_system& set_portfolio(portfolio_config config);
  /// Adds a user's own participant (see signal_actor_config).
  trading_system& add_signal_actor(signal_actor_config config);
  /// Adds the cross-venue aggregator (needed by strategies that ask for aggregated quotes).
  trading_system& set_aggregator(aggregator_config config);
  /// Runs indicator actors on their own threads (true, the default) or on the pool.
  trading_system& detach_indicators(bool detached);
  /// Sets how indicators are hosted: one indicator pool for all symbols (a worker pool, sized from
  /// the settings or by load, with hot switching) or one actor per symbol. The default hosts them
  /// in a pool when the symbols with indicators outnumber the cores.
  trading_system& set_indicator_pool(indicator_pool_settings settings);
  /// Journals every order the order manager sends to a venue, every order event and fill to the
  /// SQLite file of `config` (docs/operations.md). In paper mode a journal that holds an earlier
  /// run is recovered first: its fills rebuild the portfolio's and the strategies' positions, its
  /// open orders are journaled as cancelled, and the feeds resume after its last data time.
  trading_system& set_journal(journal_config config);
  /// Sets how the sequencer runs (paper speed, chunk size, progress callback).
  trading_system& set_sequencer(sequencer_config config);
  /// Returns the sequencer's settings (set_sequencer's, or the defaults).
  [[nodiscard]] const sequencer_config& sequencer() const noexcept { return sequencer_; }
  /// Enables per-actor metrics (see metrics_options).
  trading_system& set_metrics(metrics_options options);
  /// Records a fact about the run that the builder cannot see (e.g. {"seed", "42"} of a generated
  /// source) in run_result::parameters::extra, in the order added.
  trading_system& add_parameter(std::string key, std::string value);

  /// Returns every configuration problem at once (empty when the system can run): each part's
  /// settings, and the wiring: every stream, indicator, aggregated quote and signal a strategy
  /// asks for must be served by a feed or actor, and every strategy must have a symbol a venue
  /// lists. A problem of one strategy starts with "strategy <name>: ". Reads tick files once to
  /// learn their symbols (a source that cannot tell what it serves skips the data checks).
  [[nodiscard]] std::vector<std::string> validate() const;

  /// Returns what the feeds serve per symbol, or nullopt when a source cannot tell.
  [[nodiscard]] std::optional<served_data> served() const;

  /// Spawns and wires every actor, runs until the feeds are exhausted, stops the participants in
  /// order (strategies, then the order manager cancels what is open), and returns the result.
  [[nodiscard]] run_result run();

  /// Ends the run early, from any thread (e.g. a signal-watching thread; not from a signal handler
  /// itself): the feeds stop at the next slice boundary, what was already handed to the system is
  /// handled, the usual shutdown runs (strategies' on_stop, open orders cancelled with reason
  /// shutdown, the portfolio's last sample) and run() returns with run_result::stopped set.
  /// Before run() it makes run() stop at its first slice; after run() it does nothing.
  void stop() noexcept;

  /// Returns true once stop() was called.
  [[nodiscard]] bool stop_requested() const noexcept;

  /// Returns the actor system (e.g. to spawn extra actors before run()), creating it if needed.
  [[nodiscard]] caf::actor_system& actor_system();

private:
  run_parameters describe() const;
  void check_wiring(std::vector<std::string>& problems,
                    const std::set<std::string>& signal_names) const;

  struct pending_strategy {
    std::unique_ptr<strategy> logic;
    strategy_actor_config config;
  };

  system_config& cfg_;
  run_mode mode_;
  std::unique_ptr<caf::actor_system> sys_;
  std::vector<csv_bar_feed_config> bar_feeds_;
  std::vector<csv_tick_feed_config> tick_feeds_;
  std::vector<synthetic_feed_config> synthetic_feeds_;
  std::vector<std::vector<market_slice>> memory_feeds_;
  struct pending_source {
    std::unique_ptr<slice_source> source;
    feed_options options;
    slice_source_opener open; // set: the source can be reopened (and is opened lazily)
    std::string open_error;   // the first opening failed (thrown or no source)
    void probe();             // opens `source` with `open` when not done yet
  };
  mutable std::vector<pending_source> source_feeds_; // mutable: opened lazily by describe()
  std::vector<venue_config> venues_;
  std::vector<pending_strategy> strategies_;
  std::vector<signal_actor_config> signals_;
  mutable std::optional<std::optional<served_data>> served_cache_;
  order_manager_config order_manager_;
  portfolio_config portfolio_;
  std::unique_ptr<aggregator_config> aggregator_;
  std::optional<journal_config> journal_;
  sequencer_config sequencer_;
  metrics_options metrics_;
  std::vector<std::pair<std::string, std::string>> extra_parameters_;
  bool detach_indicators_ = true;
  indicator_pool_settings indicator_pool_;
  bool ran_ = false;
  // stop(): the request and, while run() runs, the sequencer to tell.
  mutable std::mutex stop_mutex_;
  bool stop_requested_ = false;
  caf::actor running_sequencer_;
};

} // namespace bourse
