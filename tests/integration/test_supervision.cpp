// Shows supervision (docs/operations.md, "Supervision"): a strategy that throws on every quote is
// halted after max_errors, one that dies (strategy_fatal_error escapes its actor) or hangs (blocks
// in a handler past the deadline) is isolated with its open orders cancelled; in every case the
// other strategy trades exactly as in a run without the bad one, the run completes, the event is
// in run_result::supervision_events, and the deterministic cases give the same result on 1, 2 and
// 4 scheduler threads.
#include <doctest/doctest.h>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "bourse/actors/builder/run_outputs.hpp"
#include "bourse/actors/builder/trading_system.hpp"
#include "quote_fixture.hpp"

using namespace bourse;
// quote_fixture.hpp: second, px, qty, quotes_of_aaa, add_quote_market.
using namespace bourse::testing;

namespace {

/// The well-behaved strategy: buys 1 at market on every third quote.
class steady_buyer final : public strategy {
public:
  strategy_spec requirements() const override { return quotes_of_aaa(); }

protected:
  void on_quote(const quote& q) override {
    if (++seen_ % 3 == 0)
      submit_market(q.symbol, side::buy, qty("1"));
  }

private:
  int seen_ = 0;
};

enum class misbehaviour { none, throws, dies, hangs };

/// The bad strategy: rests a buy at 95 on its first quote (it would fill when the market drops to
/// 90 at the 11th quote), then misbehaves from the 3rd quote on.
class bad_strategy final : public strategy {
public:
  bad_strategy(misbehaviour how, std::shared_ptr<std::atomic<bool>> release)
      : how_(how), release_(std::move(release)) {}
  strategy_spec requirements() const override { return quotes_of_aaa(); }

protected:
  void on_quote(const quote& q) override {
    if (++seen_ == 1)
      submit_limit(q.symbol, side::buy, qty("5"), px("95"));
    if (seen_ < 3)
      return;
    switch (how_) {
      case misbehaviour::none:
        break;
      case misbehaviour::throws:
        throw std::runtime_error("bad quote handler");
      case misbehaviour::dies:
        throw strategy_fatal_error("state lost");
      case misbehaviour::hangs:
        // Blocks until the test releases it after the run (never within the run).
        while (!release_->load())
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
        break;
    }
  }

private:
  misbehaviour how_;
  std::shared_ptr<std::atomic<bool>> release_;
  int seen_ = 0;
};

struct outcome {
  bool ok = false;
  std::string problems;
  std::string good_fills; // strategy 1's fills, as text
  std::string bad_fills;  // strategy 2's fills, as text
  std::vector<supervision_event> events;
  std::string events_text;
};

outcome run(int threads, bool with_bad, misbehaviour how, std::uint32_t max_errors = 3,
            std::chrono::milliseconds deadline = std::chrono::seconds(60),
            run_mode mode = run_mode::backtest, run_result* keep = nullptr, double speed = 100) {
  auto release = std::make_shared<std::atomic<bool>>(false);
  outcome o;
  {
    system_config cfg;
    cfg.set("scheduler.max-threads", threads);
    trading_system ts{cfg, mode};
    add_quote_market(ts);
    sequencer_config seq;
    seq.deadline = deadline;
    seq.mode = mode;
    seq.speed = speed; // paper, 100: 30 s of data in 0.3 s
    ts.set_sequencer(seq);
    ts.add_strategy(std::make_unique<steady_buyer>(), {1, 1, "steady"});
    if (with_bad) {
      strategy_actor_config c{2, 1, "bad"};
      c.max_errors = max_errors;
      ts.add_strategy(std::make_unique<bad_strategy>(how, release), c);
    }
    auto result = ts.run();
    release->store(true); // a hung handler returns, and its actor can go away with the system
    o.ok = result.ok;
    for (const auto& p : result.problems)
      o.problems += p + "\n";
    result.for_each_fill([&](const fill& f) {
      auto line = std::to_string(f.header.ts_event) + " " + std::to_string(f.header.id) + " " +
                  f.fill_qty.to_string() + "@" + f.fill_price.to_string() + "\n";
      (f.header.strategy == 1 ? o.good_fills : o.bad_fills) += line;
    });
    o.events = result.supervision_events;
    if (keep != nullptr)
      *keep = result;
    for (const auto& e : o.events)
      o.events_text += e.participant + "|" + e.what + "|" + std::to_string(e.data_time) + "|" +
                       e.action + "\n";
  }
  return o;
}

} // namespace

TEST_CASE("a bad strategy that does nothing wrong gets its resting buy filled (the control)") {
  auto base = run(2, false, misbehaviour::none);
  REQUIRE_MESSAGE(base.ok, base.problems);
  CHECK_FALSE(base.good_fills.empty());
  auto control = run(2, true, misbehaviour::none);
  REQUIRE_MESSAGE(control.ok, control.problems);
  CHECK(control.good_fills == base.good_fills);
  CHECK(control.bad_fills.find("5@") != std::string::npos); // filled when the market dropped
  CHECK(control.events.empty());
}

TEST_CASE("a strategy that throws on every quote is halted after max_errors and the other trades on") {
  auto base = run(2, false, misbehaviour::none);
  auto bad = run(2, true, misbehaviour::throws, 4);
  REQUIRE_MESSAGE(bad.ok, bad.problems);
  CHECK(bad.good_fills == base.good_fills);
  CHECK(bad.bad_fills.empty()); // its resting buy was cancelled by the halt
  REQUIRE(bad.events.size() == 1);
  CHECK(bad.events[0].participant == "strategy bad (id 2)");
  CHECK(bad.events[0].what.find("halted: 4 exceptions (max_errors 4)") == 0);
  CHECK(bad.events[0].data_time == 6 * second); // quotes 3, 4, 5 and 6 threw
  CHECK(bad.events[0].action == "halted, open orders cancelled");
  for (int threads : {1, 4}) {
    CAPTURE(threads);
    auto again = run(threads, true, misbehaviour::throws, 4);
    CHECK(again.good_fills == bad.good_fills);
    CHECK(again.bad_fills == bad.bad_fills);
    CHECK(again.events_text == bad.events_text);
  }
}

TEST_CASE("a strategy whose actor dies is isolated with its orders cancelled and the run completes") {
  auto base = run(2, false, misbehaviour::none);
  auto dead = run(2, true, misbehaviour::dies);
  REQUIRE_MESSAGE(dead.ok, dead.problems);
  CHECK(dead.good_fills == base.good_fills);
  CHECK(dead.bad_fills.empty()); // the resting buy at 95 was cancelled before the drop to 90
  REQUIRE(dead.events.size() == 1);
  const auto& e = dead.events[0];
  CHECK(e.participant == "strategy bad (id 2)");
  CHECK(e.what.find("died") == 0);
  CHECK(e.what.find("state lost") != std::string::npos);
  CHECK(e.data_time >= 2 * second);
  CHECK(e.data_time < 11 * second);
  CHECK(e.action == "isolated, open orders cancelled");
  for (int threads : {1, 4}) {
    CAPTURE(threads);
    auto again = run(threads, true, misbehaviour::dies);
    REQUIRE_MESSAGE(again.ok, again.problems);
    CHECK(again.good_fills == dead.good_fills);
    CHECK(again.bad_fills.empty());
    CHECK(again.events_text == dead.events_text);
  }
}

TEST_CASE("a strategy that hangs in a handler is isolated by the watchdog and the run completes") {
  // The handler blocks until the test releases it after the run: only the watchdog can end the
  // wait, so the short deadline cannot make this test flaky. A blocked handler holds a worker
  // thread: two are needed for the rest of the system.
  auto base = run(2, false, misbehaviour::none);
  auto hung = run(2, true, misbehaviour::hangs, 3, std::chrono::milliseconds(200));
  REQUIRE_MESSAGE(hung.ok, hung.problems);
  CHECK(hung.good_fills == base.good_fills);
  CHECK(hung.bad_fills.empty());
  REQUIRE(hung.events.size() == 1);
  CHECK(hung.events[0].participant == "strategy bad (id 2)");
  CHECK(hung.events[0].what == "no answer within 200ms (hung)");
  CHECK(hung.events[0].action == "isolated, open orders cancelled");
  // It hangs at a point the data decides: the outcome is the same on more threads.
  auto again = run(4, true, misbehaviour::hangs, 3, std::chrono::milliseconds(200));
  REQUIRE_MESSAGE(again.ok, again.problems);
  CHECK(again.good_fills == hung.good_fills);
  CHECK(again.events_text == hung.events_text);
}

TEST_CASE("the run summary and stats.json list the supervision events") {
  run_result result;
  auto dead = run(2, true, misbehaviour::dies, 3, std::chrono::seconds(60), run_mode::backtest,
                  &result);
  REQUIRE_MESSAGE(dead.ok, dead.problems);
  std::vector<named_run> runs;
  runs.push_back({"q", result});
  const auto dir = std::filesystem::temp_directory_path() /
                   ("bourse-supervision-" + std::to_string(::getpid()));
  output_options options;
  options.directory = dir.string();
  const auto outputs = write_run_outputs(runs, options);
  REQUIRE_MESSAGE(outputs.error.empty(), outputs.error);
  const auto json = stats_json(runs, outputs.runs);
  CHECK(json.find("\"supervision\": [") != std::string::npos);
  CHECK(json.find("\"participant\": \"strategy bad (id 2)\"") != std::string::npos);
  CHECK(json.find("\"action\": \"isolated, open orders cancelled\"") != std::string::npos);
  char* buffer = nullptr;
  std::size_t size = 0;
  std::FILE* out = open_memstream(&buffer, &size);
  print_run_summary(out, runs, outputs);
  std::fclose(out);
  std::string table(buffer, size);
  std::free(buffer);
  CHECK(table.find("supervision") != std::string::npos);
  CHECK(table.find("q        strategy bad (id 2) at 1970-01-01T00:00:02") != std::string::npos);
  CHECK(table.find("-> isolated, open orders cancelled") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("in paper mode a strategy whose actor dies is isolated when it goes down") {
  auto dead = run(2, true, misbehaviour::dies, 3, std::chrono::seconds(60), run_mode::paper);
  REQUIRE_MESSAGE(dead.ok, dead.problems);
  CHECK_FALSE(dead.good_fills.empty());
  REQUIRE(dead.events.size() == 1);
  CHECK(dead.events[0].participant == "strategy bad (id 2)");
  CHECK(dead.events[0].what.find("died: exception: state lost") == 0);
  CHECK(dead.events[0].action == "isolated, open orders cancelled");
}

TEST_CASE("in paper mode a strategy stuck in a handler is isolated by the heartbeat while the run goes on") {
  // 30 s of data at speed 10: 3 s of wall time. The bad strategy blocks from its 3rd quote (0.3 s
  // in); the heartbeat (every quarter deadline, high priority, the deadline as its timeout) goes
  // unanswered and the strategy is isolated long before the data ends. Not at stop_run.
  run_result result;
  auto hung = run(2, true, misbehaviour::hangs, 3, std::chrono::milliseconds(400), run_mode::paper,
                  &result, 10);
  REQUIRE_MESSAGE(hung.ok, hung.problems);
  REQUIRE(hung.events.size() == 1);
  CHECK(hung.events[0].participant == "strategy bad (id 2)");
  CHECK(hung.events[0].what == "no answer within 400ms (hung)");
  CHECK(hung.events[0].action == "isolated, open orders cancelled");
  // Isolated before the last quote (30 s): the stop at the end of the data did not find it first.
  CHECK(hung.events[0].data_time < 30 * second);
  CHECK_FALSE(hung.good_fills.empty());
}

namespace {

using signal_input = std::variant<quote_batch, trade_batch, bar_batch>;

struct broken_signal_state {
  participant<signal_input> part;
  static inline const char* name = "broken_signal";
};

// A user participant that breaks (throws out of its step) once data time reaches 5 s.
indicator_actor::behavior_type
broken_signal(indicator_actor::stateful_pointer<broken_signal_state> self, participant_setup setup) {
  participant_hooks<signal_input> hooks;
  hooks.handle = [](signal_input&) {};
  self->state.part.configure(setup, std::move(hooks));
  self->set_exception_handler([](caf::scheduled_actor*, std::exception_ptr& ep) -> caf::error {
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      return caf::make_error(caf::sec::runtime_error, e.what());
    }
  });
  return {
      [=](sim_step& step) -> caf::result<sim_step_done> {
        if (step.bound >= 5 * second)
          throw std::runtime_error("signal broke");
        return self->state.part.step(self, step);
      },
      [=](stop_run& stop) -> sim_step_done { return self->state.part.stop(stop.ts_event, [] {}); },
      [=](get_runtime_info) { return participant<signal_input>::runtime(self); },
      [=](quote_batch& b) { self->state.part.accept(self, signal_input{std::move(b)}); },
      [=](trade_batch& b) { self->state.part.accept(self, signal_input{std::move(b)}); },
      [=](bar_batch& b) { self->state.part.accept(self, signal_input{std::move(b)}); },
      [=](market_window& w) {
        self->state.part.accept_all(self, window_inputs<signal_input>(std::move(w)));
      },
      [=](subscribe_indicators&) {},
  };
}

} // namespace

TEST_CASE("a core participant that dies fails the run with an error naming it") {
  system_config cfg;
  cfg.set("scheduler.max-threads", 2);
  trading_system ts{cfg};
  add_quote_market(ts);
  sequencer_config seq;
  seq.window = 1; // a step per slice, so that data time reaches 5 s in a step of its own
  ts.set_sequencer(seq);
  ts.add_strategy(std::make_unique<steady_buyer>(), {1, 1, "steady"});
  signal_actor_config sig;
  sig.name = "broken";
  sig.data.push_back({"AAA", market_stream::quotes});
  sig.spawn = [](caf::actor_system& sys, const participant_setup& setup) -> indicator_actor {
    return sys.spawn(broken_signal, setup);
  };
  ts.add_signal_actor(sig);
  auto result = ts.run();
  CHECK_FALSE(result.ok);
  REQUIRE(result.problems.size() == 1);
  CHECK(result.problems[0].find("run: signal broken died") == 0);
  CHECK(result.problems[0].find("signal broke") != std::string::npos);
}
