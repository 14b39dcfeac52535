// Shows how market orders and the IOC and FOK time-in-force rules end: a market order never rests,
// an IOC remainder is cancelled, and a FOK order fills completely or not at all.
#include <doctest/doctest.h>

#include "book_test_kit.hpp"

using namespace book_test;

namespace {

// Asks of 3 at 10.00, 3 at 10.01 and 4 at 10.02 (10 in all).
void three_asks(fixture& f) {
  f.book.submit(limit(1, side::sell, "10.00", "3"), 1);
  f.book.submit(limit(2, side::sell, "10.01", "3"), 2);
  f.book.submit(limit(3, side::sell, "10.02", "4"), 3);
  f.events.take();
}

} // namespace

TEST_CASE("a market order trades through levels and its unfilled remainder is cancelled") {
  fixture f;
  three_asks(f);

  SUBCASE("a market order smaller than the book fills completely across levels") {
    f.book.submit(market(10, side::buy, "5"), 10);
    CHECK(f.events.take() == lines{"accepted,10", "trade,10,1,10.00,3", "trade,10,2,10.01,2"});
    CHECK(f.book.status(10) == bourse::book::order_status::finished);
  }

  SUBCASE("a market order larger than the book is cancelled for the rest, never rests") {
    f.book.submit(market(10, side::buy, "12"), 10);
    CHECK(f.events.take() == lines{"accepted,10", "trade,10,1,10.00,3", "trade,10,2,10.01,3",
                                   "trade,10,3,10.02,4", "cancelled,10,2,no_liquidity"});
    CHECK(book_lines(f.book).empty());
    CHECK_FALSE(f.book.best_bid().has_value());
  }

  SUBCASE("a market order against an empty side is cancelled whole") {
    f.book.submit(market(10, side::sell, "4"), 10);
    CHECK(f.events.take() == lines{"accepted,10", "cancelled,10,4,no_liquidity"});
  }
}

TEST_CASE("an IOC order trades what it can at once and its remainder is cancelled") {
  fixture f;
  three_asks(f);

  SUBCASE("the part inside the limit trades, the rest is cancelled with reason ioc") {
    f.book.submit(limit(10, side::buy, "10.01", "8", time_in_force::ioc), 10);
    CHECK(f.events.take() ==
          lines{"accepted,10", "trade,10,1,10.00,3", "trade,10,2,10.01,3", "cancelled,10,2,ioc"});
    CHECK(book_lines(f.book) == lines{"ask,10.02,3,4"});
  }

  SUBCASE("an IOC that does not cross is cancelled whole") {
    f.book.submit(limit(10, side::buy, "9.99", "2", time_in_force::ioc), 10);
    CHECK(f.events.take() == lines{"accepted,10", "cancelled,10,2,ioc"});
    CHECK(f.book.level_count(side::buy) == 0);
  }

  SUBCASE("an IOC that fills completely reports no cancel") {
    f.book.submit(limit(10, side::buy, "10.00", "3", time_in_force::ioc), 10);
    CHECK(f.events.take() == lines{"accepted,10", "trade,10,1,10.00,3"});
  }
}

TEST_CASE("a FOK order fills completely or not at all") {
  fixture f;
  three_asks(f);

  SUBCASE("enough liquidity within the limit: it fills across levels") {
    f.book.submit(limit(10, side::buy, "10.01", "6", time_in_force::fok), 10);
    CHECK(f.events.take() == lines{"accepted,10", "trade,10,1,10.00,3", "trade,10,2,10.01,3"});
    CHECK(book_lines(f.book) == lines{"ask,10.02,3,4"});
  }

  SUBCASE("liquidity beyond the limit does not count: cancelled with reason fok, no trade") {
    f.book.submit(limit(10, side::buy, "10.01", "7", time_in_force::fok), 10);
    CHECK(f.events.take() == lines{"accepted,10", "cancelled,10,7,fok"});
    CHECK(f.events.trades.empty());
    CHECK(book_lines(f.book) == lines{"ask,10.00,1,3", "ask,10.01,2,3", "ask,10.02,3,4"});
    CHECK_FALSE(f.book.last_trade_price().has_value());
  }

  SUBCASE("a FOK market order takes the whole book when it is enough") {
    f.book.submit(market(10, side::buy, "10", time_in_force::fok), 10);
    CHECK(f.events.take() ==
          lines{"accepted,10", "trade,10,1,10.00,3", "trade,10,2,10.01,3", "trade,10,3,10.02,4"});
    CHECK(book_lines(f.book).empty());
  }

  SUBCASE("a FOK market order larger than the book does not trade at all") {
    f.book.submit(market(10, side::buy, "11", time_in_force::fok), 10);
    CHECK(f.events.take() == lines{"accepted,10", "cancelled,10,11,fok"});
    CHECK(book_lines(f.book).size() == 3);
  }
}

TEST_CASE("GTC and DAY limit orders rest their remainder") {
  fixture f;
  f.book.submit(limit(1, side::sell, "10.00", "2"), 1);
  f.book.submit(limit(2, side::buy, "10.00", "5", time_in_force::day), 2);
  f.book.submit(limit(3, side::buy, "9.00", "1", time_in_force::gtc), 3);
  CHECK(f.events.take() == lines{"accepted,1", "accepted,2", "trade,2,1,10.00,2", "accepted,3"});
  CHECK(book_lines(f.book) == lines{"bid,10.00,2,3", "bid,9.00,3,1"});
}
