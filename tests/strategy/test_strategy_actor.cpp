// Shows the strategy actor: in paper mode it starts before its first input, turns market data, indicator
// updates, aggregated quotes and order events into handler calls and sends its commands to the
// order manager; stepped by hand in backtest mode it starts in the first step, buffers inputs
// until a step names them, fires timers on data time and reports what it sent; an exception in
// user code is counted and, after max_errors, halts the strategy without killing the actor.
#include <doctest/doctest.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "actor_test_kit.hpp"
#include "bourse/strategy/order_ids.hpp"
#include "bourse/actors/strategy/strategy.hpp"

using namespace bourse;
using namespace bourse::testing;

namespace {

price px(const char* t) { return *price::parse(t); }
quantity qty(const char* t) { return *quantity::parse(t); }

using journal = std::shared_ptr<std::vector<std::string>>;

/// Starts with a resting limit order and a timer; buys 1 at market on every quote; cancels the
/// limit order when the timer fires. Every handler writes to the journal.
class scripted_strategy : public strategy {
public:
  scripted_strategy(journal log, bool throw_on_quote) : log_(std::move(log)), throw_(throw_on_quote) {}
  strategy_spec requirements() const override { return {}; }

protected:
  void on_start() override {
    log_->push_back("start@" + std::to_string(now()));
    limit_ = submit_limit("AAA", side::buy, qty("10"), px("99"));
    set_timer_after(500);
  }
  void on_quote(const quote& q) override {
    log_->push_back("quote:" + q.symbol);
    if (throw_)
      throw std::runtime_error("boom");
    submit_market(q.symbol, side::buy, qty("1"));
  }
  void on_bar(const std::string& symbol, const bar&) override { log_->push_back("bar:" + symbol); }
  void on_trade(const trade& t) override { log_->push_back("trade:" + t.symbol); }
  void on_indicator(const indicator_update& u) override {
    log_->push_back("indicator:" + u.spec + "=" + std::to_string(static_cast<int>(*u.value())));
  }
  void on_aggregated_quote(const cross_venue_quote& q) override {
    log_->push_back("aggregated:" + q.instrument + ":" + q.best_ask.symbol);
  }
  void on_order_update(const order_update& u) override {
    log_->push_back("update:" + std::string{to_string(u.kind)} + ":" + u.reason);
  }
  void on_fill(const fill_event& f) override {
    log_->push_back("fill:" + f.fill_qty.to_string() + " pos=" + position(f.symbol).net().to_string());
  }
  void on_timer(timer_id, timestamp t) override {
    log_->push_back("timer@" + std::to_string(t));
    cancel(limit_);
  }
  void on_stop() override { log_->push_back("stop@" + std::to_string(now())); }

private:
  journal log_;
  bool throw_;
  order_id limit_ = 0;
};

quote_batch quotes(timestamp ts, std::vector<std::string> symbols) {
  quote_batch b;
  b.ts_event = b.ts_init = ts;
  for (auto& s : symbols)
    b.quotes.push_back(quote{ts, std::move(s), px("100"), px("101"), qty("5"), qty("5")});
  return b;
}

fill make_fill(order_id id, const char* q, const char* p, const char* leaves, timestamp ts) {
  fill f;
  f.header = order_event_header{ts, ts, id, order_strategy(id), 4, "AAA"};
  f.fill_side = side::buy;
  f.fill_price = px(p);
  f.fill_qty = qty(q);
  f.leaves_qty = qty(leaves);
  return f;
}

strategy_status status(coordinator_fixture& fx, const strategy_actor& s) {
  strategy_status out;
  fx.self->send(s, get_strategy_status{});
  fx.run();
  fx.self->receive([&](strategy_status& st) { out = st; },
                   [&](caf::error& err) { FAIL("status failed: " << caf::to_string(err)); },
                   caf::after(std::chrono::seconds(0)) >> [] { FAIL("no status reply"); });
  return out;
}

// A paper timer is a delayed message holding a reference to the actor; fire what is pending so
// that the actor can go away with the test's handles (the testing clock never advances by itself).
void fire_pending_timers(coordinator_fixture& fx) {
  fx.sched.trigger_timeouts();
  fx.run();
}

sim_step_done step(coordinator_fixture& fx, const strategy_actor& s, sim_step msg) {
  sim_step_done out;
  fx.self->send(s, std::move(msg));
  fx.run();
  fx.self->receive([&](sim_step_done& d) { out = d; },
                   caf::after(std::chrono::seconds(0)) >> [] { FAIL("no step reply"); });
  return out;
}

strategy_actor_config config_of(strategy_id id, std::uint32_t max_errors = 3) {
  strategy_actor_config c;
  c.id = id;
  c.account = 4;
  c.name = "scripted";
  c.max_errors = max_errors;
  return c;
}

} // namespace

TEST_CASE("in paper mode the strategy actor starts before its first input and trades on each") {
  coordinator_fixture fx;
  auto [om, om_log] = fx.probe();
  auto log = std::make_shared<std::vector<std::string>>();
  auto ranks = std::make_shared<rank_table>();
  auto actor = spawn_strategy(fx.sys, std::make_unique<scripted_strategy>(log, false),
                              config_of(5), participant_setup{run_mode::paper, 3, ranks},
                              caf::actor_cast<order_command_actor>(om));
  fx.run();
  CHECK(om_log->messages.empty()); // not started yet
  CHECK_FALSE(status(fx, actor).started);

  fx.self->send(actor, quotes(1'000, {"AAA", "BBB"}));
  fx.run();
  auto subs = om_log->all<submit_order>();
  REQUIRE(subs.size() == 3);
  auto first = subs[0];
  CHECK(first.id == compose_order_id(5, 1));
  CHECK(first.ts_event == 1'000);
  CHECK(first.strategy == 5);
  CHECK(first.account == 4);
  CHECK(first.symbol == "AAA");
  CHECK(first.type == order_type::limit);
  CHECK(first.limit_price == px("99"));
  CHECK(first.qty == qty("10"));
  CHECK(subs[1].symbol == "AAA");
  CHECK(subs[1].type == order_type::market);
  CHECK(subs[1].ts_event == 1'000);
  CHECK(subs[2].symbol == "BBB");

  fx.self->send(actor, order_accepted{order_event_header{1'001, 1'001, first.id, 5, 4, "AAA"}});
  fx.self->send(actor, order_filled{make_fill(subs[1].id, "1", "101", "0", 1'002)});
  fx.self->send(actor, order_partially_filled{make_fill(first.id, "4", "99", "6", 1'003)});
  order_rejected rej;
  rej.header = order_event_header{1'004, 1'004, subs[2].id, 5, 4, "BBB"};
  rej.reason = order_reject_reason::max_position;
  fx.self->send(actor, rej);
  indicator_update sma;
  sma.ts = 1'005;
  sma.ts_init = 1'005;
  sma.symbol = "AAA";
  sma.spec = "sma:3";
  (void)sma.add("sma:3", 42.0);
  fx.self->send(actor, sma);
  aggregated_quote agg;
  agg.instrument = "XYZ";
  agg.best_ask_symbol = "XYZ.A";
  fx.self->send(actor, agg);
  fx.self->send(actor, bar_batch{1'006, 1'006, {symbol_bar{"AAA", bar{}}}});
  fx.self->send(actor, trade_batch{1'007, 1'007, {trade{1'007, "AAA", px("100"), qty("1")}}});
  fx.run();
  CHECK(*log == std::vector<std::string>{"start@1000", "quote:AAA", "quote:BBB", "update:accepted:",
                                         "fill:1 pos=1", "fill:4 pos=5",
                                         "update:rejected:max_position", "indicator:sma:3=42",
                                         "aggregated:XYZ:XYZ.A", "bar:AAA", "trade:AAA"});
  auto st = status(fx, actor);
  CHECK(st.strategy == 5);
  CHECK(st.started);
  CHECK(st.orders_submitted == 3);
  CHECK(st.open_orders == 1); // the limit order, 6 left
  CHECK(st.timers == 1);
  CHECK(st.errors == 0);

  SUBCASE("a paper timer is a delayed message that fires on_timer") {
    fx.sched.trigger_timeouts();
    fx.run();
    CHECK(log->back() == "timer@1500"); // due 1000 + 500, later than the latest input
    REQUIRE(om_log->count<cancel_order>() == 1);
    CHECK(om_log->all<cancel_order>()[0].id == first.id);
    CHECK(status(fx, actor).timers == 0);
  }
  SUBCASE("stop_run calls on_stop and replies") {
    fx.self->send(actor, stop_run{2'000});
    fx.run();
    bool replied = false;
    fx.self->receive([&](sim_step_done&) { replied = true; },
                     caf::after(std::chrono::seconds(0)) >> [] {});
    CHECK(replied);
    CHECK(log->back() == "stop@2000");
    CHECK(status(fx, actor).stopped);
  }
  fire_pending_timers(fx);
}

TEST_CASE("in paper mode orders carry the arrival of the data that triggered them") {
  coordinator_fixture fx;
  auto [om, om_log] = fx.probe();
  auto log = std::make_shared<std::vector<std::string>>();
  auto actor = spawn_strategy(fx.sys, std::make_unique<scripted_strategy>(log, false),
                              config_of(5),
                              participant_setup{run_mode::paper, 3, std::make_shared<rank_table>()},
                              caf::actor_cast<order_command_actor>(om));
  fx.run();
  auto batch = quotes(1'000, {"AAA"});
  batch.ts_arrival = 123'456; // the sequencer's wall-clock stamp
  fx.self->send(actor, batch);
  fx.self->send(actor, order_accepted{order_event_header{1'001, 1'001, compose_order_id(5, 1), 5,
                                                         4, "AAA"}});
  fx.run();
  fire_pending_timers(fx); // on_start's timer: cancels the limit order
  auto subs = om_log->all<submit_order>();
  REQUIRE(subs.size() == 2);
  CHECK(subs[0].ts_trigger == 0);       // on_start's limit order: no data triggered it
  CHECK(subs[1].ts_trigger == 123'456); // on_quote's market order

  // One decision was triggered by data: tick -> decision has one value.
  fx.self->send(actor, get_latency{});
  fx.run();
  std::uint64_t recorded = 99;
  fx.self->receive([&](latency_report& r) { recorded = r.histogram.count(); },
                   caf::after(std::chrono::seconds(0)) >> [] { FAIL("no latency reply"); });
  CHECK(recorded == 1);
}

TEST_CASE("stepped by hand in backtest mode the strategy actor handles only what a step names") {
  coordinator_fixture fx;
  auto [om, om_log] = fx.probe();
  auto log = std::make_shared<std::vector<std::string>>();
  auto ranks = std::make_shared<rank_table>();
  ranks->add(fx.self->id(), 1); // the test plays the hub (rank 1)
  ranks->add(om.id(), 2);       // the order manager probe has rank 2
  auto actor = spawn_strategy(fx.sys, std::make_unique<scripted_strategy>(log, false),
                              config_of(6), participant_setup{run_mode::backtest, 3, ranks},
                              caf::actor_cast<order_command_actor>(om));
  fx.run();
  CHECK(log->empty()); // nothing before the first step
  ranks->add(actor.id(), 3);

  // First step: on_start runs, sends one order and sets a timer for 1000 + 500.
  auto done = step(fx, actor, sim_step{1'000, {}});
  CHECK(*log == std::vector<std::string>{"start@1000"});
  CHECK(totals_by_rank(done.sent) == rank_totals{{2, 1}});
  CHECK(done.next_wakeup == 1'500);

  // A quote arrives but waits for the step that names it.
  fx.self->send(actor, quotes(1'000, {"AAA"}));
  fx.run();
  CHECK(log->size() == 1);
  done = step(fx, actor, sim_step{1'000, {{1, 1'000, 1}}});
  CHECK(log->back() == "quote:AAA");
  CHECK(totals_by_rank(done.sent) == rank_totals{{2, 1}});
  CHECK(done.next_wakeup == 1'500);

  SUBCASE("a step that names an input not yet here waits for it") {
    fx.self->send(actor, sim_step{1'200, {{1, 1'200, 1}}});
    fx.run();
    bool early = false;
    fx.self->receive([&](sim_step_done&) { early = true; },
                     caf::after(std::chrono::seconds(0)) >> [] {});
    CHECK_FALSE(early);
    fx.self->send(actor, quotes(1'200, {"BBB"}));
    fx.run();
    fx.self->receive([&](sim_step_done& d) { done = d; },
                     caf::after(std::chrono::seconds(0)) >> [] { FAIL("no reply"); });
    CHECK(log->back() == "quote:BBB");
    CHECK(totals_by_rank(done.sent) == rank_totals{{2, 1}});
  }
  SUBCASE("the timer fires in the step whose time reaches it") {
    done = step(fx, actor, sim_step{1'499, {}});
    CHECK(log->back() == "quote:AAA");
    CHECK(done.sent.empty());
    done = step(fx, actor, sim_step{1'500, {}});
    CHECK(log->back() == "timer@1500");
    CHECK(totals_by_rank(done.sent) == rank_totals{{2, 1}}); // the cancel
    CHECK(done.next_wakeup == no_wakeup);
    CHECK(om_log->count<cancel_order>() == 1);

    fx.self->send(actor, stop_run{2'000});
    fx.run();
    fx.self->receive([&](sim_step_done& d) { done = d; },
                     caf::after(std::chrono::seconds(0)) >> [] { FAIL("no stop reply"); });
    CHECK(log->back() == "stop@2000");
    CHECK(done.sent.empty());
  }
  CHECK(om_log->count<submit_order>() >= 2);
}

TEST_CASE("an exception in user code is counted, and too many halt the strategy, not the actor") {
  coordinator_fixture fx;
  auto [om, om_log] = fx.probe();
  auto log = std::make_shared<std::vector<std::string>>();
  auto ranks = std::make_shared<rank_table>();
  auto actor = spawn_strategy(fx.sys, std::make_unique<scripted_strategy>(log, true),
                              config_of(7, 2), participant_setup{run_mode::paper, 3, ranks},
                              caf::actor_cast<order_command_actor>(om));
  fx.self->send(actor, quotes(1'000, {"AAA"}));
  fx.run();
  REQUIRE(om_log->count<submit_order>() == 1); // on_start's order; on_quote threw before its own
  auto limit = om_log->all<submit_order>()[0].id;
  auto st = status(fx, actor);
  CHECK(st.errors == 1);
  CHECK_FALSE(st.halted);
  CHECK(st.last_error == "on_quote: boom");
  CHECK(om_log->count<cancel_order>() == 0);

  fx.self->send(actor, quotes(1'001, {"AAA"}));
  fx.run();
  st = status(fx, actor);
  CHECK(st.errors == 2);
  CHECK(st.halted);
  CHECK(st.timers == 0);
  REQUIRE(om_log->count<cancel_order>() == 1); // its open order is cancelled
  CHECK(om_log->all<cancel_order>()[0].id == limit);

  fx.self->send(actor, quotes(1'002, {"AAA"}));
  fx.run();
  CHECK(*log == std::vector<std::string>{"start@1000", "quote:AAA", "quote:AAA"}); // not called again
  CHECK(status(fx, actor).errors == 2);
  CHECK(om_log->count<submit_order>() == 1);
  fire_pending_timers(fx); // the cancelled timer's message is still pending; it is ignored
  CHECK(*log == std::vector<std::string>{"start@1000", "quote:AAA", "quote:AAA"});
}

namespace {

/// Throws something that is not a std::exception from on_start.
class throwing_start final : public strategy {
public:
  strategy_spec requirements() const override { return {}; }

protected:
  void on_start() override { throw 42; }
};

} // namespace

TEST_CASE("any exception counts, also one that is not a std::exception thrown in on_start") {
  coordinator_fixture fx;
  auto [om, om_log] = fx.probe();
  auto ranks = std::make_shared<rank_table>();
  auto actor = spawn_strategy(fx.sys, std::make_unique<throwing_start>(), config_of(8, 1),
                              participant_setup{run_mode::backtest, 3, ranks},
                              caf::actor_cast<order_command_actor>(om));
  auto done = step(fx, actor, sim_step{1'000, {}});
  CHECK(done.sent.empty());
  auto st = status(fx, actor);
  CHECK(st.started);
  CHECK(st.errors == 1);
  CHECK(st.halted);
  CHECK(st.last_error == "on_start: unknown exception");
}

TEST_CASE("the strategy actor configuration reports every problem") {
  strategy_actor_config c;
  c.id = 0;
  c.name = "";
  c.max_errors = 0;
  c.paper_speed = 0;
  CHECK(c.validate().size() == 4);
  c.id = 1U << 24;
  CHECK(c.validate()[0].find("24 bits") != std::string::npos);
  CHECK(config_of(1).validate().empty());
}
