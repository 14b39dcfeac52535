// Shows the exact text the CSV writers produce, that synthetic bars and ticks written in every time
// format read back identical, that the bundled sample files are exactly what data/README.md says,
// and that the readers stream a million rows from a generated input without holding it.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <sstream>
#include <streambuf>

#include "bourse/market/bar_reader.hpp"
#include "bourse/market/csv_writer.hpp"
#include "bourse/market/synthetic.hpp"
#include "bourse/market/tick_reader.hpp"

using namespace bourse;

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A stream buffer that produces a bar CSV of `rows` rows on demand, one line at a time.
class generated_bars : public std::streambuf {
public:
  explicit generated_bars(std::size_t rows) : rows_(rows) {
    line_ = "ts,open,high,low,close,volume\n";
    setg(line_.data(), line_.data(), line_.data() + line_.size());
  }

protected:
  int_type underflow() override {
    if (row_ == rows_)
      return traits_type::eof();
    // Prices cycle through 100.00 .. 199.99; time advances one second per row.
    long cents = 10000 + static_cast<long>(row_ % 10000);
    line_ = std::to_string(1704153600 + row_) + "," + std::to_string(cents / 100) + "." +
            std::to_string(cents % 100 / 10) + std::to_string(cents % 10) + ",200,100,150," +
            std::to_string(row_ % 7) + "\n";
    ++row_;
    setg(line_.data(), line_.data(), line_.data() + line_.size());
    return traits_type::to_int_type(line_[0]);
  }

private:
  std::size_t rows_;
  std::size_t row_ = 0;
  std::string line_;
};

} // namespace

TEST_CASE("bar_writer writes a header and plain-decimal rows in the chosen time format") {
  bar b;
  b.ts = 1704153600LL * ns_per_second + 1'500'000; // 2024-01-02T00:00:00.0015Z
  b.open = *price::parse("100.50");
  b.high = *price::parse("101");
  b.low = *price::parse("99.125");
  b.close = *price::parse("100.75");
  b.volume = *quantity::parse("1200");
  const std::pair<ts_format, const char*> cases[] = {
      {ts_format::iso8601, "2024-01-02T00:00:00.0015Z"},
      {ts_format::date, "2024-01-02"},
      {ts_format::epoch_s, "1704153600"},
      {ts_format::epoch_ms, "1704153600001"},
      {ts_format::epoch_us, "1704153600001500"},
      {ts_format::epoch_ns, "1704153600001500000"}};
  for (const auto& [format, ts] : cases) {
    CAPTURE(to_string(format));
    std::ostringstream out;
    bar_writer writer(out, format);
    writer.write(b);
    CHECK(out.str() ==
          "ts,open,high,low,close,volume\n" + std::string(ts) + ",100.50,101,99.125,100.75,1200\n");
  }
}

TEST_CASE("format_timestamp rounds epochs and dates down, also before 1970") {
  CHECK(format_timestamp(-1, ts_format::epoch_s) == "-1");
  CHECK(format_timestamp(-1, ts_format::epoch_ms) == "-1");
  CHECK(format_timestamp(-1, ts_format::date) == "1969-12-31");
  CHECK(format_timestamp(1'999'999'999, ts_format::epoch_s) == "1");
  CHECK(ts_format_from_string("ISO") == ts_format::iso8601);
  CHECK(ts_format_from_string("us") == ts_format::epoch_us);
  CHECK_FALSE(ts_format_from_string("minutes").has_value());
}

TEST_CASE("tick_writer leaves the cells of a missing part empty") {
  std::ostringstream out;
  tick_writer writer(out, ts_format::epoch_ms);
  tick t;
  t.ts = 1704205800LL * ns_per_second;
  t.symbol = "ACME";
  t.has_quote = true;
  t.bid = *price::parse("10.00");
  t.ask = *price::parse("10.02");
  t.bid_size = *quantity::parse("5");
  t.ask_size = *quantity::parse("7");
  writer.write(t);
  t.has_quote = false;
  t.has_trade = true;
  t.last = *price::parse("10.02");
  t.last_size = *quantity::parse("0.5");
  writer.write(t);
  t.has_quote = true;
  writer.write(t);
  CHECK(out.str() == "ts,symbol,bid,ask,bid_size,ask_size,last,last_size\n"
                     "1704205800000,ACME,10.00,10.02,5,7,,\n"
                     "1704205800000,ACME,,,,,10.02,0.5\n"
                     "1704205800000,ACME,10.00,10.02,5,7,10.02,0.5\n");
}

TEST_CASE("synthetic bars written in every time format read back identical") {
  for (ts_format format : {ts_format::iso8601, ts_format::epoch_s, ts_format::epoch_ms,
                           ts_format::epoch_us, ts_format::epoch_ns, ts_format::date}) {
    CAPTURE(to_string(format));
    gbm_bar_config config;
    config.seed = 77;
    config.tick_size = *price::parse("0.005");
    config.lot_size = *quantity::parse("0.1");
    std::stringstream file;
    {
      gbm_bar_generator generator(config);
      bar_writer writer(file, format);
      for (int i = 0; i < 2000; ++i)
        writer.write(generator.next());
    }
    gbm_bar_generator again(config);
    bar_reader reader(file, "round.csv");
    bar b;
    int count = 0;
    while (reader.next(b)) {
      bar expected = again.next();
      REQUIRE(b.ts == expected.ts);
      REQUIRE(b.open.raw() == expected.open.raw());
      REQUIRE(b.open.precision() == expected.open.precision());
      REQUIRE(b.high == expected.high);
      REQUIRE(b.low == expected.low);
      REQUIRE(b.close == expected.close);
      REQUIRE(b.volume.raw() == expected.volume.raw());
      ++count;
    }
    CHECK_FALSE(reader.error());
    CHECK(count == 2000);
  }
}

TEST_CASE("synthetic ticks written as CSV read back identical") {
  tick_generator_config config;
  config.seed = 5;
  config.symbols = {synthetic_symbol{*instrument::make("A", "0.01", "1"), 20, 0.3, 3, 5, 50},
                    synthetic_symbol{*instrument::make("B", "0.0001", "0.01"), 2, 0.2, 2, 3, 80}};
  for (ts_format format : {ts_format::iso8601, ts_format::epoch_ns}) {
    CAPTURE(to_string(format));
    std::stringstream file;
    {
      tick_generator generator(config);
      tick_writer writer(file, format);
      tick t;
      for (int i = 0; i < 5000; ++i) {
        generator.next(t);
        writer.write(t);
      }
    }
    tick_generator again(config);
    tick_reader reader(file, "round.csv");
    tick got, expected;
    int count = 0;
    while (reader.next(got)) {
      again.next(expected);
      REQUIRE(got.ts == expected.ts);
      REQUIRE(got.symbol == expected.symbol);
      REQUIRE(got.has_quote == expected.has_quote);
      REQUIRE(got.has_trade == expected.has_trade);
      if (got.has_quote) {
        REQUIRE(got.bid.raw() == expected.bid.raw());
        REQUIRE(got.ask.raw() == expected.ask.raw());
        REQUIRE(got.bid_size.raw() == expected.bid_size.raw());
        REQUIRE(got.ask_size.raw() == expected.ask_size.raw());
      }
      if (got.has_trade) {
        REQUIRE(got.last.raw() == expected.last.raw());
        REQUIRE(got.last_size.raw() == expected.last_size.raw());
      }
      ++count;
    }
    CHECK_FALSE(reader.error());
    CHECK(count == 5000);
  }
}

TEST_CASE("the bundled sample files are exactly what data/README.md says they are") {
  SUBCASE("sample_bars.csv: bourse-gen bars --seed 42 --count 500 (dates)") {
    gbm_bar_config config;
    config.seed = 42;
    gbm_bar_generator generator(config);
    std::ostringstream out;
    bar_writer writer(out, ts_format::date);
    for (int i = 0; i < 500; ++i)
      writer.write(generator.next());
    CHECK(out.str() == slurp(std::string(BOURSE_DATA_DIR) + "/sample_bars.csv"));
  }
  SUBCASE("sample_ticks.csv: bourse-gen ticks --seed 42 --count 2500") {
    tick_generator_config config;
    config.seed = 42;
    config.symbols = {
        synthetic_symbol{*instrument::make("ACME", "0.01", "1"), 50, 0.3, 3, 5, 2},
        synthetic_symbol{*instrument::make("EURUSD", "0.00001", "1000"), 1.1, 0.08, 2, 5, 5},
        synthetic_symbol{*instrument::make("BTC-USD", "0.01", "0.001"), 42000, 0.6, 5, 5, 3}};
    tick_generator generator(config);
    std::ostringstream out;
    tick_writer writer(out, ts_format::iso8601);
    tick t;
    for (int i = 0; i < 2500; ++i) {
      generator.next(t);
      writer.write(t);
    }
    CHECK(out.str() == slurp(std::string(BOURSE_DATA_DIR) + "/sample_ticks.csv"));
  }
}

TEST_CASE("bar_reader streams a million generated rows without storing them") {
  constexpr std::size_t rows = 1'000'000;
  generated_bars source(rows);
  std::istream in(&source);
  bar_reader reader(in, "generated");
  bar b;
  std::size_t count = 0;
  std::int64_t close_sum = 0;
  std::int64_t volume_sum = 0;
  while (reader.next(b)) {
    ++count;
    close_sum += b.close.raw();
    volume_sum += b.volume.raw();
  }
  CHECK_FALSE(reader.error());
  CHECK(count == rows);
  CHECK(close_sum == 150LL * static_cast<std::int64_t>(rows));
  // Volumes cycle 0..6: 142857 full cycles of 21 plus the row 999999 (999999 % 7 = 0).
  CHECK(volume_sum == 142857LL * 21);
  CHECK(b.ts == (1704153600LL + static_cast<std::int64_t>(rows) - 1) * ns_per_second);
  CHECK(reader.line() == rows + 1);
}
