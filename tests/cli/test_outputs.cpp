// Shows what the tools promise about their outputs and about being stopped (docs/operations.md,
// "Outputs" and "Stopping a run"): run.json lists what a run wrote; a locked output folder, an
// output naming an input and a full standard output are refused with a message; SIGINT and SIGTERM
// end a run with 130 and 143 and write the results so far, whole, marked partial; a bad row in a
// later scenario keeps the earlier scenario's results.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bourse/core/atomic_file.hpp"
#include "bourse/core/output_lock.hpp"
#include "cli_kit.hpp"

namespace {

using namespace cli_kit;

const std::string data_dir = BOURSE_DATA_DIR;

// Runs `tool args` in `dir` with standard output sent to `out_target` (e.g. /dev/full).
run_result run_with_stdout(const temp_dir& dir, const std::string& tool, const std::string& args,
                           const std::string& out_target) {
  std::string command = "cd " + quote(dir.path.string()) + " && unset SPDLOG_LEVEL; " +
                        quote(std::string(BOURSE_BIN_DIR) + "/" + tool) + " < /dev/null " + args +
                        " > " + out_target + " 2> stderr.txt";
  int status = std::system(command.c_str());
  run_result r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.err = slurp(dir.path / "stderr.txt");
  return r;
}

// A tool running in the background, its standard output and error in files of the folder.
struct background {
  pid_t pid = -1;
  fs::path err_path;

  background(const temp_dir& dir, const std::string& tool, std::vector<std::string> args) {
    err_path = dir.path / "bg-stderr.txt";
    auto out_path = dir.path / "bg-stdout.txt";
    std::string program = std::string(BOURSE_BIN_DIR) + "/" + tool;
    args.insert(args.begin(), program);
    pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      if (::chdir(dir.path.c_str()) != 0)
        ::_exit(99);
      int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(out, 1);
      ::dup2(err, 2);
      ::unsetenv("SPDLOG_LEVEL");
      std::vector<char*> argv;
      for (auto& a : args)
        argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(program.c_str(), argv.data());
      ::_exit(98);
    }
  }

  // Waits until standard error holds `text` (or the process ended); returns true when it does.
  bool wait_for_stderr(const std::string& text) {
    for (;;) {
      if (contains(slurp(err_path), text))
        return true;
      int status = 0;
      if (::waitpid(pid, &status, WNOHANG) == pid) {
        pid = -1;
        return false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }

  // Waits for the end; returns the exit code (-1 when killed by a signal).
  int wait() {
    int status = 0;
    ::waitpid(pid, &status, 0);
    pid = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  ~background() {
    if (pid > 0) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
    }
  }
};

// Checks that trades.csv is whole: the header, then rows of 8 fields, each ending in a newline;
// returns the number of rows.
std::size_t check_whole_trades(const fs::path& path) {
  auto text = slurp(path);
  REQUIRE_FALSE(text.empty());
  CHECK(text.back() == '\n');
  CHECK(text.rfind("ts,strategy,", 0) == 0);
  std::size_t lines = 0, bad = 0, start = 0;
  std::string first_bad;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos)
      end = text.size();
    std::size_t commas = 0;
    for (auto i = start; i < end; ++i)
      commas += text[i] == ',';
    if (commas != 7 && bad++ == 0)
      first_bad = text.substr(start, end - start);
    ++lines;
    start = end + 1;
  }
  CAPTURE(first_bad);
  CHECK(bad == 0);
  return lines - 1;
}

// Returns the fill count of the "Wrote ... (N fills)" line.
std::size_t fills_written(const std::string& out) {
  auto at = out.find(" fills)");
  REQUIRE(at != std::string::npos);
  auto open = out.rfind('(', at);
  return std::stoul(out.substr(open + 1, at - open - 1));
}

// A copy of data/demo.toml with a long tick scenario and the bar file's absolute path.
std::string long_demo_config(const temp_dir& dir, const std::string& ticks) {
  auto text = slurp(fs::path(data_dir) / "demo.toml");
  auto replace = [&](const std::string& from, const std::string& to) {
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
  };
  replace("ticks = 20000", "ticks = " + ticks);
  replace("path = \"sp500_daily.csv\"", "path = \"" + data_dir + "/sp500_daily.csv\"");
  return dir.write("long.toml", text).string();
}

} // namespace

TEST_CASE("a run writes run.json last, listing every file with its size and digest") {
  temp_dir dir;
  auto r = dir.run("bourse-demo", "--out o --no-progress");
  REQUIRE(r.code == 0);
  auto manifest = slurp(dir.path / "o" / "run.json");
  CHECK(contains(manifest, "\"schema\": \"bourse-run/1\""));
  CHECK(contains(manifest, "\"program\": \"bourse-demo\""));
  CHECK(contains(manifest, "\"complete\": true"));
  CHECK(contains(manifest, "\"exit_status\": 0"));
  CHECK(contains(manifest, "\"signal\": null"));
  CHECK(contains(manifest, "\"config\": \"<built-in demo.toml>\""));
  CHECK(contains(manifest, "sp500_daily.csv\""));
  CHECK(contains(manifest, "\"started\": \"20"));
  CHECK(contains(manifest, "\"finished\": \"20"));
  CHECK(contains(manifest, "\"errors\": []"));
  for (const char* name : {"trades.csv", "report.html", "stats.json"}) {
    CAPTURE(name);
    auto d = bourse::digest_file((dir.path / "o" / name).string());
    REQUIRE(d.error.empty());
    CHECK(contains(manifest, "\"name\": \"" + std::string(name) + "\",\n      \"bytes\": " +
                                 std::to_string(d.bytes) + ",\n      \"fnv1a64\": \"" + d.fnv1a64 +
                                 "\""));
  }
  // Nothing else in the folder: no temporaries, only the lock file.
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir.path / "o"))
    names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{".bourse.lock", "report.html", "run.json", "stats.json",
                                          "trades.csv"});
}

TEST_CASE("a second run into a locked output folder is refused and writes nothing") {
  temp_dir dir;
  bourse::output_lock lock; // as another run holds it
  REQUIRE(lock.acquire((dir.path / "o").string()).empty());
  auto r = dir.run("bourse-demo", "--out o --no-progress");
  CHECK(r.code == 1);
  CHECK(r.out.empty());
  CHECK(contains(r.err, "bourse-demo: o: another run is writing to this folder"));
  CHECK_FALSE(fs::exists(dir.path / "o" / "trades.csv"));
  CHECK_FALSE(fs::exists(dir.path / "o" / "run.json"));
  lock.release();
  CHECK(dir.run("bourse-demo", "--out o --no-progress").code == 0);
}

TEST_CASE("an output folder that cannot be created is refused before the run") {
  temp_dir dir;
  dir.write("file", "x");
  auto r = dir.run("bourse-backtest",
                   "--config " + quote(data_dir + "/demo.toml") + " --out file/o --no-progress");
  CHECK(r.code == 1);
  CHECK(r.out.empty()); // nothing ran
  CHECK(contains(r.err, "file/o: cannot create the output folder"));
}

TEST_CASE("an output that would overwrite an input is refused and the input stays") {
  temp_dir dir;
  auto bars = slurp(fs::path(data_dir) / "sample_bars.csv");
  SUBCASE("bourse-ta --output naming its input") {
    dir.write("in.csv", bars);
    auto r = dir.run("bourse-ta", "--input in.csv --indicator sma:5 --output ./in.csv");
    CHECK(r.code == 2);
    CHECK(contains(r.err, "bourse-ta: --output ./in.csv: would overwrite the input in.csv"));
    CHECK(slurp(dir.path / "in.csv") == bars);
  }
  SUBCASE("the runner: a data file named like an output in the output folder") {
    dir.write("trades.csv", bars);
    auto r = dir.run("bourse-demo", "--data SPX=trades.csv --out . --no-progress");
    CHECK(r.code == 2);
    CHECK(contains(r.err, "trades.csv would overwrite the input trades.csv"));
    CHECK(slurp(dir.path / "trades.csv") == bars);
    CHECK_FALSE(fs::exists(dir.path / "report.html"));
  }
  SUBCASE("the runner: the config named run.json in the output folder") {
    auto config = slurp(fs::path(data_dir) / "demo.toml");
    auto at = config.find("path = \"sp500_daily.csv\"");
    config.replace(at, 24, "path = \"" + data_dir + "/sp500_daily.csv\"");
    dir.write("run.json", config);
    auto r = dir.run("bourse-backtest", "--config run.json --out . --no-progress");
    CHECK(r.code == 2);
    CHECK(contains(r.err, "run.json would overwrite the input run.json"));
    CHECK(slurp(dir.path / "run.json") == config);
  }
}

TEST_CASE("a full standard output is exit 1 with a message in every tool") {
  temp_dir dir;
  dir.write("in.csv", slurp(fs::path(data_dir) / "sample_bars.csv"));
  dir.write("book.csv", "ts,action,id,side,price,qty\n");
  struct call {
    const char* tool;
    std::string args;
  };
  std::vector<call> calls{{"bourse-demo", "--out o --no-progress"},
                          {"bourse-demo", "--check"},
                          {"bourse-backtest", "--help"},
                          {"bourse-ta", "--input in.csv --indicator sma:5"},
                          {"bourse-ta", "--help"},
                          {"bourse-gen", "bars --count 100"},
                          {"bourse-book", "--help"}};
#ifdef BOURSE_HAVE_BENCH
  calls.push_back({"bourse-bench", "--list"});
#endif
  for (const auto& c : calls) {
    CAPTURE(c.tool);
    CAPTURE(c.args);
    auto r = run_with_stdout(dir, c.tool, c.args, "/dev/full");
    CHECK(r.code == 1);
    CHECK(contains(r.err, std::string(c.tool) + ": standard output:"));
  }
  // The demo's files were written whole all the same; run.json says the run did not complete.
  CHECK(contains(slurp(dir.path / "o" / "run.json"), "\"complete\": false"));
}

TEST_CASE("SIGINT stops bourse-demo with exit 130 and whole partial results marked incomplete") {
  temp_dir dir;
  background demo(dir, "bourse-demo", {"--out", "o", "--ticks", "3000000"});
  // The progress bar of the tick scenario says it is under way.
  REQUIRE(demo.wait_for_stderr("ticks    ["));
  ::kill(demo.pid, SIGINT);
  CHECK(demo.wait() == 130);
  auto err = slurp(demo.err_path);
  CHECK(contains(err, "bourse-demo: stopped by SIGINT: partial results written (exit 130)"));
  auto out = slurp(dir.path / "bg-stdout.txt");
  CHECK(contains(out, "PARTIAL: scenario ticks was stopped at data time "));
  auto rows = check_whole_trades(dir.path / "o" / "trades.csv");
  CHECK(rows == fills_written(out));
  CHECK(contains(slurp(dir.path / "o" / "trades.csv"), ",cross_venue_spread,")); // ticks' fills
  auto manifest = slurp(dir.path / "o" / "run.json");
  CHECK(contains(manifest, "\"complete\": false"));
  CHECK(contains(manifest, "\"exit_status\": 130"));
  CHECK(contains(manifest, "\"signal\": \"SIGINT\""));
  CHECK(contains(manifest, "\"name\": \"bars\",\n      \"status\": \"complete\""));
  CHECK(contains(manifest, "\"name\": \"ticks\",\n      \"status\": \"stopped\""));
  CHECK(contains(manifest, "\"name\": \"trades.csv\""));
}

TEST_CASE("SIGTERM stops bourse-backtest with exit 143 and the results so far") {
  temp_dir dir;
  auto config = long_demo_config(dir, "3000000");
  background run(dir, "bourse-backtest", {"--config", config, "--out", "o"});
  REQUIRE(run.wait_for_stderr("ticks    ["));
  ::kill(run.pid, SIGTERM);
  CHECK(run.wait() == 143);
  auto out = slurp(dir.path / "bg-stdout.txt");
  CHECK(check_whole_trades(dir.path / "o" / "trades.csv") == fills_written(out));
  auto manifest = slurp(dir.path / "o" / "run.json");
  CHECK(contains(manifest, "\"complete\": false"));
  CHECK(contains(manifest, "\"exit_status\": 143"));
  CHECK(contains(manifest, "\"signal\": \"SIGTERM\""));
}

TEST_CASE("a second SIGINT ends the run at once with exit 130 and no torn file") {
  temp_dir dir;
  background demo(dir, "bourse-demo", {"--out", "o", "--ticks", "3000000"});
  REQUIRE(demo.wait_for_stderr("ticks    ["));
  ::kill(demo.pid, SIGINT);
  ::kill(demo.pid, SIGINT);
  CHECK(demo.wait() == 130);
  // Whatever is in place is whole (the second signal may come before or after the files).
  if (fs::exists(dir.path / "o" / "trades.csv"))
    check_whole_trades(dir.path / "o" / "trades.csv");
}

TEST_CASE("a bad row in a later scenario keeps the earlier scenario's results and names the row") {
  temp_dir dir;
  auto good = slurp(fs::path(data_dir) / "sp500_daily.csv");
  // The same bars with row 3001 broken.
  std::string bad;
  std::size_t line = 0, start = 0;
  while (start < good.size()) {
    auto end = good.find('\n', start) + 1;
    ++line;
    auto row = good.substr(start, end - start);
    bad += line == 3001 ? row.substr(0, row.find(',')) + ",oops,1,1,1,1\n" : row;
    start = end;
  }
  dir.write("good.csv", good);
  dir.write("bad.csv", bad);
  std::string scenario = R"([[scenario]]
name = "NAME"
  [[scenario.instrument]]
  symbol = "SPX"
  tick = "0.01"
  [[scenario.data]]
  type = "bars"
  path = "FILE"
  symbol = "SPX"
  [[scenario.venue]]
  name = "SIM"
  instruments = ["SPX"]
  [[scenario.strategy]]
  id = "ID"
  type = "sma_cross"
  symbol = "SPX"
  fast = 20
  slow = 100
  qty = 10
)";
  auto make = [&](const std::string& name, const std::string& file, const std::string& id) {
    auto s = scenario;
    for (auto [from, to] : {std::pair<std::string, std::string>{"NAME", name}, {"FILE", file},
                            {"ID", id}})
      s.replace(s.find(from), from.size(), to);
    return s;
  };
  dir.write("two.toml", "[portfolio]\ncash = 100000\n" + make("first", "good.csv", "a") +
                            make("second", "bad.csv", "b") + make("third", "good.csv", "c"));
  auto r = dir.run("bourse-backtest", "--config two.toml --out o --no-progress");
  CHECK(r.code == 1);
  CHECK(contains(r.err, "bourse-backtest: second: run: bad.csv:3001: open: not a number: 'oops'"));
  CHECK(contains(r.out, "PARTIAL: scenario second failed at data time 2011-12-01"));
  auto trades = slurp(dir.path / "o" / "trades.csv");
  CHECK(check_whole_trades(dir.path / "o" / "trades.csv") == fills_written(r.out));
  CHECK(contains(trades, ",a,SPX,"));  // the first scenario, whole
  CHECK(contains(trades, ",b,SPX,"));  // the second, up to the bad row
  CHECK_FALSE(contains(trades, ",c,SPX,")); // the third did not run
  // Nothing of b at or after the bad row (2011-12-02).
  for (std::size_t at = trades.find(",b,SPX,"); at != std::string::npos;
       at = trades.find(",b,SPX,", at + 1))
    CHECK(trades.substr(trades.rfind('\n', at) + 1, 10) < "2011-12-02");
  auto manifest = slurp(dir.path / "o" / "run.json");
  CHECK(contains(manifest, "\"complete\": false"));
  CHECK(contains(manifest, "\"exit_status\": 1"));
  CHECK(contains(manifest, "\"name\": \"first\",\n      \"status\": \"complete\""));
  CHECK(contains(manifest, "\"name\": \"second\",\n      \"status\": \"failed\""));
  CHECK(contains(manifest, "\"name\": \"third\",\n      \"status\": \"not run\""));
  CHECK(contains(manifest, "bad.csv:3001: open: not a number"));
}
