// Shows every reason a new order is rejected, and that a rejected order leaves no trace: its id is
// not taken and the book is unchanged.
#include <doctest/doctest.h>

#include "book_test_kit.hpp"

using namespace book_test;
using bourse::order_type;
using bourse::book::reject_reason;

namespace {

std::string first_reason(const new_order& order) {
  fixture f;
  f.book.submit(order, 1);
  auto events = f.events.take();
  REQUIRE(events.size() == 1);
  return events.front();
}

} // namespace

TEST_CASE("a new order is rejected with a typed reason for each kind of bad field") {
  SUBCASE("non-positive quantity") {
    CHECK(first_reason(limit(1, side::buy, "10.00", "0")) == "rejected,1,non_positive_quantity");
    CHECK(first_reason(limit(1, side::buy, "10.00", "-3")) == "rejected,1,non_positive_quantity");
    CHECK(first_reason(market(1, side::sell, "0")) == "rejected,1,non_positive_quantity");
  }
  SUBCASE("quantity off the lot grid") {
    CHECK(first_reason(limit(1, side::buy, "10.00", "1.5")) == "rejected,1,off_lot");
  }
  SUBCASE("price off the tick grid") {
    CHECK(first_reason(limit(1, side::buy, "10.005", "1")) == "rejected,1,off_tick");
    CHECK(first_reason(stop(1, side::buy, "10.001", "1")) == "rejected,1,off_tick");
    CHECK(first_reason(stop_limit(1, side::buy, "10.00", "10.0001", "1")) == "rejected,1,off_tick");
  }
  SUBCASE("non-positive limit or stop price") {
    CHECK(first_reason(limit(1, side::buy, "0", "1")) == "rejected,1,non_positive_price");
    CHECK(first_reason(limit(1, side::sell, "-1.00", "1")) == "rejected,1,non_positive_price");
    CHECK(first_reason(stop(1, side::sell, "0.00", "1")) == "rejected,1,non_positive_price");
  }
  SUBCASE("a limit or stop-limit order without a limit price") {
    new_order o = limit(1, side::buy, "10.00", "1");
    o.limit_price.reset();
    CHECK(first_reason(o) == "rejected,1,missing_price");
    o = stop_limit(1, side::buy, "10.00", "10.00", "1");
    o.limit_price.reset();
    CHECK(first_reason(o) == "rejected,1,missing_price");
  }
  SUBCASE("a market or stop order with a limit price") {
    new_order o = market(1, side::buy, "1");
    o.limit_price = px("10.00");
    CHECK(first_reason(o) == "rejected,1,unexpected_price");
    o = stop(1, side::buy, "10.00", "1");
    o.limit_price = px("10.00");
    CHECK(first_reason(o) == "rejected,1,unexpected_price");
  }
  SUBCASE("a stop or stop-limit order without a stop price") {
    new_order o = stop(1, side::buy, "10.00", "1");
    o.stop_price.reset();
    CHECK(first_reason(o) == "rejected,1,missing_stop_price");
    o = stop_limit(1, side::buy, "10.00", "10.00", "1");
    o.stop_price.reset();
    CHECK(first_reason(o) == "rejected,1,missing_stop_price");
  }
  SUBCASE("a limit or market order with a stop price") {
    new_order o = limit(1, side::buy, "10.00", "1");
    o.stop_price = px("10.00");
    CHECK(first_reason(o) == "rejected,1,unexpected_stop_price");
  }
  SUBCASE("the quantity is checked before the prices") {
    CHECK(first_reason(limit(1, side::buy, "10.005", "0")) == "rejected,1,non_positive_quantity");
  }
}

TEST_CASE("an id may be used by one accepted order only, for the life of the book") {
  fixture f;
  f.book.submit(limit(1, side::buy, "10.00", "1"), 1);
  f.book.submit(limit(1, side::sell, "11.00", "1"), 2);
  CHECK(f.events.take() == lines{"accepted,1", "rejected,1,duplicate_id"});
  CHECK(book_lines(f.book) == lines{"bid,10.00,1,1"});

  SUBCASE("a finished order's id stays taken") {
    f.book.cancel(1, 3);
    f.book.submit(limit(1, side::buy, "10.00", "1"), 4);
    CHECK(f.events.take() == lines{"cancelled,1,1,user", "rejected,1,duplicate_id"});
  }

  SUBCASE("a rejected order's id is not taken") {
    f.book.submit(limit(2, side::buy, "10.001", "1"), 3);
    f.book.submit(limit(2, side::buy, "10.00", "1"), 4);
    CHECK(f.events.take() == lines{"rejected,2,off_tick", "accepted,2"});
    CHECK(f.book.status(2) == bourse::book::order_status::resting);
  }

  SUBCASE("rejections tell which request they answer") {
    struct kinds final : bourse::book::listener {
      std::vector<bourse::book::request_kind> seen;
      void on_rejected(order_id, bourse::book::request_kind kind, reject_reason,
                       bourse::timestamp) override {
        seen.push_back(kind);
      }
    } k;
    bourse::book::order_book book{make_instrument(), k};
    book.submit(limit(1, side::buy, "10.00", "0"), 1);
    book.cancel(1, 2);
    book.replace(1, order_changes{}, 3);
    CHECK(k.seen == std::vector<bourse::book::request_kind>{bourse::book::request_kind::submit,
                                                            bourse::book::request_kind::cancel,
                                                            bourse::book::request_kind::replace});
  }
}

TEST_CASE("reason names are snake_case words") {
  CHECK(to_string(reject_reason::duplicate_id) == "duplicate_id");
  CHECK(to_string(reject_reason::order_finished) == "order_finished");
  CHECK(to_string(reject_reason::unexpected_stop_price) == "unexpected_stop_price");
  CHECK(to_string(bourse::book::cancel_reason::no_liquidity) == "no_liquidity");
  CHECK(to_string(bourse::book::cancel_reason::expired) == "expired");
  CHECK(to_string(bourse::book::order_status::pending_stop) == "pending_stop");
  CHECK(to_string(bourse::book::request_kind::replace) == "replace");
}
