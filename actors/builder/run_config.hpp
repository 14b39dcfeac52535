#pragma once
// A run described in a TOML file (bourse-backtest --config run.toml, docs/backtest-config.md):
// data sources, instruments, venues, risk limits, cash and strategies, parsed into a run_plan that
// build_system() turns into trading systems. Every problem of a file is reported at once, each
// naming the file, the line and the key ("run.toml:14: strategy[1].fast: expected an integer").

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bourse/actors/aggregator/aggregator_config.hpp"
#include "bourse/actors/indicator/indicator_pool_config.hpp"
#include "bourse/actors/journal/journal_config.hpp"
#include "bourse/actors/market_data/feed_config.hpp"
#include "bourse/core/restart_policy.hpp"
#include "bourse/actors/order_manager/order_manager_config.hpp"
#include "bourse/actors/portfolio/portfolio_config.hpp"
#include "bourse/actors/strategy/strategy_config.hpp"
#include "bourse/actors/venue/venue_config.hpp"
#include "bourse/market/cross_venue_source.hpp"
#include "bourse/market/time_bars.hpp"
#include "bourse/protocol/system.hpp"

namespace bourse {

/// Where a setting came from: a file (or "<built-in demo.toml>", "--strategy"), a line (0 when
/// unknown) and the key's path ("strategy[1].fast").
struct config_place {
  /// The file or other origin.
  std::string file;
  /// The 1-based line, 0 when unknown.
  std::size_t line = 0;
  /// The key's dotted path; arrays of tables by 0-based index.
  std::string key;
};

/// One problem with a configuration.
struct config_problem {
  /// Where it is.
  config_place where;
  /// What is wrong, one sentence.
  std::string message;

  /// Returns "file:line: key: message" (parts that are unknown are left out).
  [[nodiscard]] std::string to_string() const;
};

/// The kinds of data source a run reads.
enum class data_source_kind : std::uint8_t {
  bars,        ///< A bar CSV file of one symbol.
  ticks,       ///< A tick CSV file (several symbols, quotes and trades).
  synthetic,   ///< Seeded synthetic ticks and/or bars.
  cross_venue  ///< The seeded cross-venue tick set (one instrument quoted on several venues).
};

/// Returns "bars", "ticks", "synthetic" or "cross_venue".
[[nodiscard]] std::string_view to_string(data_source_kind kind) noexcept;

/// One data source of a scenario.
struct data_source_plan {
  /// What it is; the matching config below is the one used.
  data_source_kind kind = data_source_kind::bars;
  /// kind bars.
  csv_bar_feed_config bars;
  /// kind ticks.
  csv_tick_feed_config ticks;
  /// kind synthetic.
  synthetic_feed_config synthetic;
  /// kind cross_venue.
  cross_venue_source_config cross_venue;
  /// Build time bars from the source's ticks as well (key `bars_every`).
  std::optional<time_bar_options> time_bars;
  /// Where it was configured.
  config_place where;

  /// Returns a one-line description ("bars data/x.csv as SPX", "ticks data/t.csv + 1m bars").
  [[nodiscard]] std::string describe() const;
};

/// Restart policy keys of one table (`restarts`, `restart_backoff`, `restart_backoff_max`,
/// `restart_multiplier`): [supervision] sets them for every strategy, a [[strategy]] for itself.
/// Each key set overrides the policy below it.
struct restart_settings {
  std::optional<std::uint32_t> max_restarts; ///< `restarts`
  std::optional<duration_ns> backoff;        ///< `restart_backoff`
  std::optional<duration_ns> max_backoff;    ///< `restart_backoff_max`
  std::optional<double> multiplier;          ///< `restart_multiplier`

  /// Returns `base` with the fields set here replaced.
  [[nodiscard]] restart_policy over(restart_policy base) const {
    if (max_restarts)
      base.max_restarts = *max_restarts;
    if (backoff)
      base.backoff = *backoff;
    if (max_backoff)
      base.max_backoff = *max_backoff;
    if (multiplier)
      base.multiplier = *multiplier;
    return base;
  }
};

/// One strategy of a scenario.
struct strategy_plan {
  /// The registered type ("sma_cross").
  std::string type;
  /// The parameters as "key=value,..." text, as the registry's factories read them.
  std::string params;
  /// Parameter keys and the lines they are on (for messages naming the line).
  std::map<std::string, std::size_t> param_lines;
  /// Id, account and name (the config's `id`: unique in the run).
  strategy_actor_config actor;
  /// Initial cash (the portfolio's default when unset).
  std::optional<money> cash;
  /// Risk limits of this strategy (the scenario's default strategy limits when unset).
  std::optional<orders::risk_limits> risk;
  /// Paper mode: its market data flow policy (keys `market_data`, `buffer`; run.market_data when
  /// unset).
  std::optional<flow_policy> market_data;
  /// Its restart policy keys (over the run's [supervision] ones).
  restart_settings restart;
  /// Where it was configured.
  config_place where;
};

/// One trading system of a run.
struct scenario_plan {
  /// Its name (the prefix of its rows in the summary).
  std::string name = "run";
  /// Its data.
  std::vector<data_source_plan> data;
  /// Its venues.
  std::vector<venue_config> venues;
  /// Where each venue was configured (same order as venues).
  std::vector<config_place> venue_places;
  /// The cross-venue aggregator, when configured.
  std::optional<aggregator_config> aggregator;
  /// Its strategies.
  std::vector<strategy_plan> strategies;
  /// Risk limits (per strategy and account).
  order_manager_config order_manager;
  /// Cash and sampling.
  portfolio_config portfolio;
  /// Indicator actors on their own threads (default) or on the pool.
  bool detach_indicators = true;
  /// [scheduling]: one indicator pool or one actor per symbol, the pool's workers, hot switching.
  indicator_pool_settings indicator_pool;
  /// Where it was configured.
  config_place where;
};

/// A whole run: settings shared by its scenarios, then the scenarios in order.
struct run_plan {
  /// The report's title.
  std::string title = "bourse-backtest report";
  /// backtest or paper.
  run_mode mode = run_mode::backtest;
  /// Paper mode: data seconds per wall-clock second.
  double speed = 1.0;
  /// Output folder.
  std::string out_dir = "bourse-out";
  /// Scheduler worker threads (CAF's scheduler.max-threads); unset: CAF's or the command line's.
  std::optional<std::size_t> threads;
  /// Supervision's hang detector ([supervision] deadline; sequencer_config::deadline); unset:
  /// the default, zero: off.
  std::optional<std::chrono::milliseconds> deadline;
  /// The strategies' restart policy ([supervision] restarts, restart_backoff, ...); a strategy's
  /// own keys override it.
  restart_settings strategy_restart;
  /// Every feed's restart policy ([supervision] feed_restarts, feed_backoff, feed_backoff_max,
  /// feed_multiplier); off by default.
  restart_policy feed_restart;
  /// The journal ([journal], --journal): set when enabled; an empty path means journal.sqlite in
  /// the output folder. With several scenarios each gets its own file (the scenario's name before
  /// the extension: journal.bars.sqlite).
  std::optional<journal_config> journal;
  /// Paper mode: the strategies' market data flow policy unless a strategy sets its own (keys
  /// run.market_data, run.buffer).
  flow_policy market_data;
  /// Per-actor metrics (run.metrics, --metrics): a periodic table on stderr and metrics.jsonl.
  bool metrics = false;
  /// The scenarios, run one after the other.
  std::vector<scenario_plan> scenarios;
  /// The file the plan came from.
  std::string source;
};

/// Where relative data paths are looked for: the config file's folder first, then the working
/// directory, then each fallback folder (by the file's name).
struct config_paths {
  /// The folder of the config file (empty: none, e.g. a built-in config).
  std::string base_dir;
  /// Folders tried last, by file name (e.g. the bundled data folder).
  std::vector<std::string> fallback_dirs;

  /// Returns the path to use for `path` (unchanged when absolute or found nowhere).
  [[nodiscard]] std::string resolve(const std::string& path) const;
};

/// Parses a TOML run configuration held in `text`; `file` names it in messages. Every problem is
/// appended to `problems`; the plan is meaningful only when none was added.
[[nodiscard]] run_plan parse_run_config(std::string_view text, const std::string& file,
                                        const config_paths& paths,
                                        std::vector<config_problem>& problems);

/// Reads and parses the TOML file at `path` (relative data paths resolve from its folder first,
/// then `fallback_dirs`). A missing or unreadable file is a problem naming it.
[[nodiscard]] run_plan load_run_config(const std::string& path,
                                       const std::vector<std::string>& fallback_dirs,
                                       std::vector<config_problem>& problems);

} // namespace bourse
