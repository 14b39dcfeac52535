// Shows that the feed actors serve slices in chunks of at most the requested size, prepare the
// next chunk ahead in bounded background steps (so a request finds it ready), end a bad file under
// the stop policy with an error naming the place after serving every slice before it, skip bad
// rows under the skip policy, report progress up to 1, and that the synthetic feed is
// deterministic. Runs on the deterministic test scheduler.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "feed_test_kit.hpp"
#include "bourse/actors/market_data/feeds.hpp"
#include "bourse/actors/market_data/slice_feed.hpp"

using namespace bourse;
using namespace bourse::testing;

namespace {

/// A source of `total` one-quote slices at ts 1, 2, ...; counts every slice it produced.
class counting_source final : public slice_source {
public:
  counting_source(std::uint64_t total, std::shared_ptr<std::uint64_t> reads)
      : total_(total), reads_(std::move(reads)) {}
  bool next(data_slice& out) override {
    if (produced_ == total_)
      return false;
    ++produced_;
    ++*reads_;
    out.clear();
    out.ts = static_cast<timestamp>(produced_);
    out.quotes.push_back(quote{out.ts, "AAA", price::from_units(1), price::from_units(2), {}, {}});
    return true;
  }
  const std::optional<csv_error>& error() const noexcept override { return none_; }
  double progress() override {
    return static_cast<double>(produced_) / static_cast<double>(total_);
  }
  std::uint64_t records() const noexcept override { return produced_; }
  const std::string& name() const noexcept override { return name_; }

private:
  std::uint64_t total_;
  std::uint64_t produced_ = 0;
  std::shared_ptr<std::uint64_t> reads_;
  std::optional<csv_error> none_;
  std::string name_ = "counting";
};

std::vector<timestamp> times_of(const feed_chunk& chunk) {
  std::vector<timestamp> out;
  for (const auto& s : chunk.slices)
    out.push_back(s.ts_event);
  return out;
}

// Ten timestamps (1 s apart), two symbols each; line n+2 is row n.
std::string two_symbol_ticks(int seconds) {
  std::string text = "ts,symbol,bid,ask\n";
  for (int i = 0; i < seconds; ++i) {
    auto ts = std::to_string(1704205800 + i);
    text += ts + ",AAA,10,10.02\n" + ts + ",BBB,20,20.05\n";
  }
  return text;
}

} // namespace

TEST_CASE_FIXTURE(coordinator_fixture,
                  "a feed prepares a chunk before it is asked and reads one chunk ahead") {
  auto reads = std::make_shared<std::uint64_t>(0);
  feed_options options;
  options.read_ahead = 4;
  auto feed = spawn_slice_feed(sys, std::make_unique<counting_source>(100, reads), options);
  CHECK(*reads == 0);
  run();
  CHECK(*reads == 4); // the first chunk, read before any request

  auto first = chunk_of(ask(*this, feed, 4));
  CHECK(times_of(first) == std::vector<timestamp>{1, 2, 3, 4});
  CHECK_FALSE(first.finished);
  CHECK(first.progress == doctest::Approx(0.04));
  CHECK(*reads == 8); // after replying, the next chunk was read in the background

  auto second = chunk_of(ask(*this, feed, 4));
  CHECK(times_of(second) == std::vector<timestamp>{5, 6, 7, 8});
  CHECK(*reads == 12);

  SUBCASE("a larger request than what is ready waits for the background steps") {
    auto big = chunk_of(ask(*this, feed, 10));
    REQUIRE(big.slices.size() == 10);
    CHECK(big.slices.front().ts_event == 9);
    CHECK(big.slices.back().ts_event == 18);
    CHECK(big.progress == doctest::Approx(0.18));
    CHECK(*reads == 28); // 18 served + 10 ahead: never the whole input
  }
  SUBCASE("the last chunk says finished, with progress 1") {
    feed_chunk last;
    std::size_t served = 8;
    while (!last.finished) {
      last = chunk_of(ask(*this, feed, 30));
      served += last.slices.size();
      CHECK(last.slices.size() <= 30);
    }
    CHECK(served == 100);
    CHECK(last.progress == 1.0);
    auto after = chunk_of(ask(*this, feed, 5));
    CHECK(after.slices.empty());
    CHECK(after.finished);
  }
}

TEST_CASE_FIXTURE(coordinator_fixture, "a background step reads at most step_records records") {
  auto reads = std::make_shared<std::uint64_t>(0);
  feed_options options;
  options.read_ahead = 10;
  options.step_records = 3;
  auto feed = spawn_slice_feed(sys, std::make_unique<counting_source>(100, reads), options);
  // One message at a time: each read step stops after 3 records and queues the next step.
  while (*reads == 0 && sched.try_run_once()) {
  }
  CHECK(*reads == 3);
  REQUIRE(sched.try_run_once());
  CHECK(*reads == 6);
  run();
  CHECK(*reads == 10);
  CHECK(times_of(chunk_of(ask(*this, feed, 2))) == std::vector<timestamp>{1, 2});
}

TEST_CASE_FIXTURE(coordinator_fixture,
                  "the CSV tick feed serves slices of equal timestamps in chunks of at most max") {
  temp_file file("ticks.csv", two_symbol_ticks(10));
  csv_tick_feed_config cfg;
  cfg.path = file.path();
  cfg.feed.read_ahead = 3;
  REQUIRE(cfg.validate().empty());
  auto feed = spawn_csv_tick_feed(sys, cfg);
  run();
  std::vector<std::size_t> sizes;
  std::vector<timestamp> times;
  double progress = 0;
  feed_chunk chunk;
  while (!chunk.finished) {
    chunk = chunk_of(ask(*this, feed, 3));
    sizes.push_back(chunk.slices.size());
    CHECK(chunk.progress >= progress);
    progress = chunk.progress;
    for (const auto& s : chunk.slices) {
      times.push_back(s.ts_event);
      REQUIRE(s.quotes.size() == 2);
      CHECK(s.quotes[0].symbol == "AAA");
      CHECK(s.quotes[1].symbol == "BBB");
      CHECK(s.quotes[1].ts == s.ts_event);
    }
  }
  CHECK(sizes == std::vector<std::size_t>{3, 3, 3, 1});
  REQUIRE(times.size() == 10);
  for (std::size_t i = 0; i < times.size(); ++i)
    CHECK(times[i] == (1704205800LL + static_cast<timestamp>(i)) * ns_per_second);
  CHECK(progress == 1.0);
}

TEST_CASE_FIXTURE(coordinator_fixture, "a bad row ends a stop-policy feed with the place named") {
  // Lines 2-7 hold seconds 0-2; line 8 is AAA at second 3; line 9 (BBB, second 3) has its bid
  // above its ask.
  std::string text = two_symbol_ticks(3) + "1704205803,AAA,10,10.02\n"
                                           "1704205803,BBB,21,20.05\n"
                                           "1704205804,AAA,10,10.02\n";
  temp_file file("bad.csv", text);
  csv_tick_feed_config cfg;
  cfg.path = file.path();
  SUBCASE("stop: the slices before the bad row come first, then an error naming the place") {
    auto feed = spawn_csv_tick_feed(sys, cfg);
    run();
    auto chunk = chunk_of(ask(*this, feed, 100));
    REQUIRE(chunk.slices.size() == 4);
    CHECK_FALSE(chunk.finished);
    CHECK(chunk.slices[3].quotes.size() == 1); // the row before the bad one, same second
    auto reply = ask(*this, feed, 100);
    CHECK(error_text(reply).find(file.path() + ":9: ask: below bid (20.05 < 21)") !=
          std::string::npos);
    // The feed keeps answering with the error.
    CHECK(error_text(ask(*this, feed, 1)) == error_text(reply));
  }
  SUBCASE("skip: the bad row is left out and the rest is served") {
    cfg.on_bad_row = bad_row_policy::skip;
    auto feed = spawn_csv_tick_feed(sys, cfg);
    run();
    auto chunk = chunk_of(ask(*this, feed, 100));
    REQUIRE(chunk.slices.size() == 5);
    CHECK(chunk.finished);
    CHECK(chunk.slices[3].quotes.size() == 1);
    CHECK(chunk.slices[4].ts_event == 1704205804LL * ns_per_second);
  }
}

TEST_CASE_FIXTURE(coordinator_fixture,
                  "a feed whose file cannot be opened answers with an error naming the path") {
  csv_bar_feed_config cfg;
  cfg.path = "/nonexistent/bourse/bars.csv";
  cfg.symbol = "SPX";
  CHECK_FALSE(cfg.validate().empty());
  auto feed = spawn_csv_bar_feed(sys, cfg);
  run();
  auto text = error_text(ask(*this, feed, 10));
  CHECK(text.find("/nonexistent/bourse/bars.csv: cannot open the file for reading") !=
        std::string::npos);
}

TEST_CASE_FIXTURE(coordinator_fixture, "the CSV bar feed serves one bar per slice") {
  temp_file file("bars.csv", "date,open,high,low,close\n"
                             "2024-01-02,10,11,9,10.5\n"
                             "2024-01-03,10.5,12,10,11.5\n");
  csv_bar_feed_config cfg;
  cfg.path = file.path();
  cfg.symbol = "SPX";
  REQUIRE(cfg.validate().empty());
  auto feed = spawn_csv_bar_feed(sys, cfg);
  run();
  auto chunk = chunk_of(ask(*this, feed, 10));
  REQUIRE(chunk.slices.size() == 2);
  CHECK(chunk.finished);
  REQUIRE(chunk.slices[1].bars.size() == 1);
  CHECK(chunk.slices[1].bars[0].symbol == "SPX");
  CHECK(chunk.slices[1].bars[0].data.close == *price::parse("11.5"));
}

TEST_CASE_FIXTURE(coordinator_fixture, "the synthetic feed gives the same slices for the same seed") {
  synthetic_feed_config cfg;
  cfg.seed = 7;
  cfg.symbols = {synthetic_symbol{*instrument::make("AAA", "0.01"), 100, 0.3, 3, 5, 2},
                 synthetic_symbol{*instrument::make("BBB", "0.01"), 50, 0.3, 3, 5, 2}};
  cfg.tick_count = 300;
  cfg.bar_count = 2;
  REQUIRE(cfg.validate().empty());
  auto drain = [&](const feed_actor& feed) {
    std::string text;
    std::size_t events = 0;
    feed_chunk chunk;
    while (!chunk.finished) {
      chunk = chunk_of(ask(*this, feed, 64));
      for (const auto& s : chunk.slices)
        events += s.quotes.size() + s.trades.size() + s.bars.size();
      text += caf::deep_to_string(chunk.slices);
    }
    CHECK(chunk.progress == 1.0);
    CHECK(events == 304);
    return text;
  };
  auto a = spawn_synthetic_feed(sys, cfg);
  auto b = spawn_synthetic_feed(sys, cfg);
  run();
  auto text_a = drain(a);
  CHECK(text_a == drain(b));
  cfg.seed = 8;
  auto c = spawn_synthetic_feed(sys, cfg);
  run();
  CHECK(text_a != drain(c));
}
