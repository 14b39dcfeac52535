// Shows the portfolio actor: fills and marks in paper mode become position_changed events (the
// strategy's position, then the account's) and equity samples stamped with the slice they
// describe; stepped by hand in backtest mode its replies count the events it sent; the report
// holds every fill in booking order, the equity curve and the final positions.
#include <doctest/doctest.h>

#include <filesystem>
#include <memory>
#include <vector>

#include "actor_test_kit.hpp"
#include "bourse/actors/portfolio/fill_file.hpp"
#include "bourse/actors/portfolio/portfolio.hpp"

using namespace bourse;
using namespace bourse::testing;

namespace {

price px(const char* t) { return *price::parse(t); }
quantity qty(const char* t) { return *quantity::parse(t); }
money cash(const char* t) { return *money::parse(t); }

quote_batch quotes(timestamp ts, const char* bid, const char* ask) {
  return quote_batch{ts, ts, {quote{ts, "AAA", px(bid), px(ask), qty("1"), qty("1")}}};
}

fill make_fill(order_id id, strategy_id s, side sd, const char* q, const char* p, const char* fee,
               timestamp ts) {
  fill f;
  f.header = order_event_header{ts, ts, id, s, 1, "AAA"};
  f.fill_side = sd;
  f.fill_price = px(p);
  f.fill_qty = qty(q);
  f.fee = cash(fee);
  return f;
}

portfolio_report report(coordinator_fixture& fx, const portfolio_actor& p) {
  portfolio_report out;
  fx.self->send(p, get_portfolio_report{});
  fx.run();
  fx.self->receive([&](portfolio_report& r) { out = r; },
                   caf::after(std::chrono::seconds(0)) >> [] { FAIL("no report"); });
  return out;
}

sim_step_done reply(coordinator_fixture& fx) {
  sim_step_done out;
  fx.self->receive([&](sim_step_done& d) { out = d; },
                   caf::after(std::chrono::seconds(0)) >> [] { FAIL("no step reply"); });
  return out;
}

portfolio_config config() {
  portfolio_config c;
  c.initial_cash = {{1, cash("100000")}};
  return c;
}

} // namespace

TEST_CASE("in paper mode fills and marks become position and equity events and a report") {
  coordinator_fixture fx;
  auto [listener, events] = fx.probe();
  auto ranks = std::make_shared<rank_table>();
  auto p = spawn_portfolio(fx.sys, config(), participant_setup{run_mode::paper, 4, ranks});
  fx.self->send(p, subscribe_portfolio{caf::actor_cast<portfolio_listener_actor>(listener)});
  fx.self->send(p, quotes(1'000, "100", "101")); // mark AAA at 100.5
  fx.self->send(p, order_filled{make_fill(11, 1, side::buy, "10", "100", "1", 1'000)});
  fx.run();
  auto changes = events->all<position_changed>();
  REQUIRE(changes.size() == 2);
  CHECK(changes[0].strategy == 1);
  CHECK(changes[0].account == 1);
  CHECK(changes[0].symbol == "AAA");
  CHECK(changes[0].net_qty == qty("10"));
  CHECK(changes[0].avg_price == "100");
  CHECK(changes[0].unrealized_pnl == cash("5")); // 10 * (100.5 - 100)
  CHECK(changes[0].fees == cash("1"));
  CHECK(changes[1].strategy == 0); // the account's aggregate
  CHECK(events->count<equity_sampled>() == 0); // the slice at 1000 is not over yet

  fx.self->send(p, trade_batch{2'000, 2'000, {trade{2'000, "AAA", px("102"), qty("1")}}});
  fx.run();
  auto equity = events->all<equity_sampled>();
  REQUIRE(equity.size() == 2);
  CHECK(equity[0].ts_event == 1'000);
  CHECK(equity[0].strategy == 1);
  CHECK(equity[0].equity == cash("100004")); // 100000 - 1000 - 1 + 10 * 100.5
  CHECK(equity[1].strategy == 0);
  CHECK(equity[1].equity == cash("100004"));

  fx.self->send(p, order_partially_filled{make_fill(12, 1, side::sell, "4", "103", "0", 2'000)});
  fx.self->send(p, bar_batch{3'000, 3'000, {symbol_bar{"AAA", bar{3'000, {}, {}, {}, px("104"), {}}}}});
  fx.self->send(p, stop_run{3'000});
  fx.run();
  (void)reply(fx);
  equity = events->all<equity_sampled>();
  REQUIRE(equity.size() == 6);
  CHECK(equity[2].ts_event == 2'000);
  // 100000 - 1000 - 1 + 412 + 6 * 102 = 100023
  CHECK(equity[2].equity == cash("100023"));
  CHECK(equity[4].ts_event == 3'000);
  CHECK(equity[4].equity == cash("100035")); // ... + 6 * 104

  auto r = report(fx, p);
  REQUIRE(r.fills.size() == 2);
  CHECK(r.fills[0].header.id == 11);
  CHECK(r.fills[1].header.id == 12);
  CHECK(r.equity.size() == 6);
  REQUIRE(r.positions.size() == 2);
  CHECK(r.positions[0].strategy == 1);
  CHECK(r.positions[0].net_qty == qty("6"));
  CHECK(r.positions[0].realized_pnl == cash("12")); // 4 * (103 - 100)
  CHECK(r.positions[0].unrealized_pnl == cash("24")); // 6 * (104 - 100)
  CHECK(r.positions[1].strategy == 0);
}

TEST_CASE("stepped by hand in backtest mode the portfolio counts the events it sends") {
  coordinator_fixture fx;
  auto [listener, events] = fx.probe();
  auto ranks = std::make_shared<rank_table>();
  ranks->add(fx.self->id(), 1); // the test plays hub and order manager
  ranks->add(listener.id(), 5); // the listener is a participant
  auto p = spawn_portfolio(fx.sys, config(), participant_setup{run_mode::backtest, 4, ranks});
  fx.self->send(p, subscribe_portfolio{caf::actor_cast<portfolio_listener_actor>(listener)});
  fx.self->send(p, quotes(1'000, "100", "101"));
  fx.self->send(p, order_filled{make_fill(11, 1, side::buy, "10", "100", "0", 1'000)});
  fx.run();
  CHECK(events->messages.empty()); // buffered until stepped

  fx.self->send(p, sim_step{1'000, {{1, 1'000, 2}}});
  fx.run();
  auto done = reply(fx);
  CHECK(totals_by_rank(done.sent) == rank_totals{{5, 2}}); // two position_changed
  CHECK(done.next_wakeup == no_wakeup);

  fx.self->send(p, quotes(2'000, "101", "103"));
  fx.self->send(p, sim_step{2'000, {{1, 2'000, 1}}});
  fx.run();
  done = reply(fx);
  CHECK(totals_by_rank(done.sent) == rank_totals{{5, 2}}); // the samples of slice 1000
  CHECK(events->count<equity_sampled>() == 2);

  fx.self->send(p, stop_run{2'000});
  fx.run();
  done = reply(fx);
  CHECK(totals_by_rank(done.sent) == rank_totals{{5, 2}}); // the samples of slice 2000
  auto equity = events->all<equity_sampled>();
  REQUIRE(equity.size() == 4);
  CHECK(equity[2].ts_event == 2'000);
  CHECK(equity[2].equity == cash("100020")); // 100000 - 1000 + 10 * 102
  CHECK(report(fx, p).equity.size() == 4);
}

TEST_CASE("a fill the position refuses is reported in the log, not booked, and changes nothing") {
  coordinator_fixture fx;
  auto [listener, events] = fx.probe();
  auto p = spawn_portfolio(fx.sys, config(), participant_setup{run_mode::paper, 4, nullptr});
  fx.self->send(p, subscribe_portfolio{caf::actor_cast<portfolio_listener_actor>(listener)});
  fx.self->send(p, order_filled{make_fill(11, 1, side::buy, "0", "100", "0", 1'000)});
  fx.run();
  CHECK(events->messages.empty());
  auto r = report(fx, p);
  CHECK(r.fills.empty());
  CHECK(r.positions.empty());
}

TEST_CASE("the portfolio configuration reports every problem") {
  portfolio_config c;
  c.default_cash = cash("-1");
  c.sample_interval = -1;
  CHECK(c.validate().size() == 2);
  CHECK(config().validate().empty());
}

TEST_CASE("past fills_in_memory the fills go to a file that the report hands over whole") {
  coordinator_fixture fx;
  auto ranks = std::make_shared<rank_table>();
  auto c = config();
  c.fills_in_memory = 2;
  auto p = spawn_portfolio(fx.sys, c, participant_setup{run_mode::paper, 4, ranks});
  fx.self->send(p, order_filled{make_fill(11, 1, side::buy, "10", "100", "1", 1'000)});
  fx.self->send(p, order_filled{make_fill(12, 1, side::sell, "4", "101.5", "0.25", 2'000)});
  SUBCASE("at the limit they stay in memory") {
    fx.run();
    auto r = report(fx, p);
    CHECK(r.fills.size() == 2);
    CHECK(r.fill_count == 2);
    CHECK(r.fill_file.empty());
  }
  SUBCASE("beyond it every fill is in the file, in booking order and unchanged") {
    auto third = make_fill(13, 1, side::sell, "6", "99.25", "-0.5", 3'000);
    third.trade = 77;
    third.leaves_qty = qty("2");
    third.role = liquidity::maker;
    third.header.symbol = "A,\"B\"";
    fx.self->send(p, order_partially_filled{third});
    fx.run();
    auto r = report(fx, p);
    CHECK(r.fills.empty());
    CHECK(r.fill_count == 3);
    REQUIRE_FALSE(r.fill_file.empty());
    std::vector<fill> back;
    {
      fill_file owned(r.fill_file, r.fill_count);
      CHECK(owned.for_each([&](const fill& f) { back.push_back(f); }).empty());
    }
    CHECK_FALSE(std::filesystem::exists(r.fill_file)); // the owner removed it
    REQUIRE(back.size() == 3);
    CHECK(back[0].header.id == 11);
    CHECK(back[1].fee == cash("0.25"));
    CHECK(back[2].header.symbol == "A,\"B\"");
    CHECK(back[2].trade == 77);
    CHECK(back[2].fill_price == px("99.25"));
    CHECK(back[2].fill_price.precision() == 2);
    CHECK(back[2].leaves_qty == qty("2"));
    CHECK(back[2].fee == cash("-0.5"));
    CHECK(back[2].role == liquidity::maker);
    CHECK(back[2].fill_side == side::sell);
    CHECK(back[2].header.ts_event == 3'000);
  }
}

TEST_CASE("a fill file cut short is reported, not read past its end") {
  const std::string path = temporary_fill_path();
  {
    fill_file_writer w(path);
    REQUIRE(w.ok());
    w.write(make_fill(1, 1, side::buy, "1", "10", "0", 1));
    CHECK(w.flush());
  }
  std::size_t seen = 0;
  auto error = read_fill_file(path, 2, [&](const fill&) { ++seen; });
  CHECK(seen == 1);
  CHECK(error.find("fill 1 is cut short") != std::string::npos);
  std::filesystem::remove(path);
}

TEST_CASE("a fill the ledger cannot book is named in the report and the others are booked") {
  coordinator_fixture fx;
  auto ranks = std::make_shared<rank_table>();
  auto p = spawn_portfolio(fx.sys, config(), participant_setup{run_mode::paper, 4, ranks});
  fx.self->send(p, order_filled{make_fill(11, 1, side::buy, "10", "100", "1", 1'000)});
  // Its notional (9e12 × 9e9) is far past what int64 money holds.
  fx.self->send(p, order_filled{make_fill(12, 1, side::buy, "9000000000000", "9000000000", "0",
                                          2'000)});
  fx.self->send(p, order_filled{make_fill(13, 1, side::sell, "4", "101", "0", 3'000)});
  fx.run();
  auto r = report(fx, p);
  CHECK(r.fill_count == 2);
  CHECK(r.unbooked_count == 1);
  REQUIRE(r.unbooked.size() == 1);
  CHECK(r.unbooked[0].rfind("order 12 (strategy 1, AAA): ", 0) == 0);
  bool found = false;
  for (const auto& pos : r.positions)
    if (pos.strategy == 1 && pos.symbol == "AAA") {
      found = true;
      CHECK(pos.net_qty == qty("6"));
    }
  CHECK(found);
}
