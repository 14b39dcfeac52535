// Shows the data side of the order state machine: fills and overfills, the exact average fill
// price, fills and triggers while a cancel or replace is pending, replace checks, stop orders,
// timestamps and the checks on a new order.
#include <doctest/doctest.h>

#include "orders_kit.hpp"

using namespace orders_kit;
using st = order_state;

TEST_CASE("fills accumulate until the order is filled and overfills are refused") {
  order o = in_state(limit_order(), st::accepted); // buy 100 at 10.00
  must(o, order_event::fill(qty("30"), px("10.00")), 3000);
  CHECK(o.state == st::partially_filled);
  CHECK(o.filled == qty("30"));
  CHECK(o.remaining() == qty("70"));

  SUBCASE("one more than the remainder is an overfill and changes nothing") {
    const order before = o;
    auto refusal = apply(o, order_event::fill(qty("71"), px("10.00")), 3100);
    REQUIRE(refusal);
    CHECK(refusal->reason == order_error::overfill);
    CHECK(same(o, before));
  }
  SUBCASE("exactly the remainder fills the order and closes it") {
    must(o, order_event::fill(qty("70"), px("9.99")), 3100);
    CHECK(o.state == st::filled);
    CHECK(o.remaining().is_zero());
    CHECK(o.ts_closed == 3100);
    // 30 * 10.00 + 70 * 9.99 = 300.00 + 699.30 = 999.30
    CHECK(o.filled_notional == cash("999.30"));
    CHECK(*o.average_fill_price() == px("9.993"));
  }
  SUBCASE("zero or negative fill quantities and prices are refused") {
    const order before = o;
    auto zero = apply(o, order_event::fill(qty("0"), px("10.00")), 3100);
    REQUIRE(zero);
    CHECK(zero->reason == order_error::non_positive_quantity);
    auto negative = apply(o, order_event::fill(qty("-5"), px("10.00")), 3100);
    REQUIRE(negative);
    CHECK(negative->reason == order_error::non_positive_quantity);
    auto free = apply(o, order_event::fill(qty("5"), px("0")), 3100);
    REQUIRE(free);
    CHECK(free->reason == order_error::non_positive_price);
    CHECK(same(o, before));
  }
}

TEST_CASE("the average fill price comes from the exact filled notional") {
  order o = in_state(limit_order(1, side::buy, "150", "10.01"), st::accepted);
  CHECK_FALSE(o.average_fill_price());
  SUBCASE("an average with few decimals is exact") {
    // (1 * 10.00 + 1 * 10.01) / 2 = 20.01 / 2 = 10.005
    must(o, order_event::fill(qty("1"), px("10.00")));
    must(o, order_event::fill(qty("1"), px("10.01")));
    CHECK(o.average_fill_price()->to_string() == "10.005");
  }
  SUBCASE("a repeating average is rounded half away from zero at 9 decimals") {
    // (100 * 10.00 + 50 * 10.01) / 150 = 1500.50 / 150 = 10.0033333...
    must(o, order_event::fill(qty("100"), px("10.00")));
    must(o, order_event::fill(qty("50"), px("10.01")));
    CHECK(o.filled_notional == cash("1500.50"));
    CHECK(o.average_fill_price()->to_string() == "10.003333333");
  }
  SUBCASE("two thirds round up in the last place") {
    // (1 * 10.00 + 2 * 10.01) / 3 = 30.02 / 3 = 10.0066666... -> 10.006666667
    must(o, order_event::fill(qty("1"), px("10.00")));
    must(o, order_event::fill(qty("2"), px("10.01")));
    CHECK(o.average_fill_price()->to_string() == "10.006666667");
  }
}

TEST_CASE("a pending cancel keeps track of fills and returns to the right working state") {
  order o = in_state(limit_order(), st::pending_cancel); // from accepted
  CHECK(o.resume_state == st::accepted);
  SUBCASE("a fill keeps the request pending and a refused cancel returns to partially_filled") {
    must(o, order_event::fill(qty("40"), px("10.00")));
    CHECK(o.state == st::pending_cancel);
    CHECK(o.resume_state == st::partially_filled);
    CHECK(o.working_state() == st::partially_filled);
    must(o, order_event::cancel_reject());
    CHECK(o.state == st::partially_filled);
    CHECK(o.filled == qty("40"));
  }
  SUBCASE("a fill of everything wins over the cancel") {
    must(o, order_event::fill(qty("100"), px("10.00")));
    CHECK(o.state == st::filled);
    auto late = apply(o, order_event::cancel(), 2100);
    REQUIRE(late);
    CHECK(late->reason == order_error::illegal_transition);
  }
  SUBCASE("a second cancel request and a replace request wait for the first answer") {
    auto cancel_again = apply(o, order_event::request_cancel(), 2100);
    auto replace = apply(o, order_event::request_replace({{}, {}, qty("50")}), 2100);
    REQUIRE(cancel_again);
    REQUIRE(replace);
    CHECK(cancel_again->reason == order_error::illegal_transition);
    CHECK(replace->reason == order_error::illegal_transition);
  }
}

TEST_CASE("a replace request is checked, remembered and applied on confirmation") {
  order o = in_state(limit_order(), st::partially_filled); // 40 of 100 filled at 10.00
  auto refused = [&](order_changes c) {
    const order before = o;
    auto refusal = apply(o, order_event::request_replace(c), 3000);
    REQUIRE(refusal);
    CHECK(same(o, before));
    return refusal->reason;
  };
  SUBCASE("bad requests are refused with their reason") {
    CHECK(refused({}) == order_error::empty_replace);
    CHECK(refused({{}, {}, qty("0")}) == order_error::non_positive_quantity);
    CHECK(refused({{}, {}, qty("40")}) == order_error::replace_quantity_not_above_filled);
    CHECK(refused({{}, px("10.50"), {}}) == order_error::field_not_applicable); // stop of a limit
    CHECK(refused({px("-1.00"), {}, {}}) == order_error::non_positive_price);
  }
  SUBCASE("a new price and quantity apply on confirmation, fills in between count") {
    must(o, order_event::request_replace({px("10.05"), {}, qty("41")}), 3000);
    CHECK(o.state == st::pending_replace);
    CHECK(o.requested_changes->quantity == qty("41"));
    CHECK(o.limit_price == px("10.00")); // unchanged until the venue confirms
    must(o, order_event::fill(qty("0.5"), px("10.00")), 3100);
    CHECK(o.state == st::pending_replace);
    CHECK(o.filled == qty("40.5"));
    must(o, order_event::replace({px("10.05"), {}, qty("41")}), 3200);
    CHECK(o.state == st::partially_filled);
    CHECK(o.limit_price == px("10.05"));
    CHECK(o.quantity == qty("41"));
    CHECK(o.remaining() == qty("0.5"));
    CHECK_FALSE(o.requested_changes);
  }
  SUBCASE("a confirmation below what filled meanwhile is refused") {
    must(o, order_event::request_replace({{}, {}, qty("50")}), 3000);
    must(o, order_event::fill(qty("10"), px("10.00")), 3100); // filled 50 now
    auto refusal = apply(o, order_event::replace({{}, {}, qty("50")}), 3200);
    REQUIRE(refusal);
    CHECK(refusal->reason == order_error::replace_quantity_not_above_filled);
    must(o, order_event::replace_reject(), 3300);
    CHECK(o.state == st::partially_filled);
    CHECK(o.quantity == qty("100"));
  }
  SUBCASE("a market order has no limit price to replace") {
    order m = make_market_order(9, 7, 70, "AAPL", side::sell, qty("10"), 1000, time_in_force::gtc);
    m = in_state(m, st::accepted);
    auto refusal = apply(m, order_event::request_replace({px("10.00"), {}, {}}), 3000);
    REQUIRE(refusal);
    CHECK(refusal->reason == order_error::field_not_applicable);
  }
}

TEST_CASE("stop orders fill only after their trigger") {
  order o = in_state(stop_limit_order(), st::accepted);
  SUBCASE("a fill before the trigger is refused") {
    auto refusal = apply(o, order_event::fill(qty("10"), px("10.55")), 3000);
    REQUIRE(refusal);
    CHECK(refusal->reason == order_error::stop_not_triggered);
  }
  SUBCASE("the stop price can be replaced before the trigger but not after") {
    must(o, order_event::request_replace({{}, px("10.40"), {}}), 3000);
    must(o, order_event::replace({{}, px("10.40"), {}}), 3100);
    CHECK(o.stop_price == px("10.40"));
    must(o, order_event::trigger(), 3200);
    CHECK(o.state == st::triggered);
    auto refusal = apply(o, order_event::request_replace({{}, px("10.30"), {}}), 3300);
    REQUIRE(refusal);
    CHECK(refusal->reason == order_error::field_not_applicable);
    must(o, order_event::fill(qty("100"), px("10.58")), 3400);
    CHECK(o.state == st::filled);
  }
  SUBCASE("a trigger during a pending cancel is remembered") {
    must(o, order_event::request_cancel(), 3000);
    must(o, order_event::trigger(), 3100);
    CHECK(o.state == st::pending_cancel);
    CHECK(o.resume_state == st::triggered);
    must(o, order_event::fill(qty("10"), px("10.55")), 3200); // legal now: it has triggered
    must(o, order_event::cancel_reject(), 3300);
    CHECK(o.state == st::partially_filled);
  }
  SUBCASE("a trigger during a pending replace makes a stop price change stale") {
    must(o, order_event::request_replace({{}, px("10.40"), {}}), 3000);
    must(o, order_event::trigger(), 3100);
    CHECK(o.resume_state == st::triggered);
    auto refusal = apply(o, order_event::replace({{}, px("10.40"), {}}), 3200);
    REQUIRE(refusal);
    CHECK(refusal->reason == order_error::field_not_applicable);
    must(o, order_event::replace_reject(), 3300);
    CHECK(o.state == st::triggered);
  }
}

TEST_CASE("timestamps record creation, submission, acceptance, the last event and the end") {
  order o = limit_order(); // created at 1000
  CHECK(o.ts_created == 1000);
  must(o, order_event::submit(), 1100);
  must(o, order_event::accept(), 1200);
  must(o, order_event::fill(qty("1"), px("10.00")), 1300);
  CHECK(o.ts_submitted == 1100);
  CHECK(o.ts_accepted == 1200);
  CHECK(o.ts_updated == 1300);
  CHECK(o.ts_closed == 0);
  must(o, order_event::expire(), 1400);
  CHECK(o.ts_closed == 1400);
  CHECK(o.ts_created == 1000);
}

TEST_CASE("a new order needs a symbol, a positive quantity and exactly its type's prices") {
  auto reason = [](const order& o) {
    auto refusal = validate_new_order(o);
    REQUIRE(refusal);
    CHECK(refusal->id == o.id);
    CHECK_FALSE(refusal->event);
    return refusal->reason;
  };
  CHECK_FALSE(validate_new_order(limit_order()));
  CHECK_FALSE(validate_new_order(stop_limit_order()));
  order o = limit_order(5);
  SUBCASE("state and symbol") {
    o.state = st::accepted;
    CHECK(reason(o) == order_error::not_new);
    o.state = st::new_order;
    o.symbol = symbol_id{};
    CHECK(reason(o) == order_error::empty_symbol);
  }
  SUBCASE("quantities") {
    o.quantity = qty("0");
    CHECK(reason(o) == order_error::non_positive_quantity);
    o.quantity = qty("-3");
    CHECK(reason(o) == order_error::non_positive_quantity);
  }
  SUBCASE("prices by type") {
    o.limit_price.reset();
    CHECK(reason(o) == order_error::missing_limit_price);
    o.limit_price = px("0");
    CHECK(reason(o) == order_error::non_positive_price);
    o.limit_price = px("10.00");
    o.stop_price = px("9.00");
    CHECK(reason(o) == order_error::unexpected_price); // a limit order has no stop price
    o.type = order_type::stop;
    CHECK(reason(o) == order_error::unexpected_price); // a stop order has no limit price
    o.limit_price.reset();
    CHECK_FALSE(validate_new_order(o));
    o.stop_price.reset();
    CHECK(reason(o) == order_error::missing_stop_price);
    o.type = order_type::market;
    CHECK_FALSE(validate_new_order(o));
    o.limit_price = px("10.00");
    CHECK(reason(o) == order_error::unexpected_price);
  }
}

TEST_CASE("open quantity counts what may still trade, the larger side of a pending replace") {
  order o = in_state(limit_order(), st::partially_filled); // 40 of 100
  CHECK(o.open_quantity() == qty("60"));
  must(o, order_event::request_replace({{}, {}, qty("150")}));
  CHECK(o.open_quantity() == qty("110")); // max(100, 150) - 40
  must(o, order_event::replace_reject());
  must(o, order_event::request_replace({{}, {}, qty("70")}));
  CHECK(o.open_quantity() == qty("60")); // max(100, 70) - 40
  must(o, order_event::cancel());
  CHECK(o.open_quantity().is_zero());
}
