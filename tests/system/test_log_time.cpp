// Shows that a participant stamps its thread's log lines with the data time it is handling in a
// backtest (bourse::current_log_time(), what the log line format prints as "data ..."), also in its
// stop, and that the stamp is gone once the step is over; in paper mode lines keep the wall clock.
#include <doctest/doctest.h>

#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include <caf/all.hpp>

#include "bourse/actors/market_data/hub.hpp"
#include "bourse/actors/market_data/memory_feed.hpp"
#include "bourse/actors/sequencer/sequencer.hpp"
#include "bourse/logging/log_time.hpp"
#include "bourse/protocol/all.hpp"
#include "bourse/system/participant.hpp"

using namespace bourse;

namespace {

/// What the probe saw: (data time of the input or stop, log time of its thread meanwhile).
struct seen {
  std::mutex mutex;
  std::vector<std::pair<timestamp, timestamp>> handled;
  std::pair<timestamp, timestamp> stopped{0, 0};
  timestamp outside_step = 0;
};

using probe_actor = participant_actor::extend_with<market_data_listener_actor>;

struct probe_state {
  participant<quote_batch> part;
  std::shared_ptr<seen> out;
  static inline const char* name = "log_time_probe";
};

probe_actor::behavior_type probe(probe_actor::stateful_pointer<probe_state> self,
                                 participant_setup setup, std::shared_ptr<seen> out) {
  self->state.out = std::move(out);
  participant_hooks<quote_batch> hooks;
  hooks.handle = [self](quote_batch& b) {
    std::lock_guard<std::mutex> guard{self->state.out->mutex};
    self->state.out->handled.emplace_back(b.ts_event, current_log_time());
  };
  self->state.part.configure(setup, std::move(hooks));
  return {
      [=](sim_step& s) { return self->state.part.step(self, s); },
      [=](stop_run& s) {
        return self->state.part.stop(s.ts_event, [self] {
          std::lock_guard<std::mutex> guard{self->state.out->mutex};
          self->state.out->stopped = {self->state.part.now(), current_log_time()};
        });
      },
      [=](get_runtime_info) {
        // Between steps: no data time.
        std::lock_guard<std::mutex> guard{self->state.out->mutex};
        self->state.out->outside_step = current_log_time();
        return participant<quote_batch>::runtime(self);
      },
      [=](quote_batch& b) { self->state.part.accept(self, std::move(b)); },
      [=](trade_batch&) {},
      [=](bar_batch&) {},
      [=](market_window& w) {
        self->state.part.accept_all(self, window_inputs<quote_batch>(std::move(w)));
      },
  };
}

std::vector<market_slice> slices(int n) {
  std::vector<market_slice> out;
  for (int i = 0; i < n; ++i) {
    market_slice s;
    s.ts_event = s.ts_init = 1'704'153'600'000'000'000 + i * ns_per_second;
    quote q;
    q.ts = s.ts_event;
    q.symbol = "AAA";
    q.bid = price::from_raw(100 + i, 2);
    q.ask = price::from_raw(101 + i, 2);
    s.quotes.push_back(q);
    out.push_back(std::move(s));
  }
  return out;
}

std::shared_ptr<seen> run(run_mode mode) {
  caf::actor_system_config cfg;
  register_protocol_types(cfg);
  cfg.set("scheduler.max-threads", 1);
  auto out = std::make_shared<seen>();
  caf::actor_system sys{cfg};
  auto ranks = std::make_shared<rank_table>();
  auto hub = spawn_hub(sys, participant_setup{mode, 1, ranks});
  auto p = sys.spawn(probe, participant_setup{mode, 2, ranks}, out);
  ranks->add(hub.id(), 1);
  ranks->add(p.id(), 2);
  caf::scoped_actor self{sys};
  self->send(hub, subscribe{"*", data_kind::quotes, p});
  sequencer_wiring wiring;
  wiring.self_rank = 0;
  wiring.hub = hub;
  wiring.hub_rank = 1;
  wiring.feeds = {spawn_memory_feed(sys, slices(5))};
  wiring.participants = {{1, hub}, {2, p}};
  sequencer_config sc;
  sc.mode = mode;
  sc.speed = 1e9; // paper: as fast as the clock allows
  auto seq = spawn_sequencer(sys, sc, wiring);
  ranks->add(seq.id(), 0);
  self->request(seq, caf::infinite, start_run{})
      .receive([](run_summary&) {},
               [&](caf::error& err) { FAIL("run failed: " << caf::to_string(err)); });
  self->request(p, caf::infinite, get_runtime_info{})
      .receive([](runtime_info&) {}, [](caf::error&) {});
  for (auto h :
       std::vector<caf::actor>{caf::actor_cast<caf::actor>(seq), caf::actor_cast<caf::actor>(hub),
                               caf::actor_cast<caf::actor>(p)})
    self->send_exit(h, caf::exit_reason::user_shutdown);
  return out;
}

} // namespace

TEST_CASE("a participant's log lines carry the data time it handles in a backtest") {
  auto out = run(run_mode::backtest);
  REQUIRE(out->handled.size() == 5);
  for (const auto& [ts, log_time] : out->handled)
    CHECK(log_time == ts);
  CHECK(out->stopped.first == out->handled.back().first);
  CHECK(out->stopped.second == out->stopped.first);
  CHECK(out->outside_step == no_log_time);
  CHECK(current_log_time() == no_log_time);
}

TEST_CASE("in paper mode a participant's log lines keep the wall clock") {
  auto out = run(run_mode::paper);
  REQUIRE(out->handled.size() == 5);
  for (const auto& [ts, log_time] : out->handled)
    CHECK(log_time == no_log_time);
  CHECK(out->stopped.second == no_log_time);
}
