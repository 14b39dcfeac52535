// Time bars built from ticks: OHLCV per symbol and interval, stamped with the interval's end and
// delivered at that time (never earlier, so nothing in a bar lies in the future of its slice),
// epoch-aligned intervals, gaps without bars, mids from quotes, and a source that keeps or drops
// the ticks. Durations as text.
#include <doctest/doctest.h>

#include <memory>
#include <vector>

#include "bourse/core/duration.hpp"
#include "bourse/market/time_bars.hpp"

using namespace bourse;

namespace {

constexpr timestamp s = ns_per_second;

trade make_trade(timestamp ts, const char* symbol, const char* px, const char* qty) {
  trade t;
  t.ts = ts;
  t.symbol = symbol_id{symbol};
  t.last = *price::parse(px);
  t.size = *quantity::parse(qty);
  return t;
}

data_slice trades_at(timestamp ts, std::vector<trade> trades) {
  data_slice sl;
  sl.ts = ts;
  sl.trades = std::move(trades);
  return sl;
}

/// A source over slices held in a vector.
class vector_source final : public slice_source {
public:
  explicit vector_source(std::vector<data_slice> slices) : slices_(std::move(slices)) {}
  bool next(data_slice& out) override {
    if (i_ >= slices_.size())
      return false;
    out = slices_[i_++];
    return true;
  }
  const std::optional<csv_error>& error() const noexcept override { return none_; }
  double progress() override { return 0; }
  std::uint64_t records() const noexcept override { return i_; }
  const std::string& name() const noexcept override { return name_; }
  std::optional<served_data> serves() const override {
    served_data out;
    for (const auto& sl : slices_)
      add_served(out, sl);
    return out;
  }

private:
  std::vector<data_slice> slices_;
  std::size_t i_ = 0;
  std::optional<csv_error> none_;
  std::string name_ = "vector";
};

std::vector<data_slice> drain(slice_source& src) {
  std::vector<data_slice> out;
  data_slice sl;
  while (src.next(sl))
    out.push_back(sl);
  return out;
}

} // namespace

TEST_CASE("durations parse and format") {
  CHECK(parse_duration("0") == 0);
  CHECK(parse_duration("250ms") == 250'000'000);
  CHECK(parse_duration("1m") == 60 * s);
  CHECK(parse_duration("1h30m") == 90 * 60 * s);
  CHECK(parse_duration("2d") == 2 * ns_per_day);
  CHECK(parse_duration("5us") == 5'000);
  CHECK(parse_duration("7ns") == 7);
  CHECK_FALSE(parse_duration(""));
  CHECK_FALSE(parse_duration("5"));
  CHECK_FALSE(parse_duration("-1s"));
  CHECK_FALSE(parse_duration("5 minutes"));
  CHECK_FALSE(parse_duration("1.5s"));
  CHECK_FALSE(parse_duration("99999999999999999999s"));
  CHECK_FALSE(parse_duration("200000d")); // overflows int64 ns
  CHECK(format_duration(0) == "0s");
  CHECK(format_duration(90 * 60 * s) == "1h30m");
  CHECK(format_duration(1'500'000) == "1500us");
  CHECK(format_duration(s + 250'000'000) == "1s250ms");
  for (auto text : {"1m", "1h30m", "250ms", "2d3h", "7ns"})
    CHECK(format_duration(*parse_duration(text)) == text);
}

TEST_CASE("a bar holds one interval's trades and is delivered at the interval's end") {
  // 10 s bars; trades at 100 s (two symbols), 103 s, 109 s; the next trade at 112 s closes the
  // [100, 110) bar, which comes in its own slice at 110 s, before the 112 s slice.
  time_bar_options opt;
  opt.interval = 10 * s;
  std::vector<data_slice> in = {
      trades_at(100 * s, {make_trade(100 * s, "A", "10", "1"), make_trade(100 * s, "B", "5", "2")}),
      trades_at(103 * s, {make_trade(103 * s, "A", "12", "3")}),
      trades_at(109 * s, {make_trade(109 * s, "A", "9", "1")}),
      trades_at(112 * s, {make_trade(112 * s, "A", "11", "1")}),
  };
  time_bar_source src(std::make_unique<vector_source>(in), opt);
  auto out = drain(src);
  REQUIRE(out.size() == 6); // 4 tick slices, the 110 s bars, the final 120 s bar
  CHECK(out[0].ts == 100 * s);
  CHECK(out[2].ts == 109 * s);
  CHECK(out[2].bars.empty());
  const auto& bars = out[3];
  CHECK(bars.ts == 110 * s);
  CHECK(bars.trades.empty());
  REQUIRE(bars.bars.size() == 2);
  CHECK(bars.bars[0].symbol == "A"); // first ticked first
  CHECK(bars.bars[0].data.ts == 110 * s);
  CHECK(bars.bars[0].data.open == *price::parse("10"));
  CHECK(bars.bars[0].data.high == *price::parse("12"));
  CHECK(bars.bars[0].data.low == *price::parse("9"));
  CHECK(bars.bars[0].data.close == *price::parse("9"));
  CHECK(bars.bars[0].data.volume == *quantity::parse("5"));
  CHECK(bars.bars[1].symbol == "B");
  CHECK(bars.bars[1].data.volume == *quantity::parse("2"));
  CHECK(out[4].ts == 112 * s);
  CHECK(out[4].trades.size() == 1);
  // The data ends: the open bar is flushed at its end.
  CHECK(out[5].ts == 120 * s);
  REQUIRE(out[5].bars.size() == 1);
  CHECK(out[5].bars[0].data.open == *price::parse("11"));
  // Slice times never go back.
  for (std::size_t i = 1; i < out.size(); ++i)
    CHECK(out[i - 1].ts < out[i].ts);
}

TEST_CASE("bars that close exactly at a tick's time come in that tick's slice and gaps give no bar") {
  time_bar_options opt;
  opt.interval = 60 * s;
  opt.keep_ticks = false;
  std::vector<data_slice> in = {
      trades_at(30 * s, {make_trade(30 * s, "A", "1", "1")}),
      trades_at(60 * s, {make_trade(60 * s, "A", "2", "1")}),   // closes [0, 60) exactly
      trades_at(300 * s, {make_trade(300 * s, "A", "3", "1")}), // [60,120) closed; 120..300 empty
  };
  time_bar_source src(std::make_unique<vector_source>(in), opt);
  auto out = drain(src);
  REQUIRE(out.size() == 3);
  CHECK(out[0].ts == 60 * s);
  CHECK(out[0].trades.empty()); // keep_ticks = false
  REQUIRE(out[0].bars.size() == 1);
  CHECK(out[0].bars[0].data.close == *price::parse("1"));
  CHECK(out[1].ts == 120 * s);
  CHECK(out[1].bars.at(0).data.close == *price::parse("2"));
  CHECK(out[2].ts == 360 * s);
  CHECK(out[2].bars.at(0).data.close == *price::parse("3"));
  // What the source says it serves: bars only, as ticks are dropped.
  auto served = src.serves();
  REQUIRE(served);
  CHECK(served->at("A").bars);
  CHECK_FALSE(served->at("A").trades);
}

TEST_CASE("mid bars come exactly from two-sided quotes") {
  time_bar_builder b({60 * s, bar_price_source::mids, true});
  data_slice sl;
  sl.ts = 10 * s;
  quote q;
  q.ts = sl.ts;
  q.symbol = symbol_id{"X"};
  q.bid = *price::parse("1.01");
  q.ask = *price::parse("1.02");
  sl.quotes.push_back(q);
  quote one_sided = q;
  one_sided.bid = price{};
  sl.quotes.push_back(one_sided);
  b.add(sl);
  std::vector<symbol_bar> bars;
  timestamp end = 0;
  CHECK_FALSE(b.close_before(59 * s, bars, end));
  CHECK(b.close_before(60 * s, bars, end));
  CHECK(end == 60 * s);
  REQUIRE(bars.size() == 1);
  CHECK(bars[0].data.close == *price::parse("1.015"));
  CHECK(bars[0].data.volume.is_zero());
  CHECK_FALSE(b.flush(bars, end));
}

TEST_CASE("time bar options are checked") {
  time_bar_options opt;
  opt.interval = 0;
  CHECK(opt.validate().size() == 1);
  CHECK(bar_price_source_from_string("mids") == bar_price_source::mids);
  CHECK_FALSE(bar_price_source_from_string("closes"));
}
