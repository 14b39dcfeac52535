// Crash recovery with a journal: a paper run of bourse-backtest is killed with SIGKILL at random
// points (seeded, so the points are the same on every run of the test) several times and restarted
// with the same journal each time. After each kill the journal is checked with SQLite's C API: no
// journaled fill is lost or duplicated (every fill seen before is still there unchanged, fill keys
// are unique, the count never decreases); after each restart the positions it rebuilt (journaled
// in recovered_positions) equal the sum of the journaled fills; the last run ends normally and its
// trades.csv holds every journaled fill.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <tuple>

#include "cli_kit.hpp"

namespace {

const std::string data_dir = BOURSE_DATA_DIR;

// Runs a query and returns its rows as text columns.
std::vector<std::vector<std::string>> query(const std::string& path, const std::string& sql) {
  std::vector<std::vector<std::string>> rows;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return rows;
  }
  sqlite3_busy_timeout(db, 5000);
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK) {
    while (sqlite3_step(s) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int c = 0; c < sqlite3_column_count(s); ++c) {
        auto* t = sqlite3_column_text(s, c);
        row.emplace_back(t ? reinterpret_cast<const char*>(t) : "");
      }
      rows.push_back(std::move(row));
    }
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
  return rows;
}

long long scalar(const std::string& path, const std::string& sql) {
  auto rows = query(path, sql);
  return rows.empty() || rows[0].empty() || rows[0][0].empty() ? -1 : std::stoll(rows[0][0]);
}

// Starts bourse-backtest in `dir` with its output in run<n>.out / run<n>.err; returns its pid.
// (--log-level replaces SPDLOG_LEVEL; the child only calls async-signal-safe functions before exec.)
pid_t start(const cli_kit::fs::path& dir, const std::string& config, int n) {
  pid_t pid = ::fork();
  if (pid == 0) {
    if (::chdir(dir.c_str()) != 0)
      ::_exit(127);
    int out = ::open(("run" + std::to_string(n) + ".out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = ::open(("run" + std::to_string(n) + ".err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int in = ::open("/dev/null", O_RDONLY);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    std::string tool = std::string(BOURSE_BIN_DIR) + "/bourse-backtest";
    ::execl(tool.c_str(), tool.c_str(), "--config", config.c_str(), "--no-progress",
            "--log-level", "info", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return pid;
}

// The fills as (fill_id, session, order_id, trade_id, side, qty, price) keyed by fill_id.
std::map<std::string, std::vector<std::string>> fills_of(const std::string& path) {
  std::map<std::string, std::vector<std::string>> out;
  for (auto& row : query(path, "SELECT fill_id, session, order_id, trade_id, side, qty_raw, "
                               "price_raw FROM fills"))
    out[row[0]] = row;
  return out;
}

} // namespace

TEST_CASE("a paper run killed with SIGKILL five times loses and duplicates no journaled fill") {
  cli_kit::temp_dir dir;
  const auto journal = (dir.path / "journal.sqlite").string();
  // The S&P 500 bars (2000-2020) take about 4 s at this speed; two strategies trade them.
  auto config = dir.write("paper.toml", R"(
[run]
mode = "paper"
speed = 160000000
out = "out"

[journal]
path = "journal.sqlite"
flush_ms = 5

[[instrument]]
symbol = "SPX"
tick = "0.01"
lot = "1"

[[data]]
type = "bars"
path = ")" + data_dir + R"(/sp500_daily.csv"
symbol = "SPX"

[[venue]]
name = "SIM-EQ"
instruments = ["SPX"]
taker_bps = "0.5"

[[strategy]]
id = "sma_cross"
type = "sma_cross"
symbol = "SPX"
fast = 5
slow = 20
qty = 10

[[strategy]]
id = "rsi_reversion"
type = "rsi_reversion"
symbol = "SPX"
period = 14
lower = 30
upper = 70
qty = 10
)");
  std::mt19937 rng(20261207);
  std::uniform_int_distribution<int> delay_ms(0, 400);
  std::map<std::string, std::vector<std::string>> before; // every fill seen so far
  int kills = 0;
  const int restarts = 5;
  for (int run = 0; run <= restarts; ++run) {
    CAPTURE(run);
    pid_t pid = start(dir.path, config.string(), run);
    REQUIRE(pid > 0);
    const long long session = run + 1;
    const long long fills_at_start = static_cast<long long>(before.size());
    int status = 0;
    bool exited = false;
    if (run < restarts) {
      // Wait for this session to journal a fill (or for the run to end), then kill it after a
      // random delay.
      auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(120);
      while (!exited && std::chrono::steady_clock::now() < give_up) {
        if (::waitpid(pid, &status, WNOHANG) == pid) {
          exited = true;
          break;
        }
        if (scalar(journal, "SELECT count(*) FROM fills WHERE session = " +
                                std::to_string(session)) > 0)
          break;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
      if (!exited) {
        std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(rng)));
        ::kill(pid, SIGKILL);
        REQUIRE(::waitpid(pid, &status, 0) == pid);
        exited = !WIFSIGNALED(status); // it may have finished just before the signal
        kills += WIFSIGNALED(status) ? 1 : 0;
      }
    } else {
      REQUIRE(::waitpid(pid, &status, 0) == pid);
      REQUIRE(WIFEXITED(status));
      CHECK(WEXITSTATUS(status) == 0);
    }

    // Nothing journaled is lost or changed, nothing is there twice.
    auto now = fills_of(journal);
    CHECK(static_cast<long long>(now.size()) >= fills_at_start);
    for (const auto& [id, row] : before) {
      auto it = now.find(id);
      REQUIRE_MESSAGE(it != now.end(), "fill " << id << " was lost");
      CHECK(it->second == row);
    }
    CHECK(scalar(journal, "SELECT count(*) FROM (SELECT 1 FROM fills GROUP BY session, "
                          "order_id, trade_id HAVING count(*) > 1)") == 0);
    before = now;

    // A restarted session rebuilt its positions from every fill of the sessions before it.
    if (run > 0) {
      CHECK(scalar(journal, "SELECT count(DISTINCT qty_precision) FROM fills") == 1);
      auto sums = query(journal, "SELECT strategy, symbol, sum(CASE side WHEN 'buy' THEN qty_raw "
                                 "ELSE -qty_raw END) FROM fills WHERE session < " +
                                     std::to_string(session) + " GROUP BY strategy, symbol "
                                     "ORDER BY strategy, symbol");
      auto restored = query(journal, "SELECT strategy, symbol, net_raw FROM recovered_positions "
                                     "WHERE session = " + std::to_string(session) +
                                     " ORDER BY strategy, symbol");
      CHECK(!sums.empty());
      CHECK(restored == sums);
      // Orders open at the crash were journaled as cancelled: none is left open.
      CHECK(scalar(journal, "SELECT count(*) FROM orders o WHERE session < " +
                                std::to_string(session) +
                                " AND NOT EXISTS (SELECT 1 FROM order_events e WHERE e.session = "
                                "o.session AND e.order_id = o.order_id AND e.kind IN "
                                "('cancelled', 'rejected', 'expired', 'recovery_cancelled')) "
                                "AND NOT EXISTS (SELECT 1 FROM fills f WHERE f.session = "
                                "o.session AND f.order_id = o.order_id AND f.completes = 1)") == 0);
    }
  }
  CHECK(kills >= 3);
  // The last run ended normally: its trades.csv lists every journaled fill (restored and new).
  auto trades = cli_kit::slurp(dir.path / "out" / "trades.csv");
  REQUIRE(!trades.empty());
  CHECK(static_cast<long long>(cli_kit::line_count(trades)) - 1 ==
        scalar(journal, "SELECT count(*) FROM fills"));
  auto out = cli_kit::slurp(dir.path / "run5.out");
  CHECK(cli_kit::contains(out, "journal journal.sqlite: session 6"));
}
