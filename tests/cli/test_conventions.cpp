// Shows the conventions every tool keeps (docs/operations.md): --help prints the usage on standard
// output and exits 0; a bad option or value is one plain line on standard error and exit 2; a data
// or run error exits 1; --log-level and SPDLOG_LEVEL are honoured, the flag first; log lines go to
// standard error, never to the tool's output. Log texts are not asserted on.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "cli_kit.hpp"

namespace {

using namespace cli_kit;

std::vector<std::string> tools() {
  std::vector<std::string> names{"bourse-demo", "bourse-backtest", "bourse-ta", "bourse-book",
                                 "bourse-gen"};
#ifdef BOURSE_HAVE_BENCH
  names.emplace_back("bourse-bench");
#endif
  return names;
}

// A usage error: exit 2, nothing on standard output, one plain line on standard error naming the
// tool (bourse-demo reports every problem at once, one line each) and a pointer to --help at most.
void check_usage_error(const run_result& r, const std::string& tool, const std::string& names) {
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.rfind(tool + ": ", 0) == 0);
  CHECK(contains(r.err, names));
  CHECK(line_count(r.err) <= 2);
  // CAF's wrapping never reaches the user.
  CHECK_FALSE(contains(r.err, "error("));
  CHECK_FALSE(contains(r.err, "caf::"));
}

const std::string bars = "ts,open,high,low,close,volume\n"
                         "2024-01-02,10,11,9,10.5,100\n"
                         "2024-01-03,10.5,12,10,11,100\n"
                         "2024-01-04,11,11.5,oops,11,100\n";

} // namespace

TEST_CASE("every tool prints its usage on standard output for --help and exits 0") {
  temp_dir dir;
  for (const auto& tool : tools()) {
    CAPTURE(tool);
    auto r = dir.run(tool, "--help");
    CHECK(r.code == 0);
    CHECK(contains(r.out, "usage: " + tool));
    CHECK(contains(r.out, "--log-level"));
    CHECK(contains(r.out, "Exit status: 0 ok, 1"));
    CHECK(r.err.empty());
  }
  // bourse-gen also after its mode.
  auto gen = dir.run("bourse-gen", "ticks --help");
  CHECK(gen.code == 0);
  CHECK(contains(gen.out, "usage: bourse-gen"));
}

TEST_CASE("an unknown option or a bad value is a usage error: one plain line, exit 2") {
  temp_dir dir;
  for (const auto& tool : tools()) {
    CAPTURE(tool);
    check_usage_error(dir.run(tool, "--no-such-option"), tool, "--no-such-option");
  }
  check_usage_error(dir.run("bourse-demo", "--mode live"), "bourse-demo", "'live'");
  check_usage_error(dir.run("bourse-demo", "--strategy sma_cross:fast=x"), "bourse-demo",
                    "fast='x'");
  check_usage_error(dir.run("bourse-demo", "--scheduler.max-threads=abc"), "bourse-demo",
                    "--scheduler.max-threads=abc");
  check_usage_error(dir.run("bourse-gen", "bars --count -3"), "bourse-gen", "--count");
  check_usage_error(dir.run("bourse-gen", "candles"), "bourse-gen", "'bars' or 'ticks'");
  check_usage_error(dir.run("bourse-book", "--tick zero"), "bourse-book", "--tick");
  check_usage_error(dir.run("bourse-ta", "--input x.csv --indicator sma:2 --ts-unit days"),
                    "bourse-ta", "'days'");
#ifdef BOURSE_HAVE_BENCH
  check_usage_error(dir.run("bourse-bench", "no.such.bench"), "bourse-bench", "no.such.bench");
#endif
}

TEST_CASE(
    "a bad --log-level or SPDLOG_LEVEL is a usage error naming the value, and the flag wins") {
  temp_dir dir;
  for (const auto& tool : tools()) {
    CAPTURE(tool);
    // What each tool needs besides: bourse-gen's options follow its mode, bourse-ta requires two.
    const std::string mode = tool == "bourse-gen"  ? "bars "
                             : tool == "bourse-ta" ? "--input x.csv --indicator sma:2 "
                                                   : "";
    check_usage_error(dir.run(tool, mode + "--log-level bogus"), tool, "--log-level: 'bogus'");
    check_usage_error(dir.run(tool, mode + "--log-level=warn,venue=loud"), tool, "venue=loud");
    check_usage_error(dir.run(tool, mode + "--help-me", "warn"), tool, "--help-me");
  }
  // SPDLOG_LEVEL is read when no flag is given, and ignored when one is.
  auto env_bad = dir.run("bourse-gen", "bars --count 3", "bogus");
  check_usage_error(env_bad, "bourse-gen", "SPDLOG_LEVEL: 'bogus'");
  auto flag_wins = dir.run("bourse-gen", "bars --count 3 --log-level info", "bogus");
  CHECK(flag_wins.code == 0);
  CHECK(line_count(flag_wins.out) == 4);
  auto orders = dir.write("orders.csv", "op,id,side,type,price,qty,tif,stop_price\n");
  auto env_good = dir.run("bourse-book", "'" + orders.string() + "'", "debug,venue=trace");
  CHECK(env_good.code == 0);
}

TEST_CASE("a data or run error is one plain message and exit 1 (results before it are kept)") {
  temp_dir dir;
  auto bad = dir.write("bad.csv", bars);
  auto missing = (dir.path / "missing.csv").string();

  SUBCASE("bourse-demo: a bad row names file:line: column once, without CAF's wrapping") {
    auto r =
        dir.run("bourse-demo", "--no-progress --ticks 0 --out out --data '" + bad.string() + "'");
    CHECK(r.code == 1);
    CHECK(r.err == "bourse-demo: bars: run: " + bad.string() + ":4: low: not a number: 'oops'\n");
    // The rows before the bad one were processed: their results are written, marked partial.
    CHECK(contains(r.out, "PARTIAL: scenario bars failed at data time 2024-01-03"));
    CHECK(fs::exists(dir.path / "out" / "trades.csv"));
    CHECK(contains(slurp(dir.path / "out" / "run.json"), "\"complete\": false"));
  }
  SUBCASE("bourse-demo: a missing data or config file") {
    auto r = dir.run("bourse-demo", "--no-progress --ticks 0 --out out --data '" + missing + "'");
    CHECK(r.code == 1);
    CHECK(contains(r.err, missing));
    auto c = dir.run("bourse-demo", "--no-progress --ticks 0 --out out --config nope.ini");
    CHECK(c.code == 1);
    CHECK(contains(c.err, "nope.ini"));
  }
  SUBCASE("bourse-ta and bourse-book: a bad row or a missing file") {
    CHECK(dir.run("bourse-ta", "--indicator sma:2 --input '" + bad.string() + "'").code == 1);
    CHECK(dir.run("bourse-ta", "--indicator sma:2 --input '" + missing + "'").code == 1);
    CHECK(dir.run("bourse-book", "'" + missing + "'").code == 1);
  }
  SUBCASE("bourse-gen: an output that cannot be written leaves no file") {
    auto r = dir.run("bourse-gen", "bars --count 3 --out no-such-folder/bars.csv");
    CHECK(r.code == 1);
    CHECK(contains(r.err, "no-such-folder/bars.csv"));
    CHECK_FALSE(fs::exists(dir.path / "no-such-folder"));
  }
#ifdef BOURSE_HAVE_BENCH
  SUBCASE("bourse-bench: a JSON file that cannot be written") {
    fs::create_directories(dir.path / "taken");
    auto r = dir.run("bourse-bench", "--quick indicators --json taken");
    CHECK(r.code == 1);
    CHECK(contains(r.err, "bourse-bench: --json taken: cannot rename"));
    CHECK(fs::is_directory(dir.path / "taken"));
  }
#endif
}

TEST_CASE("log lines go to standard error: the output is the same at every level") {
  temp_dir dir;
  SUBCASE("bourse-demo: the same trades and the same summary rows, logs only on standard error") {
    const std::string args = "--no-progress --ticks 3000 --scheduler.max-threads=1 --out ";
    auto quiet = dir.run("bourse-demo", args + "off --log-level off");
    auto loud = dir.run("bourse-demo", args + "trace --log-level trace");
    REQUIRE(quiet.code == 0);
    REQUIRE(loud.code == 0);
    CHECK(quiet.err.empty());
    CHECK_FALSE(loud.err.empty());
    // Wall times differ from run to run; the table's shape and the files written do not.
    CHECK(line_count(loud.out) == line_count(quiet.out));
    CHECK(slurp(dir.path / "off" / "trades.csv") == slurp(dir.path / "trace" / "trades.csv"));
    auto env = dir.run("bourse-demo", args + "env", "trace");
    CHECK(env.code == 0);
    CHECK(line_count(env.out) == line_count(quiet.out));
    CHECK_FALSE(env.err.empty());
  }
  SUBCASE("the other tools: byte-identical output at trace and off") {
    auto input = dir.write("bars.csv", "ts,open,high,low,close,volume\n"
                                       "2024-01-02,10,11,9,10.5,100\n"
                                       "2024-01-03,10.5,12,10,11,100\n");
    auto orders = dir.write("orders.csv", "op,id,side,type,price,qty,tif,stop_price\n"
                                          "new,s1,sell,limit,10.05,5,,\n"
                                          "new,b1,buy,limit,10.05,2,,\n");
    const std::vector<std::pair<std::string, std::string>> runs{
        {"bourse-ta", "--indicator sma:2 --input '" + input.string() + "'"},
        {"bourse-book", "'" + orders.string() + "'"},
        {"bourse-gen", "ticks --count 50"}};
    for (const auto& [tool, args] : runs) {
      CAPTURE(tool);
      auto off = dir.run(tool, args + " --log-level off");
      auto trace = dir.run(tool, args + " --log-level trace");
      CHECK(off.code == 0);
      CHECK(trace.code == 0);
      CHECK_FALSE(off.out.empty());
      CHECK(off.out == trace.out);
    }
  }
}
