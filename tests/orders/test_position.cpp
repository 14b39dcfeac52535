// Shows average-cost position accounting on hand-computed examples: open, add, reduce, close and
// flip on both sides, the rounding of a closed part's cost, fees kept apart from realised PnL,
// unrealised PnL at marks, fractional quantities, and refused fills that change nothing.
#include <doctest/doctest.h>

#include <string>

#include "bourse/orders/position.hpp"
#include "orders_kit.hpp"

using namespace orders_kit;

namespace {

void must_fill(position& p, side s, std::string_view q, std::string_view price_text,
               std::string_view fee = "0") {
  auto problem = p.apply_fill(s, qty(q), px(price_text), cash(fee));
  INFO((problem ? problem->message : std::string()));
  REQUIRE_FALSE(problem);
}

} // namespace

TEST_CASE("a long position opens, adds, reduces and closes at average cost") {
  position p("AAPL");
  CHECK(p.is_flat());
  CHECK_FALSE(p.average_price());
  CHECK(*p.unrealised() == cash("0"));

  // Open: buy 100 at 10.00, fee 1.00. Cost 1000.00.
  must_fill(p, side::buy, "100", "10.00", "1.00");
  CHECK(p.net() == qty("100"));
  CHECK(p.cost_basis() == cash("1000.00"));
  CHECK(*p.average_price() == px("10"));
  CHECK(p.realised() == cash("0"));
  CHECK(p.fees() == cash("1.00"));
  // Marked at 10.50: 100 * 10.50 - 1000.00 = 50.00; net PnL = 0 + 50.00 - 1.00 = 49.00.
  CHECK(*p.unrealised(px("10.50")) == cash("50.00"));
  CHECK(*p.net_pnl(px("10.50")) == cash("49.00"));

  // Add: buy 50 at 10.30. Cost 1000.00 + 515.00 = 1515.00 for 150: average 10.10.
  must_fill(p, side::buy, "50", "10.30");
  CHECK(p.net() == qty("150"));
  CHECK(p.cost_basis() == cash("1515.00"));
  CHECK(*p.average_price() == px("10.10"));

  // Reduce: sell 60 at 10.50. Closed cost 1515.00 * 60 / 150 = 606.00; proceeds 630.00;
  // realised 24.00. Left: 90 costing 909.00, average still 10.10.
  must_fill(p, side::sell, "60", "10.50", "0.60");
  CHECK(p.net() == qty("90"));
  CHECK(p.cost_basis() == cash("909.00"));
  CHECK(p.realised() == cash("24.00"));
  CHECK(*p.average_price() == px("10.10"));
  CHECK(p.fees() == cash("1.60")); // fees never enter realised

  // Close: sell 90 at 10.00. Realised += 900.00 - 909.00 = -9.00 -> 15.00.
  // Check: sold 630.00 + 900.00 = 1530.00, bought 1000.00 + 515.00 = 1515.00, difference 15.00.
  must_fill(p, side::sell, "90", "10.00");
  CHECK(p.is_flat());
  CHECK(p.cost_basis() == cash("0"));
  CHECK(p.realised() == cash("15.00"));
  CHECK(*p.unrealised(px("99.00")) == cash("0"));
  CHECK(*p.net_pnl(px("99.00")) == cash("13.40")); // 15.00 - 1.60
  CHECK(p.fill_count() == 4);
}

TEST_CASE("a short position gains when the price falls") {
  position p("MSFT");
  // Sell 10 at 100.00: net -10, cost -1000.00.
  must_fill(p, side::sell, "10", "100.00");
  CHECK(p.net() == qty("-10"));
  CHECK(p.cost_basis() == cash("-1000.00"));
  CHECK(*p.average_price() == px("100"));
  // Marked at 90.00: -10 * 90.00 + 1000.00 = 100.00.
  CHECK(*p.unrealised(px("90.00")) == cash("100.00"));
  // Buy back 4 at 90.00: closed cost -1000.00 * 4 / 10 = -400.00; value -360.00; realised 40.00.
  must_fill(p, side::buy, "4", "90.00");
  CHECK(p.net() == qty("-6"));
  CHECK(p.cost_basis() == cash("-600.00"));
  CHECK(p.realised() == cash("40.00"));
}

TEST_CASE("a fill larger than the position closes it and opens the other side") {
  SUBCASE("long to short") {
    position p("AAPL");
    must_fill(p, side::buy, "100", "10.00"); // cost 1000.00
    // Sell 150 at 12.00: close 100 (realised 1200.00 - 1000.00 = 200.00), open short 50 at 12.00.
    must_fill(p, side::sell, "150", "12.00");
    CHECK(p.realised() == cash("200.00"));
    CHECK(p.net() == qty("-50"));
    CHECK(p.cost_basis() == cash("-600.00"));
    CHECK(*p.average_price() == px("12.00"));
    // Marked at 11.00: -550.00 + 600.00 = 50.00.
    CHECK(*p.unrealised(px("11.00")) == cash("50.00"));
  }
  SUBCASE("short to long") {
    position p("AAPL");
    must_fill(p, side::sell, "30", "20.00"); // cost -600.00
    // Buy 50 at 19.00: close 30 (realised -570.00 + 600.00 = 30.00), open long 20 at 19.00.
    must_fill(p, side::buy, "50", "19.00");
    CHECK(p.realised() == cash("30.00"));
    CHECK(p.net() == qty("20"));
    CHECK(p.cost_basis() == cash("380.00"));
  }
}

TEST_CASE("a closed part's cost is rounded, and a full close realises the exact difference") {
  position p("AAPL");
  // Buy 1 at 10.00 and 2 at 10.01: cost 30.02 for 3, average 10.00666... shown as 10.006666667.
  must_fill(p, side::buy, "1", "10.00");
  must_fill(p, side::buy, "2", "10.01");
  CHECK(p.cost_basis() == cash("30.02"));
  CHECK(p.average_price()->to_string() == "10.006666667");
  // Sell 1 at 11.00: closed cost 30.02 / 3 = 10.00666... rounded at cents to 10.01;
  // realised 11.00 - 10.01 = 0.99; 2 left costing 20.01.
  must_fill(p, side::sell, "1", "11.00");
  CHECK(p.realised() == cash("0.99"));
  CHECK(p.cost_basis() == cash("20.01"));
  // Sell 2 at 11.00: realised += 22.00 - 20.01 = 1.99 -> 2.98 = 33.00 sold - 30.02 bought.
  must_fill(p, side::sell, "2", "11.00");
  CHECK(p.realised() == cash("2.98"));
  CHECK(p.cost_basis().is_zero());
}

TEST_CASE("fractional quantities and rebates are exact") {
  position p("BTC-USD");
  // Buy 0.5 at 20000.00: cost 10000.000 (precision 2 + 1).
  must_fill(p, side::buy, "0.5", "20000.00", "5.00");
  CHECK(p.cost_basis() == cash("10000"));
  // Sell 0.2 at 21000.00: closed cost 10000 * 0.2 / 0.5 = 4000; proceeds 4200; realised 200.
  // A maker rebate is a negative fee: fees 5.00 - 0.40 = 4.60.
  must_fill(p, side::sell, "0.2", "21000.00", "-0.40");
  CHECK(p.realised() == cash("200"));
  CHECK(p.net() == qty("0.3"));
  CHECK(p.fees() == cash("4.60"));
  // 0.3 marked at 19000.00: 5700.00 - 6000.00 = -300.00.
  CHECK(*p.unrealised(px("19000.00")) == cash("-300"));
}

TEST_CASE("the last price follows marks and fills, whichever came last") {
  position p("AAPL");
  CHECK_FALSE(p.last_price());
  must_fill(p, side::buy, "10", "10.00");
  CHECK(p.last_price() == px("10.00"));
  p.mark(px("10.40"));
  CHECK(p.last_price() == px("10.40"));
  CHECK(*p.unrealised() == cash("4.00")); // 104.00 - 100.00
  must_fill(p, side::buy, "10", "10.20");
  CHECK(p.last_price() == px("10.20"));
  CHECK(*p.unrealised() == cash("2.00")); // 20 * 10.20 - 202.00
}

TEST_CASE("fills with zero or negative quantity or price are refused and change nothing") {
  position p("AAPL");
  must_fill(p, side::buy, "10", "10.00");
  struct bad_fill {
    const char* q;
    const char* price_text;
    position_error_reason reason;
  };
  const bad_fill cases[] = {{"0", "10.00", position_error_reason::non_positive_quantity},
                            {"-1", "10.00", position_error_reason::non_positive_quantity},
                            {"1", "0", position_error_reason::non_positive_price},
                            {"1", "-10.00", position_error_reason::non_positive_price}};
  for (const auto& [q, price_text, reason] : cases) {
    auto problem = p.apply_fill(side::sell, qty(q), px(price_text));
    REQUIRE(problem);
    CHECK(problem->reason == reason);
    CHECK(problem->message.find("position AAPL: ") == 0);
  }
  CHECK(p.apply_fill(side::sell, qty("0"), px("10.00"))->message ==
        "position AAPL: fill quantity 0 is not positive");
  CHECK(p.net() == qty("10"));
  CHECK(p.fill_count() == 1);
  CHECK(to_string(position_error_reason::overflow) == "overflow");
}

TEST_CASE("a fill whose value does not fit is refused as an overflow") {
  position p("HUGE");
  auto problem = p.apply_fill(side::buy, qty("9000000000"), px("9000000000.00"));
  REQUIRE(problem);
  CHECK(problem->reason == position_error_reason::overflow);
  CHECK(p.is_flat());
}
