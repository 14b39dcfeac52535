// Shows a portfolio over several symbols: cash moves with fills and fees, totals add up realised,
// unrealised, fees and market value at marks, and equity always equals initial cash + net PnL.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "bourse/orders/portfolio.hpp"
#include "orders_kit.hpp"

using namespace orders_kit;

TEST_CASE("a portfolio keeps positions by symbol and cash, and totals them at marks") {
  portfolio book(cash("10000.00"));
  // Short 20 MSFT at 50.00, fee 0.50: cash 10000.00 + 1000.00 - 0.50 = 10999.50.
  REQUIRE_FALSE(book.apply_fill("MSFT", side::sell, qty("20"), px("50.00"), cash("0.50")));
  // Long 100 AAPL at 10.00, fee 1.00: cash 10999.50 - 1000.00 - 1.00 = 9998.50.
  REQUIRE_FALSE(book.apply_fill("AAPL", side::buy, qty("100"), px("10.00"), cash("1.00")));
  CHECK(book.cash() == cash("9998.50"));
  CHECK(book.initial_cash() == cash("10000.00"));

  std::vector<std::string> symbols;
  for (const auto& [symbol, p] : book.positions())
    symbols.push_back(symbol);
  CHECK(symbols == std::vector<std::string>{"AAPL", "MSFT"}); // symbol order, not insertion order

  // Marks AAPL 10.50, MSFT 49.00:
  //   unrealised AAPL 1050.00 - 1000.00 = 50.00; MSFT -980.00 + 1000.00 = 20.00; total 70.00
  //   market value 1050.00 - 980.00 = 70.00; fees 1.50; net PnL 70.00 - 1.50 = 68.50
  //   equity 9998.50 + 70.00 = 10068.50 = 10000.00 + 68.50
  auto t = book.totals(mark_map{{"AAPL", px("10.50")}, {"MSFT", px("49.00")}});
  REQUIRE(t);
  CHECK(t->realised == cash("0"));
  CHECK(t->unrealised == cash("70.00"));
  CHECK(t->fees == cash("1.50"));
  CHECK(t->net_pnl == cash("68.50"));
  CHECK(t->market_value == cash("70.00"));
  CHECK(t->cash == cash("9998.50"));
  CHECK(t->equity == cash("10068.50"));

  SUBCASE("without marks each position is valued at its last price") {
    // Last prices are the fill prices: unrealised 0, market value 1000.00 - 1000.00 = 0.
    auto at_fills = book.totals();
    REQUIRE(at_fills);
    CHECK(at_fills->unrealised == cash("0"));
    CHECK(at_fills->equity == cash("9998.50"));
    CHECK(book.mark("AAPL", px("10.50")));
    CHECK_FALSE(book.mark("TSLA", px("1.00"))); // no position: nothing stored
    CHECK(book.find("TSLA") == nullptr);
    CHECK(book.totals()->unrealised == cash("50.00"));
  }
  SUBCASE("closing a position moves its PnL from unrealised to realised") {
    // Sell 100 AAPL at 10.20, fee 1.00: realised 1020.00 - 1000.00 = 20.00;
    // cash 9998.50 + 1020.00 - 1.00 = 11017.50.
    REQUIRE_FALSE(book.apply_fill("AAPL", side::sell, qty("100"), px("10.20"), cash("1.00")));
    auto after = book.totals(mark_map{{"MSFT", px("49.00")}});
    REQUIRE(after);
    CHECK(after->realised == cash("20.00"));
    CHECK(after->unrealised == cash("20.00"));
    CHECK(after->fees == cash("2.50"));
    CHECK(after->net_pnl == cash("37.50"));
    CHECK(after->market_value == cash("-980.00"));
    CHECK(after->equity == cash("10037.50")); // 11017.50 - 980.00 = 10000.00 + 37.50
    CHECK(book.find("AAPL")->is_flat());
  }
  SUBCASE("a refused fill changes neither cash nor positions") {
    auto problem = book.apply_fill("TSLA", side::buy, qty("0"), px("200.00"));
    REQUIRE(problem);
    CHECK(problem->reason == position_error_reason::non_positive_quantity);
    CHECK(book.find("TSLA") == nullptr);
    CHECK(book.cash() == cash("9998.50"));
    auto overflow = book.apply_fill("TSLA", side::buy, qty("9000000000"), px("9000000000.00"));
    REQUIRE(overflow);
    CHECK(overflow->reason == position_error_reason::overflow);
    CHECK(book.positions().size() == 2);
  }
}
