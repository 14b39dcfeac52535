// Parsing bourse-demo's command line.
#include "options.hpp"

#include <cstdlib>

namespace bourse::demo {

namespace {

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

} // namespace

std::string help_text() {
  return R"(bourse-demo: backtest the example strategies and write trades.csv and report.html

usage: bourse-demo [options] [CAF options]

  --data FILE|SYMBOL=FILE   bar CSV to trade (repeatable; default: data/sp500_daily.csv as SPX)
  --strategy SPEC           name:key=value,... (repeatable; default: sma_cross and rsi_reversion
                            on the bars, cross_venue_spread on the synthetic ticks); names:
                            sma_cross, rsi_reversion, cross_venue_spread
  --mode backtest|paper     backtest (data time, deterministic; default) or paper (wall-clock paced;
                            prints tick->order latency, one scheduler worker unless set below)
  --speed X                 paper mode: data seconds per wall second (default 432000)
  --config FILE             CAF config file (./caf-application.ini is never read implicitly)
  --out DIR                 output folder (default ./bourse-out)
  --seed N                  seed of the synthetic cross-venue tick set (default 42)
  --ticks N                 events in the synthetic tick set; 0 skips it (default 20000)
  --no-progress             no progress bar
  --log-level LEVELS        trace, debug, info, warn (default), error, critical or off, or a list
                            such as warn,order_manager=debug; replaces SPDLOG_LEVEL when given
  --help                    this text

CAF's own options pass through, e.g. --scheduler.max-threads=1 or --scheduler.policy=sharing.

Standard output holds the summary table; the progress bar, log lines and errors go to standard
error. Log lines: [data 2024-01-02T00:00:00Z] [warning] [order_manager] Message key=value ...,
stamped "data" with the data time being handled in a backtest, "wall" with the UTC clock otherwise
(docs/operations.md).

Exit status: 0 ok, 1 data or run error (unreadable or bad data, a failed run, an unwritable
output), 2 usage error (unknown option, bad value, bad strategy spec, bad --log-level or
SPDLOG_LEVEL).
)";
}

options parse_options(int argc, char** argv, std::vector<std::string>& problems) {
  options o;
  o.caf_args.emplace_back(argc > 0 ? argv[0] : "bourse-demo");
  auto value = [&](int& i, const std::string& arg, const std::string& name) -> std::string {
    auto eq = arg.find('=');
    if (eq != std::string::npos && arg.compare(0, eq, name) == 0)
      return arg.substr(eq + 1);
    if (i + 1 >= argc) {
      problems.push_back(name + ": needs a value");
      return {};
    }
    return argv[++i];
  };
  auto number = [&](const std::string& name, const std::string& text) -> double {
    char* end = nullptr;
    double v = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || !(v >= 0)) {
      problems.push_back(name + ": '" + text + "' is not a non-negative number");
      return 0;
    }
    return v;
  };
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto is = [&](const std::string& name) {
      return arg == name || starts_with(arg, name + "=");
    };
    if (is("--data"))
      o.data.push_back(value(i, arg, "--data"));
    else if (is("--strategy"))
      o.strategies.push_back(value(i, arg, "--strategy"));
    else if (is("--mode")) {
      auto m = value(i, arg, "--mode");
      if (m == "backtest")
        o.mode = run_mode::backtest;
      else if (m == "paper")
        o.mode = run_mode::paper;
      else
        problems.push_back("--mode: '" + m + "' is not backtest or paper");
    } else if (is("--speed")) {
      o.speed = number("--speed", value(i, arg, "--speed"));
      if (o.speed <= 0)
        problems.emplace_back("--speed: must be above 0");
    } else if (is("--config"))
      o.config_file = value(i, arg, "--config");
    else if (is("--out"))
      o.out_dir = value(i, arg, "--out");
    else if (is("--seed"))
      o.seed = static_cast<std::uint64_t>(number("--seed", value(i, arg, "--seed")));
    else if (is("--ticks"))
      o.ticks = static_cast<std::uint64_t>(number("--ticks", value(i, arg, "--ticks")));
    else if (is("--log-level"))
      o.log_level = value(i, arg, "--log-level");
    else if (arg == "--no-progress")
      o.progress = false;
    else if (arg == "--help" || arg == "-h")
      o.help = true;
    else if (starts_with(arg, "--") && arg.find('.') != std::string::npos &&
             arg.find('=') != std::string::npos)
      o.caf_args.push_back(arg); // a CAF option such as --scheduler.max-threads=2
    else
      problems.push_back("unknown option '" + arg + "' (see --help)");
  }
  return o;
}

} // namespace bourse::demo
