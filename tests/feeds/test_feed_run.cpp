// Shows the feeds inside a real backtest: the sequencer pulls chunks from a CSV tick feed and a CSV
// bar feed, merges them by time and the hub delivers every row once, in order; a bad row under the
// stop policy ends the run with an error naming the file, line and column. Real scheduler.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include <caf/all.hpp>

#include "actor_test_kit.hpp"
#include "feed_test_kit.hpp"
#include "bourse/actors/market_data/feeds.hpp"
#include "bourse/actors/market_data/hub.hpp"
#include "bourse/actors/sequencer/sequencer.hpp"

using namespace bourse;
using namespace bourse::testing;

namespace {

struct run_result {
  std::variant<run_summary, caf::error> outcome;
  std::vector<quote_batch> quotes;
  std::vector<bar_batch> bars;
};

run_result run_backtest(std::vector<std::function<feed_actor(caf::actor_system&)>> make_feeds,
                        std::uint32_t chunk) {
  caf::actor_system_config cfg;
  register_protocol_types(cfg);
  cfg.set("scheduler.max-threads", 2);
  auto log = std::make_shared<probe_log>();
  run_result result;
  {
    caf::actor_system sys{cfg};
    auto ranks = std::make_shared<rank_table>();
    auto hub = spawn_hub(sys, participant_setup{run_mode::backtest, 1, ranks});
    ranks->add(hub.id(), 1);
    auto listener = spawn_probe(sys, log);
    caf::scoped_actor self{sys};
    auto as_listener = caf::actor_cast<market_data_listener_actor>(listener);
    self->send(hub, subscribe{"*", data_kind::quotes, as_listener});
    self->send(hub, subscribe{"*", data_kind::bars, as_listener});
    sequencer_wiring wiring;
    wiring.self_rank = 0;
    wiring.hub = hub;
    wiring.hub_rank = 1;
    for (auto& make : make_feeds)
      wiring.feeds.push_back(make(sys));
    wiring.participants = {{1, hub}};
    sequencer_config seq_cfg;
    seq_cfg.chunk = chunk;
    auto seq = spawn_sequencer(sys, seq_cfg, wiring);
    ranks->add(seq.id(), 0); // the sequencer's slices count as coming from rank 0
    self->request(seq, std::chrono::seconds(60), start_run{})
        .receive([&](run_summary& s) { result.outcome = s; },
                 [&](caf::error& err) { result.outcome = err; });
    // The hub's batches to the probe are not counted: wait until the probe has them all.
    self->send_exit(hub, caf::exit_reason::user_shutdown);
    self->wait_for(hub);
    self->send_exit(listener, caf::exit_reason::user_shutdown);
    self->wait_for(listener);
    self->send_exit(seq, caf::exit_reason::user_shutdown);
    for (auto& f : wiring.feeds)
      self->send_exit(f, caf::exit_reason::user_shutdown);
  }
  result.quotes = log->all<quote_batch>();
  result.bars = log->all<bar_batch>();
  return result;
}

std::string tick_rows(int from, int to) {
  std::string text;
  for (int i = from; i < to; ++i) {
    auto ts = std::to_string(1704205800 + i);
    text += ts + ",AAA,10,10.02\n" + ts + ",BBB,20,20.05\n";
  }
  return text;
}

} // namespace

TEST_CASE("a backtest delivers every row of the CSV feeds once, merged by time") {
  temp_file ticks("ticks.csv", "ts,symbol,bid,ask\n" + tick_rows(0, 50));
  // Bars at seconds 10, 20, 30 (one file, one symbol).
  temp_file bars("bars.csv", "ts,open,high,low,close\n"
                             "1704205810,1,2,1,2\n1704205820,2,3,2,3\n1704205830,3,4,3,4\n");
  auto result = run_backtest(
      {[&](caf::actor_system& sys) {
         csv_tick_feed_config c;
         c.path = ticks.path();
         c.feed.read_ahead = 8;
         c.feed.step_records = 5;
         return spawn_csv_tick_feed(sys, c);
       },
       [&](caf::actor_system& sys) {
         csv_bar_feed_config c;
         c.path = bars.path();
         c.symbol = "IDX";
         return spawn_csv_bar_feed(sys, c);
       }},
      8);
  REQUIRE(std::holds_alternative<run_summary>(result.outcome));
  auto summary = std::get<run_summary>(result.outcome);
  CHECK(summary.slices == 50);
  CHECK(summary.quotes == 100);
  CHECK(summary.bars == 3);
  REQUIRE(result.quotes.size() == 50);
  for (std::size_t i = 0; i < result.quotes.size(); ++i) {
    CHECK(result.quotes[i].ts_event == (1704205800LL + static_cast<timestamp>(i)) * ns_per_second);
    REQUIRE(result.quotes[i].quotes.size() == 2);
    CHECK(result.quotes[i].quotes[0].symbol == "AAA");
  }
  REQUIRE(result.bars.size() == 3);
  CHECK(result.bars[1].ts_event == 1704205820LL * ns_per_second);
  CHECK(result.bars[1].bars[0].symbol == "IDX");
}

TEST_CASE("a bad row under the stop policy ends the run with an error naming the place") {
  temp_file ticks("bad.csv", "ts,symbol,bid,ask\n" + tick_rows(0, 5) + "1704205805,AAA,oops,10\n" +
                                 tick_rows(6, 9));
  auto result = run_backtest({[&](caf::actor_system& sys) {
                               csv_tick_feed_config c;
                               c.path = ticks.path();
                               return spawn_csv_tick_feed(sys, c);
                             }},
                             4);
  REQUIRE(std::holds_alternative<caf::error>(result.outcome));
  auto text = caf::to_string(std::get<caf::error>(result.outcome));
  CHECK(text.find(ticks.path() + ":12: bid: ") != std::string::npos);
  // Every slice before the bad row was delivered, nothing after it. (With chunk 4 the sequencer
  // asks again only once its buffer is empty, so the error reply finds nothing left unprocessed.)
  REQUIRE(result.quotes.size() == 5);
  for (std::size_t i = 0; i < result.quotes.size(); ++i)
    CHECK(result.quotes[i].ts_event == (1704205800LL + static_cast<timestamp>(i)) * ns_per_second);
}
