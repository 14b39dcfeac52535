// Shows cancel and replace: who may be cancelled, and which replaces keep or lose time priority.
// A replace's quantity is the new OPEN quantity (what is left to fill), not a new total.
#include <doctest/doctest.h>

#include "book_test_kit.hpp"

using namespace book_test;
using bourse::book::order_status;

namespace {

order_changes new_qty(const char* q) {
  order_changes c;
  c.open_qty = qty(q);
  return c;
}

order_changes new_price(const char* p) {
  order_changes c;
  c.limit_price = px(p);
  return c;
}

// Bids 1, 2, 3 at 10.00 (5 each) in that time order.
void three_bids(fixture& f) {
  for (order_id id = 1; id <= 3; ++id)
    f.book.submit(limit(id, side::buy, "10.00", "5"), static_cast<bourse::timestamp>(id));
  f.events.take();
}

} // namespace

TEST_CASE("cancel removes a live order and reports its open quantity") {
  fixture f;
  three_bids(f);

  SUBCASE("a resting order is cancelled with reason user and leaves the queue") {
    f.book.cancel(2, 10);
    CHECK(f.events.take() == lines{"cancelled,2,5,user"});
    CHECK(book_lines(f.book) == lines{"bid,10.00,1,5", "bid,10.00,3,5"});
    CHECK(f.book.status(2) == order_status::finished);
    CHECK(f.book.depth_at(side::buy, px("10.00")) == qty("10"));
  }

  SUBCASE("a partly filled order reports only what is left") {
    f.book.submit(limit(9, side::sell, "10.00", "2"), 10);
    f.events.take();
    f.book.cancel(1, 11);
    CHECK(f.events.take() == lines{"cancelled,1,3,user"});
  }

  SUBCASE("cancelling the last order of a level removes the level") {
    f.book.submit(limit(9, side::buy, "9.00", "1"), 10);
    f.book.cancel(9, 11);
    CHECK(f.book.level_count(side::buy) == 1);
  }

  SUBCASE("a second cancel is refused with order_finished, a never-seen id with unknown_id") {
    f.book.cancel(2, 10);
    f.book.cancel(2, 11);
    f.book.cancel(42, 12);
    CHECK(f.events.take() ==
          lines{"cancelled,2,5,user", "rejected,2,order_finished", "rejected,42,unknown_id"});
  }

  SUBCASE("a filled order cannot be cancelled") {
    f.book.submit(limit(9, side::sell, "10.00", "5"), 10);
    f.events.take();
    f.book.cancel(1, 11);
    f.book.cancel(9, 12);
    CHECK(f.events.take() == lines{"rejected,1,order_finished", "rejected,9,order_finished"});
  }
}

TEST_CASE("replace keeps time priority only for a pure quantity decrease") {
  fixture f;
  three_bids(f);

  SUBCASE("a quantity decrease keeps the order's place") {
    f.book.replace(1, new_qty("2"), 10);
    CHECK(f.events.take() == lines{"replaced,1,10.00,2"});
    CHECK(book_lines(f.book) == lines{"bid,10.00,1,2", "bid,10.00,2,5", "bid,10.00,3,5"});
    CHECK(f.book.depth_at(side::buy, px("10.00")) == qty("12"));
  }

  SUBCASE("the same price with a smaller quantity still keeps the place") {
    order_changes c = new_price("10.00");
    c.open_qty = qty("4");
    f.book.replace(1, c, 10);
    CHECK(book_lines(f.book) == lines{"bid,10.00,1,4", "bid,10.00,2,5", "bid,10.00,3,5"});
  }

  SUBCASE("a quantity increase sends the order to the back of its level") {
    f.book.replace(1, new_qty("6"), 10);
    CHECK(f.events.take() == lines{"replaced,1,10.00,6"});
    CHECK(book_lines(f.book) == lines{"bid,10.00,2,5", "bid,10.00,3,5", "bid,10.00,1,6"});
    CHECK(f.book.depth_at(side::buy, px("10.00")) == qty("16"));
  }

  SUBCASE("a price change loses priority even when the price comes back") {
    f.book.replace(1, new_price("10.01"), 10);
    CHECK(book_lines(f.book) == lines{"bid,10.01,1,5", "bid,10.00,2,5", "bid,10.00,3,5"});
    f.book.replace(1, new_price("10.00"), 11);
    CHECK(f.events.take() == lines{"replaced,1,10.01,5", "replaced,1,10.00,5"});
    CHECK(book_lines(f.book) == lines{"bid,10.00,2,5", "bid,10.00,3,5", "bid,10.00,1,5"});
    CHECK(f.book.level_count(side::buy) == 1);
  }

  SUBCASE("the replaced order's time priority is visible in the lookup") {
    auto before = f.book.find(1);
    f.book.replace(1, new_qty("9"), 10);
    auto after = f.book.find(1);
    REQUIRE(before.has_value());
    REQUIRE(after.has_value());
    CHECK(after->sequence > f.book.find(3)->sequence);
    CHECK(after->ts == 10);
    CHECK(before->ts == 1);
  }
}

TEST_CASE("a replace quantity is the new open quantity of a partly filled order") {
  fixture f;
  f.book.submit(limit(1, side::sell, "10.00", "10"), 1);
  f.book.submit(limit(2, side::sell, "10.00", "5"), 2);
  f.book.submit(limit(3, side::buy, "10.00", "4"), 3); // order 1: 4 filled, 6 open
  f.events.take();

  SUBCASE("asking for 3 open is a decrease and keeps the head of the queue") {
    f.book.replace(1, new_qty("3"), 10);
    CHECK(f.events.take() == lines{"replaced,1,10.00,3"});
    CHECK(book_lines(f.book) == lines{"ask,10.00,1,3", "ask,10.00,2,5"});
    CHECK(f.book.find(1)->filled_qty == qty("4"));
  }

  SUBCASE("asking for 8 open is an increase, although 8 is less than the original 10") {
    f.book.replace(1, new_qty("8"), 10);
    CHECK(book_lines(f.book) == lines{"ask,10.00,2,5", "ask,10.00,1,8"});
  }
}

TEST_CASE("a replaced price that crosses matches like a new incoming order") {
  fixture f;
  f.book.submit(limit(1, side::sell, "10.05", "3"), 1);
  f.book.submit(limit(2, side::sell, "10.10", "3"), 2);
  f.book.submit(limit(3, side::buy, "10.00", "5"), 3);
  f.events.take();

  f.book.replace(3, new_price("10.05"), 10);
  CHECK(f.events.take() == lines{"replaced,3,10.05,5", "trade,3,1,10.05,3"});
  CHECK(book_lines(f.book) == lines{"bid,10.05,3,2", "ask,10.10,2,3"});

  f.book.replace(3, new_price("10.20"), 11);
  CHECK(f.events.take() == lines{"replaced,3,10.20,2", "trade,3,2,10.10,2"});
  CHECK(book_lines(f.book) == lines{"ask,10.10,2,1"});
  CHECK(f.book.status(3) == order_status::finished);
}

TEST_CASE("a replace that is refused leaves the order unchanged") {
  fixture f;
  f.book.submit(limit(1, side::buy, "10.00", "5"), 1);
  f.book.submit(stop(2, side::buy, "11.00", "5"), 2);
  f.events.take();

  f.book.replace(1, new_qty("0"), 10);
  f.book.replace(1, new_qty("-1"), 11);
  f.book.replace(1, new_price("10.001"), 12);
  f.book.replace(1, new_price("0"), 13);
  order_changes stop_change;
  stop_change.stop_price = px("10.50");
  f.book.replace(1, stop_change, 14);
  f.book.replace(2, new_price("11.00"), 15);
  f.book.replace(7, new_qty("1"), 16);
  f.book.cancel(1, 17);
  f.book.replace(1, new_qty("1"), 18);
  CHECK(f.events.take() ==
        lines{"rejected,1,non_positive_quantity", "rejected,1,non_positive_quantity",
              "rejected,1,off_tick", "rejected,1,non_positive_price",
              "rejected,1,unexpected_stop_price", "rejected,2,unexpected_price",
              "rejected,7,unknown_id", "cancelled,1,5,user", "rejected,1,order_finished"});
}

TEST_CASE("a pending stop can be replaced: a new stop price may trigger it at once") {
  fixture f;
  f.book.submit(limit(1, side::sell, "10.00", "1"), 1);
  f.book.submit(limit(2, side::buy, "10.00", "1"), 2); // last trade 10.00
  f.book.submit(limit(3, side::sell, "10.30", "9"), 3);
  f.book.submit(stop(4, side::buy, "10.50", "2"), 4);
  f.book.submit(stop(5, side::buy, "10.50", "2"), 5);
  f.events.take();

  SUBCASE("a quantity decrease keeps its trigger priority") {
    f.book.replace(4, new_qty("1"), 10);
    std::vector<order_id> ids;
    f.book.for_each_stop([&](const bourse::book::order_view& o) { ids.push_back(o.id); });
    CHECK(ids == std::vector<order_id>{4, 5});
  }

  SUBCASE("a quantity increase loses it") {
    f.book.replace(4, new_qty("3"), 10);
    std::vector<order_id> ids;
    f.book.for_each_stop([&](const bourse::book::order_view& o) { ids.push_back(o.id); });
    CHECK(ids == std::vector<order_id>{5, 4});
  }

  SUBCASE("moving the stop to a price already traded triggers it") {
    order_changes c;
    c.stop_price = px("9.90");
    f.book.replace(5, c, 10);
    CHECK(f.events.take() == lines{"replaced,5,9.90,2", "triggered,5", "trade,5,3,10.30,2"});
    CHECK(f.book.status(4) == order_status::pending_stop);
  }
}
