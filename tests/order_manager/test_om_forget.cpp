// Shows that the order manager and the venues forget finished orders without changing a single
// answer: every scenario below runs twice, once keeping every order and once forgetting finished
// orders whenever the desk settles (as the actors do after every step), and both must give the
// same events, details and warnings; meanwhile only live orders stay held.
#include <doctest/doctest.h>

#include <functional>

#include "bourse/strategy/order_ids.hpp"
#include "desk.hpp"

using namespace venue_kit;
using lines = std::vector<std::string>;

namespace {

// Every event a strategy received, with the detail of rejections and the header's owner.
lines full_lines(const desk& d) {
  lines out;
  for (const auto& e : d.strategy_events) {
    std::string line = std::to_string(e.strategy) + ": " + describe(e.event);
    const auto& h = header_of(e.event);
    line += " [" + std::to_string(h.strategy) + "/" + std::to_string(h.account) + "/" + h.symbol +
            "]";
    if (auto* r = std::get_if<order_rejected>(&e.event))
      line += " " + r->detail;
    out.push_back(line);
  }
  return out;
}

// Runs `scenario` on a desk that keeps every order and on one that forgets; compares.
void same_either_way(const std::function<void(desk&)>& scenario,
                     std::vector<venue::venue_settings> venues = {settings()}) {
  desk keep({}, venues);
  desk forget({}, venues);
  forget.forget = true;
  scenario(keep);
  scenario(forget);
  CHECK(full_lines(forget) == full_lines(keep));
  CHECK(forget.fill_reports.size() == keep.fill_reports.size());
  CHECK(forget.om.take_warnings() == keep.om.take_warnings());
  CHECK(forget.om.tracker().size() <= keep.om.tracker().size());
}

} // namespace

TEST_CASE("finished orders are forgotten once no venue answer can concern them") {
  desk d({});
  d.forget = true;
  d.on_quote(make_quote(1, "99.98", "100.02", "100", "1000"));
  d.send(limit(1, side::buy, "10", "100.02", time_in_force::ioc)); // fills at once
  d.send(limit(2, side::buy, "10", "99.00"));                      // rests
  CHECK(d.lines() ==
        lines{"7: accepted 1", "7: fill 1 buy 10@100.02 leaves 0 taker done", "7: accepted 2"});
  CHECK(d.om.tracker().find(1) == nullptr);
  CHECK(d.om.tracker().finished().size() == 1);
  CHECK(d.state_of(1) == order_state::filled);
  CHECK(d.om.tracker().find(2) != nullptr); // live orders stay
  CHECK(d.venues[0]->held_orders() == 1);
  CHECK(d.venues[0]->forgotten().contains(1));
  d.send(cancel(2));
  CHECK(d.om.tracker().size() == 0);
  CHECK(d.venues[0]->held_orders() == 0);
  CHECK(d.om.tracker().forgotten(2)->account == 70);
  CHECK(d.om.tracker().forgotten(2)->symbol == "AAPL");
}

TEST_CASE("an order whose cancel is still in flight is kept until the venue answers") {
  auto vs = settings();
  vs.latency.base = 1000;
  desk d({}, {vs});
  d.forget = true;
  d.send(limit(1, side::buy, "10", "99.00"));
  d.advance(1000);
  d.send(cancel(1));
  d.on_quote(make_quote(1500, "98.00", "98.90", "100", "100")); // fills before the cancel lands
  CHECK(d.state_of(1) == order_state::filled);
  CHECK(d.om.tracker().find(1) != nullptr); // the cancel's answer is still to come
  d.advance(2000);
  CHECK(d.lines() == lines{"7: accepted 1", "7: fill 1 buy 10@99.00 leaves 0 maker done",
                           "7: rejected 1 cancel order_finished"});
  CHECK(d.om.tracker().find(1) == nullptr);
  CHECK(d.om.take_warnings().empty());
}

TEST_CASE("forgotten orders are refused exactly as held finished orders") {
  SUBCASE("cancel and replace of a finished order, by its owner and by another strategy") {
    same_either_way([](desk& d) {
      d.send(limit(1, side::buy, "100", "99.00"));
      d.send(cancel(1));
      d.send(cancel(1));
      d.send(replace(1, "99.60", ""));
      d.send(cancel(1, 8));
      d.send(replace(1, "", "5", 8));
    });
  }
  SUBCASE("a reused id, also of an order refused by the order manager or the venue") {
    same_either_way([](desk& d) {
      d.on_quote(make_quote(1, "99.98", "100.02", "100", "100"));
      d.send(limit(1, side::buy, "10", "100.02"));
      d.send(limit(1, side::sell, "10", "101.00"));
      d.send(limit(2, side::buy, "10", "10.00", time_in_force::gtc, "TSLA")); // unknown symbol
      d.send(limit(2, side::buy, "10", "10.00"));
      d.send(limit(3, side::buy, "10", "10.005")); // the venue refuses: off tick
      d.send(limit(3, side::buy, "10", "10.00"));
      d.send(cancel(3));
      d.send(cancel(42));
    });
  }
  SUBCASE("late cancels and replaces racing fills, then the shutdown") {
    auto vs = settings();
    vs.latency.base = 1000;
    same_either_way(
        [](desk& d) {
          d.send(limit(1, side::buy, "10", "99.00"));
          d.send(limit(2, side::buy, "10", "99.00"));
          d.send(limit(3, side::sell, "5", "101.00", time_in_force::day));
          d.advance(1000);
          d.send(cancel(1));
          d.send(replace(2, "98.50", ""));
          d.on_quote(make_quote(1500, "98.00", "98.90", "100", "100"));
          d.advance(2000);
          d.send(replace(1, "98.00", ""));
          d.advance(3000);
          d.stop();
          d.send(limit(4, side::buy, "1", "97.00"));
          d.send(replace(3, "98.00", ""));
          d.send(cancel(2));
        },
        {vs});
  }
  SUBCASE("composed ids of two strategies, far apart") {
    same_either_way([](desk& d) {
      d.on_quote(make_quote(1, "99.98", "100.02", "100", "1000"));
      for (std::uint64_t seq : {1u, 2u, 3u, 70000u, 5u}) {
        auto a = limit(compose_order_id(7, seq), side::buy, "1", "100.02", time_in_force::ioc);
        d.send(a);
        auto b = limit(compose_order_id(8, seq), side::sell, "1", "99.98", time_in_force::ioc);
        b.strategy = 8;
        d.send(b);
      }
      d.send(limit(compose_order_id(7, 2), side::buy, "1", "100.02"));
      d.send(cancel(compose_order_id(8, 70000), 7));
      d.send(cancel(compose_order_id(8, 70000), 8));
    });
  }
}
