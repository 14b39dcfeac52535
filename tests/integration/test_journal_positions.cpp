// A paper run recovered from a journal hands the positions its fills built to the order manager as
// well as to the portfolio and the strategies: the position limit (max_position) counts them, so a
// restarted run cannot buy past the limit it reached before.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "bourse/actors/builder/trading_system.hpp"

using namespace bourse;

namespace {

constexpr timestamp second = 1'000'000'000;

price px(const char* t) { return *price::parse(t); }
quantity qty(const char* t) { return *quantity::parse(t); }

// Ten quotes of AAA a second apart, from `start`.
std::vector<market_slice> quotes(timestamp start) {
  std::vector<market_slice> out;
  for (int i = 0; i < 10; ++i) {
    market_slice s;
    s.ts_event = s.ts_init = start + i * second;
    quote q;
    q.ts = s.ts_event;
    q.symbol = "AAA";
    q.bid = px("99.99");
    q.ask = px("100.01");
    q.bid_size = q.ask_size = qty("1000");
    s.quotes.push_back(q);
    out.push_back(std::move(s));
  }
  return out;
}

/// Buys `qty` at market on its first quote and records what came back.
class one_buy final : public strategy {
public:
  explicit one_buy(std::string q, std::shared_ptr<std::string> seen)
      : qty_(std::move(q)), seen_(std::move(seen)) {}
  strategy_spec requirements() const override {
    strategy_spec spec;
    spec.data.push_back({"AAA", market_stream::quotes});
    return spec;
  }

protected:
  void on_quote(const quote& q) override {
    if (!sent_)
      submit_market(q.symbol, side::buy, qty(qty_.c_str()));
    sent_ = true;
  }
  void on_order_update(const order_update& u) override {
    *seen_ += std::string{to_string(u.kind)} + " " + u.reason + ";";
  }
  void on_fill(const fill_event& f) override { *seen_ += "fill " + f.fill_qty.to_string() + ";"; }

private:
  std::string qty_;
  std::shared_ptr<std::string> seen_;
  bool sent_ = false;
};

run_result run_session(const std::string& journal, timestamp start, const char* buy,
                       std::shared_ptr<std::string> seen) {
  system_config cfg;
  cfg.set("scheduler.max-threads", 2);
  trading_system ts{cfg, run_mode::paper};
  ts.add_slices(quotes(start));
  venue_config v;
  v.name = "SIM";
  v.settings.instruments.push_back(*instrument::make("AAA", "0.01", "1"));
  ts.add_venue(v);
  order_manager_config om;
  orders::risk_limits limits;
  limits.max_position = qty("10");
  om.settings.strategy_limits[1] = limits;
  ts.set_order_manager(om);
  sequencer_config seq;
  seq.mode = run_mode::paper;
  seq.speed = 1000;
  ts.set_sequencer(seq);
  journal_config jc;
  jc.path = journal;
  ts.set_journal(jc);
  strategy_actor_config c{1, 1, "buyer"};
  c.paper_speed = 1000;
  ts.add_strategy(std::make_unique<one_buy>(buy, std::move(seen)), c);
  return ts.run();
}

} // namespace

TEST_CASE("a recovered paper run counts the journaled position against max_position") {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("bourse-journal-positions-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto journal = (dir / "j.sqlite").string();
  // What the strategies saw is for the failure message only: in paper mode an answer may come after
  // a strategy stopped. The fills in the results are what count.
  auto first_seen = std::make_shared<std::string>();
  auto first = run_session(journal, 1 * second, "8", first_seen);
  INFO("first: " << *first_seen);
  REQUIRE(first.ok);
  CHECK(first.fill_count() == 1);
  // The second session starts at 8 (recovered); 8 + 5 passes the limit of 10: only the restored
  // fill is in its results.
  auto second_seen = std::make_shared<std::string>();
  auto again = run_session(journal, 20 * second, "5", second_seen);
  INFO("second: " << *second_seen);
  REQUIRE(again.ok);
  CHECK(again.recovered_fills == 1);
  CHECK(again.fill_count() == 1);
  // A buy within the limit is still accepted after recovery: the restored fill and the new one.
  auto third_seen = std::make_shared<std::string>();
  auto third = run_session(journal, 40 * second, "2", third_seen);
  INFO("third: " << *third_seen);
  REQUIRE(third.ok);
  CHECK(third.recovered_fills == 1);
  CHECK(third.fill_count() == 2);
  std::filesystem::remove_all(dir);
}
