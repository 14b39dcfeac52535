// Shows the core matching rules for limit orders: price-time priority, trades at the resting
// order's price, partial fills, sweeping several levels, and the book queries.
#include <doctest/doctest.h>

#include "book_test_kit.hpp"

using namespace book_test;

TEST_CASE("non-crossing limit orders rest and the book reports best prices and depth") {
  fixture f;
  f.book.submit(limit(1, side::buy, "9.99", "5"), 1);
  f.book.submit(limit(2, side::buy, "9.98", "7"), 2);
  f.book.submit(limit(3, side::buy, "9.99", "3"), 3);
  f.book.submit(limit(4, side::sell, "10.01", "4"), 4);
  f.book.submit(limit(5, side::sell, "10.02", "6"), 5);
  CHECK(f.events.take() ==
        lines{"accepted,1", "accepted,2", "accepted,3", "accepted,4", "accepted,5"});

  CHECK(f.book.best_bid() == px("9.99"));
  CHECK(f.book.best_ask() == px("10.01"));
  CHECK_FALSE(f.book.last_trade_price().has_value());
  CHECK(f.book.level_count(side::buy) == 2);
  CHECK(f.book.level_count(side::sell) == 2);

  SUBCASE("levels are ranked from the best price and sum their open quantity") {
    auto best = f.book.level(side::buy, 0);
    REQUIRE(best.has_value());
    CHECK(best->px == px("9.99"));
    CHECK(best->open_qty == qty("8"));
    CHECK(best->orders == 2);
    auto second = f.book.level(side::buy, 1);
    REQUIRE(second.has_value());
    CHECK(second->px == px("9.98"));
    CHECK(second->open_qty == qty("7"));
    CHECK_FALSE(f.book.level(side::buy, 2).has_value());
    CHECK(f.book.depth_at(side::sell, px("10.02")) == qty("6"));
    CHECK(f.book.depth_at(side::sell, px("10.05")) == qty("0"));
  }

  SUBCASE("resting orders iterate best price first, then time priority") {
    CHECK(book_lines(f.book) ==
          lines{"bid,9.99,1,5", "bid,9.99,3,3", "bid,9.98,2,7", "ask,10.01,4,4", "ask,10.02,5,6"});
  }

  SUBCASE("an order lookup shows the live order") {
    auto o = f.book.find(3);
    REQUIRE(o.has_value());
    CHECK(o->side == side::buy);
    CHECK(o->limit_price == px("9.99"));
    CHECK_FALSE(o->stop_price.has_value());
    CHECK(o->open_qty == qty("3"));
    CHECK(o->filled_qty == qty("0"));
    CHECK(o->ts == 3);
    CHECK(f.book.status(3) == bourse::book::order_status::resting);
    CHECK(f.book.status(99) == bourse::book::order_status::unknown);
    CHECK_FALSE(f.book.find(99).has_value());
  }
}

TEST_CASE("an incoming order trades at the resting order's price, oldest order first") {
  fixture f;
  f.book.submit(limit(1, side::sell, "10.00", "5"), 1);
  f.book.submit(limit(2, side::sell, "10.00", "5"), 2);
  f.events.take();

  SUBCASE("a buy limit above the ask pays the ask and fills the first order in time") {
    f.book.submit(limit(3, side::buy, "10.50", "4"), 3);
    CHECK(f.events.take() == lines{"accepted,3", "trade,3,1,10.00,4"});
    CHECK(f.book.last_trade_price() == px("10.00"));
    CHECK(book_lines(f.book) == lines{"ask,10.00,1,1", "ask,10.00,2,5"});
    REQUIRE(f.events.trades.size() == 1);
    CHECK(f.events.trades[0].taker_side == side::buy);
    CHECK(f.events.trades[0].id == 1);
  }

  SUBCASE("a partial fill of the taker rests its remainder at its own limit") {
    f.book.submit(limit(3, side::buy, "10.00", "12"), 3);
    CHECK(f.events.take() == lines{"accepted,3", "trade,3,1,10.00,5", "trade,3,2,10.00,5"});
    CHECK(book_lines(f.book) == lines{"bid,10.00,3,2"});
    auto o = f.book.find(3);
    REQUIRE(o.has_value());
    CHECK(o->filled_qty == qty("10"));
    CHECK(o->open_qty == qty("2"));
    CHECK(f.book.status(1) == bourse::book::order_status::finished);
  }

  SUBCASE("a maker partially filled keeps its place at the head of the queue") {
    f.book.submit(limit(3, side::buy, "10.00", "2"), 3);
    f.book.submit(limit(4, side::buy, "10.00", "2"), 4);
    CHECK(f.events.take() ==
          lines{"accepted,3", "trade,3,1,10.00,2", "accepted,4", "trade,4,1,10.00,2"});
    CHECK(book_lines(f.book) == lines{"ask,10.00,1,1", "ask,10.00,2,5"});
  }
}

TEST_CASE("an aggressive order sweeps levels from the best price until its limit") {
  fixture f;
  f.book.submit(limit(1, side::buy, "10.00", "3"), 1);
  f.book.submit(limit(2, side::buy, "9.99", "3"), 2);
  f.book.submit(limit(3, side::buy, "9.98", "3"), 3);
  f.events.take();

  f.book.submit(limit(4, side::sell, "9.99", "10"), 4);
  CHECK(f.events.take() == lines{"accepted,4", "trade,4,1,10.00,3", "trade,4,2,9.99,3"});
  CHECK(f.book.last_trade_price() == px("9.99"));
  CHECK(book_lines(f.book) == lines{"bid,9.98,3,3", "ask,9.99,4,4"});
  CHECK(f.book.level_count(side::buy) == 1);
}

TEST_CASE("prices given with more decimals than the tick are accepted when on the grid") {
  fixture f;
  f.book.submit(limit(1, side::sell, "10.5", "1"), 1);
  f.book.submit(limit(2, side::buy, "10.500", "1"), 2);
  CHECK(f.events.take() == lines{"accepted,1", "accepted,2", "trade,2,1,10.50,1"});
}

TEST_CASE("a coarse tick and a fractional lot are honoured") {
  recorder events;
  bourse::book::order_book book{make_instrument("0.05", "0.1"), events};
  book.submit(limit(1, side::sell, "10.05", "0.3"), 1);
  book.submit(limit(2, side::sell, "10.03", "1"), 2);
  book.submit(limit(3, side::sell, "10.10", "0.25"), 3);
  book.submit(limit(4, side::buy, "10.10", "0.2"), 4);
  CHECK(events.take() == lines{"accepted,1", "rejected,2,off_tick", "rejected,3,off_lot",
                               "accepted,4", "trade,4,1,10.05,0.2"});
  CHECK(book_lines(book) == lines{"ask,10.05,1,0.1"});
}
