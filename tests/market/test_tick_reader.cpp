// Shows that tick_reader reads quote rows, trade rows and rows with both in any column order and
// case, and refuses bad headers and rows with exact "file:line: column: reason" messages under the
// stop and skip policies.
#include <doctest/doctest.h>

#include "bourse/market/tick_reader.hpp"
#include "market_test_kit.hpp"

using namespace bourse;
using namespace bourse::test;

namespace {
const std::string header = "ts,symbol,bid,ask,bid_size,ask_size,last,last_size\n";
constexpr timestamp t0 = 1704205800LL * ns_per_second; // 2024-01-02T14:30:00Z

read_result<tick> read_ticks(const std::string& text, csv_options options = {}) {
  return read_all<tick_reader, tick>(text, options, "t.csv");
}

std::string error_of(const std::string& row) {
  auto r = read_ticks(header + "2024-01-02T14:30:00Z,ACME,10,10.02,5,7,,\n" + row);
  CHECK(r.records.size() == 1);
  return r.error.value_or("(no error)");
}
} // namespace

TEST_CASE("tick_reader reads quote rows, trade rows and rows with both") {
  auto r = read_ticks(header + "2024-01-02T14:30:00Z,ACME,10.00,10.02,5,7,,\n"
                               "2024-01-02T14:30:00.5Z,ACME,,,,,10.02,3\n"
                               "2024-01-02T14:30:01Z,BETA,1.5,1.5,0,100,1.5,20\n");
  REQUIRE_FALSE(r.error);
  REQUIRE(r.records.size() == 3);
  const tick& q = r.records[0];
  CHECK(q.ts == t0);
  CHECK(q.symbol == "ACME");
  CHECK(q.has_quote);
  CHECK_FALSE(q.has_trade);
  CHECK(q.bid == px("10"));
  CHECK(q.ask == px("10.02"));
  CHECK(q.bid_size == qty("5"));
  CHECK(q.ask_size == qty("7"));
  const tick& t = r.records[1];
  CHECK(t.ts == t0 + 500'000'000);
  CHECK_FALSE(t.has_quote);
  CHECK(t.has_trade);
  CHECK(t.last == px("10.02"));
  CHECK(t.last_size == qty("3"));
  const tick& both = r.records[2];
  CHECK(both.symbol == "BETA");
  CHECK(both.has_quote);
  CHECK(both.has_trade);
  CHECK(both.bid == both.ask); // a locked quote is allowed
  CHECK(both.bid_size.is_zero());
  CHECK(both.last_size == qty("20"));
}

TEST_CASE("tick_reader converts ticks to quote and trade records") {
  auto r = read_ticks(header + "1704205800000,ACME,10,10.02,5,7,10.01,2\n");
  REQUIRE(r.records.size() == 1);
  quote q = r.records[0].to_quote();
  trade t = r.records[0].to_trade();
  CHECK(q.ts == t0);
  CHECK(q.symbol == "ACME");
  CHECK(q.ask == px("10.02"));
  CHECK(q.ask_size == qty("7"));
  CHECK(t.symbol == "ACME");
  CHECK(t.last == px("10.01"));
  CHECK(t.size == qty("2"));
}

TEST_CASE("tick_reader accepts any column order, any case, aliases and optional columns") {
  SUBCASE("shuffled, upper case, with an extra column") {
    auto r = read_ticks("LAST_SIZE,Ask,venue,Symbol,BID,Timestamp,ask_size,Last,bid_size\n"
                        "3,10.02,X,ACME,10,2024-01-02T14:30:00Z,7,10.01,5\n");
    REQUIRE(r.records.size() == 1);
    CHECK(r.records[0].bid == px("10"));
    CHECK(r.records[0].ask_size == qty("7"));
    CHECK(r.records[0].last == px("10.01"));
    CHECK(r.records[0].last_size == qty("3"));
  }
  SUBCASE("quotes only, without sizes: sizes are zero") {
    auto r = read_ticks("time,symbol,bid,ask\n1704205800,ACME,10,10.5\n");
    REQUIRE(r.records.size() == 1);
    CHECK(r.records[0].ts == t0);
    CHECK(r.records[0].has_quote);
    CHECK(r.records[0].bid_size.is_zero());
    CHECK(r.records[0].ask_size.is_zero());
  }
  SUBCASE("trades only") {
    auto r = read_ticks("ts,symbol,last,last_size\n1704205800000000,ACME,10.5,100\n");
    REQUIRE(r.records.size() == 1);
    CHECK(r.records[0].ts == t0);
    CHECK(r.records[0].has_trade);
    CHECK_FALSE(r.records[0].has_quote);
  }
}

TEST_CASE("tick_reader allows equal times and several symbols, BOM, blank lines and CRLF") {
  auto r = read_ticks("\xEF\xBB\xBF" + header.substr(0, header.size() - 1) + "\r\n\r\n" +
                      "2024-01-02T14:30:00Z,A,1,2,1,1,,\r\n"
                      "2024-01-02T14:30:00Z,B,3,4,1,1,,\r\n"
                      "\r\n"
                      "2024-01-02T14:30:00Z,A,,,,,2,1\r\n");
  REQUIRE_FALSE(r.error);
  REQUIRE(r.records.size() == 3);
  CHECK(r.records[1].symbol == "B");
  CHECK(r.records[2].last == px("2"));
}

TEST_CASE("tick_reader refuses bad headers") {
  CHECK(read_ticks("").error == "t.csv: empty input, expected a header line");
  CHECK(read_ticks("symbol,bid,ask\n").error == "t.csv:1: ts: missing column");
  CHECK(read_ticks("ts,bid,ask\n").error == "t.csv:1: symbol: missing column");
  CHECK(read_ticks("ts,symbol,ask,bid_size\n").error ==
        "t.csv:1: bid: missing column (the file has quote columns)");
  CHECK(read_ticks("ts,symbol,bid,last\n").error ==
        "t.csv:1: ask: missing column (the file has quote columns)");
  CHECK(read_ticks("ts,symbol,last_size\n").error ==
        "t.csv:1: last: missing column (the file has last_size)");
  CHECK(read_ticks("ts,symbol,price\n").error ==
        "t.csv:1: last: missing column (a tick file needs bid and ask, or last)");
  CHECK(read_ticks("ts,date,symbol,last\n").error ==
        "t.csv:1: date: second time column (the first is 'ts')");
}

TEST_CASE("tick_reader names the line and column of every bad row") {
  SUBCASE("row shape, time and symbol") {
    CHECK(error_of("2024-01-02T14:30:01Z,ACME,10,10.02\n") ==
          "t.csv:3: expected 8 fields, found 4");
    CHECK(error_of("soon,ACME,10,10.02,5,7,,\n") ==
          "t.csv:3: ts: not an integer epoch or ISO-8601 time: 'soon'");
    CHECK(error_of("2024-01-02T14:30:01Z,,10,10.02,5,7,,\n") == "t.csv:3: symbol: empty");
    CHECK(error_of("2024-01-02T14:30:01Z,ACME,,,,,,\n") ==
          "t.csv:3: neither a quote nor a trade (all price and size cells are empty)");
    CHECK(error_of("2024-01-02T14:29:59.999Z,ACME,10,10.02,5,7,,\n") ==
          "t.csv:3: ts: before the previous row (2024-01-02T14:29:59.999Z < 2024-01-02T14:30:00Z)");
  }
  SUBCASE("quote cells") {
    CHECK(error_of("2024-01-02T14:30:01Z,ACME,,10.02,5,7,,\n") == "t.csv:3: bid: empty");
    CHECK(error_of("2024-01-02T14:30:01Z,ACME,10,,5,7,,\n") == "t.csv:3: ask: empty");
    CHECK(error_of("2024-01-02T14:30:01Z,ACME,,,5,,,\n") == "t.csv:3: bid: empty");
    CHECK(error_of("2024-01-02T14:30:01Z,ACME,10,10.02,,7,,\n") == "t.csv:3: bid_size: empty");
    CHECK(error_of("2024-01-02T14:30:01Z,ACME,0,10.02,5,7,,\n") ==
          "t.csv:3: bid: must be positive, got 0");
    CHECK(error_of("2024-01-02T14:30:01Z,ACME,10,nan,5,7,,\n") ==
          "t.csv:3: ask: not finite: 'nan'");
    CHECK(error_of("2024-01-02T14:30:01Z,ACME,10,10.02,-1,7,,\n") ==
          "t.csv:3: bid_size: must not be negative, got -1");
    CHECK(error_of("2024-01-02T14:30:01Z,ACME,10,10.02,5,x,,\n") ==
          "t.csv:3: ask_size: not a number: 'x'");
    CHECK(error_of("2024-01-02T14:30:01Z,ACME,10.03,10.02,5,7,,\n") ==
          "t.csv:3: ask: below bid (10.02 < 10.03)");
  }
  SUBCASE("trade cells") {
    CHECK(error_of("2024-01-02T14:30:01Z,ACME,,,,,,4\n") == "t.csv:3: last: empty");
    CHECK(error_of("2024-01-02T14:30:01Z,ACME,,,,,10,\n") == "t.csv:3: last_size: empty");
    CHECK(error_of("2024-01-02T14:30:01Z,ACME,,,,,-10,1\n") ==
          "t.csv:3: last: must be positive, got -10");
    CHECK(error_of("2024-01-02T14:30:01Z,ACME,,,,,10,-1\n") ==
          "t.csv:3: last_size: must not be negative, got -1");
    CHECK(error_of("2024-01-02T14:30:01Z,ACME,10,10.02,5,7,inf,1\n") ==
          "t.csv:3: last: not finite: 'inf'");
  }
}

TEST_CASE("tick_reader's policies: stop keeps earlier ticks, skip counts and goes on") {
  const std::string text = header + "1704205800,A,1,2,1,1,,\n" + "1704205801,A,3,2,1,1,,\n" +
                           "1704205799,A,1,2,1,1,,\n" + "1704205802,,1,2,1,1,,\n" +
                           "1704205803,A,,,,,2,5\n";
  SUBCASE("stop") {
    auto r = read_ticks(text);
    CHECK(r.records.size() == 1);
    CHECK(r.error == "t.csv:3: ask: below bid (2 < 3)");
  }
  SUBCASE("skip") {
    auto r = read_ticks(text, skip_options());
    CHECK_FALSE(r.error);
    REQUIRE(r.records.size() == 2);
    CHECK(r.records[1].ts == (1704205803LL) * ns_per_second);
    CHECK(r.skipped == 3);
    REQUIRE(r.skipped_errors.size() == 3);
    CHECK(r.skipped_errors[1] ==
          "t.csv:4: ts: before the previous row (2024-01-02T14:29:59Z < 2024-01-02T14:30:00Z)");
    CHECK(r.skipped_errors[2] == "t.csv:5: symbol: empty");
  }
}

TEST_CASE("tick_reader reads the bundled sample tick file") {
  tick_reader reader(std::string(BOURSE_DATA_DIR) + "/sample_ticks.csv");
  tick t;
  std::size_t count = 0, quotes = 0, trades = 0;
  while (reader.next(t)) {
    ++count;
    quotes += t.has_quote ? 1 : 0;
    trades += t.has_trade ? 1 : 0;
  }
  CHECK_FALSE(reader.error());
  CHECK(count == 2500);
  CHECK(quotes + trades == count);
  CHECK(trades > 0);
}
