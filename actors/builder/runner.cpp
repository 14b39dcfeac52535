// The config-driven runner (bourse-backtest, bourse-demo and users' own mains).
#include "bourse/actors/builder/runner.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>

#include "bourse/actors/builder/run_manifest.hpp"
#include "bourse/actors/builder/run_outputs.hpp"
#include "bourse/actors/builder/signal_watch.hpp"
#include "bourse/core/atomic_file.hpp"
#include "bourse/core/output_lock.hpp"
#include "bourse/core/numbers.hpp"
#include "bourse/logging/exit_codes.hpp"
#include "bourse/logging/logging.hpp"
#include "bourse/market/cross_venue_source.hpp"

namespace bourse {

namespace {

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

std::string place_text(const config_place& where) {
  return config_problem{where, ""}.to_string();
}

// Maps a factory's problem to the line of the parameter it names (or the strategy's table).
std::string strategy_problem(const strategy_plan& s, const std::string& problem) {
  // "<type>: <key>: ...", "<type>: <key> (...) must ...", "<type>: <key>='x' ..." name the key first.
  auto rest = starts_with(problem, s.type + ": ") ? problem.substr(s.type.size() + 2) : problem;
  auto end = rest.find_first_of(":=( '");
  auto first_word = rest.substr(0, end);
  if (auto it = s.param_lines.find(first_word); it != s.param_lines.end())
    return config_problem{{s.where.file, it->second, s.where.key + "." + it->first}, problem}
        .to_string();
  for (const auto& [key, line] : s.param_lines)
    if (problem.find(key + "=") != std::string::npos ||
        problem.find("'" + key + "'") != std::string::npos)
      return config_problem{{s.where.file, line, s.where.key + "." + key}, problem}.to_string();
  return config_problem{s.where, problem}.to_string();
}

// Maps a problem of trading_system::validate() back to the configuration.
std::string system_problem(const scenario_plan& sc, const std::string& problem) {
  for (const auto& s : sc.strategies) {
    auto prefix = "strategy " + s.actor.name + ": ";
    if (starts_with(problem, prefix))
      return config_problem{s.where, problem.substr(prefix.size())}.to_string();
  }
  // The builder names feeds by kind and position ("bar feed 2"), in the order add_data adds them.
  std::size_t bars = 0, ticks = 0, synthetic = 0, sources = 0;
  for (const auto& d : sc.data) {
    std::string label;
    if (d.kind == data_source_kind::bars)
      label = "bar feed " + std::to_string(++bars);
    else if (d.kind == data_source_kind::ticks)
      label = "tick feed " + std::to_string(++ticks);
    else if (d.kind == data_source_kind::synthetic && !d.time_bars)
      label = "synthetic feed " + std::to_string(++synthetic);
    else
      label = "source feed " + std::to_string(++sources);
    if (starts_with(problem, label + ": "))
      return config_problem{d.where, problem.substr(label.size() + 2)}.to_string();
  }
  for (std::size_t i = 0; i < sc.venue_places.size(); ++i) {
    auto prefix = "venue " + std::to_string(i + 1) + ": ";
    if (starts_with(problem, prefix))
      return config_problem{sc.venue_places[i], problem.substr(prefix.size())}.to_string();
  }
  return config_problem{sc.where, problem}.to_string();
}

// Every feed gets the run's restart policy ([supervision] feed_restarts ...) and an opener.
void add_data(trading_system& ts, const data_source_plan& d, const restart_policy& restart) {
  switch (d.kind) {
    case data_source_kind::bars: {
      auto bars = d.bars;
      bars.feed.restart = restart;
      ts.add_csv_bars(bars);
      break;
    }
    case data_source_kind::ticks: {
      auto ticks = d.ticks;
      ticks.time_bars = d.time_bars;
      ticks.feed.restart = restart;
      ts.add_csv_ticks(ticks);
      break;
    }
    case data_source_kind::synthetic: {
      auto synthetic = d.synthetic;
      synthetic.feed.restart = restart;
      if (d.time_bars) {
        auto options = synthetic.feed;
        ts.add_source(
            [synthetic, time_bars = *d.time_bars]() -> std::unique_ptr<slice_source> {
              return std::make_unique<time_bar_source>(
                  std::make_unique<synthetic_source>(synthetic), time_bars);
            },
            options);
      } else {
        ts.add_synthetic(synthetic);
      }
      break;
    }
    case data_source_kind::cross_venue: {
      feed_options options;
      options.restart = restart;
      ts.add_source(
          [config = d.cross_venue, time_bars = d.time_bars]() -> std::unique_ptr<slice_source> {
            std::unique_ptr<slice_source> src = std::make_unique<cross_venue_source>(config);
            if (time_bars)
              src = std::make_unique<time_bar_source>(std::move(src), *time_bars);
            return src;
          },
          options);
      break;
    }
  }
}

// One progress line per scenario on stderr.
void draw_progress(const std::string& scenario, const run_progress& p) {
  static std::string last_scenario;
  static std::uint64_t last_slices = ~std::uint64_t{0};
  if (scenario == last_scenario && p.slices == last_slices)
    return; // the final report repeats the last one
  last_scenario = scenario;
  last_slices = p.slices;
  constexpr int width = 30;
  int filled = static_cast<int>(p.fraction * width + 0.5);
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(width, '.');
  std::fprintf(stderr, "\r%-8s [%s] %5.1f%%  slices=%llu  data=%s", scenario.c_str(), bar.c_str(),
               p.fraction * 100, static_cast<unsigned long long>(p.slices),
               format_iso8601(p.data_time).substr(0, 10).c_str());
  if (p.fraction >= 1.0)
    std::fprintf(stderr, "\n");
  std::fflush(stderr);
}

// The command line of run_main.
struct command_line {
  std::string config;
  std::optional<std::string> out;
  std::optional<run_mode> mode;
  std::optional<double> speed;
  std::optional<std::size_t> threads;
  std::vector<std::string> strategies;
  std::vector<std::pair<const runner_flag*, std::string>> flags;
  std::string caf_config;
  std::vector<std::string> caf_args;
  std::optional<std::string> log_level;
  std::optional<std::string> journal;
  bool check = false;
  bool metrics = false;
  bool list = false;
  bool progress = true;
  bool help = false;
};

std::string usage(const std::string& program, const runner_options& o,
                  const strategy_registry& registry) {
  std::string text = program + ": " + o.description + "\n\nusage: " + program +
                     (o.default_config.empty() ? " --config FILE" : " [--config FILE]") +
                     " [options] [CAF options]\n\n";
  // "  --option ARG   help", the help wrapped at 100 columns under its own column.
  auto line = [&](const std::string& opt, const std::string& help) {
    constexpr std::size_t indent = 28, width = 100;
    std::string l = "  " + opt;
    if (l.size() < indent)
      l.resize(indent, ' ');
    else
      l += "\n" + std::string(indent, ' ');
    std::size_t col = indent;
    std::size_t start = 0;
    while (start < help.size()) {
      auto end = help.find(' ', start);
      if (end == std::string::npos)
        end = help.size();
      auto word = help.substr(start, end - start);
      if (col > indent && col + 1 + word.size() > width) {
        l += "\n" + std::string(indent, ' ');
        col = indent;
      } else if (col > indent) {
        l += ' ';
        ++col;
      }
      l += word;
      col += word.size();
      start = end + 1;
    }
    text += l + "\n";
  };
  line("--config FILE", o.default_config.empty()
                            ? "the run configuration (TOML, docs/backtest-config.md)"
                            : "the run configuration (TOML; default: " + o.default_config_name + ")");
  for (const auto& f : o.flags)
    line(f.name + (f.argument.empty() ? "" : " " + f.argument), f.help);
  line("--strategy TYPE[:K=V,...]", "replaces the configured strategies (repeatable); each goes to "
                                    "the first scenario whose data it can use");
  line("--out DIR", "output folder (overrides run.out)");
  line("--mode backtest|paper", "overrides run.mode");
  line("--speed X", "paper mode: data seconds per wall second (overrides run.speed)");
  line("--threads N", "scheduler worker threads (overrides run.threads)");
  line("--journal FILE", "journal orders, order events and fills to this SQLite file (enables "
                         "[journal]); a paper run restarted with it recovers and carries on");
  line("--check", "check the configuration and its wiring, run nothing");
  line("--metrics", "per-actor metrics: a table on stderr every second, metrics.jsonl in the output "
                    "folder, the final figures in the summary and stats.json (overrides run.metrics)");
  line("--list-strategies", "list the strategy types this program knows, with their keys");
  line("--caf-config FILE", "a CAF config file (./caf-application.ini is never read implicitly)");
  line("--no-progress", "no progress bar on stderr");
  line("--log-level LEVELS", "trace, debug, info, warn (default), error, critical or off, or a list "
                             "such as warn,order_manager=debug; replaces SPDLOG_LEVEL when given");
  line("--help", "this text");
  text += "\nCAF's own options pass through, e.g. --scheduler.policy=sharing.\n"
          "Strategy types: " +
          registry.names() +
          "\n\nStandard output holds the summary table; the progress bar, log lines and errors go to "
          "standard error\n(docs/operations.md). Every problem of the configuration is reported at "
          "once, naming file:line: key.\n\nOutputs (trades.csv, report.html, stats.json, then the "
          "manifest run.json) are each whole or\nabsent; the output folder is checked and locked "
          "(.bourse.lock) before the run: a second run into it is\nrefused. SIGINT or SIGTERM "
          "stops the run: the results so far are written, marked partial\n(run.json \"complete\": "
          "false); a second signal exits at once.\n\nExit status: 0 ok, 1 data or run error (a "
          "file that cannot be read, bad data, a failed run, an\nunwritable output folder or one "
          "another run has locked, a full standard output; results\nbefore the failure are "
          "written), 2 usage or configuration error (unknown option, bad value,\nbad config, an "
          "output that would overwrite an input; nothing ran), 130 stopped by SIGINT, 143 stopped by SIGTERM "
          "(128 + the\nsignal's number, as shells report it).\n";
  return text;
}

command_line parse_command_line(int argc, char** argv, const runner_options& o,
                                std::vector<std::string>& problems) {
  command_line c;
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
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto is = [&](const std::string& name) { return arg == name || starts_with(arg, name + "="); };
    const runner_flag* flag = nullptr;
    for (const auto& f : o.flags)
      if (is(f.name) || (f.argument.empty() && arg == f.name))
        flag = &f;
    if (flag) {
      c.flags.emplace_back(flag, flag->argument.empty() ? std::string{} : value(i, arg, flag->name));
    } else if (is("--config")) {
      c.config = value(i, arg, "--config");
    } else if (is("--strategy")) {
      c.strategies.push_back(value(i, arg, "--strategy"));
    } else if (is("--out")) {
      c.out = value(i, arg, "--out");
      if (c.out->empty())
        problems.emplace_back("--out: must not be empty");
    } else if (is("--mode")) {
      auto m = value(i, arg, "--mode");
      if (m == "backtest" || m == "paper")
        c.mode = m == "backtest" ? run_mode::backtest : run_mode::paper;
      else
        problems.push_back("--mode: '" + m + "' is not backtest or paper");
    } else if (is("--speed")) {
      auto text = value(i, arg, "--speed");
      auto v = parse_plain_number(text, 0, 1e15);
      if (!v || !(*v > 0))
        problems.push_back("--speed: '" + text +
                           "' is not a plain decimal number (digits, no exponent) greater than 0 "
                           "and at most 1000000000000000");
      else
        c.speed = *v;
    } else if (is("--threads")) {
      auto text = value(i, arg, "--threads");
      auto v = parse_whole_number(text, 1, 256);
      if (!v)
        problems.push_back("--threads: '" + text + "' is not a whole number from 1 to 256");
      else
        c.threads = static_cast<std::size_t>(*v);
    } else if (is("--journal")) {
      c.journal = value(i, arg, "--journal");
      if (c.journal->empty())
        problems.emplace_back("--journal: must not be empty");
    } else if (is("--log-level")) {
      c.log_level = value(i, arg, "--log-level");
    } else if (is("--caf-config")) {
      c.caf_config = value(i, arg, "--caf-config");
    } else if (arg == "--check") {
      c.check = true;
    } else if (arg == "--metrics") {
      c.metrics = true;
    } else if (arg == "--list-strategies") {
      c.list = true;
    } else if (arg == "--no-progress") {
      c.progress = false;
    } else if (arg == "--help" || arg == "-h") {
      c.help = true;
    } else if (starts_with(arg, "--") && arg.find('.') != std::string::npos &&
               arg.find('=') != std::string::npos) {
      c.caf_args.push_back(arg); // a CAF option such as --scheduler.policy=sharing
    } else {
      problems.push_back("unknown option '" + arg + "' (see --help)");
    }
  }
  return c;
}

// Splits "type:k=v,..." into a strategy_plan for --strategy.
strategy_plan plan_of_spec(const std::string& spec, std::size_t index) {
  strategy_plan s;
  auto colon = spec.find(':');
  s.type = spec.substr(0, colon);
  s.params = colon == std::string::npos ? std::string{} : spec.substr(colon + 1);
  s.actor.type = s.type;
  s.actor.params = s.params;
  s.actor.name = s.type;
  s.where = {"--strategy " + spec, 0, {}};
  (void)index;
  return s;
}

// Replaces the plan's strategies with the command line's: each goes to the first scenario that can
// serve it. Returns the problems.
std::vector<std::string> route_strategies(run_plan& plan, const std::vector<std::string>& specs,
                                          const strategy_registry& registry, system_config& cfg) {
  std::vector<std::string> problems;
  for (auto& sc : plan.scenarios)
    sc.strategies.clear();
  std::map<std::string, int> used;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    auto s = plan_of_spec(specs[i], i);
    if (int n = ++used[s.type]; n > 1)
      s.actor.name = s.type + "#" + std::to_string(n);
    if (auto made = registry.make(s.type, s.params); !made) {
      for (const auto& p : made.problems)
        problems.push_back("--strategy " + specs[i] + ": " + p);
      continue;
    }
    // Why each scenario cannot run it, reported only when none can.
    std::vector<std::pair<std::string, std::vector<std::string>>> refusals;
    bool placed = false;
    for (auto& sc : plan.scenarios) {
      auto trial = sc;
      trial.strategies = {s};
      trading_system ts{cfg, plan.mode};
      auto p = build_scenario(plan, trial, registry, ts);
      if (p.empty()) {
        sc.strategies.push_back(s);
        placed = true;
        break;
      }
      refusals.emplace_back(sc.name, std::move(p));
    }
    if (!placed) {
      for (auto& [scenario, reasons] : refusals)
        for (auto& reason : reasons)
          problems.push_back(refusals.size() > 1 ? reason + " (scenario " + scenario + ")"
                                                 : std::move(reason));
    }
  }
  strategy_id next = 1;
  for (auto& sc : plan.scenarios)
    for (auto& s : sc.strategies)
      s.actor.id = next++;
  return problems;
}

// The journal file of one scenario: the configured path (journal.sqlite in the output folder when
// none), with the scenario's name before the extension when the run has several scenarios.
std::string journal_path_for(const journal_config& config, const std::string& out_dir,
                             const std::string& scenario, std::size_t scenarios) {
  std::filesystem::path path =
      config.path.empty() ? std::filesystem::path(out_dir) / "journal.sqlite"
                          : std::filesystem::path(config.path);
  if (scenarios > 1)
    path.replace_filename(path.stem().string() + "." + scenario + path.extension().string());
  return path.string();
}

// One line per scenario with a journal: its file, session, records committed, what it recovered.
void print_journal(std::FILE* out, const std::string& path, const run_result& r) {
  std::fprintf(out, "journal %s: session %lld, %lld records committed in %lld commits",
               path.c_str(), static_cast<long long>(r.journal.session),
               static_cast<long long>(r.journal.committed),
               static_cast<long long>(r.journal.commits));
  if (r.journal.session > 1)
    std::fprintf(out, "; recovered %zu fills, %zu open orders cancelled", r.recovered_fills,
                 r.recovered_cancelled);
  std::fputc('\n', out);
  for (const auto& p : r.recovered_positions)
    std::fprintf(out, "  recovered position strategy=%u symbol=%s net=%s cash_flow=%s\n",
                 static_cast<unsigned>(p.strategy), p.symbol.c_str(), p.net.to_string().c_str(),
                 p.cash_flow.to_string().c_str());
  std::fflush(out);
}

void print_problems(const std::string& program, const std::vector<std::string>& problems) {
  for (const auto& p : problems)
    std::fprintf(stderr, "%s: %s\n", program.c_str(), p.c_str());
}

// A file that cannot be read is a data error (exit 1); any other problem found before the run is a
// usage or configuration error (exit 2).
bool is_file_problem(const std::string& problem) {
  for (const char* phrase : {"cannot be opened", "the config file does not exist",
                             "the config file cannot be read"})
    if (problem.find(phrase) != std::string::npos)
      return true;
  return false;
}

// Flushes standard output; returns the problem (also printed) when it could not be written (a full
// disk, a closed pipe), or "".
std::string flush_stdout(const std::string& program) {
  if (std::fflush(stdout) == 0 && !std::ferror(stdout))
    return {};
  std::string err = "standard output: cannot write (the output is incomplete)";
  std::fprintf(stderr, "%s: %s\n", program.c_str(), err.c_str());
  return err;
}

int refuse(const std::string& program, const std::vector<std::string>& problems) {
  print_problems(program, problems);
  bool files_only = !problems.empty();
  for (const auto& p : problems)
    files_only = files_only && is_file_problem(p);
  return files_only ? exit_failure : exit_usage;
}

} // namespace

std::vector<std::string> build_scenario(const run_plan& plan, const scenario_plan& scenario,
                                        const strategy_registry& registry, trading_system& ts) {
  std::vector<std::string> problems;
  if (!plan.source.empty())
    ts.add_parameter("config", plan.source);
  for (std::size_t i = 0; i < scenario.data.size(); ++i) {
    const auto& d = scenario.data[i];
    add_data(ts, d, plan.feed_restart);
    // Generated data and bars built from ticks: the builder sees only a source, say what it is.
    if (d.kind == data_source_kind::cross_venue || d.kind == data_source_kind::synthetic ||
        d.time_bars)
      ts.add_parameter("data " + std::to_string(i + 1), d.describe());
  }
  for (const auto& v : scenario.venues)
    ts.add_venue(v);
  if (scenario.aggregator)
    ts.set_aggregator(*scenario.aggregator);
  ts.detach_indicators(scenario.detach_indicators);
  ts.set_indicator_pool(scenario.indicator_pool);
  auto portfolio = scenario.portfolio;
  auto om = scenario.order_manager;
  for (const auto& s : scenario.strategies) {
    auto made = registry.make(s.type, s.params);
    if (!made) {
      for (const auto& p : made.problems)
        problems.push_back(strategy_problem(s, p));
      continue;
    }
    if (s.cash)
      portfolio.initial_cash[s.actor.id] = *s.cash;
    if (s.risk)
      om.settings.strategy_limits[s.actor.id] = *s.risk;
    auto actor = s.actor;
    actor.paper_speed = plan.speed;
    actor.market_data = s.market_data.value_or(plan.market_data);
    actor.restart = s.restart.over(plan.strategy_restart.over({}));
    if (actor.restart.enabled())
      // The registry outlives every run of run_main; a restart makes the same type and parameters.
      actor.factory = [&registry, type = s.type, params = s.params] {
        return std::move(registry.make(type, params).value);
      };
    ts.add_strategy(std::move(made.value), actor);
  }
  ts.set_portfolio(portfolio);
  ts.set_order_manager(om);
  if (plan.deadline) { // validate() checks the feeds' restart waits against it
    auto seq = ts.sequencer();
    seq.deadline = *plan.deadline;
    ts.set_sequencer(seq);
  }
  if (scenario.strategies.empty())
    problems.push_back(place_text(scenario.where) + "no strategy: add a [[strategy]]");
  else if (problems.empty())
    for (const auto& p : ts.validate())
      problems.push_back(system_problem(scenario, p));
  return problems;
}

int run_main(int argc, char** argv, const strategy_registry& registry,
             const runner_options& options) {
  const std::string program =
      !options.program.empty() ? options.program
      : argc > 0              ? std::filesystem::path(argv[0]).filename().string()
                              : std::string("bourse-backtest");
  run_manifest manifest;
  manifest.program = program;
  manifest.started = wall_time_now();
  std::vector<std::string> problems;
  auto cl = parse_command_line(argc, argv, options, problems);
  if (cl.help) {
    std::fputs(usage(program, options, registry).c_str(), stdout);
    return flush_stdout(program).empty() ? exit_ok : exit_failure;
  }
  configure_logging(cl.log_level, problems);
  if (cl.list) {
    for (const auto& e : registry.entries())
      std::printf("%-20s %s\n%-20s keys: %s\n", e.name.c_str(), e.summary.c_str(), "",
                  e.defaults.c_str());
    return flush_stdout(program).empty() ? exit_ok : exit_failure;
  }
  if (cl.config.empty() && options.default_config.empty() && problems.empty())
    problems.emplace_back("--config FILE is required (see --help)");
  if (!problems.empty()) {
    return refuse(program, problems);
  }

  // The configuration, then the command line's changes to it.
  std::vector<config_problem> config_problems;
  run_plan plan;
  if (!cl.config.empty()) {
    plan = load_run_config(cl.config, options.data_dirs, config_problems);
  } else {
    config_paths paths;
    paths.fallback_dirs = options.data_dirs;
    plan = parse_run_config(options.default_config, options.default_config_name, paths,
                            config_problems);
  }
  for (const auto& p : config_problems)
    problems.push_back(p.to_string());
  if (!problems.empty()) {
    // Report the strategies' own problems too: every problem at once.
    for (const auto& sc : plan.scenarios)
      for (const auto& s : sc.strategies)
        if (!s.type.empty())
          if (auto made = registry.make(s.type, s.params); !made)
            for (const auto& p : made.problems)
              problems.push_back(strategy_problem(s, p));
    return refuse(program, problems);
  }
  for (const auto& [flag, value] : cl.flags)
    if (auto p = flag->apply(plan, value); !p.empty())
      problems.push_back(flag->name + ": " + p);
  if (cl.out)
    plan.out_dir = *cl.out;
  if (cl.mode)
    plan.mode = *cl.mode;
  if (cl.speed)
    plan.speed = *cl.speed;
  if (cl.threads)
    plan.threads = cl.threads;
  if (cl.journal) {
    if (!plan.journal)
      plan.journal.emplace();
    plan.journal->path = *cl.journal;
  }
  if (cl.metrics)
    plan.metrics = true;
  if (!problems.empty()) {
    return refuse(program, problems);
  }

  // CAF: the plan's threads, then the command line's CAF options.
  system_config cfg{plan.mode};
  std::vector<std::string> caf_args{program};
  if (plan.threads)
    caf_args.push_back("--scheduler.max-threads=" + std::to_string(*plan.threads));
  caf_args.insert(caf_args.end(), cl.caf_args.begin(), cl.caf_args.end());
  std::vector<char*> caf_argv;
  for (auto& a : caf_args)
    caf_argv.push_back(a.data());
  if (auto err = cfg.parse_options(static_cast<int>(caf_argv.size()), caf_argv.data(),
                                   cl.caf_config);
      !err.empty()) {
    return refuse(program, {"CAF options: " + err});
  }

  if (!cl.strategies.empty())
    for (auto& p : route_strategies(plan, cl.strategies, registry, cfg))
      problems.push_back(std::move(p));
  // Scenarios without strategies (e.g. all were replaced by --strategy) are left out.
  if (!cl.strategies.empty()) {
    std::vector<scenario_plan> kept;
    for (auto& sc : plan.scenarios)
      if (!sc.strategies.empty())
        kept.push_back(std::move(sc));
    plan.scenarios = std::move(kept);
  }
  if (!problems.empty()) {
    return refuse(program, problems);
  }

  // Build and check every scenario before running any.
  std::vector<std::unique_ptr<trading_system>> systems;
  for (const auto& sc : plan.scenarios) {
    systems.push_back(std::make_unique<trading_system>(cfg, plan.mode));
    for (auto& p : build_scenario(plan, sc, registry, *systems.back()))
      problems.push_back(plan.scenarios.size() > 1 ? "scenario " + sc.name + ": " + p : p);
  }
  if (plan.scenarios.empty())
    problems.emplace_back("nothing to run: no scenario has a strategy");
  if (!problems.empty()) {
    return refuse(program, problems);
  }
  if (cl.check) {
    std::size_t strategies = 0;
    for (const auto& sc : plan.scenarios)
      strategies += sc.strategies.size();
    std::printf("%s: configuration ok: %zu scenario(s), %zu strateg%s\n", program.c_str(),
                plan.scenarios.size(), strategies, strategies == 1 ? "y" : "ies");
    return flush_stdout(program).empty() ? exit_ok : exit_failure;
  }

  // The output folder: checked (created, writable) and locked before anything runs; no output may
  // overwrite an input.
  manifest.config = cl.config.empty() ? options.default_config_name : cl.config;
  for (const auto& sc : plan.scenarios)
    for (const auto& d : sc.data) {
      std::string path = d.kind == data_source_kind::bars    ? d.bars.path
                         : d.kind == data_source_kind::ticks ? d.ticks.path
                                                             : std::string{};
      if (!path.empty() &&
          std::find(manifest.data.begin(), manifest.data.end(), path) == manifest.data.end())
        manifest.data.push_back(path);
    }
  {
    std::vector<std::string> inputs = manifest.data;
    if (!cl.config.empty())
      inputs.push_back(cl.config);
    for (const char* name : {"trades.csv", "report.html", "stats.json", "run.json"})
      for (const auto& input : inputs)
        if (same_file((std::filesystem::path(plan.out_dir) / name).string(), input))
          problems.push_back("--out " + plan.out_dir + ": " + name + " would overwrite the input " +
                             input);
    if (!problems.empty()) {
      print_problems(program, problems);
      return exit_usage;
    }
  }
  output_lock lock;
  if (auto err = lock.acquire(plan.out_dir); !err.empty()) {
    print_problems(program, {err});
    return exit_failure;
  }

  // SIGINT/SIGTERM stop the running scenario; its results so far and those before it are written.
  // The watch starts before the first actor system, so that no CAF thread takes the signals.
  signal_watch signals;
  std::mutex current_mutex;
  trading_system* current = nullptr;
  signals.on_stop([&] {
    std::lock_guard<std::mutex> guard{current_mutex};
    if (current != nullptr)
      current->stop();
  });

  std::vector<named_run> runs;
  for (std::size_t i = 0; i < systems.size(); ++i) {
    const auto& sc = plan.scenarios[i];
    if (signals.signal() != 0 || !problems.empty()) {
      manifest.scenarios.emplace_back(sc.name, "not run");
      continue;
    }
    sequencer_config seq;
    seq.mode = plan.mode;
    seq.speed = plan.speed;
    if (plan.deadline)
      seq.deadline = *plan.deadline;
    if (cl.progress) {
      auto name = sc.name;
      seq.on_progress = [name](const run_progress& p) { draw_progress(name, p); };
    }
    systems[i]->set_sequencer(seq);
    std::string journal_path;
    if (plan.journal) {
      auto jc = *plan.journal;
      jc.path = journal_path_for(*plan.journal, plan.out_dir, sc.name, plan.scenarios.size());
      journal_path = jc.path;
      systems[i]->set_journal(jc);
    }
    {
      std::lock_guard<std::mutex> guard{current_mutex};
      current = systems[i].get();
      if (signals.signal() != 0)
        current->stop();
    }
    logger(log_component::system).info("Scenario started name={} out={}", sc.name, plan.out_dir);
    if (plan.metrics) {
      metrics_options m;
      m.enabled = true;
      m.run_name = sc.name;
      m.on_sample = [name = sc.name](double t, const std::vector<actor_metrics_sample>& samples) {
        std::fprintf(stderr, "\nmetrics of %s at %.1f s\n%s", name.c_str(), t,
                     metrics_table(samples).c_str());
        std::fflush(stderr);
      };
      systems[i]->set_metrics(std::move(m));
    }
    auto result = systems[i]->run();
    {
      std::lock_guard<std::mutex> guard{current_mutex};
      current = nullptr;
    }
    if (!journal_path.empty() && result.journal.session != 0) {
      print_journal(stdout, journal_path, result);
      manifest.journals.push_back(journal_path);
    }
    systems[i].reset(); // stops its actor system before the next one starts
    for (const auto& p : result.problems)
      problems.push_back(sc.name + ": " + p);
    manifest.scenarios.emplace_back(sc.name, !result.ok       ? "failed"
                                             : result.stopped ? "stopped"
                                                              : "complete");
    // A failure part-way keeps what was booked before it (partial results); a system that never
    // started has nothing to write.
    if (result.ok || result.summary.slices > 0 || result.fill_count() > 0)
      runs.push_back({sc.name, std::move(result)});
  }
  const int signal = signals.signal();
  int status = signal != 0 ? exit_signal(signal) : problems.empty() ? exit_ok : exit_failure;
  if (!problems.empty())
    print_problems(program, problems);
  manifest.errors = problems;
  if (signal != 0)
    manifest.signal = signal_watch::name_of(signal);

  output_options out;
  out.directory = plan.out_dir;
  out.title = plan.title;
  out.summary.emplace_back("config", manifest.config);
  auto outputs = write_run_outputs(runs, out);
  print_run_summary(stdout, runs, outputs);
  if (!outputs.error.empty()) {
    print_problems(program, {outputs.error});
    manifest.errors.push_back(outputs.error);
    if (status == exit_ok)
      status = exit_failure;
  } else {
    print_written(stdout, outputs);
    for (const auto& path : {outputs.trades_path, outputs.report_path, outputs.stats_path,
                              outputs.metrics_path})
      if (!path.empty())
        manifest.files.push_back(std::filesystem::path(path).filename().string());
  }
  if (signal != 0)
    std::fprintf(stderr, "%s%s: stopped by %s: partial results written (exit %d)\n",
                 cl.progress ? "\n" : "", program.c_str(), manifest.signal.c_str(), status);
  if (auto err = flush_stdout(program); !err.empty()) {
    manifest.errors.push_back(err);
    if (status == exit_ok)
      status = exit_failure;
  }
  manifest.complete = status == exit_ok;
  manifest.exit_status = status;
  manifest.finished = wall_time_now();
  if (auto err = write_run_manifest(plan.out_dir, manifest); !err.empty()) {
    print_problems(program, {err});
    if (status == exit_ok)
      status = exit_failure;
  }
  return status;
}

} // namespace bourse
