// Shows the order manager actor's protocol under CAF's deterministic test scheduler: commands are
// routed to the venue of their symbol, venue events go to the owning strategy and fills to the fill
// listeners, open orders are answered; in paper mode a cancel that arrives behind 1,000 limit
// orders already in the mailbox is handled first; in backtest mode a step handles exactly its
// inputs (priority lane first) and reports what it sent; stop_run cancels with reason shutdown.
#include <doctest/doctest.h>

#include "actor_test_kit.hpp"
#include "bourse/actors/order_manager/order_manager.hpp"
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

submit_order limit_order(order_id id, const char* limit, side s = side::buy) {
  submit_order m;
  m.ts_event = 100;
  m.id = id;
  m.strategy = 7;
  m.account = 70;
  m.symbol = "AAPL";
  m.order_side = s;
  m.type = order_type::limit;
  m.limit_price = px(limit);
  m.qty = qty("1");
  return m;
}

submit_order market_order(order_id id) {
  submit_order m = limit_order(id, "1");
  m.type = order_type::market;
  m.tif = time_in_force::ioc;
  m.limit_price = price{};
  return m;
}

order_event_header header(order_id id) {
  return order_event_header{100, 100, id, 7, 70, "AAPL"};
}

// The ids of the commands a venue probe received, in order: "s1" submit, "c1" cancel, "r1" replace.
std::vector<std::string> commands(const bourse::testing::probe_log& log) {
  std::vector<std::string> out;
  for (const auto& m : log.messages) {
    if (m.match_elements<submit_order>())
      out.push_back("s" + std::to_string(m.get_as<submit_order>(0).id));
    else if (m.match_elements<cancel_order>())
      out.push_back("c" + std::to_string(m.get_as<cancel_order>(0).id));
    else if (m.match_elements<replace_order>())
      out.push_back("r" + std::to_string(m.get_as<replace_order>(0).id));
  }
  return out;
}

struct om_fixture : coordinator_fixture {
  std::shared_ptr<bourse::testing::probe_log> venue_log;
  std::shared_ptr<bourse::testing::probe_log> strategy_log;
  std::shared_ptr<bourse::testing::probe_log> fill_log;
  caf::actor venue_probe;
  caf::actor strategy_probe;
  caf::actor fill_probe;
  std::shared_ptr<rank_table> ranks = std::make_shared<rank_table>();

  om_fixture() {
    std::tie(venue_probe, venue_log) = probe();
    std::tie(strategy_probe, strategy_log) = probe();
    std::tie(fill_probe, fill_log) = probe();
  }

  order_manager_actor spawn_om(run_mode mode, order_manager_config config = {}) {
    auto om = spawn_order_manager(sys, config, participant_setup{mode, 5, ranks},
                                  {{"AAPL", caf::actor_cast<venue_actor>(venue_probe)}},
                                  {caf::actor_cast<fill_listener_actor>(fill_probe)});
    self->send(om,
               register_strategy{7, caf::actor_cast<order_event_listener_actor>(strategy_probe)});
    run();
    return om;
  }
};

} // namespace

TEST_CASE_FIXTURE(om_fixture, "the order manager routes commands and forwards venue events") {
  auto om = spawn_om(run_mode::paper);
  self->send(om, limit_order(1, "10.00"));
  run();
  CHECK(commands(*venue_log) == std::vector<std::string>{"s1"});
  CHECK(venue_log->all<submit_order>()[0].limit_price == px("10.00"));

  self->send(om, order_accepted{header(1)});
  fill f;
  f.header = header(1);
  f.trade = 1;
  f.fill_price = px("10.00");
  f.fill_qty = qty("1");
  self->send(om, order_filled{f});
  run();
  REQUIRE(strategy_log->count<order_accepted>() == 1);
  REQUIRE(strategy_log->count<order_filled>() == 1);
  REQUIRE(fill_log->count<order_filled>() == 1);
  CHECK(fill_log->all<order_filled>()[0].execution.fill_qty == qty("1"));
  CHECK(fill_log->all<order_filled>()[0].execution.header.strategy == 7);

  SUBCASE("unknown symbols are rejected without reaching a venue") {
    auto bad = limit_order(2, "10.00");
    bad.symbol = "TSLA";
    self->send(om, bad);
    run();
    auto rejected = strategy_log->all<order_rejected>();
    REQUIRE(rejected.size() == 1);
    CHECK(rejected[0].reason == order_reject_reason::unknown_symbol);
    CHECK(rejected[0].detail == "order 2: no venue trades TSLA");
    CHECK(commands(*venue_log) == std::vector<std::string>{"s1"});
  }
  SUBCASE("open orders are answered by request") {
    self->send(om, limit_order(3, "9.00"));
    run();
    self->send(om, get_open_orders{7});
    run();
    self->receive([](open_orders& reply) {
      REQUIRE(reply.orders.size() == 1);
      CHECK(reply.orders[0].id == 3);
      CHECK(reply.orders[0].state == orders::order_state::pending_submit);
    });
  }
}

TEST_CASE_FIXTURE(om_fixture, "an order whose notional would overflow is rejected with overflow") {
  auto om = spawn_om(run_mode::paper);
  auto huge = limit_order(1, "100.00");
  huge.qty = qty("100000000000000"); // 10^18 raw cents
  self->send(om, huge);
  run();
  auto rejected = strategy_log->all<order_rejected>();
  REQUIRE(rejected.size() == 1);
  CHECK(rejected[0].header.id == 1);
  CHECK(rejected[0].reason == order_reject_reason::overflow);
  CHECK(rejected[0].detail.find("would overflow") != std::string::npos);
  CHECK(commands(*venue_log).empty());
  CHECK(fill_log->messages.empty());
}

TEST_CASE_FIXTURE(om_fixture, "a submit's ts_trigger reaches the venue unchanged") {
  auto om = spawn_om(run_mode::paper);
  auto triggered = limit_order(1, "10.00");
  triggered.ts_trigger = 987'654'321;
  self->send(om, triggered);
  self->send(om, limit_order(2, "10.00")); // no trigger: a timer or an order event decided it
  run();
  auto sent = venue_log->all<submit_order>();
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].ts_trigger == 987'654'321);
  CHECK(sent[1].ts_trigger == 0);
}

TEST_CASE_FIXTURE(om_fixture,
                  "a cancel behind 1,000 limit orders in the mailbox is handled first") {
  auto om = spawn_om(run_mode::paper);
  SUBCASE("the order to cancel is at the venue") {
    self->send(om, limit_order(1, "10.00"));
    run();
    for (order_id id = 2; id <= 1001; ++id)
      self->send(om, limit_order(id, "10.00"));
    self->send(om, cancel_order{100, 100, 1, 7});
    run();
    auto got = commands(*venue_log);
    REQUIRE(got.size() == 1002);
    CHECK(got[0] == "s1");
    CHECK(got[1] == "c1");
    CHECK(got[2] == "s2");
    CHECK(got[1001] == "s1001");
  }
  SUBCASE("the order to cancel is still queued") {
    for (order_id id = 1; id <= 1000; ++id)
      self->send(om, limit_order(id, "10.00"));
    self->send(om, cancel_order{100, 100, 1000, 7});
    run();
    auto got = commands(*venue_log);
    REQUIRE(got.size() == 999);
    CHECK(got[0] == "s1");
    CHECK(got[998] == "s999");
    REQUIRE(strategy_log->messages.size() == 1);
    auto cancelled = strategy_log->all<order_cancelled>();
    REQUIRE(cancelled.size() == 1);
    CHECK(cancelled[0].header.id == 1000);
    CHECK(cancelled[0].reason == order_cancel_reason::user);
  }
}

TEST_CASE_FIXTURE(om_fixture, "in backtest mode a step handles its inputs priority lane first") {
  ranks->add(self->id(), 4);           // the test plays a strategy of rank 4
  ranks->add(venue_probe->id(), 6);    // the venue
  ranks->add(strategy_probe->id(), 7); // the strategy's listener
  ranks->add(fill_probe->id(), 8);     // the portfolio
  auto om = spawn_om(run_mode::backtest);
  self->send(om, limit_order(1, "10.00"));
  self->send(om, limit_order(2, "10.00"));
  self->send(om, market_order(3));
  self->send(om, cancel_order{100, 100, 1, 7});
  run();
  CHECK(venue_log->messages.empty()); // buffered until stepped

  self->send(om, sim_step{100, {{4, 100, 4}}});
  run();
  self->receive([](sim_step_done& done) {
    CHECK(totals_by_rank(done.sent) == rank_totals{{6, 2}, {7, 1}});
    CHECK(done.next_wakeup == no_wakeup);
  });
  CHECK(commands(*venue_log) == std::vector<std::string>{"s3", "s2"});
  REQUIRE(strategy_log->count<order_cancelled>() == 1);

  // A step waits for the inputs it names.
  self->send(om, sim_step{200, {{4, 200, 1}}});
  run();
  CHECK(strategy_log->count<order_accepted>() == 0);
  self->send(om, order_accepted{header(2)});
  run();
  self->receive([](sim_step_done& done) { CHECK(totals_by_rank(done.sent) == rank_totals{{7, 1}}); });
  CHECK(strategy_log->count<order_accepted>() == 1);

  self->send(om, stop_run{300});
  run();
  self->receive([](sim_step_done& done) { CHECK(totals_by_rank(done.sent) == rank_totals{{6, 2}}); });
  CHECK(commands(*venue_log) == std::vector<std::string>{"s3", "s2", "c2", "c3"});
  self->send(om, limit_order(4, "10.00"));
  self->send(om, sim_step{300, {{4, 300, 1}}});
  run();
  self->receive([](sim_step_done& done) { CHECK(totals_by_rank(done.sent) == rank_totals{{7, 1}}); });
  auto rejected = strategy_log->all<order_rejected>();
  REQUIRE(rejected.size() == 1);
  CHECK(rejected[0].reason == order_reject_reason::shutting_down);
}

TEST_CASE_FIXTURE(coordinator_fixture, "the order manager and a venue trade end to end") {
  auto [strategy, strategy_log] = probe();
  auto [portfolio, fill_log] = probe();
  venue_config vc;
  vc.settings.instruments = {*instrument::make("AAPL", "0.01", "1")};
  vc.settings.fees.taker_bps = venue::basis_points::from_units(10);
  const participant_setup paper{run_mode::paper, 0, std::make_shared<rank_table>()};
  auto venue = spawn_venue(sys, vc, paper);
  auto om = spawn_order_manager(sys, {}, paper, {{"AAPL", venue}},
                                {caf::actor_cast<fill_listener_actor>(portfolio)});
  self->send(venue, attach_order_listener{om});
  self->send(om, register_strategy{7, caf::actor_cast<order_event_listener_actor>(strategy)});
  quote_batch quotes;
  quotes.ts_event = 100;
  quotes.quotes.push_back(quote{100, "AAPL", px("9.99"), px("10.01"), qty("100"), qty("100")});
  self->send(venue, quotes);
  self->send(om, quotes);
  run();
  self->send(om, market_order(1));
  run();
  REQUIRE(strategy_log->count<order_accepted>() == 1);
  REQUIRE(strategy_log->count<order_filled>() == 1);
  const auto f = strategy_log->all<order_filled>()[0].execution;
  CHECK(f.fill_price == px("10.01"));
  CHECK(f.role == liquidity::taker);
  CHECK(f.fee == *money::parse("0.010010")); // 10.01 * 10 bp
  REQUIRE(fill_log->count<order_filled>() == 1);
  self->send(om, get_open_orders{0});
  run();
  self->receive([](open_orders& reply) { CHECK(reply.orders.empty()); });
  // The venue and the order manager hold each other's handles: stop them, as the builder does.
  self->send_exit(venue, caf::exit_reason::user_shutdown);
  self->send_exit(om, caf::exit_reason::user_shutdown);
  run();
}
