// The TOML run configuration: the shipped configs parse into the plans the demo used to build in
// C++, every problem of a file is reported at once naming its line and key, and build_scenario
// turns a plan into a trading system whose wiring is checked before anything is spawned.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "bourse/actors/builder/runner.hpp"
#include "bourse/actors/builder/trading_system.hpp"
#include "bourse/strategy/registry.hpp"

using namespace bourse;

namespace {

std::vector<config_problem> problems_of(const std::string& text) {
  std::vector<config_problem> problems;
  (void)parse_run_config(text, "t.toml", {}, problems);
  return problems;
}

bool has(const std::vector<config_problem>& problems, std::size_t line, const std::string& key,
         const std::string& part) {
  return std::any_of(problems.begin(), problems.end(), [&](const config_problem& p) {
    return p.where.line == line && p.where.key == key &&
           p.message.find(part) != std::string::npos;
  });
}

const std::string data_dir = BOURSE_DATA_DIR;

} // namespace

TEST_CASE("data/demo.toml describes the demo as two scenarios and three strategies with ids 1 to 3") {
  std::vector<config_problem> problems;
  auto plan = load_run_config(data_dir + "/demo.toml", {}, problems);
  for (const auto& p : problems)
    INFO(p.to_string());
  REQUIRE(problems.empty());
  CHECK(plan.title == "bourse-demo report");
  REQUIRE(plan.scenarios.size() == 2);
  const auto& bars = plan.scenarios[0];
  CHECK(bars.name == "bars");
  REQUIRE(bars.data.size() == 1);
  CHECK(bars.data[0].kind == data_source_kind::bars);
  CHECK(bars.data[0].bars.symbol == "SPX");
  CHECK(bars.data[0].bars.path == data_dir + "/sp500_daily.csv");
  REQUIRE(bars.venues.size() == 1);
  CHECK(bars.venues[0].settings.fees.taker_bps == *venue::basis_points::parse("0.5"));
  REQUIRE(bars.strategies.size() == 2);
  CHECK(bars.strategies[0].actor.id == 1);
  CHECK(bars.strategies[0].type == "sma_cross");
  CHECK(bars.strategies[0].params == "fast=20,qty=10,slow=100,symbol=SPX");
  CHECK(bars.strategies[1].actor.id == 2);
  const auto& ticks = plan.scenarios[1];
  CHECK(ticks.data.at(0).kind == data_source_kind::cross_venue);
  CHECK(ticks.data.at(0).cross_venue.tick_count == 20'000);
  CHECK(ticks.data.at(0).cross_venue.generator.base.seed == 42);
  REQUIRE(ticks.aggregator);
  CHECK(ticks.aggregator->listings.size() == 2);
  CHECK(ticks.strategies.at(0).actor.id == 3);
  CHECK(ticks.portfolio.default_cash == money::from_units(100'000));
}

TEST_CASE("every problem of a file at once and each with its line and key") {
  auto problems = problems_of("[run]\n"
                              "mode = 3\n"                        // 2
                              "speed = -1\n"                      // 3
                              "[portfolio]\n"
                              "cash = \"lots\"\n"                 // 5
                              "[[instrument]]\n"
                              "symbol = \"A\"\n"
                              "tick = \"-0.01\"\n"                // 8
                              "[[instrument]]\n"
                              "symbol = \"A\"\n"                  // 10
                              "[[data]]\n"
                              "type = \"bars\"\n"
                              "path = \"x.csv\"\n"                // 13
                              "bars_every = \"1m\"\n"             // 14
                              "[[venue]]\n"
                              "name = \"V\"\n"
                              "instruments = [\"A\"]\n"
                              "latency_model = \"gaussian\"\n"    // 18
                              "colour = \"red\"\n"                // 19
                              "[[strategy]]\n"
                              "id = \"s\"\n"
                              "type = \"sma_cross\"\n"
                              "[strategy.risk]\n"
                              "max_order_qty = 0\n"               // 24
                              "order_rate = { burst = 5 }\n");    // 25
  for (const auto& p : problems)
    INFO(p.to_string());
  CHECK(has(problems, 2, "run.mode", "expected a string, got an integer"));
  CHECK(has(problems, 3, "run.speed", "must be a number in"));
  CHECK(has(problems, 5, "portfolio.cash", "'lots' is not a decimal number"));
  CHECK(has(problems, 8, "instrument[0].tick", "must not be negative"));
  CHECK(has(problems, 10, "instrument[1].symbol", "defined twice"));
  CHECK(has(problems, 13, "data[0].path", "cannot be opened"));
  CHECK(has(problems, 14, "data[0].bars_every", "is for tick sources"));
  CHECK(has(problems, 18, "venue[0].latency_model", "fixed, uniform or exponential"));
  CHECK(has(problems, 19, "venue[0].colour", "unknown key (valid keys:"));
  CHECK(has(problems, 24, "strategy[0].risk.max_order_qty", "must be above 0"));
  CHECK(has(problems, 25, "strategy[0].risk.order_rate.per", "missing (required)"));
  CHECK(has(problems, 11, "data[0].symbol", "missing (required)"));
  CHECK(problems.size() == 12);
  // In file order.
  for (std::size_t i = 1; i < problems.size(); ++i)
    CHECK(problems[i - 1].where.line <= problems[i].where.line);
  CHECK(problems.front().to_string() ==
        "t.toml:2: run.mode: expected a string, got an integer");
}

TEST_CASE("scenarios have names and no system keys beside them and share instruments and portfolio") {
  auto mixed = problems_of("[[data]]\ntype = \"bars\"\n[[scenario]]\nname = \"a\"\n");
  CHECK(has(mixed, 1, "data", "inside the [[scenario]] tables"));
  auto unnamed = problems_of("[[scenario]]\n[[scenario.data]]\ntype = \"bars\"\n");
  CHECK(has(unnamed, 1, "scenario[0].name", "missing (required)"));

  std::vector<config_problem> problems;
  auto plan = parse_run_config("[portfolio]\ncash = 5000\n"
                               "[[instrument]]\nsymbol = \"X\"\n"
                               "[[scenario]]\nname = \"one\"\n"
                               "[[scenario.data]]\ntype = \"synthetic\"\nticks = 100\n"
                               "symbols = [{ symbol = \"X\" }]\n"
                               "[[scenario.venue]]\nname = \"V\"\ninstruments = [\"X\"]\n"
                               "[[scenario.strategy]]\ntype = \"sma_cross\"\nsymbol = \"X\"\n"
                               "[[scenario]]\nname = \"one\"\n",
                               "s.toml", {}, problems);
  // The second scenario repeats the name and has no data or venue.
  CHECK(has(problems, 17, "scenario[1]", "scenario name 'one' is used twice"));
  CHECK(has(problems, 17, "scenario[1].data", "missing (required)"));
  REQUIRE(plan.scenarios.size() == 2);
  CHECK(plan.scenarios[0].portfolio.default_cash == money::from_units(5000));
  CHECK(plan.scenarios[0].venues.at(0).settings.instruments.at(0).symbol == "X");
}

TEST_CASE("strategy ids must be unique and parameters keep their lines") {
  std::vector<config_problem> problems;
  auto plan = parse_run_config("[[data]]\ntype = \"synthetic\"\nbars = 10\n"
                               "symbols = [{ symbol = \"X\" }]\n"
                               "[[venue]]\nname = \"V\"\ninstruments = []\n"
                               "[[strategy]]\ntype = \"sma_cross\"\nfast = 5\n"
                               "[[strategy]]\ntype = \"sma_cross\"\nslow = 50\n",
                               "u.toml", {}, problems);
  CHECK(has(problems, 11, "strategy[1].id", "strategy id 'sma_cross' is already used (line 8)"));
  REQUIRE(plan.scenarios.at(0).strategies.size() == 2);
  CHECK(plan.scenarios[0].strategies[0].param_lines.at("fast") == 10);
}

TEST_CASE("build_scenario names the parameter line of factory problems and checks the wiring") {
  std::vector<config_problem> problems;
  auto plan = parse_run_config(
      "[[instrument]]\nsymbol = \"X\"\n"
      "[[data]]\ntype = \"synthetic\"\nticks = 200\nsymbols = [{ symbol = \"X\" }]\n" // 3
      "[[venue]]\nname = \"V\"\ninstruments = [\"X\"]\n"
      "[[strategy]]\nid = \"bad\"\ntype = \"sma_cross\"\nsymbol = \"X\"\nfast = 0\n" // 10
      "[[strategy]]\nid = \"wired\"\ntype = \"rsi_reversion\"\nsymbol = \"X\"\n",     // 15
      "w.toml", {}, problems);
  REQUIRE(problems.empty());
  system_config cfg;
  {
    trading_system ts{cfg};
    auto built = build_scenario(plan, plan.scenarios.at(0), builtin_strategies(), ts);
    REQUIRE(built.size() == 1);
    CHECK(built[0].rfind("w.toml:14: strategy[0].fast: sma_cross:", 0) == 0);
  }
  // Without the bad one: the rsi strategy needs X bars; the synthetic source has only ticks.
  plan.scenarios[0].strategies.erase(plan.scenarios[0].strategies.begin());
  trading_system ts{cfg};
  auto built = build_scenario(plan, plan.scenarios.at(0), builtin_strategies(), ts);
  REQUIRE(built.size() == 1);
  CHECK(built[0].find("w.toml:15: strategy[1]: asks for X bars (for rsi:14), but no feed") == 0);
  // Bars from the ticks fix it.
  time_bar_options tb;
  tb.interval = 60 * ns_per_second;
  plan.scenarios[0].data[0].time_bars = tb;
  trading_system fixed{cfg};
  CHECK(build_scenario(plan, plan.scenarios.at(0), builtin_strategies(), fixed).empty());
}

TEST_CASE("the supervision table sets the hang deadline and reports bad values and unknown keys") {
  const std::string rest = "[[data]]\ntype = \"bars\"\npath = \"" + data_dir +
                           "/sp500_daily.csv\"\nsymbol = \"SPX\"\n[[venue]]\nname = \"V\"\n"
                           "instruments = [\"SPX\"]\n[[instrument]]\nsymbol = \"SPX\"\n";
  SUBCASE("a duration") {
    std::vector<config_problem> problems;
    auto plan = parse_run_config("[supervision]\ndeadline = \"250ms\"\n" + rest, "t.toml", {},
                                 problems);
    for (const auto& p : problems)
      INFO(p.to_string());
    CHECK(problems.empty());
    REQUIRE(plan.deadline);
    CHECK(plan.deadline->count() == 250);
  }
  SUBCASE("zero turns it off and absent keeps the default") {
    std::vector<config_problem> problems;
    auto plan = parse_run_config("[supervision]\ndeadline = 0\n" + rest, "t.toml", {}, problems);
    CHECK(problems.empty());
    REQUIRE(plan.deadline);
    CHECK(plan.deadline->count() == 0);
    auto plain = parse_run_config(rest, "t.toml", {}, problems);
    CHECK_FALSE(plain.deadline);
  }
  SUBCASE("bad values and unknown keys are errors naming the line") {
    auto problems = problems_of("[supervision]\n"
                                "deadline = \"soon\"\n" // 2
                                "restart = 3\n" +       // 3
                                rest);
    for (const auto& p : problems)
      INFO(p.to_string());
    CHECK(has(problems, 2, "supervision.deadline", "is not a duration"));
    CHECK(has(problems, 3, "supervision.restart", "unknown key (valid keys: deadline"));
    auto tiny = problems_of("[supervision]\ndeadline = 5\n" + rest);
    CHECK(has(tiny, 2, "supervision.deadline", "must be 0 (off) or at least 1ms"));
  }
}

TEST_CASE("the supervision table and a strategy set the restart policy") {
  const std::string rest = "[[data]]\ntype = \"bars\"\npath = \"" + data_dir +
                           "/sp500_daily.csv\"\nsymbol = \"SPX\"\n[[venue]]\nname = \"V\"\n"
                           "instruments = [\"SPX\"]\n[[instrument]]\nsymbol = \"SPX\"\n";
  SUBCASE("run-wide keys and a strategy's own override them field by field") {
    std::vector<config_problem> problems;
    auto plan = parse_run_config("[supervision]\nrestarts = 3\nrestart_backoff = \"1d\"\n"
                                 "restart_backoff_max = \"5d\"\nrestart_multiplier = 1.5\n" +
                                     rest +
                                     "[[strategy]]\ntype = \"sma_cross\"\nsymbol = \"SPX\"\n"
                                     "[[strategy]]\ntype = \"sma_cross\"\nsymbol = \"SPX\"\n"
                                     "id = \"b\"\nrestarts = 0\n",
                                 "t.toml", {}, problems);
    for (const auto& p : problems)
      INFO(p.to_string());
    REQUIRE(problems.empty());
    auto run_wide = plan.strategy_restart.over({});
    CHECK(run_wide.max_restarts == 3);
    CHECK(run_wide.backoff == ns_per_day);
    CHECK(run_wide.max_backoff == 5 * ns_per_day);
    CHECK(run_wide.multiplier == 1.5);
    REQUIRE(plan.scenarios.size() == 1);
    REQUIRE(plan.scenarios[0].strategies.size() == 2);
    CHECK(plan.scenarios[0].strategies[0].restart.over(run_wide).max_restarts == 3);
    auto b = plan.scenarios[0].strategies[1].restart.over(run_wide);
    CHECK(b.max_restarts == 0);
    CHECK(b.backoff == ns_per_day);
    // The restart keys are not passed to the strategy as parameters.
    CHECK(plan.scenarios[0].strategies[1].params.find("restart") == std::string::npos);
  }
  SUBCASE("a first wait above the default cap raises the cap with it") {
    std::vector<config_problem> problems;
    auto plan = parse_run_config("[supervision]\nrestarts = 1\nrestart_backoff = \"2h\"\n" + rest,
                                 "t.toml", {}, problems);
    CHECK(problems.empty());
    CHECK(plan.strategy_restart.over({}).max_backoff == 2 * 3600 * ns_per_second);
  }
  SUBCASE("bad values are errors naming the key and line") {
    auto problems = problems_of("[supervision]\n"
                                "restarts = -1\n"                 // 2
                                "restart_backoff = \"later\"\n"   // 3
                                "restart_multiplier = 0.5\n" +    // 4
                                rest);
    for (const auto& p : problems)
      INFO(p.to_string());
    CHECK(has(problems, 2, "supervision.restarts", ""));
    CHECK(has(problems, 3, "supervision.restart_backoff", "is not a duration"));
    CHECK(has(problems, 4, "supervision.restart_multiplier", ""));
    auto cap = problems_of("[supervision]\nrestart_backoff = \"1m\"\nrestart_backoff_max = \"1s\"\n" +
                           rest);
    CHECK(has(cap, 3, "supervision.restart_backoff_max", "must be at least backoff (1m, got 1s)"));
  }
}

namespace {

// A registered strategy whose instances fail: each throws on every bar from its second on.
class failing_bars final : public strategy {
public:
  strategy_spec requirements() const override {
    strategy_spec spec;
    spec.data.push_back({"SPX", market_stream::bars});
    return spec;
  }

protected:
  void on_bar(const std::string&, const bar&) override {
    if (++seen_ >= 2)
      throw std::runtime_error("no");
  }

private:
  int seen_ = 0;
};

} // namespace

TEST_CASE("build_scenario gives a strategy with restarts a factory from the registry") {
  strategy_registry registry;
  registry.add(strategy_entry{"failing", "fails", "", [](std::string_view) {
                                strategy_result r;
                                r.value = std::make_unique<failing_bars>();
                                return r;
                              }});
  std::vector<config_problem> problems;
  auto plan = parse_run_config("[supervision]\nrestarts = 2\nrestart_backoff = \"3d\"\nrestart_backoff_max = \"30d\"\n"
                               "[[data]]\ntype = \"bars\"\npath = \"" +
                                   data_dir +
                                   "/sp500_daily.csv\"\nsymbol = \"SPX\"\n[[venue]]\nname = "
                                   "\"V\"\ninstruments = [\"SPX\"]\n[[instrument]]\nsymbol = "
                                   "\"SPX\"\n[[strategy]]\ntype = \"failing\"\nmax_errors = 1\n",
                               "r.toml", {}, problems);
  REQUIRE(problems.empty());
  system_config cfg;
  trading_system ts{cfg};
  auto built = build_scenario(plan, plan.scenarios.at(0), registry, ts);
  REQUIRE(built.empty());
  auto result = ts.run();
  REQUIRE(result.ok);
  std::string text;
  for (const auto& e : result.supervision_events)
    text += e.what + " -> " + e.action + "\n";
  INFO(text);
  // Two restarts, then no restart left: five events.
  REQUIRE(result.supervision_events.size() == 5);
  CHECK(result.supervision_events[1].what == "restarted (restart 1 of 2)");
  CHECK(result.supervision_events[3].what == "restarted (restart 2 of 2)");
  CHECK(result.supervision_events[2].action.find("after 6d of data time") != std::string::npos);
  CHECK(result.supervision_events[4].action.find("no restart left (2 used)") !=
        std::string::npos);
  // The restarted strategy resumes at the first bar at or after its due time (daily bars skip
  // weekends: at least the backoff after the failure).
  CHECK(result.supervision_events[1].data_time - result.supervision_events[0].data_time >=
        3 * ns_per_day);
}

TEST_CASE("build_scenario gives every feed the run's restart policy and a way to reopen it") {
  std::vector<config_problem> problems;
  auto plan = parse_run_config(
      "[supervision]\nfeed_restarts = 2\nfeed_backoff = \"10ms\"\n"
      "[[instrument]]\nsymbol = \"X\"\n"
      "[[data]]\ntype = \"synthetic\"\nticks = 200\nsymbols = [{ symbol = \"X\" }]\n"
      "bars_every = \"1m\"\nbars_from = \"mids\"\n"
      "[[data]]\ntype = \"bars\"\npath = \"" + data_dir + "/sp500_daily.csv\"\nsymbol = \"SPX\"\n"
      "[[venue]]\nname = \"V\"\ninstruments = [\"X\", \"SPX\"]\n[[instrument]]\nsymbol = \"SPX\"\n"
      "[[strategy]]\nid = \"rsi\"\ntype = \"rsi_reversion\"\nsymbol = \"X\"\n",
      "r.toml", {}, problems);
  for (const auto& p : problems)
    INFO(p.to_string());
  REQUIRE(problems.empty());
  CHECK(plan.feed_restart.max_restarts == 2);
  system_config cfg;
  trading_system ts{cfg};
  // A source feed given as an object would be refused ("cannot be reopened"): the builder gives
  // the synthetic source with time bars an opener.
  auto built = build_scenario(plan, plan.scenarios.at(0), builtin_strategies(), ts);
  for (const auto& p : built)
    INFO(p);
  CHECK(built.empty());
  auto result = ts.run();
  CHECK(result.ok);
  CHECK(result.supervision_events.empty());
  // With the deadline off, a long wait passes the builder's checks too.
  auto patient = parse_run_config(
      "[supervision]\ndeadline = 0\nfeed_restarts = 3\nfeed_backoff = \"5m\"\n"
      "feed_backoff_max = \"1h\"\n[[instrument]]\nsymbol = \"SPX\"\n"
      "[[data]]\ntype = \"bars\"\npath = \"" + data_dir + "/sp500_daily.csv\"\nsymbol = \"SPX\"\n"
      "[[venue]]\nname = \"V\"\ninstruments = [\"SPX\"]\n"
      "[[strategy]]\nid = \"rsi\"\ntype = \"rsi_reversion\"\nsymbol = \"SPX\"\n",
      "p.toml", {}, problems);
  REQUIRE(problems.empty());
  trading_system patient_ts{cfg};
  auto checked = build_scenario(patient, patient.scenarios.at(0), builtin_strategies(), patient_ts);
  for (const auto& p : checked)
    INFO(p);
  CHECK(checked.empty());
}

TEST_CASE("the supervision table sets the feed restart policy and rejects bad values by key") {
  const std::string rest = "[[data]]\ntype = \"bars\"\npath = \"" + data_dir +
                           "/sp500_daily.csv\"\nsymbol = \"SPX\"\n[[venue]]\nname = \"V\"\n"
                           "instruments = [\"SPX\"]\n[[instrument]]\nsymbol = \"SPX\"\n";
  SUBCASE("the keys set the policy") {
    std::vector<config_problem> problems;
    auto plan = parse_run_config("[supervision]\nfeed_restarts = 4\nfeed_backoff = \"250ms\"\n"
                                 "feed_backoff_max = \"2s\"\nfeed_multiplier = 3\n" + rest,
                                 "t.toml", {}, problems);
    for (const auto& p : problems)
      INFO(p.to_string());
    CHECK(problems.empty());
    CHECK(plan.feed_restart.max_restarts == 4);
    CHECK(plan.feed_restart.backoff == 250'000'000);
    CHECK(plan.feed_restart.max_backoff == 2 * ns_per_second);
    CHECK(plan.feed_restart.multiplier == 3.0);
  }
  SUBCASE("absent keys keep restarts off") {
    std::vector<config_problem> problems;
    auto plan = parse_run_config(rest, "t.toml", {}, problems);
    CHECK(problems.empty());
    CHECK_FALSE(plan.feed_restart.enabled());
  }
  SUBCASE("bad values are errors naming the key and line") {
    auto problems = problems_of("[supervision]\n"
                                "feed_restarts = -1\n"          // 2
                                "feed_backoff = \"soon\"\n"      // 3
                                "feed_multiplier = 0.5\n" +      // 4
                                rest);
    for (const auto& p : problems)
      INFO(p.to_string());
    CHECK(has(problems, 2, "supervision.feed_restarts", "must be in [0, 1000000]"));
    CHECK(has(problems, 3, "supervision.feed_backoff", "is not a duration"));
    CHECK(has(problems, 4, "supervision.feed_multiplier", "must be a number in [1, 1000]"));
    auto many = problems_of("[supervision]\nfeed_restarts = 1000001\n" + rest);
    CHECK(has(many, 2, "supervision.feed_restarts", "must be in [0, 1000000]"));
    auto text = problems_of("[supervision]\nfeed_restarts = \"3\"\n" + rest);
    CHECK(has(text, 2, "supervision.feed_restarts", "expected an integer"));
    auto order = problems_of("[supervision]\nfeed_backoff = \"5s\"\nfeed_backoff_max = \"1s\"\n" +
                             rest);
    CHECK(has(order, 3, "supervision.feed_backoff_max", "must be at least feed_backoff"));
  }
  SUBCASE("a wait as long as the deadline is refused") {
    auto problems = problems_of("[supervision]\ndeadline = \"10s\"\nfeed_restarts = 3\n"
                                "feed_backoff = \"4s\"\nfeed_backoff_max = \"30s\"\n" + rest);
    CHECK(has(problems, 5, "supervision.feed_backoff_max", "must be shorter than the deadline"));
    // The default deadline (60s) against the default longest wait of 3 restarts (1s, 2s, 4s).
    auto fine = problems_of("[supervision]\nfeed_restarts = 3\n" + rest);
    CHECK(fine.empty());
    // With the deadline off any wait is accepted.
    auto off = problems_of("[supervision]\ndeadline = 0\nfeed_restarts = 3\n"
                           "feed_backoff = \"5m\"\nfeed_backoff_max = \"1h\"\n" + rest);
    CHECK(off.empty());
  }
}

TEST_CASE("the scheduling table sets how indicators are hosted and names its bad keys") {
  const std::string rest = "[[data]]\ntype = \"bars\"\npath = \"" + data_dir +
                           "/sp500_daily.csv\"\nsymbol = \"SPX\"\n[[venue]]\nname = \"V\"\n"
                           "instruments = [\"SPX\"]\n[[instrument]]\nsymbol = \"SPX\"\n"
                           "[[strategy]]\ntype = \"sma_cross\"\nsymbol = \"SPX\"\n";
  SUBCASE("a fixed pool of cooperative workers with hot switching") {
    std::vector<config_problem> problems;
    auto plan = parse_run_config(rest + "[scheduling]\nindicator_hosting = \"pool\"\n"
                                        "indicator_workers = 3\n"
                                        "indicator_workers_detached = false\n"
                                        "hot_switching = true\nhot_switch_heavy_ns = 30000\n",
                                 "t.toml", {}, problems);
    for (const auto& p : problems)
      INFO(p.to_string());
    REQUIRE(problems.empty());
    const auto& pool = plan.scenarios.at(0).indicator_pool;
    CHECK(pool.hosting == indicator_hosting::pool);
    CHECK(pool.sizing.workers == 3);
    CHECK_FALSE(pool.sizing.by_load);
    CHECK_FALSE(pool.workers_detached);
    CHECK(pool.switching.by_cost);
    CHECK(pool.switching.heavy_ns == 30000.0);
  }
  SUBCASE("auto sizes by load within bounds") {
    std::vector<config_problem> problems;
    auto plan = parse_run_config(rest + "[scheduling]\nindicator_workers = \"auto\"\n"
                                        "indicator_workers_min = 2\nindicator_workers_max = 6\n",
                                 "t.toml", {}, problems);
    for (const auto& p : problems)
      INFO(p.to_string());
    REQUIRE(problems.empty());
    const auto& pool = plan.scenarios.at(0).indicator_pool;
    CHECK(pool.hosting == indicator_hosting::automatic);
    CHECK(pool.sizing.by_load);
    CHECK(pool.sizing.min_workers == 2);
    CHECK(pool.sizing.max_workers == 6);
  }
  SUBCASE("bad values and unknown keys are reported with their line") {
    auto problems = problems_of(rest + "[scheduling]\nindicator_hosting = \"threads\"\n"
                                       "indicator_workers = \"many\"\nworkers = 2\n");
    for (const auto& p : problems)
      INFO(p.to_string());
    CHECK(has(problems, 14, "scheduling.indicator_hosting", "not one of auto, pool, per_symbol"));
    CHECK(has(problems, 15, "scheduling.indicator_workers", "neither a worker count"));
    CHECK(has(problems, 16, "scheduling.workers", "unknown key"));
  }
}
