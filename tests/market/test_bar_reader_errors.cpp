// Shows that bar_reader refuses every kind of bad header and bad row with an exact
// "file:line: column: reason" message, and applies the stop and skip policies.
#include <doctest/doctest.h>

#include "market_test_kit.hpp"

using namespace bourse;
using namespace bourse::test;

namespace {
const std::string header = "ts,open,high,low,close,volume\n";
const std::string good1 = "2024-01-02,10,12,9,11,100\n";
const std::string good2 = "2024-01-03,11,13,10,12,100\n";

// Returns the error message of a file made of the header, one good row and `row` (line 3).
std::string error_of(const std::string& row) {
  auto r = read_bars(header + good1 + row);
  CHECK(r.records.size() == 1);
  return r.error.value_or("(no error)");
}
} // namespace

TEST_CASE("bar_reader reports bad headers and stops") {
  SUBCASE("empty input") {
    CHECK(read_bars("").error == "in.csv: empty input, expected a header line");
    CHECK(read_bars("\n \r\n").error == "in.csv: empty input, expected a header line");
  }
  SUBCASE("each required column missing") {
    CHECK(read_bars("open,high,low,close\n").error == "in.csv:1: ts: missing column");
    CHECK(read_bars("ts,high,low,close\n").error == "in.csv:1: open: missing column");
    CHECK(read_bars("ts,open,low,close\n").error == "in.csv:1: high: missing column");
    CHECK(read_bars("ts,open,high,close\n").error == "in.csv:1: low: missing column");
    CHECK(read_bars("\nts,open,high,low\n").error == "in.csv:2: close: missing column");
  }
  SUBCASE("two time columns") {
    CHECK(read_bars("Date,Time,open,high,low,close\n").error ==
          "in.csv:1: Date: second time column (the first is 'Time')");
  }
  SUBCASE("duplicate and unnamed columns") {
    CHECK(read_bars("ts,open,high,low,close,Close\n").error == "in.csv:1: Close: duplicate column");
    CHECK(read_bars("ts,open,,high,low,close\n").error == "in.csv:1: column 3 has no name");
  }
}

TEST_CASE("bar_reader names the line and column of every bad row") {
  SUBCASE("wrong field count") {
    CHECK(error_of("2024-01-03,11,13,10,12\n") == "in.csv:3: expected 6 fields, found 5");
    CHECK(error_of("2024-01-03,11,13,10,12,1,2\n") == "in.csv:3: expected 6 fields, found 7");
  }
  SUBCASE("bad time cells") {
    CHECK(error_of(",11,13,10,12,1\n") == "in.csv:3: ts: empty");
    CHECK(error_of("yesterday,11,13,10,12,1\n") ==
          "in.csv:3: ts: not an integer epoch or ISO-8601 time: 'yesterday'");
    CHECK(error_of("2024-02-30,11,13,10,12,1\n") ==
          "in.csv:3: ts: not an integer epoch or ISO-8601 time: '2024-02-30'");
    CHECK(error_of("99999999999999999999,11,13,10,12,1\n") ==
          "in.csv:3: ts: epoch out of range: '99999999999999999999'");
  }
  SUBCASE("unparsable, non-finite and out-of-range numbers") {
    CHECK(error_of("2024-01-03,abc,13,10,12,1\n") == "in.csv:3: open: not a number: 'abc'");
    CHECK(error_of("2024-01-03,11,13,10,12x,1\n") == "in.csv:3: close: not a number: '12x'");
    CHECK(error_of("2024-01-03,11,--13,10,12,1\n") == "in.csv:3: high: not a number: '--13'");
    CHECK(error_of("2024-01-03,11,13,,12,1\n") == "in.csv:3: low: empty");
    CHECK(error_of("2024-01-03,NaN,13,10,12,1\n") == "in.csv:3: open: not finite: 'NaN'");
    CHECK(error_of("2024-01-03,11,inf,10,12,1\n") == "in.csv:3: high: not finite: 'inf'");
    CHECK(error_of("2024-01-03,11,13,10,-Infinity,1\n") ==
          "in.csv:3: close: not finite: '-Infinity'");
    CHECK(error_of("2024-01-03,11,1e30,10,12,1\n") == "in.csv:3: high: out of range: '1e30'");
    CHECK(error_of("2024-01-03,11,13,10,12,nan\n") == "in.csv:3: volume: not finite: 'nan'");
    CHECK(error_of("2024-01-03,11,13,10,12,\n") == "in.csv:3: volume: empty");
  }
  SUBCASE("zero and negative prices") {
    CHECK(error_of("2024-01-03,0,13,10,12,1\n") == "in.csv:3: open: must be positive, got 0");
    CHECK(error_of("2024-01-03,11,13,-1.5,12,1\n") == "in.csv:3: low: must be positive, got -1.5");
    CHECK(error_of("2024-01-03,11,13,10,0.000,1\n") ==
          "in.csv:3: close: must be positive, got 0.000");
  }
  SUBCASE("negative volume") {
    CHECK(error_of("2024-01-03,11,13,10,12,-5\n") ==
          "in.csv:3: volume: must not be negative, got -5");
  }
  SUBCASE("inconsistent OHLC") {
    CHECK(error_of("2024-01-03,11,9.5,10,10,1\n") == "in.csv:3: high: below low (9.5 < 10)");
    CHECK(error_of("2024-01-03,14,13,10,12,1\n") ==
          "in.csv:3: open: outside [low, high] (14 not in [10, 13])");
    CHECK(error_of("2024-01-03,11,13,10,9.99,1\n") ==
          "in.csv:3: close: outside [low, high] (9.99 not in [10, 13])");
  }
  SUBCASE("time going backwards or standing still") {
    CHECK(
        error_of("2024-01-01,11,13,10,12,1\n") ==
        "in.csv:3: ts: not after the previous bar (2024-01-01T00:00:00Z <= 2024-01-02T00:00:00Z)");
    CHECK(
        error_of("2024-01-02T00:00:00Z,11,13,10,12,1\n") ==
        "in.csv:3: ts: not after the previous bar (2024-01-02T00:00:00Z <= 2024-01-02T00:00:00Z)");
  }
  SUBCASE("the column is named as written in the header") {
    auto r = read_bars("DATE,Open,HIGH,Low,Close\n2024-01-02,1,2,x,1\n");
    CHECK(r.error == "in.csv:2: Low: not a number: 'x'");
  }
  SUBCASE("only the first problem of a row is reported, in ts/open/high/low/close/volume order") {
    CHECK(error_of("bad,x,y,z,w,-1\n") ==
          "in.csv:3: ts: not an integer epoch or ISO-8601 time: 'bad'");
    CHECK(error_of("2024-01-03,x,y,z,w,-1\n") == "in.csv:3: open: not a number: 'x'");
  }
}

TEST_CASE("bar_reader's stop policy keeps the bars before the bad row and returns nothing after") {
  std::istringstream in(header + good1 + good2 + "2024-01-04,1,1,1,x,1\n" +
                        "2024-01-05,1,1,1,1,1\n");
  bar_reader reader(in, "stop.csv");
  bar b;
  REQUIRE(reader.next(b));
  REQUIRE(reader.next(b));
  CHECK(b.close == px("12"));
  CHECK_FALSE(reader.next(b));
  CHECK(b.close == px("12")); // untouched by the refused row
  REQUIRE(reader.error());
  CHECK(reader.error()->file == "stop.csv");
  CHECK(reader.error()->line == 4);
  CHECK(reader.error()->column == "close");
  CHECK(reader.error()->reason == "not a number: 'x'");
  CHECK_FALSE(reader.next(b)); // stays stopped
  CHECK(reader.skipped() == 0);
}

TEST_CASE("bar_reader's skip policy skips bad rows, counts them and keeps the first errors") {
  const std::string text = header + good1 + "2024-01-03,1,1,1,x,1\n" + "2024-01-01,1,1,1,1,1\n" +
                           "short,row\n" + good2 + "2024-01-04,2,1,3,2,1\n" +
                           "2024-01-05,1,1,1,1,1\n";
  SUBCASE("all errors kept") {
    auto r = read_bars(text, skip_options());
    CHECK_FALSE(r.error);
    REQUIRE(r.records.size() == 3);
    CHECK(r.records[0].ts == 1704153600LL * ns_per_second);
    CHECK(r.records[1].ts == 1704240000LL * ns_per_second);
    CHECK(r.records[2].ts == 1704326400LL * ns_per_second + 86400LL * ns_per_second);
    CHECK(r.skipped == 4);
    REQUIRE(r.skipped_errors.size() == 4);
    CHECK(r.skipped_errors[0] == "in.csv:3: close: not a number: 'x'");
    CHECK(r.skipped_errors[1] == "in.csv:4: ts: not after the previous bar "
                                 "(2024-01-01T00:00:00Z <= 2024-01-02T00:00:00Z)");
    CHECK(r.skipped_errors[2] == "in.csv:5: expected 6 fields, found 2");
    CHECK(r.skipped_errors[3] == "in.csv:7: high: below low (1 < 3)");
  }
  SUBCASE("only max_kept_errors errors kept, the count goes on") {
    auto r = read_bars(text, skip_options(2));
    CHECK(r.records.size() == 3);
    CHECK(r.skipped == 4);
    REQUIRE(r.skipped_errors.size() == 2);
    CHECK(r.skipped_errors[1] == "in.csv:4: ts: not after the previous bar "
                                 "(2024-01-01T00:00:00Z <= 2024-01-02T00:00:00Z)");
  }
  SUBCASE("a bad header stops even under the skip policy") {
    auto r = read_bars("ts,open,high,low\n1,1,1,1\n", skip_options());
    CHECK(r.error == "in.csv:1: close: missing column");
    CHECK(r.skipped == 0);
  }
}
