// Shows the venue actor's protocol under CAF's deterministic test scheduler: commands and market
// data in, execution events to the attached order listener; in paper mode the latency runs on a
// delayed message (virtual time here); in backtest mode the venue asks to be stepped again at the
// end of the latency (next_wakeup) and counts what it sends; stop_run expires DAY orders.
#include <doctest/doctest.h>

#include <chrono>

#include "actor_test_kit.hpp"
#include "bourse/system/wall_clock.hpp"
#include "bourse/actors/venue/venue.hpp"

using namespace bourse;
using bourse::testing::coordinator_fixture;

namespace {

price px(const char* text) {
  return *price::parse(text);
}
quantity qty(const char* text) {
  return *quantity::parse(text);
}

venue_config config(duration_ns latency = 0) {
  venue_config c;
  c.name = "sim";
  c.settings.instruments = {*instrument::make("AAPL", "0.01", "1")};
  c.settings.latency.base = latency;
  return c;
}

submit_order order(order_id id, order_type type, const char* limit = "0",
                   time_in_force tif = time_in_force::gtc) {
  submit_order m;
  m.ts_event = 100;
  m.id = id;
  m.strategy = 7;
  m.account = 70;
  m.symbol = "AAPL";
  m.order_side = side::buy;
  m.type = type;
  m.tif = tif;
  m.limit_price = px(limit);
  m.qty = qty("10");
  return m;
}

quote_batch quotes(timestamp ts, const char* bid, const char* ask) {
  quote_batch b;
  b.ts_event = ts;
  b.ts_init = ts;
  b.quotes.push_back(quote{ts, "AAPL", px(bid), px(ask), qty("100"), qty("100")});
  return b;
}

} // namespace

TEST_CASE_FIXTURE(coordinator_fixture, "the venue fills against replayed quotes and reports") {
  auto [listener, log] = probe();
  auto v = spawn_venue(sys, config(), {run_mode::paper, 0, std::make_shared<rank_table>()});
  self->send(v, attach_order_listener{caf::actor_cast<order_event_listener_actor>(listener)});
  self->send(v, quotes(100, "9.99", "10.01"));
  self->send(v, order(1, order_type::market));
  self->send(v, order(2, order_type::limit, "9.50"));
  self->send(v, cancel_order{100, 100, 2, 7});
  auto unknown = order(3, order_type::limit, "9.50");
  unknown.symbol = "TSLA";
  self->send(v, unknown);
  run();
  REQUIRE(log->count<order_accepted>() == 2);
  REQUIRE(log->count<order_filled>() == 1);
  const auto f = log->all<order_filled>()[0].execution;
  CHECK(f.header.id == 1);
  CHECK(f.fill_price == px("10.01"));
  CHECK(f.leaves_qty == qty("0"));
  CHECK(f.header.strategy == 7);
  REQUIRE(log->count<order_cancelled>() == 1);
  CHECK(log->all<order_cancelled>()[0].reason == order_cancel_reason::user);
  REQUIRE(log->count<order_rejected>() == 1);
  CHECK(log->all<order_rejected>()[0].reason == order_reject_reason::unknown_symbol);
  CHECK(log->all<order_rejected>()[0].detail == "order 3: the venue does not trade TSLA");
}

TEST_CASE_FIXTURE(coordinator_fixture, "in paper mode the latency passes on a delayed message") {
  auto [listener, log] = probe();
  auto v =
      spawn_venue(sys, config(5'000'000), {run_mode::paper, 0, std::make_shared<rank_table>()});
  self->send(v, attach_order_listener{caf::actor_cast<order_event_listener_actor>(listener)});
  self->send(v, quotes(100, "9.99", "10.01"));
  self->send(v, order(1, order_type::market));
  run();
  CHECK(log->messages.empty());
  sched.advance_time(std::chrono::milliseconds(4));
  run();
  CHECK(log->messages.empty());
  sched.advance_time(std::chrono::milliseconds(1));
  run();
  CHECK(log->count<order_accepted>() == 1);
  CHECK(log->count<order_filled>() == 1);
}

namespace {

latency_histogram latency_of(coordinator_fixture& fx, const venue_actor& v) {
  latency_histogram out;
  fx.self->send(v, get_latency{});
  fx.run();
  fx.self->receive([&](latency_report& r) { out = r.histogram; },
                   caf::after(std::chrono::seconds(0)) >> [] { FAIL("no latency reply"); });
  return out;
}

} // namespace

TEST_CASE_FIXTURE(coordinator_fixture,
                  "in paper mode the venue records tick -> order latency of triggered submits") {
  auto v = spawn_venue(sys, config(), {run_mode::paper, 0, std::make_shared<rank_table>()});
  CHECK(latency_of(*this, v).empty());
  auto triggered = order(1, order_type::limit, "9.00");
  triggered.ts_trigger = monotonic_now(); // arrived "now": the latency is what the hop took
  self->send(v, triggered);
  self->send(v, order(2, order_type::limit, "9.00")); // no trigger, not recorded
  self->send(v, cancel_order{100, 100, 1, 7});
  run();
  const auto h = latency_of(*this, v);
  CHECK(h.count() == 1);
  CHECK(h.min() >= 0);
}

TEST_CASE_FIXTURE(coordinator_fixture, "in backtest mode the venue records no latency") {
  auto ranks = std::make_shared<rank_table>();
  ranks->add(self->id(), 3);
  auto v = spawn_venue(sys, config(), {run_mode::backtest, 6, ranks});
  auto triggered = order(1, order_type::limit, "9.00");
  triggered.ts_trigger = monotonic_now();
  self->send(v, triggered);
  self->send(v, sim_step{100, {{3, 100, 1}}});
  run();
  self->receive([](sim_step_done&) {});
  CHECK(latency_of(*this, v).empty());
}

TEST_CASE_FIXTURE(coordinator_fixture,
                  "in backtest mode the venue asks to be stepped after the latency") {
  auto [listener, log] = probe();
  auto ranks = std::make_shared<rank_table>();
  ranks->add(self->id(), 3);     // the test plays the order manager and the hub (rank 3)
  ranks->add(listener->id(), 5); // the order listener
  auto v = spawn_venue(sys, config(1000), {run_mode::backtest, 6, ranks});
  self->send(v, attach_order_listener{caf::actor_cast<order_event_listener_actor>(listener)});
  self->send(v, quotes(100, "9.99", "10.01"));
  self->send(v, order(1, order_type::market));
  self->send(v, order(2, order_type::limit, "9.00", time_in_force::day));
  self->send(v, sim_step{100, {{3, 100, 3}}});
  run();
  self->receive([](sim_step_done& done) {
    CHECK(done.sent.empty());
    CHECK(done.next_wakeup == 1100);
  });
  CHECK(log->messages.empty());
  self->send(v, sim_step{1100, {}});
  run();
  self->receive([](sim_step_done& done) {
    CHECK(totals_by_rank(done.sent) == rank_totals{{5, 3}}); // accepted, filled, accepted
    CHECK(done.next_wakeup == no_wakeup);
  });
  CHECK(log->count<order_filled>() == 1);
  self->send(v, stop_run{2000});
  run();
  self->receive([](sim_step_done& done) { CHECK(totals_by_rank(done.sent) == rank_totals{{5, 1}}); });
  REQUIRE(log->count<order_expired>() == 1);
  CHECK(log->all<order_expired>()[0].remaining == qty("10"));
}

TEST_CASE("venue and order manager configs report every problem at once") {
  venue_config c = config(-5);
  c.name.clear();
  c.settings.fees.taker_bps = venue::basis_points::from_units(-1);
  auto problems = c.validate();
  REQUIRE(problems.size() == 3);
  CHECK(problems[0] == "name must not be empty");
  CHECK(problems[1].find("latency.base") == 0);
  CHECK(problems[2] == "fees.taker_bps must be between 0 and 1000, got -1");
  CHECK(config().validate().empty());
}

TEST_CASE_FIXTURE(coordinator_fixture,
                  "a batch of commands is handled in order and answered with one batch of events") {
  auto [listener, log] = probe();
  auto v = spawn_venue(sys, config(), {run_mode::paper, 0, std::make_shared<rank_table>()});
  self->send(v, attach_order_listener{caf::actor_cast<order_event_listener_actor>(listener)});
  self->send(v, quotes(100, "9.99", "10.01"));
  order_commands batch;
  batch.commands.emplace_back(order(1, order_type::market));
  batch.commands.emplace_back(order(2, order_type::limit, "9.50"));
  batch.commands.emplace_back(cancel_order{100, 100, 2, 7});
  auto unknown = order(3, order_type::limit, "9.50");
  unknown.symbol = "TSLA";
  batch.commands.emplace_back(unknown);
  self->send(v, std::move(batch));
  run();
  CHECK(log->batches == 1); // one message back
  const auto& events = log->messages;
  REQUIRE(events.size() == 5);
  CHECK(events[0].match_elements<order_accepted>());
  REQUIRE(events[1].match_elements<order_filled>());
  CHECK(events[1].get_as<order_filled>(0).execution.fill_price == px("10.01"));
  REQUIRE(events[2].match_elements<order_accepted>());
  CHECK(events[2].get_as<order_accepted>(0).header.id == 2);
  REQUIRE(events[3].match_elements<order_cancelled>());
  CHECK(events[3].get_as<order_cancelled>(0).header.id == 2);
  REQUIRE(events[4].match_elements<order_rejected>());
  CHECK(events[4].get_as<order_rejected>(0).reason == order_reject_reason::unknown_symbol);
}
