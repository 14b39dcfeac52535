// Shows the strategy base class driven through a recording context: order ids, the commands the
// helpers emit, positions from the strategy's own fills, open-order bookkeeping, marks, timers,
// halting and the handler lifecycle.
#include <doctest/doctest.h>

#include "bourse/strategy/marks.hpp"
#include "bourse/strategy/order_ids.hpp"
#include "strategy_kit.hpp"

using namespace bourse;
using namespace bourse::testing;

namespace {

struct fixture {
  recording_context ctx;
  probe_strategy strat;
  fixture() {
    strat.attach(ctx, strategy_identity{7, 3, "probe"});
    strat.handle_start();
  }
};

} // namespace

TEST_CASE("order ids carry the strategy in the top 24 bits and a sequence in the low 40") {
  CHECK(compose_order_id(7, 1) == 7696581394433ULL); // 7 * 2^40 + 1
  CHECK(order_strategy(7696581394433ULL) == 7);
  CHECK(order_sequence(7696581394433ULL) == 1);
  CHECK(compose_order_id(1, (1ULL << 40) + 5) == compose_order_id(1, 5));
}

TEST_CASE("submit helpers emit submit commands with the strategy's ids, account and time") {
  fixture f;
  f.ctx.set_now(1'000);
  auto a = f.strat.submit_market("AAA", side::buy, qty("10"));
  auto b = f.strat.submit_limit("AAA", side::sell, qty("5"), px("101.25"), time_in_force::day);
  auto c = f.strat.submit_stop("BBB", side::sell, qty("2"), px("90"));
  auto d = f.strat.submit_stop_limit("BBB", side::buy, qty("3"), px("95"), px("95.5"),
                                     time_in_force::ioc);
  CHECK(a == compose_order_id(7, 1));
  CHECK(d == compose_order_id(7, 4));
  auto subs = f.ctx.submits();
  REQUIRE(subs.size() == 4);
  CHECK(subs[0].id == a);
  CHECK(subs[0].strategy == 7);
  CHECK(subs[0].account == 3);
  CHECK(subs[0].ts == 1'000);
  CHECK(subs[0].order.type == order_type::market);
  CHECK(subs[0].order.tif == time_in_force::gtc);
  CHECK(subs[1].id == b);
  CHECK(subs[1].order.type == order_type::limit);
  CHECK(subs[1].order.limit_price == px("101.25"));
  CHECK(subs[1].order.tif == time_in_force::day);
  CHECK(subs[2].id == c);
  CHECK(subs[2].order.type == order_type::stop);
  CHECK(subs[2].order.stop_price == px("90"));
  CHECK(subs[2].order.limit_price.is_zero());
  CHECK(subs[3].order.type == order_type::stop_limit);
  CHECK(subs[3].order.stop_price == px("95"));
  CHECK(subs[3].order.limit_price == px("95.5"));
  CHECK(f.strat.orders_submitted() == 4);
  CHECK(f.strat.open_orders().size() == 4);
  CHECK(f.strat.open_orders("BBB").size() == 2);
}

TEST_CASE("fills move the position, the open orders and the exposure") {
  fixture f;
  auto id = f.strat.submit_limit("AAA", side::buy, qty("10"), px("100"));
  auto order = f.ctx.submits().at(0);
  CHECK(f.strat.exposure("AAA") == qty("10"));
  CHECK(f.strat.position("AAA").is_flat());

  f.strat.handle_fill(make_fill(order, px("100"), qty("4"), qty("6"), 10, money::from_units(1)));
  CHECK(f.strat.position("AAA").net() == qty("4"));
  CHECK(f.strat.position("AAA").fees() == money::from_units(1));
  REQUIRE(f.strat.find_order(id) != nullptr);
  CHECK(f.strat.find_order(id)->leaves == qty("6"));
  CHECK(f.strat.find_order(id)->filled == qty("4"));
  CHECK(f.strat.find_order(id)->status == working_status::working);
  CHECK(f.strat.exposure("AAA") == qty("10"));

  f.strat.handle_fill(make_fill(order, px("100"), qty("6"), qty("0"), 11));
  CHECK(f.strat.find_order(id) == nullptr);
  CHECK(f.strat.position("AAA").net() == qty("10"));

  // Sell 4 at 105.50: realised 4 * 5.50 = 22.
  f.strat.submit_market("AAA", side::sell, qty("4"));
  f.strat.handle_fill(make_fill(f.ctx.submits().at(1), px("105.50"), 12));
  CHECK(f.strat.position("AAA").net() == qty("6"));
  CHECK(f.strat.position("AAA").realised() == *money::parse("22"));
  CHECK(f.strat.calls == std::vector<std::string>{"start", "fill", "fill", "fill"});

  SUBCASE("a quote marks the position at the mid") {
    f.strat.handle_quote(quote{13, "AAA", px("101"), px("102"), qty("1"), qty("1")});
    // 6 * (101.5 - 100) = 9
    CHECK(f.strat.position("AAA").unrealised() == std::optional<money>{money::from_units(9)});
  }
  SUBCASE("a bar marks the position at the close") {
    f.strat.handle_bar("AAA", bar{13, px("99"), px("99"), px("99"), px("99"), qty("1")});
    CHECK(f.strat.position("AAA").unrealised() == std::optional<money>{money::from_units(-6)});
  }
}

TEST_CASE("order updates keep the strategy's open orders in step") {
  fixture f;
  auto id = f.strat.submit_limit("AAA", side::buy, qty("10"), px("99"));
  auto order = f.ctx.submits().at(0);
  CHECK(f.strat.find_order(id)->status == working_status::pending_new);
  f.strat.handle_order_update(make_update(order, order_update_kind::accepted, 1));
  CHECK(f.strat.find_order(id)->status == working_status::working);

  SUBCASE("cancel sends once, a refused cancel returns to working, a cancel removes the order") {
    CHECK(f.strat.cancel(id));
    CHECK_FALSE(f.strat.cancel(id)); // already pending
    CHECK(f.ctx.cancels().size() == 1);
    CHECK(f.ctx.cancels()[0].id == id);
    CHECK(f.strat.find_order(id)->status == working_status::pending_cancel);
    auto refused = make_update(order, order_update_kind::rejected, 2);
    refused.command = order_request_kind::cancel;
    f.strat.handle_order_update(refused);
    CHECK(f.strat.find_order(id)->status == working_status::working);
    CHECK(f.strat.cancel(id));
    auto done = make_update(order, order_update_kind::cancelled, 3);
    done.remaining = qty("10");
    f.strat.handle_order_update(done);
    CHECK(f.strat.find_order(id) == nullptr);
    CHECK(f.strat.exposure("AAA").is_zero());
    CHECK_FALSE(f.strat.cancel(id)); // no longer open
  }
  SUBCASE("a replace changes the limit price and open quantity") {
    f.strat.handle_fill(make_fill(order, px("99"), qty("2"), qty("8"), 2));
    CHECK(f.strat.replace(id, px("98.5"), qty("3")));
    CHECK_FALSE(f.strat.replace(id, px("98"), {})); // a request is pending
    REQUIRE(f.ctx.replaces().size() == 1);
    CHECK(f.ctx.replaces()[0].new_price == px("98.5"));
    auto replaced = make_update(order, order_update_kind::replaced, 3);
    replaced.new_price = px("98.5");
    replaced.new_qty = qty("3");
    f.strat.handle_order_update(replaced);
    const auto* o = f.strat.find_order(id);
    REQUIRE(o != nullptr);
    CHECK(o->request.limit_price == px("98.5"));
    CHECK(o->leaves == qty("3"));
    CHECK(o->request.qty == qty("5"));
    CHECK(o->status == working_status::working);
    CHECK(f.strat.exposure("AAA") == qty("5"));
  }
  SUBCASE("a rejected submit removes the order") {
    auto second = f.strat.submit_market("AAA", side::sell, qty("1"));
    auto rejected = make_update(f.ctx.submits().at(1), order_update_kind::rejected, 2);
    rejected.reason = "max_position";
    f.strat.handle_order_update(rejected);
    CHECK(f.strat.find_order(second) == nullptr);
    CHECK(f.strat.open_orders().size() == 1);
    CHECK(f.strat.calls.back() == "update:rejected");
  }
}

TEST_CASE("fills and updates of another strategy's orders are ignored") {
  fixture f;
  fill_event foreign;
  foreign.id = compose_order_id(8, 1);
  foreign.symbol = "AAA";
  foreign.fill_price = px("10");
  foreign.fill_qty = qty("1");
  f.strat.handle_fill(foreign);
  order_update update;
  update.id = compose_order_id(8, 1);
  f.strat.handle_order_update(update);
  CHECK(f.strat.positions().empty());
  CHECK(f.strat.calls == std::vector<std::string>{"start"});
  CHECK(f.strat.open_orders().empty());
}

TEST_CASE("order_target sends the difference between the target and the exposure") {
  fixture f;
  CHECK(f.strat.order_target("AAA", qty("10")) != 0);
  CHECK(f.strat.order_target("AAA", qty("10")) == 0); // the open order already gets there
  CHECK(f.strat.order_target("AAA", qty("-2")) != 0);
  auto subs = f.ctx.submits();
  REQUIRE(subs.size() == 2);
  CHECK(subs[0].order.order_side == side::buy);
  CHECK(subs[0].order.qty == qty("10"));
  CHECK(subs[1].order.order_side == side::sell);
  CHECK(subs[1].order.qty == qty("12"));
  CHECK(subs[1].order.type == order_type::market);
}

TEST_CASE("timers fire in (due, id) order, can be cancelled, and may set timers for now") {
  fixture f;
  f.ctx.set_now(10);
  auto t1 = f.strat.set_timer_at(100);
  auto t2 = f.strat.set_timer_at(50);
  auto t3 = f.strat.set_timer_after(90); // due 100, after t1
  CHECK(t1 == 1);
  CHECK(t2 == 2);
  CHECK(t3 == 3);
  CHECK(f.ctx.timers().next_due() == 50);
  CHECK(f.ctx.advance_to(f.strat, 60) == 1);
  CHECK(f.strat.calls.back() == "timer:2");
  CHECK(f.strat.cancel_timer(t1));
  CHECK_FALSE(f.strat.cancel_timer(t1));
  f.strat.timer_action = [](probe_strategy& s, timer_id id) {
    if (id == 3)
      s.set_timer_at(s.now()); // fires in a later round of the same advance
  };
  CHECK(f.ctx.advance_to(f.strat, 100) == 2);
  CHECK(f.strat.calls == std::vector<std::string>{"start", "timer:2", "timer:3", "timer:4"});
  CHECK(f.ctx.timers().size() == 0);
}

TEST_CASE("halt cancels open orders and timers and silences the strategy") {
  fixture f;
  auto a = f.strat.submit_limit("AAA", side::buy, qty("1"), px("10"));
  auto b = f.strat.submit_limit("BBB", side::sell, qty("1"), px("20"));
  f.strat.set_timer_at(1'000);
  f.strat.halt("test");
  CHECK(f.strat.halted());
  CHECK_FALSE(f.strat.active());
  auto cancels = f.ctx.cancels();
  REQUIRE(cancels.size() == 2);
  CHECK(cancels[0].id == a);
  CHECK(cancels[1].id == b);
  CHECK(f.ctx.timers().size() == 0);
  CHECK(f.strat.submit_market("AAA", side::buy, qty("1")) == 0);
  CHECK(f.strat.set_timer_at(2'000) == 0);
  f.strat.handle_quote(quote{1, "AAA", px("1"), px("2"), qty("1"), qty("1")});
  // Books still follow fills, handlers do not run.
  f.strat.handle_fill(make_fill(f.ctx.submits().at(0), px("10"), 2));
  CHECK(f.strat.position("AAA").net() == qty("1"));
  CHECK(f.strat.calls == std::vector<std::string>{"start"});
}

TEST_CASE("handlers run between start and stop only, start and stop once each") {
  recording_context ctx;
  probe_strategy strat;
  strat.attach(ctx, strategy_identity{1, 1, "probe"});
  strat.handle_quote(quote{1, "AAA", px("1"), px("2"), qty("1"), qty("1")});
  CHECK(strat.submit_market("AAA", side::buy, qty("1")) == 0); // not started
  strat.handle_start();
  strat.handle_start();
  strat.handle_trade(trade{2, "AAA", px("1.5"), qty("1")});
  strat.handle_indicator(indicator(3, "AAA", "sma:2", 1.0));
  strat.handle_aggregated_quote(cross_venue_quote{});
  strat.handle_stop();
  strat.handle_stop();
  strat.handle_bar("AAA", bar{});
  CHECK(strat.calls == std::vector<std::string>{"start", "trade", "indicator", "aggregated", "stop"});
  CHECK(ctx.commands.empty());
}

TEST_CASE("mark prices come from the mid, the trade price and the bar close") {
  CHECK(mark_price(quote{0, "A", px("1.01"), px("1.02"), {}, {}}) == std::optional<price>{px("1.015")});
  CHECK(mark_price(quote{0, "A", px("1.00"), px("1.02"), {}, {}}) == std::optional<price>{px("1.01")});
  CHECK(mark_price(quote{0, "A", px("1.00"), price{}, {}, {}}) == std::optional<price>{px("1")});
  CHECK(mark_price(quote{0, "A", price{}, px("2"), {}, {}}) == std::optional<price>{px("2")});
  CHECK_FALSE(mark_price(quote{}).has_value());
  CHECK(mark_price(trade{0, "A", px("3.5"), {}}) == std::optional<price>{px("3.5")});
  CHECK(mark_price(bar{0, px("1"), px("2"), px("0.5"), px("1.5"), {}}) ==
        std::optional<price>{px("1.5")});
}

TEST_CASE("a strategy spec reports empty symbols and invalid indicator specs together") {
  strategy_spec spec;
  spec.data.push_back({"", market_stream::quotes});
  spec.indicators.push_back({"AAA", "sma:0"});
  spec.indicators.push_back({"BBB", "sma:5"});
  spec.aggregated.push_back("");
  auto problems = spec.validate();
  REQUIRE(problems.size() == 3);
  CHECK(problems[0].find("symbol is empty") != std::string::npos);
  CHECK(problems[1].find("sma:0") != std::string::npos);
  CHECK(problems[2].find("instrument is empty") != std::string::npos);
  CHECK(spec.symbols() == std::vector<std::string>{"", "AAA", "BBB"});
}
