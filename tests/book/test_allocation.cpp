// Shows that the hot path does not allocate: once the book is built with enough capacity, adds,
// cancels, replaces and matching orders make no heap allocation (calls of operator new counted with
// counting_new.hpp), and checks the book's capacity counters.
#include <doctest/doctest.h>

#include "book_test_kit.hpp"
#include "counting_new.hpp"

using bourse::testing::heap_allocations;

using namespace book_test;

namespace {

// Counts events without allocating.
struct counting_listener final : bourse::book::listener {
  std::size_t accepted = 0, trades = 0, cancelled = 0, replaced = 0, rejected = 0, triggered = 0;
  void on_accepted(order_id, bourse::timestamp) override { ++accepted; }
  void on_rejected(order_id, bourse::book::request_kind, bourse::book::reject_reason,
                   bourse::timestamp) override {
    ++rejected;
  }
  void on_trade(const bourse::book::trade_event&) override { ++trades; }
  void on_cancelled(order_id, quantity, bourse::book::cancel_reason, bourse::timestamp) override {
    ++cancelled;
  }
  void on_replaced(const bourse::book::order_view&, bourse::timestamp) override { ++replaced; }
  void on_triggered(order_id, bourse::timestamp) override { ++triggered; }
};

new_order make(order_id id, side s, bourse::order_type type, std::int64_t cents, std::int64_t q) {
  new_order o;
  o.id = id;
  o.side = s;
  o.type = type;
  if (type == bourse::order_type::limit || type == bourse::order_type::stop_limit)
    o.limit_price = price::from_raw(cents, 2);
  if (type == bourse::order_type::stop || type == bourse::order_type::stop_limit)
    o.stop_price = price::from_raw(cents, 2);
  o.qty = quantity::from_units(q);
  return o;
}

} // namespace

TEST_CASE("adds, cancels, replaces and matches within capacity make no heap allocation") {
  counting_listener events;
  bourse::book::book_config config;
  config.order_capacity = 8192;
  config.id_capacity = 16384;
  config.level_capacity = 256;
  config.stop_capacity = 64;
  bourse::book::order_book book{make_instrument(), events, config};
  auto before_stats = book.stats();

  std::size_t before = heap_allocations();
  order_id id = 1;
  auto add = [&](side s, bourse::order_type type, std::int64_t cents, std::int64_t q) {
    order_id next = id++;
    book.submit(make(next, s, type, cents, q), static_cast<bourse::timestamp>(next));
  };
  // 4000 resting orders over 100 levels a side.
  for (int i = 0; i < 2000; ++i) {
    add(side::buy, bourse::order_type::limit, 9999 - i % 100, 1 + i % 7);
    add(side::sell, bourse::order_type::limit, 10001 + i % 100, 1 + i % 7);
  }
  // Stops that the sweeps below trigger.
  for (int i = 0; i < 20; ++i)
    add(side::buy, bourse::order_type::stop, 10005 + i, 2);
  // Cancels and replaces of the first orders.
  for (order_id target = 1; target <= 400; target += 2)
    book.cancel(target, static_cast<bourse::timestamp>(id));
  order_changes smaller;
  smaller.open_qty = quantity::from_units(1);
  order_changes moved;
  moved.limit_price = price::from_raw(9950, 2);
  for (order_id target = 402; target <= 800; target += 4) {
    book.replace(target, smaller, static_cast<bourse::timestamp>(id));
    book.replace(target + 2, moved, static_cast<bourse::timestamp>(id));
  }
  // Aggressive orders that sweep several levels each.
  for (int i = 0; i < 50; ++i) {
    add(side::buy, bourse::order_type::limit, 10030, 40);
    add(side::sell, bourse::order_type::market, 0, 30);
  }
  std::size_t after = heap_allocations();

  CHECK(after == before);
  CHECK(events.accepted == 4120);
  CHECK(events.trades > 100);
  // The bids hold about 8000 units, so the 1500 sold at market fill completely: the only cancels
  // are the 200 user cancels. The buys at 100.30 lift the last price past every stop
  // (100.05-100.24).
  CHECK(events.cancelled == 200);
  CHECK(events.triggered == 20);
  CHECK(events.replaced == 200);
  CHECK(events.rejected == 0);
  auto after_stats = book.stats();
  CHECK(after_stats.pool_grows == 0);
  CHECK(after_stats.id_grows == 0);
  CHECK(after_stats.bid_level_capacity == before_stats.bid_level_capacity);
  CHECK(after_stats.ask_level_capacity == before_stats.ask_level_capacity);
}

TEST_CASE("the pool and the id table grow when a book outgrows its capacity, keeping every order") {
  bourse::book::null_listener quiet;
  bourse::book::book_config config;
  config.order_capacity = 4;
  config.id_capacity = 4;
  bourse::book::order_book book{make_instrument(), quiet, config};
  auto start = book.stats();
  CHECK(start.pool_capacity == 4);
  for (order_id id = 1; id <= 100; ++id)
    book.submit(make(id, side::buy, bourse::order_type::limit,
                     10000 - static_cast<std::int64_t>(id), static_cast<std::int64_t>(id)),
                static_cast<bourse::timestamp>(id));
  auto grown = book.stats();
  CHECK(grown.pool_in_use == 100);
  CHECK(grown.pool_capacity == 128);
  CHECK(grown.pool_grows == 5);
  CHECK(grown.ids == 100);
  CHECK(grown.id_grows > 0);
  CHECK(grown.id_slots * 7 >= grown.ids * 10);
  for (order_id id = 1; id <= 100; ++id) {
    auto o = book.find(id);
    REQUIRE(o.has_value());
    CHECK(o->open_qty == quantity::from_units(static_cast<std::int64_t>(id)));
    CHECK(o->limit_price == price::from_raw(10000 - static_cast<std::int64_t>(id), 2));
  }
  CHECK(book.level_count(side::buy) == 100);
  CHECK(book.best_bid() == px("99.99"));

  SUBCASE("clear forgets everything but keeps the capacity") {
    book.clear();
    auto cleared = book.stats();
    CHECK(cleared.pool_in_use == 0);
    CHECK(cleared.ids == 0);
    CHECK(cleared.pool_capacity == 128);
    CHECK(book.status(1) == bourse::book::order_status::unknown);
    CHECK_FALSE(book.best_bid().has_value());
    book.submit(make(1, side::buy, bourse::order_type::limit, 100, 1), 1);
    CHECK(book.status(1) == bourse::book::order_status::resting);
  }
}
