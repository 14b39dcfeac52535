// Shows stop and stop-limit orders: they wait in a trigger list until the last trade price reaches
// the stop, then act as a market or limit order; triggers cascade in a documented order.
#include <doctest/doctest.h>

#include "book_test_kit.hpp"

using namespace book_test;
using bourse::book::order_status;

namespace {

// Prints one trade at `at` between two fresh ids (`id`, `id + 1`) so that the last price moves.
void print_trade(fixture& f, order_id id, const char* at) {
  f.book.submit(limit(id, side::sell, at, "1"), static_cast<bourse::timestamp>(id));
  f.book.submit(limit(id + 1, side::buy, at, "1"), static_cast<bourse::timestamp>(id + 1));
}

} // namespace

TEST_CASE("a stop order waits until the last trade price reaches its stop") {
  fixture f;
  f.book.submit(limit(1, side::sell, "10.20", "5"), 1);
  f.book.submit(stop(2, side::buy, "10.10", "3"), 2);
  CHECK(f.events.take() == lines{"accepted,1", "accepted,2"});
  CHECK(f.book.status(2) == order_status::pending_stop);
  auto v = f.book.find(2);
  REQUIRE(v.has_value());
  CHECK(v->stop_price == px("10.10"));
  CHECK_FALSE(v->limit_price.has_value());
  CHECK(book_lines(f.book) == lines{"ask,10.20,1,5"}); // stops are not in the book

  SUBCASE("a trade below a buy stop does not trigger it") {
    print_trade(f, 10, "10.09");
    CHECK(f.events.take() == lines{"accepted,10", "accepted,11", "trade,11,10,10.09,1"});
    CHECK(f.book.status(2) == order_status::pending_stop);
  }

  SUBCASE("a trade at the stop triggers a buy stop, which then trades as a market order") {
    print_trade(f, 10, "10.10");
    CHECK(f.events.take() == lines{"accepted,10", "accepted,11", "trade,11,10,10.10,1",
                                   "triggered,2", "trade,2,1,10.20,3"});
    CHECK(book_lines(f.book) == lines{"ask,10.20,1,2"});
    CHECK(f.book.last_trade_price() == px("10.20"));
  }

  SUBCASE("a trade through the stop triggers it too") {
    f.book.submit(limit(10, side::sell, "10.15", "1"), 10);
    f.book.submit(market(11, side::buy, "1"), 11);
    CHECK(f.events.take() == lines{"accepted,10", "accepted,11", "trade,11,10,10.15,1",
                                   "triggered,2", "trade,2,1,10.20,3"});
  }
}

TEST_CASE("a sell stop triggers when the last trade is at or below its stop") {
  fixture f;
  f.book.submit(limit(1, side::buy, "9.50", "5"), 1);
  f.book.submit(stop(2, side::sell, "9.90", "8"), 2);
  print_trade(f, 10, "9.91");
  CHECK(f.book.status(2) == order_status::pending_stop);
  f.events.take();
  print_trade(f, 20, "9.90");
  CHECK(f.events.take() == lines{"accepted,20", "accepted,21", "trade,21,20,9.90,1", "triggered,2",
                                 "trade,2,1,9.50,5", "cancelled,2,3,no_liquidity"});
}

TEST_CASE("a triggered stop-limit order acts as a limit order and rests its remainder") {
  fixture f;
  f.book.submit(limit(1, side::sell, "10.20", "2"), 1);
  f.book.submit(limit(2, side::sell, "10.40", "2"), 2);
  f.book.submit(stop_limit(3, side::buy, "10.10", "10.30", "5"), 3);
  f.events.take();
  print_trade(f, 10, "10.10");
  CHECK(f.events.take() == lines{"accepted,10", "accepted,11", "trade,11,10,10.10,1", "triggered,3",
                                 "trade,3,1,10.20,2"});
  CHECK(book_lines(f.book) == lines{"bid,10.30,3,3", "ask,10.40,2,2"});
  CHECK(f.book.status(3) == order_status::resting);
  auto v = f.book.find(3);
  REQUIRE(v.has_value());
  CHECK(v->filled_qty == qty("2"));
}

TEST_CASE("a stop whose stop the last trade has already reached triggers on submission") {
  fixture f;
  f.book.submit(limit(1, side::sell, "10.50", "5"), 1);

  SUBCASE("without any trade yet the stop waits") {
    f.book.submit(stop(2, side::buy, "10.00", "1"), 2);
    CHECK(f.events.take() == lines{"accepted,1", "accepted,2"});
    CHECK(f.book.status(2) == order_status::pending_stop);
  }

  SUBCASE("after a trade at 10.00 a buy stop at 9.90 triggers at once") {
    print_trade(f, 10, "10.00");
    f.events.take();
    f.book.submit(stop(2, side::buy, "9.90", "1"), 20);
    CHECK(f.events.take() == lines{"accepted,2", "triggered,2", "trade,2,1,10.50,1"});
  }

  SUBCASE("after a trade at 10.00 a stop-limit sell at 10.00 triggers at once and rests") {
    print_trade(f, 10, "10.00");
    f.events.take();
    f.book.submit(stop_limit(2, side::sell, "10.00", "10.45", "1"), 20);
    CHECK(f.events.take() == lines{"accepted,2", "triggered,2"});
    CHECK(book_lines(f.book) == lines{"ask,10.45,2,1", "ask,10.50,1,5"});
  }
}

TEST_CASE("stops triggered by one trade run in submission order, after the triggering order") {
  fixture f;
  f.book.submit(limit(1, side::sell, "10.00", "1"), 1);
  f.book.submit(limit(2, side::sell, "10.10", "1"), 2);
  f.book.submit(limit(3, side::sell, "10.20", "1"), 3);
  // Three buy stops that the same trade at 10.00 reaches; submitted out of stop-price order.
  f.book.submit(stop(20, side::buy, "9.95", "1"), 4);
  f.book.submit(stop(21, side::buy, "10.00", "1"), 5);
  f.book.submit(stop(22, side::buy, "9.90", "1"), 6);
  f.events.take();
  f.book.submit(limit(30, side::buy, "10.00", "1"), 7);
  CHECK(f.events.take() == lines{"accepted,30", "trade,30,1,10.00,1", "triggered,20",
                                 "trade,20,2,10.10,1", "triggered,21", "trade,21,3,10.20,1",
                                 "triggered,22", "cancelled,22,1,no_liquidity"});
}

TEST_CASE("a triggered stop's trades trigger further stops (cascade)") {
  fixture f;
  f.book.submit(limit(1, side::buy, "9.90", "1"), 1);
  f.book.submit(limit(2, side::buy, "9.80", "1"), 2);
  f.book.submit(limit(3, side::buy, "9.70", "2"), 3);
  f.book.submit(stop(10, side::sell, "9.80", "1"), 4); // reached only by the trade at 9.80
  f.book.submit(stop(11, side::sell, "9.90", "1"), 5); // reached by the first trade at 9.90
  f.book.submit(stop_limit(12, side::sell, "9.70", "9.60", "1"), 6);
  f.events.take();

  f.book.submit(market(20, side::sell, "1"), 7);
  CHECK(f.events.take() == lines{"accepted,20", "trade,20,1,9.90,1", "triggered,11",
                                 "trade,11,2,9.80,1", "triggered,10", "trade,10,3,9.70,1",
                                 "triggered,12", "trade,12,3,9.70,1"});
  CHECK(book_lines(f.book).empty());
  CHECK(f.book.last_trade_price() == px("9.70"));
}

TEST_CASE("a stop elected by a trade still triggers when later trades move the price back") {
  fixture f;
  f.book.submit(limit(1, side::sell, "10.00", "1"), 1);
  f.book.submit(limit(2, side::sell, "10.20", "1"), 2);
  f.book.submit(limit(3, side::buy, "9.00", "1"), 3);
  f.book.submit(stop(10, side::buy, "10.00", "1"), 4);  // buys at 10.20
  f.book.submit(stop(11, side::sell, "10.00", "1"), 5); // sell stop: 10.00 <= 10.00 as well
  f.events.take();
  f.book.submit(market(20, side::buy, "1"), 6);
  CHECK(f.events.take() == lines{"accepted,20", "trade,20,1,10.00,1", "triggered,10",
                                 "trade,10,2,10.20,1", "triggered,11", "trade,11,3,9.00,1"});
}

TEST_CASE("pending stops can be listed, cancelled and expired") {
  fixture f;
  f.book.submit(stop(1, side::buy, "10.10", "1"), 1);
  f.book.submit(stop_limit(2, side::sell, "9.90", "9.80", "2", time_in_force::day), 2);
  f.book.submit(stop(3, side::sell, "9.00", "3"), 3);
  f.events.take();

  std::vector<order_id> ids;
  f.book.for_each_stop([&](const bourse::book::order_view& o) { ids.push_back(o.id); });
  CHECK(ids == std::vector<order_id>{1, 2, 3});

  f.book.cancel(1, 10);
  f.book.expire_day(11);
  CHECK(f.events.take() == lines{"cancelled,1,1,user", "cancelled,2,2,expired"});
  CHECK(f.book.status(3) == order_status::pending_stop);
  print_trade(f, 20, "10.10");
  CHECK(f.events.take() == lines{"accepted,20", "accepted,21", "trade,21,20,10.10,1"});
}
