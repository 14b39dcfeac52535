// bourse-backtest and bourse-demo from the command line: the demo's shipped config gives the demo's
// trades byte for byte, the multi-symbol tick config trades, bad configs and wiring give one clear
// message per problem (file:line: key: ...) with exit code 2, --check runs nothing, and a CAF config
// file is checked for unknown keys and wrongly typed values.
#include <doctest/doctest.h>

#include <string>

#include "cli_kit.hpp"

namespace {

using namespace cli_kit;

const std::string data_dir = BOURSE_DATA_DIR;

} // namespace

TEST_CASE("bourse-backtest runs data/demo.toml to the same trades.csv as bourse-demo") {
  temp_dir dir;
  auto demo = dir.run("bourse-demo", "--out demo --no-progress");
  REQUIRE(demo.code == 0);
  auto config = dir.run("bourse-backtest",
                         "--config " + quote(data_dir + "/demo.toml") + " --out cfg --no-progress");
  REQUIRE(config.code == 0);
  auto a = slurp(dir.path / "demo" / "trades.csv");
  auto b = slurp(dir.path / "cfg" / "trades.csv");
  CHECK(line_count(a) > 100);
  CHECK(a == b);
  CHECK(fs::exists(dir.path / "cfg" / "report.html"));
}

TEST_CASE("bourse-backtest runs the multi-symbol tick config with bars built from ticks") {
  temp_dir dir;
  auto r = dir.run("bourse-backtest",
                    "--config " + quote(data_dir + "/ticks.toml") + " --out t --no-progress");
  REQUIRE(r.code == 0);
  auto trades = slurp(dir.path / "t" / "trades.csv");
  // Both ACME strategies (bars from trades) and the BTC-USD one (other venue) traded.
  CHECK(contains(trades, ",acme_fast,ACME,"));
  CHECK(contains(trades, ",acme_slow,ACME,"));
  CHECK(contains(trades, ",btc_rsi,BTC-USD,"));
  // The same config runs to the same bytes with more threads.
  auto r2 = dir.run("bourse-backtest",
                     "--config " + quote(data_dir + "/ticks.toml") +
                         " --out t2 --no-progress --threads 4");
  REQUIRE(r2.code == 0);
  CHECK(slurp(dir.path / "t2" / "trades.csv") == trades);
}

TEST_CASE("a malformed config gives one message per problem naming file and line and key") {
  temp_dir dir;
  auto file = dir.write("bad.toml", "[run]\n"
                                    "mode = \"fast\"\n"               // 2: bad value
                                    "treads = 2\n"                    // 3: unknown key
                                    "[[instrument]]\n"
                                    "symbol = \"SPX\"\n"
                                    "tick = 0.01\n"
                                    "[[data]]\n"
                                    "type = \"bars\"\n"
                                    "path = \"missing.csv\"\n"        // 9: missing file
                                    "symbol = \"SPX\"\n"
                                    "[[venue]]\n"
                                    "name = \"SIM\"\n"
                                    "instruments = [\"SPX\", \"XYZ\"]\n" // 13: unknown instrument
                                    "latency = \"5 minutes\"\n"       // 14: bad duration
                                    "[[strategy]]\n"
                                    "type = \"sma_cross\"\n"
                                    "fast = \"ten\"\n"                // 17: bad parameter
                                    "[[strategy]]\n"
                                    "type = \"nope\"\n");             // 19: unknown type
  auto r = dir.run("bourse-backtest", "--config " + quote(file.string()) + " --no-progress");
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK(contains(r.err, "bad.toml:2: run.mode: must be \"backtest\" or \"paper\""));
  CHECK(contains(r.err, "bad.toml:3: run.treads: unknown key"));
  CHECK(contains(r.err, "bad.toml:9: data[0].path:"));
  CHECK(contains(r.err, "bad.toml:13: venue[0].instruments: instrument 'XYZ' is not defined"));
  CHECK(contains(r.err, "bad.toml:14: venue[0].latency: '5 minutes' is not a duration"));
  CHECK(contains(r.err, "bad.toml:17: strategy[0].fast:"));
  CHECK(contains(r.err, "bad.toml:18: strategy[1]: unknown strategy 'nope'"));
  CHECK(line_count(r.err) == 7);
}

TEST_CASE("TOML syntax errors and missing files are one message each") {
  temp_dir dir;
  auto file = dir.write("syntax.toml", "[run\nmode = 1\n");
  auto r = dir.run("bourse-backtest", "--config " + quote(file.string()));
  CHECK(r.code == 2);
  CHECK(contains(r.err, "syntax.toml:1: not valid TOML"));
  CHECK(line_count(r.err) == 1);
  auto missing = dir.run("bourse-backtest", "--config nowhere.toml");
  CHECK(missing.code == 1); // a file that cannot be read is a data error
  CHECK(contains(missing.err, "nowhere.toml: the config file does not exist"));
  auto folder = dir.run("bourse-backtest", "--config .");
  CHECK(folder.code == 1);
  CHECK(contains(folder.err, "it is a folder"));
  auto none = dir.run("bourse-backtest", "");
  CHECK(none.code == 2);
  CHECK(contains(none.err, "--config FILE is required"));
}

TEST_CASE("wiring is checked before anything runs: each strategy that could not trade is named") {
  temp_dir dir;
  auto file = dir.write("wiring.toml",
                        "[[instrument]]\nsymbol = \"ACME\"\n"
                        "[[data]]\ntype = \"ticks\"\npath = " +
                            quote(data_dir + "/sample_ticks.csv") +
                            "\n"
                            "[[venue]]\nname = \"SIM\"\ninstruments = [\"ACME\"]\n"
                            "[[strategy]]\nid = \"bars_on_ticks\"\ntype = \"sma_cross\"\n" // 9
                            "symbol = \"ACME\"\nfast = 3\nslow = 8\n"
                            "[[strategy]]\nid = \"no_feed\"\ntype = \"sma_cross\"\n" // 15
                            "symbol = \"SPX\"\n"
                            "[[strategy]]\nid = \"no_aggregator\"\ntype = \"cross_venue_spread\"\n"
                            "instrument = \"ETH\"\n"); // 19
  auto r = dir.run("bourse-backtest", "--config " + quote(file.string()) + " --no-progress");
  CHECK(r.code == 2);
  CHECK(contains(r.err, "wiring.toml:9: strategy[0]: asks for ACME bars"));
  CHECK(contains(r.err, "bars_every"));
  CHECK(contains(r.err, "wiring.toml:15: strategy[1]: asks for SPX bars"));
  CHECK(contains(r.err, "wiring.toml:15: strategy[1]: no venue lists any of its symbols (SPX)"));
  CHECK(contains(r.err, "wiring.toml:19: strategy[2]: asks for aggregated quotes"));
  CHECK(!fs::exists(dir.path / "bourse-out"));

  // With bars built from the ticks, the first strategy is fine and --check says so.
  auto ok = dir.write("ok.toml", "[[instrument]]\nsymbol = \"ACME\"\n"
                                 "[[data]]\ntype = \"ticks\"\npath = " +
                                     quote(data_dir + "/sample_ticks.csv") +
                                     "\nbars_every = \"10s\"\n"
                                     "[[venue]]\nname = \"SIM\"\ninstruments = [\"ACME\"]\n"
                                     "[[strategy]]\ntype = \"sma_cross\"\nsymbol = \"ACME\"\n"
                                     "fast = 3\nslow = 8\n");
  auto check = dir.run("bourse-backtest", "--config " + quote(ok.string()) + " --check");
  CHECK(check.code == 0);
  CHECK(contains(check.out, "configuration ok: 1 scenario(s), 1 strategy"));
  CHECK(!fs::exists(dir.path / "bourse-out"));
}

TEST_CASE("the demo reports what it cannot run instead of running without fills") {
  temp_dir dir;
  // The tick scenario left out, an explicit spread strategy has nowhere to go.
  auto r = dir.run("bourse-demo",
                    "--ticks 0 --strategy cross_venue_spread:instrument=ETH --no-progress");
  CHECK(r.code == 2);
  CHECK(contains(r.err, "cross_venue_spread"));
  // The spread strategy's default instrument (XYZ) is not in the tick set.
  auto x = dir.run("bourse-demo", "--strategy cross_venue_spread --no-progress");
  CHECK(x.code == 2);
  CHECK(contains(x.err, "XYZ"));
  // A strategy on a symbol no feed has.
  auto s = dir.run("bourse-demo", "--strategy sma_cross:symbol=AAPL --no-progress");
  CHECK(s.code == 2);
  CHECK(contains(s.err, "asks for AAPL bars"));
  // --data retargets the demo's bar strategies to the new symbol: they trade.
  auto d = dir.run("bourse-demo",
                    "--ticks 0 --data ACME=" + quote(data_dir + "/sample_bars.csv") +
                        " --out d --no-progress");
  CHECK(d.code == 0);
  CHECK(contains(slurp(dir.path / "d" / "trades.csv"), ",ACME,"));
}

TEST_CASE("bourse-backtest --strategy runs a user-chosen strategy in the scenario that fits it") {
  temp_dir dir;
  auto r = dir.run("bourse-backtest",
                    "--config " + quote(data_dir + "/demo.toml") +
                        " --strategy cross_venue_spread:instrument=ETH,qty=1"
                        " --strategy sma_cross:symbol=SPX,fast=5,slow=50 --out s --no-progress");
  REQUIRE(r.code == 0);
  auto trades = slurp(dir.path / "s" / "trades.csv");
  CHECK(contains(trades, ",sma_cross,SPX,"));
  CHECK(contains(trades, ",cross_venue_spread,ETH."));
  CHECK(!contains(trades, ",rsi_reversion,"));
}

TEST_CASE("worker counts are checked before CAF starts: 0 and huge counts are usage errors") {
  temp_dir dir;
  for (const auto& args : {std::string("--scheduler.max-threads=0"),
                           std::string("--scheduler.max-threads=100000"), std::string("--threads 0")}) {
    CAPTURE(args);
    auto r = dir.run("bourse-demo", args + " --no-progress --out o");
    CHECK(r.code == 2);
    CHECK(contains(r.err, "threads"));
    CHECK(!fs::exists(dir.path / "o"));
  }
}

TEST_CASE(
    "a --caf-config file with unknown keys or wrongly typed values is a usage error naming it") {
  temp_dir dir;
  SUBCASE("an unknown key names the file the line and the key") {
    auto ini = dir.write("caf.ini", "[scheduler]\nmax-threads=1\nmax-treads=2\n");
    auto r =
        dir.run("bourse-demo", "--caf-config " + quote(ini.string()) + " --no-progress --out o");
    CHECK(r.code == 2);
    CHECK(contains(r.err, ini.string() + ":3: scheduler.max-treads: unknown key"));
    CHECK(!fs::exists(dir.path / "o"));
  }
  SUBCASE("a value of the wrong type names the expected type") {
    auto ini = dir.write("caf.ini", "[scheduler]\npolicy='stealing'\nmax-threads=\"two\"\n");
    auto r =
        dir.run("bourse-demo", "--caf-config " + quote(ini.string()) + " --no-progress --out o");
    CHECK(r.code == 2);
    CHECK(contains(r.err, ini.string() + ":3: scheduler.max-threads: expected"));
  }
  SUBCASE("an unknown category is an unknown key") {
    auto ini = dir.write("caf.ini", "[schedular]\nmax-threads=1\n");
    auto r =
        dir.run("bourse-demo", "--caf-config " + quote(ini.string()) + " --no-progress --out o");
    CHECK(r.code == 2);
    CHECK(contains(r.err, "schedular.max-threads: unknown key"));
  }
  SUBCASE("a missing or malformed file names the file") {
    auto r = dir.run("bourse-demo", "--caf-config nope.ini --no-progress --out o");
    CHECK(r.code == 2);
    CHECK(contains(r.err, "nope.ini"));
    auto bad = dir.write("bad.ini", "[scheduler\nmax-threads=\n");
    auto b =
        dir.run("bourse-demo", "--caf-config " + quote(bad.string()) + " --no-progress --out o");
    CHECK(b.code == 2);
    CHECK(contains(b.err, bad.string()));
  }
  SUBCASE("a good file is read: its worker count is checked like the option") {
    auto ini = dir.write("caf.ini", "[scheduler]\nmax-threads=0\n");
    auto r =
        dir.run("bourse-demo", "--caf-config " + quote(ini.string()) + " --no-progress --out o");
    CHECK(r.code == 2);
    CHECK(contains(r.err, "scheduler.max-threads: must be from 1 to 256"));
    auto ok = dir.write("ok.ini", "[scheduler]\nmax-threads=1\npolicy='stealing'\n");
    auto good = dir.run("bourse-demo",
                        "--caf-config " + quote(ok.string()) + " --ticks 0 --no-progress --out g");
    CHECK(good.code == 0);
  }
}
