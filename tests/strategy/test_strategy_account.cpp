// Shows the strategy's account view and the order helpers of the strategy API: cash, equity and
// buying power from its own fills and marks; sizing to a value or a fraction of equity in whole
// lots (nothing without a mark); bracket, one-cancels-other and trailing-stop commands with their
// links; post-only and reduce-only flags; and how linked orders count in exposure().
#include <doctest/doctest.h>

#include "bourse/strategy/order_ids.hpp"
#include "bourse/strategy/sizing.hpp"
#include "strategy_kit.hpp"

using namespace bourse;
using namespace bourse::testing;

namespace {

money cash_of(const char* text) { return *money::parse(text); }

struct fixture {
  recording_context ctx;
  probe_strategy strat;
  fixture() {
    strategy_identity id{7, 3, "probe"};
    id.initial_cash = cash_of("10000");
    id.lot_sizes["AAA"] = qty("5");
    strat.attach(ctx, id);
    strat.handle_start();
  }
  quote q(timestamp ts, const char* bid, const char* ask, const char* symbol = "AAA") {
    return quote{ts, symbol, px(bid), px(ask), qty("100"), qty("100")};
  }
};

} // namespace

TEST_CASE("sizing rounds value / mark toward zero to whole lots, exactly") {
  CHECK(quantity_for_value(cash_of("1000"), px("30"), qty("1")) == qty("33"));
  CHECK(quantity_for_value(cash_of("1000"), px("30"), qty("5")) == qty("30"));
  CHECK(quantity_for_value(cash_of("-1000"), px("30"), qty("5")) == qty("-30"));
  CHECK(quantity_for_value(cash_of("1000"), px("30"), qty("0.001")) == qty("33.333"));
  CHECK(quantity_for_value(cash_of("1000"), price{}, qty("1")) == std::nullopt);
  CHECK(quantity_for_value(cash_of("1000"), px("30"), quantity{}) == std::nullopt);
  CHECK(fraction_of(cash_of("10000"), 0.25) == cash_of("2500"));
  CHECK(fraction_of(cash_of("10000.00"), -0.1234567) == cash_of("-1234.57"));
  CHECK(fraction_of(cash_of("10000"), std::numeric_limits<double>::quiet_NaN()) == std::nullopt);
}

TEST_CASE("cash, equity and buying power follow the strategy's fills, marks and open buys") {
  fixture f;
  CHECK(f.strat.cash() == cash_of("10000"));
  CHECK(f.strat.equity() == cash_of("10000"));
  CHECK(f.strat.buying_power() == cash_of("10000"));
  f.strat.handle_quote(f.q(1, "99", "101"));
  CHECK(f.strat.mark("AAA") == px("100"));
  CHECK(f.strat.mark("BBB") == std::nullopt);
  f.strat.submit_market("AAA", side::buy, qty("10"));
  f.strat.submit_limit("AAA", side::buy, qty("20"), px("95"));
  f.strat.submit_limit("AAA", side::sell, qty("5"), px("120"));
  f.strat.submit_stop("AAA", side::buy, qty("1"), px("110"));
  auto subs = f.ctx.submits();
  // Open buys reserve: market 10 at the mark 100, limit 20 at 95, stop 1 at 110.
  CHECK(f.strat.buying_power() == cash_of("6990"));
  f.strat.handle_fill(make_fill(subs[0], px("101"), 2, cash_of("1.5")));
  CHECK(f.strat.cash() == cash_of("8988.5"));               // 10000 - 1010 - 1.5
  CHECK(f.strat.equity() == cash_of("9988.5"));             // + 10 at the mark 100
  CHECK(f.strat.buying_power() == cash_of("6978.5"));       // the market order is done
  f.strat.handle_quote(f.q(3, "104", "106"));
  CHECK(f.strat.equity() == cash_of("10038.5"));            // + 10 at 105
}

TEST_CASE("order_target_value and order_target_percent size at the mark in whole lots") {
  fixture f;
  CHECK(f.strat.order_target_percent("AAA", 0.5) == 0); // no mark yet: nothing sent
  CHECK(f.ctx.commands.empty());
  f.strat.handle_quote(f.q(1, "29.99", "30.01"));
  const order_id a = f.strat.order_target_percent("AAA", 0.5); // 5000 / 30 = 166.6 -> 165
  REQUIRE(a != 0);
  CHECK(f.ctx.submits().back().order.qty == qty("165"));
  CHECK(f.ctx.submits().back().order.order_side == side::buy);
  // The exposure counts the open order: asking again sends nothing.
  CHECK(f.strat.order_target_percent("AAA", 0.5) == 0);
  // A smaller value sells the difference (no lot table for BBB: lots of 1).
  const order_id b = f.strat.order_target_value("AAA", cash_of("1000")); // 33.3 -> 30
  REQUIRE(b != 0);
  CHECK(f.ctx.submits().back().order.qty == qty("135"));
  CHECK(f.ctx.submits().back().order.order_side == side::sell);
  f.strat.handle_quote(f.q(2, "9.99", "10.01", "BBB"));
  f.strat.order_target_value("BBB", cash_of("-55"));
  CHECK(f.ctx.submits().back().order.qty == qty("5"));
  CHECK(f.ctx.submits().back().order.order_side == side::sell);
}

TEST_CASE("a bracket sends the entry and its linked exits; exits open as the entry fills") {
  fixture f;
  bracket_request b;
  b.entry = order_request{"AAA", side::buy, order_type::limit, time_in_force::ioc, qty("10"),
                          px("100"), {}};
  b.stop_loss = px("95");
  b.take_profit = px("110");
  const bracket_ids ids = f.strat.submit_bracket(b);
  CHECK(order_sequence(ids.entry) == 1);
  CHECK(order_sequence(ids.stop_loss) == 2);
  CHECK(order_sequence(ids.take_profit) == 3);
  auto subs = f.ctx.submits();
  REQUIRE(subs.size() == 3);
  CHECK(subs[0].parent == 0);
  CHECK(subs[1].parent == ids.entry);
  CHECK(subs[1].oco == ids.take_profit);
  CHECK(subs[1].order.type == order_type::stop);
  CHECK(subs[1].order.order_side == side::sell);
  CHECK(subs[1].order.stop_price == px("95"));
  CHECK(subs[1].order.tif == time_in_force::gtc);
  CHECK(subs[2].oco == ids.stop_loss);
  CHECK(subs[2].order.type == order_type::limit);
  CHECK(subs[2].order.limit_price == px("110"));
  CHECK(f.strat.open_order_count() == 3);
  // Exits open only as the entry fills, and the pair counts once.
  CHECK(f.strat.exposure("AAA") == qty("10"));
  f.strat.handle_fill(make_fill(subs[0], px("100"), qty("4"), qty("6"), 2));
  CHECK(f.strat.find_order(ids.stop_loss)->leaves == qty("4"));
  CHECK(f.strat.find_order(ids.take_profit)->leaves == qty("4"));
  CHECK(f.strat.exposure("AAA") == qty("6")); // 4 held + 6 to buy - 4 to sell
  // The take-profit fills 1: the stop-loss shrinks by as much.
  f.strat.handle_fill(make_fill(subs[2], px("110"), qty("1"), qty("3"), 3));
  CHECK(f.strat.find_order(ids.stop_loss)->leaves == qty("3"));
  CHECK(f.strat.exposure("AAA") == qty("6"));
  SUBCASE("an order manager cancel with reason oco removes the sibling") {
    order_update u = make_update(subs[1], order_update_kind::cancelled, 4);
    u.reason = "oco";
    f.strat.handle_order_update(u);
    CHECK(f.strat.find_order(ids.stop_loss) == nullptr);
  }
}

TEST_CASE("one-cancels-other, trailing stops and flags reach the commands") {
  fixture f;
  order_request take{"AAA", side::sell, order_type::limit, time_in_force::gtc, qty("5"),
                     px("110"), {}};
  take.post_only = true;
  take.reduce_only = true;
  order_request stop{"AAA", side::sell, order_type::stop, time_in_force::gtc, qty("5"), {},
                     px("90")};
  auto [a, b] = f.strat.submit_oco(take, stop);
  auto subs = f.ctx.submits();
  REQUIRE(subs.size() == 2);
  CHECK(subs[0].id == a);
  CHECK(subs[0].oco == b);
  CHECK(subs[1].oco == a);
  CHECK(subs[0].order.post_only);
  CHECK(subs[0].order.reduce_only);
  CHECK(f.strat.exposure("AAA") == qty("-5")); // the pair counts once
  const order_id t = f.strat.submit_trailing_stop("AAA", side::sell, qty("5"), px("1.5"), 20);
  const auto trail = f.ctx.submits().back();
  CHECK(trail.id == t);
  CHECK(trail.order.type == order_type::stop);
  CHECK(trail.order.trailing());
  CHECK(trail.order.trail_offset == px("1.5"));
  CHECK(trail.order.trail_bps == 20);
  CHECK(trail.order.stop_price.is_zero());
  // The order manager reports the stop it moved as a replace: the strategy's copy follows.
  order_update moved = make_update(trail, order_update_kind::replaced, 5);
  moved.new_price = px("98.5");
  moved.new_qty = qty("5");
  f.strat.handle_order_update(moved);
  CHECK(f.strat.find_order(t)->request.stop_price == px("98.5"));
  CHECK(f.strat.find_order(t)->request.limit_price.is_zero());
}

TEST_CASE("nothing is sent while the strategy is not active") {
  recording_context ctx;
  probe_strategy strat;
  strat.attach(ctx, strategy_identity{7, 3, "probe"});
  bracket_request b;
  b.entry = order_request{"AAA", side::buy, order_type::market, time_in_force::gtc, qty("1"), {},
                          {}};
  b.take_profit = px("2");
  CHECK(strat.submit_bracket(b).entry == 0);
  CHECK(strat.submit_oco(b.entry, b.entry).first == 0);
  CHECK(strat.order_target_percent("AAA", 1.0) == 0);
  CHECK(ctx.commands.empty());
}
