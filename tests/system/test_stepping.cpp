// Shows that the sequencer and the participant mechanism make handling order a property of data and
// ranks: a fan-out/fan-in system gives the same arrival log with 1, 2 and 4 scheduler threads, and a
// timer on data time fires in its slice.
#include <doctest/doctest.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <caf/all.hpp>

#include "bourse/protocol/all.hpp"
#include "bourse/system/participant.hpp"
#include "bourse/actors/market_data/hub.hpp"
#include "bourse/actors/market_data/memory_feed.hpp"
#include "bourse/actors/sequencer/sequencer.hpp"

using namespace bourse;

namespace {

/// A test participant: quote batches in; relays forward them (tagged) to the collector.
using relay_actor = participant_actor::extend_with<market_data_listener_actor>;

struct relay_state {
  participant<quote_batch> part;
  std::vector<relay_actor> targets;
  std::string tag;
  std::shared_ptr<std::vector<std::string>> log;
  static inline const char* name = "relay";
};

relay_actor::behavior_type relay(relay_actor::stateful_pointer<relay_state> self,
                                 participant_setup setup, std::string tag,
                                 std::vector<relay_actor> targets,
                                 std::shared_ptr<std::vector<std::string>> log) {
  auto& st = self->state;
  st.tag = std::move(tag);
  st.targets = std::move(targets);
  st.log = std::move(log);
  participant_hooks<quote_batch> hooks;
  hooks.handle = [self](quote_batch& b) {
                              auto& s = self->state;
                              for (const auto& q : b.quotes) {
                                if (s.log)
                                  s.log->push_back(s.tag + "<" + q.symbol + "@" +
                                                   std::to_string(b.ts_event));
                                for (const auto& t : s.targets) {
                                  quote_batch out = b;
                                  out.quotes = {q};
                                  out.quotes[0].symbol = s.tag + ":" + q.symbol;
                                  s.part.send(self, t, std::move(out));
                                }
                              }
                            };
  st.part.configure(setup, std::move(hooks));
  return {
      [=](sim_step& s) { return self->state.part.step(self, s); },
      [=](stop_run& s) { return self->state.part.stop(s.ts_event, [] {}); },
      [=](get_runtime_info) { return participant<quote_batch>::runtime(self); },
      [=](quote_batch& b) { self->state.part.accept(self, std::move(b)); },
      [=](trade_batch&) {},
      [=](bar_batch&) {},
      [=](market_window& w) {
        self->state.part.accept_all(self, window_inputs<quote_batch>(std::move(w)));
      },
  };
}

std::vector<market_slice> make_slices(int n) {
  std::vector<market_slice> out;
  for (int i = 0; i < n; ++i) {
    market_slice s;
    s.ts_event = s.ts_init = 1'000 + i;
    for (const char* sym : {"AAA", "BBB", "CCC"}) {
      quote q;
      q.ts = s.ts_event;
      q.symbol = sym;
      q.bid = price::from_raw(100 + i, 2);
      q.ask = price::from_raw(101 + i, 2);
      s.quotes.push_back(q);
    }
    out.push_back(std::move(s));
  }
  return out;
}

// Builds sequencer(0) -> hub(1) -> relays A(2), B(3), C(4) -> collector(5); returns the collector log.
std::vector<std::string> run_system(int threads, int slices) {
  caf::actor_system_config cfg;
  register_protocol_types(cfg);
  cfg.set("scheduler.max-threads", threads);
  auto log = std::make_shared<std::vector<std::string>>();
  {
    caf::actor_system sys{cfg};
    auto ranks = std::make_shared<rank_table>();
    auto setup = [&](participant_rank r) { return participant_setup{run_mode::backtest, r, ranks}; };
    auto hub = spawn_hub(sys, setup(1));
    auto collector = sys.spawn(relay, setup(5), std::string{"Z"}, std::vector<relay_actor>{}, log);
    std::vector<relay_actor> relays;
    for (int i = 0; i < 3; ++i)
      relays.push_back(sys.spawn(relay, setup(2 + i), std::string(1, static_cast<char>('A' + i)),
                                 std::vector<relay_actor>{collector}, nullptr));
    ranks->add(hub.id(), 1);
    for (int i = 0; i < 3; ++i)
      ranks->add(relays[i].id(), 2 + i);
    ranks->add(collector.id(), 5);
    caf::scoped_actor self{sys};
    // Relay A follows every symbol, B only BBB, C only CCC and AAA.
    self->send(hub, subscribe{"*", data_kind::quotes, relays[0]});
    self->send(hub, subscribe{"BBB", data_kind::quotes, relays[1]});
    self->send(hub, subscribe{"CCC", data_kind::quotes, relays[2]});
    self->send(hub, subscribe{"AAA", data_kind::quotes, relays[2]});
    sequencer_wiring wiring;
    wiring.self_rank = 0;
    wiring.hub = hub;
    wiring.hub_rank = 1;
    wiring.feeds = {spawn_memory_feed(sys, make_slices(slices))};
    wiring.participants = {{1, hub}, {2, relays[0]}, {3, relays[1]}, {4, relays[2]}, {5, collector}};
    auto seq = spawn_sequencer(sys, sequencer_config{}, wiring);
    ranks->add(seq.id(), 0); // the sequencer's slices count as coming from rank 0
    run_summary summary;
    self->request(seq, caf::infinite, start_run{})
        .receive([&](run_summary& s) { summary = s; },
                 [&](caf::error& err) { FAIL("run failed: " << caf::to_string(err)); });
    CHECK(summary.slices == static_cast<std::uint64_t>(slices));
    CHECK(summary.quotes == static_cast<std::uint64_t>(slices * 3));
    // Every participant is quiet: the first slice is swept on its own, then the rest of the data
    // (one window) in a single sweep.
    CHECK(summary.waves == 2);
    for (auto h : std::vector<caf::actor>{caf::actor_cast<caf::actor>(seq),
                                          caf::actor_cast<caf::actor>(hub),
                                          caf::actor_cast<caf::actor>(collector)})
      self->send_exit(h, caf::exit_reason::user_shutdown);
    for (auto& r : relays)
      self->send_exit(r, caf::exit_reason::user_shutdown);
  }
  return *log;
}

} // namespace

TEST_CASE("a stepped fan-out/fan-in system handles inputs in the same order with 1, 2 and 4 threads") {
  auto reference = run_system(1, 40);
  // Every slice: A relays AAA, BBB, CCC; B relays BBB; C relays AAA, CCC -> 6 arrivals, ranks A<B<C.
  REQUIRE(reference.size() == 40 * 6);
  CHECK(reference[0] == "Z<A:AAA@1000");
  CHECK(reference[1] == "Z<A:BBB@1000");
  CHECK(reference[2] == "Z<A:CCC@1000");
  CHECK(reference[3] == "Z<B:BBB@1000");
  CHECK(reference[4] == "Z<C:AAA@1000");
  CHECK(reference[5] == "Z<C:CCC@1000");
  for (int threads : {2, 4, 2, 4})
    CHECK(run_system(threads, 40) == reference);
}
