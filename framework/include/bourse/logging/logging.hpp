#pragma once
// Logging: one spdlog logger per component, all writing to one standard-error sink (coloured only
// on a terminal), each line stamped with the data time being handled in a backtest and with the
// wall clock otherwise; levels from --log-level or SPDLOG_LEVEL (docs/operations.md).
//
//   [data 2024-01-02T00:00:00Z] [warning] [order_manager] Order event for an unregistered strategy
//   strategy=3 order=17 [wall 2026-12-07T10:11:12.123456Z] [info] [system] Run finished ok=true
//   slices=5105 fills=96 wall_s=0.031
//
// Messages start with a capital letter and carry `key=value` fields, without a trailing period.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <spdlog/logger.h>

#include "bourse/logging/log_time.hpp"

namespace bourse {

/// The components bourse's own code logs as; each has a logger of that name.
enum class log_component : std::uint8_t {
  system,        ///< "system": the builder (trading_system) and the tools.
  sequencer,     ///< "sequencer": pacing, sweeps, the run's start and end.
  feed,          ///< "feed": market-data sources and their bad rows.
  hub,           ///< "hub": the market-data hub.
  indicator,     ///< "indicator": indicator actors.
  aggregator,    ///< "aggregator": the cross-venue aggregator.
  strategy,      ///< "strategy": strategy actors and the strategies' own log lines.
  order_manager, ///< "order_manager": risk, routing, order lifecycle.
  venue,         ///< "venue": simulated venues.
  portfolio,     ///< "portfolio": fills booked, the fill file.
};

/// The number of log_component values.
inline constexpr std::size_t log_component_count = 10;

/// Returns the component's logger name ("order_manager").
[[nodiscard]] std::string_view to_string(log_component component) noexcept;

/// Returns the logger of a built-in component. The first call sets logging up with defaults (level
/// warn, or SPDLOG_LEVEL when it is valid); later calls cost a table lookup. Check the level before
/// building expensive arguments only where a line is formatted per message: the logger's own
/// level test (one atomic load) comes before any formatting.
[[nodiscard]] spdlog::logger& logger(log_component component);

/// Returns the logger named `name` (a user's own component), created on first use with the shared
/// sink, the line format and the level configured for that name. The reference stays valid.
[[nodiscard]] spdlog::logger& component_logger(std::string_view name);

/// Levels as --log-level and SPDLOG_LEVEL give them: an optional level for every logger and levels
/// for named loggers.
struct log_level_spec {
  /// The level of every logger not named below; nullopt: the default (warn).
  std::optional<spdlog::level::level_enum> all;
  /// Levels of single loggers by name, in the order given (a later entry for a name wins).
  std::vector<std::pair<std::string, spdlog::level::level_enum>> loggers;
};

/// Parses one level name, case-insensitively: trace, debug, info, warn (or warning), error (or
/// err), critical or off; nullopt otherwise.
[[nodiscard]] std::optional<spdlog::level::level_enum> parse_log_level(std::string_view text);

/// Parses SPDLOG_LEVEL's syntax: a comma-separated list of `LEVEL` (every logger) and `NAME=LEVEL`
/// (one logger), e.g. "warn,order_manager=debug". Nullopt with `error` set (naming the bad entry)
/// when an entry is empty, a name is empty or has characters other than letters, digits, '_', '-'
/// and '.', or a level is unknown.
[[nodiscard]] std::optional<log_level_spec> parse_log_levels(std::string_view text,
                                                             std::string& error);

/// Sets logging up for a tool: standard error, the line format, and levels from `flag` (the
/// --log-level value; nullopt when not given) or else from `env` (SPDLOG_LEVEL's value; nullopt
/// when unset). The flag wins: when given, SPDLOG_LEVEL is not read. Levels not set are warn. A
/// bad value adds a problem naming its source ("--log-level: 'bogus' is not a log level ...") to
/// `problems`, changes nothing and returns false (a usage error: exit 2).
bool configure_logging(std::optional<std::string_view> flag, std::optional<std::string_view> env,
                       std::vector<std::string>& problems);

/// configure_logging() with `env` read from the SPDLOG_LEVEL environment variable.
bool configure_logging(std::optional<std::string_view> flag, std::vector<std::string>& problems);

/// Returns the level a logger named `name` gets under the current configuration.
[[nodiscard]] spdlog::level::level_enum configured_level(std::string_view name);

} // namespace bourse
