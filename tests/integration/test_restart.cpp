// Shows the strategy restart policy (docs/operations.md, "Restart policy"): a strategy that fails
// (max_errors exceptions, or strategy_fatal_error) is halted, its orders cancelled, and after the
// policy's backoff in data time a new instance from its factory carries on with the old one's
// positions, cash and order numbering; the budget runs out; a factory that fails leaves it halted;
// the same result on 1, 2 and 4 scheduler threads.
#include <doctest/doctest.h>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "bourse/actors/builder/trading_system.hpp"
#include "bourse/strategy/order_ids.hpp"
#include "quote_fixture.hpp"

using namespace bourse;
// quote_fixture.hpp: second, px, qty, quotes_of_aaa, add_quote_market.
using namespace bourse::testing;

namespace {

enum class failure { throws, fatal };

/// What the instances saw, written from the strategy's actor and read after the run.
struct journal_of_instances {
  std::mutex m;
  int made = 0;                                // instances the factory made
  std::map<int, std::string> start_books;      // instance -> "net cash orders_submitted" at start
  std::map<int, std::string> stop_books;       // instance -> same at on_stop
  int factory_fails_from = 0;                  // the factory throws from this instance on (0: never)
};

/// Buys 1 at market on every second quote it sees; rests a buy of 5 at 95 on its first quote (it
/// would fill when the market drops at the 11th). Instance k fails on its quotes >= fail_from
/// while k <= failing_instances.
class flaky_buyer final : public strategy {
public:
  flaky_buyer(int instance, failure how, int failing_instances, int fail_from,
              std::shared_ptr<journal_of_instances> j)
      : instance_(instance), how_(how), failing_(failing_instances), fail_from_(fail_from),
        j_(std::move(j)) {}
  strategy_spec requirements() const override { return quotes_of_aaa(); }

protected:
  void on_start() override { record(j_->start_books); }
  void on_stop() override { record(j_->stop_books); }
  void on_quote(const quote& q) override {
    ++seen_;
    if (seen_ == 1)
      submit_limit(q.symbol, side::buy, qty("5"), px("95"));
    if (seen_ % 2 == 0)
      submit_market(q.symbol, side::buy, qty("1"));
    if (instance_ <= failing_ && seen_ >= fail_from_) {
      if (how_ == failure::fatal)
        throw strategy_fatal_error("state lost");
      throw std::runtime_error("bad quote");
    }
  }

private:
  void record(std::map<int, std::string>& into) {
    std::lock_guard<std::mutex> lock(j_->m);
    into[instance_] = position("AAA").net().to_string() + " " + cash().to_string() + " " +
                      std::to_string(orders_submitted());
  }
  int instance_;
  failure how_;
  int failing_;
  int fail_from_;
  std::shared_ptr<journal_of_instances> j_;
  int seen_ = 0;
};

struct outcome {
  bool ok = false;
  std::string problems;
  std::string fills;         // strategy 1's fills as text
  std::vector<order_id> ids; // strategy 1's filled order ids in booking order
  std::string events_text;
  std::vector<supervision_event> events;
  quantity net;              // strategy 1's net position from its fills
  money cash;                // strategy 1's cash from its fills (100,000 initial)
  std::vector<fill> all;     // its fills
  std::shared_ptr<journal_of_instances> j = std::make_shared<journal_of_instances>();
};

struct setup {
  int threads = 2;
  failure how = failure::throws;
  int failing_instances = 1;
  int fail_from = 3;
  std::uint32_t max_errors = 2;
  restart_policy policy{};
  int factory_fails_from = 0;
  run_mode mode = run_mode::backtest;
};

outcome run(const setup& s) {
  outcome o;
  o.j->factory_fails_from = s.factory_fails_from;
  system_config cfg;
  cfg.set("scheduler.max-threads", s.threads);
  trading_system ts{cfg, s.mode};
  add_quote_market(ts);
  sequencer_config seq;
  seq.mode = s.mode;
  seq.speed = 100; // paper: 30 s of data in 0.3 s
  ts.set_sequencer(seq);
  strategy_actor_config c{1, 1, "flaky"};
  c.max_errors = s.max_errors;
  c.restart = s.policy;
  c.paper_speed = 100;
  auto j = o.j;
  ts.add_strategy(
      [j, how = s.how, failing = s.failing_instances, from = s.fail_from]() {
        int k = 0;
        {
          std::lock_guard<std::mutex> lock(j->m);
          k = ++j->made;
          if (j->factory_fails_from != 0 && k >= j->factory_fails_from)
            throw std::runtime_error("no more strategies");
        }
        return std::make_unique<flaky_buyer>(k, how, failing, from, j);
      },
      c);
  auto result = ts.run();
  o.ok = result.ok;
  for (const auto& p : result.problems)
    o.problems += p + "\n";
  o.cash = money::from_units(100'000);
  result.for_each_fill([&](const fill& f) {
    o.fills += std::to_string(f.header.ts_event) + " " + std::to_string(f.header.id) + " " +
               f.fill_qty.to_string() + "@" + f.fill_price.to_string() + "\n";
    o.ids.push_back(f.header.id);
    o.all.push_back(f);
    auto signed_qty = f.fill_side == side::buy ? f.fill_qty : -f.fill_qty;
    o.net = o.net + signed_qty;
    o.cash = o.cash - *notional(f.fill_price, signed_qty) - f.fee;
  });
  o.events = result.supervision_events;
  for (const auto& e : o.events)
    o.events_text += e.participant + "|" + e.what + "|" + std::to_string(e.data_time) + "|" +
                     e.action + "\n";
  return o;
}

restart_policy policy(std::uint32_t max, duration_ns backoff) {
  restart_policy p;
  p.max_restarts = max;
  p.backoff = backoff;
  p.multiplier = 2.0;
  p.max_backoff = 60 * second;
  return p;
}

} // namespace

TEST_CASE("without a restart policy a failing strategy stays halted (the control)") {
  setup s;
  auto o = run(s);
  REQUIRE_MESSAGE(o.ok, o.problems);
  REQUIRE(o.events.size() == 1);
  CHECK(o.events[0].what.find("halted: 2 exceptions (max_errors 2)") == 0);
  CHECK(o.events[0].data_time == 4 * second); // quotes 3 and 4 threw
  CHECK(o.events[0].action == "halted, open orders cancelled");
  CHECK(o.j->made == 1);
  CHECK(o.ids.size() == 2); // the market buys of quotes 2 and 4; the resting buy was cancelled
}

TEST_CASE("a halted strategy is restarted after the backoff and carries its books over") {
  setup s;
  s.policy = policy(2, 3 * second);
  auto o = run(s);
  REQUIRE_MESSAGE(o.ok, o.problems);
  INFO(o.events_text);
  REQUIRE(o.events.size() == 2);
  CHECK(o.events[0].participant == "strategy flaky (id 1)");
  CHECK(o.events[0].what.find("halted: 2 exceptions (max_errors 2), last: on_quote: bad quote") ==
        0);
  CHECK(o.events[0].data_time == 4 * second);
  CHECK(o.events[0].action ==
        "halted, open orders cancelled; restart 1 of 2 after 3s of data time");
  CHECK(o.events[1].what == "restarted (restart 1 of 2)");
  CHECK(o.events[1].data_time == 7 * second); // 4 s + 3 s of data time
  CHECK(o.j->made == 2);
  // Order numbering continues: every id unique and of strategy 1; instance 1 used sequence 1-3
  // (the resting buy and two market buys), instance 2's orders come after.
  std::set<order_id> unique(o.ids.begin(), o.ids.end());
  CHECK(unique.size() == o.ids.size());
  for (const auto& f : o.all) {
    CHECK(order_strategy(f.header.id) == 1);
    CHECK((f.header.ts_event < 7 * second) == (order_sequence(f.header.id) <= 3));
  }
  // Instance 2 starts with the position and cash of instance 1's two fills.
  quantity net_before;
  money cash_before = money::from_units(100'000);
  for (const auto& f : o.all)
    if (f.header.ts_event < 7 * second) {
      net_before = net_before + f.fill_qty;
      cash_before = cash_before - *notional(f.fill_price, f.fill_qty) - f.fee;
    }
  CHECK(net_before == qty("2"));
  std::lock_guard<std::mutex> lock(o.j->m);
  REQUIRE(o.j->start_books.count(2) == 1);
  CHECK(o.j->start_books[2] ==
        net_before.to_string() + " " + cash_before.to_string() + " 3");
  // The new instance rested its own buy of 5 at 95 on its first quote: it filled at the drop.
  CHECK(o.fills.find(" 5@") != std::string::npos);
  // Its books at the end equal the fills of both instances.
  REQUIRE(o.j->stop_books.count(2) == 1);
  CHECK(o.j->stop_books[2].rfind(o.net.to_string() + " " + o.cash.to_string() + " ", 0) == 0);
  for (int threads : {1, 4}) {
    CAPTURE(threads);
    auto again = s;
    again.threads = threads;
    auto a = run(again);
    REQUIRE_MESSAGE(a.ok, a.problems);
    CHECK(a.fills == o.fills);
    CHECK(a.events_text == o.events_text);
  }
}

TEST_CASE("a restart waits for the failed instance's cancels to be answered") {
  setup s;
  s.policy = policy(1, 0); // no backoff: only the open resting buy holds the restart back
  auto o = run(s);
  REQUIRE_MESSAGE(o.ok, o.problems);
  INFO(o.events_text);
  REQUIRE(o.events.size() == 2);
  CHECK(o.events[0].action == "halted, open orders cancelled; restart 1 of 1 after 0s of data time");
  CHECK(o.events[1].what == "restarted (restart 1 of 1)");
  CHECK(o.events[1].data_time >= 4 * second);
  std::lock_guard<std::mutex> lock(o.j->m);
  // No order of instance 1 was open when instance 2 started: its books hold 3 ids and 2 fills.
  CHECK(o.j->start_books[2].rfind("2 ", 0) == 0);
  CHECK(o.j->start_books[2].substr(o.j->start_books[2].rfind(' ')) == " 3");
}

TEST_CASE("the restart budget runs out and the backoff grows") {
  setup s;
  s.failing_instances = 100; // every instance fails on its own third quote
  s.policy = policy(2, 2 * second);
  auto o = run(s);
  REQUIRE_MESSAGE(o.ok, o.problems);
  INFO(o.events_text);
  REQUIRE(o.events.size() == 5);
  CHECK(o.events[0].data_time == 4 * second);
  CHECK(o.events[0].action.find("restart 1 of 2 after 2s") != std::string::npos);
  CHECK(o.events[1].what == "restarted (restart 1 of 2)");
  CHECK(o.events[1].data_time == 6 * second);
  // Instance 2 sees quotes 6, 7, 8, 9: its third and fourth throw.
  CHECK(o.events[2].data_time == 9 * second);
  CHECK(o.events[2].action.find("restart 2 of 2 after 4s") != std::string::npos);
  CHECK(o.events[3].what == "restarted (restart 2 of 2)");
  CHECK(o.events[3].data_time == 13 * second);
  CHECK(o.events[4].data_time == 16 * second);
  CHECK(o.events[4].action == "halted, open orders cancelled; no restart left (2 used)");
  CHECK(o.j->made == 3);
}

TEST_CASE("strategy_fatal_error restarts instead of isolating while restarts are left") {
  setup s;
  s.how = failure::fatal;
  s.failing_instances = 100;
  s.policy = policy(1, second);
  auto o = run(s);
  REQUIRE_MESSAGE(o.ok, o.problems);
  INFO(o.events_text);
  REQUIRE(o.events.size() == 3);
  CHECK(o.events[0].what == "fatal error: on_quote: state lost");
  CHECK(o.events[0].data_time == 3 * second);
  CHECK(o.events[1].what == "restarted (restart 1 of 1)");
  CHECK(o.events[1].data_time == 4 * second);
  // The second instance fails on its third quote (6 s) with no restart left: its actor exits and
  // supervision isolates it, as without a policy.
  CHECK(o.events[2].what.find("died") == 0);
  CHECK(o.events[2].action == "isolated, open orders cancelled");
  for (int threads : {1, 4}) {
    CAPTURE(threads);
    auto again = s;
    again.threads = threads;
    auto a = run(again);
    REQUIRE_MESSAGE(a.ok, a.problems);
    CHECK(a.fills == o.fills);
    CHECK(a.events_text == o.events_text);
  }
}

TEST_CASE("a factory that fails leaves the strategy halted and says why") {
  setup s;
  s.policy = policy(3, second);
  s.factory_fails_from = 2;
  auto o = run(s);
  REQUIRE_MESSAGE(o.ok, o.problems);
  INFO(o.events_text);
  REQUIRE(o.events.size() == 2);
  CHECK(o.events[1].what == "restart 1 of 3 failed: the factory threw: no more strategies");
  CHECK(o.events[1].action == "stays halted");
  CHECK(o.events[1].data_time == 5 * second);
  CHECK(o.ids.size() == 2);
}

TEST_CASE("a restart policy without a factory is a configuration problem") {
  system_config cfg;
  trading_system ts{cfg};
  add_quote_market(ts);
  strategy_actor_config c{1, 1, "flaky"};
  c.restart = policy(1, second);
  ts.add_strategy(std::make_unique<flaky_buyer>(1, failure::throws, 1, 3,
                                                std::make_shared<journal_of_instances>()),
                  c);
  auto problems = ts.validate();
  std::string all;
  for (const auto& p : problems)
    all += p + "\n";
  CHECK(all.find("restart: restarts need a factory") != std::string::npos);
}

TEST_CASE("in paper mode a failed strategy is restarted after the backoff") {
  setup s;
  s.mode = run_mode::paper;
  s.policy = policy(1, 2 * second);
  auto o = run(s);
  REQUIRE_MESSAGE(o.ok, o.problems);
  INFO(o.events_text);
  REQUIRE(o.events.size() == 2);
  CHECK(o.events[0].action.find("restart 1 of 1 after 2s") != std::string::npos);
  CHECK(o.events[1].what == "restarted (restart 1 of 1)");
  CHECK(o.events[1].data_time >= o.events[0].data_time + 2 * second);
  CHECK(o.j->made == 2);
  std::set<order_id> unique(o.ids.begin(), o.ids.end());
  CHECK(unique.size() == o.ids.size());
}
