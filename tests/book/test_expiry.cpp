// Shows the end of a session: expire_day cancels every live DAY order, resting or pending stop,
// with reason expired and in sequence order, and leaves GTC orders alone.
#include <doctest/doctest.h>

#include "book_test_kit.hpp"

using namespace book_test;
using bourse::book::order_status;

TEST_CASE("expire_day cancels DAY orders in sequence order and keeps GTC orders") {
  fixture f;
  f.book.submit(limit(1, side::buy, "9.00", "1", time_in_force::day), 1);
  f.book.submit(limit(2, side::sell, "11.00", "2", time_in_force::gtc), 2);
  f.book.submit(limit(3, side::buy, "9.50", "3", time_in_force::day), 3);
  f.book.submit(stop(4, side::buy, "12.00", "4", time_in_force::day), 4);
  f.book.submit(limit(5, side::sell, "10.50", "5", time_in_force::day), 5);
  f.book.submit(limit(6, side::buy, "9.00", "6", time_in_force::gtc), 6);
  f.book.submit(limit(7, side::sell, "11.00", "7", time_in_force::day), 7);
  f.book.submit(limit(8, side::buy, "10.50", "1"), 8); // fills 1 of order 5
  f.events.take();

  f.book.expire_day(100);
  CHECK(f.events.take() == lines{"cancelled,1,1,expired", "cancelled,3,3,expired",
                                 "cancelled,4,4,expired", "cancelled,5,4,expired",
                                 "cancelled,7,7,expired"});
  CHECK(book_lines(f.book) == lines{"bid,9.00,6,6", "ask,11.00,2,2"});
  CHECK(f.book.status(4) == order_status::finished);
  CHECK(f.book.level_count(side::buy) == 1);

  SUBCASE("expired orders cannot be cancelled and a second expiry has nothing to do") {
    f.book.cancel(3, 101);
    f.book.expire_day(102);
    CHECK(f.events.take() == lines{"rejected,3,order_finished"});
  }
}

TEST_CASE("expire_day uses the sequence an order got when it last gained priority") {
  fixture f;
  f.book.submit(limit(1, side::buy, "9.00", "1", time_in_force::day), 1);
  f.book.submit(limit(2, side::buy, "9.00", "1", time_in_force::day), 2);
  order_changes bigger;
  bigger.open_qty = qty("2");
  f.book.replace(1, bigger, 3);
  f.events.take();
  f.book.expire_day(4);
  CHECK(f.events.take() == lines{"cancelled,2,1,expired", "cancelled,1,2,expired"});
}

TEST_CASE("a DAY stop-limit that triggered and rests expires like any DAY order") {
  fixture f;
  f.book.submit(stop_limit(1, side::buy, "10.00", "9.50", "2", time_in_force::day), 1);
  f.book.submit(limit(2, side::sell, "10.00", "1"), 2);
  f.book.submit(limit(3, side::buy, "10.00", "1"), 3);
  CHECK(f.book.status(1) == order_status::resting);
  f.events.take();
  f.book.expire_day(4);
  CHECK(f.events.take() == lines{"cancelled,1,2,expired"});
}
