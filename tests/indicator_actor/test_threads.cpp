// Shows where the actors run under the real (work-stealing) scheduler with 2 workers: a detached
// indicator actor answers from a thread of its own, always the same one, that no pool actor uses;
// the hub, the feeds, the aggregator, a strategy and an indicator spawned with detached = false run on
// the cooperative pool. Thread ids are compared, nothing is timed.
#include <doctest/doctest.h>

#include <chrono>
#include <set>
#include <string>

#include <caf/all.hpp>

#include "bourse/actors/aggregator/aggregator.hpp"
#include "bourse/protocol/all.hpp"
#include "bourse/actors/indicator/indicator.hpp"
#include "bourse/actors/market_data/feeds.hpp"
#include "bourse/actors/market_data/hub.hpp"
#include "bourse/actors/market_data/slice_feed.hpp"
#include "bourse/strategy/registry.hpp"
#include "bourse/actors/strategy/strategy.hpp"

using namespace bourse;

namespace {

template <class Handle>
runtime_info ask_runtime(caf::scoped_actor& self, const Handle& who) {
  runtime_info info;
  self->request(who, std::chrono::seconds(30), get_runtime_info{})
      .receive([&](runtime_info& r) { info = std::move(r); },
               [&](caf::error& err) { FAIL("get_runtime_info failed: " << caf::to_string(err)); });
  return info;
}

} // namespace

TEST_CASE("indicator actors run on their own threads, feeds, hub and strategies on the pool") {
  caf::actor_system_config cfg;
  register_protocol_types(cfg);
  cfg.set("scheduler.max-threads", 2);
  caf::actor_system sys{cfg};
  REQUIRE(sys.scheduler().num_workers() == 2);
  {
    caf::scoped_actor self{sys};
    participant_setup paper{run_mode::paper, 0, nullptr};
    auto hub = spawn_hub(sys, paper);
    indicator_actor_config detached_cfg;
    detached_cfg.symbol = "AAA";
    detached_cfg.specs = {"sma:5"};
    REQUIRE(detached_cfg.detached); // the default
    auto detached_a = spawn_indicator(sys, detached_cfg, paper);
    auto detached_b = spawn_indicator(sys, detached_cfg, paper);
    auto pooled_cfg = detached_cfg;
    pooled_cfg.detached = false;
    auto pooled = spawn_indicator(sys, pooled_cfg, paper);
    synthetic_feed_config feed_cfg;
    feed_cfg.symbols = {synthetic_symbol{*instrument::make("AAA", "0.01"), 100, 0.3, 3, 5, 1}};
    feed_cfg.tick_count = 100;
    auto feed = caf::actor_cast<inspectable_feed_actor>(spawn_synthetic_feed(sys, feed_cfg));
    aggregator_config agg_cfg;
    agg_cfg.listings = {{"AAA.X", "AAA", "X"}};
    auto agg = spawn_aggregator(sys, agg_cfg, paper);
    strategy_actor_config strategy_cfg;
    auto strategy = spawn_strategy(sys, make_strategy("sma_cross:symbol=AAA").value, strategy_cfg,
                                   paper, order_command_actor{});

    auto a1 = ask_runtime(self, detached_a);
    auto a2 = ask_runtime(self, detached_a);
    auto b = ask_runtime(self, detached_b);
    auto p = ask_runtime(self, pooled);
    auto h = ask_runtime(self, hub);
    auto f = ask_runtime(self, feed);
    auto g = ask_runtime(self, agg);
    auto s = ask_runtime(self, strategy);

    CHECK(a1.name == "indicator");
    CHECK(h.name == "market_data_hub");
    CHECK(f.name == "feed");
    CHECK(g.name == "aggregator");
    CHECK(a1.detached);
    CHECK(b.detached);
    CHECK_FALSE(p.detached);
    CHECK_FALSE(h.detached);
    CHECK_FALSE(f.detached);
    CHECK_FALSE(g.detached);
    CHECK_FALSE(s.detached);
    // A detached actor keeps its thread; two detached actors have two threads.
    CHECK(a1.thread == a2.thread);
    CHECK(a1.thread != b.thread);
    // No pool actor ever answered from a detached actor's thread.
    for (const auto* pool_info : {&p, &h, &f, &g, &s}) {
      CHECK(pool_info->thread != a1.thread);
      CHECK(pool_info->thread != b.thread);
    }
    // Pool actors answered from at most the 2 worker threads.
    std::set<std::string> pool_threads{p.thread, h.thread, f.thread, g.thread, s.thread};
    CHECK(pool_threads.size() <= 2);

    for (auto handle : {caf::actor_cast<caf::actor>(hub), caf::actor_cast<caf::actor>(detached_a),
                        caf::actor_cast<caf::actor>(detached_b), caf::actor_cast<caf::actor>(pooled),
                        caf::actor_cast<caf::actor>(feed), caf::actor_cast<caf::actor>(agg),
                        caf::actor_cast<caf::actor>(strategy)})
      self->send_exit(handle, caf::exit_reason::user_shutdown);
  }
}
