// bourse-gen: writes seeded synthetic OHLCV bars or multi-symbol quote/trade ticks as CSV
// (`bourse-gen --help`; data/README.md shows how the bundled samples were made).
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <unistd.h>

#include "bourse/core/atomic_file.hpp"
#include "bourse/core/duration.hpp"
#include "bourse/core/fixed_point.hpp"
#include "bourse/core/numbers.hpp"
#include "bourse/core/text.hpp"
#include "bourse/core/time.hpp"
#include "bourse/logging/exit_codes.hpp"
#include "bourse/logging/logging.hpp"
#include "bourse/market/csv_writer.hpp"
#include "bourse/market/synthetic.hpp"

namespace {

using namespace bourse;

constexpr const char* help = R"(bourse-gen: write seeded synthetic bars or ticks as CSV

usage: bourse-gen bars  [--seed N] [--count N] [--out FILE] [--ts FORMAT] [--start TIME]
                        [--interval SPAN] [--all-days] [--price P] [--drift MU] [--volatility SIGMA]
                        [--bars-per-year N] [--steps N] [--tick T] [--lot L] [--volume V]
       bourse-gen ticks [--seed N] [--count N] [--out FILE] [--ts FORMAT] [--start TIME]
                        [--trade-probability P] [--symbol SYM:TICK:LOT:PRICE[:VOL[:RATE[:SPREAD]]]]...

bars: geometric Brownian motion OHLCV bars (ts,open,high,low,close,volume), 500 by default.
ticks: quotes and trades of several symbols merged in time order, 3000 events by default; without
--symbol: ACME, EURUSD and BTC-USD (data/README.md). The same seed gives the same file.

  --seed N           seed of the random source (default 42)
  --count N          bars or events to write
  --out FILE         write there (whole or not at all) instead of standard output
  --ts FORMAT        iso, date, s, ms, us or ns (default: date for bars, iso for ticks)
  --start TIME       time of the first bar or event: ISO-8601 or an integer epoch
  --interval SPAN    bars: time between bars, a number with d, h, m, s or ms (1d, 15m)
  --all-days         bars: keep Saturdays and Sundays
  --price P, --drift MU, --volatility SIGMA, --bars-per-year N, --steps N, --tick T, --lot L,
  --volume V         bars: start price, annual drift and volatility, bars per year, GBM steps per
                     bar, tick size, lot size, mean volume per bar
  --trade-probability P   ticks: the share of events that are trades
  --symbol SPEC      ticks: SYM:TICK:LOT:PRICE[:VOL[:RATE[:SPREAD]]] (repeatable)
  --log-level LEVELS trace, debug, info, warn (default), error, critical or off, or a list such
                     as warn,feed=debug; replaces SPDLOG_LEVEL when given
  --help             this text

Exit status: 0 ok, 1 the output could not be written (--out is then absent; a full standard
output also counts), 2 usage error (unknown option, bad value, bad --log-level or SPDLOG_LEVEL).
SIGINT or SIGTERM end it at once (130 or 143 as the shell reports it; --out stays absent).
)";

int usage(const std::string& problem) {
  std::cerr << "bourse-gen: " << problem << "\nTry 'bourse-gen --help'.\n";
  return exit_usage;
}

// Numbers are plain decimal text ("0x10", "1e30", "inf", " 5" are refused) within a range.
std::optional<double> to_double(std::string_view text, double min = -1e15, double max = 1e15) {
  return parse_plain_number(text, min, max);
}

std::optional<std::uint64_t> to_u64(std::string_view text,
                                    std::uint64_t max = std::numeric_limits<std::uint64_t>::max()) {
  return parse_whole_number(text, 0, max);
}

// The largest --count: a billion bars or events (also keeps count * interval far from overflow
// checks' int128 limits).
constexpr std::uint64_t max_count = 1'000'000'000'000;

// Returns why the timestamps of `count` bars `interval` apart from `start` would pass the int64
// nanosecond range (weekends skipped add at most 3 days per 5 bars), or nothing when they fit.
std::optional<std::string> bar_time_overflow(const gbm_bar_config& c, std::uint64_t count) {
  using wide = bourse::detail::int128;
  wide span = static_cast<wide>(c.interval) * static_cast<wide>(count);
  if (c.weekdays_only)
    span += static_cast<wide>(count / 5 + 2) * 3 * ns_per_day;
  if (static_cast<wide>(c.start) + span <= std::numeric_limits<timestamp>::max())
    return std::nullopt;
  return "--count " + std::to_string(count) + " bars every " + format_duration(c.interval) +
         " from --start " + format_iso8601(c.start) +
         " would pass the last representable time (2262-04-11, int64 nanoseconds)";
}

// The same for `count` tick events: their mean gap is 1 s / (sum of events_per_second); twice the
// expected span must fit (the generator saturates rather than overflows beyond that).
std::optional<std::string> tick_time_overflow(const tick_generator_config& c, std::uint64_t count) {
  double rate = 0;
  for (const auto& s : c.symbols)
    rate += s.events_per_second;
  if (!(rate > 0))
    return std::nullopt; // validate() reports the rates
  const long double span = 2.0L * static_cast<long double>(count) * 1e9L / rate;
  if (static_cast<long double>(c.start) + span <
      static_cast<long double>(std::numeric_limits<timestamp>::max()))
    return std::nullopt;
  return "--count " + std::to_string(count) + " events at " + std::to_string(rate) +
         " per second from --start " + format_iso8601(c.start) +
         " would pass the last representable time (2262-04-11, int64 nanoseconds)";
}

std::optional<duration_ns> to_span(std::string_view text) {
  const std::pair<std::string_view, duration_ns> units[] = {{"ms", 1'000'000},
                                                            {"d", ns_per_day},
                                                            {"h", 3600 * ns_per_second},
                                                            {"m", 60 * ns_per_second},
                                                            {"s", ns_per_second}};
  for (auto [suffix, scale] : units)
    if (text.size() > suffix.size() && text.substr(text.size() - suffix.size()) == suffix) {
      auto count = to_u64(text.substr(0, text.size() - suffix.size()), 1'000'000);
      if (!count || *count == 0 || *count > 1'000'000)
        return std::nullopt;
      return static_cast<duration_ns>(*count) * scale;
    }
  return std::nullopt;
}

// SYM:TICK:LOT:PRICE[:VOL[:RATE[:SPREAD]]]
std::optional<synthetic_symbol> to_symbol(std::string_view text) {
  std::vector<std::string_view> parts;
  split_fields(text, ':', parts);
  if (parts.size() < 4 || parts.size() > 7)
    return std::nullopt;
  auto spec = instrument::make(std::string(parts[0]), parts[1], parts[2]);
  auto start = to_double(parts[3], 0, 1e15);
  if (!spec || !start)
    return std::nullopt;
  synthetic_symbol s;
  s.spec = *spec;
  s.start_price = *start;
  std::optional<double> values[3] = {s.volatility, s.events_per_second, 3.0};
  for (std::size_t i = 4; i < parts.size(); ++i)
    values[i - 4] = to_double(parts[i], 0, 1e9);
  if (!values[0] || !values[1] || !values[2])
    return std::nullopt;
  s.volatility = *values[0];
  s.events_per_second = *values[1];
  s.max_spread_ticks = static_cast<int>(*values[2]);
  return s;
}

std::vector<synthetic_symbol> default_symbols() {
  return {*to_symbol("ACME:0.01:1:50:0.3:2:3"), *to_symbol("EURUSD:0.00001:1000:1.1:0.08:5:2"),
          *to_symbol("BTC-USD:0.01:0.001:42000:0.6:3:5")};
}

} // namespace

int main(int argc, char** argv) {
  std::vector<std::string_view> args(argv + 1, argv + argc);
  for (auto arg : args)
    if (arg == "--help" || arg == "-h") {
      std::cout << help << std::flush;
      if (!std::cout) {
        std::cerr << "bourse-gen: standard output: write failed\n";
        return exit_failure;
      }
      return exit_ok;
    }
  if (args.empty())
    return usage("the first argument must be 'bars' or 'ticks'");
  if (args[0] != "bars" && args[0] != "ticks")
    return usage("the first argument must be 'bars' or 'ticks', got '" + std::string(args[0]) +
                 "'");
  const bool bars = args[0] == "bars";
  gbm_bar_config bar_config;
  bar_config.seed = 42;
  tick_generator_config tick_config;
  tick_config.seed = 42;
  std::uint64_t count = bars ? 500 : 3000;
  std::string out_path;
  std::optional<std::string> log_level;
  ts_format format = bars ? ts_format::date : ts_format::iso8601;

  for (std::size_t i = 1; i < args.size(); ++i) {
    std::string_view flag = args[i];
    if (flag == "--all-days") {
      bar_config.weekdays_only = false;
      continue;
    }
    std::string_view value;
    if (auto eq = flag.find('='); flag.rfind("--", 0) == 0 && eq != std::string_view::npos) {
      value = flag.substr(eq + 1);
      flag = flag.substr(0, eq);
    } else if (i + 1 >= args.size()) {
      return usage("missing value after " + std::string(flag));
    } else {
      value = args[++i];
    }
    bool ok = true;
    auto set = [&ok](auto parsed, auto& target) {
      if (parsed)
        target = static_cast<std::decay_t<decltype(target)>>(*parsed);
      else
        ok = false;
    };
    if (flag == "--seed") {
      set(to_u64(value), bar_config.seed);
      tick_config.seed = bar_config.seed;
    } else if (flag == "--count") {
      set(to_u64(value, max_count), count);
    } else if (flag == "--out") {
      out_path = std::string(value);
    } else if (flag == "--ts") {
      set(ts_format_from_string(value), format);
    } else if (flag == "--start") {
      set(parse_timestamp(value, epoch_unit::detect), bar_config.start);
      tick_config.start = bar_config.start;
    } else if (bars && flag == "--interval") {
      set(to_span(value), bar_config.interval);
    } else if (bars && flag == "--price") {
      set(to_double(value, 0, 1e15), bar_config.start_price);
    } else if (bars && flag == "--drift") {
      set(to_double(value, -10, 10), bar_config.drift);
    } else if (bars && flag == "--volatility") {
      set(to_double(value, 0, 10), bar_config.volatility);
    } else if (bars && flag == "--bars-per-year") {
      set(to_double(value, 0, 1e12), bar_config.bars_per_year);
    } else if (bars && flag == "--steps") {
      auto steps = to_u64(value);
      set(steps && *steps <= 100'000 ? steps : std::nullopt, bar_config.steps_per_bar);
    } else if (bars && flag == "--tick") {
      auto tick = price::parse(value);
      set(tick && tick->is_positive() ? tick : std::nullopt, bar_config.tick_size);
    } else if (bars && flag == "--lot") {
      auto lot = quantity::parse(value);
      set(lot && lot->is_positive() ? lot : std::nullopt, bar_config.lot_size);
    } else if (bars && flag == "--volume") {
      set(to_double(value, 0, 1e15), bar_config.mean_volume);
    } else if (!bars && flag == "--trade-probability") {
      set(to_double(value, 0, 1), tick_config.trade_probability);
    } else if (flag == "--log-level") {
      log_level = std::string(value);
    } else if (!bars && flag == "--symbol") {
      auto s = to_symbol(value);
      ok = s.has_value();
      if (s)
        tick_config.symbols.push_back(*s);
    } else {
      return usage("unknown option '" + std::string(flag) + "'");
    }
    if (!ok)
      return usage("bad value for " + std::string(flag) + ": '" + std::string(value) + "'");
  }
  if (!bars && tick_config.symbols.empty())
    tick_config.symbols = default_symbols();
  auto problems = bars ? bar_config.validate() : tick_config.validate();
  if (problems.empty())
    if (auto overflow =
            bars ? bar_time_overflow(bar_config, count) : tick_time_overflow(tick_config, count))
      problems.push_back(*overflow);
  configure_logging(log_level, problems);
  if (!problems.empty()) {
    for (const auto& p : problems)
      std::cerr << "bourse-gen: " << p << "\n";
    return exit_usage;
  }

  // --out: whole or absent (a unique temporary in the target's folder, fsynced, renamed in).
  std::optional<atomic_file> file;
  if (!out_path.empty()) {
    file.emplace(out_path);
    if (!file->error().empty()) {
      std::cerr << "bourse-gen: " << file->error() << "\n";
      return exit_failure;
    }
  }
  std::ostream& out = out_path.empty() ? std::cout : file->stream();
  if (bars) {
    gbm_bar_generator generator(bar_config);
    bar_writer writer(out, format);
    for (std::uint64_t i = 0; i < count; ++i)
      writer.write(generator.next());
  } else {
    tick_generator generator(tick_config);
    tick_writer writer(out, format);
    tick t;
    for (std::uint64_t i = 0; i < count; ++i) {
      generator.next(t);
      writer.write(t);
    }
  }
  out.flush();
  if (out_path.empty()) {
    if (!out) {
      std::cerr << "bourse-gen: standard output: write failed\n";
      return exit_failure;
    }
    return exit_ok;
  }
  if (auto problem = file->commit(); !problem.empty()) {
    std::cerr << "bourse-gen: " << problem << "\n";
    return exit_failure;
  }
  return exit_ok;
}
