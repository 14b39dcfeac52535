// Shows a feed restart inside a whole backtest: a source (added with an opener) that throws and
// then fails with an I/O error part-way is reopened by its feed, and the run's fills and trade log
// are byte-identical to the same run over a source that never fails, with 1, 2 and 4 scheduler
// threads; each restart is reported as a supervision event; a source added as an object cannot
// ask for restarts (validate() says so), nor wait as long as the deadline; a run that fails while a
// feed waits for its restart ends with the error.
#include <doctest/doctest.h>

#include <atomic>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "bourse/report/trades_csv.hpp"
#include "bourse/strategy/registry.hpp"
#include "bourse/actors/builder/run_report.hpp"
#include "bourse/actors/builder/trading_system.hpp"

using namespace bourse;

namespace {

const std::string data_path = BOURSE_DATA_DIR "/sp500_daily.csv";

/// The bars of sp500_daily.csv; when `fail_at` > 0 it fails on reaching slice `fail_at`: by
/// throwing, or with an I/O error.
class flaky_bars final : public slice_source {
public:
  flaky_bars(std::uint64_t fail_at, bool throws)
      : inner_(data_path, "SPX"), fail_at_(fail_at), throws_(throws) {}
  bool next(data_slice& out) override {
    if (error_)
      return false;
    if (fail_at_ > 0 && slices_ + 1 == fail_at_) {
      if (throws_)
        throw std::runtime_error("connection reset");
      error_ = csv_error{data_path, 0, "", "read error", csv_error_kind::io};
      return false;
    }
    if (!inner_.next(out))
      return false;
    ++slices_;
    return true;
  }
  const std::optional<csv_error>& error() const noexcept override {
    return error_ ? error_ : inner_.error();
  }
  double progress() override { return inner_.progress(); }
  std::uint64_t records() const noexcept override { return inner_.records(); }
  const std::string& name() const noexcept override { return inner_.name(); }
  std::optional<served_data> serves() const override { return inner_.serves(); }

private:
  csv_bar_source inner_;
  std::uint64_t fail_at_;
  bool throws_;
  std::uint64_t slices_ = 0;
  std::optional<csv_error> error_;
};

venue_config sim_venue() {
  venue_config v;
  v.name = "SIM";
  v.settings.instruments.push_back(*instrument::make("SPX", "0.01", "1"));
  v.settings.fees.taker_bps = *venue::basis_points::parse("0.5");
  return v;
}

struct outcome {
  std::string trades;
  std::size_t fills = 0;
  std::vector<supervision_event> events;
};

// `flaky`: the first opening throws at slice 120, the second fails with an I/O error at slice
// 400, the third reads to the end.
outcome run(int threads, bool flaky) {
  system_config cfg;
  cfg.set("scheduler.max-threads", threads);
  trading_system ts{cfg};
  auto openings = std::make_shared<std::atomic<int>>(0);
  feed_options options;
  options.read_ahead = 16;
  options.restart.max_restarts = 3;
  options.restart.backoff = 1'000'000; // 1 ms
  options.restart.max_backoff = 10'000'000;
  ts.add_source(
      [openings, flaky]() -> std::unique_ptr<slice_source> {
        int n = ++*openings;
        std::uint64_t fail_at = !flaky ? 0 : n == 1 ? 120 : n == 2 ? 400 : 0;
        return std::make_unique<flaky_bars>(fail_at, n == 1);
      },
      options);
  ts.add_venue(sim_venue());
  ts.add_strategy(make_strategy("sma_cross:symbol=SPX,fast=5,slow=20,qty=3,mode=long_short").value,
                  {1, 1, "sma_cross"});
  auto result = ts.run();
  REQUIRE_MESSAGE(result.ok, (result.problems.empty() ? "" : result.problems.front()));
  CHECK(*openings == (flaky ? 3 : 1));
  outcome o;
  std::ostringstream csv;
  report::write_trades_csv(csv, fill_records(result));
  o.trades = csv.str();
  o.fills = result.fill_count();
  o.events = result.supervision_events;
  return o;
}

} // namespace

TEST_CASE("a backtest over a flaky source gives the fills of a clean one with 1 2 and 4 threads") {
  auto clean = run(1, false);
  REQUIRE(clean.fills > 10);
  CHECK(clean.events.empty());
  for (int threads : {1, 2, 4}) {
    CAPTURE(threads);
    auto flaky = run(threads, true);
    CHECK(flaky.trades == clean.trades);
    REQUIRE(flaky.events.size() == 2);
    const auto& first = flaky.events[0];
    CHECK(first.participant == "feed 1 (" + data_path + ")");
    CHECK(first.what == "read failed: " + data_path + ": exception: connection reset");
    CHECK(first.action == "restarted (attempt 1 of 3, after 1ms)");
    const auto& second = flaky.events[1];
    CHECK(second.what == "read failed: " + data_path + ": read error");
    CHECK(second.action == "restarted (attempt 2 of 3, after 2ms)");
    CHECK(first.data_time > 0);
    CHECK(second.data_time > first.data_time);
  }
}

TEST_CASE("a source added as an object cannot ask for restarts") {
  system_config cfg;
  trading_system ts{cfg};
  feed_options options;
  options.restart.max_restarts = 2;
  ts.add_source(std::make_unique<flaky_bars>(0, false), options);
  ts.add_venue(sim_venue());
  ts.add_strategy(make_strategy("sma_cross:symbol=SPX,fast=5,slow=20,qty=3").value,
                  {1, 1, "sma_cross"});
  auto problems = ts.validate();
  bool named = false;
  for (const auto& p : problems)
    named = named || p.find("source feed 1: restart: a source added as an object cannot be "
                            "reopened") != std::string::npos;
  CHECK(named);
}

TEST_CASE("an opener that fails is reported by validate unless the feed may restart") {
  system_config cfg;
  trading_system ts{cfg};
  auto calls = std::make_shared<int>(0);
  ts.add_source([calls]() -> std::unique_ptr<slice_source> {
    ++*calls;
    throw std::runtime_error("host unreachable");
  });
  ts.add_venue(sim_venue());
  ts.add_strategy(make_strategy("sma_cross:symbol=SPX,fast=5,slow=20,qty=3").value,
                  {1, 1, "sma_cross"});
  auto problems = ts.validate();
  bool named = false;
  for (const auto& p : problems)
    named = named || p == "source feed 1: the opener failed: host unreachable";
  CHECK(named);
  CHECK(*calls == 1); // probed once, not again per call
  (void)ts.validate();
  CHECK(*calls == 1);
}

TEST_CASE("a restart wait as long as the sequencer's deadline is refused by validate") {
  system_config cfg;
  trading_system ts{cfg};
  feed_options options;
  options.restart.max_restarts = 3;
  options.restart.backoff = 20 * ns_per_second; // waits 20s, 40s, 60s (capped)
  ts.add_source([]() -> std::unique_ptr<slice_source> { return std::make_unique<flaky_bars>(0, false); },
                options);
  ts.add_venue(sim_venue());
  ts.add_strategy(make_strategy("sma_cross:symbol=SPX,fast=5,slow=20,qty=3").value,
                  {1, 1, "sma_cross"});
  auto refused = [&] {
    for (const auto& p : ts.validate())
      if (p.find("source feed 1: restart: the longest wait (1m) must be shorter than the "
                 "sequencer's deadline (1m)") != std::string::npos)
        return true;
    return false;
  };
  CHECK(refused()); // the default deadline is 60s
  sequencer_config seq;
  seq.deadline = std::chrono::seconds(0); // off: any wait
  ts.set_sequencer(seq);
  CHECK_FALSE(refused());
  CHECK(ts.validate().empty());
}

TEST_CASE("a run that fails while a feed waits for its restart ends with the other feed's error") {
  system_config cfg;
  cfg.set("scheduler.max-threads", 2);
  trading_system ts{cfg};
  feed_options waiting;
  waiting.read_ahead = 4;
  waiting.restart.max_restarts = 1;
  waiting.restart.backoff = 20 * ns_per_second;
  waiting.restart.max_backoff = 20 * ns_per_second;
  // Fails with an I/O error at slice 10 (while reading ahead), then waits 20 s to reopen.
  auto openings = std::make_shared<std::atomic<int>>(0);
  ts.add_source(
      [openings]() -> std::unique_ptr<slice_source> {
        return std::make_unique<flaky_bars>(++*openings == 1 ? 10 : 0, false);
      },
      waiting);
  // A bad row (never restarted) early in the data ends the run.
  ts.add_source([]() -> std::unique_ptr<slice_source> {
    return std::make_unique<flaky_bars>(3, true);
  });
  ts.add_venue(sim_venue());
  ts.add_strategy(make_strategy("sma_cross:symbol=SPX,fast=5,slow=20,qty=3").value,
                  {1, 1, "sma_cross"});
  auto result = ts.run();
  CHECK_FALSE(result.ok);
  REQUIRE_FALSE(result.problems.empty());
  CHECK(result.problems.front().find("exception: connection reset") != std::string::npos);
}
