// Shows the exact bytes of trades.csv: header, ISO-8601 times, plain decimals at their own
// precision, and RFC 4180 quoting of cells that hold commas, quotes or line breaks.
#include <doctest/doctest.h>

#include <sstream>

#include "bourse/report/trades_csv.hpp"
#include "report_kit.hpp"

using namespace report_kit;

TEST_CASE("trades.csv is one header and one line per fill, byte for byte") {
  std::vector<fill_record> fills{
      fill(at("2024-01-02T14:30:00Z"), side::buy, "101.25", "100", "0.50", "sma", "AAPL", "1"),
      fill(at("2024-01-02T14:30:00.25Z"), side::sell, "0.00012", "0.001", "-0.01", "a,b",
           "say \"hi\"", "x-2"),
      fill(at("1999-12-31T23:59:59.123456789Z"), side::sell, "42000.5", "1.5", "0", "rsi",
           "BTC-USD", "18446744073709551615"),
  };
  std::ostringstream out;
  write_trades_csv(out, fills);
  CHECK(out.str() == "ts,strategy,symbol,side,price,qty,order_id,fee\n"
                     "2024-01-02T14:30:00Z,sma,AAPL,buy,101.25,100,1,0.50\n"
                     "2024-01-02T14:30:00.25Z,\"a,b\",\"say \"\"hi\"\"\",sell,0.00012,0.001,x-2,"
                     "-0.01\n"
                     "1999-12-31T23:59:59.123456789Z,rsi,BTC-USD,sell,42000.5,1.5,"
                     "18446744073709551615,0\n");

  SUBCASE("no fills: the header alone") {
    std::ostringstream empty;
    write_trades_csv(empty, {});
    CHECK(empty.str() == "ts,strategy,symbol,side,price,qty,order_id,fee\n");
  }
  SUBCASE("the writer streams the same bytes line by line") {
    std::ostringstream streamed;
    trades_csv_writer writer(streamed);
    for (const auto& f : fills)
      writer.write(f);
    CHECK(streamed.str() == out.str());
  }
}

TEST_CASE("csv_cell quotes only what needs quoting") {
  CHECK(csv_cell("plain") == "plain");
  CHECK(csv_cell("") == "");
  CHECK(csv_cell("a,b") == "\"a,b\"");
  CHECK(csv_cell("line\nbreak") == "\"line\nbreak\"");
  CHECK(csv_cell("cr\r") == "\"cr\r\"");
  CHECK(csv_cell("\"") == "\"\"\"\"");
}
