// Shows that bar_reader reads OHLCV CSV in any column order and case, with time-column aliases,
// optional volume, integer epochs in every unit and ISO-8601 times, BOM, blank lines and CRLF.
#include <doctest/doctest.h>

#include "market_test_kit.hpp"

using namespace bourse;
using namespace bourse::test;

namespace {
// 2024-01-02T00:00:00Z and 2024-01-03T00:00:00Z in seconds (checked with Python's datetime).
constexpr std::int64_t jan2 = 1704153600;
constexpr std::int64_t jan3 = 1704240000;
} // namespace

TEST_CASE("bar_reader reads a standard file into bars with exact fixed-point values") {
  auto r = read_bars("ts,open,high,low,close,volume\n"
                     "1704153600,100.5,101.25,99.75,101,1200\n"
                     "1704240000,101,102,100.5,101.5,0\n");
  REQUIRE_FALSE(r.error);
  REQUIRE(r.records.size() == 2);
  const bar& b = r.records[0];
  CHECK(b.ts == jan2 * ns_per_second);
  CHECK(b.open.raw() == 1005);
  CHECK(b.open.precision() == 1);
  CHECK(b.high == px("101.25"));
  CHECK(b.low == px("99.75"));
  CHECK(b.close == px("101"));
  CHECK(b.volume == qty("1200"));
  CHECK(r.records[1].ts == jan3 * ns_per_second);
  CHECK(r.records[1].volume.is_zero());
}

TEST_CASE("bar_reader accepts columns in any order and any case and ignores extra columns") {
  auto r = read_bars("Close,VOLUME,symbol,Low,TS,High,Open\n"
                     "4,10,XYZ,1,1704153600,5,2\n");
  REQUIRE_FALSE(r.error);
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].open == px("2"));
  CHECK(r.records[0].high == px("5"));
  CHECK(r.records[0].low == px("1"));
  CHECK(r.records[0].close == px("4"));
  CHECK(r.records[0].volume == qty("10"));
  CHECK(r.records[0].ts == jan2 * ns_per_second);
}

TEST_CASE("bar_reader accepts timestamp, time, date and datetime as the time column") {
  for (const char* name : {"ts", "timestamp", "time", "date", "datetime", "Date", "DateTime"}) {
    CAPTURE(name);
    auto r = read_bars(std::string(name) + ",open,high,low,close\n2024-01-02,1,1,1,1\n");
    REQUIRE_FALSE(r.error);
    REQUIRE(r.records.size() == 1);
    CHECK(r.records[0].ts == jan2 * ns_per_second);
  }
}

TEST_CASE("bar_reader gives zero volume when the file has no volume column") {
  std::istringstream in("ts,open,high,low,close\n1704153600,1,2,0.5,1.5\n");
  bar_reader reader(in, "x.csv");
  bar b;
  b.volume = qty("99");
  REQUIRE(reader.next(b));
  CHECK(b.volume.is_zero());
  CHECK_FALSE(reader.has_volume());
  std::istringstream with("ts,open,high,low,close,volume\n1704153600,1,2,0.5,1.5,3\n");
  bar_reader reader2(with, "y.csv");
  REQUIRE(reader2.next(b));
  CHECK(reader2.has_volume());
}

TEST_CASE("bar_reader detects the epoch unit from the first row's magnitude and keeps it") {
  SUBCASE("seconds") {
    auto r = read_bars("ts,open,high,low,close\n1704153600,1,1,1,1\n");
    REQUIRE(r.records.size() == 1);
    CHECK(r.records[0].ts == 1704153600LL * 1'000'000'000);
  }
  SUBCASE("milliseconds") {
    auto r = read_bars("ts,open,high,low,close\n1704153600123,1,1,1,1\n");
    REQUIRE(r.records.size() == 1);
    CHECK(r.records[0].ts == 1704153600123LL * 1'000'000);
  }
  SUBCASE("microseconds") {
    auto r = read_bars("ts,open,high,low,close\n1704153600123456,1,1,1,1\n");
    REQUIRE(r.records.size() == 1);
    CHECK(r.records[0].ts == 1704153600123456LL * 1'000);
  }
  SUBCASE("nanoseconds") {
    auto r = read_bars("ts,open,high,low,close\n1704153600123456789,1,1,1,1\n");
    REQUIRE(r.records.size() == 1);
    CHECK(r.records[0].ts == 1704153600123456789LL);
  }
  SUBCASE("the unit found on the first row is used for the rest of the file") {
    std::istringstream in("ts,open,high,low,close\n1704153600,1,1,1,1\n1704240000000,1,1,1,1\n");
    bar_reader reader(in, "u.csv");
    bar b;
    REQUIRE(reader.next(b));
    CHECK(reader.ts_unit() == epoch_unit::seconds);
    // Read alone this value would be milliseconds; as seconds it overflows int64 nanoseconds.
    CHECK_FALSE(reader.next(b));
    REQUIRE(reader.error());
    CHECK(reader.error()->to_string() ==
          "u.csv:3: ts: epoch out of range for unit s: '1704240000000'");
  }
}

TEST_CASE("bar_reader uses the epoch unit given in the options instead of detecting it") {
  csv_options options;
  options.ts_unit = epoch_unit::milliseconds;
  auto r = read_bars("ts,open,high,low,close\n1704153600,1,1,1,1\n", options);
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].ts == 1704153600LL * 1'000'000);
  options.ts_unit = epoch_unit::microseconds;
  r = read_bars("ts,open,high,low,close\n1704153600,1,1,1,1\n", options);
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].ts == 1704153600LL * 1'000);
}

TEST_CASE("bar_reader reads ISO-8601 dates and times with fractions and offsets") {
  auto r = read_bars("ts,open,high,low,close\n"
                     "2024-01-02,1,1,1,1\n"
                     "2024-01-02T08:30:00,1,1,1,1\n"
                     "2024-01-02T09:30:00.5+01:00,1,1,1,1\n"
                     "2024-01-02 09:30:00.123456789Z,1,1,1,1\n"
                     "2024-01-02T09:30:00.25-05:00,1,1,1,1\n");
  REQUIRE_FALSE(r.error);
  REQUIRE(r.records.size() == 5);
  CHECK(r.records[0].ts == jan2 * ns_per_second);
  CHECK(r.records[1].ts == 1704184200LL * ns_per_second);
  // 09:30:00.5 at +01:00 is 08:30:00.5 UTC.
  CHECK(r.records[2].ts == 1704184200LL * ns_per_second + 500'000'000);
  CHECK(r.records[3].ts == 1704187800LL * ns_per_second + 123'456'789);
  // 09:30:00.25 at -05:00 is 14:30:00.25 UTC.
  CHECK(r.records[4].ts == 1704205800LL * ns_per_second + 250'000'000);
}

TEST_CASE("bar_reader keeps the raw ts cell and the line number of each bar") {
  std::istringstream in(
      "ts,open,high,low,close\n\n 2024-01-02 ,1,1,1,1\n2024-01-03T00:00:00Z,1,1,1,1\n");
  bar_reader reader(in, "raw.csv");
  bar b;
  REQUIRE(reader.next(b));
  CHECK(reader.raw_ts() == "2024-01-02");
  CHECK(reader.line() == 3);
  REQUIRE(reader.next(b));
  CHECK(reader.raw_ts() == "2024-01-03T00:00:00Z");
  CHECK(reader.line() == 4);
  CHECK_FALSE(reader.next(b));
  CHECK_FALSE(reader.error());
}

TEST_CASE("bar_reader tolerates a UTF-8 BOM, blank lines, spaces and CRLF line ends") {
  auto r = read_bars("\xEF\xBB\xBFts, open ,high,low,close\r\n"
                     "\r\n"
                     "1704153600, 1 ,2,0.5,1.5\r\n"
                     "   \r\n"
                     "\n"
                     "1704240000,1.5,2.5,1,2\r\n"
                     "\r\n");
  REQUIRE_FALSE(r.error);
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0].open == px("1"));
  CHECK(r.records[1].close == px("2"));
  CHECK(r.records[1].ts == jan3 * ns_per_second);
}

TEST_CASE("bar_reader accepts a last line without a newline and blank lines before the header") {
  auto r = read_bars("\n\nts,open,high,low,close\n1704153600,1,2,0.5,1.5");
  REQUIRE_FALSE(r.error);
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].high == px("2"));
}

TEST_CASE("bar_reader reads a header-only file as no bars and no error") {
  auto r = read_bars("ts,open,high,low,close\n");
  CHECK(r.records.empty());
  CHECK_FALSE(r.error);
}

TEST_CASE("bar_reader honours another separator") {
  csv_options options;
  options.separator = ';';
  auto r = read_bars("ts;open;high;low;close;volume\n2024-01-02;1.5;2;1;1.75;7\n", options);
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].close == px("1.75"));
  CHECK(r.records[0].volume == qty("7"));
}

TEST_CASE("bar_reader opens files by path") {
  SUBCASE("the bundled sample file reads without error") {
    bar_reader reader(std::string(BOURSE_DATA_DIR) + "/sample_bars.csv");
    bar b;
    std::size_t count = 0;
    while (reader.next(b))
      ++count;
    CHECK_FALSE(reader.error());
    CHECK(count == 500);
  }
  SUBCASE("a missing file is reported by error()") {
    bar_reader reader(std::string("/nonexistent/bars.csv"));
    bar b;
    CHECK_FALSE(reader.next(b));
    REQUIRE(reader.error());
    CHECK(reader.error()->to_string() == "/nonexistent/bars.csv: cannot open file");
  }
}
