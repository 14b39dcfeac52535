// Shows that the slice sources group consecutive records with equal timestamps into one slice,
// keep row order, stop or skip at a bad row with the place named (delivering every row before a
// stop), report progress from 0 to 1 while reading only what is asked, and that the synthetic
// source is deterministic; and that the feed configs report every problem at once.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "bourse/market/slicer.hpp"
#include "feed_test_kit.hpp"
#include "bourse/actors/market_data/feed_config.hpp"

using namespace bourse;
using namespace bourse::testing;

namespace {

const std::string header = "ts,symbol,bid,ask,bid_size,ask_size,last,last_size\n";
constexpr timestamp t0 = 1704205800LL * ns_per_second; // 2024-01-02T14:30:00Z

price px(const char* text) {
  return *price::parse(text);
}

// A compact text form of a slice: "ts|Q:sym bid/ask ...|T:sym last x size ...|B:sym close ...|".
std::string describe(const data_slice& s) {
  std::ostringstream out;
  out << (s.ts - t0) / 1'000'000 << "ms|";
  for (const auto& q : s.quotes)
    out << "Q:" << q.symbol << " " << q.bid.to_string() << "/" << q.ask.to_string() << " ";
  out << "|";
  for (const auto& t : s.trades)
    out << "T:" << t.symbol << " " << t.last.to_string() << "x" << t.size.to_string() << " ";
  out << "|";
  for (const auto& b : s.bars)
    out << "B:" << b.symbol << " " << b.data.close.to_string() << " ";
  out << "|";
  return out.str();
}

std::vector<std::string> read_all(slice_source& source) {
  std::vector<std::string> out;
  data_slice s;
  while (source.next(s))
    out.push_back(describe(s));
  return out;
}

const std::string ticks = header + "2024-01-02T14:30:00Z,AAA,10,10.02,5,7,,\n"
                                   "2024-01-02T14:30:00Z,BBB,20,20.05,1,1,20.01,3\n"
                                   "2024-01-02T14:30:00Z,AAA,,,,,10.01,2\n"
                                   "2024-01-02T14:30:00.5Z,AAA,10.01,10.03,5,7,,\n"
                                   "2024-01-02T14:30:01Z,BBB,,,,,20.02,1\n"
                                   "2024-01-02T14:30:01Z,AAA,10.02,10.04,1,1,,\n";

csv_options skip() {
  csv_options o;
  o.on_bad_row = bad_row_policy::skip;
  return o;
}

} // namespace

TEST_CASE("consecutive ticks with equal timestamps form one slice, in row order") {
  temp_file file("ticks.csv", ticks);
  csv_tick_source source(file.path());
  CHECK(read_all(source) ==
        std::vector<std::string>{
            "0ms|Q:AAA 10/10.02 Q:BBB 20/20.05 |T:BBB 20.01x3 T:AAA 10.01x2 ||",
            "500ms|Q:AAA 10.01/10.03 |||",
            "1000ms|Q:AAA 10.02/10.04 |T:BBB 20.02x1 ||",
        });
  CHECK_FALSE(source.error());
  CHECK(source.records() == 6);
  CHECK(source.progress() == 1.0);
  data_slice s;
  CHECK_FALSE(source.next(s)); // stays at the end
}

TEST_CASE("a bad tick row stops the source after the rows before it, or is skipped") {
  // Line 5 has no symbol; it is at 14:30:00.5 like line 6.
  std::string text = header + "2024-01-02T14:30:00Z,AAA,10,10.02,5,7,,\n"
                              "2024-01-02T14:30:00Z,BBB,20,20.05,1,1,,\n"
                              "2024-01-02T14:30:00.5Z,AAA,10.01,10.03,5,7,,\n"
                              "2024-01-02T14:30:00.5Z,,10.01,10.03,5,7,,\n"
                              "2024-01-02T14:30:00.5Z,BBB,20.01,20.06,5,7,,\n"
                              "2024-01-02T14:30:01Z,AAA,10.02,10.04,1,1,,\n";
  temp_file file("bad.csv", text);
  SUBCASE("stop: every row before the bad one is returned, then the error names the place") {
    csv_tick_source source(file.path());
    CHECK(read_all(source) == std::vector<std::string>{
                                  "0ms|Q:AAA 10/10.02 Q:BBB 20/20.05 |||",
                                  "500ms|Q:AAA 10.01/10.03 |||",
                              });
    REQUIRE(source.error());
    CHECK(source.error()->to_string() == file.path() + ":5: symbol: empty");
    CHECK(source.skipped() == 0);
  }
  SUBCASE("skip: the bad row is left out, counted and its place kept") {
    csv_tick_source source(file.path(), skip());
    CHECK(read_all(source) == std::vector<std::string>{
                                  "0ms|Q:AAA 10/10.02 Q:BBB 20/20.05 |||",
                                  "500ms|Q:AAA 10.01/10.03 Q:BBB 20.01/20.06 |||",
                                  "1000ms|Q:AAA 10.02/10.04 |||",
                              });
    CHECK_FALSE(source.error());
    CHECK(source.skipped() == 1);
    REQUIRE(source.skipped_errors().size() == 1);
    CHECK(source.skipped_errors()[0].to_string() == file.path() + ":5: symbol: empty");
    CHECK(source.records() == 6);
  }
}

TEST_CASE("a file that cannot be opened stops the source with an error naming the path") {
  csv_tick_source ticks_source("/nonexistent/bourse/ticks.csv");
  data_slice s;
  CHECK_FALSE(ticks_source.next(s));
  REQUIRE(ticks_source.error());
  CHECK(ticks_source.error()->to_string() ==
        "/nonexistent/bourse/ticks.csv: cannot open the file for reading");
  csv_bar_source bars_source("/nonexistent/bourse/bars.csv", "AAA");
  CHECK_FALSE(bars_source.next(s));
  REQUIRE(bars_source.error());
  CHECK(bars_source.error()->file == "/nonexistent/bourse/bars.csv");
}

TEST_CASE("a bar file gives one slice per bar, tagged with the configured symbol") {
  temp_file file("bars.csv", "date,open,high,low,close,volume\n"
                             "2024-01-02,10,11,9,10.5,100\n"
                             "2024-01-03,10.5,12,10,11.5,200\n"
                             "2024-01-04,11.5,12,11,11,150\n");
  csv_bar_source source(file.path(), "SPX");
  std::vector<data_slice> slices;
  data_slice s;
  while (source.next(s))
    slices.push_back(s);
  REQUIRE(slices.size() == 3);
  CHECK(slices[0].ts == 1704153600LL * ns_per_second);
  CHECK(slices[1].ts - slices[0].ts == ns_per_day);
  REQUIRE(slices[1].bars.size() == 1);
  CHECK(slices[1].bars[0].symbol == "SPX");
  CHECK(slices[1].bars[0].data.close == px("11.5"));
  CHECK(slices[1].bars[0].data.volume == *quantity::parse("200"));
  CHECK(slices[2].quotes.empty());
  CHECK(source.records() == 3);
  CHECK(source.progress() == 1.0);
}

TEST_CASE("progress is the share of the file read, and reading goes only as far as asked") {
  std::string text = header;
  for (int i = 0; i < 2000; ++i)
    text += std::to_string(1704205800000LL + i) + ",AAA,10,10.02,5,7,,\n";
  temp_file file("long.csv", text);
  csv_tick_source source(file.path());
  data_slice s;
  REQUIRE(source.next(s));
  double first = source.progress();
  CHECK(first > 0.0);
  CHECK(first < 0.5); // one slice read: far from the whole file
  double last = first;
  int slices = 1;
  while (source.next(s)) {
    double p = source.progress();
    CHECK(p >= last);
    last = p;
    ++slices;
  }
  CHECK(slices == 2000);
  CHECK(source.progress() == 1.0);
}

TEST_CASE("the synthetic source is deterministic and honours its counts") {
  synthetic_slice_config cfg;
  cfg.seed = 42;
  cfg.symbols = {synthetic_symbol{*instrument::make("AAA", "0.01"), 100, 0.3, 3, 5, 2},
                 synthetic_symbol{*instrument::make("BBB", "0.05"), 50, 0.2, 2, 5, 1}};
  cfg.tick_count = 500;
  REQUIRE(cfg.validate().empty());

  SUBCASE("ticks: the same seed gives the same slices, another seed others") {
    synthetic_source a(cfg), b(cfg);
    auto slices_a = read_all(a);
    CHECK(slices_a == read_all(b));
    cfg.seed = 43;
    synthetic_source c(cfg);
    CHECK(slices_a != read_all(c));
    CHECK(a.records() == 500);
    CHECK(a.progress() == 1.0);
  }
  SUBCASE("ticks: every event lands in exactly one slice, slices ascend strictly") {
    synthetic_source a(cfg);
    data_slice s;
    std::size_t events = 0;
    timestamp last = 0;
    bool first = true;
    while (a.next(s)) {
      CHECK((first || s.ts > last));
      first = false;
      last = s.ts;
      for (const auto& q : s.quotes)
        CHECK(q.ts == s.ts);
      for (const auto& t : s.trades)
        CHECK(t.ts == s.ts);
      events += s.quotes.size() + s.trades.size();
    }
    CHECK(events == 500);
  }
  SUBCASE("bars: one bar per symbol per slice, merged in time with the ticks") {
    cfg.tick_count = 20;
    cfg.bar_count = 3;
    cfg.bar_template.start = cfg.tick_start; // the first bar time equals the first tick time
    synthetic_source a(cfg);
    std::vector<data_slice> slices;
    data_slice s;
    while (a.next(s))
      slices.push_back(s);
    REQUIRE(!slices.empty());
    CHECK(slices[0].ts == cfg.tick_start);
    CHECK(!slices[0].quotes.empty()); // the first tick of each symbol is a quote at tick_start
    REQUIRE(slices[0].bars.size() == 2);
    CHECK(slices[0].bars[0].symbol == "AAA");
    CHECK(slices[0].bars[1].symbol == "BBB");
    std::size_t bars = 0, events = 0;
    for (std::size_t i = 0; i < slices.size(); ++i) {
      if (i > 0)
        CHECK(slices[i].ts > slices[i - 1].ts);
      bars += slices[i].bars.size();
      events += slices[i].quotes.size() + slices[i].trades.size();
    }
    CHECK(bars == 6);
    CHECK(events == 20);
    CHECK(a.records() == 26);
    CHECK(a.progress() == 1.0);
  }
}

TEST_CASE("feed configs report every problem at once") {
  csv_bar_feed_config bars;
  bars.path = "/nonexistent/bourse/bars.csv";
  bars.feed.read_ahead = 0;
  CHECK(bars.validate() == std::vector<std::string>{
                               "path: file '/nonexistent/bourse/bars.csv' cannot be opened for "
                               "reading",
                               "symbol: must not be empty",
                               "feed.read_ahead: must be at least 1",
                           });
  csv_tick_feed_config tick_cfg;
  CHECK(tick_cfg.validate() == std::vector<std::string>{"path: path is empty"});
  temp_file file("ok.csv", ticks);
  tick_cfg.path = file.path();
  tick_cfg.feed.step_records = 0;
  CHECK(tick_cfg.validate() == std::vector<std::string>{"feed.step_records: must be at least 1"});

  synthetic_feed_config synth;
  auto problems = synth.validate();
  REQUIRE(problems.size() == 2);
  CHECK(problems[0] == "tick_count and bar_count are both 0: nothing to generate");
  CHECK(problems[1] == "symbols must not be empty");
}
