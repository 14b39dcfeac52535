// Shows that the aggregator actor turns quote batches into aggregated_quote messages (one per
// changed instrument) followed by arbitrage_opportunity when venues cross, sends each subscriber
// only the instruments it asked for, answers get_aggregated, and in backtest mode handles its
// inputs when stepped behind a real hub and reports its sends. Deterministic test scheduler.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

#include "actor_test_kit.hpp"
#include "bourse/actors/aggregator/aggregator.hpp"
#include "bourse/actors/market_data/hub.hpp"

using namespace bourse;
using namespace bourse::testing;

namespace {

price px(const char* text) {
  return *price::parse(text);
}
quantity qty(const char* text) {
  return *quantity::parse(text);
}

quote q(const char* symbol, timestamp ts, const char* bid, const char* ask, const char* bid_size,
        const char* ask_size) {
  return quote{ts, symbol, px(bid), px(ask), qty(bid_size), qty(ask_size)};
}

aggregator_config two_venues() {
  aggregator_config cfg;
  cfg.listings = {{"BTCUSD.A", "BTCUSD", "A"},
                  {"BTCUSD.B", "BTCUSD", "B"},
                  {"ETHUSD.A", "ETHUSD", "A"},
                  {"ETHUSD.B", "ETHUSD", "B"}};
  return cfg;
}

aggregated_quote_listener_actor as_listener(const caf::actor& probe) {
  return caf::actor_cast<aggregated_quote_listener_actor>(probe);
}

} // namespace

TEST_CASE_FIXTURE(coordinator_fixture,
                  "quotes in, aggregated quotes and arbitrage opportunities out (paper mode)") {
  auto cfg = two_venues();
  REQUIRE(cfg.validate().empty());
  CHECK(cfg.symbols() == std::vector<std::string>{"BTCUSD.A", "BTCUSD.B", "ETHUSD.A", "ETHUSD.B"});
  auto agg = spawn_aggregator(sys, cfg, participant_setup{run_mode::paper, 4, nullptr});
  auto [all, all_log] = probe();
  auto [eth, eth_log] = probe();
  self->send(agg, subscribe_aggregated{as_listener(all), "*"});
  self->send(agg, subscribe_aggregated{as_listener(eth), "ETHUSD"});
  run();

  // B's bid 100.30 is above A's ask 100.10: buy on A, sell on B.
  self->send(agg, quote_batch{50, 50,
                              {q("BTCUSD.A", 49, "100.00", "100.10", "2", "3"),
                               q("BTCUSD.B", 50, "100.30", "100.40", "1.5", "4")}});
  run();
  REQUIRE(all_log->messages.size() == 2);
  REQUIRE(all_log->messages[0].match_elements<aggregated_quote>());
  REQUIRE(all_log->messages[1].match_elements<arbitrage_opportunity>());
  auto aq = all_log->messages[0].get_as<aggregated_quote>(0);
  CHECK(aq.ts_event == 50);
  CHECK(aq.ts_init == 50);
  CHECK(aq.instrument == "BTCUSD");
  CHECK(aq.best_bid_venue == "B");
  CHECK(aq.best_bid == px("100.30"));
  CHECK(aq.best_bid_size == qty("1.5"));
  CHECK(aq.best_bid_symbol == "BTCUSD.B");
  CHECK(aq.best_ask_venue == "A");
  CHECK(aq.best_ask == px("100.10"));
  CHECK(aq.best_ask_size == qty("3"));
  CHECK(aq.best_ask_symbol == "BTCUSD.A");
  CHECK(aq.spread == px("-0.20"));
  auto arb = all_log->messages[1].get_as<arbitrage_opportunity>(0);
  CHECK(arb.instrument == "BTCUSD");
  CHECK(arb.buy_venue == "A");
  CHECK(arb.buy_symbol == "BTCUSD.A");
  CHECK(arb.buy_price == px("100.10"));
  CHECK(arb.sell_venue == "B");
  CHECK(arb.sell_symbol == "BTCUSD.B");
  CHECK(arb.sell_price == px("100.30"));
  CHECK(arb.size == qty("1.5"));
  CHECK(arb.edge == px("0.20"));
  CHECK(eth_log->messages.empty()); // subscribed to ETHUSD only

  // An unchanged best sends nothing; an ETH quote goes to both subscribers, uncrossed.
  self->send(agg, quote_batch{60, 60,
                              {q("BTCUSD.A", 60, "100.00", "100.10", "2", "3"),
                               q("ETHUSD.B", 60, "10", "10.5", "1", "1")}});
  run();
  REQUIRE(all_log->messages.size() == 3);
  REQUIRE(eth_log->messages.size() == 1);
  auto eth_quote = eth_log->all<aggregated_quote>().at(0);
  CHECK(eth_quote.instrument == "ETHUSD");
  CHECK(eth_quote.best_bid_venue == "B");
  CHECK(eth_quote.spread == px("0.5"));
  CHECK(all_log->all<aggregated_quote>().back().instrument == "ETHUSD");

  SUBCASE("get_aggregated answers with the current view, or an error naming the instrument") {
    self->send(agg, get_aggregated{"BTCUSD"});
    run();
    self->receive([&](aggregated_quote& view) { CHECK(view.best_bid == px("100.30")); },
                  [&](caf::error& err) { FAIL(caf::to_string(err)); },
                  caf::after(std::chrono::seconds(0)) >> [] { FAIL("no reply"); });
    self->send(agg, get_aggregated{"XRPUSD"});
    run();
    std::string text;
    self->receive([&](aggregated_quote&) { FAIL("unexpected view"); },
                  [&](caf::error& err) { text = caf::to_string(err); },
                  caf::after(std::chrono::seconds(0)) >> [] { FAIL("no reply"); });
    CHECK(text.find("XRPUSD") != std::string::npos);
  }
}

TEST_CASE_FIXTURE(coordinator_fixture,
                  "in backtest mode the aggregator handles the hub's batches when stepped") {
  auto ranks = std::make_shared<rank_table>();
  auto hub = spawn_hub(sys, participant_setup{run_mode::backtest, 1, ranks});
  auto cfg = two_venues();
  auto agg = spawn_aggregator(sys, cfg, participant_setup{run_mode::backtest, 2, ranks});
  auto [listener, log] = probe();
  ranks->add(hub.id(), 1);
  ranks->add(agg.id(), 2);
  ranks->add(listener.id(), 3);
  self->send(agg, subscribe_aggregated{as_listener(listener), "*"});
  for (const auto& symbol : cfg.symbols())
    self->send(hub, subscribe{symbol, data_kind::quotes, agg});
  self->send(hub, subscribe{"BTCUSD.A", data_kind::trades, agg}); // accepted and ignored
  run();

  auto step = [&](const auto& who, sim_step s) {
    self->send(who, std::move(s));
    run();
    sim_step_done done;
    bool replied = false;
    self->receive([&](sim_step_done& d) { done = d, replied = true; },
                  caf::after(std::chrono::seconds(0)) >> [] {});
    REQUIRE(replied);
    return done;
  };

  market_slice slice;
  slice.ts_event = slice.ts_init = 1'000;
  slice.quotes = {q("BTCUSD.A", 1'000, "100.00", "100.10", "2", "3"),
                  q("BTCUSD.B", 1'000, "100.30", "100.40", "1", "4")};
  slice.trades = {trade{1'000, "BTCUSD.A", px("100.05"), qty("1")}};
  self->send(hub, slice);
  run();
  auto hub_done = step(hub, sim_step{1'000, {}});
  CHECK(totals_by_rank(hub_done.sent) == rank_totals{{2, 2}}); // a quote batch and a trade batch
  CHECK(log->messages.empty());                            // buffered until stepped
  auto agg_done = step(agg, sim_step{1'000, {{1, 1'000, 2}}});
  CHECK(totals_by_rank(agg_done.sent) == rank_totals{{3, 2}}); // aggregated quote + arbitrage
  REQUIRE(log->messages.size() == 2);
  auto aq = log->all<aggregated_quote>().at(0);
  CHECK(aq.ts_init == 1'000);
  CHECK(aq.best_bid_venue == "B");
  CHECK(log->all<arbitrage_opportunity>().at(0).edge == px("0.20"));

  self->send_exit(hub, caf::exit_reason::user_shutdown);
  self->send_exit(agg, caf::exit_reason::user_shutdown);
}
